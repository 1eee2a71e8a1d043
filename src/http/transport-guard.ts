import { UsageError } from "../errors.js";

/**
 * localhost, 127.0.0.0/8, ::1: literal loopback only. `<name>.localhost` is left out on purpose: a resolver
 * need not send it to this machine (it passed the guard while resolving elsewhere).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A key never travels over plain http, except to this machine. */
export function assertSafeTransport(baseUrl: string, sendsKey: boolean): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`invalid control plane URL "${baseUrl}" (expected http:// or https://)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`invalid control plane URL "${baseUrl}" (expected http:// or https://)`);
  }
  if (url.protocol === "http:" && sendsKey && !isLoopbackHost(url.hostname)) {
    throw new UsageError(
      `refusing to send an API key over plain http to ${url.hostname}; use https:// (plain http is allowed only for loopback hosts)`,
    );
  }
}
