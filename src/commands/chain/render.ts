import type { ChalkInstance } from "chalk";
import type { Binding } from "../../domain/binding.js";
import { hopText, resolveChain, type ChainHop } from "../../domain/chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { cell } from "../../output/render.js";

const ARROW = " -> ";

/**
 * The chain for people: on one line when it fits the terminal, otherwise one hop per line. Keys without an
 * explicit chain (LangWatch v3.4+) show what the API does expose, and say what it does not.
 */
export function renderChain(key: VirtualKey, bindings: readonly Binding[], opts: { columns: number; chalk: ChalkInstance }): string {
  const { chalk } = opts;
  const lines: string[] = [`Virtual key ${cell(key.id)} (${cell(key.name)}), ${key.status}`];
  if (!key.chain) return [...lines, ...routingLines(key)].join("\n") + "\n";

  const hops = resolveChain(key, bindings);
  if (hops.length === 0) return [...lines, "No fallback chain."].join("\n") + "\n";
  const texts = hops.map((h) => cell(hopText(h)));
  const styled = hops.map((h, i) => (h.binding?.status === "disabled" || !h.binding ? chalk.yellow(texts[i]) : texts[i]!));
  const oneLine = texts.join(ARROW);
  if (oneLine.length <= opts.columns) lines.push(styled.join(ARROW));
  else styled.forEach((t, i) => lines.push(i === 0 ? `    ${t}` : ` -> ${t}`));

  lines.push(attemptsLine(key, hops.length));
  if (key.fallbackOn) lines.push(`Falls through on: ${key.fallbackOn.join(", ")}`);
  for (const hop of hops) {
    if (!hop.binding) lines.push(chalk.yellow(`Warning: ${hop.label} is binding ${hop.bindingId}, which is not in this project's bindings.`));
    else if (hop.binding.status === "disabled") {
      lines.push(
        chalk.yellow(
          `Note: ${hop.label} (${hop.binding.provider}) is disabled, but it still serves this key: LangWatch keeps ` +
            "disabled bindings in existing chains. Replace it with gw chain set.",
        ),
      );
    }
  }
  return lines.join("\n") + "\n";
}

function attemptsLine(key: VirtualKey, hops: number): string {
  if (key.maxAttempts === null) return `Max attempts: not set (${hops} hop${hops === 1 ? "" : "s"})`;
  const cut = key.maxAttempts < hops ? `: only the first ${key.maxAttempts} of ${hops} hops are tried` : "";
  return `Max attempts: ${key.maxAttempts}${cut}`;
}

function routingLines(key: VirtualKey): string[] {
  const lines = [`Routing mode: ${key.routingMode ?? "none"}`];
  if (key.routingPolicyId) lines.push(`Routing policy: ${key.routingPolicyId}`);
  lines.push(`Allowed providers: ${key.providersAllowed?.length ? key.providersAllowed.join(", ") : "all reachable"}`);
  if (key.maxAttempts !== null) lines.push(`Max attempts: ${key.maxAttempts}`);
  const why: Record<string, string> = {
    none: "no failover: every request goes to one provider",
    fallback_all: "every allowed provider, ordered by its fallback priority, which no public API returns",
    policy: "the order of the routing policy's providers, which no public API returns",
  };
  lines.push(
    `This server (LangWatch v3.4+) derives the chain per request (${why[key.routingMode ?? "none"] ?? key.routingMode}); ` +
      "its API does not expose the resolved order, so gw cannot show the hops.",
  );
  return lines;
}

/** -o json: the ordered hops as binding records (era a); the routing settings where there is no chain. */
export function chainJson(key: VirtualKey, bindings: readonly Binding[]): unknown {
  if (!key.chain) {
    return {
      virtualKeyId: key.id,
      routingMode: key.routingMode,
      routingPolicyId: key.routingPolicyId,
      providersAllowed: key.providersAllowed,
      maxAttempts: key.maxAttempts,
      hops: null,
    };
  }
  return resolveChain(key, bindings).map(hopJson);
}

function hopJson(hop: ChainHop): unknown {
  return hop.binding ? { ...hop.binding } : { id: hop.bindingId, missing: true };
}
