import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * LangWatch's error currency (issue 11): 500s that carry a client error, the bind conflict, against the
 * sandbox; the root error envelope of newer servers and a create without a secret, against purpose-built
 * servers (the sandbox emulates v3.2-v3.4, whose envelope sits under `error`).
 */
interface Binding {
  id: string;
  provider: string;
  providerId: string;
  slot: string;
  status: string;
}
interface Vk {
  id: string;
  name: string;
  status: string;
}

function errorLine(r: GwRun): string {
  const lines = r.stderr.split("\n").filter((l) => l.startsWith("error: "));
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe("LangWatch v3.2-v3.3 (sandbox era a): refusals and conflicts", () => {
  let sandbox: SandboxProcess;
  const configDir = tempConfigDir();
  const gw = (args: string[]) =>
    runGw(args, { configDir, env: { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey } });
  const listJson = async <T>(args: string[]): Promise<T> => {
    const r = await gw([...args, "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--langwatch-era", "a"]);
  });
  afterAll(async () => sandbox?.stop());

  it("a key whose chain names a disabled binding: the server's 500 BAD_REQUEST is a refusal (exit 5), with its reason", async () => {
    const disabled = (await listJson<Binding[]>(["providers", "list"])).find((b) => b.status === "disabled")!;
    const r = await gw(["vk", "create", "--name", "refused-key", "--chain", disabled.id]);
    expect(r.exitCode).toBe(5);
    expect(errorLine(r)).toBe(
      "error: create virtual key refused-key: refused by the server: One or more provider credentials do not belong to this project " +
        "or are disabled (HTTP 500 BAD_REQUEST)",
    );
    expect(r.stdout).toBe("");
    expect((await listJson<Vk[]>(["vk", "list"])).some((k) => k.name === "refused-key")).toBe(false);
  });

  it("rotating a revoked key: refused (exit 5), not 'may or may not have been applied'", async () => {
    const revoked = (await listJson<Vk[]>(["vk", "list"])).find((k) => k.status === "revoked")!;
    const r = await gw(["vk", "rotate", revoked.id]);
    expect(r.exitCode).toBe(5);
    expect(errorLine(r)).toBe(`error: rotate virtual key ${revoked.id}: refused by the server: Cannot rotate a revoked virtual key (HTTP 500 BAD_REQUEST)`);
  });

  it("binding a disabled model provider: refused (exit 5) with the server's advice", async () => {
    const providers = JSON.parse((await gw(["api", "GET", "/api/model-providers"])).stdout) as Record<string, { id?: string; enabled: boolean }>;
    const gemini = providers.gemini!;
    expect(gemini).toMatchObject({ enabled: false });
    const r = await gw(["providers", "bind", "--provider", gemini.id!]);
    expect(r.exitCode).toBe(5);
    expect(errorLine(r)).toMatch(/refused by the server: ModelProvider is disabled\. Enable it in Settings → Model Providers first\. \(HTTP 500 BAD_REQUEST\)$/);
  });

  it("binding a provider in a slot it already has: says so and both ways out (exit 5)", async () => {
    const openai = (await listJson<Binding[]>(["providers", "list"])).find((b) => b.provider === "openai" && b.slot === "primary")!;
    const r = await gw(["providers", "bind", "--provider", openai.providerId]);
    expect(r.exitCode).toBe(5);
    const line = errorLine(r);
    expect(line).toMatch(new RegExp(`^error: bind provider ${openai.providerId}: .*already bound in .*slot.*HTTP 409`));
    expect(line).toContain("`gw providers update ");
    expect(line).toMatch(/bind another slot with --slot$/);
  });

  it("moving a binding to a slot its provider already uses: pick another --slot (exit 5)", async () => {
    const bindings = await listJson<Binding[]>(["providers", "list"]);
    const primary = bindings.find((b) => b.slot === "primary" && bindings.some((o) => o.providerId === b.providerId && o.id !== b.id))!;
    const other = bindings.find((b) => b.providerId === primary.providerId && b.id !== primary.id)!;
    const r = await gw(["providers", "update", other.id, "--slot", "primary"]);
    expect(r.exitCode).toBe(5);
    expect(errorLine(r)).toBe(
      `error: update binding ${other.id}: another binding of the same model provider already uses that slot (HTTP 409); pick another --slot`,
    );
  });

  it("rotate and revoke send `{}` as their JSON body", async () => {
    const created = JSON.parse(
      (await gw(["vk", "create", "--name", "body-key", "--chain", (await listJson<Binding[]>(["providers", "list"])).find((b) => b.status === "active")!.id, "-o", "json"])).stdout,
    ) as { virtualKey: Vk };
    for (const args of [["vk", "rotate", created.virtualKey.id], ["vk", "revoke", created.virtualKey.id, "--yes"]]) {
      const r = await gw([...args, "--debug"]);
      expect(r.exitCode, r.stderr).toBe(0);
      const lines = r.stderr.split("\n");
      const at = lines.findIndex((l) => /^> POST .*\/(rotate|revoke)$/.test(l));
      expect(at, r.stderr).toBeGreaterThanOrEqual(0);
      expect(lines.slice(at + 1, at + 12)).toContain("{}");
    }
  });
});

