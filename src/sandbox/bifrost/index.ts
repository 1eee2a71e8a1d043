import { generateBifrostKey } from "../ids.js";
import type { BackendFactory, Route } from "../backend.js";
import { authenticator } from "./auth.js";
import { configRoutes } from "./config.js";
import { bifrostContract } from "./contract.js";
import { bifrostErrors } from "./errors.js";
import { governanceListRoutes } from "./governance-lists.js";
import { governanceRoutes } from "./governance.js";
import { keyRoutes } from "./keys.js";
import { providerRoutes } from "./providers.js";
import { routingRuleRoutes } from "./routing-rules.js";
import { seedState } from "./seed.js";
import { deserialize, serialize } from "./state.js";
import { virtualKeyRoutes } from "./virtual-keys.js";

/**
 * Bifrost's management API (research/other-gateways.md §2) in one of three generations: v1.4 (keys inside the
 * provider, replaced with every PUT), v1.5 (keys at /keys, refused on the provider PUT) or v2 (as v1.5, plus
 * routing rules at /api/routing/rules with the governance path as an alias, allow_all_providers and rotation
 * on virtual keys). Every generation answers GET /api/version. Dashboard auth is off, Basic or Bearer. Every
 * request is checked against contracts/bifrost.openapi.json before its handler.
 */
export const createBifrostSandbox: BackendFactory = (init) => {
  const version = init.bifrostVersion;
  const state = init.saved ? deserialize(init.saved.header, init.saved.state, version) : seedState(init.seed, version);
  const routes: Route[] = [
    ...configRoutes(version),
    ...providerRoutes(state, version),
    ...(version !== "1.4" ? keyRoutes(state) : []),
    ...governanceRoutes(state),
    ...governanceListRoutes(state),
    ...virtualKeyRoutes(state, version),
    ...routingRuleRoutes(state, version),
  ];
  return {
    projectId: "bifrost",
    routes,
    authenticate: authenticator(init.bifrostAuth, init.apiKey),
    errors: bifrostErrors,
    stateHeader: () => ({ bifrostVersion: version }),
    snapshot: () => serialize(state),
    contract: bifrostContract(version),
  };
};
createBifrostSandbox.newApiKey = generateBifrostKey;
