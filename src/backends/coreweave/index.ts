import { GwError } from "../../errors.js";
import type { HttpClient } from "../../http/client.js";
import type { Backend } from "../backend.js";
import { coreweaveInfo } from "./info.js";

// TODO(issue 4): the coreweave adapter replaces this placeholder.
export const info = coreweaveInfo;
export const requiresKey = true;

export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
}

export function createBackend(_http: HttpClient): Backend {
  throw new GwError("the coreweave adapter is not built yet", 1);
}
