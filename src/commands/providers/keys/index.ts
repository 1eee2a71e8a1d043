import { Command } from "commander";
import type { Context } from "../../../context.js";
import { addCommand } from "./add.js";
import { listCommand } from "./list.js";
import { removeCommand } from "./remove.js";
import { rotateCommand } from "./rotate.js";
import { updateCommand } from "./update.js";

export function keysCommand(ctx: Context): Command {
  return new Command("keys")
    .description("a provider's upstream credentials (the keys the gateway calls the provider with)")
    .addCommand(listCommand(ctx))
    .addCommand(addCommand(ctx))
    .addCommand(updateCommand(ctx))
    .addCommand(rotateCommand(ctx))
    .addCommand(removeCommand(ctx));
}
