import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../helpers/emulators.js";
import { findBinding, KEY, PROVIDERS, sandbox, VKS } from "./helpers.js";

const stateFile = () => join(mkdtempSync(join(tmpdir(), "gw-sandbox-")), "state.json");

describe("state file", () => {
  it("persists a mutation across a restart, and ignores the seed once the file exists", async () => {
    const file = stateFile();
    const first = await sandbox({ stateFile: file });
    const b = await findBinding(first, "openai", "primary");
    await first.patch(`${PROVIDERS}/${b.id}`, { rate_limit_rpm: 42 });
    await first.sb.close();

    const second = await sandbox({ stateFile: file, seed: "empty" });
    expect((await findBinding(second, "openai", "primary")).rate_limit_rpm).toBe(42);
    expect((await second.get(VKS)).body.data).toHaveLength(3);
  });

  it("writes a private file with a backend/era header and no API key", async () => {
    const file = stateFile();
    const api = await sandbox({ stateFile: file, langwatchEra: "b" });
    await api.post(VKS, { name: "persisted" });
    const text = readFileSync(file, "utf8");
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ backend: "langwatch", era: "b", version: 1 });
    expect(text).toContain("persisted");
    expect(text).not.toContain(KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a state file of another backend or era with a clear error", async () => {
    const file = stateFile();
    writeFileSync(file, JSON.stringify({ backend: "bifrost", version: 1, state: {} }));
    await expect(startEmulator({ backend: "langwatch", apiKey: KEY, stateFile: file })).rejects.toThrow(/holds a "bifrost" sandbox/);
    const eraA = stateFile();
    const a = await sandbox({ stateFile: eraA });
    await a.sb.close();
    await expect(startEmulator({ backend: "langwatch", apiKey: KEY, stateFile: eraA, langwatchEra: "b" })).rejects.toThrow(/era "a"/);
    writeFileSync(file, "{not json");
    await expect(startEmulator({ backend: "langwatch", apiKey: KEY, stateFile: file })).rejects.toThrow(/not valid JSON/);
  });
});
