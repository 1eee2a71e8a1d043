import { afterEach, describe, expect, it } from "vitest";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server.js";
import { runGw, tempConfigDir, type GwRun } from "../helpers/run-gw.js";

/**
 * The fault suite: the built gw against small servers that fail in one specific way each. Every case
 * must end with the documented exit code and exactly one `error:` line on stderr (no stack trace), retry
 * only where that is safe, and say so when a write's outcome is unknown.
 */
const KEY = "sk-lw-faultsuite-0123456789abcdef";
const BINDINGS = "/api/gateway/v1/providers";
const binding = (i: number) => ({
  id: `bnd_${String(i).padStart(6, "0")}`, model_provider_id: `mp_${i}`, model_provider_name: "openai", slot: `s${i}`,
  rate_limit_rpm: i, rate_limit_tpm: null, rate_limit_rpd: null, rotation_policy: "manual", fallback_priority_global: null,
  health_status: "healthy", disabled_at: null, created_at: "2026-01-01T00:00:00.000Z",
});

let servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(handle: Parameters<typeof startFaultServer>[0]): Promise<FaultServer> {
  const s = await startFaultServer(handle);
  servers.push(s);
  return s;
}

const gw = (server: FaultServer, args: string[]) =>
  runGw(args, { configDir: tempConfigDir(), env: { GW_BACKEND: "langwatch", GW_BASE_URL: server.url, GW_API_KEY: KEY } });

/** Exactly one error line, no stack trace, the key nowhere. */
function expectOneLineError(r: GwRun, pattern: RegExp): void {
  const errors = r.stderr.split("\n").filter((l) => l.startsWith("error: "));
  expect(errors, r.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout + r.stderr).not.toContain(KEY);
}

describe("fault suite: purpose-built servers", () => {
  it("500 on a read: not retried (not a transient status), exit 6", async () => {
    const s = await serve((_req, res) => json(res, 500, { error: "Internal server error", message: "db down" }));
    const r = await gw(s, ["providers", "list"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: list bindings: HTTP 500 Internal Server Error: Internal server error: db down$/);
    expect(s.requests).toHaveLength(1);
  });

  it("503 with Retry-After: waits as told, then succeeds", async () => {
    const s = await serve((_req, res, n) =>
      n === 1 ? json(res, 503, { error: "Service Unavailable" }, { "retry-after": "1" }) : json(res, 200, { data: [binding(1)] }),
    );
    const r = await gw(s, ["providers", "list", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/HTTP 503; retrying in 1\.0s \(attempt 2\/4\)/);
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it("connection reset: a read is retried, then exit 6", async () => {
    const s = await serve((req) => req.socket.destroy());
    const r = await gw(s, ["providers", "list", "--retries", "2"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: list bindings: cannot reach 127\.0\.0\.1:\d+ .*\(3 attempts\)$/);
    expect(s.requests).toHaveLength(3);
  });

  it("connection reset on a write: sent once, and gw says the outcome is unknown", async () => {
    const s = await serve((req) => req.socket.destroy());
    const r = await gw(s, ["providers", "update", "bnd_1", "--rpm", "600"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: update binding bnd_1: cannot reach .*may or may not have been applied/);
    expect(s.requests.map((q) => q.method)).toEqual(["PATCH"]);
  });

  it("a server that never answers: --timeout, exit 6", async () => {
    const s = await serve(() => undefined);
    const started = Date.now();
    const r = await gw(s, ["providers", "list", "--timeout", "1", "--retries", "0"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: list bindings: timed out after 1s$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a slow body (headers at once, then a trickle): the timeout covers the body too", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data": [');
      const timer = setInterval(() => res.write(" "), 200);
      res.on("close", () => clearInterval(timer));
    });
    const r = await gw(s, ["providers", "list", "--timeout", "1", "--retries", "0"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /timed out after 1s/);
  });

  it("malformed JSON in a 200: exit 6, the body is not guessed at", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data": [ {"id": "x", ');
    });
    const r = await gw(s, ["providers", "list"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: list bindings: unreadable response: expected JSON/);
  });

  it("a 200 whose JSON is not the documented shape: exit 6, one line", async () => {
    const s = await serve((_req, res) => json(res, 200, { items: "nope" }));
    const r = await gw(s, ["providers", "list"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /unexpected response from the control plane/);
  });

  it("an HTML error page from a proxy: its title in one line, exit 6 after the retries", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center>\n<hr>nginx</body></html>");
    });
    const r = await gw(s, ["providers", "list", "--retries", "1"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: list bindings: HTTP 502 Bad Gateway \(2 attempts\): 502 Bad Gateway$/);
  });

  it("a 10 MB body is read in full; one past the 32 MiB cap is refused (exit 6)", async () => {
    const many = Array.from({ length: 35_000 }, (_, i) => binding(i));
    const big = JSON.stringify({ data: many });
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(big);
    });
    const r = await gw(s, ["providers", "list", "-o", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(35_000);

    const huge = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const push = () => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent >= 40) res.end();
        else res.once("drain", () => { sent++; push(); });
      };
      push();
    });
    const r2 = await gw(huge, ["providers", "list", "--retries", "0"]);
    expect(r2.exitCode).toBe(6);
    expectOneLineError(r2, /response body larger than 32 MiB/);
  });

  it("a redirect to another host is not followed: the key never reaches it", async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, { data: [] }));
    const s = await serve((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}${BINDINGS}` });
      res.end();
    });
    const r = await gw(s, ["providers", "list"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /redirected to http:\/\/127\.0\.0\.1:\d+.*does not follow redirects/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a write that succeeded but whose read-back fails says exactly that", async () => {
    const s = await serve((req, res) =>
      req.method === "PATCH" ? json(res, 200, { provider_credential: { id: "bnd_1" } }) : json(res, 500, { error: "Internal server error" }),
    );
    const r = await gw(s, ["providers", "update", "bnd_1", "--rpm", "600"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: binding bnd_1 was updated, but reading it back failed: /);
  });

  it("a server that quotes the key back where gw repeats server text (an id): masked in the error line", async () => {
    const s = await serve((req, res) =>
      req.method === "POST" ? json(res, 200, { provider_credential: { id: KEY } }) : json(res, 500, { error: "Internal server error" }),
    );
    const r = await gw(s, ["providers", "bind", "--provider", "mp_1"]);
    expect(r.exitCode).toBe(6);
    expectOneLineError(r, /^error: binding sk-l\*\*\*\*cdef was created, but reading it back failed/);
  });
});
