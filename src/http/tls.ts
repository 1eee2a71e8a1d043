import { readFileSync } from "node:fs";
import { Agent, type Dispatcher } from "./undici-core.js";
import { UsageError } from "../errors.js";

/**
 * The connection pool every request goes through. Certificate verification is always on: set explicitly,
 * so NODE_TLS_REJECT_UNAUTHORIZED=0 in a CI environment cannot turn it off for gw. A private CA is added
 * with --ca-file / GW_CA_FILE, next to (not instead of) Node's public roots.
 */
export function tlsDispatcher(caFile: string | undefined): Dispatcher {
  // node:tls only for --ca-file here; undici loads it itself for an https:// URL, not for http://.
  const ca = caFile === undefined ? undefined : [...process.getBuiltinModule("node:tls").rootCertificates, readCaFile(caFile)];
  return new Agent({ connect: { rejectUnauthorized: true, ...(ca ? { ca } : {}) } });
}

function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--ca-file ${file}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new UsageError(`--ca-file ${file}: not a PEM certificate file`);
  return pem;
}
