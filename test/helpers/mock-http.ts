import { MockAgent } from "undici";
import { afterEach } from "vitest";
import { createHttpClient, type HttpClientOptions } from "../../src/http/client.js";

/**
 * gw's real HTTP client against undici's MockAgent, for unit tests of one module (the only place HTTP is
 * mocked). Call at module level: it closes the agents a test made after the test. `connect()` gives a fresh
 * client (no retries, 1 s timeout, no real connection) and the mock pool of `baseUrl` to intercept on.
 */
export function mockHttp(baseUrl: string, options: Partial<HttpClientOptions> = {}) {
  const agents: MockAgent[] = [];
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.close()));
  });
  return {
    connect() {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agents.push(agent);
      const http = createHttpClient({ baseUrl, headers: {}, secrets: [], userAgent: "gw/test", timeoutMs: 1000, retries: 0, ...options, dispatcher: agent });
      return { http, pool: agent.get(baseUrl) };
    },
  };
}
