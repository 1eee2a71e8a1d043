import type { CompletionSpec } from "./tree.js";

/**
 * The spec as POSIX-style shell functions (case/echo), valid in bash and zsh:
 *   _gw_subs PATH            -> subcommands
 *   _gw_opts PATH            -> flags
 *   _gw_values PATH FLAG     -> fixed values, or the profile names
 *   _gw_takes_value PATH FLAG -> success if FLAG takes a value
 */
export function shellDataFunctions(spec: CompletionSpec): string {
  const cases = (entries: [string, string][]) =>
    entries.map(([key, body]) => `    ${quote(key)}) ${body} ;;`).join("\n");
  const subs = cases([...spec.subcommands].filter(([, v]) => v.length).map(([path, names]) => [path, `echo ${quote(names.join(" "))}`]));
  const opts = cases([...spec.options].map(([path, flags]) => [path, `echo ${quote(flags.join(" "))}`]));
  const values = cases(
    [...spec.values].map(([key, v]) => [key, v === "dynamic:profiles" ? "gw __complete profiles 2>/dev/null" : `echo ${quote(v.join(" "))}`]),
  );
  const takes = [...spec.takesValue].map(quote).join("|");
  return `_gw_subs() {
  case "$1" in
${subs}
  esac
}
_gw_opts() {
  case "$1" in
${opts}
  esac
}
_gw_values() {
  case "$1|$2" in
${values}
  esac
}
_gw_takes_value() {
  case "$1|$2" in
    ${takes}) return 0 ;;
  esac
  return 1
}
_gw_path() {
  # The command path from the words before the cursor: known subcommands, skipping flags and their values.
  local cmdpath="" skip=0 w
  for w in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$w" in
      --*=*) continue ;;
      -*) _gw_takes_value "$cmdpath" "$w" && skip=1; continue ;;
    esac
    case " $(_gw_subs "$cmdpath") " in
      *" $w "*) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done
  echo "$cmdpath"
}`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
