import type { Gateway, GatewayAuth, GatewayPatch, GatewayRouting } from "../../domain/gateway.js";
import { UsageError } from "../../errors.js";

/** Which auth and routing the gateway ends up with, and the W&B key the update must carry (if any). */
export interface ResolvedUpdate {
  auth: GatewayAuth;
  routing: GatewayRouting;
  /** Sent in weightsAndBiasesAuth.apiKey; undefined keeps whatever the gateway has (research §3.3-3.4). */
  wandbApiKey?: string;
}

/**
 * Checks a change against the gateway as it is now, before anything is written: the flags of the other
 * auth type or routing strategy conflict (exit 2), and a switch brings what the new block needs. Only
 * one auth and one routing block can remain, so switching drops the other (research §3.3).
 */
export function resolveUpdate(current: Gateway, patch: GatewayPatch): ResolvedUpdate {
  const auth = patch.auth ?? current.auth;
  const routing = patch.routing ?? current.routing;
  if (!auth) throw new UsageError(`gateway ${current.id} reports no auth type; name one with --auth coreweave|wandb`);
  if (!routing) throw new UsageError(`gateway ${current.id} reports no routing strategy; name one with --routing body|header|path`);

  const wandbFlags = wandbFlagsIn(patch);
  if (auth !== "wandb" && wandbFlags.length) {
    throw new UsageError(
      `${wandbFlags.join(", ")} ${wandbFlags.length > 1 ? "apply" : "applies"} to W&B auth, but gateway ${current.id} ` +
        `${patch.auth ? "is being switched to" : "uses"} CoreWeave auth${patch.auth ? "" : " (add --auth wandb to switch)"}`,
    );
  }
  if (patch.apiType !== undefined && routing !== "body") {
    throw new UsageError(
      `--api-type applies to body routing, but gateway ${current.id} ${patch.routing ? "is being switched to" : "uses"} ` +
        `${routing} routing${patch.routing ? "" : " (add --routing body to switch)"}`,
    );
  }
  if (routing === "header" && current.routing !== "header" && patch.headerName === undefined) {
    throw new UsageError(`switching gateway ${current.id} to header routing needs --header-name <name>`);
  }

  const resolved: ResolvedUpdate = { auth, routing };
  const explicitKey = patch.wandb?.apiKey;
  if (auth === "wandb" && explicitKey) resolved.wandbApiKey = explicitKey;
  if (auth === "wandb" && current.auth !== "wandb" && !explicitKey) {
    if (!patch.wandbApiKeyIfNeeded) {
      throw new UsageError(
        `switching gateway ${current.id} to W&B auth needs the W&B API key: pipe it with --wandb-api-key-stdin or set GW_WANDB_API_KEY`,
      );
    }
    resolved.wandbApiKey = patch.wandbApiKeyIfNeeded;
  }
  return resolved;
}

function wandbFlagsIn(patch: GatewayPatch): string[] {
  const w = patch.wandb ?? {};
  return [
    w.apiKey !== undefined ? "--wandb-api-key-stdin" : "",
    w.serverUrl !== undefined ? "--wandb-server-url" : "",
    w.usageReports !== undefined ? "--[no-]wandb-usage-reports" : "",
    w.rateLimiting !== undefined ? "--[no-]wandb-rate-limiting" : "",
  ].filter(Boolean);
}
