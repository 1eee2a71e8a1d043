/** Small readers of request JSON for the handlers (the sandbox imports nothing from the adapters). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === "string";
export const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);

