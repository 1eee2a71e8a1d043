import type { HttpClient } from "../../http/client.js";
import type { StatusProbe } from "../backend.js";
import { isRecord, unexpected } from "../wire-check.js";
import { mapLangwatchError } from "./errors.js";

/** The virtual-key list (virtual-keys.ts): the one authenticated read both eras answer. */
const VK_PATH = "/api/gateway/v1/virtual-keys";
/** Served without auth by v3.4+ (research §1.1); whether v3.2-v3.3 served it is unconfirmed. */
const OPENAPI_PATH = "/api/gateway/v1/openapi.json";

/**
 * `gw status`: one page of one virtual key. It proves the project key, and its shape tells the era the
 * way virtual-keys.ts detects it: only v3.4+ pages with cursors (`next_cursor`).
 */
export async function probe(http: HttpClient): Promise<StatusProbe> {
  const what = "check the project key (list virtual keys)";
  let body: unknown;
  try {
    body = (await http.request("GET", VK_PATH, { query: { limit: 1 } })).body;
  } catch (err) {
    throw mapLangwatchError(err, what, "virtual key");
  }
  if (!isRecord(body) || !Array.isArray(body.data)) throw unexpected(what, `expected {"data": [...]}`);
  return "next_cursor" in body
    ? {
        server: "LangWatch era b (v3.4+)",
        notes: ["provider limits and priority live in the dashboard (gw providers answers 410); keys route by routing mode"],
      }
    : { server: "LangWatch era a (v3.2-v3.3)", notes: ["provider bindings and virtual keys with explicit fallback chains"] };
}

/** A LangWatch server serves its OpenAPI document without auth (v3.4+): its title says whose it is. */
export async function fingerprint(http: HttpClient): Promise<string | null> {
  try {
    const { body } = await http.request("GET", OPENAPI_PATH);
    const title = isRecord(body) && isRecord(body.info) ? body.info.title : undefined;
    return typeof title === "string" && /langwatch/i.test(title) ? "a LangWatch server (v3.4+)" : null;
  } catch {
    return null;
  }
}
