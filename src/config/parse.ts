import { isMap, LineCounter, parseDocument, type Node } from "yaml";
import { BACKEND_NAMES, type BackendName } from "../backends/registry.js";
import type { KindsByBackend } from "./kinds.js";
import { nodeOf, Validator } from "./validator.js";
import { DOCUMENT_VERSION, type ConfigDocument } from "./document.js";
import { keyOf } from "./resource-kind.js";

export interface Problem {
  line: number;
  column: number;
  message: string;
}

export type ParseResult = { ok: true; document: ConfigDocument } | { ok: false; problems: Problem[] };

/**
 * Parse and validate a config document (YAML, or JSON which is YAML too) before anything is sent.
 * Every problem carries its line and column; unknown keys are errors, not silently dropped.
 */
export function parseConfigDocument(text: string, kindsOf: KindsByBackend): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: Problem[] = [];
  const at = (node: Node | null | undefined, message: string) => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lines.linePos(offset);
    problems.push({ line, column: col, message });
  };
  for (const err of doc.errors) {
    const { line, col } = lines.linePos(err.pos[0]);
    problems.push({ line, column: col, message: err.message.split("\n")[0] ?? "syntax error" });
  }
  if (problems.length) return { ok: false, problems };

  const root = doc.contents;
  if (!isMap(root)) {
    at(root, "expected a mapping with version, backend and the backend's sections (e.g. bindings, providers)");
    return { ok: false, problems };
  }
  const v = new Validator(at);
  const version = v.value(root, "version", "", true);
  if (version !== undefined && version !== DOCUMENT_VERSION) at(nodeOf(root, "version"), `version: must be ${DOCUMENT_VERSION}`);
  const backend = v.value(root, "backend", "", true);
  const known = BACKEND_NAMES.includes(backend as BackendName);
  if (backend !== undefined && !known) at(nodeOf(root, "backend"), `backend: must be one of ${BACKEND_NAMES.join(", ")}`);
  // The sections a document may have depend on its backend (docs/config-as-code.md).
  const kinds = known ? kindsOf[backend as BackendName] : [];
  if (known) v.onlyKeys(root, "", ["version", "backend", ...kinds.map((k) => k.section)]);
  const document: ConfigDocument = { version: DOCUMENT_VERSION, backend: backend as BackendName };
  const sections = kinds.flatMap((kind) => {
    const node = nodeOf(root, kind.section);
    if (node === undefined) return [];
    const specs = v.list(node, kind.section, (item, path) => kind.parse(v, item, path));
    document[kind.section] = specs;
    return [{ kind, node, specs }];
  });
  // Duplicates last, once every item was read.
  for (const { kind, node, specs } of sections) v.unique(node, specs, (s) => keyOf(kind, s), kind.label ?? kind.noun);
  return problems.length ? { ok: false, problems } : { ok: true, document };
}
