/**
 * Structural comparison of one of gw's contracts (contracts/<backend>.openapi.json, OpenAPI 3.1) with the
 * vendor contract in ../shared/specs (OpenAPI 3.0, YAML or JSON). It answers "would a request that our
 * sandbox accepts be accepted by the vendor's contract, and the other way round?" for every operation we
 * describe: same paths, parameters, body properties, types, nullability, required sets, enums and bounds.
 *
 * Written by hand because the question is specific (3.0 vs 3.1 nullability, our annotations); the specs use
 * only local `#/components/...` refs, so a small resolver suffices.
 *
 * Escape hatches are explicit and reported: an operation or property with `x-gw-source` is ours alone
 * (from the research, not the spec); a schema with `x-gw-note` may deviate from the spec, and the note says why.
 */
type Json = Record<string, unknown>;

export interface Finding {
  where: string;
  message: string;
  /** Deviations the contract declares with x-gw-note / x-gw-source: listed, not failures. */
  declared: boolean;
}

const METHODS = ["get", "put", "post", "patch", "delete", "head"] as const;

export function compareContracts(ours: Json, theirs: Json): Finding[] {
  const findings: Finding[] = [];
  const ourPaths = (ours.paths ?? {}) as Record<string, Json>;
  const theirPaths = (theirs.paths ?? {}) as Record<string, Json>;
  for (const [path, ourItem] of Object.entries(ourPaths)) {
    for (const method of METHODS) {
      const ourOp = ourItem[method] as Json | undefined;
      if (!ourOp) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const theirOp = theirPaths[path]?.[method] as Json | undefined;
      if (ourOp["x-gw-source"] !== undefined) {
        findings.push({ where, message: `ours alone (${String(ourOp["x-gw-source"])})`, declared: true });
        continue;
      }
      if (!theirOp) {
        findings.push({ where, message: "not in the shared spec (mark it x-gw-source if it comes from the research)", declared: false });
        continue;
      }
      const cmp = new SchemaComparer(ours, theirs, findings);
      cmp.parameters(where, [ourItem.parameters, ourOp.parameters], [theirPaths[path]!.parameters, theirOp.parameters]);
      cmp.requestBody(where, ourOp.requestBody, theirOp.requestBody);
      cmp.responses(where, ourOp.responses as Json | undefined, theirOp.responses as Json | undefined);
    }
  }
  return findings;
}

interface Normal {
  types: Set<string> | null;
  enum: unknown[] | null;
  properties: Record<string, unknown> | null;
  required: string[];
  additionalProperties: unknown;
  items: unknown;
  oneOf: unknown[] | null;
  bounds: Record<string, unknown>;
  note: string | null;
  source: string | null;
}

