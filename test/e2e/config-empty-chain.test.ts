import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

/** Issue 14: `chain: []` in a LangWatch document fails validation, naming the field, before any request (exit 2). */
describe("gw diff/apply with an empty chain", () => {
  it("exits 2 with file:line:col and the field, and sends nothing", async () => {
    const configDir = tempConfigDir();
    const file = join(configDir, "..", "empty-chain.yaml");
    writeFileSync(file, "version: 1\nbackend: langwatch\nvirtualKeys:\n  - name: a\n    chain: []\n");
    // Nothing listens on port 9: a request would fail with exit 6, not 2.
    const env = { GW_BACKEND: "langwatch", GW_BASE_URL: "http://127.0.0.1:9", GW_API_KEY: "sk-lw-empty-chain-0123456789" };
    for (const verb of [["diff", "-f", file], ["apply", "-f", file, "--yes"]]) {
      const r = await runGw(verb, { configDir, env });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file}:5:12: virtualKeys[0].chain: at least one binding`);
      expect(r.stderr).toMatch(/1 problem; nothing was sent/);
    }
  });
});
