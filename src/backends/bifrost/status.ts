import type { HttpClient } from "../../http/client.js";
import type { StatusProbe } from "../backend.js";
import { bifrostReads } from "./reads.js";
import { versionFromBody } from "./version.js";
import { VERSION_PATH } from "./wire.js";
import { plural } from "../../output/plural.js";

/**
 * `gw status`: the provider list is the authenticated read (with dashboard auth on, a wrong key or mode
 * fails here); the release comes from /api/version, or the behaviour where it names none.
 */
export async function probe(http: HttpClient): Promise<StatusProbe> {
  const reads = bifrostReads(http);
  const what = "check the management API (list providers)";
  const providers = await reads.providers(what);
  const { release, generation } = await reads.version(what, providers[0]);
  return {
    server: release ? `Bifrost ${release}` : `Bifrost (v${generation} behaviour; /api/version named no release)`,
    notes: [`${plural(providers.length, "provider")} configured`],
  };
}

/** /api/version is public on every Bifrost (research §2.10): a release there is Bifrost's. */
export async function fingerprint(http: HttpClient): Promise<string | null> {
  try {
    const release = versionFromBody((await http.request("GET", VERSION_PATH, { allowText: true })).body);
    return release ? `a Bifrost ${release} server` : null;
  } catch {
    return null;
  }
}