const BOUNDS = ["minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "multipleOf"];

class SchemaComparer {
  constructor(
    private readonly ours: Json,
    private readonly theirs: Json,
    private readonly findings: Finding[],
  ) {}

  private problem(where: string, message: string, declared = false): void {
    this.findings.push({ where, message, declared });
  }

  parameters(where: string, ourLists: unknown[], theirLists: unknown[]): void {
    const collect = (doc: Json, lists: unknown[]) => {
      const out = new Map<string, Json>();
      for (const list of lists) for (const p of (list ?? []) as unknown[]) {
        const param = resolve(doc, p) as Json;
        if (param.in === "path" || param.in === "query") out.set(`${String(param.in)} ${String(param.name)}`, param);
      }
      return out;
    };
    const mine = collect(this.ours, ourLists);
    const theirs = collect(this.theirs, theirLists);
    for (const [key, p] of mine) {
      const t = theirs.get(key);
      if (!t) {
        this.problem(`${where} ${key}`, "parameter not in the shared spec", p["x-gw-source"] !== undefined);
        continue;
      }
      if (Boolean(p.required) !== Boolean(t.required)) this.problem(`${where} ${key}`, `required ${Boolean(p.required)} vs ${Boolean(t.required)}`);
      this.schema(`${where} ${key}`, p.schema, t.schema, "request", 0);
    }
    for (const key of theirs.keys()) if (!mine.has(key)) this.problem(`${where} ${key}`, "parameter of the shared spec is missing");
  }

  requestBody(where: string, ourBody: unknown, theirBody: unknown): void {
    const ours = jsonSchemaOf(this.ours, ourBody);
    const theirs = jsonSchemaOf(this.theirs, theirBody);
    if (!ours && !theirs) return;
    if (!ours || !theirs) {
      this.problem(`${where} body`, ours ? "the shared spec takes no JSON body" : "the shared spec takes a JSON body; ours does not");
      return;
    }
    const ourRequired = Boolean((resolve(this.ours, ourBody) as Json).required);
    const theirRequired = Boolean((resolve(this.theirs, theirBody) as Json).required);
    if (ourRequired !== theirRequired) this.problem(`${where} body`, `required ${ourRequired} vs ${theirRequired}`);
    this.schema(`${where} body`, ours, theirs, "request", 0);
  }

  responses(where: string, ours: Json | undefined, theirs: Json | undefined): void {
    for (const [status, response] of Object.entries(ours ?? {})) {
      const mine = jsonSchemaOf(this.ours, response);
      if (!mine || !/^2/.test(status)) continue;
      const theirResponse = theirs?.[status] ?? theirs?.default;
      const other = jsonSchemaOf(this.theirs, theirResponse);
      if (!other) {
        this.problem(`${where} ${status}`, "the shared spec documents no JSON body for this response");
        continue;
      }
      this.schema(`${where} ${status}`, mine, other, "response", 0);
    }
  }

  /**
   * Request schemas must match both ways (a property, type or bound we lack would accept what the vendor
   * refuses, or the reverse). Response schemas may describe a subset of the vendor's properties.
   */
  schema(where: string, ourRaw: unknown, theirRaw: unknown, mode: "request" | "response", depth: number): void {
    if (depth > 12) return;
    const a = normalize(this.ours, ourRaw);
    const b = normalize(this.theirs, theirRaw);
    if (a.note) {
      this.problem(where, `declared deviation: ${a.note}`, true);
      return;
    }
    if (b.types && a.types && !sameSet(a.types, b.types)) this.problem(where, `type ${show(a.types)} vs ${show(b.types)}`);
    if (b.types && !a.types) this.problem(where, `untyped; the shared spec says ${show(b.types)}`);
    if (JSON.stringify(sorted(a.enum)) !== JSON.stringify(sorted(b.enum))) this.problem(where, `enum ${JSON.stringify(a.enum)} vs ${JSON.stringify(b.enum)}`);
    for (const bound of BOUNDS) {
      if (a.bounds[bound] !== b.bounds[bound] && mode === "request") {
        this.problem(where, `${bound} ${JSON.stringify(a.bounds[bound])} vs ${JSON.stringify(b.bounds[bound])}`);
      }
    }
    if (mode === "request" && JSON.stringify(sorted(a.required)) !== JSON.stringify(sorted(b.required))) {
      this.problem(where, `required [${a.required.join(", ")}] vs [${b.required.join(", ")}]`);
    }
    if (mode === "request" && (b.additionalProperties === false) !== (a.additionalProperties === false)) {
      this.problem(where, `additionalProperties ${JSON.stringify(a.additionalProperties ?? true)} vs ${JSON.stringify(b.additionalProperties ?? true)}`);
    }
    if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) {
      this.schema(`${where}.*`, a.additionalProperties, b.additionalProperties, mode, depth + 1);
    }
    if (mode === "request" && JSON.stringify(oneOfSignature(this.ours, a.oneOf)) !== JSON.stringify(oneOfSignature(this.theirs, b.oneOf))) {
      this.problem(where, `oneOf ${JSON.stringify(oneOfSignature(this.ours, a.oneOf))} vs ${JSON.stringify(oneOfSignature(this.theirs, b.oneOf))}`);
    }
    const ourProps = a.properties ?? {};
    const theirProps = b.properties ?? {};
    for (const [name, schema] of Object.entries(ourProps)) {
      const at = `${where}.${name}`;
      if (!(name in theirProps)) {
        const source = (resolve(this.ours, schema) as Json)["x-gw-source"];
        this.problem(at, `not in the shared spec${source ? ` (${String(source)})` : ""}`, source !== undefined);
        continue;
      }
      this.schema(at, schema, theirProps[name], mode, depth + 1);
    }
    if (mode === "request") {
      for (const name of Object.keys(theirProps)) if (!(name in ourProps)) this.problem(`${where}.${name}`, "property of the shared spec is missing");
    }
    if (a.items !== undefined && b.items !== undefined) this.schema(`${where}[]`, a.items, b.items, mode, depth + 1);
  }
}

