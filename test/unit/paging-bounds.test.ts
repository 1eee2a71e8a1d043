import { describe, expect, it } from "vitest";
import type { Reads } from "../../src/backends/bifrost/reads.js";
import { bifrostVirtualKeys } from "../../src/backends/bifrost/virtual-keys.js";
import { createBackend as createNgrok } from "../../src/backends/ngrok/adapter.js";
import { ngrokConfigurations } from "../../src/backends/ngrok/configurations.js";
import { MAX_PAGES } from "../../src/backends/paging.js";
import { GwError } from "../../src/errors.js";
import { mockHttp } from "../helpers/mock-http.js";

/**
 * Issue 14: an endless cursor drew 25.7k requests in 8 s. Every list stops after MAX_PAGES pages or at a
 * cursor seen twice, with one line (exit 6) that does not quote the cursor (it may carry a token).
 */
const BASE = "http://127.0.0.1:4997";
const mock = mockHttp(BASE);
const client = () => mock.connect();

async function failure(p: Promise<unknown>): Promise<GwError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GwError);
    return err as GwError;
  }
  throw new Error("expected a failure");
}

const TOKEN = "tok-secretish-cursor";
type Http = ReturnType<typeof client>["http"];

describe("ngrok: paging is bounded", () => {
  it("a server whose nextPageUri never ends stops after MAX_PAGES requests (exit 6, one line, no cursor quoted)", async () => {
    const { http, pool } = client();
    let requests = 0;
    pool
      .intercept({ path: (p) => p.startsWith("/providers"), method: "GET" })
      .reply(200, () => {
        requests++;
        return { aiGatewayProviders: [], uri: "/providers", nextPageUri: `/providers?beforeId=${TOKEN}-${requests}&access_token=${TOKEN}` };
      })
      .persist();
    const err = await failure(createNgrok(http).bindings!.list());
    expect(requests).toBe(MAX_PAGES);
    expect(err.exitCode).toBe(6);
    expect(err.message).toBe(`list providers: unexpected response from the control plane (the server kept returning nextPageUri (more than ${MAX_PAGES} pages))`);
    expect(err.message).not.toContain(TOKEN);
  });

  it("a repeated nextPageUri stops at the repeat, without quoting its query string", async () => {
    const { http, pool } = client();
    let requests = 0;
    pool
      .intercept({ path: (p) => p.startsWith("/providers"), method: "GET" })
      .reply(200, () => {
        requests++;
        return { aiGatewayProviders: [], uri: "/providers", nextPageUri: `/providers?beforeId=${TOKEN}` };
      })
      .persist();
    const err = await failure(createNgrok(http).bindings!.list());
    expect(requests).toBe(2);
    expect(err.exitCode).toBe(6);
    expect(err.message).toMatch(/the same nextPageUri twice \(after page 2\)/);
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain("beforeId");
  });

  it("provider keys and access key configurations page within the same bound", async () => {
    for (const [path, field, list] of [
      ["/provider-keys", "aiGatewayProviderKeys", (h: Http) => createNgrok(h).providerKeys!.list()],
      ["/access-key-configurations", "aiGatewayAccessKeyConfigurations", (h: Http) => ngrokConfigurations(h).list()],
    ] as const) {
      const { http, pool } = client();
      let requests = 0;
      pool
        .intercept({ path: (p) => p.startsWith(path), method: "GET" })
        .reply(200, () => {
          requests++;
          return { [field]: [], uri: path, nextPageUri: `${path}?beforeId=${TOKEN}-${requests}` };
        })
        .persist();
      const err = await failure(list(http));
      expect(requests).toBe(MAX_PAGES);
      expect(err.exitCode).toBe(6);
      expect(err.message).not.toContain(TOKEN);
    }
  });
});

describe("Bifrost: paging is bounded", () => {
  const reads = { call: (_what: string, fn: () => Promise<unknown>) => fn(), generation: async () => "2" } as unknown as Reads;

  it("a server that hands out full pages of new keys forever stops after MAX_PAGES requests (exit 6)", async () => {
    const { http, pool } = client();
    let requests = 0;
    pool
      .intercept({ path: (p) => p.startsWith("/api/governance/virtual-keys"), method: "GET" })
      .reply(200, () => {
        requests++;
        const page = Array.from({ length: 100 }, (_, i) => ({ id: `vk-${requests}-${i}`, name: "k", value: "sk-bf-0000", is_active: true, provider_configs: [] }));
        return { virtual_keys: page, count: page.length };
      })
      .persist();
    const err = await failure(bifrostVirtualKeys(http, reads).listVirtualKeys());
    expect(requests).toBe(MAX_PAGES);
    expect(err.exitCode).toBe(6);
    expect(err.message).toMatch(/^list virtual keys: unexpected response from the control plane \(the server kept returning/);
  });
});
