/**
 * The YAML serialiser, loaded only for -o yaml and documents. A static import here (not `await import("yaml")`
 * at the call site) because yaml is CommonJS: bundled, a dynamic import of it would only have `default`.
 */
export { stringify } from "yaml";
