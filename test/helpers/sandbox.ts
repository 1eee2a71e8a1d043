import { execa, type ResultPromise } from "execa";
import { GW_BIN } from "./paths.js";

export interface SandboxProcess {
  url: string;
  apiKey: string;
  /** Request log lines the sandbox printed on stderr so far. */
  log: string[];
  /** Requests the sandbox refused against the backend's contract (contracts/<backend>.openapi.json). */
  contractViolations(): string[];
  stop(): Promise<void>;
}

let counter = 0;

/** Start `gw sandbox` (the built binary) on an ephemeral loopback port and wait until it listens. */
export async function startSandboxProcess(args: string[] = []): Promise<SandboxProcess> {
  const apiKey = `sk-lw-test${process.pid}x${++counter}abcdefghijklmnop`;
  const child: ResultPromise = execa("node", [GW_BIN, "sandbox", "--port", "0", "--api-key", apiKey, ...args], {
    reject: false,
    buffer: false,
    stdin: "ignore",
  });
  const log: string[] = [];
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail += chunk.toString();
    const lines = stderrTail.split("\n");
    stderrTail = lines.pop() ?? "";
    log.push(...lines);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out} ${log.join("\n")}`)), 15_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void child.then((r) => reject(new Error(`sandbox exited (${r.exitCode}): ${out} ${log.join("\n")}`)));
  });
  return {
    url,
    apiKey,
    log,
    contractViolations: () => log.filter((line) => line.startsWith("contract: ")),
    async stop() {
      child.kill("SIGTERM");
      await child;
    },
  };
}
