import { afterEach } from "vitest";
import { loadContract } from "../../src/sandbox/contract.js";
import type { RunningSandbox, SandboxOptions } from "../../src/sandbox/server.js";
import { startEmulator } from "../helpers/emulators.js";

export const CW_KEY = "cw-sandbox-test-token-0123456789";
export const GATEWAYS = "/v1alpha1/inference/gateways";

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const contract = loadContract("coreweave");

export interface CwRes {
  status: number;
  body: any; // wire JSON, asserted field by field
}

/** An in-process CoreWeave sandbox and a client speaking Bearer; every answer is checked against the contract. */
export async function coreweave(opts: Partial<SandboxOptions> = {}) {
  const log: string[] = [];
  const sb = await startEmulator({ backend: "coreweave", apiKey: CW_KEY, transitionMs: 0, log: (l) => log.push(l), ...opts });
  running.push(sb);
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${CW_KEY}` }): Promise<CwRes> {
    const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    const r = await fetch(sb.url + path, init);
    const text = await r.text();
    const res = { status: r.status, body: text ? JSON.parse(text) : undefined };
    const route = routeOf(method, path);
    if (route) {
      const problems = contract.checkResponse(method, route, res.status, res.body);
      if (problems) throw new Error(`${method} ${path} -> ${res.status} breaks the contract: ${problems.join("; ")}`);
    }
    return res;
  }
  return {
    sb,
    log,
    call,
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (body: unknown) => call("POST", GATEWAYS, body),
    patch: (id: string, body: unknown) => call("PATCH", `${GATEWAYS}/${id}`, body),
    del: (id: string) => call("DELETE", `${GATEWAYS}/${id}`),
    contractViolations: () => log.filter((l) => l.startsWith("contract: ")),
  };
}

/** The contract route a request path belongs to, to pick the response schema. */
function routeOf(method: string, path: string): string | undefined {
  const bare = path.split("?")[0]!;
  if (bare === GATEWAYS) return GATEWAYS;
  if (bare === `${GATEWAYS}/parameters` && method === "GET") return `${GATEWAYS}/parameters`;
  if (bare.startsWith(`${GATEWAYS}/`) && bare.split("/").length === 5) return `${GATEWAYS}/:id`;
  return undefined;
}

export const newGateway = (over: Record<string, unknown> = {}) => ({
  name: "t",
  zones: ["US-EAST-04A"],
  coreWeaveAuth: {},
  bodyBasedRouting: { apiType: "API_TYPE_OPENAI" },
  ...over,
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
