import { UsageError } from "../errors.js";

/** The longest key gw stores: real control-plane keys are well under 200 characters; a JWT may reach a few KB. */
export const MAX_API_KEY_LENGTH = 4096;

/**
 * The shape every stored key must have (README "Security"): printable ASCII (U+0020-U+007E, which an HTTP
 * header can carry as is) and at most 4096 characters. A control character (an escape sequence from a
 * copied terminal line), a non-ASCII one (a smart quote, a look-alike letter) or a huge value is not a key;
 * it is refused with the rule and the position, never the key itself. `source` names where it came from.
 */
export function checkApiKey(source: string, key: string): string {
  const refuse = (why: string) => new UsageError(`${source}: the API key ${why}; it was not stored`);
  if (key.length > MAX_API_KEY_LENGTH) throw refuse(`is ${key.length} characters long; at most ${MAX_API_KEY_LENGTH} are accepted`);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw refuse(`has a control character at position ${i + 1}; keys are printable ASCII`);
    if (c > 0x7e) throw refuse(`has a non-ASCII character at position ${i + 1}; keys are printable ASCII`);
  }
  return key;
}
