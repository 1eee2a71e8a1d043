import { stripControl } from "../redact.js";

/** A table cell from server text: no control characters, one line. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return stripControl(String(value)).replace(/[\r\n\t]+/g, " ");
}
