import { describe, expect, it } from "vitest";
import { langwatchKinds } from "../../src/backends/langwatch/config.js";
import { ngrokKinds } from "../../src/backends/ngrok/config.js";
import type { KindsByBackend } from "../../src/config/kinds.js";
import { parseConfigDocument } from "../../src/config/parse.js";

/** Issue 14: an empty chain where the backend needs at least one hop is a document problem naming the field. */
const kinds = { langwatch: langwatchKinds, bifrost: [], ngrok: ngrokKinds, coreweave: [] } as KindsByBackend;
const problems = (yaml: string) => {
  const r = parseConfigDocument(yaml, kinds);
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
};

describe("empty chains in documents", () => {
  it("LangWatch: `chain: []` is refused (a key's writes need at least one binding), naming the field", () => {
    expect(problems("version: 1\nbackend: langwatch\nvirtualKeys:\n  - {name: a, chain: []}\n")).toEqual([
      "4:22: virtualKeys[0].chain: at least one binding, primary first (null or leaving chain out keeps the key's own)",
    ]);
  });

  it("LangWatch: `chain: null` or no chain leaves the key's own (accepted)", () => {
    expect(problems("version: 1\nbackend: langwatch\nvirtualKeys:\n  - {name: a, chain: null}\n  - {name: b}\n")).toEqual([]);
  });

  it("ngrok: a rule with `steps: []` is refused; `rules: []` is accepted on purpose (ngrok's default routing)", () => {
    const rule = "configurations:\n  - name: c\n    rules:\n      - {provider: openai, steps: []}\n";
    expect(problems(`version: 1\nbackend: ngrok\n${rule}`)).toEqual(["6:35: configurations[0].rules[0].steps: at least one step"]);
    expect(problems("version: 1\nbackend: ngrok\nconfigurations:\n  - {name: c, rules: []}\n")).toEqual([]);
  });
});
