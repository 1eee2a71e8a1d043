import type { ByteSource } from "../ids.js";
import type { Reply, RequestContext, Route } from "../backend.js";
import { ngrokError } from "./errors.js";
import { nextId } from "./ids.js";
import { pageOf } from "./paging.js";
import { newProviderKey } from "./provider-keys.js";
import { CATALOG_PROVIDER_IDS } from "./rules.js";
import type { AccessScopeRow, ConfigurationRow, NgrokState, ProviderRow, RouterRuleRow, RouterStepRow } from "./state.js";
import { originOf, timestamp } from "./wire.js";

export const CONFIGURATIONS = "/access-key-configurations";

// Bodies reach the handlers only after the contract accepted them (server.ts), so their shapes are known.
interface KeyWrite {
  id?: string;
  name?: string;
  value?: string;
}
interface StepWrite {
  type: "user" | "ngrok";
  keys?: KeyWrite[];
  keySelectionStrategy?: "ordered";
}
interface RuleWrite {
  provider?: string;
  model?: string;
  steps: StepWrite[];
}
interface RouterWrite {
  rules?: RuleWrite[];
}
interface CreateBody {
  name: string;
  description?: string;
  metadata?: string;
  access?: AccessScopeRow;
  router?: RouterWrite;
}
interface UpdateBody {
  name?: string | null;
  description?: string | null;
  metadata?: string | null;
  access?: AccessScopeRow | null;
  router?: RouterWrite | null;
}

const invalid = (msg: string, field: string): Reply => ngrokError(400, msg, { field });
export const configurationNotFound = (id: string): Reply => ngrokError(404, `AI Gateway access key configuration ${id} not found`, { id });

/** A provider reference (catalog providerId, a custom provider's providerId or its aigp_ id) -> its providerId. */
export function providerIdOf(s: NgrokState, ref: string): string | undefined {
  if (CATALOG_PROVIDER_IDS.includes(ref)) return ref;
  const custom = [...s.providers.values()].find((p) => p.providerId === ref || p.id === ref);
  return custom?.providerId;
}

/** `provider:model` -> provider; a model rule is provider-qualified (open-provider ids are post-MVP, per the spec). */
const providerOfModel = (model: string): string | undefined => (model.includes(":") ? model.slice(0, model.indexOf(":")) : undefined);

/**
 * What the server checks beyond the schema [U: the spec states these rules in its descriptions, not how they
 * are enforced]: scope providers are known; each rule names a known provider or a provider-qualified model of
 * one, at most one rule per provider and per model; a `user` step has keys (existing ones by id, or a new one
 * by name + value) of that rule's provider; an `ngrok` step is for built-in providers only and has no keys.
 */
function scopeProblem(s: NgrokState, access: AccessScopeRow): Reply | undefined {
  for (const [i, ref] of (access.providers?.allow ?? []).entries()) {
    if (!providerIdOf(s, ref)) return invalid(`access.providers.allow[${i}]: "${ref}" is neither a catalog provider nor one of this account's providers`, "access.providers");
  }
  return undefined;
}

function routerProblem(s: NgrokState, router: RouterWrite): Reply | undefined {
  const seen = new Set<string>();
  for (const [i, rule] of (router.rules ?? []).entries()) {
    const at = `router.rules[${i}]`;
    if (rule.provider === undefined && rule.model === undefined) return invalid(`${at}: a rule needs a provider, a model, or both`, at);
    let upstream: string | undefined;
    if (rule.provider !== undefined) {
      upstream = providerIdOf(s, rule.provider);
      if (!upstream) return invalid(`${at}.provider: "${rule.provider}" is neither a catalog provider nor one of this account's providers`, `${at}.provider`);
    }
    if (rule.model !== undefined) {
      const owner = providerOfModel(rule.model);
      if (!owner) return invalid(`${at}.model: "${rule.model}" is not provider-qualified (provider:model)`, `${at}.model`);
      const ownerId = providerIdOf(s, owner);
      if (!ownerId) return invalid(`${at}.model: provider "${owner}" of "${rule.model}" is unknown`, `${at}.model`);
      if (upstream !== undefined && upstream !== ownerId) return invalid(`${at}: model "${rule.model}" is not a model of provider "${rule.provider}"`, at);
      upstream = ownerId;
    }
    const scope = rule.model !== undefined ? `model ${rule.model}` : `provider ${upstream}`;
    if (seen.has(scope)) return invalid(`${at}: a second rule for ${scope} (at most one rule per provider and per model)`, at);
    seen.add(scope);
    for (const [j, step] of rule.steps.entries()) {
      const problem = stepProblem(s, step, `${at}.steps[${j}]`, upstream ?? "");
      if (problem) return problem;
    }
  }
  return undefined;
}

