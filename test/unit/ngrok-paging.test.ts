import { describe, expect, it } from "vitest";
import { firstPage, nextPageRequest } from "../../src/backends/ngrok/paging.js";
import { GwError } from "../../src/errors.js";

describe("ngrok nextPageUri -> the next request on the profile's base URL", () => {
  it("starts with the largest page", () => {
    expect(firstPage()).toEqual({ path: "/providers", query: { limit: 100 } });
  });

  it("follows an absolute URI on the same origin", () => {
    expect(nextPageRequest("https://api.ngrok.ai", "https://api.ngrok.ai/providers?beforeId=aigp_9&limit=100", "list")).toEqual({
      path: "/providers",
      query: { beforeId: "aigp_9", limit: "100" },
    });
  });

  it("keeps only path and query of an absolute URI on another origin: the key stays with the base URL", () => {
    expect(nextPageRequest("https://proxy.corp.example/ngrok", "https://api.ngrok.ai/providers?beforeId=aigp_9", "list")).toEqual({
      path: "/providers",
      query: { beforeId: "aigp_9", limit: 100 },
    });
  });

  it("follows a relative URI, with or without the base URL's path prefix", () => {
    expect(nextPageRequest("http://127.0.0.1:4010", "/providers?beforeId=a&limit=20", "list")).toEqual({
      path: "/providers",
      query: { beforeId: "a", limit: "20" },
    });
    expect(nextPageRequest("https://proxy.example/ngrok/", "/ngrok/providers?beforeId=a", "list").path).toBe("/providers");
    expect(nextPageRequest("https://proxy.example/ngrok", "providers?beforeId=a", "list").path).toBe("/providers");
    expect(nextPageRequest("https://proxy.example/ngrok", "https://proxy.example/ngrok/providers?beforeId=a", "list").path).toBe("/providers");
  });

  it("refuses a next page that is not the providers list (exit 6) rather than fetch something else with the key", () => {
    for (const next of ["https://evil.example/steal?beforeId=a", "/access-keys?beforeId=a", "http://[bad"]) {
      let caught: unknown;
      try {
        nextPageRequest("https://api.ngrok.ai", next, "list providers");
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(GwError);
      expect((caught as GwError).exitCode).toBe(6);
      expect((caught as GwError).message).toMatch(/^list providers: unexpected response/);
    }
  });
});
