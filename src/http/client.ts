import { setTimeout as sleepFor } from "node:timers/promises";
import { tlsDispatcher } from "./tls.js";
import { request as undiciRequest, type Dispatcher } from "./undici-core.js";
import { oneLine, redactJson, redactSecrets } from "../redact.js";
import { UsageError } from "../errors.js";
import { ApiError } from "./api-error.js";
import { DEFAULT_POLICY, retryDelay, type Outcome } from "./retry.js";
import { traceFailure, traceRequest, traceResponse } from "./trace.js";
import { assertSafeTransport } from "./transport-guard.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpClientOptions {
  baseUrl: string;
  /** Auth headers chosen by the backend, e.g. {"X-Auth-Token": key}. */
  headers?: Record<string, string>;
  /** Values that must never appear in a trace or an error (the API key). */
  secrets?: string[];
  userAgent: string;
  /** Per attempt: headers and body. */
  timeoutMs: number;
  /** Retries after the first attempt, where retrying is safe. */
  retries: number;
  maxBodyBytes?: number;
  dispatcher?: Dispatcher;
  trace?: (line: string) => void;
  onRetry?: (info: { attempt: number; maxAttempts: number; delayMs: number; reason: string }) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  url: string;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Return a 2xx body that is not JSON as text instead of failing (gw api). */
  allowText?: boolean;
  /**
   * Under --dry-run, a write is printed and the command stops, unless the adapter gives the body it
   * expects back here: then the dry run goes on to print the writes that follow (multi-request updates).
   */
  dryRunReply?: unknown;
  /** Secrets this request carries besides the profile's key (a W&B key in a body): masked in traces and dry runs. */
  secrets?: string[];
}

export interface HttpClient {
  readonly baseUrl: string;
  request<T = unknown>(method: Method, path: string, opts?: RequestOptions): Promise<HttpResponse<T>>;
}

const DEFAULT_MAX_BODY = 32 * 1024 * 1024;

/** One client for every backend: JSON in/out, auth, User-Agent, timeouts, retries, redacted traces. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const headers = options.headers ?? {};
  assertSafeTransport(options.baseUrl, Object.keys(headers).length > 0);
  const profileSecrets = (options.secrets ?? []).filter(Boolean);
  const sleep = options.sleep ?? ((ms: number) => sleepFor(ms).then(() => undefined));
  const base = options.baseUrl.replace(/\/+$/, "");
  const dispatcher = options.dispatcher ?? tlsDispatcher(undefined);

  async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<HttpResponse<T>> {
    refusePathTricks(path);
    const url = buildUrl(base, path, opts.query);
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const sent: Record<string, string> = {
      accept: "application/json",
      "user-agent": options.userAgent,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
      ...opts.headers,
    };
    const maxAttempts = options.retries + 1;
    const secrets = opts.secrets?.length ? [...profileSecrets, ...opts.secrets.filter(Boolean)] : profileSecrets;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await attemptOnce(method, url, sent, body, Boolean(opts.allowText), secrets)) as HttpResponse<T>;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        // A retried DELETE that finds nothing: the first attempt deleted it and its answer was lost.
        if (method === "DELETE" && attempt > 1 && err.status === 404) return { status: 404, headers: err.headers, body: undefined as T, url };
        err.attempts = attempt;
        const delay = retryDelay(method, outcomeOf(err), attempt, { ...DEFAULT_POLICY, retries: options.retries }, options.random);
        if (delay === null) throw err;
        options.onRetry?.({ attempt: attempt + 1, maxAttempts, delayMs: delay, reason: `${method} ${pathOf(url)}: ${shortReason(err)}` });
        await sleep(delay);
      }
    }
  }

  async function attemptOnce(
    method: Method,
    url: string,
    sent: Record<string, string>,
    body: string | undefined,
    allowText: boolean,
    secrets: readonly string[],
  ): Promise<HttpResponse> {
    if (options.trace) traceRequest(options.trace, secrets, method, url, sent, body);
    // process.hrtime rather than performance.now(): the latter loads node:perf_hooks on every command.
    const started = process.hrtime.bigint();
    const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    try {
      const res = await undiciRequest(url, {
        method,
        headers: sent,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal,
        dispatcher,
      });
      const text = await readBody(res.body, options.maxBodyBytes ?? DEFAULT_MAX_BODY, method, url);
      const resHeaders = flatHeaders(res.headers);
      if (options.trace) traceResponse(options.trace, secrets, res.statusCode, elapsedMs(), text);
      return interpret(method, url, res.statusCode, resHeaders, text, allowText, secrets);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (!timedOut && !isTransportError(err)) throw err; // a bug, not the network: keep its stack for --debug
      const failure = timedOut
        ? new ApiError({ message: `timed out after ${options.timeoutMs / 1000}s`, category: "timeout", retryable: true, method, url, cause: err })
        : networkError(err, method, url);
      if (options.trace) traceFailure(options.trace, secrets, failure.message, elapsedMs());
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  function interpret(
    method: Method,
    url: string,
    status: number,
    resHeaders: Record<string, string>,
    text: string,
    allowText: boolean,
    secrets: readonly string[],
  ): HttpResponse {
    const contentType = resHeaders["content-type"] ?? "";
    if (status === 304) {
      // Not a redirect: gw sends no conditional request, so the server answered something it was not asked.
      throw new ApiError({ message: "HTTP 304 Not Modified, to a request that was not conditional", status, category: "invalid-response", method, url, headers: resHeaders });
    }
    if (status >= 300 && status < 400) {
      throw new ApiError({
        message: `the server redirected to ${resHeaders.location ?? "(no location)"}; gw does not follow redirects (the key must not travel elsewhere)`,
        status, category: "redirect", method, url, headers: resHeaders,
      });
    }
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) {
      if (text.trim() === "") return { status, headers: resHeaders, body: undefined, url };
      if (parsed.ok) return { status, headers: resHeaders, body: parsed.value, url };
      if (allowText) return { status, headers: resHeaders, body: text, url };
      throw new ApiError({
        message: `unreadable response: expected JSON, got ${contentType || "no content type"}${excerpt(text, secrets) ? ` (${excerpt(text, secrets)})` : ""}`,
        status, category: "invalid-response", method, url, headers: resHeaders,
      });
    }
    // Masked before it is cut: a key straddling the cut would otherwise be printed almost whole.
    const serverMessage = parsed.ok ? messageOf(parsed.value, secrets) : excerpt(text, secrets);
    throw new ApiError({
      message: `HTTP ${status}${serverMessage ? `: ${serverMessage}` : ""}`,
      // Adapters add details from the body to their messages (ngrok errorCode, CoreWeave field violations): keys masked there too.
      status, category: "http", serverMessage, body: parsed.ok ? redactJson(parsed.value, secrets) : undefined, method, url, headers: resHeaders,
    });
  }

  function networkError(err: unknown, method: Method, url: string): ApiError {
    const code = errorCode(err);
    const host = new URL(url).host;
    // https:// to a port that speaks plain HTTP: no certificate was ever offered.
    if (code && /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST/.test(code)) {
      return new ApiError({
        message: `${host} does not speak TLS on that port (${code}); check the URL's scheme (http:// or https://) and port`,
        category: "tls", method, url, cause: err,
      });
    }
    // A certificate that fails verification will fail the same way again: not retried, and a hint.
    if (code && TLS_CERT_ERROR.test(code)) {
      return new ApiError({
        message: `the TLS certificate of ${host} is not trusted (${code}); for a private CA pass --ca-file <pem> (or GW_CA_FILE)`,
        category: "tls", method, url, cause: err,
      });
    }
    return new ApiError({
      message: `cannot reach ${host}${code ? ` (${code})` : ""}`,
      category: "network", retryable: true, method, url, cause: err,
    });
  }

  return { baseUrl: base, request };
}

/**
 * An id of `.` or `..` (or their %2e spellings) would make the URL name the collection or its parent:
 * `gateways delete .` would DELETE /gateways. No control plane has such ids.
 */
