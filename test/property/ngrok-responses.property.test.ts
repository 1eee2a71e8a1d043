import { describe, it } from "vitest";
import { requirePart } from "../../src/backends/capabilities.js";
import { cryptoBytes } from "../../src/sandbox/ids.js";
import { ngrokErrors } from "../../src/sandbox/ngrok/errors.js";
import { providerRoutes } from "../../src/sandbox/ngrok/providers.js";
import { seedState } from "../../src/sandbox/ngrok/seed.js";
import { deserialize, serialize } from "../../src/sandbox/ngrok/state.js";
import * as records from "./record-checks.js";
import { checkOperation, KEY, sandboxAnswers, type Operation, type PartsFactory, type RealAnswers } from "./server-answers.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { createBackend } from "../../src/backends/ngrok/adapter.js";

const adapter = { info: ngrok, createBackend };

/**
 * ngrok: every read and write of the adapter against arbitrary server answers, paging (nextPageUri) and
 * the providerId lookup (GET by id, 404, then the whole list) included.
 */
/** The ngrok sandbox without its contract check (compiled per instance, too slow for hundreds of runs). */
const ngrokSandbox: PartsFactory = (init) => {
  const state = init.saved ? deserialize(init.saved.state) : seedState(init.seed);
  return { routes: providerRoutes(state, cryptoBytes), errors: ngrokErrors, stateHeader: () => ({}), snapshot: () => serialize(state) };
};

function seeded(): { real: RealAnswers; id: string; providerId: string } {
  const real = sandboxAnswers(ngrokSandbox);
  const list = real("GET", "/providers", new URLSearchParams(), undefined, {}).body as { aiGatewayProviders: { id: string; providerId: string }[] };
  const first = list.aiGatewayProviders[0]!;
  return { real, id: first.id, providerId: first.providerId };
}

const ops = (ids: ReturnType<typeof seeded>): Operation<any>[] => [
  {
    name: "providers list",
    run: (b) => requirePart(b, "providers list").list(),
    check: records.checkBindings,
    // A cursor that is not a /providers URI was quoted in the message, with whatever token it carried.
    regressions: [[{ kind: "json", status: 200, value: { aiGatewayProviders: [], nextPageUri: `Bearer ${KEY}` } }]],
  },
  { name: "providers get by id", run: (b) => requirePart(b, "providers get").get(ids.id), check: records.checkBinding },
  { name: "providers get by providerId", run: (b) => requirePart(b, "providers get").get(ids.providerId), check: records.checkBinding },
  {
    name: "providers bind",
    run: (b) =>
      requirePart(b, "providers bind").bind({
        providerId: "prop-test",
        name: "Prop",
        baseUrl: "https://prop.example/v1",
        models: ["m1"],
        surfaces: [{ format: "openai", surface: "chat-completions" }],
      }),
    check: records.checkBinding,
  },
  {
    name: "providers update",
    run: (b) => requirePart(b, "providers update").update(ids.providerId, { name: "Renamed", models: ["a", "b"], surfaces: [{ format: "openai" }], metadata: null }),
    check: records.checkBinding,
  },
  {
    name: "providers delete",
    run: (b) => requirePart(b, "providers delete").remove(ids.providerId),
    check: records.checkNothing,
    // The 409 message names the provider by the ids the server listed: their control characters came along.
    regressions: [
      [
        { kind: "error", status: 404, value: {} },
        { kind: "json", status: 200, value: { aiGatewayProviders: [{ id: "\u001b[2Jid", providerId: ids.providerId, name: "n", baseUrl: "https://b" }], nextPageUri: null } },
        { kind: "error", status: 409, value: { msg: "in use", details: { providerKeys: "pk_1" } } },
      ],
    ],
  },
];

describe("ngrok: any server answer ends in a record or a documented error", () => {
  for (const { name } of ops(seeded())) {
    it(name, async () => {
      await checkOperation(adapter, () => {
        const ids = seeded();
        return { real: ids.real, op: ops(ids).find((o) => o.name === name)! };
      });
    });
  }
});
