import type { Budget, BudgetInput, ProviderGrant, VirtualKey, VirtualKeyInput, VirtualKeyPatch, VkProviderConfig } from "../../domain/virtual-key.js";
import { UsageError } from "../../errors.js";
import { isRecord } from "../wire-check.js";
import { planRateLimit, rateLimitBody, windowsFromWire, type LimitChange } from "./rate-limit.js";
import type { Generation } from "./version.js";
import type { WireRateLimitWrite } from "./wire.js";

/**
 * The bodies of POST and PUT /api/governance/virtual-keys[/{vk_id}] (research §2.6; contracts/bifrost.openapi.json
 * CreateVirtualKeyRequest, UpdateVirtualKeyRequest, VKProviderConfigWrite). Pure: the writes in vk-writes.ts
 * read what they need first.
 */

export interface WireBudgetWrite {
  id?: string;
  max_limit: number;
  reset_duration: string;
  calendar_aligned?: boolean;
}

export interface WireProviderConfigWrite {
  /** An existing config's id (an integer): the server updates that config instead of creating one. */
  id?: number;
  provider: string;
  weight?: number | null;
  allowed_models: string[];
  blacklisted_models?: string[];
  budgets?: WireBudgetWrite[];
  rate_limit?: WireRateLimitWrite;
  key_ids?: string[];
}

export interface WireVirtualKeyWrite {
  name?: string;
  description?: string;
  provider_configs?: WireProviderConfigWrite[];
  team_id?: string | null;
  customer_id?: string | null;
  budgets?: WireBudgetWrite[];
  rate_limit?: WireRateLimitWrite;
  is_active?: boolean;
  allow_all_providers?: boolean;
}

/** "Every one" in an allow-list: `["*"]` since v1.5, `[]` on v1.4, where the lists were not deny-by-default (§2.1). */
export function allOf(generation: Generation): string[] {
  return generation === "1.4" ? [] : ["*"];
}

/** gw's allow-list (null = all; a "*" among the models says all too) as this generation writes it. */
export function allowListBody(list: readonly string[] | null, generation: Generation): string[] {
  return list === null || list.includes("*") ? allOf(generation) : [...list];
}

/** A budget to set; one the key already has in the same window keeps its id and calendar alignment (usage is kept by the server). */
function budgetBody(b: BudgetInput, current: readonly WireBudgetWrite[]): WireBudgetWrite {
  const match = current.find((c) => c.reset_duration === b.resetDuration);
  const body: WireBudgetWrite = { max_limit: b.maxLimit, reset_duration: b.resetDuration };
  if (match?.id) body.id = match.id;
  if (match?.calendar_aligned) body.calendar_aligned = true;
  return body;
}

/** Budgets as stored (a wire array), as they would be written back unchanged. */
export function storedBudgets(value: unknown): WireBudgetWrite[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((b) =>
    isRecord(b) && typeof b.max_limit === "number" && typeof b.reset_duration === "string" && b.reset_duration !== ""
      ? [
          {
            ...(typeof b.id === "string" && b.id !== "" ? { id: b.id } : {}),
            max_limit: b.max_limit,
            reset_duration: b.reset_duration,
            ...(b.calendar_aligned === true ? { calendar_aligned: true } : {}),
          },
        ]
      : [],
  );
}

/** Two budgets in one window: the server would refuse them (a reset_duration is unique within the array). */
function refuseDuplicateBudgets(budgets: readonly BudgetInput[] | undefined): void {
  const windows = (budgets ?? []).map((b) => b.resetDuration);
  const twice = windows.find((w, i) => windows.indexOf(w) !== i);
  if (twice) throw new UsageError(`--budget for the window ${twice} is given twice (a key has one budget per window)`);
}

function refuseBothOwners(teamId: string | null | undefined, customerId: string | null | undefined): void {
  if (teamId && customerId) throw new UsageError("--team and --customer exclude each other (a key belongs to one)");
}

/** Refused before anything is sent: a key's request limit has one window, so it is rpm or rpd, not both. */
function refuseRpmAndRpd(change: LimitChange | null): void {
  if (typeof change?.rpm === "number" && typeof change.rpd === "number") {
    throw new UsageError(
      "Bifrost holds one request limit per virtual key, with one reset window: --rpm (per minute) and --rpd (per day) cannot both be set; pick one",
    );
  }
}

/** The limits of a create as a change from nothing. */
function createLimits(input: Pick<VirtualKeyInput, "rpm" | "tpm" | "rpd">): LimitChange | null {
  const change: LimitChange = {};
  for (const dim of ["rpm", "tpm", "rpd"] as const) if (typeof input[dim] === "number") change[dim] = input[dim];
  return Object.keys(change).length ? change : null;
}

/** A provider the key does not have yet: its weight (none = left out of weighting), its models, every key of the provider. */
function newConfig(g: ProviderGrant, generation: Generation): WireProviderConfigWrite {
  const weight = g.weight !== null ? { weight: g.weight } : {};
  const body: WireProviderConfigWrite = { provider: g.provider, ...weight, allowed_models: allowListBody(g.models, generation) };
  // v1.5+: [] would allow no key (deny-by-default); on v1.4 absent meant every key.
  if (generation !== "1.4") body.key_ids = ["*"];
  return body;
}

