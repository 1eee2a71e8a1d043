import { NotFoundError, RejectedError, type GwError } from "../../errors.js";
import { ApiError, toGwError } from "../../http/api-error.js";
import { isRecord } from "../wire-check.js";

/**
 * LangWatch's error quirks before the generic mapping:
 * - 410 gateway_provider_bindings_gone: a v3.4+ server, where these settings moved to the dashboard (§3.1);
 * - 500 "NOT_FOUND (NOT_FOUND) [TRPCError]" on PATCH/DELETE of an unknown id means not found (§2.4, §6).
 */
export function mapLangwatchError(err: unknown, what: string, subject?: string): unknown {
  if (!(err instanceof ApiError)) return err;
  if (err.status === 410 && errorCode(err.body) === "gateway_provider_bindings_gone") {
    return bindingsGone(what);
  }
  if (err.status === 500 && /NOT_FOUND/.test(err.serverMessage)) {
    return new NotFoundError(`${what}: ${subject ?? "binding"} not found`);
  }
  return toGwError(err, what);
}

export function bindingsGone(what: string): GwError {
  return new RejectedError(
    `${what}: this LangWatch server (v3.4 or later) manages provider rate limits, fallback priority and ` +
      "settings in its dashboard (Settings > Model Providers > Advanced (Gateway)), not through the " +
      "provider-binding API gw providers uses (LangWatch v3.2-v3.3); it answered 410 gateway_provider_bindings_gone",
  );
}

function errorCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (isRecord(error) && typeof error.code === "string") return error.code;
  return undefined;
}
