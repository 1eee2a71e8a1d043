import { readFileSync } from "node:fs";
import { compileContract, contractPath, loadContract, type Contract } from "../contract.js";
import type { BifrostVersion } from "./state.js";

/**
 * contracts/bifrost.openapi.json describes v1.5+ (v2's paths and fields included). For v1.4 the provider PUT
 * takes the full key set, which the contract documents as UpdateProviderRequestV14; the sandbox validates
 * that PUT with it instead.
 */
export function bifrostContract(version: BifrostVersion): Contract {
  // Compiling the contract takes a few hundred ms; validators keep no state, so one per variant serves every sandbox.
  const variant = version === "1.4" ? "1.4" : "1.5+";
  return (compiled[variant] ??= compile(variant));
}

const compiled: Partial<Record<"1.4" | "1.5+", Contract>> = {};

function compile(variant: "1.4" | "1.5+"): Contract {
  if (variant === "1.5+") return loadContract("bifrost");
  const doc = JSON.parse(readFileSync(contractPath("bifrost"), "utf8")) as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  };
  const put = doc.paths["/api/providers/{provider}"]?.put?.requestBody?.content["application/json"];
  if (!put) throw new Error("contracts/bifrost.openapi.json lacks PUT /api/providers/{provider}");
  put.schema = { $ref: "#/components/schemas/UpdateProviderRequestV14" };
  return compileContract(doc as unknown as Record<string, unknown>);
}
