import type { BackendFactory } from "../backend.js";

// TODO(issue 4): the ngrok control-plane emulator replaces this placeholder.
export const createNgrokSandbox: BackendFactory = () => {
  throw new Error("the ngrok sandbox is not built yet");
};
