import { maskSecret, redactSecrets } from "../output/redact.js";

const MAX_BODY = 4096;

/** --debug lines: `> METHOD url`, headers (auth masked), body; `< status (ms)`, body. Secrets never appear. */
export function traceRequest(
  trace: (line: string) => void,
  secrets: readonly string[],
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): void {
  const lines = [`> ${method} ${url}`];
  for (const [name, value] of Object.entries(headers)) {
    lines.push(`> ${name}: ${isSecretHeader(name, value, secrets) ? maskSecret(value) : value}`);
  }
  if (body) lines.push(truncate(body));
  for (const line of lines) trace(redactSecrets(line, secrets));
}

export function traceResponse(trace: (line: string) => void, secrets: readonly string[], status: number, ms: number, body: string): void {
  trace(`< ${status} (${Math.round(ms)} ms)`);
  if (body) trace(redactSecrets(truncate(body), secrets));
}

export function traceFailure(trace: (line: string) => void, secrets: readonly string[], message: string, ms: number): void {
  trace(redactSecrets(`< ${message} (${Math.round(ms)} ms)`, secrets));
}

function isSecretHeader(name: string, value: string, secrets: readonly string[]): boolean {
  return /^(authorization|x-auth-token|x-api-key|api-key|cookie)$/i.test(name) || secrets.some((s) => s && value.includes(s));
}

function truncate(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}... (${text.length} bytes)` : text;
}
