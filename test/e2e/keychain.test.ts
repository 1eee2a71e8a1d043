import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { startKeyringSession, type KeyringSession } from "../helpers/keyring-session.js";
import { describeNeeding, requireTool, type Requirement } from "../helpers/requires.js";
import { runGw, tempConfigDir } from "../helpers/run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "../helpers/sandbox.js";

// The Secret Service of a private D-Bus session (GNOME Keyring); macOS and Windows keychains are not driven here.
// Each test runs gw up to a dozen times; on a loaded machine that takes longer than the default 30 s.
vi.setConfig({ testTimeout: 90_000 });

const linux: Requirement = process.platform === "linux" ? { ok: true } : { ok: false, reason: "the keychain tests drive the Linux Secret Service" };
const NOWHERE = { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/gw-test-bus", GW_KEYRING: "1" };

const config = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { profiles: Record<string, Record<string, string>> };
const oneLineError = (stderr: string) => {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describeNeeding([linux, requireTool("dbus-run-session"), requireTool("gnome-keyring-daemon")], "OS keychain (Secret Service)", () => {
  let keyring: KeyringSession;
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    [keyring, sandbox] = await Promise.all([startKeyringSession(), startSandboxProcess(["--seed", "demo"])]);
  });
  afterAll(async () => {
    await Promise.all([keyring?.stop(), sandbox?.stop()]);
  });

  const add = (configDir: string, name: string, env: Record<string, string>, extra: string[] = []) =>
    runGw(["profile", "add", name, "--base-url", sandbox.url, "--api-key-stdin", ...extra], { configDir, env, input: sandbox.apiKey, secrets: [sandbox.apiKey] });

  it("profile add stores the key in the keychain, not the file; commands and gw status read it from there", async () => {
    const configDir = tempConfigDir();
    const r = await add(configDir, "prod", keyring.env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("key stored in the OS keychain (service gw, account prod (");
    expect(config(configDir).profiles.prod).toEqual({ backend: "langwatch", baseUrl: sandbox.url, keyStore: "keychain" });
    expect(readFileSync(join(configDir, "config.json"), "utf8")).not.toContain(sandbox.apiKey);
    expect(await keyring.entries(configDir)).toEqual({ prod: sandbox.apiKey });

    const list = await runGw(["providers", "list", "-o", "json"], { configDir, env: keyring.env });
    expect(list.exitCode, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).length).toBeGreaterThan(0);

    const status = await runGw(["status"], { configDir, env: keyring.env });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/Key stored in: +the OS keychain/);
    expect(status.stdout).toMatch(/Key: +accepted/);
    const json = await runGw(["status", "-o", "json"], { configDir, env: keyring.env });
    expect(JSON.parse(json.stdout)).toMatchObject({ keyStore: "keychain", authenticated: true });

    const profiles = await runGw(["profile", "list"], { configDir, env: keyring.env });
    expect(profiles.stdout).toContain("(in the OS keychain)");
    const show = await runGw(["profile", "show", "prod"], { configDir, env: keyring.env });
    expect(show.stdout).toMatch(/API key: +sk-l\*\*\*\*/);
    expect(show.stdout).toMatch(/Key stored in: +the OS keychain \(service gw, account prod/);
  });

  it("GW_KEYRING=0 and --no-keyring keep the key in the 0600 file, and say so", async () => {
    const configDir = tempConfigDir();
    const byEnv = await add(configDir, "env-off", { ...keyring.env, GW_KEYRING: "0" });
    const byFlag = await add(configDir, "flag-off", keyring.env, ["--no-keyring"]);
    for (const r of [byEnv, byFlag]) {
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`key stored in ${join(configDir, "config.json")} (mode 0600)`);
      expect(r.stderr).not.toContain("warning");
    }
    expect(config(configDir).profiles["env-off"]!.apiKey).toBe(sandbox.apiKey);
    expect(config(configDir).profiles["flag-off"]!.apiKey).toBe(sandbox.apiKey);
    expect(await keyring.entries(configDir)).toEqual({});
    const status = await runGw(["status", "--profile", "flag-off"], { configDir, env: keyring.env });
    expect(status.stdout).toMatch(/Key stored in: +the config file \(mode 0600\)/);
  });

  it("no keychain reachable: profile add falls back to the file with a one-line warning", async () => {
    const configDir = tempConfigDir();
    const r = await add(configDir, "dev", NOWHERE);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^warning: the OS keychain is not available \(.*\/nonexistent\/gw-test-bus.*\); the key is stored in the config file instead$/);
    expect(lines[1]).toContain("key stored in");
    expect(lines).toHaveLength(2);
    expect(config(configDir).profiles.dev!.apiKey).toBe(sandbox.apiKey);
    const list = await runGw(["providers", "list"], { configDir, env: NOWHERE });
    expect(list.exitCode, list.stderr).toBe(0);
  });

  it("a key in the keychain that cannot be read: exit 3 with one clear line; gw status says why; GW_API_KEY still wins", async () => {
    const configDir = tempConfigDir();
    expect((await add(configDir, "prod", keyring.env)).exitCode).toBe(0);

    const r = await runGw(["providers", "list"], { configDir, env: NOWHERE });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: profile "prod" keeps its key in the OS keychain, which failed: .*; set GW_API_KEY, unlock the keychain/);
    oneLineError(r.stderr);

    const status = await runGw(["status"], { configDir, env: NOWHERE });
    expect(status.exitCode).toBe(3);
    expect(status.stdout).toMatch(/API key: +\(in the OS keychain, unreadable\)/);
    expect(status.stdout).toMatch(/Error: +profile "prod" keeps its key in the OS keychain, which failed/);

    const withEnv = await runGw(["providers", "list"], { configDir, env: { ...NOWHERE, GW_API_KEY: sandbox.apiKey } });
    expect(withEnv.exitCode, withEnv.stderr).toBe(0);
    const envStatus = await runGw(["status", "-o", "json"], { configDir, env: { ...NOWHERE, GW_API_KEY: sandbox.apiKey } });
    expect(JSON.parse(envStatus.stdout)).toMatchObject({ keyStore: "env", authenticated: true });
  });

  it("an entry missing from the keychain is exit 3 naming the entry", async () => {
    const configDir = tempConfigDir();
    expect((await add(configDir, "gone", keyring.env)).exitCode).toBe(0);
    expect((await runGw(["profile", "migrate-keys", "--to-file"], { configDir, env: keyring.env })).exitCode).toBe(0);
    // Put the record back to "keychain" by hand: the entry was deleted by the move.
    const migrated = config(configDir);
    expect(migrated.profiles.gone!.apiKey).toBe(sandbox.apiKey);
    const text = readFileSync(join(configDir, "config.json"), "utf8").replace(`"apiKey": "${sandbox.apiKey}"`, '"keyStore": "keychain"');
    writeFileSync(join(configDir, "config.json"), text, { mode: 0o600 });
    const r = await runGw(["providers", "list"], { configDir, env: keyring.env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/keeps its key in the OS keychain \(service gw, account gone .*\), but there is no such entry/);
    oneLineError(r.stderr);
  });

  it("profile migrate-keys moves file keys into the keychain and --to-file moves them back, one line per profile", async () => {
    const configDir = tempConfigDir();
    for (const name of ["a", "b"]) expect((await add(configDir, name, { ...keyring.env, GW_KEYRING: "0" })).exitCode).toBe(0);
    expect(
      (await runGw(["profile", "add", "open", "--backend", "bifrost", "--base-url", "http://127.0.0.1:1", "--no-api-key"], { configDir, env: keyring.env })).exitCode,
    ).toBe(0);

    const off = await runGw(["profile", "migrate-keys"], { configDir, env: { ...keyring.env, GW_KEYRING: "0" } });
    expect(off.exitCode).toBe(2);
    expect(off.stderr).toContain("GW_KEYRING=0");

    const to = await runGw(["profile", "migrate-keys"], { configDir, env: keyring.env });
    expect(to.exitCode, to.stderr).toBe(0);
    expect(to.stderr).toMatch(/^✓ a: key moved to the OS keychain \(service gw, account a /m);
    expect(to.stderr).toMatch(/^✓ b: key moved to the OS keychain/m);
    expect(to.stderr).toMatch(/^- open: no key stored$/m);
    expect(readFileSync(join(configDir, "config.json"), "utf8")).not.toContain(sandbox.apiKey);
    expect(config(configDir).profiles.a).toEqual({ backend: "langwatch", baseUrl: sandbox.url, keyStore: "keychain" });
    expect(await keyring.entries(configDir)).toEqual({ a: sandbox.apiKey, b: sandbox.apiKey });
    expect((await runGw(["providers", "list", "--profile", "b"], { configDir, env: keyring.env })).exitCode).toBe(0);

    const again = await runGw(["profile", "migrate-keys", "a"], { configDir, env: keyring.env });
    expect(again.stderr.trim()).toBe("- a: already in the OS keychain");

    const unreachable = await runGw(["profile", "migrate-keys", "a", "--to-file"], { configDir, env: NOWHERE });
    expect(unreachable.exitCode).toBe(3);
    expect(unreachable.stderr).toMatch(/^✗ a: cannot reach the OS keychain: .* \(the key stays in the OS keychain\)$/m);
    expect(config(configDir).profiles.a!.keyStore).toBe("keychain");

    const back = await runGw(["profile", "migrate-keys", "--to-file"], { configDir, env: keyring.env });
    expect(back.exitCode, back.stderr).toBe(0);
    expect(back.stderr).toMatch(/^✓ a: key moved to .*config\.json \(mode 0600\)$/m);
    expect(config(configDir).profiles.a!.apiKey).toBe(sandbox.apiKey);
    expect(config(configDir).profiles.b!.apiKey).toBe(sandbox.apiKey);
    expect(await keyring.entries(configDir)).toEqual({});
  });

  it("profile remove deletes the keychain entry; replacing a keychain profile with a file one deletes it too", async () => {
    const configDir = tempConfigDir();
    expect((await add(configDir, "one", keyring.env)).exitCode).toBe(0);
    expect((await add(configDir, "two", keyring.env)).exitCode).toBe(0);
    expect(Object.keys(await keyring.entries(configDir)).sort()).toEqual(["one", "two"]);

    const rm = await runGw(["profile", "remove", "one"], { configDir, env: keyring.env });
    expect(rm.exitCode, rm.stderr).toBe(0);
    expect(Object.keys(await keyring.entries(configDir))).toEqual(["two"]);

    const refused = await add(configDir, "two", { ...keyring.env, GW_KEYRING: "0" });
    expect(refused.exitCode).toBe(2);
    expect(Object.keys(await keyring.entries(configDir))).toEqual(["two"]);

    const replaced = await add(configDir, "two", { ...keyring.env, GW_KEYRING: "0" }, ["--force"]);
    expect(replaced.exitCode, replaced.stderr).toBe(0);
    expect(await keyring.entries(configDir)).toEqual({});
    expect(config(configDir).profiles.two!.apiKey).toBe(sandbox.apiKey);
  });
});

describeNeeding([linux, requireTool("dbus-run-session"), requireTool("gnome-keyring-daemon")], "OS keychain locked", () => {
  let keyring: KeyringSession;
  beforeAll(async () => {
    keyring = await startKeyringSession({ unlocked: false });
  });
  afterAll(async () => keyring?.stop());

  it("a locked keychain whose unlock prompt cannot be shown: profile add keeps the key in the file, one warning", async () => {
    const configDir = tempConfigDir();
    const key = "sk-locked-test-0123456789abcdef";
    const r = await runGw(["profile", "add", "x", "--base-url", "https://app.langwatch.ai", "--api-key-stdin"], { configDir, env: keyring.env, input: key, secrets: [key] });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: the OS keychain is not available \(.+\); the key is stored in the config file instead$/m);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("warning:"))).toHaveLength(1);
    expect(config(configDir).profiles.x!.apiKey).toBe(key);
  });
});
