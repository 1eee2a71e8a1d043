import type { Binding } from "../../../domain/binding.js";
import type { DetailView, ListView } from "../../../output/view.js";
import { langwatchDetailView, langwatchListView } from "./langwatch.js";

// TODO(issue 4, ngrok adapter): the ngrok columns replace these.
export const ngrokListView: ListView<Binding> = langwatchListView;
export const ngrokDetailView: DetailView<Binding> = langwatchDetailView;
