import { GwError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { redactSecrets } from "../redact.js";
import { maskSecretFields } from "./trace.js";
import type { HttpClient, HttpResponse, Method, RequestOptions } from "./client.js";

/** Thrown after the first write of a --dry-run has been printed; main() maps it to exit 0. */
export class DryRunStop extends GwError {
  constructor() {
    super("dry run: nothing was sent", ExitCode.Ok);
  }
}

/**
 * --dry-run: reads go through (validation needs them), writes are printed (method, URL, body, secrets
 * masked) instead of sent. The command stops at the first write, unless the adapter supplies the reply it
 * expects (`dryRunReply`) to go on and show the next write of a multi-request change.
 */
export function dryRunClient(inner: HttpClient, print: (text: string) => void, secrets: readonly string[]): HttpClient {
  return {
    baseUrl: inner.baseUrl,
    async request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<HttpResponse<T>> {
      if (method === "GET") return inner.request<T>(method, path, opts);
      const url = new URL(inner.baseUrl.replace(/\/+$/, "") + path);
      for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
      // Secret-named fields (a Bifrost key's `value`) are masked as in --debug traces, then the known secrets.
      const body = opts.body === undefined ? "" : `\n${JSON.stringify(JSON.parse(maskSecretFields(JSON.stringify(opts.body))), null, 2)}`;
      print(redactSecrets(`${method} ${url.toString()}${body}\n`, [...secrets, ...(opts.secrets ?? [])]));
      if (opts.dryRunReply !== undefined) {
        return { status: 200, headers: {}, body: opts.dryRunReply as T, url: url.toString() };
      }
      throw new DryRunStop();
    },
  };
}
