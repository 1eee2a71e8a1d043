import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BackendFactory, Reply, SandboxBackendInstance } from "./backend.js";
import { delay, shouldFail, TokenBucket } from "./faults.js";
import { generateProjectKey } from "./ids.js";
import { readStateFile, STATE_FILE_VERSION, writeStateFile } from "./persist.js";
import { Router } from "./router.js";

export interface SandboxOptions {
  /** The emulated control plane's name (state files record it). */
  backend: string;
  /** Its emulator (src/sandbox/<name>/): the caller picks it, so this server knows no list of backends. */
  emulator: BackendFactory;
  host?: string;
  port?: number;
  apiKey?: string;
  seed?: "demo" | "empty" | number;
  stateFile?: string;
  langwatchEra?: "a" | "b";
  bifrostVersion?: "1.4" | "1.5" | "2";
  bifrostAuth?: "none" | "basic" | "bearer";
  transitionMs?: number;
  latencyMs?: number;
  failRate?: number;
  rateLimit?: number;
  log?: (line: string) => void;
  random?: () => number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  apiKey: string;
  generatedKey: boolean;
  projectId: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A state file gw cannot load: the user's input, said as such (gw sandbox: exit 2), not a crash. */
export class StateFileError extends Error {}

/** Loading from a state file: whatever the file makes fail (bad JSON, another backend, a damaged state) is its fault. */
function withStateFile<T>(file: string | undefined, load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (file === undefined) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new StateFileError(message.includes(file) ? message : `${message} (${file})`);
  }
}

export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const failRate = opts.failRate ?? 0;
  if (!(failRate >= 0 && failRate <= 1)) throw new Error(`failRate must be between 0 and 1, got ${failRate}`);
  const generatedKey = opts.apiKey === undefined;
  const apiKey = opts.apiKey ?? (opts.emulator.newApiKey ?? generateProjectKey)();
  if (apiKey === "") throw new Error("apiKey must not be empty");

  const backend = withStateFile(opts.stateFile, () => {
    const saved = opts.stateFile === undefined ? undefined : readStateFile(opts.stateFile);
    if (saved && saved.backend !== opts.backend) {
      throw new Error(`state file ${opts.stateFile} holds a "${saved.backend}" sandbox, not "${opts.backend}"; use another --state file`);
    }
    return opts.emulator({
      apiKey,
      seed: opts.seed ?? "demo",
      langwatchEra: opts.langwatchEra ?? "a",
      bifrostVersion: opts.bifrostVersion ?? "1.5",
      bifrostAuth: opts.bifrostAuth ?? "bearer",
      transitionMs: opts.transitionMs ?? 300,
      ...(saved ? { saved: { header: saved.header, state: saved.state } } : {}),
    });
  });
  const persist = opts.stateFile === undefined ? undefined : persister(opts.stateFile, opts.backend, backend);
  persist?.();

  const router = new Router(backend.routes);
  const limiter = opts.rateLimit === undefined ? undefined : new TokenBucket(opts.rateLimit);
  const random = opts.random ?? Math.random;
  const latencyMs = opts.latencyMs ?? 0;

  // Faults are decided on arrival; the latency then delays every answer, injected faults included.
  const answer = async (req: IncomingMessage, raw: Buffer, url: URL): Promise<Reply> => {
    const wait = limiter?.take();
    const fault: Reply | undefined =
      wait !== undefined
        ? withHeader(backend.errors.rateLimited(wait), "Retry-After", String(wait))
        : shouldFail(failRate, random)
          ? backend.errors.unavailable()
          : undefined;
    if (latencyMs > 0) await delay(latencyMs);
    return fault ?? dispatch(backend, router, req, raw, url, persist, opts.log);
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    readBody(req)
      .then((raw) => answer(req, raw, url))
      .catch((err: unknown) => backend.errors.internal(err))
      .then((reply) => {
        send(res, reply);
        if (opts.log) {
          const ms = Math.round(performance.now() - started);
          const line = `${req.method ?? "?"} ${url.pathname}${url.search} ${reply.status} ${ms}ms`;
          // Never echo the key, even if a client put it in the URL.
          opts.log(line.split(apiKey).join("[redacted]"));
        }
      })
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === "IPv6" ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    apiKey,
    generatedKey,
    projectId: backend.projectId,
    // Idempotent, so a caller's cleanup can close a sandbox a test already closed.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}

function dispatch(
  backend: SandboxBackendInstance,
  router: Router,
  req: IncomingMessage,
  raw: Buffer,
  url: URL,
  persist: (() => void) | undefined,
  log: ((line: string) => void) | undefined,
): Reply {
  const method = req.method ?? "GET";
  const match = router.match(method, url.pathname);
  // Auth runs before routing, as the vendor's middleware does: an unauthenticated probe learns nothing.
  if (!match?.route.public) {
    const denied = backend.authenticate(req.headers);
    if (denied) return denied;
  }
  if (!match) return backend.errors.routeNotFound(method, url.pathname);
  const { route, params } = match;
  let body: unknown;
  if (route.body === "json" || route.body === "optional") {
    const text = raw.toString("utf8");
    if (text.trim() === "") {
      if (route.body === "json") return backend.errors.malformedJson();
    } else {
      try {
        body = JSON.parse(text);
      } catch {
        return backend.errors.malformedJson();
      }
    }
  }
  if (backend.contract && !route.public) {
    const problems = backend.contract.check({ method, routePath: route.path, params, query: url.searchParams, body });
    if (problems) {
      log?.(`contract: ${method} ${url.pathname}: ${problems.join("; ")}`);
      if (backend.errors.invalidRequest) return backend.errors.invalidRequest(problems);
    }
  }
  const reply = route.handle({ method, path: url.pathname, params, query: url.searchParams, headers: req.headers, body });
  if (route.mutates && reply.status < 400) persist?.();
  return reply;
}

function persister(path: string, name: string, backend: SandboxBackendInstance): () => void {
  return () =>
    writeStateFile(path, { backend: name, version: STATE_FILE_VERSION, header: backend.stateHeader(), state: backend.snapshot() });
}

const withHeader = (r: Reply, name: string, value: string): Reply => ({ ...r, headers: { ...r.headers, [name]: value } });

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.status === 204 || reply.status === 304) {
    res.writeHead(reply.status, reply.headers ?? {});
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body ?? null);
  res.writeHead(reply.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}
