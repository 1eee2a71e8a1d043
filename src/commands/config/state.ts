import { readFileSync } from "node:fs";
import type { Backend } from "../../backends/backend.js";
import type { ConfigDocument } from "../../config/document.js";
import { isUnavailable, type ResourceKind, type ResourceSection, type SectionRead } from "../../config/resource-kind.js";
import type { Context } from "../../context.js";
import { GwError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { readAll } from "../../io/read-stdin.js";
import type { Actual, SectionActual } from "../../plan/plan.js";

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

/**
 * The control plane's current configuration, as the planner needs it: every section of the backend, each
 * read once. A section whose items name another's reads after it; the rest, and what creating items needs,
 * read side by side.
 */
export async function readActual(backend: Backend, kinds: readonly ResourceKind[]): Promise<Actual> {
  const reads = new Map<ResourceSection, Promise<SectionRead>>();
  const sections = kinds.map(async (kind): Promise<[ResourceSection, SectionActual]> => {
    const dependency = kind.dependsOn ? reads.get(kind.dependsOn) : undefined;
    const read = dependency ? dependency.then((dep) => kind.read(backend, dep)) : kind.read(backend);
    reads.set(kind.section, read);
    const items = await read;
    const creation = kind.creation && !isUnavailable(items) ? await kind.creation(backend) : undefined;
    return [kind.section, { read: items, ...(creation ? { creation } : {}) }];
  });
  return Object.fromEntries(await Promise.all(sections)) as Actual;
}

export function driftError(): GwError {
  return new GwError("the control plane differs from the document", ExitCode.Drift);
}
