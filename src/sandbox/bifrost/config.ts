import type { Route } from "../backend.js";
import type { BifrostVersion } from "./state.js";

/** The release each emulated generation reports. */
export const RELEASES: Record<BifrostVersion, string> = { "1.4": "v1.4.9", "1.5": "v1.5.3" };

/**
 * GET /api/config (research §2.1). Whether it carries the release, and under which name, is unconfirmed
 * (§2.10): the v1.5 sandbox reports `version`, the v1.4 one reports none, so clients must also be able to
 * tell the generation from behaviour (a provider body with keys is v1.4).
 */
export function configRoutes(version: BifrostVersion): Route[] {
  return [
    {
      method: "GET",
      path: "/api/config",
      handle: () => ({
        status: 200,
        body: {
          client_config: { drop_excess_requests: false, initial_pool_size: 300, enable_logging: true, enable_governance: true },
          is_db_connected: true,
          is_cache_connected: false,
          is_logs_connected: true,
          ...(version === "1.5" ? { version: RELEASES[version] } : {}),
        },
      }),
    },
  ];
}
