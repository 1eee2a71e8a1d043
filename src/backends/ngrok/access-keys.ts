import { rawOf, type WithRaw } from "../../domain/binding.js";
import { ruleProvider, sameTarget, type AccessConfiguration, type RouterChain, type RouterKey, type RouterStep } from "../../domain/router-chain.js";
import type { VirtualKey } from "../../domain/virtual-key.js";
import { NotFoundError, UsageError } from "../../errors.js";
import { DryRunStop } from "../../http/dry-run.js";
import type { HttpClient } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import type { ChainsPart, ChainView, ChainWritesPart, VirtualKeyDeletePart, VirtualKeysPart, VirtualKeyWritesPart } from "../backend.js";
import { mapNgrokError } from "./errors.js";
import { accessKeyPage, accessKeyPath, ACCESS_KEYS_PATH, linkOf, toAccessKey, tokenOf, type WireAccessKeyUpdate } from "./access-keys-from-wire.js";
import { createPlan, updatePlan } from "./access-keys-to-wire.js";
import { allPages } from "./paging.js";
import { dryConfiguration, ngrokConfigurations, notFoundOr, type NgrokConfigurations } from "./configurations.js";
import { HOSTED_STEP } from "./configurations-from-wire.js";
import { parseRouterHops, rulesToWire, scopeToWire, type HopStep } from "./configurations-to-wire.js";

/** The provider keys of one provider (by providerId), for naming a rule's keys by name: the provider-keys part's list. */
export type ProviderKeyLookup = (provider: string) => Promise<{ id: string; name: string }[]>;

/** What the access keys add to the backend. */
export interface NgrokAccessParts {
  virtualKeys: VirtualKeysPart;
  virtualKeyWrites: VirtualKeyWritesPart;
  virtualKeyDelete: VirtualKeyDeletePart;
  chains: ChainsPart;
  chainWrites: ChainWritesPart;
}

/**
 * Configurations are no verb's part (no command but gw apply manages them): this backend's config kinds
 * reach the ones of a connected backend through its virtualKeys part, which the adapter registers here.
 */
const CONFIGURATIONS = new WeakMap<object, NgrokConfigurations>();

export function configurationsBehind(virtualKeys: object | undefined): NgrokConfigurations | undefined {
  return virtualKeys ? CONFIGURATIONS.get(virtualKeys) : undefined;
}

/**
 * ngrok access keys as gw's virtual keys (docs/backends/ngrok.md, "Access keys and chains"): an access key
 * links at most one access key configuration, which holds its scope (allowed providers and models) and its
 * router rules (gw's chains). A key without one is allow-all with ngrok's default routing. gw creates a
 * configuration for a key that needs one (--provider, chain set) and changes a key's configuration only
 * when no other key links it: a change to a shared one would change those keys too.
 */
