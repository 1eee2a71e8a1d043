import { oneLine } from "../redact.js";
import type { IOStreams } from "./streams.js";

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  disabled?: boolean | string;
}

/** Everything gw asks a person. Only built when io.canPrompt(); tests use a fake answering by message. */
export interface Prompter {
  password(message: string): Promise<string>;
  input(message: string, opts?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(message: string, choices: Choice<T>[], opts?: { default?: T }): Promise<T>;
  confirm(message: string, opts?: { default?: boolean }): Promise<boolean>;
}

/** @inquirer/prompts bound to gw's streams: prompts draw on stderr so stdout stays data. */
export async function createInquirerPrompter(io: IOStreams): Promise<Prompter> {
  const prompts = await import("@inquirer/prompts");
  const context = { input: io.stdin, output: io.stderr, clearPromptOnDone: false };
  // Messages and choices name what a server sent (bindings, keys): drawn without their control characters.
  const safe = (text: string) => oneLine(text);
  const safeChoice = <T,>(c: Choice<T>): Choice<T> => ({
    ...c,
    name: safe(c.name),
    ...(c.description !== undefined ? { description: safe(c.description) } : {}),
    ...(typeof c.disabled === "string" ? { disabled: safe(c.disabled) } : {}),
  });
  return {
    password: (message) => prompts.password({ message: safe(message), mask: "*" }, context),
    input: (message, opts) =>
      prompts.input(
        { message: safe(message), ...(opts?.default !== undefined ? { default: opts.default } : {}), ...(opts?.validate ? { validate: opts.validate } : {}) },
        context,
      ),
    select: <T,>(message: string, choices: Choice<T>[], opts?: { default?: T }) =>
      prompts.select<T>({ message: safe(message), choices: choices.map(safeChoice), pageSize: 12, ...(opts?.default !== undefined ? { default: opts.default } : {}) }, context),
    confirm: (message, opts) => prompts.confirm({ message: safe(message), default: opts?.default ?? false }, context),
  };
}
