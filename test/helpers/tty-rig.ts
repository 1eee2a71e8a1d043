import { afterAll, afterEach, beforeAll } from "vitest";
import { GW_BIN } from "./paths.js";
import { tempConfigDir } from "./run-gw.js";
import { startSandboxProcess, type SandboxProcess } from "./sandbox.js";
import { TmuxSession } from "./tmux.js";

/**
 * A LangWatch demo sandbox for the file's terminal tests, and gw started in tmux against it: `start` kills
 * the session before it, and each test's last one is killed after the test.
 */
export function langwatchTerminalRig() {
  let sandbox: SandboxProcess | undefined;
  let env: Record<string, string> = {};
  let term: TmuxSession | undefined;
  const configDir = tempConfigDir();

  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--seed", "demo"]);
    env = { GW_BACKEND: "langwatch", GW_BASE_URL: sandbox.url, GW_API_KEY: sandbox.apiKey, GW_CONFIG_DIR: configDir };
  });
  afterAll(async () => sandbox?.stop());
  afterEach(() => {
    term?.kill();
    term = undefined;
  });

  return {
    configDir,
    get env() {
      return env;
    },
    /** `gw <args>` in a fresh tmux session. */
    start(args: string[]): TmuxSession {
      term?.kill();
      term = TmuxSession.start(["node", GW_BIN, ...args], { env });
      return term;
    },
  };
}
