import { readFileSync } from "node:fs";

/** Set by scripts/bundle.mjs; absent when the sources run directly (tests). */
declare const __GW_VERSION__: string | undefined;

let cached: string | undefined;

/** gw's version: built into the bundle, or read from package.json when running from the sources. */
export function gwVersion(): string {
  if (typeof __GW_VERSION__ === "string") return __GW_VERSION__;
  if (cached) return cached;
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string };
    cached = pkg.version ?? "0.0.0";
  } catch {
    cached = "0.0.0";
  }
  return cached;
}
