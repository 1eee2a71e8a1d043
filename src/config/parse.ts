import { isMap, isScalar, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";
import { BACKEND_NAMES, type BackendName } from "../backends/registry.js";
import type { KindsByBackend } from "./kinds.js";
import { nodeOf, Validator } from "./validator.js";
import { bindingKey, DOCUMENT_VERSION, type BindingSpec, type ConfigDocument, type VirtualKeySpec } from "./document.js";

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
  // The sections a document may have depend on its backend (README "Configuration as code").
  const kinds = known ? kindsOf[backend as BackendName] : [];
  const sections = !known ? [] : backend === "langwatch" ? ["bindings", "virtualKeys"] : kinds.map((k) => k.section);
  if (known) v.onlyKeys(root, "", ["version", "backend", ...sections]);
  const document: ConfigDocument = { version: DOCUMENT_VERSION, backend: backend as BackendName };

  if (backend === "langwatch") {
    const bindingsNode = nodeOf(root, "bindings");
    if (bindingsNode !== undefined) document.bindings = v.list(bindingsNode, "bindings", (item, path) => parseBinding(v, item, path));
    const keysNode = nodeOf(root, "virtualKeys");
    if (keysNode !== undefined) document.virtualKeys = v.list(keysNode, "virtualKeys", (item, path) => parseKey(v, item, path));
    v.unique(bindingsNode, document.bindings ?? [], bindingKey, "binding");
    v.unique(keysNode, document.virtualKeys ?? [], (k) => k.name, "virtual key");
  }
  for (const kind of kinds) {
    const node = nodeOf(root, kind.section);
    if (node === undefined) continue;
    const specs = v.list(node, kind.section, (item, path) => kind.parse(v, item, path));
    document[kind.section] = specs;
    v.unique(node, specs, (s) => String(s[kind.keyField]), kind.noun);
  }
  return problems.length ? { ok: false, problems } : { ok: true, document };
}

function parseBinding(v: Validator, item: YAMLMap, path: string): BindingSpec {
  v.onlyKeys(item, path, ["provider", "slot", "rpm", "tpm", "rpd", "fallbackPriority", "status"]);
  return {
    provider: v.string(item, "provider", path, true) ?? "",
    slot: v.string(item, "slot", path, false) ?? "primary",
    rpm: v.limit(item, "rpm", path),
    tpm: v.limit(item, "tpm", path),
    rpd: v.limit(item, "rpd", path),
    fallbackPriority: v.integer(item, "fallbackPriority", path),
    status: v.oneOf(item, "status", path, ["active", "disabled"] as const) ?? "active",
  };
}

function parseKey(v: Validator, item: YAMLMap, path: string): VirtualKeySpec {
  v.onlyKeys(item, path, ["name", "description", "chain", "rpm", "tpm", "rpd", "status"]);
  const name = v.string(item, "name", path, true) ?? "";
  if (name.length > 128) v.fail(nodeOf(item, "name"), `${path}.name: at most 128 characters`);
  const chainNode = nodeOf(item, "chain");
  let chain: string[] | null = null;
  if (chainNode !== undefined && !(isScalar(chainNode) && chainNode.value === null)) {
    chain = v.list(chainNode, `${path}.chain`, (hop, hopPath, hopNode) => {
      if (!isScalar(hopNode) || typeof hopNode.value !== "string" || !hopNode.value) {
        v.fail(hopNode, `${hopPath}: must be a binding name such as openai/primary`);
        return "";
      }
      return hopNode.value;
    }, true);
  }
  return {
    name,
    description: v.string(item, "description", path, false, true) ?? null,
    chain,
    rpm: v.limit(item, "rpm", path),
    tpm: v.limit(item, "tpm", path),
    rpd: v.limit(item, "rpd", path),
    status: v.oneOf(item, "status", path, ["active", "disabled", "revoked"] as const) ?? "active",
  };
}

