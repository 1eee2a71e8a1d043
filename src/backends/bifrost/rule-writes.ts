import type { RoutingRule, RuleScope } from "../../domain/chain.js";
import { NotFoundError, UsageError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import type { WireTargetWrite } from "./chain-to-wire.js";
import { mapBifrostError } from "./errors.js";
import { routingRulePath } from "./wire.js";

/** POST body of a routing rule (CreateRoutingRuleRequest, research §2.7). */
export interface WireRuleWrite {
  name?: string;
  description?: string;
  enabled?: boolean;
  chain_rule?: boolean;
  cel_expression?: string;
  targets?: WireTargetWrite[] | WireTargetWithKey[];
  fallbacks?: string[];
  scope?: RuleScope;
  scope_id?: string | null;
  priority?: number;
}

export interface WireTargetWithKey {
  provider?: string;
  model?: string;
  key_id?: string;
  weight: number;
}

/** What the rule writes need of the reads in virtual-keys.ts. */
interface RuleReads {
  allRoutingRules(what: string): Promise<RoutingRule[] | null>;
  routingRulesBase(what: string): Promise<string | null>;
}

/** Routing rules of every scope, read and written where the server keeps them (v2: /api/routing/rules; v1.x: the governance path). */
export interface BifrostRoutingRules {
  /** null: the server has no routing-rules API. */
  list(): Promise<RoutingRule[] | null>;
  create(body: WireRuleWrite): Promise<void>;
  /** Only the fields in `body` change; `targets`, when given, replaces all targets. */
  update(id: string, body: WireRuleWrite): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * Routing rules are no verb's part (gw chain set writes one rule of a key; gw apply manages them all): the
 * config kinds reach them through the backend's chainWrites part, which the adapter registers here.
 */
const RULES = new WeakMap<object, BifrostRoutingRules>();

export function routingRulesBehind(chainWrites: object | undefined): BifrostRoutingRules | undefined {
  return chainWrites ? RULES.get(chainWrites) : undefined;
}

export function registerRoutingRules(chainWrites: object, rules: BifrostRoutingRules): void {
  RULES.set(chainWrites, rules);
}

const NO_RULES =
  "this Bifrost server has no routing-rules API (neither /api/routing/rules nor /api/governance/routing-rules answered)";

export function bifrostRoutingRules(http: HttpClient, reads: RuleReads): BifrostRoutingRules {
  async function base(what: string): Promise<string> {
    const found = await reads.routingRulesBase(what);
    if (found === null) throw new UsageError(`${what}: ${NO_RULES}`);
    return found;
  }

  async function send(what: string, method: "POST" | "PUT" | "DELETE", path: string, body?: WireRuleWrite, id?: string): Promise<void> {
    try {
      await http.request(method, path, body === undefined ? {} : { body });
    } catch (err) {
      if (id !== undefined && err instanceof ApiError && err.category === "http" && err.status === 404) {
        throw new NotFoundError(`${what}: routing rule ${oneLine(id)} not found (deleted meanwhile?)`);
      }
      throw mapBifrostError(err, what);
    }
  }

  return {
    list: () => reads.allRoutingRules("list routing rules"),
    async create(body) {
      const what = `create routing rule ${body.name ?? ""}`.trim();
      await send(what, "POST", await base(what), body);
    },
    async update(id, body) {
      const what = `update routing rule ${id}`;
      await send(what, "PUT", routingRulePath(await base(what), id), body, id);
    },
    async remove(id) {
      const what = `delete routing rule ${id}`;
      await send(what, "DELETE", routingRulePath(await base(what), id), undefined, id);
    },
  };
}
