import type { BackendName } from "../../backends/backend.js";
import type { Binding } from "../../domain/binding.js";
import type { DetailView, ListView } from "../../output/view.js";
import { bifrostDetailView, bifrostListView } from "./views/bifrost.js";
import { langwatchDetailView, langwatchListView } from "./views/langwatch.js";
import { ngrokDetailView, ngrokListView } from "./views/ngrok.js";

export interface BindingViews {
  list: ListView<Binding>;
  detail: DetailView<Binding>;
}

/**
 * Each control plane's providers have different meaningful columns (LangWatch: slot and limits; ngrok:
 * providerId, base URL and models), so the table view is picked by backend. JSON is the same record everywhere.
 */
const VIEWS: Partial<Record<BackendName, BindingViews>> = {
  langwatch: { list: langwatchListView, detail: langwatchDetailView },
  bifrost: { list: bifrostListView, detail: bifrostDetailView },
  ngrok: { list: ngrokListView, detail: ngrokDetailView },
};

export function bindingViews(backend: BackendName): BindingViews {
  return VIEWS[backend] ?? VIEWS.langwatch!;
}