function stepProblem(s: NgrokState, step: StepWrite, at: string, upstream: string): Reply | undefined {
  if (step.type === "ngrok") {
    if (!CATALOG_PROVIDER_IDS.includes(upstream)) return invalid(`${at}: an ngrok step is for built-in providers only, not "${upstream}"`, at);
    if (step.keys?.length) return invalid(`${at}: an ngrok step takes no keys`, `${at}.keys`);
    return undefined;
  }
  if (!step.keys?.length) return invalid(`${at}: a user step needs at least one provider key`, `${at}.keys`);
  for (const [k, key] of step.keys.entries()) {
    const where = `${at}.keys[${k}]`;
    if (key.id !== undefined) {
      if (key.name !== undefined || key.value !== undefined) return invalid(`${where}: give an existing key's id, or name and value for a new one, not both`, where);
      const row = s.providerKeys.get(key.id);
      if (!row) return invalid(`${where}: provider key ${key.id} does not exist`, where);
      if (row.providerId !== upstream) return invalid(`${where}: provider key ${key.id} is for ${row.providerId}, not ${upstream}`, where);
    } else if (key.name === undefined || key.name.trim() === "" || key.value === undefined || key.value.trim() === "") {
      return invalid(`${where}: a new key needs both name and value`, where);
    }
  }
  return undefined;
}

/** A key created inline by a router step (RouterStepKeyWrite name + value): a /provider-keys row like any other. */
function inlineKey(s: NgrokState, bytes: ByteSource, providerId: string, name: string, value: string): string {
  return newProviderKey(s, bytes, Date.now(), { providerId, name, value }).id;
}

/** Checked rules -> stored rules: keys by id, inline ones created now. */
function storedRules(s: NgrokState, bytes: ByteSource, router: RouterWrite): RouterRuleRow[] {
  return (router.rules ?? []).map((rule) => {
    const upstream = rule.provider !== undefined ? providerIdOf(s, rule.provider) : providerIdOf(s, providerOfModel(rule.model ?? "") ?? "");
    const steps: RouterStepRow[] = rule.steps.map((step) => ({
      type: step.type,
      ...(step.keys ? { keys: step.keys.map((k) => k.id ?? inlineKey(s, bytes, upstream ?? "", k.name ?? "", k.value ?? "")) } : {}),
      ...(step.keySelectionStrategy ? { keySelectionStrategy: step.keySelectionStrategy } : {}),
    }));
    return { ...(rule.provider !== undefined ? { provider: rule.provider } : {}), ...(rule.model !== undefined ? { model: rule.model } : {}), steps };
  });
}

/** A stored configuration as the API returns it: optional fields left out when unset; step keys named from /provider-keys. */
export function configurationBody(s: NgrokState, c: ConfigurationRow, origin: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: c.id,
    uri: configurationUri(c.id, origin),
    name: c.name,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    createdBy: apiKeyRef(c.createdBy, origin),
    lastUpdatedBy: apiKeyRef(c.lastUpdatedBy, origin),
  };
  if (c.description !== null) body.description = c.description;
  if (c.metadata !== null) body.metadata = c.metadata;
  if (c.access !== null) body.access = c.access;
  if (c.router !== null) {
    body.router = {
      ...(c.router.rules
        ? {
            rules: c.router.rules.map((r) => ({
              ...r,
              steps: r.steps.map((step) => ({ ...step, ...(step.keys ? { keys: step.keys.map((id) => stepKey(s, id)) } : {}) })),
            })),
          }
        : {}),
    };
  }
  return body;
}

function stepKey(s: NgrokState, id: string): { id: string; name: string; keyRedacted: string } {
  const key = s.providerKeys.get(id);
  // Deleting a key a rule uses is refused, but a state file from before may still name one.
  return key ? { id, name: key.name, keyRedacted: key.keyRedacted } : { id, name: "(deleted provider key)", keyRedacted: "" };
}

export const configurationUri = (id: string, origin: string) => `${origin}${CONFIGURATIONS}/${encodeURIComponent(id)}`;
const apiKeyRef = (id: string, origin: string) => ({ id, uri: `${origin}/api-keys/${encodeURIComponent(id)}` });

/** The configurations that name a provider (in their scope or their rules): its DELETE answers 409 (research §1.2). */
export function configurationsReferring(s: NgrokState, provider: ProviderRow): string[] {
  const names = (ref: string | undefined) => ref !== undefined && (ref === provider.providerId || ref === provider.id);
  const owns = (model: string | undefined) => model !== undefined && (providerOfModel(model) === provider.providerId || model.startsWith(`${provider.providerId}/`));
  return [...s.configurations.values()]
    .filter(
      (c) =>
        (c.access?.providers?.allow ?? []).some(names) ||
        (c.access?.models?.allow ?? []).some(owns) ||
        (c.router?.rules ?? []).some((r) => names(r.provider) || owns(r.model)),
    )
    .map((c) => c.id);
}

