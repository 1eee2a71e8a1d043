import type { Binding } from "../../domain/binding.js";
import type { DetailView, ListView } from "../../output/view.js";
import type { Views } from "../backend.js";
import { orDash } from "../../output/cells.js";

/** The ngrok-only fields gw keeps in `details` (src/backends/ngrok/from-wire.ts NgrokDetails). */
interface Details {
  uri?: string | null;
  metadata?: string | null;
  surfaces?: string[];
  surfaceSettings?: { surface: string; baseUrl: string | null }[];
  models?: { modelId: string; providerModelId: string | null; unsupportedParams: string[] }[];
  createdBy?: string | null;
  lastUpdatedBy?: string | null;
}

const details = (b: Binding): Details => (b.details ?? {}) as Details;
const listOrDash = (items: readonly string[], sep = ", ") => (items.length ? items.join(sep) : "-");

/** `llama3 -> meta-llama/Llama-3-8B` where a model has an upstream id; records without details show the ids. */
function modelsCell(b: Binding): string {
  const upstream = new Map((details(b).models ?? []).map((m) => [m.modelId, m.providerModelId]));
  return listOrDash((b.models ?? []).map((id) => (upstream.get(id) ? `${id} -> ${upstream.get(id)}` : id)));
}

const unsupportedCell = (b: Binding) =>
  listOrDash((details(b).models ?? []).filter((m) => m.unsupportedParams.length).map((m) => `${m.modelId}: ${m.unsupportedParams.join(", ")}`), "; ");

const surfaceUrlsCell = (b: Binding) =>
  listOrDash((details(b).surfaceSettings ?? []).filter((s) => s.baseUrl).map((s) => `${s.surface}: ${s.baseUrl}`), "; ");

/** A table cell stays readable with many models: the first two and a count; -o json has them all. */
function firstFew(items: readonly string[] | null | undefined, shown = 2): string {
  if (!items || items.length === 0) return "-";
  if (items.length <= shown + 1) return items.join(", ");
  return `${items.slice(0, shown).join(", ")}, +${items.length - shown} more`;
}

/** ngrok: a provider is an upstream endpoint with models; there are no slots, limits or states. */
export const ngrokListView: ListView<Binding> = {
  columns: [
    { header: "ID", value: (b) => b.id, fixed: true },
    { header: "PROVIDER ID", value: (b) => b.providerId },
    { header: "NAME", value: (b) => orDash(b.name) },
    { header: "BASE URL", value: (b) => orDash(b.baseUrl) },
    { header: "MODELS", value: (b) => firstFew(b.models) },
    { header: "SURFACES", value: (b) => firstFew(details(b).surfaces), priority: 1 },
    { header: "UPDATED", value: (b) => orDash(b.updatedAt), priority: 2 },
  ],
  empty:
    "No custom providers. Register one: gw providers bind --provider-id <id> --name <label> --base-url <url> [--model <model>]",
};

export const ngrokDetailView: DetailView<Binding> = {
  fields: [
    { header: "ID", value: (b) => b.id },
    { header: "Provider ID", value: (b) => b.providerId },
    { header: "Name", value: (b) => orDash(b.name) },
    { header: "Base URL", value: (b) => orDash(b.baseUrl) },
    { header: "Models", value: modelsCell },
    // What a client puts in its `model` field to reach these models through the gateway (research §1.3).
    { header: "Model strings", value: (b) => (b.models?.length ? b.models.map((m) => `${b.providerId}:${m}`).join(", ") : "-") },
    { header: "Unsupported params", value: unsupportedCell },
    { header: "Surfaces", value: (b) => (details(b).surfaces?.length ? details(b).surfaces!.join(", ") : "-") },
    { header: "Surface base URLs", value: surfaceUrlsCell },
    { header: "Metadata", value: (b) => orDash(details(b).metadata) },
    { header: "URI", value: (b) => orDash(details(b).uri) },
    { header: "Created", value: (b) => `${orDash(b.createdAt)}${details(b).createdBy ? ` by ${details(b).createdBy}` : ""}` },
    { header: "Updated", value: (b) => `${orDash(b.updatedAt)}${details(b).lastUpdatedBy ? ` by ${details(b).lastUpdatedBy}` : ""}` },
  ],
};

/** Loaded by the commands that render bindings as a table, not at start-up (issue 15). */
export const views: Views = { bindings: { list: ngrokListView, detail: ngrokDetailView } };
