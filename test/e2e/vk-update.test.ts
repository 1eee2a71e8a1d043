import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

interface Vk {
  id: string;
  name: string;
  description: string | null;
  status: string;
  rpm: number | null;
  tpm: number | null;
  rpd: number | null;
}

/** `gw vk update` and `gw vk delete` on LangWatch (issue 11): only the fields named change. */
describe("gw vk update / delete on LangWatch", () => {
  let sandbox: SandboxProcess;
  let env: Record<string, string>;
  const configDir = tempConfigDir();
  const gw = (args: string[]) => runGw(args, { configDir, env });
  const keys = async () => JSON.parse((await gw(["vk", "list", "-o", "json"])).stdout) as Vk[];

  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--langwatch-era", "a"]);
    env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
  });
  afterAll(async () => {
    expect(sandbox.contractViolations()).toEqual([]);
    await sandbox?.stop();
  });

  it("changes the description and one limit, keeping the other limits as they were", async () => {
    const before = (await keys()).find((k) => k.name === "prod-chat")!;
    const r = await gw(["vk", "update", before.id, "--description", "checkout service", "--tpm", "50000", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe(`✓ Updated virtual key ${before.id} (prod-chat)`);
    const after = JSON.parse(r.stdout) as Vk;
    expect(after).toMatchObject({ id: before.id, description: "checkout service", rpm: before.rpm, tpm: 50000, rpd: before.rpd });
  });

  it("--unset clears a limit; -q prints the id", async () => {
    const key = (await keys()).find((k) => k.name === "prod-chat")!;
    const r = await gw(["vk", "update", key.id, "--unset", "tpm", "-q"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(key.id);
    expect((await keys()).find((k) => k.id === key.id)!.tpm).toBeNull();
  });

  it("refuses what LangWatch cannot do, before sending anything (exit 2)", async () => {
    const key = (await keys())[0]!;
    const budget = await gw(["vk", "update", key.id, "--budget", "100/1M"]);
    expect(budget.exitCode).toBe(2);
    expect(budget.stderr).toMatch(/the langwatch backend does not support --budget on `gw vk update`/);
    const nothing = await gw(["vk", "update", key.id]);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to update/);
    const both = await gw(["vk", "update", key.id, "--rpm", "5", "--unset", "rpm"]);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/--unset rpm conflicts with --rpm/);
    const del = await gw(["vk", "delete", key.id, "--yes"]);
    expect(del.exitCode).toBe(2);
    expect(del.stderr).toMatch(/does not support `gw vk delete`: LangWatch keeps revoked keys as history; use `gw vk revoke`/);
  });
});
