import type { Binding } from "../../domain/binding.js";
import type { DetailView, ListView } from "../../output/view.js";
import type { Views } from "../backend.js";
import { limit, orDash } from "../../output/cells.js";

/** LangWatch: the columns issue #2 names. */
export const langwatchListView: ListView<Binding> = {
  columns: [
    { header: "ID", value: (b) => b.id, fixed: true },
    { header: "PROVIDER", value: (b) => b.provider },
    { header: "SLOT", value: (b) => orDash(b.slot) },
    { header: "RPM", value: (b) => limit(b.rpm) },
    { header: "TPM", value: (b) => limit(b.tpm) },
    { header: "RPD", value: (b) => limit(b.rpd) },
    { header: "PRIORITY", value: (b) => orDash(b.fallbackPriority), priority: 1 },
    { header: "HEALTH", value: (b) => orDash(b.health), priority: 2 },
    { header: "STATUS", value: (b) => b.status },
  ],
  dim: (b) => b.status === "disabled",
  empty: "No provider bindings. Create one: gw providers bind --provider <model-provider-id>",
};

export const langwatchDetailView: DetailView<Binding> = {
  fields: [
    { header: "ID", value: (b) => b.id },
    { header: "Provider", value: (b) => `${b.provider} (${b.providerId})` },
    { header: "Slot", value: (b) => orDash(b.slot) },
    { header: "RPM", value: (b) => limit(b.rpm) },
    { header: "TPM", value: (b) => limit(b.tpm) },
    { header: "RPD", value: (b) => limit(b.rpd) },
    { header: "Fallback priority", value: (b) => orDash(b.fallbackPriority) },
    { header: "Rotation policy", value: (b) => orDash(b.rotationPolicy) },
    { header: "Health", value: (b) => orDash(b.health) },
    { header: "Status", value: (b) => (b.disabledAt ? `disabled since ${b.disabledAt}` : b.status) },
    { header: "Created", value: (b) => orDash(b.createdAt) },
  ],
  dim: (b) => b.status === "disabled",
};

/** Loaded by the commands that render bindings as a table, not at start-up (issue 15). */
export const views: Views = { bindings: { list: langwatchListView, detail: langwatchDetailView } };
