import type { BindInput, Binding, BindingPatch, WithRaw, WriteOptions } from "../domain/binding.js";
import type { RoutingRule } from "../domain/chain.js";
import type { AccessConfiguration, HostedStepNames, RouterChain } from "../domain/router-chain.js";
import type { Gateway, GatewayInput, GatewayPatch } from "../domain/gateway.js";
import type { LimitSemantics } from "../domain/limits.js";
import type { ProviderKey, ProviderKeyInput, ProviderKeyPatch } from "../domain/provider-key.js";
import type { IssuedKey, ModelProvider, VirtualKey, VirtualKeyInput, VirtualKeyPatch } from "../domain/virtual-key.js";
import type { HttpClient } from "../http/client.js";
import type { DetailView, ListView } from "../output/view.js";

/**
 * How a profile authenticates where the backend offers a choice (Bifrost: none, Basic with the key
 * "user:password", Bearer). Absent = the backend's only or default scheme.
 */
export type AuthMode = "none" | "basic" | "bearer";
export const AUTH_MODES: readonly AuthMode[] = ["none", "basic", "bearer"];

/** A command as the capability matrix names it. */
export type Verb = keyof typeof VERB_PARTS;

/**
 * Which part of a backend each verb needs, in the order `gw backends` lists the verbs. A verb asks for its
 * part with requirePart() and gets it typed, or a usage error naming the backend and the reason.
 */
export const VERB_PARTS = {
  "providers list": "bindings",
  "providers get": "bindings",
  "providers bind": "bindings",
  "providers update": "bindings",
  "providers disable": "bindingDisable",
  "providers enable": "bindingEnable",
  "providers delete": "bindingDelete",
  "providers available": "modelProviders",
  "providers keys list": "providerKeys",
  "providers keys add": "providerKeys",
  "providers keys update": "providerKeys",
  "providers keys rotate": "providerKeyRotate",
  "providers keys remove": "providerKeys",
  "vk list": "virtualKeys",
  "vk get": "virtualKeys",
  "vk create": "virtualKeyWrites",
  "vk update": "virtualKeyWrites",
  "vk rotate": "virtualKeyRotate",
  "vk revoke": "virtualKeyRevoke",
  "vk disable": "virtualKeyStatus",
  "vk enable": "virtualKeyStatus",
  "vk delete": "virtualKeyDelete",
  chain: "chains",
  "chain set": "chainWrites",
  limits: "limits",
  "gateways list": "gateways",
  "gateways get": "gateways",
  "gateways create": "gateways",
  "gateways update": "gateways",
  "gateways delete": "gateways",
  "gateways zones": "gateways",
} as const satisfies Record<string, keyof Parts>;

/** Every verb, in the order `gw backends` lists them. */
export const VERBS = Object.keys(VERB_PARTS) as Verb[];

/** The verbs that work on one part (e.g. every `gateways` verb), for a descriptor's `unsupported` table. */
export function verbsOf(part: keyof Parts, { except = false } = {}): Verb[] {
  return VERBS.filter((verb) => (VERB_PARTS[verb] === part) !== except);
}

/** The same reason against each of these verbs. */
export function unsupportedAll(verbs: readonly Verb[], reason: string): Partial<Record<Verb, string>> {
  return Object.fromEntries(verbs.map((verb) => [verb, reason]));
}

/** The usual header of a control plane that takes a Bearer token. */
export function bearerAuth(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
}

// ---------------------------------------------------------------------------------------------------------
// Parts: what a control plane can do, each a small interface whose every method works. A backend has a
// part or it does not; era or version differences inside a part are the adapter's business.

/** Provider bindings: read and write (LangWatch bindings, Bifrost and ngrok providers). */
export interface BindingsPart {
  list(): Promise<WithRaw<Binding>[]>;
  /** The same list page by page where the control plane pages (ngrok), else one page: `list` streams it. */
  pages(): AsyncIterable<WithRaw<Binding>[]>;
  get(id: string): Promise<WithRaw<Binding>>;
  bind(input: BindInput): Promise<WithRaw<Binding>>;
  update(id: string, patch: BindingPatch, opts?: WriteOptions): Promise<WithRaw<Binding>>;
  /**
   * The same writes without reading the record back, for `gw apply`, which needs no record: where a write
   * answers with an id only (LangWatch), the read-back would double every item's round trips.
   */
  writes: {
    bind(input: BindInput): Promise<string>;
    update(id: string, patch: BindingPatch): Promise<void>;
  };
}

/** A soft disable that keeps the binding (LangWatch). */
export interface BindingDisablePart {
  disable(id: string): Promise<WithRaw<Binding>>;
  /** Without the read-back (gw apply). */
  disableOnly(id: string): Promise<void>;
}

