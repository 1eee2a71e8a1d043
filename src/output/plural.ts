/**
 * A count with its noun, in the right number: `1 virtual key`, `4 virtual keys`, `0 changes`. `many`
 * defaults to the noun plus "s"; give it where English does otherwise (`1 access key configuration` is
 * regular, `1 entry` is not).
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
