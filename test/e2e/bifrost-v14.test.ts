import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bifrostRig, expectNoSecrets, type BifrostRig } from "./bifrost-helpers.js";

interface ProviderJson {
  id: string;
  rpm: number | null;
  details: Record<string, unknown>;
}

let rig: BifrostRig;

beforeAll(async () => {
  rig = await bifrostRig(["--bifrost-version", "1.4"]);
});
afterAll(async () => {
  // Validated against the v1.4 variant of the contract: the provider PUT carries the keys.
  expect(rig.sandbox.contractViolations()).toEqual([]);
  await rig.sandbox.stop();
});

describe("Bifrost v1.4: keys live inside the provider", () => {
  it("reads the key count from the provider itself (there is no /keys endpoint)", async () => {
    let list: ProviderJson[] = [];
    const sent = await rig.requests(async () => {
      list = await rig.json<ProviderJson[]>(["providers", "list"]);
    });
    expect(list.find((p) => p.id === "openai")!.details.keys).toBe(2);
    expect(sent.some((l) => l.includes("/keys"))).toBe(false);
  });

  it("an update echoes the full key set, so no key is lost; the server's release comes from /api/version", async () => {
    let written: ProviderJson | undefined;
    const sent = await rig.requests(async () => {
      written = await rig.json<ProviderJson>(["providers", "update", "openai", "--max-retries", "3", "--request-timeout", "50"]);
    });
    expect(written!.details).toMatchObject({ keys: 2, maxRetries: 3, requestTimeoutSeconds: 50 });
    expect(sent).toContain("GET /api/version 200"); // "v1.4.9" (the provider's shape would tell the same: it carries keys)
    expect(sent.some((l) => l.includes("/api/config"))).toBe(false);
    expect(sent).toContain("PUT /api/providers/openai 200");
    const raw = JSON.parse((await rig.gw(["providers", "get", "openai", "--raw"])).stdout) as { provider: { keys: { value: { value: string } }[] } };
    expect(raw.provider.keys.map((k) => k.value.value)).toEqual(["sk-p************************0001", "sk-p************************0002"]);
  });

  it("--dry-run shows the keys travelling in the PUT, redacted", async () => {
    const r = await rig.gw(["providers", "update", "anthropic", "--max-retries", "1", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('"keys": [');
    // A dry run masks every secret-named field itself (issue 14), the server's redacted form included.
    expect(r.stdout).toContain('"value": "sk-a****0003"');
    expectNoSecrets(r.stdout);
  });

  it("binds, updates limits and deletes like v1.5; an unknown provider's delete is 404 here, exit 4", async () => {
    expect((await rig.gw(["providers", "bind", "--provider", "mistral", "--rpm", "10"])).exitCode).toBe(0);
    expect((await rig.json<ProviderJson>(["providers", "update", "mistral", "--rpm", "20"])).rpm).toBe(20);
    expect((await rig.gw(["providers", "delete", "mistral", "--yes"])).exitCode).toBe(0);
    expect((await rig.gw(["providers", "delete", "mistral", "--yes"])).exitCode).toBe(4);
  });

  it("reads an empty model allow-list as every model, as v1.4 meant it", async () => {
    const keys = await rig.json<{ name: string; providerConfigs: { allowedModels: string[] | null }[] }[]>(["vk", "list"]);
    expect(keys.find((k) => k.name === "legacy-app")!.providerConfigs[0]!.allowedModels).toBeNull();
  });
});
