import { describe, expect, it } from "vitest";
import { langwatchListView as bindingListView } from "../../src/backends/langwatch/views.js";
import type { Binding } from "../../src/domain/binding.js";
import { withRaw } from "../../src/domain/binding.js";
import { outputChoice } from "../../src/output/format.js";
import { renderList } from "../../src/output/render.js";
import { maskSecret, oneLine, stripControl } from "../../src/redact.js";
import { fakeIO } from "../helpers/fake-io.js";

const b = (over: Partial<Binding>): Binding => ({
  id: "b1", backend: "langwatch", provider: "openai", providerId: "mp_1", slot: "primary", rpm: null, tpm: null,
  rpd: null, fallbackPriority: null, rotationPolicy: "MANUAL", health: "unknown", status: "active", disabledAt: null,
  createdAt: null, ...over,
});

describe("output", () => {
  it("chooses the format: --json, -o, GW_OUTPUT, table; --raw implies json", () => {
    expect(outputChoice({}, {})).toEqual({ format: "table", raw: false });
    expect(outputChoice({}, { GW_OUTPUT: "yaml" })).toEqual({ format: "yaml", raw: false });
    expect(outputChoice({ output: "table" }, { GW_OUTPUT: "yaml" }).format).toBe("table");
    expect(outputChoice({ json: true }, {}).format).toBe("json");
    expect(outputChoice({ raw: true }, {})).toEqual({ format: "json", raw: true });
    expect(() => outputChoice({ json: true, output: "yaml" }, {})).toThrow(/conflicts/);
    expect(() => outputChoice({}, { GW_OUTPUT: "xml" })).toThrow(/xml/);
  });

  it("prints a table on a TTY with dimmed disabled rows, colour only when enabled", async () => {
    const io = fakeIO({ tty: true, color: true });
    await renderList(io, { format: "table", raw: false }, [b({}), b({ id: "b2", status: "disabled", rpm: 5 })], bindingListView);
    const lines = io.out().trimEnd().split("\n");
    expect(lines[0]).toMatch(/ID.*PROVIDER.*SLOT.*RPM.*TPM.*RPD.*PRIORITY.*HEALTH.*STATUS/);
    expect(lines[1]).toMatch(/b1\s+openai\s+primary\s+inherit\s+inherit\s+inherit\s+-\s+unknown\s+active/);
    expect(lines[2]).toContain("\u001b[2m"); // dim
    const plain = fakeIO({ tty: true, color: false });
    await renderList(plain, { format: "table", raw: false }, [b({ status: "disabled" })], bindingListView);
    expect(plain.out()).not.toMatch(/\u001b\[/);
  });

  it("says so on stderr when a table would be empty, and prints [] for JSON", async () => {
    const io = fakeIO();
    await renderList(io, { format: "table", raw: false }, [], bindingListView);
    expect(io.out()).toBe("");
    expect(io.err()).toMatch(/No provider bindings/);
    const json = fakeIO();
    await renderList(json, { format: "json", raw: false }, [], bindingListView);
    expect(json.out()).toBe("[]\n");
  });

  it("prints the raw wire body with --raw", async () => {
    const io = fakeIO();
    await renderList(io, { format: "json", raw: true }, [withRaw(b({}), { rate_limit_rpm: null })], bindingListView);
    expect(JSON.parse(io.out())).toEqual([{ rate_limit_rpm: null }]);
  });

  it("strips terminal control characters from server text in tables", async () => {
    const io = fakeIO();
    await renderList(io, { format: "table", raw: false }, [b({ provider: "open\u001b[31mai\u0007\nx" })], bindingListView);
    expect(io.out()).toContain("openai x");
    expect(stripControl("a\u001b]0;title\u0007b")).toBe("ab");
    expect(oneLine("a\n\tb\u001b[2J")).toBe("a b");
  });

  it("masks secrets", () => {
    expect(maskSecret("sk-lw-abcdefghijklmnop")).toBe("sk-l****mnop");
    expect(maskSecret("short")).toBe("****");
  });
});
