import { describe, it } from "vitest";
import { requirePart } from "../../src/backends/capabilities.js";
import type { VirtualKey } from "../../src/domain/virtual-key.js";
import { createBifrostSandbox } from "../../src/sandbox/bifrost/index.js";
import * as records from "./record-checks.js";
import { checkOperation, sandboxAnswers, type Operation, type RealAnswers } from "./server-answers.js";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { createBackend } from "../../src/backends/bifrost/adapter.js";

const adapter = { info: bifrost, createBackend };

/**
 * Bifrost v1.4, v1.5 and v2: every read and write of the adapter (including the multi-request ones: update
 * reads twice before it writes, list reads governance and key counts) against arbitrary server answers.
 */
type Version = "1.4" | "1.5" | "2";

interface Seeded {
  real: RealAnswers;
  provider: string;
  key: VirtualKey;
}

function seeded(version: Version): Seeded {
  const real = sandboxAnswers(createBifrostSandbox, { bifrostVersion: version });
  const get = (path: string) => real("GET", path, new URLSearchParams(), undefined, {}).body as Record<string, any>;
  const wireKey = get("/api/governance/virtual-keys").virtual_keys[0];
  return {
    real,
    provider: get("/api/providers").providers[0].name,
    // routingRules reads only the key's id and owners.
    key: { id: wireKey.id, teamId: wireKey.team_id ?? null, customerId: wireKey.customer_id ?? null } as VirtualKey,
  };
}

const ops = (ids: Seeded): Operation<any>[] => [
  { name: "providers list", run: (b) => requirePart(b, "providers list").list(), check: records.checkBindings },
  { name: "providers get", run: (b) => requirePart(b, "providers get").get(ids.provider), check: records.checkBinding },
  { name: "providers bind", run: (b) => requirePart(b, "providers bind").bind({ providerId: "mistral", baseUrl: "https://m.example" }), check: records.checkBinding },
  {
    name: "providers bind with limits",
    run: (b) => requirePart(b, "providers bind").bind({ providerId: "mistral", rpm: 60, tpm: 1000 }),
    check: records.checkBinding,
    // gw's own 409 message quoted the server's error code with its control characters.
    regressions: [[{ kind: "error", status: 409, value: { error: { message: "exists", code: "\u001b[31m" } } }]],
  },
  {
    name: "providers update",
    run: (b) => requirePart(b, "providers update").update(ids.provider, { maxRetries: 2, headers: { "X-A": "1" }, rpm: 30 }),
    check: records.checkBinding,
    // A field that appeared between the two reads is named in the refusal, control characters and all.
    regressions: [[{ kind: "real" }, { kind: "real" }, { kind: "real" }, { kind: "mutant", mutations: [{ at: 2, op: "set", value: { "\u001b[31mred": 1 } }] }]],
  },
  { name: "providers update limits only", run: (b) => requirePart(b, "providers update").update(ids.provider, { rpd: 500, tpm: null }), check: records.checkBinding },
  {
    name: "providers update --force",
    run: (b) => requirePart(b, "providers update").update(ids.provider, { concurrency: 2, bufferSize: 10 }, { force: true }),
    check: records.checkBinding,
  },
  { name: "providers delete", run: (b) => requirePart(b, "providers delete").remove(ids.provider), check: records.checkNothing },
  { name: "vk list", run: (b) => requirePart(b, "vk list").list(), check: records.checkVirtualKeys },
  { name: "vk get", run: (b) => requirePart(b, "vk get").get(ids.key.id), check: records.checkVirtualKey },
  { name: "chain (routing rules)", run: (b) => requirePart(b, "chain").show(ids.key.id).then((v) => (v.kind === "rules" ? v.rules : null)), check: records.checkRoutingRules },
];

describe.each(["1.4", "1.5", "2"] as const)("Bifrost v%s: any server answer ends in a record or a documented error", (version) => {
  for (const { name } of ops(seeded(version))) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seeded(version);
        return { real: ids.real, op: ops(ids).find((o) => o.name === name)! };
      });
    });
  }
});
