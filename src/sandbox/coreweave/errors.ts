import type { Reply } from "../backend.js";

/**
 * Errors as a google.rpc.Status body `{code, message, details}` with the numeric code, the way a
 * grpc-gateway style REST front end writes them (research §3.6: the shape is unconfirmed; gw accepts a
 * numeric or a string code). The HTTP status follows the usual gRPC mapping.
 */
export const RPC_CODES = {
  INVALID_ARGUMENT: { code: 3, http: 400 },
  NOT_FOUND: { code: 5, http: 404 },
  ALREADY_EXISTS: { code: 6, http: 409 },
  RESOURCE_EXHAUSTED: { code: 8, http: 429 },
  FAILED_PRECONDITION: { code: 9, http: 400 },
  INTERNAL: { code: 13, http: 500 },
  UNAVAILABLE: { code: 14, http: 503 },
  UNAUTHENTICATED: { code: 16, http: 401 },
} as const;

export type RpcCode = keyof typeof RPC_CODES;

const TYPE = "type.googleapis.com/google.rpc.";

export function rpcError(name: RpcCode, message: string, details: Record<string, unknown>[] = []): Reply {
  const { code, http } = RPC_CODES[name];
  return { status: http, body: { code, message, details } };
}

export interface FieldViolation {
  field: string;
  description: string;
}

/** INVALID_ARGUMENT with google.rpc.BadRequest details naming each field. */
export function invalidArgument(violations: FieldViolation[]): Reply {
  const message = violations.map((v) => (v.field ? `${v.field}: ${v.description}` : v.description)).join("; ");
  return rpcError("INVALID_ARGUMENT", message, [{ "@type": `${TYPE}BadRequest`, fieldViolations: violations }]);
}

/** NOT_FOUND carries google.rpc.ResourceInfo, as the Terraform provider reads it (research §3.6). */
export function gatewayNotFound(id: string): Reply {
  return rpcError("NOT_FOUND", `gateway ${id} not found`, [
    { "@type": `${TYPE}ResourceInfo`, resourceType: "coreweave.inference.v1alpha1.Gateway", resourceName: id, description: "not found" },
  ]);
}

/** FAILED_PRECONDITION carries google.rpc.PreconditionFailure (research §3.5-3.6). */
export function failedPrecondition(id: string, description: string): Reply {
  return rpcError("FAILED_PRECONDITION", `gateway ${id}: ${description}`, [
    { "@type": `${TYPE}PreconditionFailure`, violations: [{ type: "STATE", subject: `gateways/${id}`, description }] },
  ]);
}

/** The server-level replies the backend-neutral sandbox server needs. */
export const coreweaveErrors = {
  routeNotFound: (method: string, path: string): Reply => rpcError("NOT_FOUND", `no route for ${method} ${path}`),
  malformedJson: (): Reply => invalidArgument([{ field: "", description: "the request body is not valid JSON" }]),
  unavailable: (): Reply => rpcError("UNAVAILABLE", "the service is temporarily unavailable"),
  rateLimited: (retryAfterSeconds: number): Reply =>
    rpcError("RESOURCE_EXHAUSTED", `too many requests; retry after ${retryAfterSeconds}s`),
  internal: (_err: unknown): Reply => rpcError("INTERNAL", "internal error"),
  /** A request the contract refuses: one violation per problem, the field path taken from the problem. */
  invalidRequest: (problems: string[]): Reply =>
    invalidArgument(
      problems.map((p) => {
        const match = /^body\.(\S+) (.*)$/.exec(p);
        return match ? { field: match[1]!, description: match[2]! } : { field: "", description: p };
      }),
    ),
};
