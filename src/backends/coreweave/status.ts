import type { HttpClient } from "../../http/client.js";
import type { StatusProbe } from "../backend.js";
import { unexpected } from "../wire-check.js";
import { mapCoreweaveError } from "./errors.js";
import { zonesFromBody } from "./from-wire.js";
import { PARAMETERS_PATH } from "./wire.js";
import { plural } from "../../output/plural.js";

/** `gw status`: the gateway parameters (zones), the cheapest authenticated read. The API names no version. */
export async function probe(http: HttpClient): Promise<StatusProbe> {
  const what = "check the API access token (gateway parameters)";
  let body: unknown;
  try {
    body = (await http.request("GET", PARAMETERS_PATH)).body;
  } catch (err) {
    throw mapCoreweaveError(err, what);
  }
  if (body === undefined) throw unexpected(what, `expected {"zones": [...]}`);
  const zones = zonesFromBody(body, what);
  return { server: null, notes: [`${plural(zones.length, "zone")}: ${zones.join(", ") || "none"}`] };
}
