import { readFileSync } from "node:fs";
import type { Backend } from "../../backends/backend.js";
import { requirePart } from "../../backends/capabilities.js";
import type { ConfigDocument } from "../../config/document.js";
import type { Context } from "../../context.js";
import type { Binding } from "../../domain/binding.js";
import { GwError, RejectedError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { readAll } from "../../io/read-stdin.js";
import type { Actual } from "../../plan/plan.js";

/** Read and validate a document (`-` = stdin); every problem is printed as file:line:col before failing. */
export async function loadDocument(file: string, ctx: Context, backendName: string): Promise<ConfigDocument> {
  let text: string;
  try {
    text = file === "-" ? await readAll(ctx.io.stdin) : readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  const [{ parseConfigDocument }, { loadKinds }] = await Promise.all([import("../../config/parse.js"), import("../../config/kinds.js")]);
  const parsed = parseConfigDocument(text, await loadKinds());
  if (!parsed.ok) {
    for (const p of parsed.problems) ctx.io.stderr.write(`${file}:${p.line}:${p.column}: ${p.message}\n`);
    const n = parsed.problems.length;
    throw new UsageError(`${file}: ${n} problem${n === 1 ? "" : "s"}; nothing was sent`);
  }
  if (parsed.document.backend !== backendName) {
    throw new UsageError(`${file} is a ${parsed.document.backend} document, but the profile's backend is ${backendName}`);
  }
  return parsed.document;
}

/** The control plane's current configuration, as the planner needs it. */
export async function readActual(backend: Backend): Promise<Actual> {
  if (backend.info.name !== "langwatch") return readResources(backend);
  let bindings: Binding[] | null;
  try {
    bindings = await requirePart(backend, "providers list").list();
  } catch (err) {
    // LangWatch v3.4+ has no bindings API (410): the document can still manage its keys.
    if (!(err instanceof RejectedError)) throw err;
    bindings = null;
  }
  const [keys, modelProviders] = await Promise.all([
    backend.virtualKeys ? backend.virtualKeys.list() : Promise.resolve([]),
    backend.modelProviders && bindings ? backend.modelProviders.list() : Promise.resolve([]),
  ]);
  return {
    bindings,
    keys,
    modelProviders,
    removeBinding: backend.bindingDelete ? "delete" : "disable",
    canEnableBinding: Boolean(backend.bindingEnable),
    resources: {},
  };
}

/** Backends with flat documents: each resource section, read once. */
async function readResources(backend: Backend): Promise<Actual> {
  const resources: Actual["resources"] = {};
  for (const kind of await backend.info.configKinds()) resources[kind.section] = await kind.read(backend);
  return { bindings: null, keys: [], modelProviders: [], removeBinding: "delete", canEnableBinding: false, resources };
}

export function driftError(): GwError {
  return new GwError("the control plane differs from the document", ExitCode.Drift);
}
