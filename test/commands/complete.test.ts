import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import type { Backend } from "../../src/backends/backend.js";
import { cacheFile, CACHE_TTL_MS, readCache, writeCache } from "../../src/completion/cache.js";
import { formatCandidates, profileCandidates, recordCandidates } from "../../src/completion/candidates.js";
import { parseCompleteArgs, runComplete } from "../../src/completion/complete.js";
import { NotFoundError } from "../../src/errors.js";
import type { ConfigData } from "../../src/profiles/types.js";
import { coreweaveGateway, fakeBackend, langwatchBinding, virtualKey } from "../helpers/fake-backend.js";

const config: ConfigData = {
  current: "prod",
  profiles: {
    prod: { backend: "langwatch", baseUrl: "https://user:pw@lw.example.com", apiKey: "sk-lw-prod-secret-0123456789" },
    staging: { backend: "bifrost", baseUrl: "http://bifrost.internal:8080" },
  },
};

const keys = [
  virtualKey({ id: "vk_1", name: "checkout" }),
  virtualKey({ id: "vk_2", name: "search", status: "disabled" }),
  virtualKey({ id: "vk_3", name: "dup" }),
  virtualKey({ id: "vk_4", name: "dup" }),
];

function lwBackend(): ReturnType<typeof fakeBackend> {
  return fakeBackend(langwatch, {
    virtualKeys: { list: async () => keys },
    bindings: {
      list: async () => [
        langwatchBinding({ id: "b1", provider: "openai", slot: "primary", providerId: "mp_1" }),
        langwatchBinding({ id: "b2", provider: "openai", slot: "batch", providerId: "mp_1", status: "disabled" }),
      ],
    },
  });
}

/** runComplete with a fake backend and a cache dir of its own; what it printed. */
function completer(opts: { backend?: () => Promise<Backend>; now?: () => number } = {}) {
  const cache = mkdtempSync(join(tmpdir(), "gw-complete-"));
  const env = { XDG_CACHE_HOME: cache };
  let connects = 0;
  const backend = opts.backend ?? (async () => lwBackend());
  return {
    env,
    cache,
    connects: () => connects,
    async run(...argv: string[]): Promise<string> {
      let out = "";
      await runComplete(argv, {
        env,
        stdout: { write: (s: string) => (out += s) },
        config: () => config,
        ...(opts.now ? { now: opts.now } : {}),
        backend: () => (connects++, backend()),
      });
      return out;
    },
  };
}

describe("gw __complete: candidates", () => {
  it("profile names come from the config, with their backend and the current one marked, never a URL or key", () => {
    const out = formatCandidates(profileCandidates(config));
    expect(out).toBe("prod\tlangwatch, current\nstaging\tbifrost\n");
    expect(out).not.toMatch(/pw|secret|example/);
  });

  it("virtual keys: every id described by its name (and status), then each name that names exactly one key", async () => {
    const backend = lwBackend();
    expect(await recordCandidates(backend, "vk")).toEqual([
      { value: "vk_1", description: "checkout" },
      { value: "vk_2", description: "search, disabled" },
      { value: "vk_3", description: "dup" },
      { value: "vk_4", description: "dup" },
      { value: "checkout", description: "vk_1" },
      { value: "search", description: "vk_2" },
    ]);
    expect(backend.methods()).toEqual(["virtualKeys.list"]); // one list call, no get
  });

  it("bindings by id and by every unique name; chain hops by id only", async () => {
    expect((await recordCandidates(lwBackend(), "bindings")).map((c) => c.value)).toEqual(["b1", "b2", "openai/primary", "openai/batch"]);
    expect(await recordCandidates(lwBackend(), "hops")).toEqual([
      { value: "b1", description: "openai/primary" },
      { value: "b2", description: "openai/batch, disabled" },
    ]);
  });

  it("providers (providers keys): each binding's provider, the name the keys APIs take, described by the binding's name", async () => {
    const ng = fakeBackend(ngrok, {
      bindings: {
        list: async () => [
          langwatchBinding({ id: "aigp_1", backend: "ngrok", provider: "my-ollama", providerId: "my-ollama", name: "My Ollama", slot: null }),
          langwatchBinding({ id: "aigp_2", backend: "ngrok", provider: "vllm", providerId: "vllm", name: "vllm", slot: null }),
        ],
      },
    });
    expect(await recordCandidates(ng, "providers")).toEqual([{ value: "my-ollama", description: "My Ollama" }, { value: "vllm" }]);
    expect(ng.methods()).toEqual(["bindings.list"]);
  });

  it("gateways from the gateways part; a backend without the part offers nothing, without a request", async () => {
    const cw = fakeBackend(coreweave, { gateways: { list: async () => [coreweaveGateway({ id: "gw-1", name: "chat", status: "ready" })] } });
    expect(await recordCandidates(cw, "gateways")).toEqual([
      { value: "gw-1", description: "chat" },
      { value: "chat", description: "gw-1" },
    ]);
    const none = fakeBackend(langwatch, {});
    expect(await recordCandidates(none, "gateways")).toEqual([]);
    expect(none.methods()).toEqual([]);
  });

  it("filters by prefix and leaves out what would break a prompt (control characters, empty values)", () => {
    const out = formatCandidates(
      [{ value: "ok-1", description: "a\ttab\nand newline" }, { value: "bad\nvalue" }, { value: "" }, { value: "other" }, { value: "ok-1" }, { value: "ok 2" }],
      "ok",
    );
    expect(out).toBe("ok-1\ta tab and newline\nok 2\n");
  });

  it("parses kind, prefix and --profile in either form; anything else is no request", () => {
    expect(parseCompleteArgs(["vk", "ch", "--profile", "prod"])).toEqual({ kind: "vk", prefix: "ch", profile: "prod" });
    expect(parseCompleteArgs(["vk", "--profile=prod"])).toEqual({ kind: "vk", prefix: "", profile: "prod" });
    expect(parseCompleteArgs(["profiles"])).toEqual({ kind: "profiles", prefix: "" });
    expect(parseCompleteArgs(["secrets"])).toBeUndefined();
    expect(parseCompleteArgs([])).toBeUndefined();
  });
});

