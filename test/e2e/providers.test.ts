import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface BindingJson {
  id: string;
  backend: string;
  provider: string;
  providerId: string;
  slot: string | null;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
  fallbackPriority: number | null;
  rotationPolicy: string | null;
  health: string | null;
  status: "active" | "disabled";
  disabledAt: string | null;
}

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], extra: Record<string, string> = {}) => runGw(args, { configDir, env: { ...env, ...extra } });

async function listJson(): Promise<BindingJson[]> {
  const r = await gw(["providers", "list", "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as BindingJson[];
}

async function findBinding(provider: string, slot: string): Promise<BindingJson> {
  const found = (await listJson()).find((b) => b.provider === provider && b.slot === slot);
  if (!found) throw new Error(`no ${provider}/${slot} binding in the demo seed`);
  return found;
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

describe("gw providers list", () => {
  it("prints the normalized records as one JSON array, disabled bindings included", async () => {
    const list = await listJson();
    expect(list.length).toBeGreaterThanOrEqual(5);
    for (const b of list) {
      expect(Object.keys(b)).toEqual(
        expect.arrayContaining(["id", "backend", "provider", "providerId", "slot", "rpm", "tpm", "rpd",
          "fallbackPriority", "rotationPolicy", "health", "status", "disabledAt"]),
      );
      expect(b.backend).toBe("langwatch");
    }
    const disabled = list.filter((b) => b.status === "disabled");
    expect(disabled.length).toBeGreaterThanOrEqual(1);
    expect(disabled[0]!.disabledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const inherits = list.find((b) => b.provider === "anthropic" && b.slot === "primary")!;
    expect([inherits.rpm, inherits.tpm, inherits.rpd]).toEqual([null, null, null]);
  });

  it("keeps the server's order: fallback priority, then age (unprioritised last)", async () => {
    const priorities = (await listJson()).map((b) => b.fallbackPriority);
    const withPriority = priorities.filter((p): p is number => p !== null);
    expect(withPriority).toEqual([...withPriority].sort((a, b) => a - b));
    expect(priorities.indexOf(null)).toBeGreaterThanOrEqual(withPriority.length);
  });

  it("prints a table with the documented columns and `inherit` for blank limits when piped", async () => {
    const r = await gw(["providers", "list"]);
    expect(r.exitCode).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header!.split("\t")).toEqual(["ID", "PROVIDER", "SLOT", "RPM", "TPM", "RPD", "PRIORITY", "HEALTH", "STATUS"]);
    const anthropic = rows.map((row) => row.split("\t")).find((c) => c[1] === "anthropic" && c[2] === "primary")!;
    expect(anthropic.slice(3, 6)).toEqual(["inherit", "inherit", "inherit"]);
    expect(rows.some((row) => row.endsWith("\tdisabled"))).toBe(true);
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour when piped
  });

  it("prints YAML with -o yaml and the control plane's own JSON with --raw", async () => {
    const yaml = await gw(["providers", "list", "-o", "yaml"]);
    expect(yaml.exitCode).toBe(0);
    expect(yaml.stdout).toMatch(/^- id: /);
    expect(yaml.stdout).toContain("fallbackPriority:");
    const raw = await gw(["providers", "list", "--raw"]);
    const items = JSON.parse(raw.stdout) as Record<string, unknown>[];
    expect(Object.keys(items[0]!)).toEqual(expect.arrayContaining(["model_provider_id", "rate_limit_rpm", "health_status"]));
  });
});

describe("gw providers get", () => {
  it("finds one binding by id", async () => {
    const openai = await findBinding("openai", "primary");
    const r = await gw(["providers", "get", openai.id, "--json"]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: openai.id, provider: "openai", slot: "primary" });
  });

  it("shows a readable detail view", async () => {
    const openai = await findBinding("openai", "primary");
    const r = await gw(["providers", "get", openai.id]);
    expect(r.stdout).toMatch(/^ID:\s+\S+/m);
    expect(r.stdout).toMatch(/^TPM:\s+inherit$/m);
  });

  it("exits 4 for an unknown id", async () => {
    const r = await gw(["providers", "get", "no-such-binding"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/not found/);
  });
});

describe("gw providers update", () => {
  it("sends a PATCH carrying exactly the named fields and prints the re-read record", async () => {
    const target = await findBinding("azure", "fallback-1");
    const r = await gw(["providers", "update", target.id, "--rpm", "600", "--json", "--debug"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const patchLine = r.stderr.split("\n").findIndex((l) => l.startsWith("> PATCH"));
    expect(patchLine).toBeGreaterThanOrEqual(0);
    const traceAfterPatch = r.stderr.split("\n").slice(patchLine).join("\n");
    expect(traceAfterPatch).toContain('{"rate_limit_rpm":600}');
    const updated = JSON.parse(r.stdout) as BindingJson;
    expect(updated).toMatchObject({ id: target.id, rpm: 600, tpm: target.tpm, rpd: target.rpd, slot: target.slot });
    expect(r.stderr).not.toContain(sandbox.apiKey);
  });

  it("--unset sends null so the limit inherits again", async () => {
    const target = await findBinding("openai", "primary");
    expect(target.rpd).not.toBeNull();
    const r = await gw(["providers", "update", target.id, "--unset", "rpd", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rpd: null, rpm: target.rpm });
  });

  it("sets fallback priority, slot and rotation policy", async () => {
    const target = await findBinding("openai", "batch");
    const r = await gw(["providers", "update", target.id, "--fallback-priority", "50", "--slot", "bulk",
      "--rotation-policy", "manual", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ fallbackPriority: 50, slot: "bulk", rotationPolicy: "MANUAL" });
  });

  it("refuses an update with no change flag (exit 2) and sends nothing", async () => {
    const before = sandbox.log.length;
    const r = await gw(["providers", "update", "anything"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/nothing to update/);
    expect(sandbox.log.slice(before).filter((l) => l.includes("PATCH"))).toEqual([]);
  });

  it.each([
    [["--rpm", "abc"], /--rpm.*positive integer/],
    [["--rpm", "0"], /--rpm.*positive integer/],
    [["--tpm", "-5"], /--tpm.*positive integer/],
    [["--rotation-policy", "AUTO"], /--rotation-policy.*MANUAL/],
    [["--header", "no-equals-sign"], /--header.*NAME=VALUE/],
    [["--unset", "slot"], /--unset.*allowed/],
    [["--rpm", "5", "--unset", "rpm"], /--unset rpm conflicts with --rpm/],
  ])("validates %j before sending (exit 2, names the flag)", async (flags, message) => {
    const r = await gw(["providers", "update", "some-id", ...flags]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("maps the server's 500 NOT_FOUND for an unknown id to exit 4", async () => {
    const r = await gw(["providers", "update", "no-such-binding", "--rpm", "5"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/update binding no-such-binding: binding not found/);
  });
});

describe("gw providers bind", () => {
  it("binds a provider in a new slot and prints the new record", async () => {
    const openai = await findBinding("openai", "primary");
    const r = await gw(["providers", "bind", "--provider", openai.providerId, "--slot", "fallback-2", "--rpm", "100",
      "--header", "X-Team=ml", "--fallback-priority", "40", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout) as BindingJson;
    expect(created).toMatchObject({ provider: "openai", slot: "fallback-2", rpm: 100, tpm: null, fallbackPriority: 40, status: "active" });
    expect((await listJson()).some((b) => b.id === created.id)).toBe(true);
  });

  it("exits 5 when the provider is already bound in that slot", async () => {
    const anthropic = await findBinding("anthropic", "primary");
    const r = await gw(["providers", "bind", "--provider", anthropic.providerId]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/409/);
  });

  it("exits 4 for an unknown model provider", async () => {
    const r = await gw(["providers", "bind", "--provider", "mp_missing", "--slot", "x"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/ModelProvider not found/);
  });

  it("requires --provider when not in a terminal (exit 2)", async () => {
    const r = await gw(["providers", "bind", "--rpm", "5"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--provider/);
  });
});

describe("gw providers disable / enable / delete", () => {
  it("soft-disables a binding, which stays listed as disabled", async () => {
    const target = await findBinding("anthropic", "primary");
    const r = await gw(["providers", "disable", target.id, "--yes", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: target.id, status: "disabled" });
    expect((await listJson()).find((b) => b.id === target.id)?.status).toBe("disabled");

    const again = await gw(["providers", "disable", target.id, "--yes"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`^Binding ${target.id} \\(anthropic/primary\\) is already disabled; nothing was changed\\.$`, "m"));
    expect(again.stderr).not.toMatch(/✓/);
  });

  it("disable is permanent: off a terminal it needs --yes (exit 2, nothing sent); --dry-run needs none", async () => {
    const target = (await listJson()).find((b) => b.status === "active")!;
    const before = sandbox.log.length;
    const r = await gw(["providers", "disable", target.id]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe("error: --yes required to disable a binding (it is permanent) when not running in a terminal; pass --yes to confirm");
    expect(sandbox.log.length).toBe(before);
    const dry = await gw(["providers", "disable", target.id, "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^DELETE /);
    expect((await listJson()).find((b) => b.id === target.id)?.status).toBe("active");
  });

  it("--help says disable is permanent and keeps the slot", async () => {
    const r = await gw(["providers", "disable", "--help"]);
    expect(r.stdout).toMatch(/permanent/);
    expect(r.stdout).toMatch(/slot\s+stays\s+taken/);
    expect(r.stdout).toMatch(/-y, --yes/);
  });

  it.each(["enable", "delete"])("`providers %s` is a usage error naming the backend (exit 2)", async (verb) => {
    const before = sandbox.log.length;
    const r = await gw(["providers", verb, "some-id"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`langwatch backend does not support \`gw providers ${verb}\``));
    expect(sandbox.log.length).toBe(before);
  });
});

describe("errors", () => {
  it("exits 3 with a one-line message on a wrong key, and never prints the key", async () => {
    const r = await gw(["providers", "list"], { GW_API_KEY: "sk-lw-wrong-key-0123456789" });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/401/);
    expect(r.stderr).not.toContain("sk-lw-wrong-key-0123456789");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 6 when the control plane is unreachable", async () => {
    const r = await gw(["providers", "list", "--retries", "0"], { GW_BASE_URL: "http://127.0.0.1:9" });
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toMatch(/127\.0\.0\.1:9/);
  });

  it("refuses to send a key over plain http to a non-loopback host (exit 2)", async () => {
    const r = await gw(["providers", "list"], { GW_BASE_URL: "http://gateway.example.com" });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/plain http/);
  });

  it("needs a profile or GW_BASE_URL (exit 2)", async () => {
    const r = await runGw(["providers", "list"], { configDir: tempConfigDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no profile/);
  });
});
