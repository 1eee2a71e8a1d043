import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGw, type GwRun } from "../helpers/run-gw.js";
import { bifrostRig, SEEDED_SECRETS, type BifrostRig } from "./bifrost-helpers.js";

/**
 * `gw providers keys list | add | update | remove` (issue 11), the built gw against `gw sandbox --backend
 * bifrost` in each generation: v1.5 and v2 through /api/providers/{provider}/keys, v1.4 through the provider
 * PUT that carries the full key set. Every run is a redaction check: the seeded secrets and every value
 * piped in below must never appear in stdout or stderr (runGw fails the test otherwise).
 */
interface KeyJson {
  id: string;
  backend: string;
  provider: string;
  name: string;
  weight: number | null;
  models: string[] | null;
  enabled: boolean;
  details: Record<string, unknown>;
}

type Version = "1.4" | "1.5" | "2";
const VERSIONS: Version[] = ["1.5", "2", "1.4"];

const ADDED = "sk-ant-e2eAddedFromStdin00000000000011";
const FROM_ENV = "sk-ant-e2eAddedFromEnvVariable000000022";
const ROTATED = "sk-proj-e2eRotatedValue0000000000000033";
const DRY = "sk-ant-e2eDryRunValueNeverSent000000044";
const NOPE = "sk-ant-e2eValueOfARefusedKey0000000055";
const VALUES = [...SEEDED_SECRETS, ADDED, FROM_ENV, ROTATED, DRY, NOPE];

const rigs: Partial<Record<Version, BifrostRig>> = {};

beforeAll(async () => {
  const started = await Promise.all(VERSIONS.map((v) => bifrostRig(["--bifrost-version", v])));
  VERSIONS.forEach((v, i) => (rigs[v] = started[i]));
});
afterAll(async () => {
  for (const [version, r] of Object.entries(rigs)) {
    // Every request gw sent conformed to contracts/bifrost.openapi.json (its v1.4 variant on 1.4).
    expect(r.sandbox.contractViolations(), `v${version}`).toEqual([]);
    await r.sandbox.stop();
  }
});

