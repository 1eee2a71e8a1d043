import type { BindingsPart, ModelProvidersPart } from "../../backends/backend.js";
import type { Context } from "../../context.js";
import type { BindInput, Binding } from "../../domain/binding.js";
import type { ModelProvider } from "../../domain/virtual-key.js";
import { CancelledError, NotFoundError } from "../../errors.js";
import type { Choice, Prompter } from "../../io/prompter.js";
import { cell } from "../../output/render.js";

/**
 * `gw providers bind` in a terminal without --provider: pick the model provider, then slot, limits and
 * priority, then confirm a summary of exactly what will be sent. Values given as flags are not asked again.
 * Returns null when the user declines; Ctrl-C becomes CancelledError (exit 130). Nothing is sent before
 * the final confirmation.
 */
export async function bindWizard(ctx: Context, backend: WizardParts, given: Partial<BindInput>): Promise<BindInput | null> {
  const prompter = await ctx.prompter();
  try {
    return await ask(ctx, prompter, backend, given);
  } catch (err) {
    if (err instanceof Error && (err.name === "ExitPromptError" || err.name === "AbortPromptError")) {
      throw new CancelledError("cancelled; no binding was created");
    }
    throw err;
  }
}

/** The wizard reads the bindings (for taken slots) and the model providers it offers. */
export interface WizardParts {
  bindings: BindingsPart;
  modelProviders: ModelProvidersPart;
}

async function ask(ctx: Context, prompter: Prompter, backend: WizardParts, given: Partial<BindInput>): Promise<BindInput | null> {
  const bindings = await backend.bindings.list();
  const input: Partial<BindInput> = { ...given };

  if (input.providerId === undefined) {
    const providers = await backend.modelProviders.list();
    const choices = providerChoices(providers, bindings, given.slot);
    if (!choices.some((c) => !c.disabled)) {
      throw new NotFoundError(
        "no model provider can be bound: store and enable one in the dashboard under Settings -> Model Providers" +
          (given.slot ? ` (or pick a slot other than ${given.slot})` : ""),
      );
    }
    input.providerId = await prompter.select("Model provider to bind", choices);
  }

  const taken = new Set(bindings.filter((b) => b.providerId === input.providerId).map((b) => b.slot ?? ""));
  if (input.slot === undefined) {
    input.slot = (
      await prompter.input("Slot", {
        default: firstFreeSlot(taken),
        validate: (v) => (!v.trim() ? "a slot is required" : taken.has(v.trim()) ? `this provider is already bound in slot ${v.trim()}` : true),
      })
    ).trim();
  }
  for (const dim of ["rpm", "tpm", "rpd"] as const) {
    if (input[dim] === undefined) {
      const value = await prompter.input(`${dim.toUpperCase()} limit (blank = inherit)`, { validate: blankOr(isPositiveInt, "a positive integer") });
      if (value.trim()) input[dim] = Number(value.trim());
    }
  }
  if (input.fallbackPriority === undefined) {
    const value = await prompter.input("Fallback priority (blank = none; lower is tried first)", { validate: blankOr(isInt, "an integer") });
    if (value.trim()) input.fallbackPriority = Number(value.trim());
  }

  const complete = input as BindInput;
  ctx.note(summary(complete, bindings));
  if (!(await prompter.confirm("Create this binding?", { default: true }))) return null;
  return complete;
}

/**
 * The slot Enter accepts: `primary`, else the first free `fallback-N`, so pressing Enter through the wizard
 * always gives a binding the control plane takes. A disabled binding keeps its slot (LangWatch disable is
 * permanent), so it counts as taken.
 */
export function firstFreeSlot(taken: ReadonlySet<string>): string {
  if (!taken.has("primary")) return "primary";
  for (let n = 1; ; n++) if (!taken.has(`fallback-${n}`)) return `fallback-${n}`;
}

function providerChoices(providers: ModelProvider[], bindings: Binding[], slot: string | undefined): Choice<string>[] {
  // Registry defaults that were never saved in the project cannot be bound: leave them out.
  const stored = providers.filter((p) => p.stored && p.id !== null);
  // Providers with a free primary slot first (stable otherwise): Enter on the first line binds a primary.
  const hasPrimary = (p: ModelProvider) => bindings.some((b) => b.providerId === p.id && b.slot === "primary");
  const ordered = [...stored.filter((p) => !hasPrimary(p)), ...stored.filter(hasPrimary)];
  const width = Math.max(0, ...ordered.map((p) => cell(p.provider).length));
  return ordered.map((p) => {
    const bound = bindings.filter((b) => b.providerId === p.id);
    const boundIn = bound.map((b) => b.slot ?? "-");
    const hint = bound.map((b) => `${b.slot ?? "-"}${b.status === "disabled" ? " disabled" : ""}`);
    const name = `${cell(p.provider).padEnd(width)}  ${p.id}${hint.length ? `  (bound: ${hint.join(", ")})` : ""}`;
    let disabled: string | false = false;
    if (!p.enabled) disabled = "disabled in Settings -> Model Providers";
    else if (slot !== undefined && boundIn.includes(slot)) disabled = `already bound in slot ${slot}`;
    const description = p.models.length ? `models: ${cell(p.models.join(", "))}` : undefined;
    return { name, value: p.id!, ...(description ? { description } : {}), ...(disabled ? { disabled } : {}) };
  });
}

function summary(input: BindInput, bindings: Binding[]): string {
  const known = bindings.find((b) => b.providerId === input.providerId)?.provider;
  const show = (n: number | undefined) => (n === undefined ? "inherit" : String(n));
  return [
    "About to create this binding:",
    `  provider           ${known ? `${known} (${input.providerId})` : input.providerId}`,
    `  slot               ${input.slot ?? "primary"}`,
    `  rpm / tpm / rpd    ${show(input.rpm)} / ${show(input.tpm)} / ${show(input.rpd)}`,
    `  fallback priority  ${input.fallbackPriority ?? "none"}`,
    ...(input.headers ? [`  extra headers      ${Object.keys(input.headers).join(", ") || "(none)"}`] : []),
  ].join("\n");
}

const isPositiveInt = (v: string) => /^\d+$/.test(v) && Number(v) >= 1 && Number.isSafeInteger(Number(v));
const isInt = (v: string) => /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v));

function blankOr(check: (v: string) => boolean, what: string): (v: string) => true | string {
  return (v) => (!v.trim() || check(v.trim()) ? true : `must be ${what}, or blank`);
}
