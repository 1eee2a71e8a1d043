import { afterEach } from "vitest";
import type { RunningSandbox, SandboxOptions } from "../../src/sandbox/server.js";
import { startEmulator } from "../helpers/emulators.js";

export const KEY = "sk-lw-sandboxtestkey0123456789abcdef";

const running: RunningSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Starts an in-process sandbox on an ephemeral port; closed after each test. */
export async function sandbox(opts: Partial<SandboxOptions> = {}): Promise<Api> {
  const sb = await startEmulator({ backend: "langwatch", apiKey: KEY, ...opts });
  running.push(sb);
  return new Api(sb);
}

export interface Res {
  status: number;
  body: any; // wire JSON, asserted field by field
  headers: Headers;
}

export class Api {
  constructor(readonly sb: RunningSandbox) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = { "X-Auth-Token": KEY }): Promise<Res> {
    const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    const r = await fetch(this.sb.url + path, init);
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined, headers: r.headers };
  }

  get = (path: string, headers?: Record<string, string>) => this.call("GET", path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.call("POST", path, body, headers && { "X-Auth-Token": KEY, ...headers });
  patch = (path: string, body: unknown) => this.call("PATCH", path, body);
  put = (path: string, body: unknown) => this.call("PUT", path, body);
  del = (path: string) => this.call("DELETE", path);
}

export const PROVIDERS = "/api/gateway/v1/providers";
export const VKS = "/api/gateway/v1/virtual-keys";

export interface WireBinding {
  id: string;
  model_provider_id: string;
  model_provider_name: string;
  slot: string;
  rate_limit_rpm: number | null;
  rate_limit_tpm: number | null;
  rate_limit_rpd: number | null;
  rotation_policy: string;
  fallback_priority_global: number | null;
  health_status: string;
  disabled_at: string | null;
  created_at: string;
}

export async function bindings(api: Api): Promise<WireBinding[]> {
  const r = await api.get(PROVIDERS);
  if (r.status !== 200) throw new Error(`list failed: ${r.status}`);
  return r.body.data as WireBinding[];
}

export async function findBinding(api: Api, provider: string, slot: string): Promise<WireBinding> {
  const b = (await bindings(api)).find((x) => x.model_provider_name === provider && x.slot === slot);
  if (!b) throw new Error(`no ${provider}/${slot}`);
  return b;
}

/** Stored model-provider id by provider key, from `GET /api/model-providers`. */
export async function modelProviderId(api: Api, provider: string): Promise<string> {
  const r = await api.get("/api/model-providers");
  const id = r.body[provider]?.id as string | undefined;
  if (!id) throw new Error(`${provider} is not stored`);
  return id;
}
