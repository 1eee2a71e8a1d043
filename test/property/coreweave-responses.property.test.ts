import { describe, it } from "vitest";
import { requirePart } from "../../src/backends/capabilities.js";
import { coreweaveErrors } from "../../src/sandbox/coreweave/errors.js";
import { gatewayRoutes } from "../../src/sandbox/coreweave/gateways.js";
import { seedState } from "../../src/sandbox/coreweave/seed.js";
import { deserialize, serialize } from "../../src/sandbox/coreweave/state.js";
import * as records from "./record-checks.js";
import { checkOperation, PAYLOAD_SECRET, sandboxAnswers, type Operation, type PartsFactory, type RealAnswers } from "./server-answers.js";
import { coreweave } from "../../src/backends/coreweave/index.js";
import { createBackend } from "../../src/backends/coreweave/adapter.js";

const adapter = { info: coreweave, createBackend };

/**
 * CoreWeave inference gateways: every read and write of the adapter (update is GET, merge, PATCH) against
 * arbitrary server answers, with a W&B key on the writes that carry one.
 */
const WANDB_KEY = PAYLOAD_SECRET;

/** The CoreWeave sandbox without its contract check (compiled per instance, too slow for hundreds of runs). */
const coreweaveSandbox: PartsFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return {
    routes: gatewayRoutes(state, { transitionMs: init.transitionMs }),
    errors: coreweaveErrors,
    stateHeader: () => ({}),
    snapshot: () => serialize(state),
  };
};

function seeded(): { real: RealAnswers; coreweave: string; wandb: string } {
  const real = sandboxAnswers(coreweaveSandbox);
  const list = real("GET", "/v1alpha1/inference/gateways", new URLSearchParams(), undefined, {}).body as {
    items: { spec: { id: string; weightsAndBiasesAuth?: object } }[];
  };
  const byAuth = (wandb: boolean) => list.items.find((g) => Boolean(g.spec.weightsAndBiasesAuth) === wandb)!.spec.id;
  return { real, coreweave: byAuth(false), wandb: byAuth(true) };
}

const ops = (ids: ReturnType<typeof seeded>): Operation<any>[] => [
  { name: "gateways list", run: (b) => requirePart(b, "gateways list").list(), check: records.checkGateways },
  { name: "gateways list --updated-after", run: (b) => requirePart(b, "gateways list").list({ updatedAfter: "2026-01-01T00:00:00Z" }), check: records.checkGateways },
  { name: "gateways get", run: (b) => requirePart(b, "gateways get").get(ids.wandb), check: records.checkGateway },
  {
    name: "gateways create (W&B)",
    secrets: [WANDB_KEY],
    run: (b) =>
      requirePart(b, "gateways create").create({ name: "prop", zones: ["US-EAST-04A"], auth: "wandb", wandb: { apiKey: WANDB_KEY }, routing: "body", apiType: "openai" }),
    check: records.checkGateway,
    // Field violations quoting the key gw just sent were added to the message unmasked.
    regressions: [
      [{ kind: "error", status: 400, value: { code: 3, details: [{ fieldViolations: [{ field: "weightsAndBiasesAuth.apiKey", description: `bad ${WANDB_KEY}` }] }] } }],
    ],
  },
  {
    name: "gateways update (rename)",
    run: (b) => requirePart(b, "gateways update").update(ids.wandb, { name: "renamed", additionalDns: ["a.example.com"] }),
    check: records.checkGateway,
    regressions: [
      // A header name that is an object whose toString is not a function: String() threw a TypeError (exit 1).
      [{ kind: "json", status: 200, value: { gateway: { spec: { id: ids.wandb, name: "n", zones: [], coreWeaveAuth: {}, headerBasedRouting: { headerName: { toString: 1 } } } } } }],
      // A gateway without routing is named by its id in the refusal: an id with control characters came along.
      [{ kind: "json", status: 200, value: { gateway: { spec: { id: "nul\u0000", name: "n", zones: [], coreWeaveAuth: {} } } } }],
    ],
  },
  {
    name: "gateways update (switch to W&B)",
    secrets: [WANDB_KEY],
    run: (b) => requirePart(b, "gateways update").update(ids.coreweave, { auth: "wandb", wandbApiKeyIfNeeded: WANDB_KEY, routing: "header", headerName: "x-model" }),
    check: records.checkGateway,
    // The server echoes the key it was sent: it stays out of the record and the trace.
    regressions: [
      [
        { kind: "real" },
        {
          kind: "json",
          status: 200,
          value: { gateway: { spec: { id: ids.coreweave, name: "n", zones: [], weightsAndBiasesAuth: { apiKey: WANDB_KEY }, pathBasedRouting: {} } } },
        },
      ],
    ],
  },
  { name: "gateways delete", run: (b) => requirePart(b, "gateways delete").remove(ids.coreweave), check: records.checkGateway },
  { name: "gateways zones", run: (b) => requirePart(b, "gateways zones").zones(), check: records.checkStrings },
];

describe("CoreWeave: any server answer ends in a record or a documented error", () => {
  for (const { name } of ops(seeded())) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seeded();
        return { real: ids.real, op: ops(ids).find((o) => o.name === name)! };
      });
    });
  }
});
