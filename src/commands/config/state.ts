import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { Backend } from "../../backends/backend.js";
import type { ConfigDocument } from "../../config/document.js";
import { isUnavailable, type ResourceKind, type ResourceSection, type SectionRead } from "../../config/resource-kind.js";
import type { Context } from "../../context.js";
import { GwError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { readAll } from "../../io/read-stdin.js";
import type { Actual, SectionActual } from "../../plan/plan.js";
import { oneLine } from "../../redact.js";
import { plural } from "../../output/plural.js";

/**
 * Documents are a few kilobytes per hundred items; parsing a huge one costs seconds and hundreds of MB (a
 * 10 MB document took 19 s and 960 MB), and /dev/zero never ends. Refused before parsing.
 */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

const tooLarge = (file: string) => new UsageError(`${file}: larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; gw reads documents up to that size`);

/** A regular file's size is known before reading; anything else (a FIFO, /dev/zero) is read up to the limit. */
function readDocumentFile(file: string): string {
  const st = statSync(file);
  if (st.isFile() && st.size > MAX_DOCUMENT_BYTES) throw tooLarge(file);
  if (st.isFile()) return readFileSync(file, "utf8");
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(MAX_DOCUMENT_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** Read and validate a document (`-` = stdin); every problem is printed as file:line:col before failing. */
export async function loadDocument(file: string, ctx: Context, backendName: string): Promise<ConfigDocument> {
  let text: string;
  try {
    text = file === "-" ? await readAll(ctx.io.stdin, MAX_DOCUMENT_BYTES + 1) : readDocumentFile(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw tooLarge(file);
  const [{ parseConfigDocument }, { loadKinds }] = await Promise.all([import("../../config/parse.js"), import("../../config/kinds.js")]);
  const parsed = parseConfigDocument(text, await loadKinds());
  if (!parsed.ok) {
    for (const p of parsed.problems) ctx.io.stderr.write(`${oneLine(file)}:${p.line}:${p.column}: ${oneLine(p.message)}\n`);
    const n = parsed.problems.length;
    throw new UsageError(`${file}: ${plural(n, "problem")}; nothing was sent`);
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