describe("gw __complete: running", () => {
  it("prints the current profile's virtual keys that start with the prefix", async () => {
    const c = completer();
    expect(await c.run("vk", "c")).toBe("checkout\tvk_1\n");
  });

  it("profile names need no backend", async () => {
    const c = completer({ backend: () => Promise.reject(new Error("no network for profile names")) });
    expect(await c.run("profiles", "st")).toBe("staging\tbifrost\n");
    expect(c.connects()).toBe(0);
  });

  it("caches the list per profile and kind for a minute (0600), then asks again", async () => {
    let now = 1_000_000;
    const c = completer({ now: () => now });
    expect(await c.run("vk")).toContain("checkout");
    expect(await c.run("vk", "s")).toBe("search\tvk_2\n");
    expect(c.connects()).toBe(1);
    const [file, ...others] = readdirSync(join(c.cache, "gw"));
    expect(others).toEqual([]);
    expect(statSync(join(c.cache, "gw", file!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(c.cache, "gw")).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(c.cache, "gw", file!), "utf8")).not.toContain("sk-lw"); // ids and names only

    await c.run("bindings"); // another kind: its own entry
    await c.run("vk", "", "--profile", "staging"); // another profile: its own entry
    expect(c.connects()).toBe(3);
    expect(readdirSync(join(c.cache, "gw"))).toHaveLength(3);

    now += CACHE_TTL_MS;
    await c.run("vk");
    expect(c.connects()).toBe(4);
  });

  it("any failure prints nothing and does not throw: a server error, no profile, an unknown kind, an unreadable cache", async () => {
    const failing = completer({ backend: () => Promise.reject(new NotFoundError("gone")) });
    expect(await failing.run("vk")).toBe("");
    expect(await failing.run("vk", "", "--profile", "nope")).toBe("");
    expect(await failing.run("whatever")).toBe("");
    const listFails = completer({ backend: async () => fakeBackend(langwatch, { virtualKeys: { list: () => Promise.reject(new Error("ECONNREFUSED")) } }) });
    expect(await listFails.run("vk")).toBe("");
    expect(readdirSync(listFails.cache)).toEqual([]); // a failure is not cached
    const file = cacheFile(listFails.env, { name: "prod", backend: "langwatch", baseUrl: "https://user:pw@lw.example.com" }, "vk");
    writeCache(file, [], 0);
    writeFileSync(file, "{not json");
    expect(await listFails.run("vk")).toBe("");
  });

  it("a slow server offers nothing once the deadline passes", async () => {
    const c = completer({ backend: async () => fakeBackend(langwatch, { virtualKeys: { list: () => new Promise<never>(() => undefined) } }) });
    const started = Date.now();
    expect(await c.run("vk")).toBe("");
    expect(Date.now() - started).toBeLessThan(4000);
  }, 10_000);

  it("a cache entry from the future (a clock set back) or malformed is not used", () => {
    const dir = mkdtempSync(join(tmpdir(), "gw-complete-"));
    const file = join(dir, "gw", "x.json");
    writeCache(file, [{ value: "a" }], 5000);
    expect(readCache(file, 5001)).toEqual([{ value: "a" }]);
    expect(readCache(file, 4000)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ savedAt: 5000, candidates: "nope" }));
    expect(readCache(file, 5001)).toBeUndefined();
  });
});
