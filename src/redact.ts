/**
 * Show enough of a secret to recognise it, never enough to use it: `sk-l****abcd`, and only for a secret
 * long enough that 8 characters are a small part of it; a shorter one (a Basic password) is `****`.
 */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return "(none)";
  if (secret.length < 20) return "****";
  return `${secret.slice(0, 4)}****${secret.slice(-4)}`;
}

/** Replace every occurrence of each secret in `text` by its masked form. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}

/** A parsed JSON value with every secret masked in its strings, keys included (an error body adapters read). */
export function redactJson(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactSecrets(k, secrets), redactJson(v, secrets)]));
  }
  return value;
}

// C0/C1 controls and ESC sequences: a server string must not move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Strip terminal control characters from text that came from a server. Tabs and newlines survive. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, "");
}

/** One line: control characters stripped and whitespace runs (incl. newlines) folded. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s+/g, " ").trim();
}
