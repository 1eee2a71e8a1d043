import type { BackendFactory } from "../backend.js";

// TODO(issue 4): the coreweave control-plane emulator replaces this placeholder.
export const createCoreweaveSandbox: BackendFactory = () => {
  throw new Error("the coreweave sandbox is not built yet");
};
