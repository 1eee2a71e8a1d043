import type { Command } from "commander";
import type { Shell } from "../commands/completion.js";
import { bashScript } from "./bash.js";
import { fishScript } from "./fish.js";
import { completionSpec } from "./tree.js";
import { zshScript } from "./zsh.js";

export function completionScript(shell: Shell, program: Command): string {
  const spec = completionSpec(program);
  return shell === "bash" ? bashScript(spec) : shell === "zsh" ? zshScript(spec) : fishScript(spec);
}
