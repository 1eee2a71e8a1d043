import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";

/** A control plane behind a private CA (test/fixtures/tls): trusted only with --ca-file / GW_CA_FILE. */
const TLS = join(ROOT, "test", "fixtures", "tls");
const CA = join(TLS, "ca.pem");
const KEY = "sk-lw-tls-test-0123456789abcdef";

let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  server = createServer({ key: readFileSync(join(TLS, "server.key")), cert: readFileSync(join(TLS, "server.pem")) }, (req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const gw = (args: string[], env: Record<string, string> = {}) =>
  runGw(args, { configDir: tempConfigDir(), env: { GW_BACKEND: "langwatch", GW_BASE_URL: url, GW_API_KEY: KEY, ...env } });

describe("TLS", () => {
  it("refuses a certificate from an unknown CA, once, with a hint (exit 6)", async () => {
    const before = requests;
    const r = await gw(["providers", "list", "-o", "json"]);
    expect(r.exitCode).toBe(6);
    expect(r.stderr.trim()).toMatch(/^error: list bindings: the TLS certificate of 127\.0\.0\.1:\d+ is not trusted \([A-Z_]+\); for a private CA pass --ca-file <pem> \(or GW_CA_FILE\)$/);
    expect(r.stderr).not.toMatch(/retrying/);
    expect(requests).toBe(before);
  });

  it("trusts the private CA given with --ca-file or GW_CA_FILE", async () => {
    const flag = await gw(["--ca-file", CA, "providers", "list", "-o", "json"]);
    expect(flag.exitCode, flag.stderr).toBe(0);
    expect(JSON.parse(flag.stdout)).toEqual([]);
    const env = await gw(["providers", "list", "-o", "json"], { GW_CA_FILE: CA });
    expect(env.exitCode, env.stderr).toBe(0);
  });

  it("keeps verification on even when NODE_TLS_REJECT_UNAUTHORIZED=0 is set", async () => {
    const r = await gw(["providers", "list"], { NODE_TLS_REJECT_UNAUTHORIZED: "0" });
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toMatch(/is not trusted/);
  });

  it("reports a missing or non-PEM CA file as a usage error (exit 2)", async () => {
    const missing = await gw(["--ca-file", "/nonexistent/ca.pem", "providers", "list"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim()).toBe("error: --ca-file /nonexistent/ca.pem: no such file");
    const notPem = await gw(["--ca-file", join(TLS, "README.md"), "providers", "list"]);
    expect(notPem.exitCode).toBe(2);
    expect(notPem.stderr).toMatch(/not a PEM certificate file/);
  });
});
