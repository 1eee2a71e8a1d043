import type { Command } from "commander";
import type { Context } from "../../src/context.js";
import type { Prompter } from "../../src/io/prompter.js";
import { fakeContext } from "./fake-context.js";

/**
 * argv -> a verb's options through its run seam (`make(ctx, run)` builds the command, `run` receives what
 * the flags parsed to): no backend involved. Commander's own output is swallowed; its errors throw.
 */
export async function parseOptions<T>(make: (ctx: Context, run: (o: T) => Promise<void>) => Command, argv: string[]): Promise<T> {
  let captured: T | undefined;
  const cmd = make(fakeContext(), async (o) => void (captured = o));
  cmd.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  await cmd.parseAsync(argv, { from: "user" });
  return captured!;
}

/** Answers every confirm with `answer` and records the question; any other prompt is a test failure. */
export function confirming(answer: boolean): { prompter: Prompter; asked: string[] } {
  const asked: string[] = [];
  const unexpected = (message: string) => Promise.reject(new Error(`unexpected prompt: ${message}`));
  const prompter: Prompter = { confirm: async (m) => (asked.push(m), answer), input: unexpected, password: unexpected, select: unexpected };
  return { prompter, asked };
}
