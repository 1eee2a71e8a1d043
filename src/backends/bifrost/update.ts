import type { Binding, BindingPatch, WithRaw, WriteOptions } from "../../domain/binding.js";
import { RejectedError } from "../../errors.js";
import type { HttpClient } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import { changedPaths } from "./changes.js";
import { noGovernance, putRateLimit } from "./governance.js";
import { expectedProvider, providerUpdateBody, touchesProvider } from "./provider-body.js";
import { toBinding, wireProvider } from "./provider-from-wire.js";
import { limitChangeOf, planRateLimit, refuseImpossibleLimits, windowsFromWire, type LimitChange, type RateLimitPlan } from "./rate-limit.js";
import type { Reads } from "./reads.js";
import type { Generation } from "./version.js";
import { providerPath, type WireGovernance, type WireProvider } from "./wire.js";

interface Snapshot {
  provider: WireProvider;
  governance: WireGovernance | undefined;
  hasGovernanceApi: boolean;
}

interface Plan {
  /** The full PUT body, when the patch touches the provider itself. */
  providerBody?: Record<string, unknown>;
  rateLimit?: RateLimitPlan;
}

/**
 * `gw providers update` on Bifrost (research §2.5, §2.6, §2.9): read, build the full provider PUT with only
 * the named fields changed, read again and refuse if what gw would send differs (Bifrost has no ETag, so this
 * narrows the race rather than closing it; --force skips it), then PUT the provider and/or the governance
 * rate limit. A flag that only concerns limits never PUTs the provider.
 */
export async function updateProvider(
  http: HttpClient,
  reads: Reads,
  name: string,
  patch: BindingPatch,
  opts: WriteOptions,
): Promise<WithRaw<Binding>> {
  const what = `update provider ${name}`;
  const limits = limitChangeOf(patch);
  refuseImpossibleLimits(limits);
  const snapshot = () => readSnapshot(reads, name, what);

  const first = await snapshot();
  const generation: Generation = touchesProvider(patch) ? await reads.generation(what, first.provider) : "1.5";
  const plan = planUpdate(first, patch, limits, generation, name, what);
  for (const note of plan.rateLimit?.notes ?? []) opts.warn?.(note);
  const writesProvider = plan.providerBody !== undefined;
  const writesLimits = plan.rateLimit?.changed === true;

  if ((writesProvider || writesLimits) && !opts.force) {
    const again = planUpdate(await snapshot(), patch, limits, generation, name, what);
    const changed = [
      ...changedPaths(plan.providerBody, again.providerBody),
      ...changedPaths(plan.rateLimit?.body, again.rateLimit?.body).map((p) => `governance rate_limit${p === "(the whole body)" ? "" : `.${p}`}`),
    ];
    if (changed.length) {
      throw new RejectedError(
        // The paths are the server's field names: one line, without their control characters.
        `${what}: refused: the provider changed since gw read it (${oneLine(changed.slice(0, 5).join(", "))}${changed.length > 5 ? ", ..." : ""}); ` +
          "run the command again to apply your change to the current settings, or pass --force to write anyway",
      );
    }
  }

  let provider = first.provider;
  if (writesProvider) {
    const body = plan.providerBody!;
    // Under --dry-run this reply lets the dry run go on to print the governance write as well.
    const reply = writesLimits ? { dryRunReply: expectedProvider(first.provider, body) } : {};
    const res = await reads.call(what, () => http.request("PUT", providerPath(name), { body, ...reply }));
    provider = wireProvider(res.body, what);
  }
  let governance = first.governance;
  if (writesLimits) {
    const done = writesProvider ? "the provider settings were saved" : null;
    governance = await putRateLimit(http, name, plan.rateLimit!.body, what, done);
  }
  return toBinding(provider, governance, await reads.keyCount(provider, what));
}

async function readSnapshot(reads: Reads, name: string, what: string): Promise<Snapshot> {
  const provider = await reads.provider(name, what);
  const governance = await reads.governance(what);
  return { provider, governance: governance?.get(name), hasGovernanceApi: governance !== null };
}

function planUpdate(s: Snapshot, patch: BindingPatch, limits: LimitChange | null, generation: Generation, name: string, what: string): Plan {
  const plan: Plan = {};
  if (touchesProvider(patch)) plan.providerBody = providerUpdateBody(s.provider, patch, generation, what);
  if (limits) {
    if (!s.hasGovernanceApi) throw noGovernance(what);
    plan.rateLimit = planRateLimit(windowsFromWire(s.governance?.rate_limit), limits, name);
  }
  return plan;
}
