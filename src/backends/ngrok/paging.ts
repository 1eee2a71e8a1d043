import type { HttpClient } from "../../http/client.js";
import { collectPages, cursorPages } from "../paging.js";
import { unexpected } from "../wire-check.js";
import { mapNgrokError } from "./errors.js";
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

/**
 * Every page of an ngrok list (research §1.5), as they come: follow nextPageUri until it is null, within the
 * bounds every backend's paging has (../paging.ts). `page` reads one body into records and the cursor.
 */
export function ngrokPages<T>(
  http: HttpClient,
  path: string,
  what: string,
  page: (body: unknown, what: string) => { items: T[]; nextPageUri: string | null },
): AsyncGenerator<T[]> {
  return cursorPages(what, "nextPageUri", async (cursor) => {
    const request = cursor === undefined ? firstPage(path) : nextPageRequest(http.baseUrl, cursor, what, path);
    let body: unknown;
    try {
      body = (await http.request("GET", request.path, { query: request.query })).body;
    } catch (err) {
      throw mapNgrokError(err, what);
    }
    const { items, nextPageUri } = page(body, what);
    return { items, next: nextPageUri };
  });
}

/** Every record of an ngrok list (ngrokPages), in one array. */
export function allPages<T>(
  http: HttpClient,
  path: string,
  what: string,
  page: (body: unknown, what: string) => { items: T[]; nextPageUri: string | null },
): Promise<T[]> {
  return collectPages(ngrokPages(http, path, what, page));
}
