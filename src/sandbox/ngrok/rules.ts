import type { SurfaceRow } from "./state.js";

/**
 * What the server checks beyond the schema (the contract runs first). Each returns a message or undefined.
 * Sources: research §1.3 ([D] https rule, [C] catalog collision, runtime-validated formats); the exact
 * lists below are the sandbox's assumptions [U].
 */

/** `http://` only for ngrok `.internal` endpoints; everything else must be `https://` (research §1.3 [D]). */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `baseUrl "${value}" is not a valid URL`;
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && url.hostname.endsWith(".internal")) return undefined;
  if (url.protocol === "http:") return `baseUrl must use https:// (http:// is only allowed for ngrok .internal endpoints): ${value}`;
  return `baseUrl must be an https:// URL: ${value}`;
}

/** Built-in catalog providerIds a custom provider may not take (a sample; the real catalog is larger [U]). */
export const CATALOG_PROVIDER_IDS = ["openai", "anthropic", "google", "mistral", "groq", "deepseek", "xai", "openrouter"];

/** Formats and their surfaces, from the examples the spec gives (openai, anthropic; chat-completions, responses, messages) [U]. */
export const KNOWN_SURFACES: Record<string, readonly string[]> = {
  openai: ["chat-completions", "responses"],
  anthropic: ["messages"],
};

export function surfacesProblem(surfaces: SurfaceRow[]): string | undefined {
  for (const [i, s] of surfaces.entries()) {
    const known = KNOWN_SURFACES[s.format];
    if (!known) return `supportedApiSurfaces[${i}].format "${s.format}" is not a known format (${Object.keys(KNOWN_SURFACES).join(", ")})`;
    if (s.surface !== undefined && !known.includes(s.surface)) {
      return `supportedApiSurfaces[${i}].surface "${s.surface}" is not a known ${s.format} surface (${known.join(", ")})`;
    }
    // A surface's own upstream URL is held to the provider baseUrl's rule: the gateway calls it the same way [U].
    const urlProblem = s.baseUrl !== undefined ? baseUrlProblem(s.baseUrl) : undefined;
    if (urlProblem) return `supportedApiSurfaces[${i}].${urlProblem}`;
  }
  return undefined;
}

/** A model set is a set: the same modelId twice is refused [U]. */
export function modelsProblem(models: { modelId: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const m of models) {
    if (seen.has(m.modelId)) return `models: modelId "${m.modelId}" appears more than once`;
    seen.add(m.modelId);
  }
  return undefined;
}
