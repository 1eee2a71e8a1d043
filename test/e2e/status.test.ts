import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";
import { closedPort } from "../helpers/ports.js";

/**
 * Issue 13, `gw status` (gh auth status, the Bifrost CLI's doctor) and `gw profile add --check`: reach the
 * control plane, check the key, name the server's version or era; exit 3 for a refused key, 6 when nothing
 * answers; a profile that names the wrong backend gets a hint from the other backends' public fingerprints.
 */

interface Status {
  profile: string | null;
  current: boolean;
  backend: string;
  baseUrl: string;
  apiKey: string | null;
  reachable: boolean;
  authenticated: boolean | null;
  server: string | null;
  notes: string[];
  error: string | null;
  hint: string | null;
  commands: string[];
  exitCode: number;
}

const BACKENDS = ["langwatch", "bifrost", "ngrok", "coreweave"] as const;
type Name = (typeof BACKENDS)[number];
const sandboxes = {} as Record<Name, SandboxProcess>;

beforeAll(async () => {
  const started = await Promise.all(BACKENDS.map((b) => startSandboxProcess(["--backend", b])));
  BACKENDS.forEach((b, i) => (sandboxes[b] = started[i]!));
});
afterAll(async () => {
  await Promise.all(Object.values(sandboxes).map((s) => s.stop()));
});

const envFor = (backend: Name, over: Partial<Record<string, string>> = {}): Record<string, string> => ({
  GW_BACKEND: backend,
  GW_BASE_URL: sandboxes[backend].url,
  GW_API_KEY: sandboxes[backend].apiKey,
  ...over,
});
const masked = (key: string) => `${key.slice(0, 4)}****${key.slice(-4)}`;

describe("gw status on each backend's sandbox", () => {
  const expected: Record<Name, { server: string | null; note?: RegExp; command: string }> = {
    langwatch: { server: "LangWatch era a (v3.2-v3.3)", command: "providers available" },
    bifrost: { server: "Bifrost v1.5.3", note: /^\d+ providers? configured$/, command: "vk list" },
    ngrok: { server: null, command: "providers bind" },
    coreweave: { server: null, note: /^\d+ zones: US-EAST-04A/, command: "gateways zones" },
  };

  it.each(BACKENDS)("%s: reachable, key accepted, server and commands; exit 0", async (backend) => {
    const configDir = tempConfigDir();
    const r = await runGw(["status", "-o", "json"], { configDir, env: envFor(backend) });
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Status;
    expect(s).toMatchObject({
      profile: null, backend, baseUrl: sandboxes[backend].url, apiKey: masked(sandboxes[backend].apiKey),
      reachable: true, authenticated: true, server: expected[backend].server, error: null, hint: null, exitCode: 0,
    });
    if (expected[backend].note) expect(s.notes[0]).toMatch(expected[backend].note!);
    expect(s.commands).toContain(expected[backend].command);

    const table = await runGw(["status"], { configDir, env: envFor(backend) });
    expect(table.stdout).toMatch(/^Reachable: +yes$/m);
    expect(table.stdout).toMatch(/^Key: +accepted$/m);
    expect(table.stdout).toMatch(/^Commands: +\S/m);
  });

  it("a refused key is exit 3, with the error on stderr and in the record", async () => {
    const r = await runGw(["status", "-o", "json"], { configDir: tempConfigDir(), env: envFor("langwatch", { GW_API_KEY: "sk-lw-wrong-key-000000000000" }) });
    expect(r.exitCode).toBe(3);
    const s = JSON.parse(r.stdout) as Status;
    expect(s).toMatchObject({ reachable: true, authenticated: false, server: null, exitCode: 3 });
    expect(s.error).toMatch(/HTTP 401/);
    expect(r.stderr).toMatch(/^error: status: .*HTTP 401/m);
  });

  it("nothing listening is exit 6 (not reachable, the key not checked)", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await runGw(["status", "--retries", "0", "-o", "json"], { configDir: tempConfigDir(), env: envFor("coreweave", { GW_BASE_URL: url }) });
    expect(r.exitCode).toBe(6);
    expect(JSON.parse(r.stdout)).toMatchObject({ reachable: false, authenticated: null, hint: null, exitCode: 6 });
    expect(r.stderr).toMatch(/cannot reach 127\.0\.0\.1/);
  });

  it("a profile naming the wrong backend gets a hint: this looks like a Bifrost server", async () => {
    // The LangWatch key header on a Bifrost with dashboard auth on: 401, and /api/version names Bifrost.
    const r = await runGw(["status"], { configDir: tempConfigDir(), env: envFor("bifrost", { GW_BACKEND: "langwatch" }) });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toMatch(/^Hint: +this looks like a Bifrost v1\.5\.3 server \(try --backend bifrost\)$/m);
    expect(r.stderr).toContain("(try --backend bifrost)");

    // A Bifrost profile on ngrok: 404 on /api/providers, and ngrok's own error object without a key.
    const n = await runGw(["status", "-o", "json"], { configDir: tempConfigDir(), env: envFor("ngrok", { GW_BACKEND: "bifrost" }) });
    expect(n.exitCode).toBe(6);
    expect((JSON.parse(n.stdout) as Status).hint).toBe("this looks like the ngrok AI Gateway API (try --backend ngrok)");
  });
});

