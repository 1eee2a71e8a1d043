import type { Command } from "commander";
import { bashScript } from "./bash.js";
import { fishScript } from "./fish.js";
import type { Shell } from "./shell.js";
import { completionSpec } from "./tree.js";
import { zshScript } from "./zsh.js";

export function completionScript(shell: Shell, program: Command): string {
  const spec = completionSpec(program);
  return shell === "bash" ? bashScript(spec) : shell === "zsh" ? zshScript(spec) : fishScript(spec);
}
