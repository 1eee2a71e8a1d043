import { isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";

/**
 * Checks of a document's YAML nodes, each failure reported at the node's line and column. Written for
 * gw's documents because the messages name the field and the rule in gw's words ("must be a positive
 * integer, or null to inherit"), which a generic schema validator's errors do not.
 */
export function nodeOf(map: YAMLMap, key: string): Node | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair ? ((pair.value as Node | null) ?? undefined) : undefined;
}

export class Validator {
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

  /** A list of non-empty strings; absent = undefined (not managed), null = undefined unless `nullAsEmpty`. */
  stringList(map: YAMLMap, key: string, path: string, opts: { nullAsEmpty?: boolean } = {}): string[] | undefined {
    const node = nodeOf(map, key);
    if (node === undefined) return undefined;
    if (isScalar(node) && node.value === null) return opts.nullAsEmpty ? [] : undefined;
    return this.list(
      node,
      `${path}.${key}`,
      (_item, itemPath, raw) => {
        if (!isScalar(raw) || typeof raw.value !== "string" || raw.value === "") {
          this.fail(raw, `${itemPath}: must be a non-empty string`);
          return "";
        }
        return raw.value;
      },
      true,
    );
  }

  boolean(map: YAMLMap, key: string, path: string): boolean | undefined {
    const value = this.value(map, key, path, false);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") {
      this.fail(nodeOf(map, key), `${path}.${key}: must be true or false`);
      return undefined;
    }
    return value;
  }

  /** A string that may be null (clears it); absent = undefined (not managed). */
  nullableString(map: YAMLMap, key: string, path: string): string | null | undefined {
    const node = nodeOf(map, key);
    if (node === undefined) return undefined;
    if (isScalar(node) && node.value === null) return null;
    return this.string(map, key, path, false);
  }

  /** A positive integer that may be null; absent = undefined (not managed). */
  optionalLimit(map: YAMLMap, key: string, path: string): number | null | undefined {
    return nodeOf(map, key) === undefined ? undefined : this.limit(map, key, path);
  }

  /** Fails on a mapping that is present but not a mapping; returns it otherwise. */
  mapping(map: YAMLMap, key: string, path: string): YAMLMap | null | undefined {
    const node = nodeOf(map, key);
    if (node === undefined) return undefined;
    if (isScalar(node) && node.value === null) return null;
    if (!isMap(node)) {
      this.fail(node, `${path}.${key}: must be a mapping`);
      return undefined;
    }
    return node;
  }
}