describe("gw status --all and gw profile add --check", () => {
  const configDir = tempConfigDir();
  const add = (name: string, backend: Name, key: string, extra: string[] = [], url = sandboxes[backend].url) =>
    runGw(["profile", "add", name, "--backend", backend, "--base-url", url, "--api-key-stdin", ...extra], { configDir, input: key, secrets: [key] });

  it("profile add --check: a good profile is checked after saving (exit 0)", async () => {
    const r = await add("lw", "langwatch", sandboxes.langwatch.apiKey, ["--check"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✓ Added profile lw/);
    expect(r.stderr).toMatch(/✓ langwatch answered \(LangWatch era a \(v3\.2-v3\.3\)\); the key was accepted/);
  });

  it("profile add --check: the wrong backend is saved, exit 3 with the hint and how to fix it", async () => {
    const r = await add("oops", "langwatch", sandboxes.bifrost.apiKey, ["--check"], sandboxes.bifrost.url);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/error: profile oops was saved, but the check failed: .*this looks like a Bifrost v1\.5\.3 server \(try --backend bifrost\); fix it with/);
    const list = JSON.parse((await runGw(["profile", "list", "-o", "json"], { configDir })).stdout) as { name: string }[];
    expect(list.map((p) => p.name)).toContain("oops");
  });

  it("--all checks every stored profile (GW_* overrides left out); the exit code is the worst", async () => {
    expect((await add("cw", "coreweave", sandboxes.coreweave.apiKey)).exitCode).toBe(0);
    const r = await runGw(["status", "--all", "-o", "json"], { configDir, env: { GW_API_KEY: "sk-ignored-by-all-000000000" } });
    expect(r.exitCode).toBe(3);
    const all = JSON.parse(r.stdout) as Status[];
    expect(all.map((s) => [s.profile, s.current, s.backend, s.exitCode])).toEqual([
      ["lw", true, "langwatch", 0],
      ["oops", false, "langwatch", 3],
      ["cw", false, "coreweave", 0],
    ]);
    expect(r.stderr).toMatch(/^error: status: 1 of 3 profiles failed the check \(oops: /m);

    const table = await runGw(["status", "--all"], { configDir });
    expect(table.stdout.match(/^Profile: /gm)).toHaveLength(3);
    expect(table.stdout).toMatch(/^Profile: +lw \(current\)$/m);
    const one = await runGw(["status", "--profile", "cw", "-o", "json"], { configDir });
    expect(one.exitCode, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ profile: "cw", current: false, backend: "coreweave" });
  });
});
