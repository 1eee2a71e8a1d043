import type { BackendInfo } from "../backend.js";

const NO_ACCESS_KEYS = "ngrok access keys and access key configurations are not modelled by gw yet";

/** The ngrok AI Gateway control plane (research/other-gateways.md §1): custom providers only. */
export const ngrokInfo: BackendInfo = {
  name: "ngrok",
  title: "ngrok AI Gateway (custom providers, api.ngrok.ai)",
  auth: "Authorization: Bearer <ngrok.ai API key>",
  capabilities: {
    "providers list": { note: "custom providers only (built-in ones come from ngrok's catalog); pages of 100" },
    "providers get": { note: "by id or by providerId" },
    "providers bind": {
      flags: ["provider-id", "name", "base-url", "metadata", "model", "surface"],
      required: ["provider-id", "name", "base-url"],
      note: "registers a custom provider; models are then addressed as <provider-id>:<model>",
    },
    "providers update": {
      flags: ["name", "base-url", "metadata", "model", "clear-models", "surface", "unset"],
      unset: ["metadata", "surfaces"],
      note: "--model replaces the whole model set, --clear-models empties it; providerId cannot change",
    },
    "providers delete": { note: "refused while a provider key or access key configuration refers to it" },
  },
  unsupported: {
    "providers disable": "ngrok providers have no disabled state; delete the provider or drop it from your access key configurations",
    "providers enable": "ngrok providers have no disabled state",
    "vk list": NO_ACCESS_KEYS,
    "vk get": NO_ACCESS_KEYS,
    "vk create": NO_ACCESS_KEYS,
    "vk rotate": NO_ACCESS_KEYS,
    "vk revoke": NO_ACCESS_KEYS,
    "vk disable": NO_ACCESS_KEYS,
    "vk enable": NO_ACCESS_KEYS,
    chain: "ngrok routes by access key configuration, which gw does not model yet",
    "chain set": "ngrok routes by access key configuration, which gw does not model yet",
    limits: "the ngrok provider API has no per-provider rate limits",
    "gateways list": "ngrok has one hosted gateway per account; gateways are a CoreWeave concept",
    "gateways get": "ngrok has one hosted gateway per account; gateways are a CoreWeave concept",
    "gateways create": "ngrok has one hosted gateway per account; gateways are a CoreWeave concept",
    "gateways update": "ngrok has one hosted gateway per account; gateways are a CoreWeave concept",
    "gateways delete": "ngrok has one hosted gateway per account; gateways are a CoreWeave concept",
    "gateways zones": "ngrok has one hosted gateway per account; gateways are a CoreWeave concept",
  },
};
