import { describe, expect, it } from "vitest";
import { planRateLimit, refuseImpossibleLimits, standardLimits, windowsFromWire } from "../../src/backends/bifrost/rate-limit.js";
import { durationSeconds } from "../../src/domain/limits.js";
import { UsageError } from "../../src/errors.js";

const w = (requests?: [number, string], tokens?: [number, string]) => ({
  requests: requests ? { limit: requests[0], window: requests[1], used: null } : null,
  tokens: tokens ? { limit: tokens[0], window: tokens[1], used: null } : null,
});

describe("Bifrost rate-limit windows", () => {
  it("reads Bifrost durations, months being M", () => {
    expect([durationSeconds("1m"), durationSeconds("60s"), durationSeconds("1d"), durationSeconds("24h")]).toEqual([60, 60, 86400, 86400]);
    expect(durationSeconds("1M")).toBe(30 * 86400);
    expect(durationSeconds("soon")).toBeNull();
  });

  it("maps the wire limit to windows and the rpm/tpm/rpd view; other windows stay out of the columns", () => {
    const windows = windowsFromWire({ request_max_limit: 5000, request_reset_duration: "1h", token_max_limit: 900, token_reset_duration: "60s", token_current_usage: 12 });
    expect(windows).toEqual({ requests: { limit: 5000, window: "1h", used: null }, tokens: { limit: 900, window: "60s", used: 12 } });
    expect(standardLimits(windows)).toEqual({ rpm: null, tpm: 900, rpd: null });
    expect(standardLimits(w([10000, "1d"]))).toEqual({ rpm: null, tpm: null, rpd: 10000 });
    expect(windowsFromWire({ request_max_limit: 5 })).toBeNull(); // a limit without its window is no limit
    expect(windowsFromWire(undefined)).toBeNull();
  });
});

describe("planning a governance rate-limit write", () => {
  it("refuses --rpm with --rpd: one request limit, one window", () => {
    expect(() => refuseImpossibleLimits({ rpm: 1, rpd: 2 })).toThrow(UsageError);
    expect(() => refuseImpossibleLimits({ rpm: 1, rpd: null })).not.toThrow();
  });

  it("sends the full limit, keeping the half it does not change", () => {
    const plan = planRateLimit(w([600, "1m"], [150000, "1m"]), { rpm: 900 }, "openai");
    expect(plan.body).toEqual({ request_max_limit: 900, request_reset_duration: "1m", token_max_limit: 150000, token_reset_duration: "1m" });
    expect(plan.changed).toBe(true);
    expect(plan.notes).toEqual([]);
  });

  it("says so when a set replaces a limit of another window", () => {
    const plan = planRateLimit(w([600, "1m"]), { rpd: 10000 }, "openai");
    expect(plan.body).toEqual({ request_max_limit: 10000, request_reset_duration: "1d" });
    expect(plan.notes).toEqual([
      "openai: --rpd replaces the request limit of 600 per 1m: Bifrost keeps one request limit per provider, with one reset window",
    ]);
    expect(planRateLimit(w(undefined, [5, "1d"]), { tpm: 9 }, "azure").notes[0]).toMatch(/--tpm replaces the token limit of 5 per 1d/);
    // Unsetting the other dimension explicitly is not a surprise, so no note.
    expect(planRateLimit(w([600, "1m"]), { rpd: 10000, rpm: null }, "openai").notes).toEqual([]);
  });

  it("unsets only the limit the flag names, and removes the whole limit when nothing is left", () => {
    expect(planRateLimit(w([600, "1m"], [5, "1m"]), { rpm: null }, "p").body).toEqual({ token_max_limit: 5, token_reset_duration: "1m" });
    expect(planRateLimit(w([600, "1m"]), { rpm: null }, "p").body).toEqual({});
    expect(planRateLimit(null, { tpm: null }, "p")).toEqual({ body: {}, changed: false, notes: [] });
    expect(() => planRateLimit(w([10000, "1d"]), { rpm: null }, "anthropic")).toThrow(
      "anthropic: cannot --unset rpm: its request limit is 10000 per 1d, not per minute (that is rpd: use --unset rpd)",
    );
    expect(() => planRateLimit(w([5000, "1h"]), { rpd: null }, "azure")).toThrow(/its request limit is 5000 per 1h, not per day/);
  });

  it("reports no change when the limit is already what was asked", () => {
    expect(planRateLimit(w([600, "1m"]), { rpm: 600 }, "p").changed).toBe(false);
  });
});
