import { Command } from "commander";
import type { Context } from "../../context.js";
import { createCommand } from "./create.js";
import { getCommand, listCommand } from "./read.js";
import { revokeCommand } from "./revoke.js";
import { rotateCommand } from "./rotate.js";
import { deleteCommand } from "./delete.js";
import { disableCommand, enableCommand } from "./status.js";
import { updateCommand } from "./update.js";

export function vkCommand(ctx: Context): Command {
  return new Command("vk")
    .description("virtual keys: the keys apps use, each with its fallback chain and limits")
    .addCommand(listCommand(ctx))
    .addCommand(getCommand(ctx))
    .addCommand(createCommand(ctx))
    .addCommand(updateCommand(ctx))
    .addCommand(rotateCommand(ctx))
    .addCommand(revokeCommand(ctx))
    .addCommand(disableCommand(ctx))
    .addCommand(enableCommand(ctx))
    .addCommand(deleteCommand(ctx));
}
