import { Command } from "commander";
import type { Shell } from "../completion/shell.js";
import type { Context } from "../context.js";

export type { Shell } from "../completion/shell.js";

export interface CompletionOptions {
  shell: Shell;
}

/** `gw completion bash|zsh|fish`: a script generated from the command tree this very binary has. */
export function completionCommand(ctx: Context, root: () => Command, run = runCompletion): Command {
  return new Command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(new Command().createArgument("<shell>", "bash, zsh or fish").choices(["bash", "zsh", "fish"]))
    .addHelpText(
      "after",
      "\nBesides commands, flags and their fixed values, the scripts complete profile names (gw profile use, --profile)\n" +
        "from the config file, and the ids and names of virtual keys, provider bindings, chain hops and gateways of the\n" +
        "profile in use, from one list call (2 s timeout) cached for 60 s in $XDG_CACHE_HOME/gw (else ~/.cache/gw).\n" +
        "A control plane that is down or slow offers nothing; completion never prints an error.",
    )
    .addHelpText("after", "\nExamples:\n  gw completion bash > ~/.local/share/bash-completion/completions/gw\n  gw completion zsh > \"${fpath[1]}/_gw\"\n  gw completion fish > ~/.config/fish/completions/gw.fish")
    .action((shell: Shell) => run({ shell }, ctx, root()));
}

export async function runCompletion(opts: CompletionOptions, ctx: Context, program: Command): Promise<void> {
  const { completionScript } = await import("../completion/script.js");
  ctx.io.stdout.write(completionScript(opts.shell, program));
}
