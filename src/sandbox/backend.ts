import type { IncomingHttpHeaders } from "node:http";
import type { Contract } from "./contract.js";

/** What a handler answers; the server serialises `body` as JSON. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` when the route reads none or the body was empty (optional bodies). */
  body: unknown;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path pattern, `:name` segments become params, e.g. `/api/gateway/v1/providers/:id`. */
  path: string;
  /** `json`: an empty or malformed body is the backend's malformed-JSON reply; `optional`: empty is fine. */
  body?: "json" | "optional" | "none";
  /** A successful (status < 400) answer changed state and must be persisted. */
  mutates?: boolean;
  /** Served without authentication (e.g. the OpenAPI document). */
  public?: boolean;
  handle(ctx: RequestContext): Reply;
}

/** The error bodies the backend-neutral server needs, in the emulated control plane's own shape. */
export interface BackendErrors {
  routeNotFound(method: string, path: string): Reply;
  malformedJson(): Reply;
  unavailable(): Reply;
  rateLimited(retryAfterSeconds: number): Reply;
  internal(err: unknown): Reply;
  /** A request the contract refuses (unknown field, wrong type ...), in the vendor's own validation reply. */
  invalidRequest?(problems: string[]): Reply;
}

export interface SandboxBackendInstance {
  projectId: string;
  routes: Route[];
  /** `undefined` when the request carries valid credentials, otherwise the 401/403 reply. */
  authenticate(headers: IncomingHttpHeaders): Reply | undefined;
  errors: BackendErrors;
  /** Header fields written next to `backend` in the state file (e.g. `{era: "a"}`). */
  stateHeader(): Record<string, unknown>;
  /** The JSON-serialisable state. */
  snapshot(): unknown;
  /**
   * The backend's contract (contracts/<name>.openapi.json). When present, every authenticated request is
   * validated with it before its handler runs; a refusal is logged as `contract: ...` (test/helpers checks
   * that end-to-end tests cause none) and answered with `errors.invalidRequest`.
   */
  contract?: Contract;
}

export interface BackendInit {
  apiKey: string;
  seed: "demo" | "empty" | number;
  langwatchEra: "a" | "b";
  /** Bifrost: which server generation to emulate (v1.4: keys inside the provider; v1.5: /keys endpoints; v2: v2.5). */
  bifrostVersion: "1.4" | "1.5" | "2";
  /** Bifrost: dashboard auth off (none), or on with Basic (`admin:<api key>`) or Bearer (`<api key>`). */
  bifrostAuth: "none" | "basic" | "bearer";
  /** CoreWeave: how long each status transition (CREATING -> READY, ...) takes, in ms. */
  transitionMs: number;
  /** A state file's parsed content (header and state), to load instead of seeding. */
  saved?: { header: Record<string, unknown>; state: unknown };
}

export type BackendFactory = ((init: BackendInit) => SandboxBackendInstance) & {
  /**
   * A management key in the form this control plane issues, for a run without --api-key (so that what
   * `gw sandbox` prints looks like the real thing). Without one, the server makes a LangWatch-style key.
   */
  newApiKey?: () => string;
};
