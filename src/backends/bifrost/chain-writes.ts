import type { WithRaw } from "../../domain/binding.js";
import type { RoutingRule } from "../../domain/chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { NotFoundError, UsageError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import { oneLine } from "../../redact.js";
import type { HttpClient } from "../../http/client.js";
import type { ChainWritesPart } from "../backend.js";
import { planChain, parseHops } from "./chain-to-wire.js";
import { mapBifrostError } from "./errors.js";
import type { Reads } from "./reads.js";
import { routingRulePath } from "./wire.js";

/** What the chain writes need of the reads in virtual-keys.ts. */
interface RuleReads {
  getVirtualKey(id: string): Promise<WithRaw<VirtualKey>>;
  routingRules(key: VirtualKey): Promise<RoutingRule[] | null>;
  routingRulesBase(what: string): Promise<string | null>;
}

/**
 * `gw chain set` on Bifrost (research §2.7): writes the key's catch-all routing rule (scope virtual_key), on
 * /api/routing/rules where the server has it (v2), else on /api/governance/routing-rules. Rules of other scopes,
 * and the key's conditional rules, are never written. Answers with the rules that apply, read again.
 */
export function bifrostChainWrites(http: HttpClient, reads: Reads, keys: RuleReads): ChainWritesPart {
  return {
    async set(keyId, values) {
      const what = `set chain of virtual key ${keyId}`;
      const hops = parseHops(values);
      const key = await keys.getVirtualKey(keyId);
      const rules = await keys.routingRules(key);
      const base = rules === null ? null : await keys.routingRulesBase(what);
      if (rules === null || base === null) {
        throw new UsageError(
          `${what}: this Bifrost server has no routing-rules API (neither /api/routing/rules nor /api/governance/routing-rules answered), ` +
            "and Bifrost keeps fallbacks nowhere else",
        );
      }
      // The server does not check that a target's provider exists [U]; a chain to nowhere would fail every request.
      const configured = new Set((await reads.providers(what)).map((p) => p.name));
      const unknown = [...new Set(hops.map((h) => h.provider))].filter((p) => !configured.has(p));
      if (unknown.length) throw new NotFoundError(`${what}: provider ${unknown.join(", ")} is not configured on this server (see gw providers list)`);

      const plan = planChain(key, rules, hops, (id) => routingRulePath(base, id));
      try {
        if (plan.kind === "create") await http.request("POST", base, { body: plan.body });
        else await http.request("PUT", routingRulePath(base, plan.rule.id), { body: plan.body });
      } catch (err) {
        if (plan.kind === "update" && err instanceof ApiError && err.category === "http" && err.status === 404) {
          throw new NotFoundError(`${what}: routing rule ${oneLine(plan.rule.id)} was deleted meanwhile; run the command again`);
        }
        throw mapBifrostError(err, what);
      }
      return { kind: "rules", key, rules: await keys.routingRules(key) };
    },
  };
}
