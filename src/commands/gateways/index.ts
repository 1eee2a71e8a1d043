import { Command } from "commander";
import type { Context } from "../../context.js";

// TODO(issue 4, CoreWeave): list, get, create, update, delete, zones.
export function gatewaysCommand(_ctx: Context): Command {
  return new Command("gateways").description("inference gateways (CoreWeave): list, get, create, update, delete, zones");
}
