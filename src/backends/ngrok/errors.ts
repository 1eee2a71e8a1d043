import { RejectedError } from "../../errors.js";
import { ApiError, toGwError, withServerMessage } from "../../http/api-error.js";
import { oneLine } from "../../redact.js";
import { isRecord } from "../wire-check.js";

/**
 * ngrok's Error body is `{errorCode?, statusCode, msg, details}` (research §1.6). The client already reads
 * `msg`; this adds the stable errorCode and the details the msg does not already say, then maps statuses
 * the usual way (400 and 422 alike: which one a schema failure gets is unconfirmed, §1.4).
 */
export function mapNgrokError(err: unknown, what: string): unknown {
  if (!(err instanceof ApiError) || err.category !== "http") return err instanceof ApiError ? toGwError(err, what) : err;
  return toGwError(withServerMessage(err, serverMessage(err)), what);
}

/**
 * DELETE's 409 (research §1.2): the provider is still referenced by a provider key or an access key
 * configuration entry. Name what refers to it (from details, else the msg) and how to detach it.
 */
export function deleteConflict(err: ApiError, what: string): RejectedError {
  const refs = detailEntries(err.body).map(([k, v]) => `${words(k)} ${v.split(/\s*,\s*/).join(", ")}`);
  const why = refs.length
    ? `referenced by ${refs.join("; ")}`
    : err.serverMessage || "a provider key or an access key configuration still refers to it";
  // One line as a whole: `what` names the provider by the ids the server listed.
  return new RejectedError(
    oneLine(
      `${what}: still in use (HTTP 409): ${why}. Detach it first: delete or re-point those provider keys ` +
        "and remove the provider from those access key configurations (app.ngrok.ai, or the /provider-keys and " +
        "/access-key-configurations APIs), then delete again",
    ),
  );
}

function serverMessage(err: ApiError): string {
  const body = isRecord(err.body) ? err.body : {};
  const msg = err.serverMessage;
  const code = typeof body.errorCode === "string" && body.errorCode && !msg.includes(body.errorCode) ? ` (${body.errorCode})` : "";
  const extra = detailEntries(err.body)
    .filter(([, v]) => !msg.includes(v))
    .map(([k, v]) => `${k}: ${v}`);
  return oneLine(`${msg}${code}${extra.length ? ` [${extra.join("; ")}]` : ""}`).slice(0, 500);
}

function detailEntries(body: unknown): [string, string][] {
  const details = isRecord(body) && isRecord(body.details) ? body.details : {};
  return Object.entries(details).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
}

/** providerKeys -> "provider keys", access_key_configurations -> "access key configurations". */
function words(key: string): string {
  return key.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

