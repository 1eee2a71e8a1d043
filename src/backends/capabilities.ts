import { UsageError } from "../errors.js";
import { VERB_PARTS, type Backend, type Parts, type Verb } from "./backend.js";

/** The part a verb works on, e.g. "providers update" -> BindingsPart. */
export type PartOf<V extends Verb> = NonNullable<Parts[(typeof VERB_PARTS)[V]]>;

/**
 * The part of the backend a verb needs, typed, or a usage error (exit 2) naming the backend and why it
 * cannot, before any request is sent.
 */
export function requirePart<V extends Verb>(backend: Backend, verb: V): PartOf<V> {
  const part = backend.info.capabilities[verb] ? (backend[VERB_PARTS[verb]] as PartOf<V> | undefined) : undefined;
  if (!part) {
    const why = backend.info.unsupported[verb];
    throw new UsageError(`the ${backend.info.name} backend does not support \`gw ${verb}\`${why ? `: ${why}` : ""} (see gw backends)`);
  }
  return part;
}
