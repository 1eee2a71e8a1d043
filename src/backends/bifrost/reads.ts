import { NotFoundError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { isRecord } from "../wire-check.js";
import { mapBifrostError } from "./errors.js";
import { governanceFromListBody, providersFromListBody, wireProvider } from "./provider-from-wire.js";
import { generationFromProvider, generationOf, versionFromBody, type Generation, type ServerVersion } from "./version.js";
import { PROVIDER_GOVERNANCE_PATH, PROVIDERS_PATH, providerPath, VERSION_PATH, type WireGovernance, type WireProvider } from "./wire.js";

export interface Reads {
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  provider(name: string, what: string): Promise<WireProvider>;
  providers(what: string): Promise<WireProvider[]>;
  /** Provider governance by name; null when the server has no provider governance API (404). */
  governance(what: string): Promise<Map<string, WireGovernance> | null>;
  /** Keys of a provider: in the body on v1.4, from /keys on v1.5; null when they cannot be read. */
  keyCount(provider: WireProvider, what: string): Promise<number | null>;
  generation(what: string, sample?: WireProvider): Promise<Generation>;
  /** The release (null when /api/version gave none and the behaviour told the generation) and the generation, for `gw status`. */
  version(what: string, sample?: WireProvider): Promise<ServerVersion>;
}

/** The reads every Bifrost operation shares, with errors mapped and the server's version cached. */
export function bifrostReads(http: HttpClient): Reads {
  let detected: ServerVersion | undefined;
  let releaseRead: Promise<string | null> | undefined;

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
   * GET /api/version is public and answers the release as a JSON string (research §2.10); asked once, even
   * by concurrent callers. Anything but a release (404 on an old build, a 5xx, a page) is no answer, and the
   * behaviour tells instead; a refused key still fails here, as it would on the next request.
   */
  function release(): Promise<string | null> {
    return (releaseRead ??= http.request("GET", VERSION_PATH, { allowText: true }).then(
      (res) => versionFromBody(res.body) ?? null,
      (err: unknown) => {
        if (isHttp(err, 401, 403)) throw err;
        return null;
      },
    ));
  }

  /** The release first; without one, a provider body that carries keys is v1.4 (§2.5). */
  async function detect(what: string, sample?: WireProvider): Promise<ServerVersion> {
    if (detected) return detected;
    let named: string | null;
    try {
      named = await release();
    } catch (err) {
      throw mapBifrostError(err, what);
    }
    if (named) return (detected ??= { release: named, generation: generationOf(named)! });
    if (sample) return (detected ??= { release: null, generation: generationFromProvider(sample) });
    const all = await providers(what);
    // No provider to look at: assume the v1.5 behaviour (v1.5 shipped 2026-04; v2 keeps it for providers).
    return (detected ??= { release: null, generation: all.some((p) => Array.isArray(p.keys)) ? "1.4" : "1.5" });
  }

  return {
    call,
    provider,
    providers,
    governance,
    keyCount,
    generation: async (what, sample) => (await detect(what, sample)).generation,
    version: detect,
  };
}
