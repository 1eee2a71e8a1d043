import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

/** Issue 13 "Consistency": the same flags and formats as the rest, counts in the right number, the user's own paths. */
let sandbox: SandboxProcess;
let env: Record<string, string>;
const configDir = tempConfigDir();
const dir = mkdtempSync(join(tmpdir(), "gw-consistency-"));
const gw = (args: string[]) => runGw(args, { configDir, env });

beforeAll(async () => {
  sandbox = await startSandboxProcess(["--seed", "demo"]);
  env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey };
});
afterAll(async () => sandbox?.stop());

describe("gw export -f / gw diff -o", () => {
  it("export -f is --file; the note counts in words ('5 bindings, 3 virtual keys')", async () => {
    const file = join(dir, "short.yaml");
    const r = await gw(["export", "-f", file]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^✓ Exported \d+ bindings?, \d+ virtual keys? to /m);
    expect(r.stderr).not.toMatch(/virtualKeys/);
    expect(parse(readFileSync(file, "utf8"))).toMatchObject({ version: 1, backend: "langwatch" });
  });

  it("export -f into a missing directory names the user's path, never a temporary file", async () => {
    const file = join(dir, "no-such-dir", "out.yaml");
    const r = await gw(["export", "-f", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe(`error: cannot write ${file}: no such directory; it was left as it was`);
    expect(r.stderr).not.toMatch(/\.tmp-/);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("diff -o takes table, json and yaml like the other commands (text still works)", async () => {
    const file = join(dir, "doc.yaml");
    expect((await gw(["export", "-f", file])).exitCode).toBe(0);
    const table = await gw(["diff", "-f", file]);
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toContain("No changes: the control plane matches the document.");
    expect((await gw(["diff", "-f", file, "-o", "text"])).stdout).toBe(table.stdout);
    expect((await gw(["diff", "-f", file, "-o", "table"])).stdout).toBe(table.stdout);
    const json = JSON.parse((await gw(["diff", "-f", file, "-o", "json"])).stdout) as { items: unknown[] };
    const yaml = await gw(["diff", "-f", file, "-o", "yaml"]);
    expect(yaml.exitCode, yaml.stderr).toBe(0);
    expect(parse(yaml.stdout)).toEqual(json);
    const bad = await gw(["diff", "-f", file, "-o", "wide"]);
    expect(bad.exitCode).toBe(2);
  });
});
