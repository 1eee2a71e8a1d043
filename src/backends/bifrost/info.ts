import type { BackendInfo } from "../backend.js";

// TODO(issue 4): filled in by the bifrost adapter.
export const bifrostInfo: BackendInfo = {
  name: "bifrost",
  title: "Bifrost",
  auth: "Authorization: Bearer <key>",
  capabilities: {},
  unsupported: {},
};
