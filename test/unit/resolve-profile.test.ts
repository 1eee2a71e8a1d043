import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../src/profiles/resolve.js";
import type { ConfigData } from "../../src/profiles/types.js";

const config: ConfigData = {
  current: "prod",
  profiles: {
    prod: { backend: "langwatch", baseUrl: "https://lw.example.com", apiKey: "sk-lw-prod-key-123" },
    dev: { backend: "langwatch", baseUrl: "http://127.0.0.1:4010", apiKey: "sk-lw-dev-key-456" },
  },
};

describe("resolveProfile: flag > env > profile > default", () => {
  it("uses the current profile by default", () => {
    expect(resolveProfile(undefined, {}, config)).toEqual({ name: "prod", ...config.profiles.prod, keySource: "file" });
  });

  it("prefers --profile over GW_PROFILE over current", () => {
    expect(resolveProfile(undefined, { GW_PROFILE: "dev" }, config).name).toBe("dev");
    expect(resolveProfile("prod", { GW_PROFILE: "dev" }, config).name).toBe("prod");
  });

  it("fails on an unknown profile and says where the name came from", () => {
    expect(() => resolveProfile("nope", {}, config)).toThrow(/"nope" \(from --profile\) does not exist/);
    expect(() => resolveProfile(undefined, { GW_PROFILE: "nope" }, config)).toThrow(/from GW_PROFILE/);
  });

  it("builds an ad-hoc profile from GW_* when nothing is stored, defaulting the backend", () => {
    const env = { GW_BASE_URL: "https://ci.example.com/", GW_API_KEY: "sk-ci" };
    expect(resolveProfile(undefined, env, { profiles: {} })).toEqual({
      name: null,
      backend: "langwatch",
      baseUrl: "https://ci.example.com",
      apiKey: "sk-ci",
      keySource: "env",
    });
  });

  it("lets each GW_* variable override its field of the selected profile", () => {
    expect(resolveProfile(undefined, { GW_API_KEY: "sk-override" }, config).apiKey).toBe("sk-override");
    const moved = resolveProfile(undefined, { GW_BASE_URL: "https://other.example.com", GW_API_KEY: "sk-x" }, config);
    expect(moved).toMatchObject({ baseUrl: "https://other.example.com", apiKey: "sk-x" });
  });

  it("says where the key comes from, and leaves a keychain key for later (GW_API_KEY wins without reading it)", () => {
    const kc = { current: "kc", profiles: { kc: { backend: "langwatch" as const, baseUrl: "https://lw.example.com", keyStore: "keychain" as const } } };
    expect(resolveProfile(undefined, {}, kc)).toEqual({ name: "kc", backend: "langwatch", baseUrl: "https://lw.example.com", keySource: "keychain" });
    expect(resolveProfile(undefined, { GW_API_KEY: "sk-env" }, kc)).toMatchObject({ apiKey: "sk-env", keySource: "env" });
    expect(() => resolveProfile(undefined, { GW_BASE_URL: "https://evil.example.com" }, kc)).toThrow(/set GW_API_KEY as well/);
  });

  it("never sends a stored key to a URL other than its profile's", () => {
    expect(() => resolveProfile(undefined, { GW_BASE_URL: "https://evil.example.com" }, config)).toThrow(/set GW_API_KEY as well/);
    // the same URL (modulo a trailing slash) is fine
    expect(resolveProfile(undefined, { GW_BASE_URL: "https://lw.example.com/" }, config).apiKey).toBe("sk-lw-prod-key-123");
  });

  it("explains what to do when there is no profile at all", () => {
    expect(() => resolveProfile(undefined, {}, { profiles: {} })).toThrow(/gw profile add/);
    expect(() => resolveProfile(undefined, { GW_BACKEND: "x", GW_BASE_URL: "https://a" }, { profiles: {} })).toThrow(/GW_BACKEND/);
  });
});