function refusePathTricks(path: string): void {
  const segments = path.split("?")[0]!.split("/");
  const bad = segments.find((s) => /^(\.|%2e){1,2}$/i.test(s));
  if (bad !== undefined) throw new UsageError(`"${bad}" is not a valid id (it would name another resource)`);
}

function buildUrl(base: string, path: string, query: RequestOptions["query"]): string {
  const url = new URL(base + (path.startsWith("/") ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

async function readBody(body: AsyncIterable<Buffer | Uint8Array> & { destroy?: () => void }, max: number, method: string, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy?.();
      throw new ApiError({ message: `response body larger than ${Math.round(max / 1024 / 1024)} MiB`, category: "invalid-response", method, url });
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The server's message from the common error shapes: {error}, {error:{message}}, {message}, {detail}. */
export function messageOf(body: unknown, secrets: readonly string[] = []): string {
  const cut = (text: string) => redactSecrets(oneLine(text), secrets).slice(0, 300);
  if (typeof body === "string") return cut(body);
  if (typeof body !== "object" || body === null) return "";
  const b = body as Record<string, unknown>;
  const error = b.error;
  const nested = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : undefined;
  const candidates = [
    nested?.message,
    typeof error === "string" && typeof b.message === "string" && b.message !== error ? `${error}: ${b.message}` : undefined,
    typeof error === "string" ? error : undefined,
    b.message,
    b.detail,
    b.msg,
  ];
  const found = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  const code = typeof nested?.code === "string" ? nested.code : undefined;
  const text = found ? cut(found) : "";
  if (!code || text.includes(code)) return text;
  return text ? `${text} (${cut(code)})` : cut(code);
}

/** A short one-line excerpt of a non-JSON body (an HTML error page, say), tags stripped. */
function excerpt(text: string, secrets: readonly string[]): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = redactSecrets(oneLine((title ?? text).replace(/<[^>]*>/g, " ")), secrets);
  return plain.length > 200 ? `${plain.slice(0, 200)}...` : plain;
}

function outcomeOf(err: ApiError): Outcome {
  if (err.category === "timeout") return { kind: "timeout" };
  if (err.category === "network") return { kind: "network" };
  if (err.category === "http") return { kind: "status", status: err.status, retryAfter: err.headers["retry-after"] };
  return { kind: "status", status: 0 }; // redirects and unreadable bodies are not retried
}

function shortReason(err: ApiError): string {
  return err.category === "http" ? `HTTP ${err.status}` : err.message;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

const TLS_CERT_ERROR = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_CERT|HOSTNAME_MISMATCH|ERR_SSL_)/;

/** Errors of the connection itself (refused, reset, DNS, TLS, aborted socket), as opposed to gw's bugs. */
function isTransportError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (errorCode(err)) return true;
  return /^(UND_ERR|ECONN|EPIPE|ENOTFOUND|EAI_|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CERT_|ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO)/.test(
    String((err as { code?: unknown }).code ?? ""),
  ) || err.name === "SocketError" || err.name === "AbortError";
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let i = 0; i < 4 && current; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && !code.startsWith("UND_ERR_") ) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (err as { code?: string })?.code;
}
