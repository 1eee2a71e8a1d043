import type { CompletionSpec } from "./tree.js";

/**
 * The spec as POSIX-style shell functions (case/echo), valid in bash and zsh:
 *   _gw_subs PATH             -> subcommands
 *   _gw_canon PATH WORD       -> the subcommand WORD names (an alias: its name), else WORD
 *   _gw_opts PATH             -> flags
 *   _gw_values PATH FLAG      -> fixed values
 *   _gw_value_kind PATH FLAG  -> what `gw __complete` offers for FLAG's value (profiles, hops)
 *   _gw_arg_kind PATH N       -> what `gw __complete` offers for the N-th (0-based) argument (vk, bindings, ...)
 *   _gw_takes_value PATH FLAG -> success if FLAG takes a value
 *   _gw_scan WORD...          -> sets cmdpath, nargs and prof (the caller's locals) from the words before the cursor
 *   _gw_dynamic KIND PREFIX   -> `gw __complete` candidates, `value<TAB>description` per line; nothing on failure
 */
export function shellDataFunctions(spec: CompletionSpec): string {
  const cases = (entries: [string, string][]) => entries.map(([key, body]) => `    ${quote(key)}) ${body} ;;`).join("\n");
  const subs = cases([...spec.subcommands].filter(([, v]) => v.length).map(([path, names]) => [path, `echo ${quote(names.join(" "))}`]));
  const canon = cases([...spec.aliases].map(([key, name]) => [key, `echo ${quote(name)}`]));
  const opts = cases([...spec.options].map(([path, flags]) => [path, `echo ${quote(flags.join(" "))}`]));
  const values = cases([...spec.values].map(([key, v]) => [key, `echo ${quote(v.join(" "))}`]));
  const valueKinds = cases([...spec.dynamicValues].map(([key, kind]) => [key, `echo ${kind}`]));
  const argKinds: string[] = [];
  for (const [path, { kinds, variadic }] of spec.args) {
    kinds.forEach((kind, i) => {
      if (kind || variadic) argKinds.push(`    ${quote(`${path}|${i}`)}) ${kind ? `echo ${kind} ` : ""};;`);
    });
    const last = kinds.at(-1);
    if (variadic && last) argKinds.push(`    ${quote(`${path}|`)}*) echo ${last} ;;`);
  }
  const takes = [...spec.takesValue].map(quote).join("|");
  return `_gw_subs() {
  case "$1" in
${subs}
  esac
}
_gw_canon() {
  case "$1|$2" in
${canon}
    *) echo "$2" ;;
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
_gw_value_kind() {
  case "$1|$2" in
${valueKinds}
  esac
}
_gw_arg_kind() {
  case "$1|$2" in
${argKinds.join("\n")}
  esac
}
_gw_takes_value() {
  case "$1|$2" in
    ${takes}) return 0 ;;
  esac
  return 1
}
_gw_scan() {
  # The command path (known subcommands), how many arguments follow it and the --profile given, from the
  # words before the cursor, skipping flags and their values. Sets the caller's cmdpath, nargs and prof.
  cmdpath="" nargs=0 prof=""
  local skip="" w sub
  for w in "$@"; do
    if [ -n "$skip" ]; then
      [ "$skip" = --profile ] && prof="$w"
      skip=""
      continue
    fi
    case "$w" in
      --profile=*) prof="\${w#--profile=}"; continue ;;
      --*=*) continue ;;
      -*) _gw_takes_value "$cmdpath" "$w" && skip="$w"; continue ;;
    esac
    if [ "$nargs" = 0 ]; then
      sub="$(_gw_canon "$cmdpath" "$w")"
      case " $(_gw_subs "$cmdpath") " in
        *" $sub "*) cmdpath="\${cmdpath:+$cmdpath }$sub"; continue ;;
      esac
    fi
    nargs=$((nargs + 1))
  done
}
_gw_dynamic() {
  if [ -n "$prof" ]; then
    gw __complete "$1" "$2" --profile "$prof" 2>/dev/null
  else
    gw __complete "$1" "$2" 2>/dev/null
  fi
}`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
