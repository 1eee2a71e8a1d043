import type { Binding } from "../../domain/binding.js";
import { budgetText, otherWindows, windowText } from "../../domain/limits.js";
import type { Budget, RateLimitWindows } from "../../domain/virtual-key.js";
import type { DetailView, ListView } from "../../output/view.js";
import type { Views } from "../backend.js";
import { orDash } from "../../output/cells.js";

/** The Bifrost part of a binding record (`details`, docs/backends/bifrost.md), read defensively: it is backend data. */
interface BifrostDetails {
  baseProviderType: string | null;
  keyless: boolean;
  keys: number | null;
  concurrency: number | null;
  bufferSize: number | null;
  maxRetries: number | null;
  requestTimeoutSeconds: number | null;
  headerNames: string[];
  proxy: string | null;
  rateLimit: RateLimitWindows | null;
  budgets: Budget[];
  modelDiscovery: string | null;
}

function detailsOf(b: Binding): BifrostDetails {
  const d = (b.details ?? {}) as Partial<BifrostDetails>;
  return {
    baseProviderType: d.baseProviderType ?? null,
    keyless: d.keyless === true,
    keys: typeof d.keys === "number" ? d.keys : null,
    concurrency: d.concurrency ?? null,
    bufferSize: d.bufferSize ?? null,
    maxRetries: d.maxRetries ?? null,
    requestTimeoutSeconds: d.requestTimeoutSeconds ?? null,
    headerNames: Array.isArray(d.headerNames) ? d.headerNames : [],
    proxy: d.proxy ?? null,
    rateLimit: d.rateLimit ?? null,
    budgets: Array.isArray(d.budgets) ? d.budgets : [],
    modelDiscovery: d.modelDiscovery ?? null,
  };
}

/** A Bifrost provider without a limit has none: "-", not LangWatch's "inherit". */
const limit = (n: number | null): string => (n === null ? "-" : String(n));

function status(b: Binding): string {
  const failure = detailsOf(b).modelDiscovery?.split(":")[0];
  return [b.health ?? "-", failure ? `(${failure})` : ""].filter(Boolean).join(" ");
}

function kind(d: BifrostDetails): string {
  if (!d.baseProviderType) return "standard";
  return `custom, based on ${d.baseProviderType}${d.keyless ? ", keyless" : ""}`;
}

function concurrencyText(d: BifrostDetails): string {
  return d.concurrency === null ? "-" : `${d.concurrency}/${d.bufferSize ?? "-"}`;
}

function keys(d: BifrostDetails): string {
  if (d.keyless) return "keyless";
  return d.keys === null ? "?" : String(d.keys);
}

export const bifrostListView: ListView<Binding> = {
  columns: [
    { header: "NAME", value: (b) => b.id, fixed: true },
    { header: "BASE URL", value: (b) => b.baseUrl ?? "default" },
    { header: "RPM", value: (b) => limit(b.rpm) },
    { header: "TPM", value: (b) => limit(b.tpm) },
    { header: "RPD", value: (b) => limit(b.rpd) },
    { header: "OTHER LIMITS", value: (b) => otherWindows(detailsOf(b).rateLimit).join(", ") || "-", priority: 1 },
    // Not KEYS: a v1.5 list does not count them (a request per provider); `gw providers get` does.
    { header: "CONCURRENCY", value: (b) => concurrencyText(detailsOf(b)), priority: 2 },
    { header: "STATUS", value: status },
  ],
  dim: (b) => b.health !== null && b.health !== "active",
  empty: "No providers. Add one: gw providers bind --provider <name>",
};

export const bifrostDetailView: DetailView<Binding> = {
  fields: [
    { header: "Name", value: (b) => b.id },
    { header: "Type", value: (b) => kind(detailsOf(b)) },
    { header: "Base URL", value: (b) => b.baseUrl ?? "the provider's default" },
    { header: "RPM", value: (b) => limit(b.rpm) },
    { header: "TPM", value: (b) => limit(b.tpm) },
    { header: "RPD", value: (b) => limit(b.rpd) },
    {
      header: "Rate limit",
      value: (b) => {
        const w = detailsOf(b).rateLimit;
        const parts = [w?.requests ? windowText(w.requests, "req", true) : null, w?.tokens ? windowText(w.tokens, "tok", true) : null];
        return parts.filter(Boolean).join(", ") || "none";
      },
    },
    { header: "Budgets", value: (b) => detailsOf(b).budgets.map(budgetText).join(", ") || "none" },
    { header: "Keys", value: (b) => keys(detailsOf(b)) },
    {
      header: "Concurrency",
      value: (b) => {
        const d = detailsOf(b);
        return d.concurrency === null ? "-" : `${d.concurrency} (buffer ${orDash(d.bufferSize)})`;
      },
    },
    { header: "Max retries", value: (b) => orDash(detailsOf(b).maxRetries) },
    { header: "Request timeout", value: (b) => (detailsOf(b).requestTimeoutSeconds === null ? "-" : `${detailsOf(b).requestTimeoutSeconds}s`) },
    { header: "Extra headers", value: (b) => detailsOf(b).headerNames.join(", ") || "none" },
    { header: "Proxy", value: (b) => detailsOf(b).proxy ?? "none" },
    { header: "Status", value: (b) => b.health ?? "-" },
    { header: "Model discovery", value: (b) => detailsOf(b).modelDiscovery ?? "ok" },
  ],
  dim: (b) => b.health !== null && b.health !== "active",
};

/** Loaded by the commands that render bindings as a table, not at start-up (issue 15). */
export const views: Views = { bindings: { list: bifrostListView, detail: bifrostDetailView } };
