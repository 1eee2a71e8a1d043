import { bearerAuth, unsupportedAll, verbsOf, type BackendInfo } from "../backend.js";

const NO_BINDINGS = "CoreWeave has inference gateways, not provider bindings: use gw gateways";

/** CoreWeave inference gateways (research/other-gateways.md §3): gateways, not bindings. */
export const coreweave = {
  name: "coreweave",
  label: "CoreWeave",
  title: "CoreWeave inference gateways (Inference API v1alpha1)",
  auth: "Authorization: Bearer <API access token>",
  authModes: ["bearer"],
  requiresKey: true,
  /** A CoreWeave API access token travels as a Bearer token (research §3.1). */
  authHeaders: bearerAuth,
  capabilities: {
    "gateways list": { note: "no paging; --updated-after filters on the server" },
    "gateways get": {},
    "gateways create": { note: "exactly one auth and one routing; --wait polls until READY, ERROR/FAILED" },
    "gateways update": { note: "GET, merge, PATCH of the full spec (no field mask)" },
    "gateways delete": { note: "asynchronous; --wait polls until it is gone" },
    "gateways zones": { note: "from GET /v1alpha1/inference/gateways/parameters" },
  },
  unsupported: unsupportedAll(verbsOf("gateways", { except: true }), NO_BINDINGS),
  views: async () => ({}),
  connect: async () => (await import("./adapter.js")).createBackend,
  configKinds: async () => (await import("./config.js")).coreweaveKinds,
  probe: async (http) => (await import("./status.js")).probe(http),
  sandbox: {
    load: async () => (await import("../../sandbox/coreweave/index.js")).createCoreweaveSandbox,
    flavour: (opts) => `status transitions ${opts.transitionMs} ms`,
    env: (_opts, url, key) => `GW_BACKEND=coreweave GW_BASE_URL=${url} GW_API_KEY=${key}`,
  },
} as const satisfies BackendInfo<"coreweave">;
