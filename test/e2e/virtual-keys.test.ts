import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface Vk {
  id: string;
  name: string;
  status: string;
  chain: string[] | null;
  rpm: number | null;
  routingMode: string | null;
}
interface Hop {
  id: string;
  provider: string;
  slot: string;
  status: string;
}

function suite(era: "a" | "b") {
  let sandbox: SandboxProcess;
  let env: Record<string, string>;
  const configDir = tempConfigDir();
  const gw = (args: string[], extra: Record<string, string> = {}) => runGw(args, { configDir, env: { ...env, ...extra } });
  const json = async <T>(args: string[]): Promise<T> => {
    const r = await gw([...args, "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--langwatch-era", era]);
    env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
  });
  afterAll(async () => sandbox?.stop());
  return { gw, json, sandbox: () => sandbox };
}

describe("virtual keys and chains on LangWatch v3.2-v3.3 (era a)", () => {
  const { gw, json, sandbox } = suite("a");

  it("lists keys with their chains and limits", async () => {
    const table = await gw(["vk", "list"]);
    expect(table.exitCode, table.stderr).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split("\n");
    expect(header!.split("\t")).toEqual(["ID", "NAME", "STATUS", "CHAIN", "RPM/TPM/RPD"]);
    const prod = rows.map((r) => r.split("\t")).find((c) => c[1] === "prod-chat")!;
    expect(prod[3]).toBe("openai > anthropic > azure");
    expect(prod[4]).toBe("1200/inherit/inherit");
    expect(rows.some((r) => r.includes("\trevoked\t"))).toBe(true);
  });

  it("renders a key's chain in order, one line when it fits, one hop per line when narrow", async () => {
    const prod = (await json<Vk[]>(["vk", "list"])).find((k) => k.name === "prod-chat")!;
    const wide = await gw(["chain", prod.id], { COLUMNS: "200" });
    expect(wide.exitCode, wide.stderr).toBe(0);
    expect(wide.stdout).toMatch(/^primary \(openai, 600 rpm \/ 10000 rpd, healthy\) -> fallback-1 \(anthropic, inherit, slot primary\) -> fallback-2 \(azure, 300 rpm, degraded, slot fallback-1\)$/m);
    expect(wide.stdout).toMatch(/Max attempts: \d+/);
    expect(wide.stdout).toMatch(/Falls through on: /);
    const narrow = await gw(["chain", prod.id], { COLUMNS: "50" });
    expect(narrow.stdout).toMatch(/^ {4}primary \(openai/m);
    expect(narrow.stdout).toMatch(/^ -> fallback-1 \(anthropic, inherit, slot primary\)$/m);
    const hops = await json<Hop[]>(["chain", prod.id]);
    expect(hops.map((h) => h.provider)).toEqual(["openai", "anthropic", "azure"]);
    expect(hops.map((h) => h.id)).toEqual(prod.chain);
  });

  it("creates a key (secret once on stdout), rotates, sets its chain, and revokes it", async () => {
    const bindings = await json<Hop[]>(["providers", "list"]);
    const active = bindings.filter((b) => b.status === "active");
    const created = await gw(["vk", "create", "--name", "e2e-key", "--chain", active[0]!.id, active[1]!.id, "--rpm", "50"]);
    expect(created.exitCode, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^lw_vk_live_/);
    expect(created.stderr).toMatch(/shown only this once/);
    const key = (await json<Vk[]>(["vk", "list"])).find((k) => k.name === "e2e-key")!;
    expect(key).toMatchObject({ chain: [active[0]!.id, active[1]!.id], rpm: 50, status: "active" });

    const rotated = await json<{ virtualKey: Vk; secret: string }>(["vk", "rotate", key.id]);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.virtualKey.id).toBe(key.id);

    const set = await gw(["chain", "set", key.id, active[1]!.id, active[0]!.id, "-o", "json"]);
    expect(set.exitCode, set.stderr).toBe(0);
    expect((JSON.parse(set.stdout) as Hop[]).map((h) => h.id)).toEqual([active[1]!.id, active[0]!.id]);
    expect((await json<Vk>(["vk", "get", key.id])).chain).toEqual([active[1]!.id, active[0]!.id]);

    const offTty = await gw(["vk", "revoke", key.id]);
    expect(offTty.exitCode).toBe(2);
    expect(offTty.stderr).toMatch(/--yes required/);
    const revoked = await gw(["vk", "revoke", key.id, "--yes", "-o", "json"]);
    expect(revoked.exitCode, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: key.id, status: "revoked" });
  });

  it("chain set checks the bindings first: unknown (exit 4), disabled (exit 5), and --dry-run sends nothing", async () => {
    const prod = (await json<Vk[]>(["vk", "list"])).find((k) => k.name === "prod-chat")!;
    const bindings = await json<Hop[]>(["providers", "list"]);
    const disabled = bindings.find((b) => b.status === "disabled")!;
    const active = bindings.find((b) => b.status === "active")!;
    const before = sandbox().log.length;
    expect((await gw(["chain", "set", prod.id, "nope"])).exitCode).toBe(4);
    const dis = await gw(["chain", "set", prod.id, disabled.id]);
    expect(dis.exitCode).toBe(5);
    expect(dis.stderr).toMatch(/is disabled/);
    const dry = await gw(["chain", "set", prod.id, active.id, "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`PATCH ${sandbox().url}/api/gateway/v1/virtual-keys/${prod.id}`);
    expect(dry.stdout).toContain(`"provider_credential_ids"`);
    expect(dry.stdout).not.toContain(sandbox().apiKey);
    expect(sandbox().log.slice(before).filter((l) => l.startsWith("PATCH"))).toEqual([]);
    expect((await json<Vk>(["vk", "get", prod.id])).chain).toEqual(prod.chain);
  });

  it("chain set takes bindings by provider/slot as well as by id", async () => {
    const prod = (await json<Vk[]>(["vk", "list"])).find((k) => k.name === "prod-chat")!;
    const active = (await json<Hop[]>(["providers", "list"])).filter((b) => b.status === "active" && b.slot);
    const [first, second] = [active[1]!, active[0]!];
    const set = await gw(["chain", "set", "prod-chat", `${first.provider}/${first.slot}`, second.id, "-o", "json"]);
    expect(set.exitCode, set.stderr).toBe(0);
    expect((JSON.parse(set.stdout) as Hop[]).map((h) => h.id)).toEqual([first.id, second.id]);
    expect((await json<Vk>(["vk", "get", prod.id])).chain).toEqual([first.id, second.id]);
    const unknown = await gw(["chain", "set", prod.id, "nope/primary"]);
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toMatch(/binding nope\/primary does not exist/);
  });

  it("vk disable/enable are refused on this server version (exit 2)", async () => {
    const prod = (await json<Vk[]>(["vk", "list"])).find((k) => k.name === "prod-chat")!;
    const r = await gw(["vk", "disable", prod.id]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/v3\.2-v3\.3 keys can only be revoked/);
  });

  it("gw limits lists bindings and keys and flags what cannot take effect", async () => {
    // Cap every hop of prod-chat (1200 rpm) below its key limit, and set a TPM the gateway will not enforce.
    const bindings = await json<(Hop & { rpm: number | null })[]>(["providers", "list"]);
    const anthropic = bindings.find((b) => b.provider === "anthropic" && b.slot === "primary")!;
    expect((await gw(["providers", "update", anthropic.id, "--rpm", "500", "--tpm", "90000"])).exitCode).toBe(0);
    const rows = await json<{ kind: string; name: string; tpm: number | null; rpm: number | null; warnings: string[] }[]>(["limits"]);
    expect(rows.some((r) => r.kind === "binding")).toBe(true);
    expect(rows.some((r) => r.kind === "virtual-key")).toBe(true);
    expect(rows.find((r) => r.name === "prod-chat")!.warnings).toEqual([
      "RPM 1200 is above every hop's binding limit (max 600): the bindings cap first",
    ]);
    expect(rows.find((r) => r.name === "anthropic/primary")!.warnings).toEqual(["TPM is stored but not enforced by the gateway"]);
    const table = await gw(["limits"]);
    expect(table.stdout.split("\n")[0]!.split("\t")).toEqual(["KIND", "ID", "NAME", "STATUS", "RPM", "TPM", "RPD", "WARNINGS"]);
  });

  it("exits 4 for an unknown key", async () => {
    for (const args of [["vk", "get", "vk_missing"], ["chain", "vk_missing"], ["vk", "rotate", "vk_missing"]]) {
      const r = await gw(args);
      expect(r.exitCode, `${args.join(" ")}: ${r.stderr}`).toBe(4);
    }
  });
});

describe("virtual keys on LangWatch v3.4+ (era b)", () => {
  const { gw, json } = suite("b");

  it("lists keys across pages and shows routing instead of a chain", async () => {
    const keys = await json<Vk[]>(["vk", "list"]);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.chain === null)).toBe(true);
    const routed = keys.find((k) => k.routingMode && k.routingMode !== "none") ?? keys[0]!;
    const chain = await gw(["chain", routed.id]);
    expect(chain.exitCode, chain.stderr).toBe(0);
    expect(chain.stdout).toMatch(/Routing mode: /);
    expect(chain.stdout).toMatch(/does not expose the resolved order/);
  });

  it("creates, disables, enables and revokes a key", async () => {
    const created = await json<{ virtualKey: Vk; secret: string }>(["vk", "create", "--name", "b-key", "--rpm", "10"]);
    expect(created.secret).toMatch(/^vk-lw-/);
    const id = created.virtualKey.id;
    expect((await json<Vk>(["vk", "disable", id])).status).toBe("disabled");
    const twice = await gw(["vk", "disable", id]);
    expect(twice.exitCode, twice.stderr).toBe(0);
    expect(twice.stderr).toMatch(/is already disabled; nothing was changed/);
    expect((await json<Vk>(["vk", "enable", id])).status).toBe("active");
    expect((await json<Vk>(["vk", "revoke", id, "--yes"])).status).toBe("revoked");
    const again = await gw(["vk", "revoke", id, "--yes"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^Virtual key \S+ \(b-key\) is already revoked; nothing was changed\.$/m);
    expect(again.stderr).not.toMatch(/✓/);
  });

  it("refuses --chain and chain set, which this version has no field for (exit 2)", async () => {
    expect((await gw(["vk", "create", "--name", "x", "--chain", "b1"])).exitCode).toBe(2);
    const keys = await json<Vk[]>(["vk", "list"]);
    expect((await gw(["chain", "set", keys[0]!.id, "b1"])).exitCode).not.toBe(0);
  });

  it("gw limits shows the keys and says binding limits live in the dashboard", async () => {
    const r = await gw(["limits", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/binding limits are not available/);
    expect((JSON.parse(r.stdout) as { kind: string }[]).every((row) => row.kind === "virtual-key")).toBe(true);
  });
});