export function ngrokAccessKeys(http: HttpClient, deps: { providerKeys?: ProviderKeyLookup } = {}): NgrokAccessParts {
  const configurations = ngrokConfigurations(http);

  async function readKey(id: string, what: string): Promise<Record<string, unknown>> {
    try {
      return (await http.request("GET", accessKeyPath(id))).body as Record<string, unknown>;
    } catch (err) {
      throw notFoundOr(err, what, `no access key ${oneLine(id)} (see gw vk list)`);
    }
  }

  /** The configuration a key body links: null for none; undefined when it is gone (the key's scope is then unknown). */
  async function configurationOf(body: unknown, what: string): Promise<WithRaw<AccessConfiguration> | null | undefined> {
    const link = linkOf(body, what);
    if (!link) return null;
    try {
      return await configurations.get(link.id);
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  }

  const keyBodies = () => allPages(http, ACCESS_KEYS_PATH, "list access keys", accessKeyPage);

  async function listKeys(): Promise<WithRaw<VirtualKey>[]> {
    const what = "list access keys";
    const bodies = await keyBodies();
    const linked = bodies.some((b) => linkOf(b, what) !== null);
    const byId = new Map((linked ? await configurations.list() : []).map((c) => [c.id, c]));
    return bodies.map((b) => {
      const link = linkOf(b, what);
      return toAccessKey(b, what, link === null ? null : byId.get(link.id));
    });
  }

  /** The other keys linked to a configuration. */
  async function othersLinked(configurationId: string, keyId: string): Promise<string[]> {
    return (await keyBodies()).filter((b) => linkOf(b, "list access keys")?.id === configurationId && b.id !== keyId).map((b) => String(b.id));
  }

  async function refuseShared(keyId: string, configuration: AccessConfiguration, what: string, change: string): Promise<void> {
    const others = await othersLinked(configuration.id, keyId);
    if (others.length === 0) return;
    throw new UsageError(
      oneLine(
        `${what}: its access key configuration ${configuration.id} (${configuration.name}) is shared with access key${others.length === 1 ? "" : "s"} ` +
          `${others.join(", ")}, so changing its ${change} would change theirs too; change the configuration for all of them with gw apply ` +
          "(section configurations), or link this key to a configuration of its own there first",
      ),
    );
  }

  async function linkedConfiguration(body: Record<string, unknown>, what: string): Promise<WithRaw<AccessConfiguration> | null> {
    const link = linkOf(body, what);
    return link ? configurations.get(link.id) : null;
  }

  const keyName = (body: Record<string, unknown>, id: string) => (typeof body.name === "string" && body.name ? body.name : id);

  async function patchKey(id: string, body: WireAccessKeyUpdate, what: string): Promise<Record<string, unknown>> {
    try {
      return (await http.request("PATCH", accessKeyPath(id), { body })).body as Record<string, unknown>;
    } catch (err) {
      throw notFoundOr(err, what, `no access key ${oneLine(id)} (see gw vk list)`);
    }
  }

  const virtualKeyWrites: VirtualKeyWritesPart = {
    /** --provider makes a configuration holding the scope first; if the key then fails, that configuration is deleted again. */
    async create(input) {
      const { body, scope } = createPlan(input);
      const what = `create access key ${input.name}`;
      const config = scope
        ? await configurations.create(
            { name: input.name, description: `Scope of access key ${input.name} (created by gw vk create)`, access: scopeToWire(scope) },
            { dryRunReply: dryConfiguration(input.name) },
          )
        : null;
      try {
        const res = await http.request("POST", ACCESS_KEYS_PATH, { body: config ? { ...body, accessKeyConfigurationId: config.id } : body });
        return { key: toAccessKey(res.body, what, config), secret: tokenOf(res.body) };
      } catch (err) {
        if (config && !(err instanceof DryRunStop)) await configurations.remove(config.id).catch(() => undefined);
        throw mapNgrokError(err, what);
      }
    },

    async update(id, patch) {
      const { body: keyBody, scope } = updatePlan(patch);
      const what = `update access key ${id}`;
      let body = await readKey(id, what);
      let config = await linkedConfiguration(body, what);
      if (scope !== undefined && config) {
        await refuseShared(id, config, what, "scope");
        const access = scope ? scopeToWire(scope) : null;
        const more = Object.keys(keyBody).length > 0;
        config = await configurations.update(config.id, { access }, more ? { dryRunReply: { ...(rawOf(config) as object), access } } : {});
      } else if (scope) {
        const name = keyName(body, id);
        config = await configurations.create(
          { name, description: `Scope of access key ${name} (created by gw vk update)`, access: scopeToWire(scope) },
          { dryRunReply: dryConfiguration(name) },
        );
        keyBody.accessKeyConfigurationId = config.id;
      }
      if (Object.keys(keyBody).length > 0) body = await patchKey(id, keyBody, what);
      // Linked to another configuration (gw apply): its scope is the key's now.
      if ((linkOf(body, what)?.id ?? null) !== (config?.id ?? null)) return toAccessKey(body, what, await configurationOf(body, what));
      return toAccessKey(body, what, config);
    },
  };

  /** Step hops -> steps: `ngrok`, or provider keys (by id or, where the keys can be listed, by name); keys in a row are one step. */
  async function stepsOf(provider: string | null, hops: HopStep[], what: string): Promise<RouterStep[]> {
    const refs = hops.flatMap((h) => (h.type === "key" ? [h.ref] : []));
    const known = refs.length && deps.providerKeys && provider ? await deps.providerKeys(provider) : null;
    const keyOf = (ref: string): RouterKey => {
      if (!known) return { id: ref, name: "", keyRedacted: "" };
      const byId = known.find((k) => k.id === ref);
      if (byId) return { id: byId.id, name: byId.name, keyRedacted: "" };
      const named = known.filter((k) => k.name === ref);
      if (named.length > 1) throw new UsageError(`${what}: provider ${provider} has ${named.length} keys named "${oneLine(ref)}" (${named.map((k) => k.id).join(", ")}); give the id`);
      if (!named[0]) throw new NotFoundError(`${what}: provider ${provider} has no key with the id or name "${oneLine(ref)}" (see gw providers keys list ${provider})`);
      return { id: named[0].id, name: named[0].name, keyRedacted: "" };
    };
    const steps: RouterStep[] = [];
    for (const hop of hops) {
      const last = steps[steps.length - 1];
      if (hop.type === "ngrok") steps.push({ type: "hosted", keys: [] });
      else if (last?.type === "user") last.keys.push(keyOf(hop.ref));
      else steps.push({ type: "user", keys: [keyOf(hop.ref)] });
    }
    return steps;
  }

  const chainWrites: ChainWritesPart = {
    /** Replaces (or adds) the rule for this provider/model only; the configuration's other rules and its scope stay. */
    async set(id, values): Promise<ChainView> {
      const { target, steps: hops } = parseRouterHops(values);
      const what = `set chain of access key ${id}`;
      let body = await readKey(id, what);
      let config = await linkedConfiguration(body, what);
      if (config) await refuseShared(id, config, what, "router rules");
      const rule: RouterChain = { ...target, steps: await stepsOf(ruleProvider(target), hops, what) };
      if (config) {
        const rules = [...(config.rules ?? [])];
        const at = rules.findIndex((r) => sameTarget(r, rule));
        if (at >= 0) rules[at] = rule;
        else rules.push(rule);
        config = await configurations.update(config.id, { router: rulesToWire(rules) });
      } else {
        const name = keyName(body, id);
        config = await configurations.create(
          { name, description: `Router of access key ${name} (created by gw chain set)`, router: rulesToWire([rule]) },
          { dryRunReply: dryConfiguration(name) },
        );
        body = await patchKey(id, { accessKeyConfigurationId: config.id }, what);
      }
      return { kind: "router", key: toAccessKey(body, what, config), configuration: config, sharedWith: [], rules: config.rules ?? [], hosted: HOSTED_STEP };
    },
  };

  const virtualKeys: VirtualKeysPart = {
    list: listKeys,
    async get(id) {
      const what = `get access key ${id}`;
      const body = await readKey(id, what);
      return toAccessKey(body, what, await configurationOf(body, what));
    },
  };
  CONFIGURATIONS.set(virtualKeys, configurations);

  return {
    virtualKeys,
    virtualKeyWrites,
    virtualKeyDelete: {
      async remove(id) {
        const what = `delete access key ${id}`;
        try {
          await http.request("DELETE", accessKeyPath(id));
        } catch (err) {
          throw notFoundOr(err, what, `no access key ${oneLine(id)} (see gw vk list)`);
        }
      },
    },
    chains: {
      async show(id): Promise<ChainView> {
        const what = `show chain of access key ${id}`;
        const body = await readKey(id, what);
        const config = await configurationOf(body, what);
        const link = linkOf(body, what);
        const sharedWith = link ? await othersLinked(link.id, String(body.id)) : [];
        return {
          kind: "router",
          key: toAccessKey(body, what, config),
          configuration: config ?? null,
          sharedWith,
          rules: config ? (config.rules ?? []) : null,
          hosted: HOSTED_STEP,
        };
      },
    },
    chainWrites,
  };
}
