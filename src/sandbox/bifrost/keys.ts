import type { Reply, Route } from "../backend.js";
import { bifrostError } from "./errors.js";
import { uuid } from "./ids.js";
import { keyProblem } from "./provider-checks.js";
import { keyIn, keyOut } from "./secrets.js";
import type { BifrostState, Json, ProviderRow } from "./state.js";
import { isRecord } from "./values.js";

const BASE = "/api/providers/:provider/keys";

/** Key names are unique across every provider: a clash is 409 (research §2.4). */
function nameTaken(s: BifrostState, name: unknown, exceptId?: string): boolean {
  if (typeof name !== "string" || !name) return false;
  return [...s.providers.values()].some((p) => p.keys.some((k) => k.name === name && k.id !== exceptId));
}

function withProvider(s: BifrostState, name: string, f: (p: ProviderRow) => Reply): Reply {
  const p = s.providers.get(name);
  return p ? f(p) : bifrostError(404, `Provider not found: ${name}`);
}

function create(s: BifrostState, p: ProviderRow, body: unknown): Reply {
  const f = isRecord(body) ? body : {};
  const key = keyIn(f);
  key.id = typeof f.id === "string" && f.id ? f.id : uuid();
  key.enabled = typeof f.enabled === "boolean" ? f.enabled : true;
  if (!Array.isArray(key.models)) key.models = []; // v1.5 deny-by-default: no models until listed, ["*"] = all
  const bad = keyProblem(key, p.name, p.custom_provider_config);
  if (bad) return bad;
  if (p.keys.some((k) => k.id === key.id)) return bifrostError(409, `key ${String(key.id)} already exists`);
  if (nameTaken(s, key.name)) return bifrostError(409, `key with name ${String(key.name)} already exists`);
  p.keys.push(key);
  return { status: 200, body: keyOut(key) };
}

/** PUT takes the whole key; the path id wins, and redacted values equal to the stored form keep the secrets (§2.5). */
function replace(s: BifrostState, p: ProviderRow, id: string, body: unknown): Reply {
  const index = p.keys.findIndex((k) => k.id === id);
  if (index < 0) return bifrostError(404, `Key not found: ${id}`);
  const f = isRecord(body) ? body : {};
  const before = p.keys[index]!;
  const key: Json = { ...keyIn(f, before), id };
  key.enabled = typeof f.enabled === "boolean" ? f.enabled : true;
  if (!Array.isArray(key.models)) key.models = [];
  const bad = keyProblem(key, p.name, p.custom_provider_config);
  if (bad) return bad;
  if (nameTaken(s, key.name, id)) return bifrostError(409, `key with name ${String(key.name)} already exists`);
  p.keys[index] = key;
  return { status: 200, body: keyOut(key) };
}

/** v1.5 only: keys have their own endpoints (research §2.1, §2.3). */
export function keyRoutes(s: BifrostState): Route[] {
  const one = (p: ProviderRow, id: string): Json | undefined => p.keys.find((k) => k.id === id);
  return [
    {
      method: "GET",
      path: BASE,
      handle: (c) => withProvider(s, c.params.provider ?? "", (p) => ({ status: 200, body: { keys: p.keys.map(keyOut), total: p.keys.length } })),
    },
    { method: "POST", path: BASE, body: "json", mutates: true, handle: (c) => withProvider(s, c.params.provider ?? "", (p) => create(s, p, c.body)) },
    {
      method: "GET",
      path: `${BASE}/:key_id`,
      handle: (c) =>
        withProvider(s, c.params.provider ?? "", (p) => {
          const key = one(p, c.params.key_id ?? "");
          return key ? { status: 200, body: keyOut(key) } : bifrostError(404, `Key not found: ${c.params.key_id}`);
        }),
    },
    {
      method: "PUT",
      path: `${BASE}/:key_id`,
      body: "json",
      mutates: true,
      handle: (c) => withProvider(s, c.params.provider ?? "", (p) => replace(s, p, c.params.key_id ?? "", c.body)),
    },
    {
      method: "DELETE",
      path: `${BASE}/:key_id`,
      mutates: true,
      handle: (c) =>
        withProvider(s, c.params.provider ?? "", (p) => {
          const key = one(p, c.params.key_id ?? "");
          if (!key) return bifrostError(404, `Key not found: ${c.params.key_id}`);
          p.keys = p.keys.filter((k) => k !== key);
          return { status: 200, body: keyOut(key) };
        }),
    },
    { method: "GET", path: "/api/keys", handle: () => ({ status: 200, body: [...s.providers.values()].flatMap((p) => p.keys.map(keyOut)) }) },
  ];
}
