import { unsupportedAll, verbsOf, type BackendInfo } from "../backend.js";
import { authHeaders } from "./auth.js";
import { bifrostDetailView, bifrostListView } from "./views.js";

const VK_WRITES =
  "gw reads Bifrost virtual keys but does not write them yet; use the Bifrost dashboard or gw api on /api/governance/virtual-keys";
const NO_GATEWAYS = "Bifrost has no gateway resources (CoreWeave only)";

/** Bifrost (maximhq/bifrost) management API (research/other-gateways.md §2): providers, governance, keys. */
export const bifrost = {
  name: "bifrost",
  label: "Bifrost",
  title: "Bifrost (maximhq/bifrost) management API, v1.4 and v1.5+",
  auth: "none (Bifrost's default), or with dashboard auth on: Authorization: Basic <user:password> | Bearer <key> (gw profile add --auth)",
  authModes: ["bearer", "basic", "none"],
  /** Bifrost runs without dashboard auth by default (research §2.2). */
  requiresKey: false,
  authHeaders,
  capabilities: {
    "providers list": { note: "each provider with its governance rate limit and key count" },
    "providers get": {},
    "providers bind": { note: "POST /api/providers (409 if it exists); --base-provider makes a custom provider; limits go to the provider's governance" },
    "providers update": {
      note:
        "read-modify-write PUT of the whole provider; refused (exit 5) if it changed since gw read it, unless --force. " +
        "One request limit (rpm or rpd) and one token limit (tpm)",
    },
    "providers delete": { note: "gw checks the name first: v1.4 answers 404 for an unknown one, v1.5 answers 200" },
    "vk list": { note: "with provider configs (weights), budgets and rate limits" },
    "vk get": {},
    chain: { note: "the fallbacks of the routing rules that apply to the key" },
    limits: { note: "providers, virtual keys and each key's provider configs" },
  },
  unsupported: {
    "providers disable": "Bifrost providers have no disabled state (only their keys do); delete the provider instead",
    "providers enable": "Bifrost providers have no disabled state (only their keys do)",
    "vk create": VK_WRITES,
    "vk rotate": `${VK_WRITES}; rotation exists only in some Bifrost builds`,
    "vk revoke": `${VK_WRITES}; Bifrost deactivates (is_active) or deletes keys rather than revoking them`,
    "vk update": VK_WRITES,
    "vk disable": VK_WRITES,
    "vk enable": VK_WRITES,
    "vk delete": VK_WRITES,
    ...unsupportedAll(verbsOf("providerKeys"), "gw does not manage Bifrost provider keys yet; use gw api on /api/providers/{provider}/keys"),
    "chain set": "Bifrost keeps fallbacks in routing rules, not on the key; edit the rules in the dashboard or with gw api on /api/governance/routing-rules",
    ...unsupportedAll(verbsOf("gateways"), NO_GATEWAYS),
  },
  views: { bindings: { list: bifrostListView, detail: bifrostDetailView } },
  connect: async () => (await import("./adapter.js")).createBackend,
  configKinds: async () => (await import("./config.js")).bifrostKinds,
  sandbox: {
    load: async () => (await import("../../sandbox/bifrost/index.js")).createBifrostSandbox,
    flavour: (opts) => `v${opts.bifrostVersion}, auth ${opts.bifrostAuth}`,
    /** The key travels as the sandbox's auth mode says. */
    env(opts, url, key) {
      const base = `GW_BACKEND=bifrost GW_BASE_URL=${url}`;
      if (opts.bifrostAuth === "none") return `${base} GW_AUTH=none`;
      if (opts.bifrostAuth === "basic") return `${base} GW_AUTH=basic GW_API_KEY=admin:${key}`;
      return `${base} GW_AUTH=bearer GW_API_KEY=${key}`;
    },
  },
} as const satisfies BackendInfo<"bifrost">;
