import type { BackendInfo } from "../backend.js";

// TODO(issue 4): filled in by the coreweave adapter.
export const coreweaveInfo: BackendInfo = {
  name: "coreweave",
  title: "CoreWeave inference gateways",
  auth: "Authorization: Bearer <key>",
  capabilities: {},
  unsupported: {},
};
