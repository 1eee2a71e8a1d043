import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

export type BifrostAuth = "none" | "basic" | "bearer";

export interface BifrostRig {
  sandbox: SandboxProcess;
  env: Record<string, string>;
  configDir: string;
  gw(args: string[], extra?: Record<string, string>, input?: string): Promise<GwRun>;
  json<T>(args: string[]): Promise<T>;
  /** Run `fn` and return the sandbox's request lines it caused ("GET /api/providers 200 1ms"). */
  requests(fn: () => Promise<unknown>): Promise<string[]>;
}

/** `gw sandbox --backend bifrost` plus a gw pointed at it through the environment, as CI would do it. */
export async function bifrostRig(args: string[] = [], auth: BifrostAuth = "bearer"): Promise<BifrostRig> {
  const sandbox = await startSandboxProcess(["--backend", "bifrost", "--bifrost-auth", auth, ...args]);
  const key = auth === "basic" ? `admin:${sandbox.apiKey}` : sandbox.apiKey;
  const env: Record<string, string> = {
    GW_BACKEND: "bifrost",
    GW_BASE_URL: sandbox.url,
    GW_AUTH: auth,
    ...(auth === "none" ? {} : { GW_API_KEY: key }),
  };
  const configDir = tempConfigDir();
  const gw = (a: string[], extra: Record<string, string> = {}, input?: string) =>
    runGw(a, { configDir, env: { ...env, ...extra }, ...(input !== undefined ? { input } : {}) });
  return {
    sandbox,
    env,
    configDir,
    gw,
    async json<T>(a: string[]): Promise<T> {
      const r = await gw([...a, "-o", "json"]);
      expect(r.exitCode, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as T;
    },
    async requests(fn) {
      const mark = sandbox.log.length;
      await fn();
      await sleep(100); // the sandbox logs right after answering; let its last lines arrive
      return sandbox.log.slice(mark).filter((l) => /^(GET|POST|PUT|PATCH|DELETE) /.test(l)).map((l) => l.replace(/ \d+ms$/, ""));
    },
  };
}

/** Secrets the demo seed stores; none may ever appear in gw's output. */
export const SEEDED_SECRETS = [
  "sk-proj-sandboxOpenAiProdKey000000000001",
  "sk-proj-sandboxOpenAiBackupKey00000002",
  "sk-ant-sandboxAnthropicKey000000000003",
  "sandbox-proxy-password",
];

export function expectNoSecrets(text: string, extra: string[] = []): void {
  for (const secret of [...SEEDED_SECRETS, ...extra]) expect(text).not.toContain(secret);
}
