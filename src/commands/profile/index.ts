import { Command } from "commander";
import type { Context } from "../../context.js";
import { addCommand } from "./add.js";
import { listCommand } from "./list.js";
import { migrateKeysCommand } from "./migrate-keys.js";
import { removeCommand } from "./remove.js";
import { showCommand } from "./show.js";
import { useCommand } from "./use.js";

export function profileCommand(ctx: Context): Command {
  return new Command("profile")
    .description("manage connection profiles (control plane URL and API key)")
    .addCommand(addCommand(ctx))
    .addCommand(listCommand(ctx))
    .addCommand(useCommand(ctx))
    .addCommand(showCommand(ctx))
    .addCommand(removeCommand(ctx))
    .addCommand(migrateKeysCommand(ctx));
}