export interface BindingEnablePart {
  enable(id: string): Promise<WithRaw<Binding>>;
}

export interface BindingDeletePart {
  remove(id: string): Promise<void>;
}

/** The provider credentials a binding can wrap: the bind wizard's choices (LangWatch). */
export interface ModelProvidersPart {
  list(): Promise<ModelProvider[]>;
}

export interface VirtualKeysPart {
  list(): Promise<WithRaw<VirtualKey>[]>;
  get(id: string): Promise<WithRaw<VirtualKey>>;
}

export interface VirtualKeyWritesPart {
  /** Refuses (usage error) an input the server generation cannot take, e.g. a chain where keys have none. */
  create(input: VirtualKeyInput): Promise<IssuedKey<WithRaw<VirtualKey>>>;
  update(id: string, patch: VirtualKeyPatch): Promise<WithRaw<VirtualKey>>;
}

/** A new secret for a key (a server without rotation: a usage error from the adapter). */
export interface VirtualKeyRotatePart {
  rotate(id: string): Promise<IssuedKey<WithRaw<VirtualKey>>>;
}

/** Revocation that keeps the key as history (LangWatch). */
export interface VirtualKeyRevokePart {
  revoke(id: string): Promise<WithRaw<VirtualKey>>;
}

/** Deletion (Bifrost): the key is gone. */
export interface VirtualKeyDeletePart {
  remove(id: string): Promise<void>;
}

/** The upstream credentials a provider uses (Bifrost provider keys, ngrok provider keys). */
export interface ProviderKeysPart {
  /** `provider` narrows the list; where keys are not per provider (ngrok) it may be absent. */
  list(provider?: string): Promise<WithRaw<ProviderKey>[]>;
  add(provider: string, input: ProviderKeyInput): Promise<WithRaw<ProviderKey>>;
  update(provider: string, id: string, patch: ProviderKeyPatch): Promise<WithRaw<ProviderKey>>;
  remove(provider: string, id: string): Promise<void>;
  /** Whether `list` needs a provider (Bifrost) or lists every key (ngrok). */
  listNeedsProvider: boolean;
}

/** A new secret value for a provider key in place, keeping its id and name (ngrok's POST /provider-keys/{id}/rotate). */
export interface ProviderKeyRotatePart {
  rotate(provider: string, id: string, value: string): Promise<WithRaw<ProviderKey>>;
}

export interface VirtualKeyStatusPart {
  disable(id: string): Promise<WithRaw<VirtualKey>>;
  enable(id: string): Promise<WithRaw<VirtualKey>>;
}

/**
 * What `gw chain` shows: a key's ordered bindings where the chain lives on the key (LangWatch), or the
 * routing rules that apply to it where fallbacks live in rules (Bifrost; null: the server has no rules API).
 */
export type ChainView =
  | { kind: "bindings"; key: WithRaw<VirtualKey>; bindings: Binding[] }
  | { kind: "rules"; key: WithRaw<VirtualKey>; rules: RoutingRule[] | null }
  /**
   * ngrok: the router rules of the key's access key configuration (null: the key links none, so the scope is
   * allow-all and ngrok's default routing applies); `sharedWith` are the other keys linked to it; `hosted`
   * names the backend's hosted step.
   */
  | {
      kind: "router";
      key: WithRaw<VirtualKey>;
      configuration: AccessConfiguration | null;
      sharedWith: string[];
      rules: RouterChain[] | null;
      hosted: HostedStepNames;
    };

export interface ChainsPart {
  show(keyId: string): Promise<ChainView>;
}

export interface ChainWritesPart {
  /** Replace a key's chain with exactly these binding ids, in order; checks them first where the server would not. */
  set(keyId: string, bindingIds: string[]): Promise<ChainView>;
}

export interface LimitsPart {
  semantics: LimitSemantics;
  /** Bindings and keys with their limits; `warn` hears what could not be read (and why) when the rest could. */
  read(warn: (message: string) => void): Promise<{ bindings: Binding[]; keys: VirtualKey[] }>;
}

export interface GatewaysPart {
  list(filter?: { updatedAfter?: string }): Promise<WithRaw<Gateway>[]>;
  get(id: string): Promise<WithRaw<Gateway>>;
  create(input: GatewayInput): Promise<WithRaw<Gateway>>;
  update(id: string, patch: GatewayPatch): Promise<WithRaw<Gateway>>;
  remove(id: string): Promise<WithRaw<Gateway>>;
  /** Zones a gateway may be placed in. */
  zones(): Promise<string[]>;
}

