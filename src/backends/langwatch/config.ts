import type { ResourceKind } from "../../config/resource-kind.js";
import { langwatchBindings } from "./config-bindings.js";
import { langwatchVirtualKeys } from "./config-keys.js";

/** The document sections of a LangWatch profile: bindings first, since keys' chains name them. */
export const langwatchKinds: readonly ResourceKind[] = [langwatchBindings, langwatchVirtualKeys];
