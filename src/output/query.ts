import jmespath from "jmespath";
import { UsageError } from "../errors.js";

/**
 * `--query <expr>`: a JMESPath expression (the aws CLI's --query) over the JSON record. Loaded only when
 * --query is given (render.ts and format.ts import this module lazily), so no start-up pays for jmespath.
 * A static import of the CommonJS package here, not at the call sites (see yaml.ts).
 */

/** The standard JMESPath functions (jmespath.js has no others, and resolves names only while searching). */
const FUNCTIONS = new Set([
  "abs", "avg", "ceil", "contains", "ends_with", "floor", "join", "keys", "length", "map", "max", "max_by", "merge",
  "min", "min_by", "not_null", "reverse", "sort", "sort_by", "starts_with", "sum", "to_array", "to_number",
  "to_string", "type", "values",
]);

/**
 * Check an expression before anything is read or written, so a typo never follows a write: a syntax error
 * or an unknown function is a usage error (exit 2) naming the position (0-based, as jmespath.py counts).
 */
export function checkQuery(expression: string): void {
  let ast: unknown;
  try {
    ast = jmespath.compile(expression);
  } catch (err) {
    throw invalid(expression, err);
  }
  const unknown = functionNames(ast).find((name) => !FUNCTIONS.has(name));
  if (unknown !== undefined) {
    throw new UsageError(`invalid --query: unknown function ${unknown}()${at(functionPosition(expression, unknown))}`);
  }
}

/** The query's result; a function given the wrong type of value is a usage error too. */
export function runQuery(expression: string, data: unknown): unknown {
  checkQuery(expression);
  try {
    return jmespath.search(data, expression);
  } catch (err) {
    let message = (err instanceof Error ? err.message : String(err)).replace(/\.$/, "");
    // jmespath.js says no more than this when a sort_by/min_by/max_by key has the wrong type.
    if (message === "TypeError") message = "TypeError: a sort or min/max key of the wrong type";
    const fn = /(\w+)\(\)/.exec(message)?.[1];
    throw new UsageError(`invalid --query: ${message}${fn ? at(functionPosition(expression, fn)) : ""}`);
  }
}

function invalid(expression: string, err: unknown): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  return new UsageError(`invalid --query: ${message}${at(errorPosition(expression))}`);
}

const at = (position: number | null): string => (position === null ? "" : ` at position ${position}`);

/**
 * jmespath.js says what is wrong but not where. The lexer fails where the longest prefix that tokenizes
 * ends; the parser fails at the first token whose prefix of the expression fails for a reason other than
 * running out of input (the parser is deterministic, so that prefix fails where the whole expression
 * does); an expression that only runs out fails at its end.
 */
export function errorPosition(expression: string): number {
  let tokens: { start: number }[];
  try {
    tokens = jmespath.tokenize(expression);
  } catch {
    for (let end = expression.length - 1; end >= 0; end--) {
      if (tokenizes(expression.slice(0, end))) return end;
    }
    return 0;
  }
  for (let k = 0; k < tokens.length; k++) {
    const end = tokens[k + 1]?.start ?? expression.length;
    try {
      jmespath.compile(expression.slice(0, end));
    } catch (err) {
      if (!/\bEOF\b/.test(err instanceof Error ? err.message : "")) return tokens[k]!.start;
    }
  }
  return expression.length;
}

function tokenizes(text: string): boolean {
  try {
    jmespath.tokenize(text);
    return true;
  } catch {
    return false;
  }
}

/** Where `name(` first appears as a token pair; null if it cannot be found. */
function functionPosition(expression: string, name: string): number | null {
  try {
    const tokens = jmespath.tokenize(expression);
    const i = tokens.findIndex((t, j) => t.type === "UnquotedIdentifier" && t.value === name && tokens[j + 1]?.type === "Lparen");
    return i < 0 ? null : tokens[i]!.start;
  } catch {
    return null;
  }
}

/** Names of the functions an AST calls, in order. */
function functionNames(node: unknown, names: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) functionNames(child, names);
  } else if (node !== null && typeof node === "object") {
    const n = node as { type?: unknown; name?: unknown };
    if (n.type === "Literal") return names; // a JSON literal's value is data, not AST
    if (n.type === "Function" && typeof n.name === "string") names.push(n.name);
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") functionNames(value, names);
  }
  return names;
}
