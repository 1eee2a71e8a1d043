import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * Issue 13, addressing: every command that takes an id also takes the name people use (a virtual key by
 * name, a LangWatch binding as provider/slot, a gateway by name, an ngrok provider by providerId or label).
 * Ambiguous names are exit 2 with the candidates; ids keep working and win.
 */

interface Rig {
  sandbox: SandboxProcess;
  gw(args: string[]): Promise<GwRun>;
  json<T>(args: string[]): Promise<T>;
}

function rig(backend: string, args: string[] = []): () => Rig {
  let current: Rig | undefined;
  beforeAll(async () => {
    const sandbox = await startSandboxProcess(["--backend", backend, ...args]);
    const env = { GW_BACKEND: backend, GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
    const configDir = tempConfigDir();
    const gw = (a: string[]) => runGw(a, { configDir, env });
    current = {
      sandbox,
      gw,
      async json<T>(a: string[]): Promise<T> {
        const r = await gw([...a, "-o", "json"]);
        expect(r.exitCode, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as T;
      },
    };
  });
  afterAll(async () => {
    expect(current?.sandbox.contractViolations() ?? []).toEqual([]);
    await current?.sandbox.stop();
  });
  return () => current!;
}

interface Binding {
  id: string;
  provider: string;
  providerId: string;
  slot: string | null;
  name: string | null;
  rpm: number | null;
  status: string;
}
interface Key {
  id: string;
  name: string;
  description: string | null;
}

describe("LangWatch (era a): keys by name, bindings as provider/slot", () => {
  const r = rig("langwatch");
  const keyNamed = async (name: string) => (await r().json<Key[]>(["vk", "list"])).find((k) => k.name === name)!;
  const bindingIn = async (provider: string, slot: string) =>
    (await r().json<Binding[]>(["providers", "list"])).find((b) => b.provider === provider && b.slot === slot)!;

  it("gw vk get / chain / update / rotate <name> act on the key of that name", async () => {
    const prod = await keyNamed("prod-chat");
    expect((await r().json<Key>(["vk", "get", "prod-chat"])).id).toBe(prod.id);
    const chain = await r().json<{ provider: string }[]>(["chain", "prod-chat"]);
    expect(chain.map((h) => h.provider)).toEqual(["openai", "anthropic", "azure"]);

    const ci = await keyNamed("ci");
    expect(await r().json<Key>(["vk", "update", "ci", "--description", "renamed by name"])).toMatchObject({ id: ci.id, description: "renamed by name" });
    const rotated = await r().json<{ virtualKey: Key; secret: string }>(["vk", "rotate", "ci"]);
    expect(rotated.virtualKey.id).toBe(ci.id);
  });

  it("gw providers get / update openai/batch; a dry run prints the write to the real id", async () => {
    const batch = await bindingIn("openai", "batch");
    expect((await r().json<Binding>(["providers", "get", "openai/batch"])).id).toBe(batch.id);
    expect(await r().json<Binding>(["providers", "update", "openai/batch", "--rpm", "61"])).toMatchObject({ id: batch.id, rpm: 61 });

    const fallback = await bindingIn("azure", "fallback-1");
    const dry = await r().gw(["providers", "disable", "azure/fallback-1", "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^DELETE http://127\\.0\\.0\\.1:\\d+/api/gateway/v1/providers/${fallback.id}$`, "m"));
    expect((await r().json<Binding>(["providers", "get", fallback.id])).status).toBe("active");
  });

  it("a name two bindings share is exit 2 listing both with their ids; nothing is written", async () => {
    const primary = await bindingIn("openai", "primary");
    const batch = await bindingIn("openai", "batch");
    // Both wrap the same model provider: its id is a name of each.
    const applied = () => r().sandbox.log.filter((l) => /^(POST|PATCH|DELETE) \S+ 2\d\d /.test(l)).length;
    const before = applied();
    const res = await r().gw(["providers", "update", primary.providerId, "--rpm", "5"]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain(`binding name "${primary.providerId}" is ambiguous`);
    expect(res.stderr).toContain(`openai/primary (${primary.id})`);
    expect(res.stderr).toContain(`openai/batch (${batch.id})`);
    // The try by id is a PATCH the server answers not found: no binding changed.
    expect((await r().json<Binding>(["providers", "get", primary.id])).rpm).toBe(primary.rpm);
    expect(applied()).toBe(before);
  });

  it("an id wins over a key named after it", async () => {
    const prod = await keyNamed("prod-chat");
    const binding = await bindingIn("anthropic", "primary");
    const created = await r().gw(["vk", "create", "--name", prod.id, "--chain", binding.id]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect((await r().json<Key>(["vk", "get", prod.id])).name).toBe("prod-chat");
  });

  it("a ref that is no id and no name is exit 4", async () => {
    const res = await r().gw(["vk", "get", "no-such-key"]);
    expect(res.exitCode).toBe(4);
    expect(res.stderr).toMatch(/no-such-key/);
    expect((await r().gw(["providers", "get", "openai/nope"])).exitCode).toBe(4);
  });
});

describe("Bifrost: keys by name", () => {
  const r = rig("bifrost");

  it("gw vk get and gw chain take the key's name", async () => {
    const keys = await r().json<Key[]>(["vk", "list"]);
    const prod = keys.find((k) => k.name === "prod-chat")!;
    expect((await r().json<Key>(["vk", "get", "prod-chat"])).id).toBe(prod.id);
    const byName = await r().gw(["chain", "prod-chat"]);
    const byId = await r().gw(["chain", prod.id]);
    expect(byName.exitCode, byName.stderr).toBe(0);
    expect(byName.stdout).toBe(byId.stdout);
    expect((await r().gw(["vk", "get", "no-such-key"])).exitCode).toBe(4);
  });
});

describe("CoreWeave: gateways by name", () => {
  const r = rig("coreweave", ["--transition-ms", "50"]);
  interface Gateway {
    id: string;
    name: string;
  }

  it("gw gateways get <name>; a name two gateways share is exit 2 with both ids; the id still works", async () => {
    const all = await r().json<Gateway[]>(["gateways", "list"]);
    const chat = all.find((g) => g.name === "chat-prod")!;
    expect((await r().json<Gateway>(["gateways", "get", "chat-prod"])).id).toBe(chat.id);

    const one = await r().json<Gateway>(["gateways", "create", "--name", "twin", "--zone", "US-EAST-04A"]);
    const two = await r().json<Gateway>(["gateways", "create", "--name", "twin", "--zone", "US-EAST-04A"]);
    const res = await r().gw(["gateways", "delete", "twin", "--yes"]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain(`gateway name "twin" is ambiguous: twin (${one.id}), twin (${two.id})`);
    expect((await r().json<Gateway[]>(["gateways", "list"])).filter((g) => g.name === "twin")).toHaveLength(2);
    expect((await r().json<Gateway>(["gateways", "get", one.id])).name).toBe("twin");
  });
});

describe("ngrok: providers by providerId (as before) and by label", () => {
  const r = rig("ngrok");

  it("gw providers get my-ollama and gw providers get 'Local Ollama' are the same provider", async () => {
    const byProviderId = await r().json<Binding>(["providers", "get", "my-ollama"]);
    const byLabel = await r().json<Binding>(["providers", "get", "Local Ollama"]);
    expect(byLabel.id).toBe(byProviderId.id);
    expect(byLabel.name).toBe("Local Ollama");
  });
});
