import type { Backend } from "../backends/backend.js";
import type { Binding } from "../domain/binding.js";
import { lookupOf, type RefKind } from "../commands/resolve.js";
import type { ConfigData } from "../profiles/types.js";
import type { DynamicKind } from "./kinds.js";

/** One completion: the word, and what the shells that show descriptions (zsh, fish) print beside it. */
export interface Candidate {
  value: string;
  description?: string;
}

/** Profile names from the config (no network call), the current one said so. Never a URL or a key. */
export function profileCandidates(config: ConfigData): Candidate[] {
  return Object.entries(config.profiles).map(([name, p]) => ({
    value: name,
    description: `${p.backend}${name === config.current ? ", current" : ""}`,
  }));
}

const REF_KINDS: Record<Exclude<DynamicKind, "profiles">, RefKind> = {
  vk: "virtualKey",
  bindings: "binding",
  hops: "binding",
  providers: "binding",
  gateways: "gateway",
};

/**
 * The records of a kind on this backend, from the one list call the verb's resolver makes (resolve.ts
 * lookupOf: no backend names here): every id, described by its name (and status when not active), then
 * every name that names exactly one record, described by its id, as `<id|name>` arguments accept both.
 * `hops` (chain set, --chain) offers ids only: hops are not resolved by name. `providers` (providers keys)
 * offers each binding's provider, the name the keys APIs take, described by the binding's name. A backend
 * without such records has none to offer.
 */
export async function recordCandidates(backend: Backend, kind: Exclude<DynamicKind, "profiles">): Promise<Candidate[]> {
  const lookup = lookupOf(backend, REF_KINDS[kind]);
  if (!lookup) return [];
  const records = await lookup.list();
  if (kind === "providers") {
    return (records as Binding[]).map((b) => (b.name && b.name !== b.provider ? { value: b.provider, description: b.name } : { value: b.provider }));
  }
  const ids = new Set(records.map((r) => r.id));
  const out: Candidate[] = records.map((r) => {
    const name = lookup.namesOf(r)[0];
    const status = r.status && !["active", "ready"].includes(r.status) ? r.status : undefined;
    const description = [name, status].filter(Boolean).join(", ");
    return description ? { value: r.id, description } : { value: r.id };
  });
  if (kind === "hops") return out;
  const owners = new Map<string, string[]>();
  for (const r of records) {
    for (const name of new Set(lookup.namesOf(r))) owners.set(name, [...(owners.get(name) ?? []), r.id]);
  }
  for (const [name, of] of owners) {
    if (of.length === 1 && !ids.has(name)) out.push({ value: name, description: of[0]! });
  }
  return out;
}

/** A control character (a newline, a tab, an escape sequence) would break the one-per-line protocol or the prompt. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The candidates starting with `prefix`, one per line as `value<TAB>description`; values a shell cannot
 * take as one word safely (empty, or with control characters) are left out, descriptions cleaned.
 */
export function formatCandidates(candidates: readonly Candidate[], prefix = ""): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of candidates) {
    if (!c.value || CONTROL.test(c.value) || !c.value.startsWith(prefix) || seen.has(c.value)) continue;
    seen.add(c.value);
    const description = (c.description ?? "").replace(new RegExp(CONTROL, "g"), " ").trim();
    lines.push(description ? `${c.value}\t${description.slice(0, 80)}` : c.value);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
