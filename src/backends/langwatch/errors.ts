import type { BindInput, Binding } from "../../domain/binding.js";
import { NotFoundError, RejectedError, type GwError } from "../../errors.js";
import { ApiError, toGwError, withServerMessage } from "../../http/api-error.js";
import { oneLine } from "../../redact.js";
import { isRecord } from "../wire-check.js";
import { PROVIDERS_PATH } from "./wire.js";

/**
 * LangWatch's error quirks before the generic mapping:
 * - the envelope sits under `error` (v3.2-v3.4: `{error: {type, code, message}}` or flat `{error: "Forbidden",
 *   message}`) or, on newer servers, at the root (`{type, code, message, retryable, ...}`, the v3.4 spec's
 *   note); every code and message below is read from either;
 * - 410 gateway_provider_bindings_gone: a v3.4+ server, where these settings moved to the dashboard (§3.1);
 * - 500 "NOT_FOUND (NOT_FOUND) [TRPCError]" on PATCH/DELETE of an unknown id means not found (§2.4, §6);
 * - 500 "<reason> (BAD_REQUEST) [TRPCError]" and other client errors handleError does not map: a refusal (§2.3, §2.7);
 * - 409 on POST /providers: the unique key (project, model provider, slot) is taken (§2.1, §2.3).
 */
export function mapLangwatchError(err: unknown, what: string, subject?: string): unknown {
  if (!(err instanceof ApiError)) return err;
  if (err.category !== "http") return toGwError(err, what);
  const envelope = errorEnvelope(err.body);
  if (err.status === 410 && (envelope.code === GONE_CODE || onProvidersRoute(err.url))) {
    return bindingsGone(what, envelope.code === GONE_CODE);
  }
  if (err.status === 500 && /NOT_FOUND/.test(err.serverMessage)) {
    return new NotFoundError(`${what}: ${subject ?? "binding"} not found`);
  }
  if (err.status === 500) {
    const refusal = clientErrorIn500(err, envelope);
    if (refusal) return refusal(what);
  }
  if (err.status === 409 && onProvidersRoute(err.url)) {
    if (err.method === "POST") return bindConflict(what);
    if (err.method === "PATCH") return slotConflict(what);
  }
  return toGwError(withEnvelopeCode(err, envelope), what);
}

const GONE_CODE = "gateway_provider_bindings_gone";

/**
 * The server's 410 text forwards to /api/gateway-platform/v1/model-providers, a route that exists nowhere
 * (research §3.1, §8.6): gw says where the settings live instead and quotes no path from the body.
 */
export function bindingsGone(what: string, coded = true): GwError {
  return new RejectedError(
    `${what}: this LangWatch server (v3.4 or later) manages provider rate limits, fallback priority and ` +
      "settings in its dashboard (Settings > Model Providers > Advanced (Gateway)), not through the " +
      `provider-binding API gw providers uses (LangWatch v3.2-v3.3); it answered 410 ${coded ? GONE_CODE : "Gone"}`,
  );
}

/** What an error body says, wherever the server put it. Flat `{error: "Forbidden", message}` has no code. */
export interface ErrorEnvelope {
  type?: string;
  code?: string;
  message?: string;
}

export function errorEnvelope(body: unknown): ErrorEnvelope {
  if (!isRecord(body)) return {};
  const nested = isRecord(body.error) ? body.error : undefined;
  // The root envelope has no `error` member of its own; a flat body's `error` is a string.
  const source = nested ?? (body.error === undefined ? body : undefined);
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const envelope: ErrorEnvelope = {};
  const type = text(source?.type);
  const code = text(source?.code);
  const message = text(source?.message) ?? text(body.message) ?? text(body.error);
  if (type) envelope.type = type;
  if (code) envelope.code = code;
  if (message) envelope.message = message;
  return envelope;
}

/** The client appends a nested envelope's code to the server message; a root envelope's code gets the same. */
function withEnvelopeCode(err: ApiError, envelope: ErrorEnvelope): ApiError {
  const { code } = envelope;
  if (!code || err.serverMessage.includes(code)) return err;
  return withServerMessage(err, err.serverMessage ? `${err.serverMessage} (${code})` : code);
}

