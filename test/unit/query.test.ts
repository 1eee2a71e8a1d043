import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/exit-codes.js";
import { filterList, filterPages, narrowed, where } from "../../src/output/filters.js";
import { addOutputOptions, outputChoice } from "../../src/output/format.js";
import { checkQuery, errorPosition, runQuery } from "../../src/output/query.js";
import { renderOne, renderPages, writeData } from "../../src/output/render.js";
import type { ListView } from "../../src/output/view.js";
import { fakeIO } from "../helpers/fake-io.js";

const records = [
  { id: "b1", provider: "openai", status: "active" },
  { id: "b2", provider: "anthropic", status: "disabled" },
  { id: "b3", provider: "OpenAI", status: "active" },
];
const view: ListView<(typeof records)[number]> = { columns: [{ header: "ID", value: (r) => r.id }], empty: "No bindings." };

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect((err as { exitCode?: number }).exitCode).toBe(ExitCode.Usage);
    return (err as Error).message;
  }
  throw new Error("expected a usage error");
}

describe("--query: JMESPath over the JSON record", () => {
  it("selects from the record; the result is what JSON prints", () => {
    expect(runQuery("[].id", records)).toEqual(["b1", "b2", "b3"]);
    expect(runQuery("[?status=='disabled'] | [0].provider", records)).toBe("anthropic");
    expect(runQuery("length(@)", records)).toBe(3);
    expect(runQuery("items", records)).toBeNull();
  });

  it.each([
    ["foo bar", "Unexpected token type: UnquotedIdentifier, value: bar at position 4"],
    ["[?status==", 'Invalid token (EOF): "" at position 10'],
    ["a | | b", 'Invalid token (Pipe): "|" at position 4'],
    ["foo$", "Unknown character:$ at position 3"],
    ["[].{id: id, n: }", 'Invalid token (Rbrace): "}" at position 15'],
    ["lenght(@)", "unknown function lenght() at position 0"],
    ["", 'Invalid token (EOF): "" at position 0'],
  ])("a bad expression %j is a usage error naming the position", (expression, message) => {
    expect(usageMessage(() => checkQuery(expression))).toBe(`invalid --query: ${message}`);
  });

  it("finds the position of a lexer error and of a parse error", () => {
    expect(errorPosition('foo."bar')).toBe(4);
    expect(errorPosition("foo[")).toBe(4);
    expect(errorPosition("{a: b,}")).toBe(6);
  });

  it("a function given the wrong type is a usage error at the function", () => {
    expect(usageMessage(() => runQuery("[0].id | abs(@)", records))).toBe(
      "invalid --query: TypeError: abs() expected argument 1 to be type number but received type string instead at position 9",
    );
    expect(usageMessage(() => runQuery("sort_by(@, &provider.x)", records))).toBe("invalid --query: TypeError: a sort or min/max key of the wrong type");
  });

  it("a JSON literal that looks like a function call is data", () => {
    expect(() => checkQuery('`{"type": "Function", "name": "nope"}`')).not.toThrow();
  });
});

describe("--query, -o wide and --no-headers: the output choice", () => {
  it("--query implies JSON, keeps YAML, and refuses an explicit table", () => {
    expect(outputChoice({ query: "[].id" }, {})).toEqual({ format: "json", raw: false, query: "[].id" });
    expect(outputChoice({ query: "[].id" }, { GW_OUTPUT: "table" }).format).toBe("json");
    expect(outputChoice({ query: "[].id", output: "yaml" }, {}).format).toBe("yaml");
    expect(() => outputChoice({ query: "[].id", output: "table" }, {})).toThrow(/use it with -o json or -o yaml, not -o table/);
    expect(() => outputChoice({ query: "[].id", output: "wide" }, {})).toThrow(/not -o wide/);
  });

  it("-o wide is a table with every column; GW_OUTPUT=wide too; --no-headers", () => {
    expect(outputChoice({ output: "wide" }, {})).toEqual({ format: "table", raw: false, wide: true });
    expect(outputChoice({}, { GW_OUTPUT: "wide" })).toEqual({ format: "table", raw: false, wide: true });
    expect(outputChoice({ output: "wide", raw: true }, {})).toEqual({ format: "json", raw: true });
    expect(outputChoice({ headers: false }, {})).toEqual({ format: "table", raw: false, noHeaders: true });
    expect(outputChoice({ headers: true }, {})).toEqual({ format: "table", raw: false });
  });

  it("a bad --query stops the command before its action runs", async () => {
    let ran = false;
    const cmd = addOutputOptions(new Command("list"), { list: true }).exitOverride().action(() => void (ran = true));
    await expect(cmd.parseAsync(["--query", "foo bar"], { from: "user" })).rejects.toThrow(/invalid --query: .* at position 4/);
    expect(ran).toBe(false);
    await cmd.parseAsync(["--query", "[].id", "--no-headers"], { from: "user" });
    expect(ran).toBe(true);
    expect(cmd.opts()).toMatchObject({ query: "[].id", headers: false });
  });

  it("renders the query's result: lists collected first, one record, plain data; YAML when asked", async () => {
    async function* pages() {
      yield records.slice(0, 2);
      yield records.slice(2);
    }
    const list = fakeIO();
    await renderPages(list, { format: "json", raw: false, query: "[?status=='active'].id" }, pages(), view);
    expect(JSON.parse(list.out())).toEqual(["b1", "b3"]);

    const one = fakeIO();
    await renderOne(one, { format: "table", raw: false, query: "provider" }, records[0]!, { fields: [] });
    expect(one.out()).toBe('"openai"\n');

    const data = fakeIO();
    await writeData(data, { format: "yaml", query: "[0].id" }, records);
    expect(data.out()).toBe("b1\n");
  });
});

describe("list filters", () => {
  it("where: every given filter must match, ignoring case; absent filters pass everything", () => {
    expect(filterList(records, where([undefined, (r) => r.status])).map((r) => r.id)).toEqual(["b1", "b2", "b3"]);
    expect(filterList(records, where(["openai", (r) => r.provider], ["active", (r) => r.status])).map((r) => r.id)).toEqual(["b1", "b3"]);
    expect(filterList(records, where(["active", (r) => r.status]), 1).map((r) => r.id)).toEqual(["b1"]);
  });

  it("filterPages reads no page more once --limit records are out", async () => {
    let pulled = 0;
    let closed = false;
    async function* pages() {
      try {
        for (let p = 0; p < 5; p++) {
          pulled++;
          yield [{ id: `p${p}a` }, { id: `p${p}b` }];
        }
      } finally {
        closed = true;
      }
    }
    const out: string[] = [];
    for await (const page of filterPages(pages(), () => true, 3)) out.push(...page.map((r) => r.id));
    expect(out).toEqual(["p0a", "p0b", "p1a"]);
    expect(pulled).toBe(2);
    expect(closed).toBe(true);
  });

  it("an empty filtered list says what matched nothing", () => {
    expect(narrowed(view, "bindings", [["--status", undefined]]).empty).toBe("No bindings.");
    expect(narrowed(view, "bindings", [["--status", "disabled"], ["--slot", "x"]]).empty).toBe("No bindings match --status disabled --slot x.");
  });
});