/** POST /api/governance/virtual-keys. The generation's checks (allow-all on v1.x) are the caller's. */
export function createVirtualKeyBody(input: VirtualKeyInput, generation: Generation): WireVirtualKeyWrite {
  if (input.chain.length > 0) {
    throw new UsageError("Bifrost keys have no chain: fallbacks live in routing rules (set them with gw chain set <vk> <provider[/model]>...)");
  }
  const limits = createLimits(input);
  refuseRpmAndRpd(limits);
  refuseDuplicateBudgets(input.budgets);
  refuseBothOwners(input.teamId, input.customerId);
  const body: WireVirtualKeyWrite = { name: input.name };
  if (input.description !== undefined) body.description = input.description;
  body.provider_configs = (input.providers ?? []).map((g) => newConfig(g, generation));
  if (input.allowAllProviders) body.allow_all_providers = true;
  if (input.budgets?.length) body.budgets = input.budgets.map((b) => budgetBody(b, []));
  if (limits) body.rate_limit = planRateLimit(null, limits, `virtual key ${input.name}`).body;
  if (input.teamId) body.team_id = input.teamId;
  if (input.customerId) body.customer_id = input.customerId;
  return body;
}

/** The provider configs of a key as the server sent them, with their ids, by provider. */
function storedConfigs(raw: unknown): Map<string, Record<string, unknown>> {
  const configs = isRecord(raw) && Array.isArray(raw.provider_configs) ? raw.provider_configs.filter(isRecord) : [];
  const out = new Map<string, Record<string, unknown>>();
  for (const c of configs) if (typeof c.provider === "string" && !out.has(c.provider)) out.set(c.provider, c);
  return out;
}

/**
 * A provider that stays: the same config (its id), with the grant's weight and models, as --provider says them
 * for a new one; what the flags cannot name (blocked models, keys, its budgets and rate limit) travels as stored,
 * so the server keeps it whether or not it reads an item with an id as a partial update.
 */
function keptConfig(g: ProviderGrant, config: VkProviderConfig | undefined, stored: Record<string, unknown>, generation: Generation): WireProviderConfigWrite {
  const id = typeof stored.id === "number" && Number.isSafeInteger(stored.id) ? { id: stored.id } : {};
  const body: WireProviderConfigWrite = {
    ...id,
    provider: g.provider,
    weight: g.weight,
    allowed_models: allowListBody(g.models, generation),
  };
  body.blacklisted_models = [...(config?.blockedModels ?? [])];
  body.key_ids = config?.keyIds ? [...config.keyIds] : allOf(generation);
  const budgets = storedBudgets(stored.budgets);
  if (budgets.length) body.budgets = budgets;
  const rateLimit = rateLimitBody(windowsFromWire(stored.rate_limit));
  if (Object.keys(rateLimit).length) body.rate_limit = rateLimit;
  return body;
}

/** What the patch changes of the limits: the dimensions whose value differs from the key's (the command fills the rest). */
export function limitChangeFrom(patch: VirtualKeyPatch, current: Pick<VirtualKey, "rpm" | "tpm" | "rpd">): LimitChange | null {
  if (!patch.limits) return null;
  const change: LimitChange = {};
  for (const dim of ["rpm", "tpm", "rpd"] as const) if (patch.limits[dim] !== current[dim]) change[dim] = patch.limits[dim];
  return Object.keys(change).length ? change : null;
}

/**
 * PUT /api/governance/virtual-keys/{vk_id}: only what the patch names. `provider_configs` is the FULL desired set
 * (configs left out are deleted with their budgets and limits, §2.6), so providers that stay keep their config;
 * `budgets` replaces the key's; `rate_limit` is sent whole, computed from the key's current one.
 */
export function updateVirtualKeyBody(current: VirtualKey, raw: unknown, patch: VirtualKeyPatch, generation: Generation): WireVirtualKeyWrite {
  if (patch.chain?.length) {
    throw new UsageError("Bifrost keys have no chain: fallbacks live in routing rules (set them with gw chain set <vk> <provider[/model]>...)");
  }
  const limits = limitChangeFrom(patch, current);
  refuseRpmAndRpd(limits);
  refuseDuplicateBudgets(patch.budgets);
  refuseBothOwners(patch.teamId, patch.customerId);
  const body: WireVirtualKeyWrite = {};
  if (patch.name !== undefined) body.name = patch.name;
  if (patch.description !== undefined) body.description = patch.description;
  if (patch.providers) {
    const stored = storedConfigs(raw);
    const configs = new Map((current.providerConfigs ?? []).map((c) => [c.provider, c]));
    body.provider_configs = patch.providers.map((g) => {
      const was = stored.get(g.provider);
      return was ? keptConfig(g, configs.get(g.provider), was, generation) : newConfig(g, generation);
    });
  }
  if (patch.allowAllProviders !== undefined) body.allow_all_providers = patch.allowAllProviders;
  if (patch.budgets) {
    const have = storedBudgets(isRecord(raw) ? raw.budgets : undefined);
    body.budgets = patch.budgets.map((b) => budgetBody(b, have.length ? have : budgetsAsWire(current.budgets)));
  }
  if (limits) {
    const plan = planRateLimit(current.rateLimit, limits, `virtual key ${current.name || current.id}`);
    if (plan.changed) body.rate_limit = plan.body;
  }
  // Presence-aware on the server (a value sets it and clears the other, null detaches); the other is cleared
  // explicitly too, for a server that only sets.
  if (patch.teamId !== undefined) {
    body.team_id = patch.teamId;
    if (patch.teamId && current.customerId && patch.customerId === undefined) body.customer_id = null;
  }
  if (patch.customerId !== undefined) {
    body.customer_id = patch.customerId;
    if (patch.customerId && current.teamId && patch.teamId === undefined) body.team_id = null;
  }
  return body;
}

function budgetsAsWire(budgets: readonly Budget[] | null): WireBudgetWrite[] {
  return (budgets ?? []).map((b) => ({ max_limit: b.maxLimit, reset_duration: b.resetDuration, ...(b.calendarAligned ? { calendar_aligned: true } : {}) }));
}
