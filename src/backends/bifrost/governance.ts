import { GwError, RejectedError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { isRecord } from "../wire-check.js";
import { mapBifrostError } from "./errors.js";
import { providerGovernancePath, type WireGovernance, type WireRateLimitWrite } from "./wire.js";

/**
 * PUT /api/governance/providers/{name} with only `rate_limit`: budgets and calendar alignment are left out,
 * which keeps them (§2.6). `done` says what earlier writes of the same command already applied, so a
 * failure here says exactly what was and was not applied.
 */
export async function putRateLimit(
  http: HttpClient,
  name: string,
  rateLimit: WireRateLimitWrite,
  what: string,
  done: string | null,
): Promise<WireGovernance> {
  const path = providerGovernancePath(name);
  try {
    const body = (await http.request("PUT", path, { body: { rate_limit: rateLimit } })).body;
    return isRecord(body) ? ({ ...body, provider: name } as WireGovernance) : { provider: name };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err; // a dry run's stop, or a bug
    const cause = mapBifrostError(err, `PUT ${path}`) as GwError;
    if (!done) throw new GwError(`${what}: ${cause.message}`, cause.exitCode);
    throw new GwError(
      `${what}: ${done}, but its rate limit was not (${cause.message}); run the command again with only --rpm/--tpm/--rpd to finish`,
      cause.exitCode,
    );
  }
}

/** Limits were asked for, but the server answered 404 on GET /api/governance/providers. */
export function noGovernance(what: string): RejectedError {
  return new RejectedError(
    `${what}: this Bifrost server has no provider governance API (GET /api/governance/providers answered 404), ` +
      "so --rpm/--tpm/--rpd cannot be set; enable governance on the server",
  );
}
