import { execa } from "execa";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GW_BIN } from "../helpers/paths.js";
import { assertNoSecret, runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/**
 * Issue 14: Ctrl-C during `gw apply` keeps the one-time secrets of the keys already created. Before the
 * fix gw exited 130 with nothing on stderr, and 8 of 12 created keys' secrets were lost.
 */
describe("gw apply interrupted", () => {
  let sandbox: SandboxProcess;
  let env: Record<string, string>;
  const configDir = tempConfigDir();

  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--langwatch-era", "a", "--latency", "300"]);
    env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
  });
  afterAll(async () => sandbox?.stop());

  it("on SIGINT stops starting items, finishes the running ones, prints every issued secret and the rest, exit 130", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `batch-${i + 1}`);
    const doc = join(configDir, "..", "keys.yaml");
    writeFileSync(doc, `version: 1\nbackend: langwatch\nvirtualKeys:\n${names.map((n) => `  - name: ${n}\n    chain: [openai/primary]\n`).join("")}`);
    const child = execa("node", [GW_BIN, "apply", "-f", doc, "--yes", "--concurrency", "2"], {
      env: { ...env, GW_CONFIG_DIR: configDir },
      extendEnv: true,
      reject: false,
      input: "",
    });
    // Interrupt once the first key exists (the sandbox logs a request after answering it): the next ones are under way.
    const created = () => sandbox.log.filter((l) => l.startsWith("POST /api/gateway/v1/virtual-keys ")).length;
    for (let i = 0; i < 200 && created() === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(created()).toBeGreaterThan(0);
    child.kill("SIGINT");
    const r = await child;
    const run = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    assertNoSecret(run, [sandbox.apiKey], ["apply"]);
    expect(run.exitCode, `${r.signal ?? ""} ${run.stderr}`).toBe(130);
    expect(run.stderr).toMatch(/SIGINT: stopping/);
    expect(run.stderr).toMatch(/interrupted \(SIGINT\)/);

    const printed = run.stdout.split("\n").filter((l) => /^batch-\d+\t\S+/.test(l)).map((l) => l.split("\t")[0]!);
    const listed = await runGw(["vk", "list", "-o", "json"], { configDir, env });
    const onServer = (JSON.parse(listed.stdout) as { name: string }[]).map((k) => k.name).filter((n) => n.startsWith("batch-"));
    expect(onServer.length).toBeGreaterThan(0);
    expect(onServer.length).toBeLessThan(names.length);
    // Every key the server now has was printed with its secret; the others are listed as not applied.
    expect(printed.sort()).toEqual([...onServer].sort());
    for (const name of names.filter((n) => !onServer.includes(n))) expect(run.stderr).toContain(`not applied: create virtual-key ${name}`);
  }, 30_000);
});
