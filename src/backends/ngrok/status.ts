import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import type { StatusProbe } from "../backend.js";
import { isRecord } from "../wire-check.js";
import { mapNgrokError } from "./errors.js";
import { pageFromListBody } from "./from-wire.js";
import { PROVIDERS_PATH } from "./wire.js";

/** `gw status`: one provider of the first page, which needs the API key. The API names no version. */
export async function probe(http: HttpClient): Promise<StatusProbe> {
  const what = "check the API key (list providers)";
  let body: unknown;
  try {
    body = (await http.request("GET", PROVIDERS_PATH, { query: { limit: 1 } })).body;
  } catch (err) {
    throw mapNgrokError(err, what);
  }
  pageFromListBody(body, what);
  return { server: null, notes: [] };
}

/** Without a key ngrok answers 401 with its own error object (research §1: statusCode, msg, details). */
export async function fingerprint(http: HttpClient): Promise<string | null> {
  try {
    await http.request("GET", PROVIDERS_PATH, { query: { limit: 1 } });
    return null;
  } catch (err) {
    const body = err instanceof ApiError ? err.body : undefined;
    const ngrokShaped = isRecord(body) && typeof body.statusCode === "number" && typeof body.msg === "string" && isRecord(body.details);
    return ngrokShaped ? "the ngrok AI Gateway API" : null;
  }
}
