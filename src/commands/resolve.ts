import type { Backend, ModelProvidersPart } from "../backends/backend.js";
import { bindingNames, type BindInput } from "../domain/binding.js";
import { gatewayNames } from "../domain/gateway.js";
import { virtualKeyNames } from "../domain/virtual-key.js";
import { NotFoundError, RejectedError, UsageError } from "../errors.js";
import { cell } from "../output/cell-text.js";

/**
 * Addressing (issue 13): every command that takes an id also takes the name people use in documents and
 * dashboards. One resolver for every record kind; what a record is called comes from the domain
 * (bindingNames, virtualKeyNames, gatewayNames), never from a backend's name. Ids win when a string is both.
 */

/** How to find records of one kind: read one by id, list them all, and the names each goes by. */
export interface RefLookup<T extends { id: string; status?: string }> {
  /** Read one record by id (or whatever the control plane reads by); NotFoundError when there is none. Absent: looked up in `list`. */
  get?(id: string): Promise<T>;
  list(): Promise<T[]>;
  namesOf(record: T): string[];
  /** What the record is called in messages, e.g. "virtual key". */
  noun: string;
  /** Where its ids are listed, for messages, e.g. "gw vk list". */
  listedBy?: string;
}

/** What the list says a ref is: an id, the name of exactly one record (its id), or nothing. */
type Match = { kind: "id" } | { kind: "name"; id: string } | { kind: "none" };

/**
 * The id `ref` names. The id first (`get`, or the list where the part only lists); when there is none,
 * the names: one match is its id, several are a usage error (exit 2) listing `name (id)`, none is a
 * NotFoundError (exit 4) naming the ref.
 */
export async function resolveRef<T extends { id: string; status?: string }>(ref: string, lookup: RefLookup<T>): Promise<string> {
  let missing: unknown;
  if (lookup.get) {
    try {
      return (await lookup.get(ref)).id;
    } catch (err) {
      if (!isMissing(err)) throw err;
      missing = err;
    }
  }
  const match = await matchRef(ref, lookup, missing);
  if (match.kind === "id") return ref;
  if (match.kind === "name") return match.id;
  throw missing instanceof RejectedError ? missing : notFound(ref, lookup);
}

/**
 * Match `ref` against a list: an id wins, then names. `failed` is the error of the read by id, rethrown
 * when the list cannot be read (what the user asked for was that read).
 */
export async function matchRef<T extends { id: string; status?: string }>(ref: string, lookup: RefLookup<T>, failed?: unknown): Promise<Match> {
  let all: T[];
  try {
    all = await lookup.list();
  } catch (err) {
    throw failed ?? err;
  }
  if (all.some((r) => r.id === ref)) return { kind: "id" };
  const named = all.filter((r) => lookup.namesOf(r).includes(ref));
  if (named.length === 1) return { kind: "name", id: named[0]!.id };
  if (named.length > 1) {
    const candidates = named.map((r) => `${cell(lookup.namesOf(r)[0] ?? ref)} (${cell(r.id)}${r.status && !["active", "ready"].includes(r.status) ? `, ${cell(r.status)}` : ""})`);
    throw new UsageError(`${lookup.noun} name "${cell(ref)}" is ambiguous: ${candidates.join(", ")}; give the id`);
  }
  return { kind: "none" };
}

function notFound(ref: string, lookup: { noun: string; listedBy?: string }): NotFoundError {
  return new NotFoundError(`no ${lookup.noun} has the id or name "${cell(ref)}"${lookup.listedBy ? ` (see ${lookup.listedBy})` : ""}`);
}

/**
 * A control plane's "there is none": NotFound, or a refusal of the id's form (a 400 from an API that only
 * takes UUIDs). Either way a name may still match; a refusal of a real id is rethrown after the list says so.
 */
function isMissing(err: unknown): boolean {
  return err instanceof NotFoundError || err instanceof RejectedError;
}

/**
 * Argument help of the commands that take a ref, one wording everywhere. Shell completion knows what an
 * argument takes by this help (src/completion/tree.ts): keep the constants, not a copy of their text.
 */
export const BINDING_REF = "binding id or name: provider/slot (LangWatch openai/primary), providerId (ngrok), provider name (Bifrost)";
export const KEY_REF = "virtual key id or name";
export const GATEWAY_REF = "gateway id (UUID) or name";
export const HOP_REF = "hops in order (LangWatch: binding ids or provider/slot; Bifrost: provider[/model])";
/** The provider of `providers keys ...`: the one name the keys APIs take for it. */
export const PROVIDER_REF = "provider: its name (Bifrost) or providerId (ngrok)";
/** A stored profile (profile use, show, remove); `profile add` names a new one. */
export const PROFILE_REF = "profile name";

