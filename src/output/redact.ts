/** Show enough of a secret to recognise it, never enough to use it: `sk-l****abcd`. */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return "(none)";
  if (secret.length <= 12) return "****";
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
