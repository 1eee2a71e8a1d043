import { Command, Help, Option } from "commander";
import { addExamples, groupItems, isHidden } from "./commands/help.js";
import { NOUNS, nounsNeeded, type NounFactory } from "./commands/nouns.js";
import { backendLabels } from "./backends/registry.js";
import type { Context } from "./context.js";
import { UsageError } from "./errors.js";
import { integer, nonNegativeInt, positiveInt } from "./domain/validate.js";

/**
 * The command tree. Verbs live in src/commands/<noun>/<verb>.ts and register in their noun; nouns are listed
 * in commands/nouns.ts. Without `argv`, the whole tree; with it, only the nouns that command line needs are
 * built in full (nounsNeeded), the others are stubs that print the same line in `gw --help` (issue 15).
 * GW_EAGER=1 builds the whole tree always (tests compare the two).
 */
export async function buildProgram(ctx: Context, argv?: readonly string[]): Promise<Command> {
  const needed = argv === undefined || ctx.env.GW_EAGER === "1" ? NOUNS : nounsNeeded(argv);
  const factories = new Map<string, NounFactory>(await Promise.all(needed.map(async (n) => [n.name, await n.load()] as const)));
  const stubTerms = new WeakMap<Command, string>();
  const program = new Command("gw")
    .description(
      `Administer AI-gateway control planes (${Object.values(backendLabels()).join(", ")}): providers, rate limits, fallback chains, gateways`,
    )
    .version(ctx.version, "-v, --version", "print gw's version")
    .addOption(new Option("--profile <name>", "profile to use (default: GW_PROFILE, then the current profile)"))
    .option("--debug", "print the HTTP trace (keys redacted) and stack traces on stderr (or GW_DEBUG=1)")
    .option("--timeout <seconds>", "timeout of each HTTP attempt in seconds", "30")
    .option("--retries <n>", "retries of a failed request where retrying is safe", "3")
    .option("--ca-file <file>", "PEM file of extra CAs to trust, for a control plane behind a private CA (or GW_CA_FILE)")
    .showSuggestionAfterError(true)
    .configureHelp({
      sortSubcommands: false,
      showGlobalOptions: true,
      subcommandTerm(this: Help, cmd: Command) {
        return stubTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
      },
    })
    .helpCommand(false) // replaced by `gw help [command...]`, which resolves the whole path
    .addHelpText(
      "after",
      "\nEnvironment: GW_PROFILE, GW_BACKEND, GW_BASE_URL, GW_API_KEY, GW_AUTH, GW_CONFIG_DIR, GW_KEYRING, GW_OUTPUT, GW_DEBUG, GW_CA_FILE, NO_COLOR.\n" +
        "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 auth, 4 not found, 5 rejected, 6 unavailable, 7 rate limited,\n" +
        "10 drift (gw diff --exit-code), 130 interrupted.",
    );

  program.hook("preAction", (_self, action) => {
    const opts = action.optsWithGlobals<{ profile?: string; debug?: boolean; timeout: string; retries: string; caFile?: string }>();
    const caFile = opts.caFile ?? (ctx.env.GW_CA_FILE || undefined);
    ctx.globals = {
      ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
      ...(caFile !== undefined ? { caFile } : {}),
      debug: Boolean(opts.debug) || ctx.globals.debug,
      timeoutSeconds: timeoutSeconds(opts.timeout),
      // 0 or more; a negative count keeps the message it has always had (positiveInt's).
      retries: integer("--retries", opts.retries) < 0 ? positiveInt("--retries", opts.retries) : nonNegativeInt("--retries", opts.retries),
    };
  });

  for (const noun of NOUNS) {
    const factory = factories.get(noun.name);
    if (factory) {
      program.addCommand(factory(ctx, () => program));
      continue;
    }
    const stub = new Command(noun.name).description(noun.description).action(() => {
      throw new Error(`internal: the ${noun.name} command was not loaded`);
    });
    stubTerms.set(stub, noun.term);
    program.addCommand(stub);
  }
  applyToTree(program, (cmd) => {
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => ctx.io.stdout.write(s),
        writeErr: (s) => ctx.io.stderr.write(s),
      })
      // Backend option groups (flag-spec.ts) in a fixed order: every backend's flags first.
      .configureHelp({ ...cmd.configureHelp(), groupItems });
    // Examples from the one table (commands/examples.ts), gh style, at the end of the help.
    if (!isHidden(cmd)) addExamples(cmd);
  });
  return program;
}

function applyToTree(cmd: Command, fn: (c: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyToTree(sub, fn);
}

/** Node's timers hold at most 2^31-1 ms; a longer timeout would fire at once. */
const MAX_TIMEOUT_SECONDS = Math.floor(2 ** 31 / 1000) - 1;

function timeoutSeconds(value: string): number {
  const n = positiveInt("--timeout", value);
  if (n > MAX_TIMEOUT_SECONDS) throw new UsageError(`invalid value for --timeout: "${value}" (at most ${MAX_TIMEOUT_SECONDS} seconds)`);
  return n;
}
