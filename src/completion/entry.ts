import { gwVersion } from "../version.js";
import { runComplete } from "./complete.js";

/**
 * The bundle entry of `gw __complete ...` (bin/gw.js picks it): completion runs on every TAB, so it loads
 * neither the command tree nor anything the kind asked for does not need.
 */
export async function main(argv: string[]): Promise<number> {
  await runComplete(argv.slice(1), { env: process.env, stdout: process.stdout, version: gwVersion() });
  return 0;
}
