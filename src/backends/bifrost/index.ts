import { unsupportedAll, verbsOf, type BackendInfo } from "../backend.js";
import { authHeaders } from "./auth.js";

const NO_GATEWAYS = "Bifrost has no gateway resources (CoreWeave only)";

/** Bifrost (maximhq/bifrost) management API (research/other-gateways.md §2): providers, governance, keys. */
export const bifrost = {
  name: "bifrost",
  label: "Bifrost",
  title: "Bifrost (maximhq/bifrost) management API, v1.4, v1.5 and v2.x",
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
    "providers keys list": { note: "a provider's keys with weights, models and status; never the value (v1.4: read from the provider)" },
    "providers keys add": { note: "the value from stdin (--value-stdin) or GW_PROVIDER_KEY; masked everywhere, --dry-run and --debug included" },
    "providers keys update": {
      note: "GET the key, PUT it back whole with only the named fields changed (the stored value kept unless --value-stdin); v1.4: a provider PUT with the full key set",
    },
    "providers keys remove": { note: "asks first in a terminal, --yes otherwise; v1.4: a provider PUT without the key" },
    "vk list": { note: "with provider configs (weights), budgets and rate limits" },
    "vk get": {},
    "vk create": { note: "the secret is printed once; --allow-all-providers on v2.1+ only" },
    "vk update": { note: "--provider replaces the provider set (providers that stay keep their budgets and limits)" },
    "vk rotate": { note: "v2.x only; the old value keeps working for the server's cooldown" },
    "vk disable": { note: "is_active: false; the key stays, and gw vk enable turns it back on" },
    "vk enable": { note: "is_active: true" },
    "vk delete": { note: "DELETE: the key and its provider configs are gone; asks first in a terminal, --yes otherwise" },
    chain: { note: "the fallbacks of the routing rules that apply to the key" },
    "chain set": { note: "hops provider[/model]: the key's catch-all routing rule (first hop its target, the rest fallbacks); other rules untouched" },
    limits: { note: "providers, virtual keys and each key's provider configs" },
  },
  unsupported: {
    "providers disable": "Bifrost providers have no disabled state (only their keys do); delete the provider instead",
    "providers enable": "Bifrost providers have no disabled state (only their keys do)",
    "vk revoke": "Bifrost deactivates keys (gw vk disable) or deletes them (gw vk delete) rather than revoking them",
    "providers keys rotate": "update the value with `gw providers keys update --value-stdin`",
    "providers available": "Bifrost binds a provider by its name (gw providers bind --provider openai); it keeps no separate credential list",
    ...unsupportedAll(verbsOf("gateways"), NO_GATEWAYS),
  },
  views: async () => (await import("./views.js")).views,
  connect: async () => (await import("./adapter.js")).createBackend,
  configKinds: async () => (await import("./config.js")).bifrostKinds,
  probe: async (http) => (await import("./status.js")).probe(http),
  fingerprint: async (http) => (await import("./status.js")).fingerprint(http),
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
