import { randomBytes } from "node:crypto";

/** A source of random bytes: crypto at run time, a seeded generator for reproducible seeds. */
export type ByteSource = (n: number) => Uint8Array;

export const cryptoBytes: ByteSource = (n) => randomBytes(n);

/**
 * mulberry32: a tiny deterministic generator, so the demo seed has the same ids on every run
 * (README examples and e2e tests can name them). Not for secrets.
 */
export function seededBytes(seed: number): ByteSource {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = next();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (j * 8)) & 0xff;
    }
    return out;
  };
}

const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `length` chars from the 64-char URL-safe alphabet (nanoid's, base64url's). */
export function urlSafe(bytes: ByteSource, length: number): string {
  const b = bytes(length);
  let s = "";
  for (let i = 0; i < length; i++) s += URL_ALPHABET[(b[i] ?? 0) & 63];
  return s;
}

/** Prisma `nanoid()` default: 21 chars, no prefix (research §2.1; the docs' `gpc_` prefix is wrong). */
export const nanoid = (bytes: ByteSource = cryptoBytes): string => urlSafe(bytes, 21);

/** ULID: 10 Crockford chars of ms timestamp + 16 random ones. */
export function ulid(bytes: ByteSource = cryptoBytes, timeMs: number = Date.now()): string {
  let time = "";
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const b = bytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += CROCKFORD[(b[i] ?? 0) & 31];
  return time + rand;
}

/** A legacy project key (`sk-lw-...`, research §1.2). */
export const generateProjectKey = (): string => `sk-lw-${urlSafe(cryptoBytes, 32)}`;

/**
 * Bifrost management credentials (a session token, an Enterprise management API key, or the admin
 * password under basic auth) have no documented prefix (research other-gateways §2.2); `sk-bf-` belongs
 * to virtual keys, so the sandbox's is prefix-free.
 */
export const generateBifrostKey = (): string => urlSafe(cryptoBytes, 43);

/** An ngrok API key: `<key id>_<secret>`, the id starting with "2" as ngrok's ids do (research other-gateways §1.1). */
export const generateNgrokKey = (): string => `2${urlSafe(cryptoBytes, 26).replace(/[-_]/g, "x")}_${urlSafe(cryptoBytes, 32).replace(/[-_]/g, "x")}`;

/** A CoreWeave API access token (`CW-SECRET-...`, research other-gateways §3.1). */
export const generateCoreweaveKey = (): string => `CW-SECRET-${urlSafe(cryptoBytes, 32).replace(/[-_]/g, "x")}`;
