import { describe, expect, it } from "vitest";
import { firstFreeSlot } from "../../src/commands/providers/bind-wizard.js";

describe("the bind wizard's slot default", () => {
  it("is primary, else the first free fallback-N (a disabled binding's slot counts as taken)", () => {
    expect(firstFreeSlot(new Set())).toBe("primary");
    expect(firstFreeSlot(new Set(["batch"]))).toBe("primary");
    expect(firstFreeSlot(new Set(["primary"]))).toBe("fallback-1");
    expect(firstFreeSlot(new Set(["primary", "fallback-1", "fallback-3"]))).toBe("fallback-2");
  });
});
