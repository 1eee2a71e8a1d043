import type { BackendInfo } from "../backend.js";

const VK_WRITES =
  "gw reads Bifrost virtual keys but does not write them yet; use the Bifrost dashboard or gw api on /api/governance/virtual-keys";

export const bifrostInfo: BackendInfo = {
  name: "bifrost",
  title: "Bifrost (maximhq/bifrost) management API, v1.4 and v1.5+",
  auth: "none (Bifrost's default), or with dashboard auth on: Authorization: Basic <user:password> | Bearer <key> (gw profile add --auth)",
  capabilities: {
    "providers list": { note: "each provider with its governance rate limit and key count" },
    "providers get": {},
    "providers bind": {
      flags: ["provider", "base-url", "header", "concurrency", "buffer-size", "max-retries", "request-timeout", "base-provider", "rpm", "tpm", "rpd"],
      required: ["provider"],
      note: "POST /api/providers (409 if it exists); --base-provider makes a custom provider; limits go to the provider's governance",
    },
    "providers update": {
      flags: ["rpm", "tpm", "rpd", "base-url", "header", "concurrency", "buffer-size", "max-retries", "request-timeout", "unset", "force"],
      unset: ["rpm", "tpm", "rpd", "headers"],
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
    "vk disable": VK_WRITES,
    "vk enable": VK_WRITES,
    "chain set": "Bifrost keeps fallbacks in routing rules, not on the key; edit the rules in the dashboard or with gw api on /api/governance/routing-rules",
    "gateways list": "Bifrost has no gateway resources (CoreWeave only)",
    "gateways get": "Bifrost has no gateway resources (CoreWeave only)",
    "gateways create": "Bifrost has no gateway resources (CoreWeave only)",
    "gateways update": "Bifrost has no gateway resources (CoreWeave only)",
    "gateways delete": "Bifrost has no gateway resources (CoreWeave only)",
    "gateways zones": "Bifrost has no gateway resources (CoreWeave only)",
  },
};
