import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, it } from "vitest";
import { ROOT } from "./paths.js";

/**
 * Tests that need something outside the repository (a shell, tmux, ../shared, later the OS keychain)
 * declare it here. Where it is missing they skip with the reason in their title ("[skipped: zsh is not
 * installed] in real zsh"), so a fresh clone passes and the report says what did not run. GW_TEST_STRICT=1
 * (set by .ci/run) turns such a skip into a failure with that reason. GW_TEST_HIDE_TOOLS=zsh,fish,tmux,shared
 * pretends the named ones are missing, to try both paths on a machine that has them.
 */
export type Requirement = { ok: true } | { ok: false; reason: string };

const HIDDEN = new Set((process.env.GW_TEST_HIDE_TOOLS ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const STRICT = process.env.GW_TEST_STRICT === "1";

function hidden(name: string, reason: string): Requirement | null {
  return HIDDEN.has(name) ? { ok: false, reason: `${reason} (hidden by GW_TEST_HIDE_TOOLS)` } : null;
}

/** An executable called `name` on PATH (looked up, not run). */
export function requireTool(name: string): Requirement {
  const missing = `${name} is not installed`;
  const hide = hidden(name, missing);
  if (hide) return hide;
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return { ok: true };
    } catch {
      // not in this directory
    }
  }
  return { ok: false, reason: missing };
}

/** `../shared/<sub>` beside the repository (CI checks it out there). */
export function requireShared(sub = ""): Requirement {
  const rel = sub ? `../shared/${sub}` : "../shared";
  const missing = `there is no ${rel} beside the repository`;
  const hide = hidden("shared", missing);
  if (hide) return hide;
  return existsSync(join(ROOT, "..", "shared", sub)) ? { ok: true } : { ok: false, reason: missing };
}

function first(reqs: Requirement | Requirement[]): Requirement {
  return [reqs].flat().find((r) => !r.ok) ?? { ok: true };
}

/**
 * vitest's default reporter lists a skipped test only in a failing file, so the title alone would not show
 * up; one line on stderr per skipped block does ("stderr | <file>" in the report).
 */
function skipping(title: string): string {
  console.warn(`${title} (GW_TEST_STRICT=1 would fail it)`);
  return title;
}

function strictFailure(reason: string): () => never {
  return () => {
    throw new Error(`${reason}, and GW_TEST_STRICT=1 forbids skipping`);
  };
}

/** `describe` that runs when every requirement is met; otherwise skips (or, strict, fails) with the reason. */
export function describeNeeding(reqs: Requirement | Requirement[], name: string, fn: () => void): void {
  const req = first(reqs);
  if (req.ok) describe(name, fn);
  else if (STRICT) describe(name, () => it(`needs what is missing: ${req.reason}`, strictFailure(req.reason)));
  else describe.skip(skipping(`[skipped: ${req.reason}] ${name}`), fn);
}

/** `it` that runs when every requirement is met; otherwise skips (or, strict, fails) with the reason. */
export function itNeeding(reqs: Requirement | Requirement[], name: string, fn: () => unknown, timeout?: number): void {
  const req = first(reqs);
  if (req.ok) it(name, fn, timeout);
  else if (STRICT) it(name, strictFailure(req.reason));
  else it.skip(skipping(`[skipped: ${req.reason}] ${name}`), fn);
}
