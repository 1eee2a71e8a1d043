import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ngrokListView } from "../../src/backends/ngrok/views.js";
import type { Binding } from "../../src/domain/binding.js";
import { fitColumns, share, textWidth, truncate, type FitColumn } from "../../src/output/fit.js";
import { renderList } from "../../src/output/render.js";
import { fakeIO } from "../helpers/fake-io.js";

const col = (header: string, cells: string[], extra: Partial<FitColumn> = {}): FitColumn => ({ header, cells, ...extra });
/** What a fitted line takes: the kept widths and the gaps between them. */
const lineWidth = (fit: { widths: number[]; gap: number }) => fit.widths.reduce((a, b) => a + b, 0) + fit.gap * (fit.widths.length - 1);

describe("fitColumns: a terminal table never wraps", () => {
  it("keeps every cell whole, three spaces apart, when the table fits", () => {
    const fit = fitColumns([col("ID", ["b1", "b22"]), col("NAME", ["openai"])], 80);
    expect(fit).toEqual({ columns: [0, 1], widths: [3, 6], gap: 3 });
  });

  it("narrows the gaps to two spaces before shortening anything", () => {
    // 10 + 10 + 3 = 23 > 22; with a gap of 2 it is 22.
    const fit = fitColumns([col("A", ["x".repeat(10)]), col("B", ["y".repeat(10)])], 22);
    expect(fit).toEqual({ columns: [0, 1], widths: [10, 10], gap: 2 });
  });

  it("drops low-value columns, highest priority first, when the rest then fits whole", () => {
    const columns = [
      col("ID", ["aigp_01KT17Q7G00000BB2GYHDWZZ"], { fixed: true }),
      col("NAME", ["Together AI via egress proxy"]),
      col("SURFACES", ["openai/chat-completions"], { priority: 1 }),
      col("UPDATED", ["2026-06-01T09:20:00Z"], { priority: 2 }),
    ];
    // 29 + 28 + 23 + 20 + 3 gaps does not fit 100; without UPDATED it does (29 + 28 + 23 + 2 * 3 = 86).
    expect(fitColumns(columns, 100)).toEqual({ columns: [0, 1, 2], widths: [29, 28, 23], gap: 3 });
    expect(fitColumns(columns, 60).columns).toEqual([0, 1]);
  });

  it("shortens the longest cells to one common width, not below a readable one, keeping fixed columns whole", () => {
    const columns = [
      col("ID", ["aigp_01KT17Q7G00000BB2GYHDWZZ"], { fixed: true }),
      col("BASE URL", ["https://llm-proxy.example.com/together/v1"]),
      col("MODELS", ["meta-llama/Llama-3.3-70B-Instruct-Turbo, mistralai/Mixtral-8x7B-Instruct-v0.1, +1 more"]),
      col("RPM", ["600"]),
    ];
    const fit = fitColumns(columns, 100);
    expect(fit.columns).toEqual([0, 1, 2, 3]);
    expect(fit.widths[0]).toBe(29); // fixed: whole
    expect(fit.widths[3]).toBe(3); // short: whole
    expect(Math.abs(fit.widths[1]! - fit.widths[2]!)).toBeLessThanOrEqual(1); // the long ones share what is left
    expect(lineWidth(fit)).toBe(100);
  });

  it("shortens fixed columns only when nothing else makes room", () => {
    const columns = [col("ID", ["80c16a54-983c-448c-9009-800f5565ae9f/anthropic"], { fixed: true }), col("NAME", ["prod-chat -> anthropic"])];
    const roomy = fitColumns(columns, 60);
    expect(roomy.widths[0]).toBe(46);
    const narrow = fitColumns(columns, 30);
    expect(narrow.widths[0]).toBeLessThan(46);
    expect(lineWidth(narrow)).toBeLessThanOrEqual(30);
  });

  it("without headers, the header's width does not count", () => {
    expect(fitColumns([col("A LONG HEADER", ["x"])], 80, { headers: false }).widths).toEqual([1]);
    expect(fitColumns([col("A LONG HEADER", ["x"])], 80).widths).toEqual([13]);
  });

  it("fits any width that leaves a character per column (property)", () => {
    const cell = fc.string({ maxLength: 60 });
    const column = fc.record({
      header: fc.string({ minLength: 1, maxLength: 12 }),
      cells: fc.array(cell, { maxLength: 6 }),
      priority: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      fixed: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 9 }), fc.integer({ min: 20, max: 200 }), (columns, width) => {
        const fit = fitColumns(columns, width);
        if (columns.length * 3 > width) return; // no room for one character per column
        expect(lineWidth(fit)).toBeLessThanOrEqual(width);
        expect(fit.columns.length).toBeGreaterThan(0);
      }),
    );
  });

  it("share: minimums first, then an even cut of the widest; null when even the minimums do not fit", () => {
    expect(share([5, 50, 50], [5, 10, 10], 45)).toEqual([5, 20, 20]);
    expect(share([5, 50, 50], [5, 10, 10], 46)).toEqual([5, 21, 20]);
    expect(share([5, 50], [5, 10], 100)).toEqual([5, 50]);
    expect(share([5, 50], [5, 10], 14)).toBeNull();
  });
});

