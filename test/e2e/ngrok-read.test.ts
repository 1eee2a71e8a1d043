import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** gw's record for an ngrok provider (docs/backends/ngrok.md). */
interface Provider {
  id: string;
  backend: string;
  provider: string;
  providerId: string;
  name: string;
  baseUrl: string;
  models: string[];
  status: string;
  updatedAt: string;
  details: { uri: string; metadata: string | null; surfaces: string[]; createdBy: string; lastUpdatedBy: string };
}

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], extra: Record<string, string> = {}) => runGw(args, { configDir, env: { ...env, ...extra } });

async function listJson(): Promise<Provider[]> {
  const r = await gw(["providers", "list", "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Provider[];
}

/** Waits until a sandbox's stderr log has caught up (lines arrive a little after the responses). */
async function settled(sb: SandboxProcess): Promise<void> {
  let seen = -1;
  while (seen !== sb.log.length) {
    seen = sb.log.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok", "--seed", "demo"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("gw providers list (ngrok)", () => {
  it("prints the normalized records, newest id first, with the ngrok fields in details", async () => {
    const list = await listJson();
    expect(list.map((p) => p.providerId)).toEqual(["scratch", "claude-relay", "together-proxy", "my-ollama", "internal-vllm"]);
    const vllm = list.find((p) => p.providerId === "internal-vllm")!;
    expect(vllm).toMatchObject({
      backend: "ngrok",
      provider: "internal-vllm",
      name: "Internal vLLM",
      baseUrl: "http://vllm.internal:8000/v1",
      models: ["llama-3.1-8b-instruct", "qwen2.5-7b-instruct"],
      status: "active",
      details: {
        metadata: "team=platform; gpu=a100",
        surfaces: ["openai/chat-completions", "openai/responses"],
        createdBy: "ak_sandbox",
        lastUpdatedBy: "ak_sandbox",
      },
    });
    expect(vllm.details.uri).toBe(`${sandbox.url}/providers/${vllm.id}`);
    expect(list.find((p) => p.providerId === "scratch")).toMatchObject({ models: [], details: { metadata: null, surfaces: [] } });
  });

  it("prints a table with the ngrok columns when piped", async () => {
    const r = await gw(["providers", "list"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header!.split("\t")).toEqual(["ID", "PROVIDER ID", "NAME", "BASE URL", "MODELS", "SURFACES", "UPDATED"]);
    const cells = rows.map((row) => row.split("\t"));
    expect(cells.find((c) => c[1] === "internal-vllm")!.slice(2)).toEqual([
      "Internal vLLM",
      "http://vllm.internal:8000/v1",
      "llama-3.1-8b-instruct, qwen2.5-7b-instruct",
      "openai/chat-completions, openai/responses",
      "2026-06-01T09:00:00Z",
    ]);
    expect(cells.find((c) => c[1] === "scratch")!.slice(4, 6)).toEqual(["-", "-"]);
  });

  it("prints YAML with -o yaml and ngrok's own body with --raw", async () => {
    const yaml = await gw(["providers", "list", "-o", "yaml"]);
    expect(yaml.exitCode).toBe(0);
    expect(yaml.stdout).toMatch(/^- id: aigp_/);
    expect(yaml.stdout).toContain("providerId: internal-vllm");
    const raw = JSON.parse((await gw(["providers", "list", "--raw"])).stdout) as Record<string, unknown>[];
    expect(raw).toHaveLength(5);
    expect(Object.keys(raw.find((p) => p.providerId === "internal-vllm")!)).toEqual(
      expect.arrayContaining(["id", "uri", "providerId", "baseUrl", "supportedApiSurfaces", "models", "createdBy"]),
    );
  });
});

describe("gw providers get (ngrok)", () => {
  it("finds a provider by its id with one request", async () => {
    const target = (await listJson()).find((p) => p.providerId === "my-ollama")!;
    await settled(sandbox);
    const before = sandbox.log.length;
    const r = await gw(["providers", "get", target.id, "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    await settled(sandbox);
    expect(JSON.parse(r.stdout)).toEqual(target);
    expect(sandbox.log.slice(before)).toEqual([expect.stringMatching(new RegExp(`^GET /providers/${target.id} 200 `))]);
  });

  it("finds a provider by its providerId (the id route 404s, then the list)", async () => {
    const target = (await listJson()).find((p) => p.providerId === "my-ollama")!;
    const r = await gw(["providers", "get", "my-ollama", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(target);
  });

  it("shows a readable detail view with the model strings clients use", async () => {
    const r = await gw(["providers", "get", "internal-vllm"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Provider ID:\s+internal-vllm$/m);
    expect(r.stdout).toMatch(/^Model strings:\s+internal-vllm:llama-3\.1-8b-instruct, internal-vllm:qwen2\.5-7b-instruct$/m);
    expect(r.stdout).toMatch(/^Metadata:\s+team=platform; gpu=a100$/m);
  });

  it("exits 4 with one line for something that is neither an id nor a providerId", async () => {
    const r = await gw(["providers", "get", "no-such-provider"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr.trim().split("\n")).toEqual(['error: get provider no-such-provider: no provider has the id or providerId "no-such-provider"']);
  });
});

describe("ngrok auth", () => {
  it("sends the key as a Bearer token: a wrong key is exit 3", async () => {
    const r = await gw(["providers", "list"], { GW_API_KEY: "wrong-key-0123456789" });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/HTTP 401 Unauthorized: the API key is invalid/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("works through a stored profile added with --backend ngrok", async () => {
    const dir = tempConfigDir();
    const add = await runGw(["profile", "add", "ng", "--backend", "ngrok", "--base-url", sandbox.url, "--api-key-stdin"], {
      configDir: dir,
      input: sandbox.apiKey,
    });
    expect(add.exitCode, add.stderr).toBe(0);
    const r = await runGw(["providers", "list", "-o", "json"], { configDir: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Provider[]).map((p) => p.backend)).toEqual(Array(5).fill("ngrok"));
  });
});

describe("gw backends (ngrok row)", () => {
  it("lists what ngrok supports, its flags, and why the rest is unsupported", async () => {
    const r = await gw(["backends", "-o", "json"]);
    expect(r.exitCode).toBe(0);
    const rows = (JSON.parse(r.stdout) as { backend: string; command: string; supported: boolean; flags: string[]; note: string | null }[])
      .filter((x) => x.backend === "ngrok");
    const supported = rows.filter((x) => x.supported).map((x) => x.command);
    expect(supported).toEqual([
      "providers list", "providers get", "providers bind", "providers update", "providers delete",
      "providers keys list", "providers keys add", "providers keys update", "providers keys rotate", "providers keys remove",
      "vk list", "vk get", "vk create", "vk update", "vk delete", "chain", "chain set",
    ]);
    expect(rows.find((x) => x.command === "providers bind")!.flags).toEqual(["--provider-id", "--name", "--base-url", "--metadata", "--model", "--surface"]);
    expect(rows.find((x) => x.command === "providers update")!.flags).toEqual([
      "--name", "--base-url", "--metadata", "--model", "--clear-models", "--surface", "--unset",
    ]);
    for (const row of rows.filter((x) => !x.supported)) expect(row.note, row.command).toBeTruthy();
    expect(rows.find((x) => x.command === "limits")!.note).toMatch(/no per-provider rate limits/);
  });

  it("refuses unsupported commands with exit 2 naming the backend", async () => {
    const r = await gw(["providers", "disable", "scratch"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the ngrok backend does not support `gw providers disable`: ngrok providers have no disabled state/);
  });
});

describe("paging (ngrok --seed 250)", () => {
  let big: SandboxProcess;
  beforeAll(async () => {
    big = await startSandboxProcess(["--backend", "ngrok", "--seed", "250"]);
  });
  afterAll(async () => {
    expect(big.contractViolations()).toEqual([]);
    await big?.stop();
  });

  it("follows nextPageUri to the end: all 250 come back, over three pages", async () => {
    const r = await runGw(["providers", "list", "-o", "json"], {
      configDir,
      env: { GW_BACKEND: "ngrok", GW_BASE_URL: big.url, GW_API_KEY: big.apiKey },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as Provider[];
    expect(list).toHaveLength(250);
    expect(new Set(list.map((p) => p.id)).size).toBe(250);
    expect(list[0]!.providerId).toBe("provider-00250");
    expect(list[249]!.providerId).toBe("provider-00001");
    await settled(big);
    const pages = big.log.filter((l) => l.startsWith("GET /providers"));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatch(/^GET \/providers\?limit=100 200 /);
    expect(pages[1]).toMatch(/^GET \/providers\?beforeId=aigp_\w+&limit=100 200 /);
    expect(pages[2]).toMatch(/^GET \/providers\?beforeId=aigp_\w+&limit=100 200 /);
  });
});
