import type { WithRaw } from "../../domain/binding.js";
import type { AccessConfiguration } from "../../domain/router-chain.js";
import { NotFoundError, RejectedError } from "../../errors.js";
import { ApiError } from "../../http/api-error.js";
import type { HttpClient, RequestOptions } from "../../http/client.js";
import { oneLine } from "../../redact.js";
import { isRecord, unexpected } from "../wire-check.js";
import { mapNgrokError } from "./errors.js";
import { allPages } from "./paging.js";
import { configurationPage, configurationPath, CONFIGURATIONS_PATH, toConfiguration, type WireConfiguration } from "./configurations-from-wire.js";
import type { WireConfigurationCreate, WireConfigurationUpdate } from "./configurations-to-wire.js";

/** A 404 of a read by id, said in gw's words (and an exit 4); anything else the usual way. */
export function notFoundOr(err: unknown, what: string, message: string): unknown {
  if (err instanceof ApiError && err.category === "http" && err.status === 404) return new NotFoundError(`${what}: ${message}`);
  return mapNgrokError(err, what);
}

/**
 * ngrok access key configurations (/access-key-configurations): read, create, change, delete. Not a part of
 * its own: the access keys (vk), chains and the config-as-code kinds use them.
 */
export interface NgrokConfigurations {
  list(): Promise<WithRaw<AccessConfiguration>[]>;
  get(id: string): Promise<WithRaw<AccessConfiguration>>;
  /** `dryRunReply`: under --dry-run, the answer to pretend when more writes follow. */
  create(body: WireConfigurationCreate, opts?: Pick<RequestOptions, "dryRunReply">): Promise<WithRaw<AccessConfiguration>>;
  update(id: string, body: WireConfigurationUpdate, opts?: Pick<RequestOptions, "dryRunReply">): Promise<WithRaw<AccessConfiguration>>;
  /** 409 (still linked to access keys): a RejectedError naming them. */
  remove(id: string): Promise<void>;
}

export function ngrokConfigurations(http: HttpClient): NgrokConfigurations {
  return {
    list: () => allPages(http, CONFIGURATIONS_PATH, "list access key configurations", configurationPage),

    async get(id) {
      const what = `get access key configuration ${id}`;
      try {
        return toConfiguration((await http.request("GET", configurationPath(id))).body, what);
      } catch (err) {
        throw notFoundOr(err, what, `no access key configuration ${oneLine(id)}`);
      }
    },

    async create(body, opts = {}) {
      const what = `create access key configuration ${body.name}`;
      try {
        return toConfiguration((await http.request("POST", CONFIGURATIONS_PATH, { body, ...opts })).body, what);
      } catch (err) {
        throw mapNgrokError(err, what);
      }
    },

    async update(id, body, opts = {}) {
      const what = `update access key configuration ${id}`;
      try {
        return toConfiguration((await http.request("PATCH", configurationPath(id), { body, ...opts })).body, what);
      } catch (err) {
        throw notFoundOr(err, what, `no access key configuration ${oneLine(id)}`);
      }
    },

    async remove(id) {
      const what = `delete access key configuration ${id}`;
      try {
        await http.request("DELETE", configurationPath(id));
      } catch (err) {
        if (err instanceof ApiError && err.category === "http" && err.status === 409) throw stillLinked(err, what);
        throw notFoundOr(err, what, `no access key configuration ${oneLine(id)}`);
      }
    },
  };
}

/** DELETE's 409: access keys still link to it. Name them (from details, else the msg) and how to unlink them. */
function stillLinked(err: ApiError, what: string): RejectedError {
  const details = isRecord(err.body) && isRecord(err.body.details) ? err.body.details : {};
  const keys = typeof details.accessKeys === "string" && details.accessKeys ? details.accessKeys.split(/\s*,\s*/).join(", ") : "";
  const why = keys ? `access keys ${keys} still link to it` : err.serverMessage || "access keys still link to it";
  return new RejectedError(
    oneLine(`${what}: still in use (HTTP 409): ${why}. Link those keys to another configuration (or none) first, or delete them, then delete again`),
  );
}

/** A configuration body to pretend under --dry-run, so the writes that follow it can be printed too. */
export function dryConfiguration(name: string): WireConfiguration {
  const ref = { id: "", uri: "" };
  return { id: "<id of the new configuration>", uri: "", name, createdAt: "", updatedAt: "", createdBy: ref, lastUpdatedBy: ref };
}
