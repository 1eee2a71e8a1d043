import type { BackendInfo, Verb } from "../backend.js";

export const NO_BINDINGS = "CoreWeave has inference gateways, not provider bindings: use gw gateways";

/** Gateway flags shared by create and update (long names, for the capability check and `gw backends`). */
const GATEWAY_FLAGS = [
  "name", "zone", "auth", "wandb-api-key-stdin", "wandb-server-url", "wandb-usage-reports", "wandb-rate-limiting",
  "routing", "api-type", "header-name", "dns", "wait", "wait-timeout",
];

const BINDING_VERBS: Verb[] = [
  "providers list", "providers get", "providers bind", "providers update", "providers disable", "providers enable",
  "providers delete", "vk list", "vk get", "vk create", "vk rotate", "vk revoke", "vk disable", "vk enable",
  "chain", "chain set", "limits",
];

export const coreweaveInfo: BackendInfo = {
  name: "coreweave",
  title: "CoreWeave inference gateways (Inference API v1alpha1)",
  auth: "Authorization: Bearer <API access token>",
  capabilities: {
    "gateways list": { flags: ["updated-after"], note: "no paging; --updated-after filters on the server" },
    "gateways get": {},
    "gateways create": {
      flags: GATEWAY_FLAGS,
      required: ["name", "zone"],
      note: "exactly one auth and one routing; --wait polls until READY, ERROR/FAILED",
    },
    "gateways update": { flags: GATEWAY_FLAGS, note: "GET, merge, PATCH of the full spec (no field mask)" },
    "gateways delete": { flags: ["yes", "wait", "wait-timeout"], note: "asynchronous; --wait polls until it is gone" },
    "gateways zones": { note: "from GET /v1alpha1/inference/gateways/parameters" },
  },
  unsupported: Object.fromEntries(BINDING_VERBS.map((verb) => [verb, NO_BINDINGS])),
};
