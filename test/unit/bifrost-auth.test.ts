import { describe, expect, it } from "vitest";
import { bifrost } from "../../src/backends/bifrost/index.js";

const { authHeaders, requiresKey } = bifrost;

describe("Bifrost auth headers", () => {
  it("sends nothing with auth none, or without a key", () => {
    expect(authHeaders("k", "none")).toEqual({});
    expect(authHeaders(undefined)).toEqual({});
    expect(authHeaders(undefined, "bearer")).toEqual({});
    expect(requiresKey).toBe(false);
  });

  it("sends Basic base64(user:password) and Bearer <key>; a key without a mode is Bearer", () => {
    expect(authHeaders("admin:s3cret", "basic")).toEqual({ Authorization: `Basic ${Buffer.from("admin:s3cret").toString("base64")}` });
    expect(authHeaders("mgmt-key", "bearer")).toEqual({ Authorization: "Bearer mgmt-key" });
    expect(authHeaders("mgmt-key")).toEqual({ Authorization: "Bearer mgmt-key" });
  });
});
