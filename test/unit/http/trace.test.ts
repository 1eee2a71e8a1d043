import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { createHttpClient } from "../../../src/http/client.js";
import { isSecretField, maskSecretFields, traceFailure, traceRequest, traceResponse } from "../../../src/http/trace.js";

/**
 * The --debug trace (issue 6): secrets gw knows are masked wherever they appear, and so are the values of
 * fields named as secrets, which covers what a server echoes that gw could not know (a W&B key on GET, a
 * Bifrost key `value`). Ordinary fields are left alone, and a server cannot drive the terminal through it.
 */
const KEY = "sk-profile-key-0123456789abcdef";
const WANDB = "wandb-echoed-by-the-server-0123456789";

function traced(fn: (trace: (line: string) => void) => void): string {
  const lines: string[] = [];
  fn((line) => lines.push(line));
  return lines.join("\n");
}

const response = (body: unknown, secrets: string[] = [KEY]) =>
  traced((t) => traceResponse(t, secrets, 200, 12, typeof body === "string" ? body : JSON.stringify(body)));

describe("trace: secret fields in JSON bodies", () => {
  it("masks a W&B key a CoreWeave server echoes on GET, though gw never had it", () => {
    const out = response({ gateway: { spec: { id: "g1", weightsAndBiasesAuth: { apiKey: WANDB, serverUrl: "https://api.wandb.ai" } } } });
    expect(out).not.toContain(WANDB);
    expect(out).toContain('"apiKey":"wand****6789"');
    expect(out).toContain('"serverUrl":"https://api.wandb.ai"');
  });

  it("masks Bifrost provider key values, plain or as an EnvVar, and a virtual key's value; names and ids stay", () => {
    const out = response({
      keys: [
        { id: "k1", name: "openai-main", value: "sk-proj-upstreamOpenAiKey000001", weight: 1 },
        { id: "k2", name: "from-env", value: { value: "sk-proj-upstreamOpenAiKey000002", env_var: "", from_env: false } },
      ],
      virtual_key: { id: "vk1", name: "prod", value: "sk-bf-6b8bdff4-8268-4e01-b4f7-4d7bf490b1e7" },
    });
    for (const secret of ["sk-proj-upstreamOpenAiKey000001", "sk-proj-upstreamOpenAiKey000002", "sk-bf-6b8bdff4-8268-4e01-b4f7-4d7bf490b1e7"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"value":"sk-p****0001"');
    expect(out).toContain('"name":"openai-main"');
    expect(out).toContain('"id":"vk1"');
    expect(out).toContain('"env_var":""');
  });

  it("masks a LangWatch virtual key's secret in the create answer, and proxy passwords", () => {
    const out = response({ virtual_key: { id: "vk_1", display_prefix: "lw_vk_live_01KQ" }, secret: "lw_vk_live_01KQHDG0123456789abcdefXYZ" });
    expect(out).not.toContain("lw_vk_live_01KQHDG0123456789abcdefXYZ");
    expect(out).toContain('"display_prefix":"lw_vk_live_01KQ"');
    expect(response({ proxy_config: { type: "http", username: "u", password: "sandbox-proxy-password" } })).not.toContain("sandbox-proxy-password");
  });

  it("leaves a body without secret fields byte for byte as the server sent it", () => {
    const body = JSON.stringify(
      {
        rate_limit: { token_max_limit: 1000, token_reset_duration: "1m" },
        max_tokens: 5,
        nextPageToken: "page-2-cursor-abcdef",
        secret_name: "k8s-secret",
        provider_credential_ids: ["b1", "b2"],
        provider_credential: { id: "b1" },
        big: 12345678901234567890,
      },
      null,
      2,
    );
    expect(response(body)).toBe(`< 200 (12 ms)\n${body}`);
  });

  it("keeps empty secrets empty, so 'no key' still reads as such", () => {
    expect(maskSecretFields('{"apiKey":"","token":null}')).toBe('{"apiKey":"","token":null}');
  });

  it("masks secret fields in request bodies too, without the value being among the known secrets", () => {
    const out = traced((t) =>
      traceRequest(t, [], "POST", "https://api.example/v1/gateways", {}, JSON.stringify({ name: "g", weightsAndBiasesAuth: { apiKey: WANDB } })),
    );
    expect(out).not.toContain(WANDB);
    expect(out).toContain('"name":"g"');
  });

  it("names secret fields by a documented rule", () => {
    for (const name of ["apiKey", "api_key", "OPENAI_API_KEY", "x-api-key", "secret", "client_secret", "secret_key", "private_key", "password", "admin_password", "token", "session_token", "access_key", "auth_credentials", "Authorization", "cookie"]) {
      expect(isSecretField(name), name).toBe(true);
    }
    for (const name of ["value", "name", "key_id", "keys", "token_max_limit", "max_tokens", "tokens", "nextPageToken", "page_token", "secret_name", "provider_credential", "provider_credential_ids", "description"]) {
      expect(isSecretField(name), name).toBe(false);
    }
  });
});

describe("trace: known secrets and terminal safety", () => {
  it("masks the profile key wherever the server echoes it, JSON or not", () => {
    expect(response({ message: `invalid token ${KEY}` })).toContain("sk-p****cdef");
    expect(response(`<html><title>bad key ${KEY}</title></html>`)).not.toContain(KEY);
    expect(traced((t) => traceFailure(t, [KEY], `cannot reach ${KEY}.example`, 3))).not.toContain(KEY);
  });

  it("masks before cutting a long body, so a key at the cut leaves no more than its masked form", () => {
    const out = response(`${"x".repeat(4088)}${KEY}`);
    expect(out).not.toContain(KEY.slice(0, 8));
    expect(out).toContain("... (4100 bytes)");
  });

  it("strips terminal control characters a server sent, keeping newlines", () => {
    const out = response("\u001b]0;pwned\u0007\u001b[2Jline one\nline two\u009b31m");
    expect(out).not.toMatch(/[\u001b\u0007\u0080-\u009f]/);
    expect(out).toContain("line one\nline two");
    expect(response({ name: "\u009b2Jx" })).toContain('"name":"2Jx"');
  });

  it("works through the HTTP client: --debug shows the echoed W&B key masked", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("https://api.example")
      .intercept({ path: "/v1/gateways/g1", method: "GET" })
      .reply(200, { gateway: { spec: { id: "g1", weightsAndBiasesAuth: { apiKey: WANDB } } } });
    const lines: string[] = [];
    const http = createHttpClient({
      baseUrl: "https://api.example",
      headers: { Authorization: `Bearer ${KEY}` },
      secrets: [KEY],
      userAgent: "gw/test",
      timeoutMs: 1000,
      retries: 0,
      dispatcher: agent,
      trace: (line) => lines.push(line),
    });
    const res = await http.request<{ gateway: { spec: { weightsAndBiasesAuth: { apiKey: string } } } }>("GET", "/v1/gateways/g1");
    await agent.close();
    expect(res.body.gateway.spec.weightsAndBiasesAuth.apiKey).toBe(WANDB); // the adapter still gets the body as sent
    const trace = lines.join("\n");
    expect(trace).not.toContain(WANDB);
    expect(trace).not.toContain(KEY);
    expect(trace).toContain("> Authorization: Bear****cdef");
    expect(trace).toContain('"apiKey":"wand****6789"');
  });
});
