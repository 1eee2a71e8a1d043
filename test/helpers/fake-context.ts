import type { Backend } from "../../src/backends/backend.js";
import { DEFAULT_GLOBALS, type Context } from "../../src/context.js";
import type { Prompter } from "../../src/io/prompter.js";
import type { ResolvedProfile } from "../../src/profiles/types.js";
import { fakeIO, type FakeIO } from "./fake-io.js";

/** A Context whose parts are fakes; anything not given throws when used. */
export function fakeContext(parts: { io?: FakeIO; backend?: Backend; profile?: ResolvedProfile; prompter?: Prompter; env?: Record<string, string>; stop?: Promise<string> } = {}): Context & { io: FakeIO } {
  const io = parts.io ?? fakeIO();
  const missing = (what: string) => () => Promise.reject(new Error(`fakeContext: no ${what} given`));
  return {
    io,
    env: parts.env ?? {},
    version: "0.0.0-test",
    globals: { ...DEFAULT_GLOBALS },
    configDir: () => "/nonexistent/gw-test",
    profile: parts.profile ? () => Promise.resolve(parts.profile!) : missing("profile"),
    backend: parts.backend ? () => Promise.resolve(parts.backend!) : missing("backend"),
    http: missing("http client"),
    prompter: parts.prompter ? () => Promise.resolve(parts.prompter!) : missing("prompter"),
    // No signal arrives unless a test sends one (`stop`): a resolved promise would read as Ctrl-C at once.
    waitForStop: () => parts.stop ?? new Promise<string>(() => undefined),
    note: (m) => io.stderr.write(`${m}\n`),
    warn: (m) => io.stderr.write(`warning: ${m}\n`),
    secrets: [],
  };
}
