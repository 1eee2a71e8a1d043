import { describe, expect, it } from "vitest";
import { LIMIT_SEMANTICS as BIFROST_SEMANTICS } from "../../src/backends/bifrost/adapter.js";
import { bifrost } from "../../src/backends/bifrost/index.js";
import { LIMIT_SEMANTICS as LANGWATCH_SEMANTICS } from "../../src/backends/langwatch/adapter.js";
import { langwatch } from "../../src/backends/langwatch/index.js";
import { ngrok } from "../../src/backends/ngrok/index.js";
import { limitsFrom } from "../../src/backends/parts.js";
import { runLimits } from "../../src/commands/limits.js";
import { RejectedError } from "../../src/errors.js";
import { ExitCode } from "../../src/exit-codes.js";
import type { OutputChoice } from "../../src/output/format.js";
import { fakeBackend, langwatchBinding, virtualKey } from "../helpers/fake-backend.js";
import { fakeContext } from "../helpers/fake-context.js";

const json: OutputChoice = { format: "json", raw: false };
const table: OutputChoice = { format: "table", raw: false };

describe("gw limits on LangWatch: an unset limit inherits", () => {
  const b1 = langwatchBinding({ tpm: 1000 });
  const b2 = langwatchBinding({ id: "b2", provider: "anthropic", slot: "fallback", rpm: null });
  const key = virtualKey({ chain: ["b1"], rpm: 900 });
  const gone = virtualKey({ id: "vk9", name: "old", status: "revoked", rpm: 5 });
  const reading = () =>
    fakeBackend(langwatch, { limits: { semantics: LANGWATCH_SEMANTICS, read: async () => ({ bindings: [b1, b2], keys: [key, gone] }) } });

  it("a piped table: inherit for unset limits, a warning for what cannot take effect, no revoked keys", async () => {
    const backend = reading();
    const ctx = fakeContext({ backend });
    await runLimits({ output: table }, ctx);
    expect(backend.calls).toEqual([{ method: "limits.read", args: [ctx.warn] }]);
    expect(ctx.io.out()).toBe(
      "KIND\tID\tNAME\tSTATUS\tRPM\tTPM\tRPD\tWARNINGS\n" +
        "binding\tb1\topenai/primary\tactive\t600\t1000\tinherit\tTPM is stored but not enforced by the gateway\n" +
        "binding\tb2\tanthropic/fallback\tactive\tinherit\tinherit\tinherit\t\n" +
        "virtual-key\tvk1\tcheckout\tactive\t900\tinherit\tinherit\tRPM 900 is above every hop's binding limit (max 600): the bindings cap first\n",
    );
    expect(ctx.io.err()).toBe("");
  });

  it("-o json: one row per binding and key, with what an unset limit means", async () => {
    const ctx = fakeContext({ backend: reading() });
    await runLimits({ output: json }, ctx);
    const rows = JSON.parse(ctx.io.out());
    expect(rows).toEqual([
      { kind: "binding", id: "b1", name: "openai/primary", status: "active", rpm: 600, tpm: 1000, rpd: null, other: [], unsetMeans: "inherit", warnings: ["TPM is stored but not enforced by the gateway"] },
      { kind: "binding", id: "b2", name: "anthropic/fallback", status: "active", rpm: null, tpm: null, rpd: null, other: [], unsetMeans: "inherit", warnings: [] },
      {
        kind: "virtual-key", id: "vk1", name: "checkout", status: "active", rpm: 900, tpm: null, rpd: null, other: [], unsetMeans: "inherit",
        warnings: ["RPM 900 is above every hop's binding limit (max 600): the bindings cap first"],
      },
    ]);
  });

  it("what the backend could not read is a warning on stderr; the rest is still shown", async () => {
    // The real limitsFrom over fake parts: a server refusing its bindings API (LangWatch v3.4+ answers 410).
    const parts = fakeBackend(langwatch, {
      bindings: { list: async () => Promise.reject(new RejectedError("410 Gone: the bindings API was removed")) },
      virtualKeys: { list: async () => [virtualKey({ chain: null })] },
    });
    const backend = { ...parts, limits: limitsFrom(parts.bindings!, parts.virtualKeys, LANGWATCH_SEMANTICS) };
    const ctx = fakeContext({ backend });
    await runLimits({ output: table }, ctx);
    expect(ctx.io.err()).toBe("warning: binding limits are not available: 410 Gone: the bindings API was removed\n");
    expect(ctx.io.out()).toBe("KIND\tID\tNAME\tSTATUS\tRPM\tTPM\tRPD\tWARNINGS\nvirtual-key\tvk1\tcheckout\tactive\tinherit\tinherit\tinherit\t\n");
    expect(parts.methods()).toEqual(["virtualKeys.list", "bindings.list"]);
  });

  it("nothing to show is said on stderr", async () => {
    const ctx = fakeContext({ backend: fakeBackend(langwatch, { limits: { semantics: LANGWATCH_SEMANTICS, read: async () => ({ bindings: [], keys: [gone] }) } }) });
    await runLimits({ output: table }, ctx);
    expect(ctx.io.out()).toBe("");
    expect(ctx.io.err()).toBe("No bindings or virtual keys.\n");
  });
});

describe("gw limits on Bifrost: an unset limit is none at that level", () => {
  const provider = langwatchBinding({
    id: "openai", backend: "bifrost", provider: "openai", providerId: "openai", slot: null, rpm: 50, fallbackPriority: null, rotationPolicy: null,
    details: { rateLimit: { requests: { limit: 5000, window: "1h", used: null }, tokens: null } },
  });
  const key = virtualKey({
    id: "vk2", backend: "bifrost", name: "batch", chain: null, rpm: 500,
    providerConfigs: [{ provider: "openai", weight: 1, allowedModels: null, blockedModels: [], keyIds: null, budgets: [], rpm: 100, tpm: null, rpd: null, rateLimit: null }],
  });

  it('"-" for a provider or key without a limit, OTHER for other windows, a row per provider config', async () => {
    const backend = fakeBackend(bifrost, { limits: { semantics: BIFROST_SEMANTICS, read: async () => ({ bindings: [provider], keys: [key] }) } });
    const ctx = fakeContext({ backend });
    await runLimits({ output: table }, ctx);
    expect(ctx.io.out()).toBe(
      "KIND\tID\tNAME\tSTATUS\tRPM\tTPM\tRPD\tOTHER\tWARNINGS\n" +
        "binding\topenai\topenai\tactive\t50\t-\t-\t5000 req/1h\t\n" +
        "virtual-key\tvk2\tbatch\tactive\t500\t-\t-\t\tRPM 500 is above what its providers can carry together (50): their limits cap first\n" +
        "provider-config\tvk2/openai\tbatch -> openai\tactive\t100\tinherit\tinherit\t\tRPM 100 is above the provider's own limit (50): the provider caps first\n",
    );
  });
});

it("gw limits on ngrok is a usage error with the reason", async () => {
  await expect(runLimits({ output: table }, fakeContext({ backend: fakeBackend(ngrok, { limits: {} }) }))).rejects.toEqual(
    expect.objectContaining({
      exitCode: ExitCode.Usage,
      message: "the ngrok backend does not support `gw limits`: the ngrok provider API has no per-provider rate limits (see gw backends)",
    }),
  );
});
