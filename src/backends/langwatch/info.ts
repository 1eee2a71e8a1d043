import type { BackendInfo } from "../backend.js";

export const langwatchInfo: BackendInfo = {
  name: "langwatch",
  title: "LangWatch AI Gateway (provider bindings, v3.2-v3.3)",
  auth: "X-Auth-Token: <project key>",
  capabilities: {
    "providers list": {},
    "providers get": {},
    "providers bind": {
      flags: ["provider", "slot", "rpm", "tpm", "rpd", "fallback-priority", "header"],
      required: ["provider"],
      note: "without --provider, a terminal starts the bind wizard",
    },
    "providers update": {
      flags: ["rpm", "tpm", "rpd", "slot", "fallback-priority", "rotation-policy", "header", "unset"],
      unset: ["rpm", "tpm", "rpd", "fallback-priority", "headers"],
    },
    "providers disable": { note: "soft disable; existing virtual-key chains keep using it" },
    "vk list": {},
    "vk get": {},
    "vk create": { flags: ["name", "description", "chain", "rpm", "tpm", "rpd"], note: "--chain on v3.2-v3.3 only" },
    "vk rotate": { note: "the old secret stays valid for 24 h" },
    "vk revoke": {},
    "vk disable": { note: "v3.4+ servers only" },
    "vk enable": { note: "v3.4+ servers only" },
    chain: { note: "v3.2-v3.3: the ordered bindings; v3.4+: routing mode and allowed providers" },
    "chain set": { note: "v3.2-v3.3 only" },
    limits: {},
  },
  unsupported: {
    "providers enable": "LangWatch has no re-enable for a disabled binding; bind the provider in another slot",
    "providers delete": "LangWatch bindings cannot be deleted; use `gw providers disable`",
  },
};