/** The configurations whose router steps use a provider key (for the provider key's DELETE). */
export function configurationsUsingKey(s: NgrokState, keyId: string): string[] {
  return [...s.configurations.values()]
    .filter((c) => (c.router?.rules ?? []).some((r) => r.steps.some((step) => step.keys?.includes(keyId))))
    .map((c) => c.id);
}

function create(s: NgrokState, bytes: ByteSource, c: RequestContext): Reply {
  const b = c.body as CreateBody;
  const problem = (b.access && scopeProblem(s, b.access)) || (b.router && routerProblem(s, b.router));
  if (problem) return problem;
  const now = timestamp(Date.now());
  const row: ConfigurationRow = {
    id: nextId(s, "aigac", bytes),
    name: b.name,
    description: b.description ?? null,
    metadata: b.metadata ?? null,
    access: b.access ?? null,
    router: null,
    createdAt: now,
    updatedAt: now,
    createdBy: s.apiKeyId,
    lastUpdatedBy: s.apiKeyId,
  };
  if (b.router) row.router = b.router.rules ? { rules: storedRules(s, bytes, b.router) } : {};
  s.configurations.set(row.id, row);
  return { status: 201, body: configurationBody(s, row, originOf(c.headers)) };
}

/** PATCH: absent keeps, null clears (the operation text), a value replaces: `access` and `router` as a whole. */
function update(s: NgrokState, bytes: ByteSource, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  const row = s.configurations.get(id);
  if (!row) return configurationNotFound(id);
  const b = c.body as UpdateBody;
  // The name is required in every answer: clearing it cannot be what null means here [U].
  if (b.name === null) return invalid("name cannot be cleared", "name");
  const problem = (b.access && scopeProblem(s, b.access)) || (b.router && routerProblem(s, b.router));
  if (problem) return problem;
  const next: ConfigurationRow = { ...row };
  if (b.name !== undefined) next.name = b.name;
  if (b.description !== undefined) next.description = b.description;
  if (b.metadata !== undefined) next.metadata = b.metadata;
  if (b.access !== undefined) next.access = b.access;
  if (b.router !== undefined) next.router = b.router === null ? null : b.router.rules ? { rules: storedRules(s, bytes, b.router) } : {};
  next.updatedAt = timestamp(Date.now());
  next.lastUpdatedBy = s.apiKeyId;
  s.configurations.set(id, next);
  return { status: 200, body: configurationBody(s, next, originOf(c.headers)) };
}

/** 204, or 409 naming the access keys still linked to it (the operation text: "fails when still referenced"). */
function remove(s: NgrokState, c: RequestContext): Reply {
  const id = c.params.id ?? "";
  if (!s.configurations.has(id)) return configurationNotFound(id);
  const linked = [...s.accessKeys.values()].filter((k) => k.configurationId === id).map((k) => k.id);
  if (linked.length > 0) {
    const what = linked.length === 1 ? "1 access key" : `${linked.length} access keys`;
    return ngrokError(409, `AI Gateway access key configuration ${id} is still linked to ${what}; unlink or delete them before deleting it`, {
      accessKeys: linked.join(","),
    });
  }
  s.configurations.delete(id);
  return { status: 204, body: undefined };
}

export function configurationRoutes(s: NgrokState, bytes: ByteSource): Route[] {
  const one = (c: RequestContext): Reply => {
    const row = s.configurations.get(c.params.id ?? "");
    return row ? { status: 200, body: configurationBody(s, row, originOf(c.headers)) } : configurationNotFound(c.params.id ?? "");
  };
  return [
    {
      method: "GET",
      path: CONFIGURATIONS,
      handle: (c) => pageOf(s.configurations, c, CONFIGURATIONS, "aiGatewayAccessKeyConfigurations", (row, origin) => configurationBody(s, row, origin)),
    },
    { method: "POST", path: CONFIGURATIONS, body: "json", mutates: true, handle: (c) => create(s, bytes, c) },
    { method: "GET", path: `${CONFIGURATIONS}/:id`, handle: one },
    { method: "PATCH", path: `${CONFIGURATIONS}/:id`, body: "json", mutates: true, handle: (c) => update(s, bytes, c) },
    { method: "DELETE", path: `${CONFIGURATIONS}/:id`, mutates: true, handle: (c) => remove(s, c) },
  ];
}
