import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { isRecord } from "../wire-check.js";
import { mapBifrostError } from "./errors.js";
import { governanceFromListBody, providersFromListBody, wireProvider } from "./provider-from-wire.js";
import { generationFromProvider, generationOf, versionFromConfig, type Generation } from "./version.js";
import { CONFIG_PATH, PROVIDER_GOVERNANCE_PATH, PROVIDERS_PATH, providerPath, type WireGovernance, type WireProvider } from "./wire.js";

export interface Reads {
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  provider(name: string, what: string): Promise<WireProvider>;
  providers(what: string): Promise<WireProvider[]>;
  /** Provider governance by name; null when the server has no provider governance API (404). */
  governance(what: string): Promise<Map<string, WireGovernance> | null>;
  /** Keys of a provider: in the body on v1.4, from /keys on v1.5; null when they cannot be read. */
  keyCount(provider: WireProvider, what: string): Promise<number | null>;
  generation(what: string, sample?: WireProvider): Promise<Generation>;
}

/** The reads every Bifrost operation shares, with errors mapped and the server generation cached. */
export function bifrostReads(http: HttpClient): Reads {
  let generation: Generation | undefined;
  let configVersionRead = false;

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapBifrostError(err, what);
    }
  }

  const isHttp = (err: unknown, ...statuses: number[]) => err instanceof ApiError && err.category === "http" && statuses.includes(err.status);

  async function provider(name: string, what: string): Promise<WireProvider> {
    try {
      return wireProvider((await http.request("GET", providerPath(name))).body, what);
    } catch (err) {
      if (isHttp(err, 404)) throw new NotFoundError(`${what}: provider ${name} not found (see gw providers list)`);
      throw mapBifrostError(err, what);
    }
  }

  async function providers(what: string): Promise<WireProvider[]> {
    return providersFromListBody((await call(what, () => http.request("GET", PROVIDERS_PATH))).body, what);
  }

  async function governance(what: string): Promise<Map<string, WireGovernance> | null> {
    try {
      return governanceFromListBody((await http.request("GET", PROVIDER_GOVERNANCE_PATH)).body, what);
    } catch (err) {
      // Governance is a plugin; a server without it has no such route [U]. Limits then read as unknown.
      if (isHttp(err, 404)) return null;
      throw mapBifrostError(err, what);
    }
  }

  async function keyCount(p: WireProvider, what: string): Promise<number | null> {
    if (Array.isArray(p.keys)) return p.keys.length;
    try {
      const body = (await http.request("GET", providerPath(p.name, "/keys"))).body;
      if (isRecord(body) && Array.isArray(body.keys)) return body.keys.length;
      return null;
    } catch (err) {
      if (isHttp(err, 400, 404, 405)) return null; // a server without the /keys endpoints, or a keyless provider
      throw mapBifrostError(err, what);
    }
  }

  /**
   * GET /api/config first (its version field is unconfirmed, §2.10, so it is looked for leniently); without
   * one, the behaviour tells: a provider body that carries keys is v1.4 (§2.5).
   */
  async function detect(what: string, sample?: WireProvider): Promise<Generation> {
    if (generation) return generation;
    if (!configVersionRead) {
      configVersionRead = true;
      try {
        const version = versionFromConfig((await http.request("GET", CONFIG_PATH)).body);
        if (version) return (generation = generationOf(version)!);
      } catch (err) {
        if (isHttp(err, 401, 403)) throw mapBifrostError(err, what);
        // Any other failure: fall back to the behaviour below.
      }
    }
    if (sample) return (generation = generationFromProvider(sample));
    const all = await providers(what);
    // No provider to look at: assume the current generation (v1.5 shipped 2026-04).
    return (generation = all.some((p) => Array.isArray(p.keys)) ? "1.4" : "1.5");
  }

  return { call, provider, providers, governance, keyCount, generation: detect };
}
