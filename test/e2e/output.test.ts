import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * Issue 13 against the sandboxes: list filters and --limit, --no-headers, -o wide and --query, piped (as a
 * script runs gw). Terminal fitting is test/tty/tables.test.ts.
 */
interface Record {
  id: string;
  provider: string;
  slot: string | null;
  status: string;
  name: string;
}

let langwatch: SandboxProcess;
let ngrok: SandboxProcess;
let coreweave: SandboxProcess;
const configDir = tempConfigDir();
const envOf = (backend: string, sb: SandboxProcess) => ({ GW_BACKEND: backend, GW_BASE_URL: sb.url, GW_API_KEY: sb.apiKey });
const lw = (args: string[]) => runGw(args, { configDir, env: envOf("langwatch", langwatch) });

async function json<T>(args: string[]): Promise<T> {
  const r = await lw(args);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Waits until a sandbox's stderr log has caught up (lines arrive a little after the responses). */
async function settled(sb: SandboxProcess): Promise<void> {
  let seen = -1;
  while (seen !== sb.log.length) {
    seen = sb.log.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The requests a gw run made, from the sandbox's log. */
async function requestsOf(sb: SandboxProcess, run: () => Promise<unknown>): Promise<string[]> {
  await settled(sb);
  const before = sb.log.length;
  await run();
  await settled(sb);
  return sb.log.slice(before).filter((line) => /^[A-Z]+ \//.test(line));
}

beforeAll(async () => {
  [langwatch, ngrok, coreweave] = await Promise.all([
    startSandboxProcess(["--seed", "demo"]),
    startSandboxProcess(["--backend", "ngrok", "--seed", "250"]),
    startSandboxProcess(["--backend", "coreweave", "--seed", "demo"]),
  ]);
});
afterAll(async () => {
  for (const sb of [langwatch, ngrok, coreweave]) expect(sb?.contractViolations() ?? []).toEqual([]);
  await Promise.all([langwatch?.stop(), ngrok?.stop(), coreweave?.stop()]);
});

describe("list filters and --limit", () => {
  it("providers list: --status, --provider (any case), --slot, --limit, on the JSON record and the table alike", async () => {
    const all = await json<Record[]>(["providers", "list", "-o", "json"]);
    const disabled = await json<Record[]>(["providers", "list", "--status", "disabled", "-o", "json"]);
    expect(disabled).toEqual(all.filter((b) => b.status === "disabled"));
    expect(disabled.length).toBeGreaterThan(0);
    const azure = await json<Record[]>(["providers", "list", "--provider", "AZURE", "-o", "json"]);
    expect(azure.map((b) => b.id)).toEqual(all.filter((b) => b.provider === "azure").map((b) => b.id));
    const batch = await json<Record[]>(["providers", "list", "--provider", "openai", "--slot", "batch", "-o", "json"]);
    expect(batch.map((b) => [b.provider, b.slot])).toEqual([["openai", "batch"]]);
    expect(await json<Record[]>(["providers", "list", "--limit", "2", "-o", "json"])).toEqual(all.slice(0, 2));

    const table = await lw(["providers", "list", "--status", "disabled"]);
    expect(table.stdout.trimEnd().split("\n").slice(1).map((l) => l.split("\t")[0])).toEqual(disabled.map((b) => b.id));
  }, 60_000);

  it("a filter that matches nothing: nothing on stdout, and stderr says which filter", async () => {
    const r = await lw(["providers", "list", "--slot", "nope"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("No bindings match --slot nope.");
    expect(await json(["providers", "list", "--slot", "nope", "-o", "json"])).toEqual([]);
  });

  it("refuses a bad filter value, and --slot where bindings have no slots (exit 2)", async () => {
    const status = await lw(["providers", "list", "--status", "paused"]);
    expect(status.exitCode).toBe(2);
    expect(status.stderr).toMatch(/argument 'paused' is invalid\. Allowed choices are active, disabled/);
    const limit = await lw(["vk", "list", "--limit", "0"]);
    expect(limit.exitCode).toBe(2);
    expect(limit.stderr).toMatch(/invalid value for --limit: "0"/);
    const slot = await runGw(["providers", "list", "--slot", "primary"], { configDir, env: envOf("ngrok", ngrok) });
    expect(slot.exitCode).toBe(2);
    expect(slot.stderr).toMatch(/the ngrok backend does not support --slot on `gw providers list`/);
  }, 60_000);

  it("vk list, limits and gateways list take --status and --limit", async () => {
    const revoked = await json<Record[]>(["vk", "list", "--status", "revoked", "-o", "json"]);
    expect(revoked.length).toBeGreaterThan(0);
    expect(revoked.every((k) => k.status === "revoked")).toBe(true);
    expect(await json<Record[]>(["vk", "list", "--limit", "1", "-o", "json"])).toHaveLength(1);

    const rows = await json<Record[]>(["limits", "--status", "disabled", "-o", "json"]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === "disabled")).toBe(true);
    expect(await json<Record[]>(["limits", "--limit", "3", "-o", "json"])).toHaveLength(3);

    const failed = await runGw(["gateways", "list", "--status", "failed", "-o", "json"], { configDir, env: envOf("coreweave", coreweave) });
    expect((JSON.parse(failed.stdout) as Record[]).map((g) => g.name)).toEqual(["batch-central"]);
    const one = await runGw(["gateways", "list", "--limit", "1", "-o", "json"], { configDir, env: envOf("coreweave", coreweave) });
    expect(JSON.parse(one.stdout)).toHaveLength(1);
  }, 60_000);

  it("--limit stops reading pages: ngrok's 250 providers are three pages, 5 of them one", async () => {
    const env = envOf("ngrok", ngrok);
    let stdout = "";
    const requests = await requestsOf(ngrok, async () => {
      const r = await runGw(["providers", "list", "--limit", "5", "-o", "json"], { configDir, env });
      expect(r.exitCode, r.stderr).toBe(0);
      stdout = r.stdout;
    });
    expect((JSON.parse(stdout) as Record[]).map((p) => p.id)).toHaveLength(5);
    expect(requests).toEqual([expect.stringMatching(/^GET \/providers\?limit=100 200 /)]);
    const twoPages = await requestsOf(ngrok, () => runGw(["providers", "list", "--limit", "150"], { configDir, env }));
    expect(twoPages).toHaveLength(2);
  });
});

describe("gw limits shows STATUS as text", () => {
  it("a piped table has a STATUS column, so disabled rows read as such without colour", async () => {
    const r = await lw(["limits"]);
    const [header, ...rows] = r.stdout.trimEnd().split("\n").map((l) => l.split("\t"));
    expect(header).toEqual(["KIND", "ID", "NAME", "STATUS", "RPM", "TPM", "RPD", "WARNINGS"]);
    expect(rows.some((row) => row[3] === "disabled")).toBe(true);
    expect(rows.every((row) => row[3] === "active" || row[3] === "disabled")).toBe(true);
  });
});

describe("piped tables: complete, tab-separated, --no-headers, -o wide", () => {
  it("--no-headers drops the header line and nothing else", async () => {
    const full = await lw(["providers", "list"]);
    const bare = await lw(["providers", "list", "--no-headers"]);
    expect(bare.stdout).toBe(full.stdout.split("\n").slice(1).join("\n"));
    expect((await lw(["vk", "list", "--no-headers"])).stdout).not.toMatch(/^ID\t/);
  });

  it("piped, -o wide is the same complete TSV as the table: every column, no cell shortened", async () => {
    const env = { ...envOf("ngrok", ngrok), COLUMNS: "40" };
    const table = await runGw(["providers", "list", "--limit", "3"], { configDir, env });
    const wide = await runGw(["providers", "list", "--limit", "3", "-o", "wide"], { configDir, env });
    expect(wide.stdout).toBe(table.stdout);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("ID\tPROVIDER ID\tNAME\tBASE URL\tMODELS\tSURFACES\tUPDATED");
    expect(lines.every((l) => l.split("\t").length === 7)).toBe(true);
    expect(table.stdout).not.toContain("…");
  });
});

describe("--query (JMESPath on the JSON record)", () => {
  it("selects from lists and single records; the output stays valid JSON", async () => {
    const all = await json<Record[]>(["providers", "list", "-o", "json"]);
    expect(await json(["providers", "list", "--query", "[?status=='disabled'].id"])).toEqual(all.filter((b) => b.status === "disabled").map((b) => b.id));
    expect(await json(["providers", "list", "-o", "json", "--query", "items"])).toBeNull();
    expect(await json(["providers", "get", all[0]!.id, "--query", "{id: id, provider: provider}"])).toEqual({ id: all[0]!.id, provider: all[0]!.provider });
  }, 60_000);

  it("YAML with -o yaml; filters apply first; a streamed (paged) list is collected for the query", async () => {
    const all = await json<Record[]>(["providers", "list", "-o", "json"]);
    const yaml = await lw(["providers", "list", "-o", "yaml", "--query", "[].slot"]);
    expect(parseYaml(yaml.stdout)).toEqual(all.map((b) => b.slot));
    expect(await json(["providers", "list", "--provider", "openai", "--query", "[].provider"])).toEqual(["openai", "openai"]);
    const paged = await runGw(["providers", "list", "--query", "length(@)"], { configDir, env: envOf("ngrok", ngrok) });
    expect(JSON.parse(paged.stdout)).toBe(250);
  }, 60_000);

  it("a bad expression is exit 2 naming the position, before any request", async () => {
    const requests = await requestsOf(langwatch, async () => {
      const r = await lw(["providers", "list", "--query", "[?status=='active'"]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("error: invalid --query: Expected Rbracket, got: EOF at position 18");
    });
    expect(requests).toEqual([]);
    const unknown = await lw(["limits", "--query", "[].nmae | lenght(@)"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe("error: invalid --query: unknown function lenght() at position 10");
  });

  it("a write with a bad expression changes nothing", async () => {
    const [target] = await json<Record[]>(["providers", "list", "-o", "json"]);
    const requests = await requestsOf(langwatch, async () => {
      const r = await lw(["providers", "update", target!.id, "--rpm", "7", "--query", "foo bar"]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/invalid --query: .* at position 4/);
    });
    expect(requests).toEqual([]);
  });

  it("--query with -o table is a usage error; the rest of the output flags are unchanged", async () => {
    const r = await lw(["providers", "list", "-o", "table", "--query", "[].id"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--query selects from the JSON record: use it with -o json or -o yaml, not -o table/);
  });
});
