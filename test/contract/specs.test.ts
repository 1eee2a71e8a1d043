import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileContract } from "../../src/sandbox/contract.js";
import { ROOT } from "../helpers/paths.js";
import { itNeeding, requireShared } from "../helpers/requires.js";
import { compareContracts } from "./compare.js";

/** gw's own contracts and the vendor contracts in ../shared/specs they were written from. */
const PAIRS = [
  { backend: "bifrost", contract: "bifrost.openapi.json", shared: "bifrost.openapi.json" },
  { backend: "ngrok", contract: "ngrok.openapi.json", shared: "ngrok-ai-gateway.openapi.yaml" },
  { backend: "coreweave", contract: "coreweave.openapi.json", shared: "coreweave-inference.openapi.yaml" },
] as const;

const SHARED = join(ROOT, "..", "shared", "specs");

function load(path: string): Record<string, unknown> {
  const text = readFileSync(path, "utf8");
  return (path.endsWith(".json") ? JSON.parse(text) : parse(text)) as Record<string, unknown>;
}

// `$contract`, not `$backend.openapi.json`: vitest would read the latter as the key path backend.openapi.
describe.each(PAIRS)("contracts/$contract", ({ backend, shared }) => {
  const ours = join(ROOT, "contracts", `${backend}.openapi.json`);

  it("compiles: every schema is valid JSON Schema 2020-12 (ajv strict mode)", () => {
    expect(() => compileContract(load(ours)).compileAll()).not.toThrow();
  });

  itNeeding(requireShared("specs"), `matches ../shared/specs/${shared}: paths, parameters, body fields, types, required, enums, bounds`, () => {
    const findings = compareContracts(load(ours), load(join(SHARED, shared)));
    const undeclared = findings.filter((f) => !f.declared).map((f) => `${f.where}: ${f.message}`);
    expect(undeclared).toEqual([]);
  });
});