describe.each(VERSIONS)("gw providers keys on Bifrost v%s", (version) => {
  const rig = () => rigs[version]!;
  const gw = (args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<GwRun> =>
    runGw(args, { configDir: rig().configDir, env: { ...rig().env, ...opts.env }, secrets: VALUES, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  const json = async <T>(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<T> => {
    const r = await gw([...args, "-o", "json"], opts);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const list = (provider: string) => json<KeyJson[]>(["providers", "keys", "list", provider]);
  /** The server's redacted value of each key, from --raw (gw's record has none). */
  const redacted = async (provider: string) => {
    const raw = await json<{ name: string; value: { value: string } }[]>(["providers", "keys", "list", provider, "--raw"]);
    return Object.fromEntries(raw.map((k) => [k.name, k.value.value]));
  };
  const idOf = async (provider: string, name: string) => (await list(provider)).find((k) => k.name === name)!.id;

  it("lists a provider's keys as a table and as JSON records: weights, models, status, never a value", async () => {
    const table = await gw(["providers", "keys", "list", "openai"]);
    expect(table.exitCode, table.stderr).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split("\n");
    expect(header).toBe("ID\tPROVIDER\tNAME\tWEIGHT\tMODELS\tSTATUS");
    expect(rows.map((r) => r.split("\t").slice(1))).toEqual([
      ["openai", "openai-prod", "0.7", "gpt-4o, gpt-4o-mini", "enabled"],
      ["openai", "openai-backup", "0.3", "all", "enabled"],
    ]);
    const keys = await list("openai");
    expect(keys.map((k) => [k.name, k.weight, k.models, k.enabled])).toEqual([
      ["openai-prod", 0.7, ["gpt-4o", "gpt-4o-mini"], true],
      ["openai-backup", 0.3, null, true],
    ]);
    expect(keys[0]).toMatchObject({ backend: "bifrost", provider: "openai", details: { envVar: null, blockedModels: [] } });
    expect(keys[1]!.details.envVar).toBe("env.OPENAI_BACKUP_KEY");
    // Not even the server's redacted form is in gw's record.
    expect(JSON.stringify(keys)).not.toMatch(/\*{4}|<REDACTED>|"value"/);
    expect((await list("azure"))[0]!.details.config).toBe("azure");
  });

  it("needs a provider (exit 2), and names an unknown one (exit 4)", async () => {
    const r = await gw(["providers", "keys", "list"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: missing <provider>: the bifrost backend keeps keys per provider/m);
    const nope = await gw(["providers", "keys", "list", "nope"]);
    expect(nope.exitCode).toBe(4);
    expect(nope.stderr).toMatch(/list keys of provider nope: provider nope not found/);
  });

  it("adds a key with --value-stdin: weight and models as given, the value stored and shown nowhere", async () => {
    let added: KeyJson | undefined;
    const sent = await rig().requests(async () => {
      added = await json<KeyJson>(["providers", "keys", "add", "anthropic", "--name", "anthropic-stdin", "--value-stdin", "--weight", "0.5", "--model", "claude-3-5-sonnet"], {
        input: `${ADDED}\n`,
      });
    });
    expect(added).toMatchObject({ provider: "anthropic", name: "anthropic-stdin", weight: 0.5, models: ["claude-3-5-sonnet"], enabled: true });
    expect(added!.id).not.toBe("");
    expect(sent).toContain(version === "1.4" ? "PUT /api/providers/anthropic 200" : "POST /api/providers/anthropic/keys 200");
    // The server holds the value: its redacted form ends as the value does.
    expect((await redacted("anthropic"))["anthropic-stdin"]).toBe(`sk-a${"*".repeat(24)}0011`);
    // v1.4: the key that was there survives the PUT of the key set.
    expect((await list("anthropic")).map((k) => k.name)).toEqual(["anthropic-main", "anthropic-stdin"]);
  });

  it("adds a key from GW_PROVIDER_KEY; -q prints its id alone; every model and weight 1 by default", async () => {
    const r = await gw(["providers", "keys", "add", "anthropic", "--name", "anthropic-env", "-q"], { env: { GW_PROVIDER_KEY: FROM_ENV } });
    expect(r.exitCode, r.stderr).toBe(0);
    const id = r.stdout; // the id alone (the run's final newline is trimmed)
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const key = (await list("anthropic")).find((k) => k.id === id)!;
    expect(key).toMatchObject({ name: "anthropic-env", weight: 1, models: null, enabled: true });
    expect((await redacted("anthropic"))["anthropic-env"]).toBe(`sk-a${"*".repeat(24)}0022`);
  });

  it("refuses to add without a value (exit 2), and never takes it from argv", async () => {
    const r = await gw(["providers", "keys", "add", "anthropic", "--name", "no-value"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the key's value is needed: pipe it with --value-stdin or set GW_PROVIDER_KEY/);
    expect((await gw(["providers", "keys", "add", "anthropic", "--name", "x", "--value", NOPE])).exitCode).toBe(2);
  });

  it("--dry-run prints the request with the value masked, and sends nothing", async () => {
    const r = await gw(["providers", "keys", "add", "anthropic", "--name", "dry", "--value-stdin", "--dry-run", "--debug"], { input: DRY });
    expect(r.exitCode, r.stderr).toBe(0);
    const url = version === "1.4" ? `PUT ${rig().sandbox.url}/api/providers/anthropic` : `POST ${rig().sandbox.url}/api/providers/anthropic/keys`;
    expect(r.stdout.startsWith(`${url}\n`)).toBe(true);
    expect(r.stdout).toContain('"name": "dry"');
    expect(r.stdout).toContain('"value": "sk-a****0044"');
    if (version === "1.4") expect(r.stdout).toContain('"name": "anthropic-main"'); // the whole key set travels
    expect((await list("anthropic")).some((k) => k.name === "dry")).toBe(false);
  });

  it("update: only the named fields change (GET the key, PUT it whole on v1.5+); the value is kept", async () => {
    const id = await idOf("openai", "openai-prod");
    const before = await redacted("openai");
    let updated: KeyJson | undefined;
    const sent = await rig().requests(async () => {
      updated = await json<KeyJson>(["providers", "keys", "update", "openai", id, "--weight", "0.9", "--model", "gpt-4o"]);
    });
    expect(updated).toMatchObject({ id, name: "openai-prod", weight: 0.9, models: ["gpt-4o"], enabled: true });
    expect(sent).toEqual(
      version === "1.4"
        ? expect.arrayContaining(["GET /api/providers/openai 200", "PUT /api/providers/openai 200"])
        : expect.arrayContaining([`GET /api/providers/openai/keys/${id} 200`, `PUT /api/providers/openai/keys/${id} 200`]),
    );
    expect(await redacted("openai")).toEqual(before);
    expect((await list("openai")).find((k) => k.name === "openai-backup")).toMatchObject({ weight: 0.3, models: null });
  });

  it("update --model '*' allows every model; --disable and --enable", async () => {
    const id = await idOf("openai", "openai-prod");
    expect((await json<KeyJson>(["providers", "keys", "update", "openai", id, "--model", "*"])).models).toBeNull();
    const disabled = await gw(["providers", "keys", "update", "openai", id, "--disable"]);
    expect(disabled.exitCode, disabled.stderr).toBe(0);
    expect(disabled.stderr).toContain(`✓ Updated key ${id} (openai-prod) of provider openai`);
    expect(disabled.stdout).toMatch(/^Status: +disabled$/m);
    expect((await list("openai")).find((k) => k.id === id)!.enabled).toBe(false);
    expect((await json<KeyJson>(["providers", "keys", "update", "openai", id, "--enable"])).enabled).toBe(true);
  });

  it("update --value-stdin rotates the value in place; an update naming nothing is exit 2", async () => {
    const id = await idOf("openai", "openai-prod");
    const rotated = await json<KeyJson>(["providers", "keys", "update", "openai", id, "--value-stdin"], { input: ROTATED });
    expect(rotated).toMatchObject({ id, weight: 0.9, enabled: true });
    expect((await redacted("openai"))["openai-prod"]).toBe(`sk-p${"*".repeat(24)}0033`);
    expect((await gw(["providers", "keys", "update", "openai", id])).exitCode).toBe(2); // nothing to update
  });

  it("maps 404 to exit 4 naming the key or the provider", async () => {
    const key = await gw(["providers", "keys", "update", "openai", "no-such-key", "--weight", "1"]);
    expect(key.exitCode).toBe(4);
    expect(key.stderr).toMatch(/update key no-such-key of provider openai: key no-such-key not found \(see gw providers keys list openai\)/);
    const provider = await gw(["providers", "keys", "add", "nope", "--name", "x", "--value-stdin"], { input: NOPE });
    expect(provider.exitCode).toBe(4);
    expect(provider.stderr).toMatch(/add key x to provider nope: provider nope not found/);
    const rm = await gw(["providers", "keys", "remove", "openai", "no-such-key", "--yes"]);
    expect(rm.exitCode).toBe(4);
    expect(rm.stderr).toMatch(/key no-such-key not found/);
  });

  it("maps a name clash to exit 5 naming it, and a 400 to exit 5 with the server's reason", async () => {
    // Names are unique across providers on v1.5+ (the server's 409); v1.4: gw checks within the provider.
    const target = version === "1.4" ? "openai" : "anthropic";
    const clash = await gw(["providers", "keys", "add", target, "--name", "openai-backup", "--value-stdin"], { input: NOPE });
    expect(clash.exitCode).toBe(5);
    expect(clash.stderr).toMatch(/add key openai-backup to provider \w+: a key named "openai-backup" already exists/);
    const keyless = await gw(["providers", "keys", "add", "internal-llm", "--name", "x", "--value-stdin"], { input: NOPE });
    expect(keyless.exitCode).toBe(5);
    expect(keyless.stderr).toMatch(/HTTP 400 Bad Request: provider internal-llm is keyless; it takes no keys/);
  });

  it("remove needs --yes off a terminal (exit 2); with it the key is gone and the others stay", async () => {
    const id = await idOf("anthropic", "anthropic-env");
    const refused = await gw(["providers", "keys", "remove", "anthropic", id]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--yes required to remove a key when not running in a terminal/);
    const dry = await gw(["providers", "keys", "remove", "anthropic", id, "--dry-run"]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(version === "1.4" ? /^PUT .*\/api\/providers\/anthropic\n/ : new RegExp(`^DELETE .*/api/providers/anthropic/keys/${id}$`));
    const r = await gw(["providers", "keys", "remove", "anthropic", id, "--yes"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ Removed key ${id} from provider anthropic`);
    expect((await list("anthropic")).map((k) => k.name)).toEqual(["anthropic-main", "anthropic-stdin"]);
    expect((await gw(["providers", "keys", "remove", "anthropic", id, "--yes"])).exitCode).toBe(4);
  });
}, 90_000); // a dozen gw runs per test, on a shared machine
