import type { ChainView } from "../../backends/backend.js";
import type { Context } from "../../context.js";
import type { OutputChoice } from "../../output/format.js";
import { writeData } from "../../output/render.js";
import { chainJson, renderChain } from "./render.js";
import { renderRouterChains, routerChainsJson } from "./render-router.js";
import { renderRoutingChains, routingChainsJson } from "./render-rules.js";

/** A chain view as JSON/YAML, or drawn for people: ordered bindings, the routing rules' fallbacks, or ngrok's router rules. */
export async function writeChain(ctx: Context, output: OutputChoice, view: ChainView): Promise<void> {
  if (output.format !== "table") {
    const data =
      view.kind === "rules"
        ? routingChainsJson(view.key, view.rules)
        : view.kind === "router"
          ? routerChainsJson(view.key, view.configuration, view.sharedWith, view.rules, view.hosted)
          : chainJson(view.key, view.bindings);
    return writeData(ctx.io, output, data);
  }
  const { Chalk } = await import("chalk");
  const style = { columns: ctx.io.columns, chalk: new Chalk({ level: ctx.io.colorEnabled ? 1 : 0 }) };
  ctx.io.stdout.write(
    view.kind === "rules"
      ? renderRoutingChains(view.key, view.rules, style)
      : view.kind === "router"
        ? renderRouterChains(view.key, view.configuration, view.sharedWith, view.rules, view.hosted, style)
        : renderChain(view.key, view.bindings, style),
  );
}
