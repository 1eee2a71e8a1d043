import { readFileSync } from "node:fs";
import { Command } from "commander";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import type { Method } from "../http/client.js";
import { readAll } from "../io/read-stdin.js";
import { writeData } from "../output/render.js";
import { stripControl } from "../redact.js";
import { collect } from "./flags.js";

export interface ApiOptions {
  method: Method;
  path: string;
  fields: Record<string, unknown>;
  input?: string;
  dryRun: boolean;
}

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export function apiCommand(ctx: Context, run = runApi): Command {
  return new Command("api")
    .description("call the control plane's API with the profile's auth and print the response body (like gh api)")
    .argument("<method>", METHODS.join("|"))
    .argument("<path>", "path on the profile's base URL, e.g. /api/gateway/v1/providers")
    .option("-F, --field <key=value>", "a body field (query parameter for GET); numbers, true/false and null are typed", collect)
    .option("-f, --raw-field <key=value>", "a string body field (query parameter for GET)", collect)
    .option("--input <file>", "request body from a JSON file, or - for stdin (fields then go to the query)")
    .option("--dry-run", "print the request instead of sending it")
    .addHelpText(
      "after",
      "\nNo safeguards: this sends exactly what you give it. Exit codes as for every gw command.\n" +
        "A JSON body is printed as JSON. A text body is printed as sent when piped (byte for byte); on a terminal\n" +
        "its control characters and escape sequences are removed (newlines and tabs stay).",
    )
    .action(
      (method: string, path: string, flags: { field?: string[]; rawField?: string[]; input?: string; dryRun?: boolean }) =>
        run(
          {
            method: parseMethod(method),
            path: parsePath(path),
            fields: { ...parseFields("--field", flags.field ?? [], true), ...parseFields("--raw-field", flags.rawField ?? [], false) },
            ...(flags.input !== undefined ? { input: flags.input } : {}),
            dryRun: Boolean(flags.dryRun),
          },
          ctx,
        ),
    );
}

function parseMethod(value: string): Method {
  const upper = value.toUpperCase() as Method;
  if (!METHODS.includes(upper)) throw new UsageError(`invalid method "${value}" (allowed: ${METHODS.join(", ")})`);
  return upper;
}

/** Only paths: a full URL could send the profile's key to another host. */
function parsePath(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
    throw new UsageError(`give a path, not a URL ("${value}"): gw api only talks to the profile's base URL`);
  }
  return value.startsWith("/") ? value : `/${value}`;
}

export function parseFields(flag: string, pairs: readonly string[], typed: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new UsageError(`invalid value for ${flag}: "${pair}" (expected key=value)`);
    const raw = pair.slice(eq + 1);
    fields[pair.slice(0, eq)] = typed ? typedValue(raw) : raw;
  }
  return fields;
}

function typedValue(raw: string): unknown {
  if (raw === "true" || raw === "false" || raw === "null") return JSON.parse(raw);
  if (/^-?\d+(\.\d+)?$/.test(raw) && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

export async function runApi(opts: ApiOptions, ctx: Context): Promise<void> {
  let body: unknown;
  let query: Record<string, string> | undefined;
  const hasFields = Object.keys(opts.fields).length > 0;
  if (opts.input !== undefined) {
    const text = opts.input === "-" ? await readAll(ctx.io.stdin) : readInputFile(opts.input);
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`--input ${opts.input}: not valid JSON (${(err as Error).message})`);
    }
    if (hasFields) query = stringify(opts.fields);
  } else if (hasFields) {
    if (opts.method === "GET" || opts.method === "DELETE") query = stringify(opts.fields);
    else body = opts.fields;
  }
  const http = await ctx.http({ dryRun: opts.dryRun });
  const { ApiError } = await import("../http/api-error.js");
  try {
    const res = await http.request(opts.method, opts.path, {
      ...(body !== undefined ? { body } : {}),
      ...(query ? { query } : {}),
      allowText: true,
    });
    await printBody(ctx, res.body);
  } catch (err) {
    // Like gh api: the error body goes to stdout for scripts, the one-line error to stderr.
    if (err instanceof ApiError && err.body !== undefined) await printBody(ctx, err.body);
    if (err instanceof ApiError) {
      const { toGwError } = await import("../http/api-error.js");
      throw toGwError(err, `${opts.method} ${opts.path}`);
    }
    throw err;
  }
}

function readInputFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`--input ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
}

function stringify(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
}

async function printBody(ctx: Context, body: unknown): Promise<void> {
  if (body === undefined) return;
  if (typeof body === "string") {
    // A server's text must not recolour or retitle the terminal; piped, scripts get the bytes it sent.
    const text = ctx.io.isStdoutTTY ? stripControl(body) : body;
    ctx.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }
  else await writeData(ctx.io, { format: "json" }, body);
}
