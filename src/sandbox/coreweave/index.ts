import { generateCoreweaveKey } from "../ids.js";
import type { BackendFactory } from "../backend.js";
import { loadContract } from "../contract.js";
import { bearerAuthenticator } from "./auth.js";
import { coreweaveErrors } from "./errors.js";
import { gatewayRoutes } from "./gateways.js";
import { seedState } from "./seed.js";
import { deserialize, serialize } from "./state.js";

/**
 * CoreWeave's inference GatewayService v1alpha1 over REST (research §3): Bearer auth, gateways with
 * exactly one auth type and one routing strategy, zones from /parameters, asynchronous status
 * transitions of `transitionMs` each. It imports nothing from src/backends, so it checks the adapter
 * independently; requests are validated against contracts/coreweave.openapi.json first.
 */
export const createCoreweaveSandbox: BackendFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return {
    projectId: state.organizationId,
    routes: gatewayRoutes(state, { transitionMs: init.transitionMs }),
    authenticate: bearerAuthenticator(init.apiKey),
    errors: coreweaveErrors,
    contract: loadContract("coreweave"),
    stateHeader: () => ({}),
    snapshot: () => serialize(state),
  };
};
createCoreweaveSandbox.newApiKey = generateCoreweaveKey;
