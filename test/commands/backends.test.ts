import { describe, expect, it } from "vitest";
import { VERBS } from "../../src/backends/backend.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { runBackends, type CapabilityRecord } from "../../src/commands/backends.js";
import { fakeContext } from "../helpers/fake-context.js";

/** `gw backends` reads only the descriptors: no profile, no backend, no adapter. */
async function records(): Promise<CapabilityRecord[]> {
  const ctx = fakeContext();
  await runBackends({ output: { format: "json", raw: false } }, ctx);
  expect(ctx.io.err()).toBe("");
  return JSON.parse(ctx.io.out()) as CapabilityRecord[];
}

const row = (all: CapabilityRecord[], backend: string, command: string) => all.find((r) => r.backend === backend && r.command === command);

describe("gw backends", () => {
  it("-o json has one record per backend and verb, in the matrix order", async () => {
    const all = await records();
    expect(all).toHaveLength(4 * VERBS.length);
    expect([...new Set(all.map((r) => r.backend))]).toEqual(["langwatch", "bifrost", "ngrok", "coreweave"]);
    expect(all.filter((r) => r.backend === "langwatch").map((r) => r.command)).toEqual(VERBS);
  });

  it("a supported verb lists the flags the backend honours, from the flag declarations", async () => {
    const all = await records();
    expect(row(all, "langwatch", "providers update")).toEqual({
      backend: "langwatch", command: "providers update", supported: true,
      flags: ["--rpm", "--tpm", "--rpd", "--slot", "--fallback-priority", "--rotation-policy", "--header", "--unset"], note: null,
    });
    expect(row(all, "bifrost", "providers update")?.flags).toEqual([
      "--rpm", "--tpm", "--rpd", "--header", "--base-url", "--concurrency", "--buffer-size", "--max-retries", "--request-timeout", "--unset", "--force",
    ]);
    expect(row(all, "ngrok", "providers bind")).toEqual({
      backend: "ngrok", command: "providers bind", supported: true,
      flags: ["--provider-id", "--name", "--base-url", "--metadata", "--model", "--surface"],
      note: "registers a custom provider; models are then addressed as <provider-id>:<model>",
    });
    expect(row(all, "langwatch", "vk create")?.flags).toEqual(["--name", "--description", "--chain", "--rpm", "--tpm", "--rpd"]);
    // --wandb-usage-reports and --no-wandb-usage-reports are one flag in the matrix.
    expect(row(all, "coreweave", "gateways create")?.flags).toEqual([
      "--name", "--zone", "--auth", "--wandb-api-key-stdin", "--wandb-server-url", "--wandb-usage-reports", "--wandb-rate-limiting",
      "--routing", "--api-type", "--header-name", "--dns", "--wait", "--wait-timeout",
    ]);
  });

  it("an unsupported verb has no flags and the descriptor's reason as its note", async () => {
    const all = await records();
    expect(row(all, "bifrost", "providers disable")).toEqual({
      backend: "bifrost", command: "providers disable", supported: false, flags: [],
      note: "Bifrost providers have no disabled state (only their keys do); delete the provider instead",
    });
    expect(row(all, "coreweave", "vk list")).toEqual({
      backend: "coreweave", command: "vk list", supported: false, flags: [], note: "CoreWeave has inference gateways, not provider bindings: use gw gateways",
    });
  });

  it("agrees with the descriptors: supported exactly where a capability is listed", async () => {
    const all = await records();
    expect(all.filter((r) => r.backend === "langwatch" && r.supported).map((r) => r.command)).toEqual(Object.keys(langwatch.capabilities));
  });

  it("a piped table is tab-separated, one line per backend and verb", async () => {
    const ctx = fakeContext();
    await runBackends({ output: { format: "table", raw: false } }, ctx);
    const lines = ctx.io.out().split("\n");
    expect(lines[0]).toBe("BACKEND\tCOMMAND\tSUPPORTED\tFLAGS\tNOTE");
    expect(lines).toHaveLength(1 + 4 * VERBS.length + 1);
    expect(lines).toContain("langwatch\tproviders list\tyes\t\t");
    expect(lines).toContain("langwatch\tproviders delete\tno\t\tLangWatch bindings cannot be deleted; use `gw providers disable`");
    expect(lines).toContain("coreweave\tgateways list\tyes\t--updated-after\tno paging; --updated-after filters on the server");
  });
});
