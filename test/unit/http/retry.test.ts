import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, parseRetryAfter, retryDelay, type Outcome } from "../../../src/http/retry.js";

const policy = { ...DEFAULT_POLICY, retries: 3 };
const full = () => 1; // jitter at its ceiling, so the backoff is visible
const status = (s: number, retryAfter?: string): Outcome => ({ kind: "status", status: s, retryAfter });

describe("retry policy", () => {
  it.each([
    ["GET", status(503), 250],
    ["GET", status(502), 250],
    ["GET", status(504), 250],
    ["GET", status(429), 250],
    ["PUT", status(503), 250],
    ["DELETE", { kind: "network" } as Outcome, 250],
    ["GET", { kind: "timeout" } as Outcome, 250],
    ["GET", status(500), null],
    ["GET", status(404), null],
    ["GET", status(400), null],
    ["POST", status(503), null],
    ["PATCH", status(502), null],
    ["POST", { kind: "network" } as Outcome, null],
    ["PATCH", { kind: "timeout" } as Outcome, null],
    ["PATCH", status(429), null],
    ["PATCH", status(429, "2"), 2000],
    ["POST", status(429, "0"), 0],
  ])("%s after %j waits %s ms", (method, outcome, expected) => {
    expect(retryDelay(method, outcome, 1, policy, full)).toBe(expected);
  });

  it("backs off exponentially with full jitter, capped", () => {
    expect([1, 2, 3].map((a) => retryDelay("GET", status(503), a, policy, full))).toEqual([250, 500, 1000]);
    expect(retryDelay("GET", status(503), 2, policy, () => 0.5)).toBe(250);
    expect(retryDelay("GET", status(503), 10, { ...policy, retries: 20 }, full)).toBe(20_000);
  });

  it("stops after the retry budget", () => {
    expect(retryDelay("GET", status(503), 4, policy, full)).toBeNull();
    expect(retryDelay("GET", status(503), 1, { ...policy, retries: 0 }, full)).toBeNull();
  });

  it("prefers Retry-After to the backoff, and gives up when it asks for too long", () => {
    expect(retryDelay("GET", status(503, "3"), 1, policy, full)).toBe(3000);
    expect(retryDelay("GET", status(429, "3600"), 1, policy, full)).toBeNull();
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = () => Date.parse("2026-11-22T12:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
