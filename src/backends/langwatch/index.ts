import { unsupportedAll, verbsOf, type BackendInfo } from "../backend.js";
import { langwatchDetailView, langwatchListView } from "./views.js";

/** The LangWatch AI Gateway (research/langwatch-gateway.md): provider bindings, virtual keys, chains. */
export const langwatch = {
  name: "langwatch",
  label: "LangWatch",
  title: "LangWatch AI Gateway (provider bindings, v3.2-v3.3)",
  auth: "X-Auth-Token: <project key>",
  authModes: ["bearer"],
  requiresKey: true,
  authHeaders: (apiKey): Record<string, string> => (apiKey ? { "X-Auth-Token": apiKey } : {}),
  capabilities: {
    "providers list": {},
    "providers get": {},
    "providers bind": { note: "without --provider, a terminal starts the bind wizard" },
    "providers update": {},
    "providers disable": { note: "permanent (no re-enable) and the slot stays taken; existing virtual-key chains keep using it; asks first in a terminal, --yes otherwise" },
    "providers available": { note: "GET /api/model-providers: the stored credentials a binding can wrap, enabled or not, and the slots already bound" },
    "vk list": {},
    "vk get": {},
    "vk create": { note: "--chain on v3.2-v3.3 only" },
    "vk update": { note: "--chain on v3.2-v3.3 only; limits are written as one block" },
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
    "vk delete": "LangWatch keeps revoked keys as history; use `gw vk revoke`",
    ...unsupportedAll([...verbsOf("providerKeys"), ...verbsOf("providerKeyRotate")], "LangWatch keeps provider credentials in its dashboard (Settings > Model Providers)"),
  },
  views: { bindings: { list: langwatchListView, detail: langwatchDetailView } },
  connect: async () => (await import("./adapter.js")).createBackend,
  configKinds: async () => (await import("./config.js")).langwatchKinds,
  probe: async (http) => (await import("./status.js")).probe(http),
  fingerprint: async (http) => (await import("./status.js")).fingerprint(http),
  sandbox: {
    load: async () => (await import("../../sandbox/langwatch/index.js")).createLangwatchSandbox,
    flavour: (opts) => `era ${opts.langwatchEra}`,
    env: (_opts, url, key) => `GW_BACKEND=langwatch GW_BASE_URL=${url} GW_API_KEY=${key}`,
  },
} as const satisfies BackendInfo<"langwatch">;
