import type { BackendInfo } from "../backend.js";

// TODO(issue 4): filled in by the ngrok adapter.
export const ngrokInfo: BackendInfo = {
  name: "ngrok",
  title: "ngrok AI Gateway",
  auth: "Authorization: Bearer <key>",
  capabilities: {},
  unsupported: {},
};
