import { Command } from "commander";
import { VERBS, type BackendInfo } from "../backends/backend.js";
import { availableBackends } from "../backends/registry.js";
import type { Context } from "../context.js";
import { addOutputOptions, outputChoice, type OutputChoice, type OutputFlags } from "../output/format.js";
import { renderList } from "../output/render.js";
import { honouredFlags } from "./flag-spec.js";
import { VERB_FLAGS } from "./verb-flags.js";

export interface BackendsOptions {
  output: OutputChoice;
}

/** The capability matrix as data: one row per backend and command. */
export interface CapabilityRecord {
  backend: string;
  command: string;
  supported: boolean;
  flags: string[];
  note: string | null;
}

export function backendsCommand(ctx: Context, run = runBackends): Command {
  return addOutputOptions(new Command("backends").description("show which commands and flags each control plane supports"), {
    list: true,
  }).action((flags: OutputFlags) => run({ output: outputChoice(flags, ctx.env) }, ctx));
}

export function capabilityRecords(infos: BackendInfo[]): CapabilityRecord[] {
  return infos.flatMap((info) =>
    VERBS.map((verb) => {
      const cap = info.capabilities[verb];
      return {
        backend: info.name,
        command: verb,
        supported: Boolean(cap),
        flags: cap ? [...new Set(honouredFlags(info.name, VERB_FLAGS[verb] ?? []))] : [],
        note: cap?.note ?? info.unsupported[verb] ?? null,
      };
    }),
  );
}

export async function runBackends(opts: BackendsOptions, ctx: Context): Promise<void> {
  await renderList(ctx.io, opts.output, capabilityRecords(availableBackends()), {
    columns: [
      { header: "BACKEND", value: (r) => r.backend },
      { header: "COMMAND", value: (r) => r.command },
      { header: "SUPPORTED", value: (r) => (r.supported ? "yes" : "no") },
      { header: "FLAGS", value: (r) => r.flags.join(" ") },
      { header: "NOTE", value: (r) => r.note ?? "" },
    ],
    dim: (r) => !r.supported,
    empty: "No backends.",
  });
}
