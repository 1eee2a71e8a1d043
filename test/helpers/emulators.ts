import { createBifrostSandbox } from "../../src/sandbox/bifrost/index.js";
import { createCoreweaveSandbox } from "../../src/sandbox/coreweave/index.js";
import { createLangwatchSandbox } from "../../src/sandbox/langwatch/index.js";
import { createNgrokSandbox } from "../../src/sandbox/ngrok/index.js";
import { startSandbox, type SandboxOptions } from "../../src/sandbox/server.js";

/** Each emulator by backend name, for tests that start the sandbox in-process. */
export const EMULATORS = {
  langwatch: createLangwatchSandbox,
  bifrost: createBifrostSandbox,
  ngrok: createNgrokSandbox,
  coreweave: createCoreweaveSandbox,
} as const;

/** startSandbox with the named backend's emulator. */
export function startEmulator(opts: Omit<SandboxOptions, "emulator"> & { backend: keyof typeof EMULATORS }) {
  return startSandbox({ ...opts, emulator: EMULATORS[opts.backend] });
}
