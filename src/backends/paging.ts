import { unexpected } from "./wire-check.js";

/**
 * The most pages gw follows in one list, on every backend: 1,000 pages are 100,000 records at ngrok's and
 * Bifrost's page size (200,000 at LangWatch's), far past any real control plane. A server handing out an
 * endless cursor stops here, not at 25k requests (issue 14).
 */
export const MAX_PAGES = 1_000;

export interface CursorPage<T> {
  items: T[];
  /** The cursor of the next page (a token, a next URI); null or "" at the end. */
  next: string | null | undefined;
}

/**
 * Every page of a cursor-paged list, page by page: `fetch(undefined)` is the first page, `fetch(cursor)` the
 * next. A cursor seen twice is a server loop and more than MAX_PAGES pages an endless list: both end with one
 * line (exit 6) that names the cursor's field but never its value, which is an opaque token and may carry a
 * credential in a query string (`?access_token=`).
 */
export async function* cursorPages<T>(
  what: string,
  cursorName: string,
  fetch: (cursor: string | undefined) => Promise<CursorPage<T>>,
): AsyncGenerator<T[]> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const { items, next } = await fetch(cursor);
    yield items;
    if (!next) return;
    if (seen.has(next)) throw unexpected(what, `the server returned the same ${cursorName} twice (after page ${page})`);
    if (page >= MAX_PAGES) throw unexpected(what, `the server kept returning ${cursorName} (more than ${MAX_PAGES} pages)`);
    seen.add(next);
    cursor = next;
  }
}

/** Every record of a paged list, in one array. */
export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
