import type { Binding } from "../../../domain/binding.js";
import type { DetailView, ListView } from "../../../output/view.js";
import { langwatchDetailView, langwatchListView } from "./langwatch.js";

// TODO(issue 4, bifrost adapter): the bifrost columns replace these.
export const bifrostListView: ListView<Binding> = langwatchListView;
export const bifrostDetailView: DetailView<Binding> = langwatchDetailView;
