import type { BindInput, Binding, WithRaw } from "../../domain/binding.js";
import { RejectedError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient } from "../../http/client.js";
import { mapBifrostError, serverSuffix } from "./errors.js";
import { putRateLimit } from "./governance.js";
import { addProviderBody } from "./provider-body.js";
import { toBinding, wireProvider } from "./provider-from-wire.js";
import { limitChangeOf, planRateLimit, refuseImpossibleLimits } from "./rate-limit.js";
import type { Reads } from "./reads.js";
import { PROVIDERS_PATH, type WireGovernance } from "./wire.js";

/**
 * `gw providers bind --provider <name>` = POST /api/providers (§2.3): 409 when the name exists, so bind never
 * overwrites (PUT would upsert). Limits go to the provider's governance in a second write.
 */
export async function bindProvider(http: HttpClient, reads: Reads, input: BindInput): Promise<WithRaw<Binding>> {
  const name = input.providerId;
  const what = `bind provider ${name}`;
  const limits = limitChangeOf(input);
  refuseImpossibleLimits(limits);
  const body = addProviderBody(input);
  const rateLimit = limits ? planRateLimit(null, limits, name).body : null;

  let res;
  try {
    // Under --dry-run, the reply lets the dry run go on to print the governance write too.
    const reply = rateLimit ? { dryRunReply: { name } } : {};
    res = await http.request("POST", PROVIDERS_PATH, { body, ...reply });
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      throw new RejectedError(
        `${what}: it already exists (HTTP 409${serverSuffix(err)}); change it with gw providers update ${name}`,
      );
    }
    throw mapBifrostError(err, what);
  }
  const created = wireProvider(res.body, what);
  let governance: WireGovernance | undefined;
  if (rateLimit) governance = await putRateLimit(http, name, rateLimit, what, "the provider was added");
  return toBinding(created, governance, await reads.keyCount(created, what));
}
