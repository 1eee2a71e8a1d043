import type { BackendFactory } from "../backend.js";

// TODO(issue 4): the bifrost control-plane emulator replaces this placeholder.
export const createBifrostSandbox: BackendFactory = () => {
  throw new Error("the bifrost sandbox is not built yet");
};
