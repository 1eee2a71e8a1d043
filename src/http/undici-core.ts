import AgentClass from "undici/lib/dispatcher/agent.js";
import requestOn from "undici/lib/api/api-request.js";
import type { Dispatcher } from "undici";

/**
 * The two parts of undici gw uses, imported on their own: its connection pool (Agent) and its request API.
 * `import "undici"` also loads fetch, WebSocket, caches, mocks and proxies, and makes Node load its internal
 * copy of undici: measured with bench/deps.mjs, that was the largest single cost of `gw providers list`.
 * Deep paths are part of undici's published files (its package has no `exports` map).
 */
export const Agent = AgentClass;

/** undici.request(url, opts) on one dispatcher: the same options, origin and path split from the URL. */
export function request(
  url: string,
  opts: Omit<Dispatcher.RequestOptions, "origin" | "path"> & { dispatcher: Dispatcher },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = opts;
  const parsed = new URL(url);
  return requestOn.call(dispatcher, { ...rest, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` });
}

export type { Dispatcher };
