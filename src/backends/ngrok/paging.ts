import { unexpected } from "../wire-check.js";
import { PAGE_LIMIT, PROVIDERS_PATH } from "./wire.js";

export interface PageRequest {
  path: string;
  query: Record<string, string | number>;
}

/** The first page of a list: /providers unless another collection (/provider-keys) is named. */
export const firstPage = (path: string = PROVIDERS_PATH): PageRequest => ({ path, query: { limit: PAGE_LIMIT } });

/**
 * The request for a list's `nextPageUri` (research §1.5). Its exact form is unconfirmed (§1.8): it may be
 * relative or absolute. Either way gw keeps only its path and query and asks the profile's base URL, so
 * the key never travels to a host the profile does not name. A base URL with a path (a proxy prefix)
 * is stripped from a next URI that repeats it. The server's query (beforeId, limit) is kept as given.
 */
export function nextPageRequest(baseUrl: string, nextPageUri: string, what: string, collection: string = PROVIDERS_PATH): PageRequest {
  const base = new URL(`${baseUrl.replace(/\/+$/, "")}/`);
  let next: URL;
  try {
    next = new URL(nextPageUri, base);
  } catch {
    throw unexpected(what, "nextPageUri is not a URI; --debug shows it");
  }
  const prefix = base.pathname.replace(/\/+$/, "");
  const path = prefix && next.pathname.startsWith(`${prefix}/`) ? next.pathname.slice(prefix.length) : next.pathname;
  // Not quoted in the message: a cursor can carry a token (…?access_token=), and only the trace masks keys.
  if (path !== collection) throw unexpected(what, `nextPageUri does not point at ${collection}; --debug shows it`);
  const query: Record<string, string | number> = Object.fromEntries(next.searchParams);
  if (query.limit === undefined) query.limit = PAGE_LIMIT;
  return { path, query };
}
