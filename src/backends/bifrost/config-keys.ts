import { isScalar, type YAMLMap } from "yaml";
import type { BudgetInput, ProviderGrant, VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../../domain/virtual-key.js";
import { nodeOf, type Validator } from "../../config/validator.js";
import type { ResourceKind, ResourceSpec, StatusChange } from "../../config/resource-kind.js";
import { cell } from "../../output/render.js";
import { requirePart } from "../capabilities.js";

/**
 * Bifrost virtual keys in a document, named by name (research §2.6); a field left out is not managed:
 *   virtualKeys: [{name, description, providers: [{provider, weight, models}], allowAllProviders, team, customer,
 *                  rpm, tpm, rpd, budgets: ["USD/WINDOW", ...], status: active | disabled}]
 * `providers` is the key's full provider set (weights as Bifrost routes by them, null = left out of weighting;
 * models ["*"] = every model, [] = none). `budgets` is the key's own set, as `--budget` writes them ("100/1M").
 * Limits are the per-minute/per-day view of the key's one request and one token limit, as on providers. What
 * a provider config carries of its own (budgets, limits, blocked models, keys) is kept as stored. The key's
 * value (sk-bf-...) is never in a document; a key gw apply creates has it printed once. --prune deletes keys.
 */
export interface GrantSpec {
  provider: string;
  weight: number | null;
  models: string[];
}

const LIMITS = ["rpm", "tpm", "rpd"] as const;
const FIELDS = ["description", "providers", "allowAllProviders", "team", "customer", ...LIMITS, "budgets"] as const;
const DURATION = /^\d+[smhdwMY]$/;
const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A budget as the document writes it: "100/1M", "12.5/1d". */
export const budgetText = (b: { maxLimit: number; resetDuration: string }): string => `${b.maxLimit}/${b.resetDuration}`;

function budgetOf(text: string): BudgetInput {
  const [amount = "", window = ""] = text.split("/");
  return { maxLimit: Number(amount), resetDuration: window };
}

const disable: StatusChange = {
  action: "disable",
  to: "disabled",
  run: async (backend, id) => void (await requirePart(backend, "vk disable").disable(id)),
};
const enable: StatusChange = {
  action: "enable",
  to: "active",
  run: async (backend, id) => void (await requirePart(backend, "vk enable").enable(id)),
};

export const bifrostVirtualKeys: ResourceKind = {
  section: "virtualKeys",
  noun: "virtual-key",
  label: "virtual key",
  keyFields: ["name"],
  fields: FIELDS,
  unordered: ["budgets"],
  // Provider configs name providers: a key is applied after the providers section.
  dependsOn: "providers",
  status: {
    field: "status",
    changes: [disable, enable],
    cannot: (key, from, to) => `virtual key ${key}: gw cannot change its status from ${String(from)} to ${String(to)}`,
  },
  prune: {
    async delete(backend, id) {
      await requirePart(backend, "vk delete").remove(id);
    },
  },
  // allow_all_providers is absent (false) on servers before v2.1.
  same: (field, current, desired) => (field === "allowAllProviders" ? Boolean(current) === Boolean(desired) : undefined),
  planValue: (field, value) => {
    if (field === "providers" && Array.isArray(value)) return `[${(value as GrantSpec[]).map(grantText).join(", ")}]`;
    return value;
  },
  display: {
    value: show,
    summary: (spec) => {
      const parts = Object.entries(spec)
        .filter(([field, value]) => field !== "name" && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
        .map(([field, value]) => `${field} ${field === "providers" ? `[${(value as GrantSpec[]).map(grantText).join(", ")}]` : show(value)}`);
      return parts.length ? ` (${parts.join(", ")})` : "";
    },
  },

  parse(v, item, path) {
    v.onlyKeys(item, path, ["name", ...FIELDS, "status"]);
    const spec: ResourceSpec = { name: v.string(item, "name", path, true) ?? "" };
    const description = v.nullableString(item, "description", path);
    if (description !== undefined) spec.description = description;
    const providers = nodeOf(item, "providers");
    if (providers !== undefined) spec.providers = isScalar(providers) && providers.value === null ? [] : grants(v, providers, `${path}.providers`);
    const allowAll = v.boolean(item, "allowAllProviders", path);
    if (allowAll !== undefined) spec.allowAllProviders = allowAll;
    for (const owner of ["team", "customer"] as const) {
      const id = v.nullableString(item, owner, path);
      if (id !== undefined) spec[owner] = id;
    }
    if (typeof spec.team === "string" && typeof spec.customer === "string") v.fail(item, `${path}: a key belongs to a team or a customer, not both`);
    for (const dim of LIMITS) {
      const n = v.optionalLimit(item, dim, path);
      if (n !== undefined) spec[dim] = n;
    }
    if (typeof spec.rpm === "number" && typeof spec.rpd === "number") {
      v.fail(item, `${path}: Bifrost holds one request limit per virtual key, with one window: set rpm or rpd, not both`);
    }
    const budgets = v.stringList(item, "budgets", path, { nullAsEmpty: true });
    if (budgets !== undefined) {
      const windows = new Set<string>();
      for (const b of budgets) {
        const { maxLimit, resetDuration } = budgetOf(b);
        if (!/^\d+(\.\d+)?\/\d+[smhdwMY]$/.test(b) || !Number.isFinite(maxLimit) || !DURATION.test(resetDuration)) {
          v.fail(nodeOf(item, "budgets"), `${path}.budgets: "${b}" must be USD/WINDOW, e.g. 100/1M (windows like 30s, 1h, 1d, 1w, 1M, 1Y)`);
        } else if (windows.has(resetDuration)) {
          v.fail(nodeOf(item, "budgets"), `${path}.budgets: two budgets for the window ${resetDuration} (a key has one budget per window)`);
        }
        windows.add(resetDuration);
      }
      spec.budgets = budgets.map((b) => budgetText(budgetOf(b)));
    }
    const status = v.oneOf(item, "status", path, ["active", "disabled"] as const);
    if (status !== undefined) spec.status = status;
    return spec;
  },

  async read(backend) {
    return (await requirePart(backend, "vk list").list()).filter((k) => k.name !== "").map((k) => ({ key: k.name, id: k.id, spec: keySpec(k) }));
  },

  async create(backend, spec) {
    const name = String(spec.name);
    const input: VirtualKeyInput = { name, chain: [] };
    if (typeof spec.description === "string") input.description = spec.description;
    if (Array.isArray(spec.providers)) input.providers = (spec.providers as GrantSpec[]).map(grantOf);
    if (spec.allowAllProviders === true) input.allowAllProviders = true;
    if (typeof spec.team === "string") input.teamId = spec.team;
    if (typeof spec.customer === "string") input.customerId = spec.customer;
    for (const dim of LIMITS) if (typeof spec[dim] === "number") input[dim] = spec[dim] as number;
    if (Array.isArray(spec.budgets)) input.budgets = (spec.budgets as string[]).map(budgetOf);
    const issued = await requirePart(backend, "vk create").create(input);
    // A key is created active; one the document wants disabled is disabled right after.
    if (spec.status === "disabled") await disable.run(backend, issued.key.id);
    return { secret: issued.secret };
  },

  async update(backend, id, changed, current) {
    const patch: VirtualKeyPatch = {};
    if ("description" in changed) patch.description = typeof changed.description === "string" ? changed.description : "";
    if (Array.isArray(changed.providers)) patch.providers = (changed.providers as GrantSpec[]).map(grantOf);
    if ("allowAllProviders" in changed) patch.allowAllProviders = changed.allowAllProviders === true;
    if ("team" in changed) patch.teamId = typeof changed.team === "string" ? changed.team : null;
    if ("customer" in changed) patch.customerId = typeof changed.customer === "string" ? changed.customer : null;
    // The rate limit is written whole: the dimensions the document leaves alone keep the key's values.
    if (LIMITS.some((f) => f in changed)) {
      const limit = (f: (typeof LIMITS)[number]) => {
        const value = f in changed ? changed[f] : current[f];
        return typeof value === "number" ? value : null;
      };
      patch.limits = { rpm: limit("rpm"), tpm: limit("tpm"), rpd: limit("rpd") };
    }
    if (Array.isArray(changed.budgets)) patch.budgets = (changed.budgets as string[]).map(budgetOf);
    await requirePart(backend, "vk update").update(id, patch);
  },
};

function grants(v: Validator, node: unknown, path: string): GrantSpec[] {
  const list = v.list(node as YAMLMap, path, (item: YAMLMap, itemPath: string) => {
    v.onlyKeys(item, itemPath, ["provider", "weight", "models"]);
    const provider = v.string(item, "provider", itemPath, true) ?? "";
    if (provider && !PROVIDER_NAME.test(provider)) v.fail(nodeOf(item, "provider"), `${itemPath}.provider: not a provider name`);
    const weightValue = v.value(item, "weight", itemPath, false);
    let weight: number | null = null;
    if (weightValue !== undefined && weightValue !== null) {
      if (typeof weightValue !== "number" || !Number.isFinite(weightValue) || weightValue < 0) {
        v.fail(nodeOf(item, "weight"), `${itemPath}.weight: must be a number of 0 or more, or null (left out of weighting)`);
      } else weight = weightValue;
    }
    const models = v.stringList(item, "models", itemPath, { nullAsEmpty: false });
    return { provider, weight, models: models === undefined || models.includes("*") ? ["*"] : models };
  });
  const names = list.map((g) => g.provider);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) v.fail(node as YAMLMap, `${path}: provider ${twice} is named twice`);
  return list;
}

/** One field value for people: lists in brackets, null as "none". */
function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return `[${value.map((v) => cell(v)).join(", ")}]`;
  return cell(value);
}

function grantOf(g: GrantSpec): ProviderGrant {
  return { provider: g.provider, weight: g.weight, models: g.models.includes("*") ? null : [...g.models] };
}

function grantText(g: GrantSpec): string {
  const models = g.models.includes("*") ? "" : ` ${g.models.length ? g.models.join("+") : "no models"}`;
  return `${g.provider}${g.weight !== null ? ` ${g.weight}` : ""}${models}`;
}

function keySpec(k: VirtualKey): ResourceSpec {
  return {
    name: k.name,
    description: k.description,
    providers: (k.providerConfigs ?? []).map((c): GrantSpec => ({ provider: c.provider, weight: c.weight, models: c.allowedModels === null ? ["*"] : [...c.allowedModels] })),
    allowAllProviders: k.allowAllProviders,
    team: k.teamId,
    customer: k.customerId,
    rpm: k.rpm,
    tpm: k.tpm,
    rpd: k.rpd,
    budgets: (k.budgets ?? []).map(budgetText),
    status: k.status === "disabled" ? "disabled" : "active",
  };
}
