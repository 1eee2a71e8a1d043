import type { BackendFactory } from "../backend.js";
import { loadContract } from "../contract.js";
import { cryptoBytes, generateNgrokKey } from "../ids.js";
import { accessKeyRoutes } from "./access-keys.js";
import { authenticator } from "./auth.js";
import { configurationRoutes } from "./configurations.js";
import { ngrokErrors } from "./errors.js";
import { providerKeyRoutes } from "./provider-keys.js";
import { providerRoutes } from "./providers.js";
import { seedState } from "./seed.js";
import { deserialize, serialize } from "./state.js";

/**
 * The ngrok AI Gateway control plane (api.ngrok.ai), its user-defined providers only (research §1).
 * Every authenticated request is first validated against contracts/ngrok.openapi.json, as the real
 * schemas (additionalProperties: false) would refuse it. Imports nothing from src/backends.
 */
export const createNgrokSandbox: BackendFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return {
    projectId: state.accountId,
    routes: [...providerRoutes(state, cryptoBytes), ...providerKeyRoutes(state, cryptoBytes), ...accessKeyRoutes(state, cryptoBytes), ...configurationRoutes(state, cryptoBytes)],
    authenticate: authenticator(init.apiKey),
    errors: ngrokErrors,
    stateHeader: () => ({}),
    snapshot: () => serialize(state),
    contract: loadContract("ngrok"),
  };
};
createNgrokSandbox.newApiKey = generateNgrokKey;
