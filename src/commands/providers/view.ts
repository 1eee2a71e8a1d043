import type { Backend, BindingViews } from "../../backends/backend.js";
import type { Binding } from "../../domain/binding.js";
import { orDash } from "../../output/cells.js";

const limit = (n: number | null): string => (n === null ? "-" : String(n));

/** The fields every binding record has, for a backend that brings no views of its own. */
const PLAIN: BindingViews = {
  list: {
    columns: [
      { header: "ID", value: (b: Binding) => b.id },
      { header: "PROVIDER", value: (b) => b.provider },
      { header: "NAME", value: (b) => orDash(b.name) },
      { header: "RPM", value: (b) => limit(b.rpm) },
      { header: "TPM", value: (b) => limit(b.tpm) },
      { header: "RPD", value: (b) => limit(b.rpd) },
      { header: "STATUS", value: (b) => b.status },
    ],
    dim: (b) => b.status === "disabled",
    empty: "No provider bindings.",
  },
  detail: {
    fields: [
      { header: "ID", value: (b: Binding) => b.id },
      { header: "Provider", value: (b) => b.provider },
      { header: "Name", value: (b) => orDash(b.name) },
      { header: "Base URL", value: (b) => orDash(b.baseUrl) },
      { header: "RPM", value: (b) => limit(b.rpm) },
      { header: "TPM", value: (b) => limit(b.tpm) },
      { header: "RPD", value: (b) => limit(b.rpd) },
      { header: "Status", value: (b) => b.status },
    ],
    dim: (b) => b.status === "disabled",
  },
};

/**
 * Each control plane's providers have different meaningful columns (LangWatch: slot and limits; ngrok:
 * providerId, base URL and models), so the table view is the backend's own, from its descriptor. JSON is
 * the same record everywhere.
 */
export async function bindingViews(backend: Backend): Promise<BindingViews> {
  return (await backend.info.views()).bindings ?? PLAIN;
}
