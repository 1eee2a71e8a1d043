import { Command } from "commander";
import type { Context } from "../../context.js";
import { createCommand } from "./create.js";
import { deleteCommand } from "./delete.js";
import { getCommand } from "./get.js";
import { listCommand } from "./list.js";
import { updateCommand } from "./update.js";
import { zonesCommand } from "./zones.js";

export function gatewaysCommand(ctx: Context): Command {
  return new Command("gateways")
    .description("inference gateways (CoreWeave): list, get, create, update, delete, zones")
    .addCommand(listCommand(ctx))
    .addCommand(getCommand(ctx))
    .addCommand(createCommand(ctx))
    .addCommand(updateCommand(ctx))
    .addCommand(deleteCommand(ctx))
    .addCommand(zonesCommand(ctx));
}
