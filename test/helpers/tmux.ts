import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

let counter = 0;

/**
 * A real terminal for TTY tests: gw runs inside a detached tmux pane; tests type with send-keys and read
 * the screen with capture-pane. The pane stays after the program exits so its exit status can be read.
 */
export class TmuxSession {
  private constructor(
    private readonly socket: string,
    private readonly name: string,
  ) {}

  static start(command: string[], opts: { env?: Record<string, string>; width?: number; height?: number } = {}): TmuxSession {
    const socket = `gw-test-${process.pid}-${++counter}`;
    const name = "gw";
    const envPrefix = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const shellCommand = ["env", ...envPrefix, ...command.map(shellQuote)].join(" ");
    execFileSync("tmux", ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name,
      "-x", String(opts.width ?? 120), "-y", String(opts.height ?? 40), "sh", "-c", `${shellCommand}; echo "[exit $?]"; sleep 600`]);
    return new TmuxSession(socket, name);
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** Type keys: literal text, or tmux key names such as "Enter", "Down", "C-c". */
  send(...keys: string[]): void {
    for (const key of keys) {
      if (/^(Enter|Up|Down|Left|Right|Tab|BSpace|Escape|C-[a-z])$/.test(key)) this.tmux("send-keys", "-t", this.name, key);
      else this.tmux("send-keys", "-t", this.name, "-l", key);
    }
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-t", this.name);
  }

  /** The screen with colours, to check styling. */
  screenWithEscapes(): string {
    return this.tmux("capture-pane", "-p", "-e", "-t", this.name);
  }

  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
      await sleep(100);
    }
  }

  /** Wait for the program to end; its exit status is printed after it by the wrapper shell. */
  async exitCode(timeoutMs = 10_000): Promise<number> {
    const screen = await this.waitFor(/\[exit \d+\]/, timeoutMs);
    return Number(/\[exit (\d+)\]/.exec(screen)![1]);
  }

  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
