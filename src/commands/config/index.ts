export { applyCommand } from "./apply.js";
export { diffCommand } from "./diff.js";
export { exportCommand } from "./export.js";
