import type { WithRaw } from "../../domain/binding.js";
import type { Gateway, GatewayInput, GatewayPatch } from "../../domain/gateway.js";
import type { HttpClient } from "../../http/client.js";
import type { Parts } from "../backend.js";
import { unexpected } from "../wire-check.js";
import { mapCoreweaveError } from "./errors.js";
import { gatewayFromBody, gatewaysFromListBody, toGateway, zonesFromBody } from "./from-wire.js";
import { resolveUpdate } from "./merge.js";
import { createBody, updateBody } from "./to-wire.js";
import { gatewayPath, GATEWAYS_PATH, PARAMETERS_PATH } from "./wire.js";

export function createBackend(http: HttpClient): Parts {
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapCoreweaveError(err, what);
    }
  }

  async function getGateway(id: string): Promise<WithRaw<Gateway>> {
    const what = `get gateway ${id}`;
    return gatewayFromBody((await call(what, () => http.request("GET", gatewayPath(id)))).body, what);
  }

  return {
    gateways: {
      async list(filter: { updatedAfter?: string } = {}) {
        const what = "list gateways";
        const query = filter.updatedAfter ? { updatedAfter: filter.updatedAfter } : {};
        return gatewaysFromListBody((await call(what, () => http.request("GET", GATEWAYS_PATH, { query }))).body, what);
      },

      get: getGateway,

      async create(input: GatewayInput) {
        const what = `create gateway ${input.name}`;
        const key = input.wandb?.apiKey;
        const res = await call(what, () => http.request("POST", GATEWAYS_PATH, { body: createBody(input), secrets: key ? [key] : [] }));
        return gatewayFromBody(res.body, what);
      },

      /** GET, merge, PATCH: the API takes only the full spec (research §3.4). Writes are last-write-wins (§3.7). */
      async update(id: string, patch: GatewayPatch) {
        const what = `update gateway ${id}`;
        const read = (await call(what, () => http.request("GET", gatewayPath(id)))).body;
        const wire = read && typeof read === "object" ? (read as { gateway?: unknown }).gateway : undefined;
        const current = toGateway(wire, what);
        const spec = (wire as { spec: Record<string, unknown> }).spec;
        const resolved = resolveUpdate(current, patch);
        const body = updateBody(id, spec, patch, resolved);
        const echoed = body.weightsAndBiasesAuth?.apiKey;
        const secrets = [resolved.wandbApiKey, echoed].filter((s): s is string => Boolean(s));
        const res = await call(what, () => http.request("PATCH", gatewayPath(id), { body, secrets }));
        return gatewayFromBody(res.body, what);
      },

      async remove(id: string) {
        const what = `delete gateway ${id}`;
        return gatewayFromBody((await call(what, () => http.request("DELETE", gatewayPath(id)))).body, what);
      },

      async zones() {
        const what = "list gateway zones";
        const res = await call(what, () => http.request("GET", PARAMETERS_PATH));
        if (res.body === undefined) throw unexpected(what, `expected {"zones": [...]}`);
        return zonesFromBody(res.body, what);
      },
    },
  };
}
