import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface Provider {
  id: string;
  providerId: string;
  name: string;
  baseUrl: string;
  models: string[];
  details: {
    metadata: string | null;
    surfaces: string[];
    models?: { modelId: string; providerModelId: string | null; unsupportedParams: string[] }[];
    apiSurfaces?: { surface: string; baseUrl: string | null; supportedParams: string[] }[];
  };
}

/** The sandbox's own body for a provider, read with a plain Bearer request: the server side of a write. */
interface Wire {
  id: string;
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  supportedApiSurfaces?: { format: string; surface?: string; baseUrl?: string; supportedParams?: { name: string }[] }[];
  models: { id: string; modelId: string; providerModelId?: string; unsupportedParams: string[] }[];
}

let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const gw = (args: string[], opts: { input?: string } = {}) => runGw(args, { configDir, env, ...opts });

async function server(id: string): Promise<Wire> {
  const r = await fetch(`${sandbox.url}/providers/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${sandbox.apiKey}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as Wire;
}

async function serverStatus(id: string): Promise<number> {
  const r = await fetch(`${sandbox.url}/providers/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${sandbox.apiKey}` } });
  await r.body?.cancel();
  return r.status;
}

async function idOf(providerId: string): Promise<string> {
  const r = await gw(["providers", "get", providerId, "-o", "json"]);
  expect(r.exitCode, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Provider).id;
}

/** Waits until the sandbox's stderr log has caught up (lines arrive a little after the responses). */
async function settled(): Promise<void> {
  let seen = -1;
  while (seen !== sandbox.log.length) {
    seen = sandbox.log.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Sandbox log lines written while `fn` ran. */
async function logDuring(fn: () => Promise<unknown>): Promise<string[]> {
  await settled();
  const before = sandbox.log.length;
  await fn();
  await settled();
  return sandbox.log.slice(before);
}

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--backend", "ngrok", "--seed", "demo"]);
  env = { GW_BACKEND: "ngrok", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  // Every request gw sent validated against contracts/ngrok.openapi.json.
  expect(sandbox.contractViolations()).toEqual([]);
  await sandbox?.stop();
});

describe("gw providers bind (ngrok)", () => {
  it("creates a provider with every flag and prints the 201 record", async () => {
    const r = await gw([
      "providers", "bind", "--provider-id", "e2e-vllm", "--name", "E2E vLLM", "--base-url", "https://e2e-vllm.internal/v1/",
      "--metadata", "owner=e2e", "--model", "llama3.2", "--model", "qwen2.5", "--surface", "openai/chat-completions",
      "--surface", "anthropic", "-o", "json",
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout) as Provider;
    expect(made).toMatchObject({
      providerId: "e2e-vllm", name: "E2E vLLM", baseUrl: "https://e2e-vllm.internal/v1", models: ["llama3.2", "qwen2.5"],
      details: { metadata: "owner=e2e", surfaces: ["openai/chat-completions", "anthropic"] },
    });
    expect(r.stderr).toMatch(/✓ Bound e2e-vllm as binding aigp_/);
    expect(await server(made.id)).toMatchObject({
      providerId: "e2e-vllm", metadata: "owner=e2e",
      supportedApiSurfaces: [{ format: "openai", surface: "chat-completions" }, { format: "anthropic" }],
      models: [{ modelId: "llama3.2" }, { modelId: "qwen2.5" }],
    });
  });

  it("--quiet prints only the new id", async () => {
    const r = await gw(["providers", "bind", "--provider-id", "e2e-quiet", "--name", "Q", "--base-url", "https://q.example.com", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^aigp_\w+$/); // execa strips the final newline
    expect((await server(r.stdout.trim())).providerId).toBe("e2e-quiet");
  });

  it("--dry-run prints the POST and creates nothing", async () => {
    let r = { exitCode: -1, stdout: "", stderr: "" };
    const lines = await logDuring(async () => {
      r = await gw(["providers", "bind", "--provider-id", "e2e-dry", "--name", "D", "--base-url", "https://d.example.com", "--model", "m", "--dry-run"]);
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${sandbox.url}/providers`);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf("{")))).toEqual({
      providerId: "e2e-dry", name: "D", baseUrl: "https://d.example.com", models: [{ modelId: "m" }],
    });
    expect(lines).toEqual([]);
    expect(r.stdout).not.toContain(sandbox.apiKey);
  });

  it("refuses missing required flags with exit 2, listing them, before any request", async () => {
    let r = { exitCode: -1, stdout: "", stderr: "" };
    const lines = await logDuring(async () => {
      r = await gw(["providers", "bind", "--provider-id", "e2e-missing"]);
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/missing required flags: --name, --base-url/);
    expect(lines).toEqual([]);
    const none = await gw(["providers", "bind"]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/missing required flags: --provider-id, --name, --base-url/);
  });

  it("refuses an invalid --surface, an over-long --name and LangWatch flags (exit 2)", async () => {
    const base = ["providers", "bind", "--provider-id", "e2e-bad", "--name", "B", "--base-url", "https://b.example.com"];
    const surface = await gw([...base, "--surface", "openai/chat/completions"]);
    expect(surface.exitCode).toBe(2);
    expect(surface.stderr).toMatch(/invalid value for --surface: "openai\/chat\/completions"/);
    const long = await gw(["providers", "bind", "--provider-id", "e2e-bad", "--name", "n".repeat(256), "--base-url", "https://b.example.com"]);
    expect(long.exitCode).toBe(2);
    expect(long.stderr).toMatch(/invalid value for --name: 256 characters, at most 255 allowed/);
    const rpm = await gw([...base, "--rpm", "60"]);
    expect(rpm.exitCode).toBe(2);
    expect(rpm.stderr).toMatch(/the ngrok backend does not support --rpm on `gw providers bind`/);
    expect(await serverStatus("e2e-bad")).toBe(404);
  });

  it("passes what only the server can judge to it: an external http:// base URL is refused (exit 5)", async () => {
    const r = await gw(["providers", "bind", "--provider-id", "e2e-http", "--name", "H", "--base-url", "http://plain.example.com"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr.trim()).toBe(
      "error: create provider e2e-http: HTTP 400 Bad Request: baseUrl must use https:// (http:// is only allowed for ngrok .internal endpoints): http://plain.example.com",
    );
    const internal = await gw(["providers", "bind", "--provider-id", "e2e-http", "--name", "H", "--base-url", "http://plain.internal:8080", "-q"]);
    expect(internal.exitCode, internal.stderr).toBe(0);
  });

  it("reports a providerId that is taken as a conflict (exit 5)", async () => {
    const r = await gw(["providers", "bind", "--provider-id", "my-ollama", "--name", "Dup", "--base-url", "https://dup.example.com"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/HTTP 409 Conflict: a provider with providerId "my-ollama" already exists/);
  });
});

describe("gw providers update (ngrok)", () => {
  it("changes name, base URL and metadata, sending only those fields", async () => {
    const id = await idOf("together-proxy");
    const before = await server(id);
    const r = await gw(["providers", "update", "together-proxy", "--name", "Together", "--base-url", "https://proxy2.example.com/v1",
      "--metadata", "owner=infra", "-o", "json", "--debug"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('{"name":"Together","baseUrl":"https://proxy2.example.com/v1","metadata":"owner=infra"}');
    const after = await server(id);
    expect(after).toMatchObject({ name: "Together", baseUrl: "https://proxy2.example.com/v1", metadata: "owner=infra" });
    expect(after.models).toEqual(before.models); // no --model: the set is kept
    expect(after.supportedApiSurfaces).toEqual(before.supportedApiSurfaces);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, name: "Together" });
    expect(r.stderr).not.toContain(sandbox.apiKey);
  });

  it("models: omitted keeps them, --model replaces the set, --clear-models empties it (read back from the server)", async () => {
    const id = await idOf("internal-vllm");
    const original = (await server(id)).models;
    expect(original.map((m) => m.modelId)).toEqual(["llama-3.1-8b-instruct", "qwen2.5-7b-instruct"]);

    expect((await gw(["providers", "update", id, "--name", "vLLM"])).exitCode).toBe(0);
    expect((await server(id)).models).toEqual(original);

    const replaced = await gw(["providers", "update", id, "--model", "qwen2.5-7b-instruct", "--model", "mistral-7b", "-o", "json"]);
    expect(replaced.exitCode, replaced.stderr).toBe(0);
    expect((JSON.parse(replaced.stdout) as Provider).models).toEqual(["qwen2.5-7b-instruct", "mistral-7b"]);
    expect((await server(id)).models.map((m) => m.modelId)).toEqual(["qwen2.5-7b-instruct", "mistral-7b"]);

    const cleared = await gw(["providers", "update", id, "--clear-models", "-q"]);
    expect(cleared.exitCode, cleared.stderr).toBe(0);
    expect((await server(id)).models).toEqual([]);
  });

  it("--surface replaces the surfaces (keeping supportedParams of a surface that stays); --unset surfaces clears them", async () => {
    const id = await idOf("internal-vllm");
    const params = (await server(id)).supportedApiSurfaces?.[0]?.supportedParams;
    expect(params).toEqual([{ name: "temperature" }, { name: "max_tokens" }]);
    const r = await gw(["providers", "update", id, "--surface", "openai/chat-completions"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await server(id)).supportedApiSurfaces).toEqual([{ format: "openai", surface: "chat-completions", supportedParams: params }]);
    expect((await gw(["providers", "update", id, "--unset", "surfaces"])).exitCode).toBe(0);
    expect(await server(id)).not.toHaveProperty("supportedApiSurfaces");
  });

  // Issue 11: models carry providerModelId and unsupportedParams, surfaces a baseUrl. The PATCH replaces the
  // whole list, so what `--model` / `--surface` cannot say must be carried over for the entries that stay.
  it("--model and --surface keep providerModelId, unsupportedParams and a surface baseUrl of the entries that stay", async () => {
    const created = await gw(["api", "POST", "/providers", "--input", "-"], {
      input: JSON.stringify({
        providerId: "e2e-upstream", name: "Upstream", baseUrl: "https://upstream.example.com/v1",
        supportedApiSurfaces: [
          { format: "openai", surface: "chat-completions", baseUrl: "https://chat.upstream.example.com/v1", supportedParams: [{ name: "temperature" }] },
          { format: "anthropic", surface: "messages" },
        ],
        models: [
          { modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["logprobs", "seed"] },
          { modelId: "old", providerModelId: "org/old" },
        ],
      }),
    });
    expect(created.exitCode, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as Wire).id;

    const r = await gw(["providers", "update", "e2e-upstream", "--model", "llama3", "--model", "new", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await server(id)).models).toEqual([
      { id: expect.any(String), modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["logprobs", "seed"] },
      { id: expect.any(String), modelId: "new", unsupportedParams: [] },
    ]);
    const record = JSON.parse(r.stdout) as Provider;
    expect(record.models).toEqual(["llama3", "new"]);
    expect(record.details.models).toEqual([
      { modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: ["logprobs", "seed"] },
      { modelId: "new", providerModelId: null, unsupportedParams: [] },
    ]);

    const s = await gw(["providers", "update", id, "--surface", "openai/chat-completions", "--surface", "openai/responses"]);
    expect(s.exitCode, s.stderr).toBe(0);
    expect((await server(id)).supportedApiSurfaces).toEqual([
      { format: "openai", surface: "chat-completions", baseUrl: "https://chat.upstream.example.com/v1", supportedParams: [{ name: "temperature" }] },
      { format: "openai", surface: "responses" },
    ]);
    expect((await server(id)).models.map((m) => m.providerModelId)).toEqual(["meta-llama/Llama-3-8B", undefined]);
  });

  it("--model ID=UPSTREAM sets providerModelId (keeping unsupportedParams), ID= drops it; bind takes it too", async () => {
    const id = await idOf("e2e-upstream");
    const set = await gw(["providers", "update", id, "--model", "llama3=meta-llama/Llama-3.1-8B", "--model", "new=org/new:v2", "--debug"]);
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stderr).toContain(
      '{"models":[{"modelId":"llama3","providerModelId":"meta-llama/Llama-3.1-8B","unsupportedParams":["logprobs","seed"]},{"modelId":"new","providerModelId":"org/new:v2"}]}',
    );
    expect((await server(id)).models).toMatchObject([
      { modelId: "llama3", providerModelId: "meta-llama/Llama-3.1-8B", unsupportedParams: ["logprobs", "seed"] },
      { modelId: "new", providerModelId: "org/new:v2", unsupportedParams: [] },
    ]);
    const drop = await gw(["providers", "update", id, "--model", "llama3=", "--model", "new"]);
    expect(drop.exitCode, drop.stderr).toBe(0);
    const after = (await server(id)).models;
    expect(after[0]).not.toHaveProperty("providerModelId");
    expect(after).toMatchObject([{ modelId: "llama3", unsupportedParams: ["logprobs", "seed"] }, { modelId: "new", providerModelId: "org/new:v2" }]);

    const bound = await gw(["providers", "bind", "--provider-id", "e2e-mapped", "--name", "M", "--base-url", "https://m.example.com",
      "--model", "llama3=meta-llama/Llama-3-8B", "--model", "plain", "-o", "json"]);
    expect(bound.exitCode, bound.stderr).toBe(0);
    const made = JSON.parse(bound.stdout) as Provider;
    expect((await server(made.id)).models).toMatchObject([{ modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B" }, { modelId: "plain" }]);
    expect(made.details.models?.[0]).toEqual({ modelId: "llama3", providerModelId: "meta-llama/Llama-3-8B", unsupportedParams: [] });
  });

  it("get shows the upstream model ids, unsupported params and surface base URLs", async () => {
    await gw(["providers", "update", "e2e-upstream", "--model", "llama3=meta-llama/Llama-3-8B", "--model", "new"]);
    const r = await gw(["providers", "get", "e2e-upstream"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Models:\s+llama3 -> meta-llama\/Llama-3-8B, new -> org\/new:v2$/m);
    expect(r.stdout).toMatch(/^Unsupported params:\s+llama3: logprobs, seed$/m);
    expect(r.stdout).toMatch(/^Surface base URLs:\s+openai\/chat-completions: https:\/\/chat\.upstream\.example\.com\/v1$/m);
    expect(r.stdout).toMatch(/^Model strings:\s+e2e-upstream:llama3, e2e-upstream:new$/m);
  });

  it("refuses a model given twice with different upstream ids, and an over-long upstream id (exit 2)", async () => {
    const twice = await gw(["providers", "update", "e2e-upstream", "--model", "a=x", "--model", "a=y"]);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toMatch(/--model a is given twice with different upstream model ids/);
    const long = await gw(["providers", "update", "e2e-upstream", "--model", `a=${"u".repeat(256)}`]);
    expect(long.exitCode).toBe(2);
    expect(long.stderr).toMatch(/invalid value for --model: upstream model id of 256 characters, at most 255 allowed/);
    const empty = await gw(["providers", "update", "e2e-upstream", "--model", "=x"]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/invalid value for --model/);
  });

  it("--unset metadata sends null and the server drops it", async () => {
    const id = await idOf("internal-vllm");
    expect((await server(id)).metadata).toBe("team=platform; gpu=a100");
    const r = await gw(["providers", "update", "internal-vllm", "--unset", "metadata", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Provider).details.metadata).toBeNull();
    expect(await server(id)).not.toHaveProperty("metadata");
  });

  it("--dry-run prints the PATCH for the resolved id and sends no PATCH", async () => {
    const id = await idOf("claude-relay");
    let r = { exitCode: -1, stdout: "", stderr: "" };
    const lines = await logDuring(async () => {
      r = await gw(["providers", "update", "claude-relay", "--model", "claude-x", "--unset", "metadata", "--dry-run"]);
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`PATCH ${sandbox.url}/providers/${id}`);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf("{")))).toEqual({ metadata: null, models: [{ modelId: "claude-x" }] });
    expect(lines.filter((l) => l.startsWith("PATCH"))).toEqual([]);
    expect((await server(id)).models).toEqual([]);
  });

  it("--quiet prints only the id", async () => {
    const id = await idOf("claude-relay");
    const r = await gw(["providers", "update", "claude-relay", "--name", "Relay", "--quiet"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(id);
  });

  it("refuses flags ngrok cannot honour (exit 2, naming backend and flag) and sends nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["--rpm", "600"], /the ngrok backend does not support --rpm on `gw providers update`/],
      [["--slot", "primary"], /the ngrok backend does not support --slot on `gw providers update`/],
      [["--unset", "rpm"], /the ngrok backend cannot --unset rpm/],
      [["--model", "a", "--clear-models"], /--model conflicts with --clear-models/],
      [[], /nothing to update/],
    ];
    for (const [flags, message] of cases) {
      let r = { exitCode: -1, stdout: "", stderr: "" };
      const lines = await logDuring(async () => {
        r = await gw(["providers", "update", "scratch", ...flags]);
      });
      expect(r.exitCode, flags.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(lines.filter((l) => l.startsWith("PATCH"))).toEqual([]);
    }
  });

  it("exits 4 for an unknown provider", async () => {
    const r = await gw(["providers", "update", "no-such-provider", "--name", "x"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr.trim()).toBe('error: update provider no-such-provider: no provider has the id or providerId "no-such-provider"');
  });
});

describe("gw providers delete (ngrok)", () => {
  it("refuses while referenced: exit 5, one line naming the provider key and access key configuration", async () => {
    const id = await idOf("my-ollama");
    const r = await gw(["providers", "delete", "my-ollama", "--yes"]);
    expect(r.exitCode).toBe(5);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^error: delete provider my-ollama \\(${id}\\): still in use \\(HTTP 409\\): referenced by provider keys aigpk_\\w+; access key configurations akc_sandbox_default\\. Detach it first`),
    );
    expect(await serverStatus(id)).toBe(200);
  });

  it("deletes by providerId or id (204); the provider is gone", async () => {
    const id = await idOf("scratch");
    const r = await gw(["providers", "delete", "scratch", "--yes"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✓ Deleted provider scratch/);
    expect(await serverStatus(id)).toBe(404);

    const quietId = await idOf("e2e-quiet");
    const q = await gw(["providers", "delete", quietId, "--yes", "-q"]);
    expect(q.exitCode, q.stderr).toBe(0);
    expect(q.stdout).toBe(quietId);
    expect(await serverStatus(quietId)).toBe(404);
  });

  it("--dry-run prints the DELETE and sends none", async () => {
    const id = await idOf("claude-relay");
    let r = { exitCode: -1, stdout: "", stderr: "" };
    const lines = await logDuring(async () => {
      r = await gw(["providers", "delete", "claude-relay", "--dry-run"]);
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`DELETE ${sandbox.url}/providers/${id}`);
    expect(lines.filter((l) => l.startsWith("DELETE"))).toEqual([]);
  });

  it("exits 4 for an unknown provider", async () => {
    const r = await gw(["providers", "delete", "no-such-provider", "--yes"]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/no provider has the id or providerId "no-such-provider"/);
  });
});