function jsonSchemaOf(doc: Json, bodyOrResponse: unknown): unknown {
  if (bodyOrResponse === undefined) return undefined;
  const resolved = resolve(doc, bodyOrResponse) as Json;
  return ((resolved.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
}

/** Follow local refs (`#/components/...`). */
export function resolve(doc: Json, value: unknown, seen = 0): unknown {
  if (!isObject(value) || typeof value.$ref !== "string" || seen > 20) return value;
  const path = value.$ref.replace(/^#\//, "").split("/");
  let target: unknown = doc;
  for (const part of path) target = (target as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  if (target === undefined) throw new Error(`unresolvable $ref ${value.$ref}`);
  return resolve(doc, target, seen + 1);
}

/** One flat view of a schema: refs followed, allOf merged, 3.0 `nullable` turned into a "null" type. */
function normalize(doc: Json, raw: unknown): Normal {
  const s = resolve(doc, raw) as Json;
  const out: Normal = {
    types: null, enum: null, properties: null, required: [], additionalProperties: undefined, items: undefined, oneOf: null,
    bounds: {}, note: typeof s["x-gw-note"] === "string" ? s["x-gw-note"] : null,
    source: typeof s["x-gw-source"] === "string" ? s["x-gw-source"] : null,
  };
  const merge = (part: Json) => {
    if (part.type !== undefined) {
      const types = new Set(Array.isArray(part.type) ? (part.type as string[]) : [String(part.type)]);
      if (part.nullable === true) types.add("null");
      out.types = out.types ? new Set([...out.types].filter((t) => types.has(t))) : types;
    }
    if (Array.isArray(part.enum)) out.enum = (part.enum as unknown[]).filter((v) => v !== null);
    if (isObject(part.properties)) out.properties = { ...out.properties, ...(part.properties as Json) };
    if (Array.isArray(part.required)) out.required = [...new Set([...out.required, ...(part.required as string[])])];
    if (part.additionalProperties !== undefined) out.additionalProperties = part.additionalProperties;
    if (part.items !== undefined) out.items = part.items;
    if (Array.isArray(part.oneOf)) out.oneOf = [...(out.oneOf ?? []), part.oneOf];
    for (const bound of BOUNDS) {
      if (part[bound] === undefined) continue;
      // 3.0 writes exclusiveMinimum: true + minimum: n; 3.1 writes exclusiveMinimum: n.
      if ((bound === "exclusiveMinimum" || bound === "exclusiveMaximum") && part[bound] === true) {
        const edge = bound === "exclusiveMinimum" ? "minimum" : "maximum";
        out.bounds[bound] = part[edge];
        delete out.bounds[edge];
        continue;
      }
      if ((bound === "minimum" && part.exclusiveMinimum === true) || (bound === "maximum" && part.exclusiveMaximum === true)) continue;
      if (bound === "format" && ["int32", "int64", "float", "double"].includes(String(part[bound]))) continue; // OpenAPI-only formats
      out.bounds[bound] = part[bound];
    }
  };
  for (const part of (Array.isArray(s.allOf) ? (s.allOf as unknown[]) : [])) merge(normalize_part(doc, part));
  merge(s);
  if (out.types?.has("null") && out.enum) out.enum = out.enum.filter((v) => v !== null);
  return out;
}

function normalize_part(doc: Json, part: unknown): Json {
  const resolved = resolve(doc, part) as Json;
  if (!Array.isArray(resolved.allOf)) return resolved;
  const merged: Json = { ...resolved };
  delete merged.allOf;
  for (const inner of resolved.allOf as unknown[]) {
    const n = normalize_part(doc, inner);
    merged.properties = { ...(merged.properties as Json | undefined), ...(n.properties as Json | undefined) };
    merged.required = [...new Set([...((merged.required as string[] | undefined) ?? []), ...((n.required as string[] | undefined) ?? [])])];
    if (n.type !== undefined && merged.type === undefined) merged.type = n.type;
    if (Array.isArray(n.oneOf)) merged.oneOf = n.oneOf;
  }
  return merged;
}

/** oneOf branches compared by what each requires (enough for "exactly one of these blocks"). */
function oneOfSignature(doc: Json, groups: unknown[] | null): string[][] {
  if (!groups) return [];
  return groups
    .map((group) =>
      (group as unknown[])
        .map((branch) => [...(((resolve(doc, branch) as Json).required as string[] | undefined) ?? [])].sort().join("+"))
        .sort(),
    )
    .sort((x, y) => x.join().localeCompare(y.join()));
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const sameSet = (a: Set<string>, b: Set<string>) => {
  const widen = (s: Set<string>) => new Set([...s].map((t) => (t === "integer" ? "number" : t)));
  const [x, y] = [widen(a), widen(b)];
  return x.size === y.size && [...x].every((t) => y.has(t)) && a.has("integer") === b.has("integer");
};
const show = (s: Set<string>) => [...s].sort().join("|");
const sorted = (v: unknown[] | null) => (v ? [...v].map(String).sort() : null);
