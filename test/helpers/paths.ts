import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const GW_BIN = fileURLToPath(new URL("../../bin/gw.js", import.meta.url));
