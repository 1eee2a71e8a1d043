import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/**
 * gw's own contract of a control plane (contracts/<backend>.openapi.json, OpenAPI 3.1 / JSON Schema 2020-12),
 * written from ../shared/specs and checked against them by test/contract. The sandbox validates every
 * request with it before a handler runs, so each end-to-end test is also a contract test: a request gw
 * sends that the vendor would refuse is refused here too, and logged as a contract violation.
 */
export interface Contract {
  /** undefined when the request conforms; otherwise one line per problem. */
  check(request: ContractRequest): string[] | undefined;
  /** Whether the contract describes this operation at all (every sandbox route must be described). */
  has(method: string, routePath: string): boolean;
  /** For sandbox tests: problems of a response body against the documented response schema. */
  checkResponse(method: string, routePath: string, status: number, body: unknown): string[] | undefined;
  /** Compile every schema now (schemas compile on first use otherwise): throws on an invalid one. */
  compileAll(): void;
}

export interface ContractRequest {
  method: string;
  /** The sandbox route's pattern, `:name` segments (e.g. `/providers/:id`). */
  routePath: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** A schema's validator, compiled on first use: a contract has many operations, a sandbox run uses a few. */
type Lazy = () => ValidateFunction;

interface Operation {
  params: { name: string; in: "path" | "query"; required: boolean; schema: unknown; validate: Lazy }[];
  body?: { required: boolean; validate: Lazy };
  responses: Map<string, Lazy>;
}

type Json = Record<string, unknown>;

// ajv ships CommonJS with `exports.default`; under NodeNext the class sits on `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** contracts/ at the package root: found upward, as this code runs from src/, dist/ or a bundle chunk. */
function contractsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "contracts"))) return join(dir, "contracts");
    dir = dirname(dir);
  }
  throw new Error("contracts/ not found next to gw's package");
}

/** Annotation keywords our contract files use besides JSON Schema's own (`examples` is one of those: Ajv 2020 rejects a second definition). */
const ANNOTATIONS = ["x-gw-source", "x-gw-unconfirmed", "x-gw-note", "example"];

export function contractPath(backend: string): string {
  return join(contractsDir(), `${backend}.openapi.json`);
}

export function loadContract(backend: string): Contract {
  return compileContract(JSON.parse(readFileSync(contractPath(backend), "utf8")) as Json);
}

export function compileContract(doc: Json): Contract {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(ANNOTATIONS);
  addFormats(ajv);
  const components = ((doc.components as Json | undefined)?.schemas ?? {}) as Json;
  ajv.addSchema({ $id: "gw-contract", $defs: rebase(components) });
  const compiled: Lazy[] = [];
  const compile = (schema: unknown): Lazy => {
    let validate: ValidateFunction | undefined;
    const lazy = () => (validate ??= ajv.compile(rebase(schema) as object));
    compiled.push(lazy);
    return lazy;
  };

  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const shared = (item.parameters ?? []) as Json[];
    for (const method of ["get", "post", "put", "patch", "delete", "head"]) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const params = [...shared, ...((op.parameters ?? []) as Json[])]
        .filter((p) => p.in === "path" || p.in === "query")
        .map((p) => ({
          name: String(p.name),
          in: p.in as "path" | "query",
          required: Boolean(p.required),
          schema: p.schema ?? {},
          validate: compile(p.schema ?? {}),
        }));
      const requestBody = op.requestBody as Json | undefined;
      const bodySchema = ((requestBody?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
      const responses = new Map<string, Lazy>();
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        const schema = ((response.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
        if (schema) responses.set(status, compile(schema));
      }
      operations.set(key(method, path), {
        params,
        ...(bodySchema ? { body: { required: Boolean(requestBody?.required), validate: compile(bodySchema) } } : {}),
        responses,
      });
    }
  }

  const find = (method: string, routePath: string) => operations.get(key(method, toTemplate(routePath)));
  return {
    has: (method, routePath) => find(method, routePath) !== undefined,
    check(req) {
      const op = find(req.method, req.routePath);
      if (!op) return [`${req.method} ${req.routePath} is not in the contract`];
      const problems: string[] = [];
      for (const p of op.params) {
        const raw = p.in === "path" ? req.params[p.name] : (req.query.get(p.name) ?? undefined);
        if (raw === undefined) {
          if (p.required) problems.push(`${p.in} parameter ${p.name} is required`);
          continue;
        }
        const validate = p.validate();
        if (!validate(coerce(raw, p.schema))) problems.push(...describe(validate.errors, `${p.in} parameter ${p.name}`));
      }
      if (op.body) {
        if (req.body === undefined) {
          if (op.body.required) problems.push("a JSON request body is required");
        } else {
          const validate = op.body.validate();
          if (!validate(req.body)) problems.push(...describe(validate.errors, "body"));
        }
      } else if (req.body !== undefined && req.method !== "GET" && req.method !== "DELETE") {
        problems.push("this operation takes no request body");
      }
      return problems.length ? problems : undefined;
    },
    checkResponse(method, routePath, status, body) {
      const op = find(method, routePath);
      if (!op) return [`${method} ${routePath} is not in the contract`];
      const lazy = op.responses.get(String(status)) ?? op.responses.get(`${String(status)[0]}XX`) ?? op.responses.get("default");
      if (!lazy) return [`no response ${status} documented for ${method} ${routePath}`];
      const validate = lazy();
      return validate(body) ? undefined : describe(validate.errors, `response ${status}`);
    },
    compileAll: () => compiled.forEach((lazy) => lazy()),
  };
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** `/providers/:id` -> `/providers/{id}` */
function toTemplate(routePath: string): string {
  return routePath.replace(/:(\w+)/g, "{$1}");
}

/** Point component refs at the schema registered as gw-contract. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"gw-contract#/$defs/'));
}

/** Query and path values arrive as strings; numbers and booleans are compared as what they spell. */
function coerce(raw: string, schema: unknown): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath ? `${where}${e.instancePath.replace(/\//g, ".")}` : where;
    const extra =
      e.keyword === "additionalProperties"
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : e.keyword === "enum"
          ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(", ")})`
          : "";
    return `${at} ${e.message ?? e.keyword}${extra}`;
  });
}
