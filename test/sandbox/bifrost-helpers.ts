import { afterEach } from "vitest";
import type { RunningSandbox, SandboxOptions } from "../../src/sandbox/server.js";
import { startEmulator } from "../helpers/emulators.js";

export const KEY = "sk-bifrost-sandbox-test-0123456789";
export const BEARER = { Authorization: `Bearer ${KEY}` };
export const BASIC = { Authorization: `Basic ${Buffer.from(`admin:${KEY}`).toString("base64")}` };

const running: RunningSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export interface Res {
  status: number;
  body: any; // wire JSON, asserted field by field
}

/** An in-process Bifrost sandbox (bearer auth unless told), its request log, and a client for it. */
export async function bifrost(opts: Partial<SandboxOptions> = {}): Promise<BifrostApi> {
  const log: string[] = [];
  const sb = await startEmulator({ backend: "bifrost", apiKey: KEY, log: (line) => log.push(line), ...opts });
  running.push(sb);
  const auth = opts.bifrostAuth === "none" ? {} : opts.bifrostAuth === "basic" ? BASIC : BEARER;
  return new BifrostApi(sb, log, auth);
}

export class BifrostApi {
  constructor(
    readonly sb: RunningSandbox,
    readonly log: string[],
    private readonly auth: Record<string, string>,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = this.auth): Promise<Res> {
    const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    const r = await fetch(this.sb.url + path, init);
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  }

  get = (path: string, headers?: Record<string, string>) => this.call("GET", path, undefined, headers);
  post = (path: string, body: unknown) => this.call("POST", path, body);
  put = (path: string, body: unknown) => this.call("PUT", path, body);
  del = (path: string) => this.call("DELETE", path);

  /** Requests the sandbox refused against contracts/bifrost.openapi.json. */
  violations = (): string[] => this.log.filter((l) => l.startsWith("contract: "));
}

/** A provider read back and turned into the PUT body a careful client sends (every block, as read). */
export function putBodyFrom(provider: Record<string, unknown>): Record<string, unknown> {
  const { name: _name, provider_status: _s, status: _st, description: _d, config_hash: _h, ...body } = provider;
  for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
  return body;
}

export const errorBody = (status: number, message: string | RegExp) => ({
  is_bifrost_error: false,
  status_code: status,
  error: { message: typeof message === "string" ? message : expectMatch(message) },
});

// vitest's asymmetric matcher without importing expect at module level in every file.
import { expect } from "vitest";
const expectMatch = (re: RegExp) => expect.stringMatching(re);
