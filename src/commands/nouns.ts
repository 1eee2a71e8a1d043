import type { Command } from "commander";
import type { Context } from "../context.js";

/** Builds a noun's full command: its verbs, flags and actions. */
export type NounFactory = (ctx: Context, root: () => Command) => Command;

/**
 * gw's nouns in `gw --help` order (issue 15). `gw --help` and a run of one noun need no other noun's verbs,
 * so each is a stub (its line in `gw --help`: name, term and description) until a command line names it;
 * only then is its module imported. `term` and `description` are what commander prints for the full command:
 * test/unit/lazy-tree-help.test.ts fails when one differs from the noun's own module.
 */
export interface Noun {
  name: string;
  /** The "Commands:" term of `gw --help`: name, "[options]" when it has options, its arguments. */
  term: string;
  description: string;
  load: () => Promise<NounFactory>;
}

export const NOUNS: readonly Noun[] = [
  {
    name: "profile",
    term: "profile",
    description: "manage connection profiles (control plane URL and API key)",
    load: async () => (await import("./profile/index.js")).profileCommand,
  },
  {
    name: "status",
    term: "status [options]",
    description: "check a profile: reach the control plane, check the key, show the server's version and what gw can do there",
    load: async () => {
      const { statusCommand } = await import("./status.js");
      return (ctx) => statusCommand(ctx);
    },
  },
  {
    name: "providers",
    term: "providers",
    description: "provider bindings: which provider credentials the gateway uses, their limits and priority",
    load: async () => (await import("./providers/index.js")).providersCommand,
  },
  {
    name: "vk",
    term: "vk",
    description: "virtual keys: the keys apps use, each with its fallback chain and limits",
    load: async () => (await import("./vk/index.js")).vkCommand,
  },
  {
    name: "chain",
    term: "chain",
    description: "a virtual key's fallback chain: show it (gw chain <vk-id>) or replace it (gw chain set)",
    load: async () => (await import("./chain/index.js")).chainCommand,
  },
  {
    name: "limits",
    term: "limits [options]",
    description: "rate limits of every binding and virtual key, with what cannot take effect",
    load: async () => {
      const { limitsCommand } = await import("./limits.js");
      return (ctx) => limitsCommand(ctx);
    },
  },
  {
    name: "gateways",
    term: "gateways",
    description: "inference gateways (CoreWeave): list, get, create, update, delete, zones",
    load: async () => (await import("./gateways/index.js")).gatewaysCommand,
  },
  {
    name: "export",
    term: "export [options]",
    description: "write the profile's provider configuration as a declarative document (no secrets)",
    load: async () => {
      const { exportCommand } = await import("./config/export.js");
      return (ctx) => exportCommand(ctx);
    },
  },
  {
    name: "diff",
    term: "diff [options]",
    description: "show what `gw apply -f F` would create, change and remove, field by field",
    load: async () => {
      const { diffCommand } = await import("./config/diff.js");
      return (ctx) => diffCommand(ctx);
    },
  },
  {
    name: "apply",
    term: "apply [options]",
    description: "make the control plane match a document: show the plan, confirm, apply, summarise",
    load: async () => {
      const { applyCommand } = await import("./config/apply.js");
      return (ctx) => applyCommand(ctx);
    },
  },
  {
    name: "backends",
    term: "backends [options]",
    description: "show which commands and flags each control plane supports",
    load: async () => {
      const { backendsCommand } = await import("./backends.js");
      return (ctx) => backendsCommand(ctx);
    },
  },
  {
    name: "api",
    term: "api [options] <method> <path>",
    description: "call the control plane's API with the profile's auth and print the response body (like gh api)",
    load: async () => {
      const { apiCommand } = await import("./api.js");
      return (ctx) => apiCommand(ctx);
    },
  },
  {
    name: "sandbox",
    term: "sandbox [options]",
    description: "run a local emulator of a control plane, to try gw or rehearse CI scripts against",
    load: async () => {
      const { sandboxCommand } = await import("./sandbox.js");
      return (ctx) => sandboxCommand(ctx);
    },
  },
  {
    name: "completion",
    term: "completion <shell>",
    description: "print a shell completion script (bash, zsh or fish)",
    load: async () => {
      const { completionCommand } = await import("./completion.js");
      return (ctx, root) => completionCommand(ctx, root);
    },
  },
  {
    name: "help",
    term: "help [command...]",
    description: "display help for command",
    load: async () => (await import("./help.js")).helpCommand,
  },
];

/** Global options that take a value, so their value is not read as a noun. */
const VALUE_OPTIONS = new Set(["--profile", "--timeout", "--retries", "--ca-file"]);

/**
 * The nouns a command line needs in full: none for `gw`, `gw --help` or `gw --version`; the one it names;
 * every noun for `help` and `completion` (they walk the whole tree) and for a word that is no noun (so
 * commander's "did you mean ..." sees every name).
 */
export function nounsNeeded(argv: readonly string[]): readonly Noun[] {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") return NOUNS;
    if (VALUE_OPTIONS.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith("-")) continue;
    const noun = NOUNS.find((n) => n.name === word);
    return noun && noun.name !== "help" && noun.name !== "completion" ? [noun] : word === "__complete" ? [] : NOUNS;
  }
  return [];
}
