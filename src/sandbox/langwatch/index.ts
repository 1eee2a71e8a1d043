import type { BackendFactory, Route } from "../backend.js";
import { authenticator } from "./auth.js";
import { bindingRoutesA, bindingRoutesB } from "./bindings.js";
import { eraErrors } from "./errors.js";
import { modelProviderRoutes } from "./model-providers.js";
import { openApiRoutes } from "./openapi.js";
import { seedState } from "./seed.js";
import { deserialize, serialize } from "./state.js";
import { virtualKeyRoutesA } from "./virtual-keys-a.js";
import { virtualKeyRoutesB } from "./virtual-keys-b.js";

/**
 * The LangWatch control plane in one of its two eras (research §0): A = v3.2.0–v3.3.0 with provider
 * bindings; B = v3.4.0+ where /providers answers 410 and virtual keys use routing modes and cursor paging.
 */
export const createLangwatchSandbox: BackendFactory = (init) => {
  const era = init.langwatchEra;
  const state = init.saved ? deserialize(init.saved.header, init.saved.state, era) : seedState(init.seed, era);
  const routes: Route[] =
    era === "a"
      ? [...bindingRoutesA(state), ...virtualKeyRoutesA(state), ...modelProviderRoutes(state)]
      : [...bindingRoutesB(), ...virtualKeyRoutesB(state), ...modelProviderRoutes(state)];
  // Whether Era A served the OpenAPI document is unconfirmed (research §8.8), so only Era B has it.
  if (era === "b") routes.push(...openApiRoutes(() => routes));
  return {
    projectId: state.projectId,
    routes,
    authenticate: authenticator(init.apiKey, state.projectId, era),
    errors: eraErrors(era),
    stateHeader: () => ({ era }),
    snapshot: () => serialize(state),
  };
};