describe("newer LangWatch servers: the error envelope at the root, a create without a secret", () => {
  const KEY = "sk-lw-currency-0123456789abcdef";
  let servers: FaultServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  async function serve(handle: Parameters<typeof startFaultServer>[0]): Promise<FaultServer> {
    const s = await startFaultServer(handle);
    servers.push(s);
    return s;
  }
  const gw = (s: FaultServer, args: string[]) =>
    runGw(args, { configDir: tempConfigDir(), env: { GW_BACKEND: "langwatch", GW_BASE_URL: s.url, GW_API_KEY: KEY } });
  const key = { id: "vk_01", name: "ci", status: "active", routing_mode: "none", config: {} };
  /** An era-b key API: the list pages with next_cursor; `create` answers the POST. */
  const keys = (create: (res: Parameters<typeof json>[0]) => void) =>
    serve((req, res) => (req.method === "GET" ? json(res, 200, { data: [], next_cursor: null }) : create(res)));

  it("410 gateway_provider_bindings_gone at the root: the dashboard explanation, without the server's forwarding path", async () => {
    const s = await serve((_req, res) =>
      json(res, 410, {
        type: "gone",
        code: "gateway_provider_bindings_gone",
        message: "Gateway provider bindings folded into ModelProvider in iter 110. Use GET /api/gateway-platform/v1/model-providers or the Advanced (Gateway) tab in the dashboard.",
        retryable: false,
      }),
    );
    const r = await gw(s, ["providers", "list"]);
    expect(r.exitCode).toBe(5);
    const line = errorLine(r);
    expect(line).toMatch(/^error: list bindings: this LangWatch server \(v3\.4 or later\) manages .* in its dashboard .*410 gateway_provider_bindings_gone$/);
    expect(line).not.toContain("/api/gateway-platform");
  });

  it("a root envelope's code and message make the same line as a nested one", async () => {
    const message = "a virtual key with external_id 'ci' already exists";
    const rootServer = await keys((res) => json(res, 409, { type: "conflict", code: "external_id_conflict", message, retryable: false }));
    const nestedServer = await keys((res) => json(res, 409, { error: { type: "conflict", code: "external_id_conflict", message } }));
    const fromRoot = await gw(rootServer, ["vk", "create", "--name", "ci"]);
    const fromNested = await gw(nestedServer, ["vk", "create", "--name", "ci"]);
    expect(fromRoot.exitCode).toBe(5);
    expect(errorLine(fromRoot)).toBe(`error: create virtual key ci: HTTP 409 Conflict: ${message} (external_id_conflict)`);
    expect(errorLine(fromRoot)).toBe(errorLine(fromNested));
  });

  it("a create answered without a secret succeeds (exit 0) and says so on stderr; -q prints id<TAB>", async () => {
    const s = await keys((res) => json(res, 201, { virtual_key: key, reveal_once: true }));
    const table = await gw(s, ["vk", "create", "--name", "ci"]);
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toBe("");
    expect(table.stderr).toMatch(/^✓ Created virtual key vk_01 \(ci\)$/m);
    expect(table.stderr).toMatch(/^warning: the server did not return the key's secret/m);
    expect(table.stderr).not.toMatch(/shown only this once/);

    const quiet = await gw(s, ["vk", "create", "--name", "ci", "-q"]);
    expect(quiet.exitCode, quiet.stderr).toBe(0);
    expect(quiet.stdout).toBe("vk_01\t"); // execa drops the final newline

    const asJson = await gw(s, ["vk", "create", "--name", "ci", "-o", "json"]);
    expect(asJson.exitCode, asJson.stderr).toBe(0);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ virtualKey: { id: "vk_01" }, secret: null });
  });
});
