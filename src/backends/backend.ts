import type { BindInput, Binding, BindingPatch, WithRaw, WriteOptions } from "../domain/binding.js";
import type { RoutingRule } from "../domain/chain.js";
import type { Gateway, GatewayInput, GatewayPatch } from "../domain/gateway.js";
import type { IssuedKey, ModelProvider, VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../domain/virtual-key.js";
import type { HttpClient } from "../http/client.js";
import type { AuthMode, BackendName } from "../profiles/types.js";

export type { AuthMode, BackendName };

/** A command as the capability matrix names it. */
export type Verb =
  | "providers list"
  | "providers get"
  | "providers bind"
  | "providers update"
  | "providers disable"
  | "providers enable"
  | "providers delete"
  | "vk list"
  | "vk get"
  | "vk create"
  | "vk rotate"
  | "vk revoke"
  | "vk disable"
  | "vk enable"
  | "chain"
  | "chain set"
  | "limits"
  | "gateways list"
  | "gateways get"
  | "gateways create"
  | "gateways update"
  | "gateways delete"
  | "gateways zones";

/** Every verb, in the order `gw backends` lists them. */
export const VERBS: readonly Verb[] = [
  "providers list",
  "providers get",
  "providers bind",
  "providers update",
  "providers disable",
  "providers enable",
  "providers delete",
  "vk list",
  "vk get",
  "vk create",
  "vk rotate",
  "vk revoke",
  "vk disable",
  "vk enable",
  "chain",
  "chain set",
  "limits",
  "gateways list",
  "gateways get",
  "gateways create",
  "gateways update",
  "gateways delete",
  "gateways zones",
];

export interface Capability {
  /** Flags this backend honours for the verb (long names without dashes); others are usage errors. */
  flags?: readonly string[];
  /** Values `--unset` accepts on this backend (providers update). */
  unset?: readonly string[];
  /** Flags without which the verb cannot run here (providers bind: LangWatch --provider, ngrok --provider-id ...). */
  required?: readonly string[];
  note?: string;
}

/** What a backend supports; a verb that is absent is not supported, and `unsupported` says why. */
export interface BackendInfo {
  name: BackendName;
  title: string;
  /** How the key travels, for `gw backends` (e.g. "X-Auth-Token: <project key>"). */
  auth: string;
  capabilities: Partial<Record<Verb, Capability>>;
  unsupported: Partial<Record<Verb, string>>;
}

/**
 * One control plane behind one interface. Adapters only map: gw's records and patches to the wire and
 * back. Commands never see wire shapes; the HTTP client does transport, retries and auth.
 */
export interface Backend {
  readonly info: BackendInfo;
  listBindings(): Promise<WithRaw<Binding>[]>;
  /** The same list page by page, where the control plane pages (ngrok): `gw providers list` streams it. */
  bindingPages?(): AsyncIterable<WithRaw<Binding>[]>;
  getBinding(id: string): Promise<WithRaw<Binding>>;
  bindProvider?(input: BindInput): Promise<WithRaw<Binding>>;
  updateBinding?(id: string, patch: BindingPatch, opts?: WriteOptions): Promise<WithRaw<Binding>>;
  disableBinding?(id: string): Promise<WithRaw<Binding>>;
  enableBinding?(id: string): Promise<WithRaw<Binding>>;
  deleteBinding?(id: string): Promise<void>;
  /**
   * The same writes without reading the record back, for `gw apply`, which needs no record: where a write
   * answers with an id only (LangWatch), the read-back would double every item's round trips.
   */
  bindingWrites?: {
    bind(input: BindInput): Promise<string>;
    update(id: string, patch: BindingPatch): Promise<void>;
    disable(id: string): Promise<void>;
  };

  /** Provider credentials a binding can wrap (the bind wizard's choices). */
  listModelProviders?(): Promise<ModelProvider[]>;
  listVirtualKeys?(): Promise<WithRaw<VirtualKey>[]>;
  getVirtualKey?(id: string): Promise<WithRaw<VirtualKey>>;
  createVirtualKey?(input: VirtualKeyInput): Promise<IssuedKey<WithRaw<VirtualKey>>>;
  rotateVirtualKey?(id: string): Promise<IssuedKey<WithRaw<VirtualKey>>>;
  revokeVirtualKey?(id: string): Promise<WithRaw<VirtualKey>>;
  disableVirtualKey?(id: string): Promise<WithRaw<VirtualKey>>;
  enableVirtualKey?(id: string): Promise<WithRaw<VirtualKey>>;
  updateVirtualKey?(id: string, patch: VirtualKeyPatch): Promise<WithRaw<VirtualKey>>;
  /** Replace a key's fallback chain with exactly these binding ids, in order. */
  setChain?(id: string, bindingIds: string[]): Promise<WithRaw<VirtualKey>>;
  /** Where fallbacks live in routing rules (Bifrost): the rules that apply to the key, in evaluation order; null if the server has none. */
  routingRules?(key: VirtualKey): Promise<RoutingRule[] | null>;
  /** Which API generation the server speaks, when a backend has several (LangWatch: "a" or "b"). */
  era?(): Promise<string>;

  listGateways?(filter?: { updatedAfter?: string }): Promise<WithRaw<Gateway>[]>;
  getGateway?(id: string): Promise<WithRaw<Gateway>>;
  createGateway?(input: GatewayInput): Promise<WithRaw<Gateway>>;
  updateGateway?(id: string, patch: GatewayPatch): Promise<WithRaw<Gateway>>;
  deleteGateway?(id: string): Promise<WithRaw<Gateway>>;
  /** Zones a gateway may be placed in. */
  gatewayZones?(): Promise<string[]>;
}

/** What each adapter module exports; the registry lazy-imports it. */
export interface AdapterModule {
  info: BackendInfo;
  /**
   * Headers that carry the key (LangWatch: X-Auth-Token). `auth` is the profile's auth mode where the
   * backend has several (Bifrost: none, basic with key "user:password", bearer).
   */
  authHeaders(apiKey: string | undefined, auth?: AuthMode): Record<string, string>;
  /** Whether the control plane refuses every call without a key. */
  requiresKey: boolean;
  createBackend(http: HttpClient): Backend;
}
