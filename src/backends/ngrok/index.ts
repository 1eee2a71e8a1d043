import { bearerAuth, unsupportedAll, verbsOf, type BackendInfo } from "../backend.js";
import { ngrokDetailView, ngrokListView } from "./views.js";

const NO_ACCESS_KEYS = "ngrok access keys and access key configurations are not modelled by gw yet";
const NO_ROUTING = "ngrok routes by access key configuration, which gw does not model yet";
const NO_GATEWAYS = "ngrok has one hosted gateway per account; gateways are a CoreWeave concept";

/** The ngrok AI Gateway control plane (research/other-gateways.md §1): custom providers only. */
export const ngrok = {
  name: "ngrok",
  label: "ngrok",
  title: "ngrok AI Gateway (custom providers, api.ngrok.ai)",
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
  },
  unsupported: {
    "providers disable": "ngrok providers have no disabled state; delete the provider or drop it from your access key configurations",
    "providers enable": "ngrok providers have no disabled state",
    ...unsupportedAll(["vk list", "vk get", "vk create", "vk update", "vk rotate", "vk revoke", "vk disable", "vk enable", "vk delete"], NO_ACCESS_KEYS),
    chain: NO_ROUTING,
    "chain set": NO_ROUTING,
    limits: "the ngrok provider API has no per-provider rate limits",
    ...unsupportedAll(verbsOf("gateways"), NO_GATEWAYS),
  },
  views: { bindings: { list: ngrokListView, detail: ngrokDetailView } },
  connect: async () => (await import("./adapter.js")).createBackend,
  configKinds: async () => (await import("./config.js")).ngrokKinds,
  sandbox: {
    load: async () => (await import("../../sandbox/ngrok/index.js")).createNgrokSandbox,
    flavour: () => "v1",
    env: (_opts, url, key) => `GW_BACKEND=ngrok GW_BASE_URL=${url} GW_API_KEY=${key}`,
  },
} as const satisfies BackendInfo<"ngrok">;
