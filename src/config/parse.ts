import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";
import { BACKEND_NAMES, type BackendName } from "../profiles/types.js";
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
export function parseConfigDocument(text: string): ParseResult {
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
    at(root, "expected a mapping with version, backend, bindings and virtualKeys");
    return { ok: false, problems };
  }
  const v = new Validator(at);
  v.onlyKeys(root, "", ["version", "backend", "bindings", "virtualKeys"]);
  const version = v.value(root, "version", "", true);
  if (version !== undefined && version !== DOCUMENT_VERSION) at(nodeOf(root, "version"), `version: must be ${DOCUMENT_VERSION}`);
  const backend = v.value(root, "backend", "", true);
  if (backend !== undefined && !BACKEND_NAMES.includes(backend as BackendName)) {
    at(nodeOf(root, "backend"), `backend: must be one of ${BACKEND_NAMES.join(", ")}`);
  }
  const document: ConfigDocument = { version: DOCUMENT_VERSION, backend: backend as BackendName };

  const bindingsNode = nodeOf(root, "bindings");
  if (bindingsNode !== undefined) document.bindings = v.list(bindingsNode, "bindings", (item, path) => parseBinding(v, item, path));
  const keysNode = nodeOf(root, "virtualKeys");
  if (keysNode !== undefined) document.virtualKeys = v.list(keysNode, "virtualKeys", (item, path) => parseKey(v, item, path));

  v.unique(bindingsNode, document.bindings ?? [], bindingKey, "binding");
  v.unique(keysNode, document.virtualKeys ?? [], (k) => k.name, "virtual key");
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

function nodeOf(map: YAMLMap, key: string): Node | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair ? ((pair.value as Node | null) ?? undefined) : undefined;
}

class Validator {
  constructor(readonly fail: (node: Node | null | undefined, message: string) => void) {}

  onlyKeys(map: YAMLMap, path: string, allowed: string[]): void {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "?";
      if (!allowed.includes(key)) this.fail(pair.key as Node, `${path ? `${path}.` : ""}${key}: unknown key (allowed: ${allowed.join(", ")})`);
    }
  }

  value(map: YAMLMap, key: string, path: string, required: boolean): unknown {
    const node = nodeOf(map, key);
    if (node === undefined) {
      if (required) this.fail(map, `${path ? `${path}.` : ""}${key}: required`);
      return undefined;
    }
    return isScalar(node) ? node.value : node;
  }

  string(map: YAMLMap, key: string, path: string, required: boolean, nullable = false): string | undefined {
    const value = this.value(map, key, path, required);
    if (value === undefined || (nullable && value === null)) return undefined;
    if (typeof value !== "string" || (required && !value)) {
      this.fail(nodeOf(map, key) ?? map, `${path}.${key}: must be a non-empty string`);
      return undefined;
    }
    return value;
  }

  limit(map: YAMLMap, key: string, path: string): number | null {
    const value = this.value(map, key, path, false);
    if (value === undefined || value === null) return null;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      this.fail(nodeOf(map, key), `${path}.${key}: must be a positive integer, or null to inherit`);
      return null;
    }
    return value;
  }

  integer(map: YAMLMap, key: string, path: string): number | null {
    const value = this.value(map, key, path, false);
    if (value === undefined || value === null) return null;
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      this.fail(nodeOf(map, key), `${path}.${key}: must be an integer or null`);
      return null;
    }
    return value;
  }

  oneOf<T extends string>(map: YAMLMap, key: string, path: string, allowed: readonly T[]): T | undefined {
    const value = this.value(map, key, path, false);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      this.fail(nodeOf(map, key), `${path}.${key}: must be one of ${allowed.join(", ")}`);
      return undefined;
    }
    return value as T;
  }

  list<T>(node: Node, path: string, each: (item: YAMLMap, itemPath: string, raw: Node) => T, scalars = false): T[] {
    if (!isSeq(node)) {
      this.fail(node, `${path}: must be a list`);
      return [];
    }
    return node.items.flatMap((item, i) => {
      const itemPath = `${path}[${i}]`;
      if (!scalars && !isMap(item)) {
        this.fail(item as Node, `${itemPath}: must be a mapping`);
        return [];
      }
      return [each(item as YAMLMap, itemPath, item as Node)];
    });
  }

  unique<T>(node: Node | undefined, items: T[], key: (t: T) => string, what: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) this.fail(isSeq(node) ? (node.items[i] as Node) : node, `${what} ${k} appears twice`);
      seen.add(k);
    });
  }
}
