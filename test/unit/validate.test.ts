import { describe, expect, it } from "vitest";
import { headerPairs, httpUrl, integer, oneOf, positiveInt } from "../../src/domain/validate.js";
import { UsageError } from "../../src/errors.js";

describe("flag validation", () => {
  it("accepts positive integers and names the flag otherwise", () => {
    expect(positiveInt("--rpm", "600")).toBe(600);
    expect(positiveInt("--rpm", " 7 ")).toBe(7);
    for (const bad of ["0", "-1", "1.5", "abc", "", "1e3", "99999999999999999999"]) {
      expect(() => positiveInt("--rpm", bad)).toThrow(UsageError);
      expect(() => positiveInt("--rpm", bad)).toThrow(/--rpm/);
    }
  });

  it("accepts negative integers where the dashboard does (fallback priority)", () => {
    expect(integer("--fallback-priority", "-3")).toBe(-3);
    expect(() => integer("--fallback-priority", "x")).toThrow(/--fallback-priority.*integer/);
  });

  it("matches enums case-insensitively and returns the canonical spelling", () => {
    expect(oneOf("--rotation-policy", "manual", ["MANUAL"] as const)).toBe("MANUAL");
    expect(() => oneOf("--rotation-policy", "AUTO", ["MANUAL"] as const)).toThrow(/allowed: MANUAL/);
  });

  it("parses NAME=VALUE headers, keeping '=' in values and rejecting bad names", () => {
    expect(headerPairs("--header", ["X-Team=ml", "X-Q=a=b", "Empty="])).toEqual({ "X-Team": "ml", "X-Q": "a=b", Empty: "" });
    expect(() => headerPairs("--header", ["=v"])).toThrow(/NAME=VALUE/);
    expect(() => headerPairs("--header", ["bad name=v"])).toThrow(/NAME=VALUE/);
    expect(() => headerPairs("--header", ["novalue"])).toThrow(/--header/);
  });

  it("accepts http(s) URLs only and drops a trailing slash", () => {
    expect(httpUrl("--base-url", "https://app.langwatch.ai/")).toBe("https://app.langwatch.ai");
    expect(() => httpUrl("--base-url", "ftp://x")).toThrow(/--base-url/);
    expect(() => httpUrl("--base-url", "nope")).toThrow(/--base-url/);
  });
});

describe("limits above the control planes' integer range (issue 14)", () => {
  it("refuses --rpm above 2147483647 locally", async () => {
    const { positiveInt } = await import("../../src/domain/validate.js");
    expect(positiveInt("--rpm", "2147483647")).toBe(2147483647);
    expect(() => positiveInt("--rpm", "2147483648")).toThrow(/--rpm.*at most 2147483647/);
  });
});
