import type { ProviderKey } from "../../../domain/provider-key.js";
import { orDash } from "../../../output/cells.js";
import type { DetailView, ListView } from "../../../output/view.js";

const models = (k: ProviderKey) => (k.models === null ? "all" : k.models.length === 0 ? "none" : k.models.join(", "));

/** Provider keys as people read them; the secret value is never part of the record. */
export const providerKeyListView: ListView<ProviderKey> = {
  columns: [
    { header: "ID", value: (k) => k.id, fixed: true },
    { header: "PROVIDER", value: (k) => k.provider },
    { header: "NAME", value: (k) => k.name },
    { header: "WEIGHT", value: (k) => orDash(k.weight), priority: 1 },
    { header: "MODELS", value: models },
    { header: "STATUS", value: (k) => (k.enabled ? "enabled" : "disabled") },
  ],
  dim: (k) => !k.enabled,
  empty: "No provider keys. Add one: gw providers keys add <provider> --name <name> --value-stdin",
};

export const providerKeyDetailView: DetailView<ProviderKey> = {
  fields: [
    { header: "ID", value: (k) => k.id },
    { header: "Provider", value: (k) => k.provider },
    { header: "Name", value: (k) => k.name },
    { header: "Weight", value: (k) => orDash(k.weight) },
    { header: "Models", value: models },
    { header: "Status", value: (k) => (k.enabled ? "enabled" : "disabled") },
    { header: "Created", value: (k) => orDash(k.createdAt) },
    { header: "Updated", value: (k) => orDash(k.updatedAt) },
  ],
  dim: (k) => !k.enabled,
};
