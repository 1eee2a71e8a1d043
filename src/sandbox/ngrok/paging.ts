import type { Reply, RequestContext } from "../backend.js";
import type { NgrokState } from "./state.js";
import { originOf, PROVIDERS, providerBody } from "./wire.js";

export const DEFAULT_LIMIT = 100;

/**
 * GET /providers: descending id order; `beforeId` keeps ids that sort before it (it need not exist);
 * `limit` 1..100, default 100 (the contract refuses others). nextPageUri carries the cursor and the limit,
 * and is null once nothing is left (research §1.5).
 */
export function listPage(s: NgrokState, c: RequestContext): Reply {
  const beforeId = c.query.get("beforeId") || undefined;
  const limitParam = c.query.get("limit");
  const limit = limitParam ? Number(limitParam) : DEFAULT_LIMIT;
  const ids = [...s.providers.keys()].sort().reverse();
  const remaining = beforeId === undefined ? ids : ids.filter((id) => id < beforeId);
  const page = remaining.slice(0, limit);
  const origin = originOf(c.headers);
  const last = page[page.length - 1];
  const nextPageUri =
    remaining.length > limit && last !== undefined
      ? `${origin}${PROVIDERS}?${new URLSearchParams({ beforeId: last, limit: String(limit) }).toString()}`
      : null;
  return {
    status: 200,
    body: {
      aiGatewayProviders: page.map((id) => providerBody(s.providers.get(id)!, origin)),
      uri: `${origin}${PROVIDERS}`,
      nextPageUri,
    },
  };
}

/**
 * Any ngrok list (/access-keys, /access-key-configurations): the same cursor rules as /providers, the
 * rows under `field`, each answered by `body`.
 */
export function pageOf<T>(rows: ReadonlyMap<string, T>, c: RequestContext, path: string, field: string, body: (row: T, origin: string) => unknown): Reply {
  const beforeId = c.query.get("beforeId") || undefined;
  const limitParam = c.query.get("limit");
  const limit = limitParam ? Number(limitParam) : DEFAULT_LIMIT;
  const ids = [...rows.keys()].sort().reverse();
  const remaining = beforeId === undefined ? ids : ids.filter((id) => id < beforeId);
  const page = remaining.slice(0, limit);
  const origin = originOf(c.headers);
  const last = page[page.length - 1];
  const nextPageUri =
    remaining.length > limit && last !== undefined ? `${origin}${path}?${new URLSearchParams({ beforeId: last, limit: String(limit) }).toString()}` : null;
  return { status: 200, body: { [field]: page.map((id) => body(rows.get(id)!, origin)), uri: `${origin}${path}`, nextPageUri } };
}
