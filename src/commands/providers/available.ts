import { Command } from "commander";
import { requirePart } from "../../backends/capabilities.js";
import type { Context } from "../../context.js";
import type { Binding } from "../../domain/binding.js";
import type { ModelProvider } from "../../domain/virtual-key.js";
import { RejectedError } from "../../errors.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../../output/format.js";
import { renderList } from "../../output/render.js";
import type { ListView } from "../../output/view.js";

/**
 * A model provider a binding can reference (`gw providers bind --provider <id|name>`), with the slots its
 * bindings already take: the JSON record of `gw providers available -o json`. Fields are only ever added.
 */
export interface AvailableProvider {
  /** The id `providers bind --provider` takes; null for a registry default never stored in the project (cannot be bound). */
  id: string | null;
  provider: string;
  enabled: boolean;
  stored: boolean;
  models: string[];
  /** Slots of this provider's bindings, disabled ones included; null when the bindings could not be read. */
  boundSlots: string[] | null;
}

export interface AvailableOptions {
  /** Registry defaults nobody stored too (they cannot be bound until stored in the dashboard). */
  all: boolean;
  output: OutputChoice;
}

export function availableCommand(ctx: Context, run = runAvailable): Command {
  return addOutputOptions(
    new Command("available")
      .description("the model providers a binding can reference (LangWatch), which are enabled and which slots are taken")
      .option("--all", "registry defaults that were never stored in the project too (they cannot be bound yet)"),
    { list: true },
  ).action((flags: OutputFlags & { all?: boolean }) => run({ all: Boolean(flags.all), output: outputChoice(flags, ctx.env) }, ctx));
}

export async function runAvailable(opts: AvailableOptions, ctx: Context): Promise<void> {
  const backend = await ctx.backend();
  const providers = await requirePart(backend, "providers available").list();
  let bindings: Binding[] | null = null;
  if (backend.bindings) {
    try {
      bindings = await backend.bindings.list();
    } catch (err) {
      // A control plane without a bindings API (LangWatch v3.4+ answers 410) still lists its providers.
      if (!(err instanceof RejectedError)) throw err;
      ctx.warn(`bound slots are not available: ${err.message}`);
    }
  }
  const shown = providers.filter((p) => opts.all || p.stored);
  await renderList(ctx.io, opts.output, shown.map((p) => available(p, bindings)), availableView);
}

export function available(p: ModelProvider, bindings: readonly Binding[] | null): AvailableProvider {
  const boundSlots = bindings === null ? null : bindings.filter((b) => p.id !== null && b.providerId === p.id).map((b) => b.slot ?? "-");
  return { id: p.id, provider: p.provider, enabled: p.enabled, stored: p.stored, models: p.models, boundSlots };
}

export const availableView: ListView<AvailableProvider> = {
  columns: [
    { header: "ID", value: (p) => p.id ?? "(not stored)", fixed: true },
    { header: "PROVIDER", value: (p) => p.provider },
    { header: "ENABLED", value: (p) => (p.enabled ? "yes" : "no") },
    { header: "MODELS", value: (p) => String(p.models.length), priority: 1 },
    { header: "BOUND SLOTS", value: (p) => (p.boundSlots === null ? "?" : p.boundSlots.length ? p.boundSlots.join(", ") : "-") },
  ],
  dim: (p) => !p.enabled || !p.stored,
  empty: "No model providers are stored in this project: add one in the dashboard under Settings -> Model Providers (gw providers available --all lists the registry).",
};