describe("truncate and textWidth", () => {
  it("cuts to the width with an ellipsis, counting wide characters as two cells", () => {
    expect(truncate("https://api.openai.com", 10)).toBe("https://a…");
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("abc", 1)).toBe("…");
    expect(truncate("abc", 0)).toBe("");
    expect(textWidth("模型名称")).toBe(8);
    expect(truncate("模型名称", 5)).toBe("模型…");
    expect(textWidth("e\u0301")).toBe(1);
  });
});

describe("terminal tables through renderList", () => {
  const provider = (i: number): Binding => ({
    id: `aigp_01KT17Q7G00000BB2GYHDW${String(i).padStart(2, "0")}`, backend: "ngrok", provider: `proxy-${i}`, providerId: `proxy-${i}`,
    slot: null, rpm: null, tpm: null, rpd: null, fallbackPriority: null, rotationPolicy: null, health: null, status: "active",
    disabledAt: null, createdAt: null, name: `A provider with a long display name ${i}`, baseUrl: `https://llm-proxy-${i}.example.com/a/long/path/v1`,
    models: ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "mistralai/Mixtral-8x7B-Instruct-v0.1", "Qwen/Qwen2.5-72B-Instruct-Turbo"],
    updatedAt: "2026-06-01T09:20:00Z", details: { surfaces: ["openai/chat-completions", "openai/responses", "anthropic/messages"] },
  });
  const records = [provider(1), provider(2), provider(3)];
  const lines = (text: string) => text.trimEnd().split("\n");

  it.each([40, 60, 80, 100, 140])("no line is wider than a %i-column terminal; from 80 on, ids stay whole", async (columns) => {
    const io = fakeIO({ tty: true, columns });
    await renderList(io, { format: "table", raw: false }, records, ngrokListView);
    for (const line of lines(io.out())) expect(textWidth(line)).toBeLessThanOrEqual(columns);
    if (columns >= 80) expect(io.out()).toContain(records[0]!.id);
  });

  it("-o wide keeps every column and cell whole; --no-headers drops the header line", async () => {
    const wide = fakeIO({ tty: true, columns: 80 });
    await renderList(wide, { format: "table", raw: false, wide: true }, records, ngrokListView);
    expect(lines(wide.out())[0]).toMatch(/^ID\s+PROVIDER ID\s+NAME\s+BASE URL\s+MODELS\s+SURFACES\s+UPDATED\s*$/);
    expect(wide.out()).toContain("Qwen/Qwen2.5-72B-Instruct-Turbo");
    expect(wide.out()).not.toContain("…");

    const bare = fakeIO({ tty: true, columns: 80 });
    await renderList(bare, { format: "table", raw: false, noHeaders: true }, records, ngrokListView);
    expect(lines(bare.out())).toHaveLength(3);
    expect(lines(bare.out())[0]).toMatch(/^aigp_/);
  });

  it("piped tables stay complete and tab-separated, with or without the header line", async () => {
    const piped = fakeIO({ tty: false, columns: 40 });
    await renderList(piped, { format: "table", raw: false }, records, ngrokListView);
    const [header, first] = lines(piped.out());
    expect(header).toBe("ID\tPROVIDER ID\tNAME\tBASE URL\tMODELS\tSURFACES\tUPDATED");
    expect(first!.split("\t")).toHaveLength(7);
    expect(piped.out()).not.toContain("…");
    const bare = fakeIO({ tty: false });
    await renderList(bare, { format: "table", raw: false, noHeaders: true }, records, ngrokListView);
    expect(lines(bare.out())[0]).toMatch(/^aigp_\S+\tproxy-1\t/);
  });
});