export interface Parts {
  bindings?: BindingsPart;
  bindingDisable?: BindingDisablePart;
  bindingEnable?: BindingEnablePart;
  bindingDelete?: BindingDeletePart;
  modelProviders?: ModelProvidersPart;
  virtualKeys?: VirtualKeysPart;
  virtualKeyWrites?: VirtualKeyWritesPart;
  virtualKeyRotate?: VirtualKeyRotatePart;
  virtualKeyRevoke?: VirtualKeyRevokePart;
  virtualKeyStatus?: VirtualKeyStatusPart;
  virtualKeyDelete?: VirtualKeyDeletePart;
  providerKeys?: ProviderKeysPart;
  providerKeyRotate?: ProviderKeyRotatePart;
  chains?: ChainsPart;
  chainWrites?: ChainWritesPart;
  limits?: LimitsPart;
  gateways?: GatewaysPart;
}

export type PartName = keyof Parts;

/** One control plane, connected: its descriptor and the parts it has. Adapters only map wire <-> records. */
export interface Backend extends Parts {
  readonly info: BackendInfo;
}

// ---------------------------------------------------------------------------------------------------------
// The descriptor: everything gw knows of a backend without loading its adapter. One per backend, exported
// by src/backends/<name>/index.ts and listed once, in registry.ts.

export interface Capability {
  /** Shown in `gw backends`. */
  note?: string;
}

export interface BindingViews {
  list: ListView<Binding>;
  detail: DetailView<Binding>;
}

/** The table views a backend brings for its records. */
export interface Views {
  bindings?: BindingViews;
}

/** `gw sandbox --backend <name>`: how to start this backend's emulator and point gw at it. */
export interface SandboxPointer {
  /** The emulator's factory (src/sandbox/<name>/), loaded only when that sandbox runs. */
  load(): Promise<import("../sandbox/backend.js").BackendFactory>;
  /** Which generation or mode is emulated, for the banner (e.g. "v1.5, auth bearer"). */
  flavour(opts: SandboxFlavourOptions): string;
  /** The environment that makes gw talk to the sandbox (e.g. GW_AUTH and the key's form). */
  env(opts: SandboxFlavourOptions, url: string, key: string): string;
}

/** The sandbox options a backend's banner and environment may depend on. */
export interface SandboxFlavourOptions {
  langwatchEra: "a" | "b";
  bifrostVersion: "1.4" | "1.5" | "2";
  bifrostAuth: AuthMode;
  transitionMs: number;
}

export interface BackendInfo<Name extends string = string> {
  name: Name;
  /** The backend's name as people write it ("LangWatch"), in help texts. */
  label: string;
  title: string;
  /** How the key travels, for `gw backends` (e.g. "X-Auth-Token: <project key>"). */
  auth: string;
  /** Auth schemes the backend speaks; the first is the default when a key is given. */
  authModes: readonly AuthMode[];
  /** Whether the control plane refuses every call without a key. */
  requiresKey: boolean;
  /** Headers that carry the key; `auth` is the profile's mode where the backend has several. */
  authHeaders(apiKey: string | undefined, auth?: AuthMode): Record<string, string>;
  /** Supported verbs, with a note for `gw backends`; a verb that is absent is not supported. */
  capabilities: Partial<Record<Verb, Capability>>;
  /** Why an absent verb is not supported. */
  unsupported: Partial<Record<Verb, string>>;
  /** Table views of this backend's records (JSON is the same record everywhere), loaded on first use. */
  views(): Promise<Views>;
  /** The adapter (wire mapping), loaded on first use: the parts this backend has. */
  connect(): Promise<(http: HttpClient) => Parts>;
  /** Config-as-code resource kinds, loaded by export/diff/apply only. */
  configKinds(): Promise<readonly import("../config/resource-kind.js").ResourceKind[]>;
  sandbox: SandboxPointer;
  /**
   * `gw status` and `gw profile add --check` (gh auth status, the Bifrost CLI's doctor): one cheap
   * authenticated read proving the control plane answers and takes the key, and what gw detected of the
   * server. Throws that read's error (AuthError, UnavailableError, ...). Loads its code on first use.
   */
  probe?(http: HttpClient): Promise<StatusProbe>;
  /**
   * Whether the server behind `http` (a client without the profile's key) looks like this backend, from a
   * public route: what it is, as a phrase ("a Bifrost v1.5.3 server"), or null. For the hint when a profile names the wrong backend.
   */
  fingerprint?(http: HttpClient): Promise<string | null>;
}

/** What `gw status` learnt from a control plane that answered and took the key. */
export interface StatusProbe {
  /** The server's release or era as gw detected it ("Bifrost v1.5.3", "LangWatch era a (v3.2-v3.3)"); null when it tells none. */
  server: string | null;
  /** Anything else worth a line ("3 providers", "provider bindings moved to the dashboard"). */
  notes: string[];
}