// tRPC codes of a client error (the caller's request, not the server's state), as handleError prints them.
const CLIENT_TRPC_CODES = ["BAD_REQUEST", "CONFLICT", "PRECONDITION_FAILED", "UNPROCESSABLE_CONTENT", "PARSE_ERROR", "PAYLOAD_TOO_LARGE"];
const CLIENT_TRPC_CODE = new RegExp(`\\b(${CLIENT_TRPC_CODES.join("|")})\\b`);
// Envelope codes of a client error, should a server put one on a 500 (era b's codes, §3.5).
const CLIENT_ENVELOPE_CODES = new Set(["bad_request", "validation_error", "conflict"]);
// Input validation that fails before anything is written: zod (by name or by its issue list) and Prisma's own.
const VALIDATION_NAME = /\[(ZodError|PrismaClientValidationError)\]/;
const ZOD_ISSUE = /"code"\s*:\s*"(invalid_[a-z_]+|too_small|too_big|unrecognized_keys|not_multiple_of)"/;

/**
 * Era A's handleError answers any error it does not recognise with 500 "<message> (<code>) [<name>]"
 * (research §2.3, §2.7): a TRPCError BAD_REQUEST/CONFLICT or a validation error is the server refusing the
 * request before it changed anything, so exit 5 with its reason rather than "may or may not have been applied".
 */
function clientErrorIn500(err: ApiError, envelope: ErrorEnvelope): ((what: string) => RejectedError) | undefined {
  const text = envelope.message ?? err.serverMessage;
  const haystack = `${err.serverMessage} ${text}`;
  const trpc = CLIENT_TRPC_CODE.exec(haystack)?.[1];
  const coded = envelope.code && CLIENT_ENVELOPE_CODES.has(envelope.code) ? envelope.code : undefined;
  const validation = VALIDATION_NAME.test(haystack) || ZOD_ISSUE.test(haystack) ? "validation error" : undefined;
  const label = trpc ?? coded ?? validation;
  if (!label) return undefined;
  const reason = oneLine(text.replace(/\s*(\([A-Z_]+\)\s*)?\[\w+\]\s*$/, "")).slice(0, 300);
  const said = reason && reason !== label && reason !== "Internal server error" ? `: ${reason}` : "";
  return (what) => new RejectedError(`${what}: refused by the server${said} (HTTP 500 ${label})`);
}

/** /api/gateway/v1/providers or /api/gateway/v1/providers/{id}, under any base path. */
function onProvidersRoute(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/, "");
  } catch {
    return false;
  }
  const at = path.indexOf(PROVIDERS_PATH);
  return at >= 0 && /^(\/[^/]+)?$/.test(path.slice(at + PROVIDERS_PATH.length));
}

/**
 * The 409 of a bind without the bind input (what the server's body says: only the columns of the unique key).
 * `explainBindConflict` says more where the caller has the input.
 */
function bindConflict(what: string): RejectedError {
  return new RejectedError(
    `${what}: this model provider is already bound in that slot (HTTP 409); change that binding with ` +
      "`gw providers update <id>` (gw providers list shows it) or bind another slot with --slot",
  );
}

function slotConflict(what: string): RejectedError {
  return new RejectedError(`${what}: another binding of the same model provider already uses that slot (HTTP 409); pick another --slot`);
}

/**
 * A bind's errors, with the 409 of the unique key (project, model provider, slot; research §2.1, §2.3) said
 * in gw's terms: which provider, which slot, which binding holds it (read from the list, which a dry run may
 * read too) and the two ways out, as Bifrost's bind does.
 */
export async function explainBindConflict(
  err: unknown,
  what: string,
  input: BindInput,
  list: () => Promise<Binding[]>,
): Promise<unknown> {
  if (!(err instanceof ApiError) || err.category !== "http" || err.status !== 409) return mapLangwatchError(err, what, "model provider");
  const slot = input.slot ?? "primary";
  const bindings = await list().catch(() => [] as Binding[]);
  const ofProvider = bindings.filter((b) => b.providerId === input.providerId);
  const holder = ofProvider.find((b) => (b.slot ?? "primary") === slot);
  const provider = holder?.provider || ofProvider[0]?.provider || input.providerId;
  const id = holder?.id;
  return new RejectedError(
    oneLine(
      `${what}: provider ${provider} is already bound in slot ${slot} (${id ? `binding ${id}, ` : ""}HTTP 409); ` +
        `change it with \`gw providers update ${id ?? "<id>"}\`${id ? "" : " (gw providers list shows it)"} or bind another slot with --slot`,
    ),
  );
}