// ---------------------------------------------------------------------------------------------------------
// The record kinds commands address, and how each backend's parts list them.

export type RefKind = "binding" | "virtualKey" | "gateway";

/** The lookup of a kind on this backend; undefined where the backend has no such records (the verb then says why). */
export function lookupOf(backend: Backend, kind: RefKind): RefLookup<{ id: string; status?: string }> | undefined {
  switch (kind) {
    case "binding": {
      const part = backend.bindings;
      return part && { get: (id) => part.get(id), list: () => part.list(), namesOf: bindingNames, noun: "binding", listedBy: "gw providers list" };
    }
    case "virtualKey": {
      const part = backend.virtualKeys;
      return part && { get: (id) => part.get(id), list: () => part.list(), namesOf: virtualKeyNames, noun: "virtual key", listedBy: "gw vk list" };
    }
    case "gateway": {
      const part = backend.gateways;
      return part && { get: (id) => part.get(id), list: () => part.list(), namesOf: gatewayNames, noun: "gateway", listedBy: "gw gateways list" };
    }
  }
}

/** Refs resolved so far, per backend, so that a command naming a record twice (confirm, then delete) lists once. */
const resolved = new WeakMap<Backend, Map<string, string>>();

/**
 * Run `use` on the record `ref` names, ids and names alike. A real run tries `ref` as the id first (no
 * extra request for an id: scripts see the requests they always did) and, only when the control plane has
 * no such record, lists and matches the names, then runs `use` on the id. A dry run resolves first (reads
 * go through --dry-run), so the write it prints names the real id.
 */
export async function byRef<T>(
  backend: Backend,
  kind: RefKind,
  ref: string,
  use: (id: string) => Promise<T>,
  opts: { dryRun?: boolean } = {},
): Promise<T> {
  const memo = resolved.get(backend) ?? new Map<string, string>();
  resolved.set(backend, memo);
  const key = `${kind}\u0000${ref}`;
  const known = memo.get(key);
  if (known !== undefined) return use(known);
  const lookup = lookupOf(backend, kind);
  if (!lookup) return use(ref);
  if (opts.dryRun) {
    const id = await resolveRef(ref, lookup);
    memo.set(key, id);
    return use(id);
  }
  try {
    const out = await use(ref);
    memo.set(key, ref);
    return out;
  } catch (err) {
    if (!isMissing(err)) throw err;
    // Rethrown as is where the ref is an id (the error was about something else) or matches nothing
    // (the control plane's own message already names the ref).
    const match = await matchRef(ref, lookup, err);
    if (match.kind !== "name") throw err;
    memo.set(key, match.id);
    return use(match.id);
  }
}

/**
 * `providers bind --provider <id|name>` where the backend lists the model providers a binding wraps
 * (LangWatch): a stored provider's id as is, else the provider name of exactly one stored provider. A name
 * that is only a registry default (never stored) is a usage error saying where to store it; anything else
 * goes to the control plane as given (an id gw cannot list is the server's to judge).
 */
export async function modelProviderId(part: ModelProvidersPart, ref: string): Promise<string> {
  const providers = await part.list();
  const stored = providers.flatMap((p) => (p.stored && p.id !== null ? [{ id: p.id, status: p.enabled ? "active" : "disabled", provider: p.provider }] : []));
  const match = await matchRef(ref, { list: async () => stored, namesOf: (p) => [p.provider], noun: "model provider" });
  if (match.kind === "name") return match.id;
  if (match.kind === "none" && providers.some((p) => !p.stored && p.provider === ref)) {
    throw new UsageError(
      `model provider "${cell(ref)}" is not stored in this project: add its credentials in the dashboard under Settings -> Model Providers first (gw providers available lists what can be bound)`,
    );
  }
  return ref;
}

/**
 * `use(input)` with `--provider` as given, and only when the control plane knows no model provider of
 * that id, again with the one `modelProviderId` finds by name: an id costs no extra request. Without the
 * part (a backend that binds by name anyway), `use(input)` alone.
 */
export async function byModelProvider<T>(part: ModelProvidersPart | undefined, input: BindInput, use: (input: BindInput) => Promise<T>): Promise<T> {
  if (!part) return use(input);
  try {
    return await use(input);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    let id: string;
    try {
      id = await modelProviderId(part, input.providerId);
    } catch (lookupError) {
      throw lookupError instanceof UsageError ? lookupError : err;
    }
    if (id === input.providerId) throw err;
    return use({ ...input, providerId: id });
  }
}
