import { join } from "node:path";
import { maskSecret } from "../../redact.js";
import type { DetailView, ListView } from "../../output/view.js";
import { CONFIG_FILE_NAME } from "../../profiles/paths.js";
import type { StoredProfile } from "../../profiles/types.js";

/** A profile as printed: the key is always masked, in tables and in JSON. */
export interface ProfileRecord {
  name: string | null;
  backend: string;
  baseUrl: string;
  apiKey: string | null;
  /** Bifrost's auth scheme (none, basic, bearer); null where the backend has only one. */
  auth: string | null;
  current: boolean;
}

export function toProfileRecord(name: string | null, p: Omit<StoredProfile, "backend"> & { backend: string }, current: boolean): ProfileRecord {
  return { name, backend: p.backend, baseUrl: p.baseUrl, apiKey: p.apiKey ? maskSecret(p.apiKey) : null, auth: p.auth ?? null, current };
}

export const profileListView: ListView<ProfileRecord> = {
  columns: [
    { header: "CURRENT", value: (p) => (p.current ? "*" : "") },
    { header: "NAME", value: (p) => p.name ?? "" },
    { header: "BACKEND", value: (p) => p.backend },
    { header: "BASE URL", value: (p) => p.baseUrl },
    { header: "API KEY", value: (p) => p.apiKey ?? "(none)" },
  ],
  empty: "No profiles. Add one: gw profile add <name> --backend langwatch --base-url <url>",
};

export function profileDetailView(configDir: string, showAuth = false): DetailView<ProfileRecord> {
  return {
    fields: [
      { header: "Name", value: (p) => p.name ?? "(ad-hoc from GW_* environment variables)" },
      { header: "Backend", value: (p) => p.backend },
      { header: "Base URL", value: (p) => p.baseUrl },
      { header: "API key", value: (p) => p.apiKey ?? "(none)" },
      ...(showAuth ? [{ header: "Auth", value: (p: ProfileRecord) => p.auth ?? "-" }] : []),
      { header: "Current", value: (p) => (p.current ? "yes" : "no") },
      { header: "Stored in", value: () => `${join(configDir, CONFIG_FILE_NAME)} (mode 0600)` },
    ],
  };
}
