import { Command } from "commander";
import type { Context } from "../../context.js";
import { availableCommand } from "./available.js";
import { bindCommand } from "./bind.js";
import { deleteCommand, disableCommand, enableCommand } from "./status.js";
import { getCommand } from "./get.js";
import { keysCommand } from "./keys/index.js";
import { listCommand } from "./list.js";
import { updateCommand } from "./update.js";

export function providersCommand(ctx: Context): Command {
  return new Command("providers")
    .description("provider bindings: which provider credentials the gateway uses, their limits and priority")
    .addCommand(listCommand(ctx))
    .addCommand(getCommand(ctx))
    .addCommand(bindCommand(ctx))
    .addCommand(updateCommand(ctx))
    .addCommand(disableCommand(ctx))
    .addCommand(enableCommand(ctx))
    .addCommand(deleteCommand(ctx))
    .addCommand(availableCommand(ctx))
    .addCommand(keysCommand(ctx));
}
