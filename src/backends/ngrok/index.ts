import { bearerAuth, unsupportedAll, verbsOf, type BackendInfo } from "../backend.js";

const NO_KEY_STATE = "ngrok access keys have no disabled or revoked state; delete the key (gw vk delete) to cut it off";
const NO_GATEWAYS = "ngrok has one hosted gateway per account; gateways are a CoreWeave concept";

/** The ngrok AI Gateway control plane (research/other-gateways.md §1): custom providers, provider keys, access keys and their configurations. */
export const ngrok = {
  name: "ngrok",
  label: "ngrok",
  title: "ngrok AI Gateway (custom providers, provider keys, access keys, api.ngrok.ai)",
  auth: "Authorization: Bearer <ngrok.ai API key>",
  authModes: ["bearer"],
  requiresKey: true,
  /** The global bearerAuth scheme with an ngrok.ai API key (research §1.1). */
  authHeaders: bearerAuth,
  capabilities: {
    "providers list": { note: "custom providers only (built-in ones come from ngrok's catalog); pages of 100" },
    "providers get": { note: "by id or by providerId" },
    "providers bind": { note: "registers a custom provider; models are then addressed as <provider-id>:<model>" },
    "providers update": { note: "--model replaces the whole model set, --clear-models empties it; providerId cannot change" },
    "providers delete": { note: "refused while a provider key or access key configuration refers to it" },
    "providers keys list": { note: "every key of the account; with <provider> (providerId or provider id) only its keys. Values are never shown" },
    "providers keys add": {
      note: "<provider> is a providerId (a catalog one such as openai, or a custom provider's) or a custom provider's id; the value from stdin or GW_PROVIDER_KEY",
    },
    "providers keys update": { note: "--name (PATCH); with --value-stdin the value is rotated in place (POST /provider-keys/{id}/rotate)" },
    "providers keys rotate": { note: "POST /provider-keys/{id}/rotate: a new value, same id and name" },
    "providers keys remove": { note: "<provider> must be the key's provider; asks first in a terminal, --yes otherwise" },
    // Access key = virtual key; router rule = chain (docs/backends/ngrok.md, "Access keys and chains").
    "vk list": { note: "access key = virtual key: access keys with their configuration's scope (allowed providers and models)" },
    "vk get": { note: "an access key by id or name, its scope read from the configuration it links" },
    "vk create": { note: "the token is printed once; --name alone = allow-all, --provider NAME[::MODEL,...] a scope (a new configuration); no weights" },
    "vk update": { note: "--name, --description; --provider replaces the scope, --allow-all-providers clears it (not on a configuration other keys share)" },
    "vk delete": { note: "the key's configuration stays (other keys may link it); asks first in a terminal, --yes otherwise" },
    chain: { note: "router rule = chain: the rules of the key's configuration (provider/model -> steps -> ordered provider keys)" },
    "chain set": {
      note: "gw chain set <key> <provider[/model]> <provider-key|ngrok>...: replaces that rule only (creates and links a configuration when the key has none)",
    },
  },
  unsupported: {
    "providers disable": "ngrok providers have no disabled state; delete the provider or drop it from your access key configurations",
    "providers enable": "ngrok providers have no disabled state",
    "vk rotate": "ngrok access keys cannot be rotated: create a new key (gw vk create), move apps to it, then delete the old one",
    ...unsupportedAll(["vk revoke", "vk disable", "vk enable"], NO_KEY_STATE),
    limits: "the ngrok provider API has no per-provider rate limits",
    "providers available": "ngrok's built-in providers come from its catalog; custom ones are what gw providers list shows",
    ...unsupportedAll(verbsOf("gateways"), NO_GATEWAYS),
  },
  views: async () => (await import("./views.js")).views,
  connect: async () => (await import("./adapter.js")).createBackend,
  configKinds: async () => (await import("./config.js")).ngrokKinds,
  probe: async (http) => (await import("./status.js")).probe(http),
  fingerprint: async (http) => (await import("./status.js")).fingerprint(http),
  sandbox: {
    load: async () => (await import("../../sandbox/ngrok/index.js")).createNgrokSandbox,
    flavour: () => "v1",
    env: (_opts, url, key) => `GW_BACKEND=ngrok GW_BASE_URL=${url} GW_API_KEY=${key}`,
  },
} as const satisfies BackendInfo<"ngrok">;
