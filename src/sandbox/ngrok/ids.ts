import { cryptoBytes, type ByteSource } from "../ids.js";
import type { NgrokState } from "./state.js";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encode(n: number, width: number): string {
  let s = "";
  let v = Math.max(0, Math.floor(n));
  for (let i = 0; i < width; i++) {
    s = CROCKFORD[v % 32] + s;
    v = Math.floor(v / 32);
  }
  return s;
}

/**
 * A prefixed id that sorts (as a string) in creation order: `beforeId` paging walks ids in descending
 * order (research §1.5), so newer must mean greater. Time, then a sequence for ids minted in the same
 * millisecond (or after the clock went back), then randomness. The real id format is unconfirmed [U].
 */
export function nextId(s: NgrokState, prefix: string, bytes: ByteSource = cryptoBytes, now: number = Date.now()): string {
  const ms = Math.max(now, s.clock.ms);
  const seq = ms === s.clock.ms ? s.clock.seq + 1 : 0;
  s.clock = { ms, seq };
  const random = bytes(10);
  let tail = "";
  for (const b of random) tail += CROCKFORD[b & 31];
  return `${prefix}_${encode(ms, 10)}${encode(seq, 4)}${tail}`;
}
