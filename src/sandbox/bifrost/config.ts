import type { Route } from "../backend.js";
import type { BifrostVersion } from "./state.js";

/** The release each emulated generation reports (v2: the current line, v2.5). */
export const RELEASES: Record<BifrostVersion, string> = { "1.4": "v1.4.9", "1.5": "v1.5.3", "2": "v2.5.0" };

/**
 * GET /api/version: the release as a JSON string, public (exempt from dashboard auth), on every generation
 * (research §2.10). GET /api/config: client, framework and store status, and no version field.
 */
export function configRoutes(version: BifrostVersion): Route[] {
  return [
    { method: "GET", path: "/api/version", public: true, handle: () => ({ status: 200, body: RELEASES[version] }) },
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
        },
      }),
    },
  ];
}
