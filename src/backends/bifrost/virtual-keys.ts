import type { WithRaw } from "../../domain/binding.js";
import { rulesForKey, type RoutingRule } from "../../domain/chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { MAX_PAGES } from "../paging.js";
import { isRecord, unexpected } from "../wire-check.js";
import { mapBifrostError } from "./errors.js";
import type { Reads } from "./reads.js";
import { toRoutingRule } from "./rules-from-wire.js";
import { toVirtualKey } from "./vk-from-wire.js";
import { LEGACY_ROUTING_RULES_PATH, ROUTING_RULES_PATH, VIRTUAL_KEYS_PATH, virtualKeyPath } from "./wire.js";

const PAGE_LIMIT = 100; // ClampPaginationParams' maximum (§2.6)

/** Virtual keys and the routing rules that hold their fallbacks (reads; the write verbs build on these). */
export function bifrostVirtualKeys(http: HttpClient, reads: Reads) {
  /**
   * Paged with limit/offset (§2.6). A server that ignores them returns everything with total_count = count, so
   * the loop ends after one page; ids already seen end it too, should a server repeat a page, and MAX_PAGES ends
   * a server that never stops handing out new ones.
   */
  async function listVirtualKeys(): Promise<WithRaw<VirtualKey>[]> {
    const what = "list virtual keys";
    const generation = await reads.generation(what);
    const keys = new Map<string, WithRaw<VirtualKey>>();
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const res = await reads.call(what, () => http.request("GET", VIRTUAL_KEYS_PATH, { query: { limit: PAGE_LIMIT, offset } }));
      const body = res.body;
      if (!isRecord(body) || !Array.isArray(body.virtual_keys)) throw unexpected(what, `expected {"virtual_keys": [...]}`);
      const before = keys.size;
      for (const item of body.virtual_keys) {
        const key = toVirtualKey(item, what, generation);
        if (!keys.has(key.id)) keys.set(key.id, key);
      }
      offset += body.virtual_keys.length;
      const total = typeof body.total_count === "number" ? body.total_count : undefined;
      if (body.virtual_keys.length === 0 || keys.size === before || (total !== undefined ? offset >= total : body.virtual_keys.length < PAGE_LIMIT)) {
        return [...keys.values()];
      }
    }
    throw unexpected(what, `the server kept returning full pages of new keys (more than ${MAX_PAGES} pages)`);
  }

  async function getVirtualKey(id: string): Promise<WithRaw<VirtualKey>> {
    const what = `get virtual key ${id}`;
    const generation = await reads.generation(what);
    try {
      const body = (await http.request("GET", virtualKeyPath(id))).body;
      if (!isRecord(body) || !isRecord(body.virtual_key)) throw unexpected(what, `expected {"virtual_key": {...}}`);
      return toVirtualKey(body.virtual_key, what, generation);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) throw new NotFoundError(`${what}: virtual key not found (see gw vk list)`);
      throw mapBifrostError(err, what);
    }
  }

  /** The base path that served the rules, once one did; null once neither exists. */
  let rulesBase: string | null | undefined;

  /**
   * Where this server keeps routing rules: /api/routing/rules since v2.0, /api/governance/routing-rules on
   * v1.x (a deprecated alias on v2). The new path is read first and the old one on 404; a server whose
   * release says v1.x is asked the old path only. null: neither exists (no routing plugin). The write verbs
   * use the same answer.
   */
  async function routingRulesRead(what: string): Promise<{ base: string; body: unknown } | null> {
    if (rulesBase === null) return null;
    const { release, generation } = await reads.version(what);
    const knownV1 = release !== null && generation !== "2";
    const candidates = rulesBase ? [rulesBase] : knownV1 ? [LEGACY_ROUTING_RULES_PATH] : [ROUTING_RULES_PATH, LEGACY_ROUTING_RULES_PATH];
    for (const base of candidates) {
      try {
        const body = (await http.request("GET", base)).body;
        rulesBase = base;
        return { base, body };
      } catch (err) {
        if (err instanceof ApiError && err.category === "http" && err.status === 404) continue;
        throw mapBifrostError(err, what);
      }
    }
    rulesBase = null;
    return null;
  }

  /** Every routing rule of the server (every scope), as listed; null when the server has no routing-rules API. */
  async function allRoutingRules(what: string): Promise<RoutingRule[] | null> {
    const read = await routingRulesRead(what);
    if (!read) return null;
    const { body } = read;
    if (!isRecord(body) || !Array.isArray(body.rules)) throw unexpected(what, `expected {"rules": [...]}`);
    return body.rules.flatMap((r) => toRoutingRule(r));
  }

  /**
   * Fallbacks are not on the key but in routing rules (§2.7): read them all once and keep those whose scope
   * covers the key. null when the server has no routing-rules API.
   */
  async function routingRules(key: VirtualKey): Promise<RoutingRule[] | null> {
    const rules = await allRoutingRules(`list routing rules of virtual key ${key.id}`);
    return rules === null ? null : rulesForKey(rules, key);
  }

  /** The base path of this server's routing rules (for writes: POST there, PUT/DELETE `${base}/{rule_id}`); null without any. */
  async function routingRulesBase(what: string): Promise<string | null> {
    if (rulesBase !== undefined) return rulesBase;
    return (await routingRulesRead(what))?.base ?? null;
  }

  return { listVirtualKeys, getVirtualKey, routingRules, allRoutingRules, routingRulesBase };
}
