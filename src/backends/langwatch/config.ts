import type { ResourceKind } from "../../config/resource-kind.js";

/** The document sections of a LangWatch profile (bindings and virtualKeys: still planned by src/plan/plan.ts). */
export const langwatchKinds: readonly ResourceKind[] = [];
