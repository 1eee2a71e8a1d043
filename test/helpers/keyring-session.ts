import { execa } from "execa";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/**
 * A private Secret Service for one test file: `dbus-run-session` with GNOME Keyring unlocked inside, its
 * keyrings in a temp HOME, so a test never touches the keychain of whoever runs it. `env` points gw at it
 * (and turns the keychain back on: runGw sets GW_KEYRING=0 by default).
 */
export interface KeyringSession {
  env: Record<string, string>;
  /** Every entry of service "gw" whose account names `configDir` (read with the library, not through gw). */
  entries(configDir: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startKeyringSession({ unlocked = true } = {}): Promise<KeyringSession> {
  const home = mkdtempSync(join(tmpdir(), "gw-keyring-"));
  mkdirSync(join(home, "run"), { mode: 0o700 });
  const start = unlocked
    ? "printf %s gw-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
    : "gnome-keyring-daemon --daemonize --components=secrets >/dev/null";
  // The shell prints the bus address, then holds the session open until its stdin closes (stop()).
  const child = execa("dbus-run-session", ["--", "sh", "-c", `${start}; echo "BUS=$DBUS_SESSION_BUS_ADDRESS"; read _ || true`], {
    env: { HOME: home, XDG_DATA_HOME: join(home, "data"), XDG_RUNTIME_DIR: join(home, "run") },
    stdin: "pipe",
    reject: false,
    buffer: false,
  });
  const bus = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no D-Bus session: ${out}`)), 15_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /BUS=(\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void child.then((r) => reject(new Error(`dbus-run-session exited (${r.exitCode}): ${out}`)));
  });
  const env = { DBUS_SESSION_BUS_ADDRESS: bus, GW_KEYRING: "1" };
  return {
    env,
    async entries(configDir) {
      const script =
        'import { findCredentials } from "@napi-rs/keyring";' +
        "process.stdout.write(JSON.stringify(Object.fromEntries(findCredentials('gw').map((c) => [c.account, c.password]))));";
      const r = await execa("node", ["--input-type=module", "-e", script], { cwd: ROOT, env: { ...process.env, ...env } });
      const all = JSON.parse(String(r.stdout)) as Record<string, string>;
      return Object.fromEntries(
        Object.entries(all)
          .filter(([account]) => account.endsWith(` (${configDir})`))
          .map(([account, password]) => [account.slice(0, -` (${configDir})`.length), password]),
      );
    },
    async stop() {
      child.stdin?.end();
      await child;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
