import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/profiles/read.js";

describe("a stored Bifrost profile keeps its auth mode", () => {
  it("reads auth back from config.json, so a basic profile sends Basic", () => {
    const config = parseConfig({ current: "dash", profiles: { dash: { backend: "bifrost", baseUrl: "http://b", apiKey: "admin:pw", auth: "basic" } } }, "config.json");
    expect(config.profiles.dash).toEqual({ backend: "bifrost", baseUrl: "http://b", apiKey: "admin:pw", auth: "basic" });
  });

  it("calls an unknown auth mode a damaged file", () => {
    expect(() => parseConfig({ profiles: { x: { backend: "bifrost", baseUrl: "http://b", auth: "digest" } } }, "config.json")).toThrow(
      'config file config.json is damaged: profile "x" has an unknown auth mode',
    );
  });
});
