import { describe, expect, it } from "vitest";
import { mapCoreweaveError, rpcCodeName } from "../../src/backends/coreweave/errors.js";
import { GwError } from "../../src/errors.js";
import { ExitCode } from "../../src/exit-codes.js";
import { ApiError } from "../../src/http/api-error.js";

function httpError(status: number, body: unknown, serverMessage = ""): ApiError {
  return new ApiError({ message: `HTTP ${status}`, status, category: "http", serverMessage, body, method: "GET", url: "https://api.coreweave.com/x" });
}

describe("CoreWeave errors (research §3.6: google.rpc.Status, code numeric or string)", () => {
  it("names the gRPC code whether it came as a number or a string", () => {
    expect(rpcCodeName({ code: 5, message: "x" })).toBe("NOT_FOUND");
    expect(rpcCodeName({ code: "not_found" })).toBe("NOT_FOUND");
    expect(rpcCodeName({ code: "failed_precondition" })).toBe("FAILED_PRECONDITION");
    expect(rpcCodeName({ message: "x" })).toBeUndefined();
    expect(rpcCodeName("oops")).toBeUndefined();
  });

  it.each([
    [404, { code: 5, message: "gateway x not found" }, ExitCode.NotFound, /HTTP 404 Not Found: gateway x not found \(NOT_FOUND\)/],
    [404, { code: "not_found", message: "gateway x not found" }, ExitCode.NotFound, /\(NOT_FOUND\)/],
    [400, { code: 9, message: "being deleted" }, ExitCode.Rejected, /being deleted \(FAILED_PRECONDITION\)/],
    [401, { code: 16, message: "invalid token" }, ExitCode.Auth, /invalid token \(UNAUTHENTICATED\)/],
    [409, { code: "already_exists", message: "taken" }, ExitCode.Rejected, /taken \(ALREADY_EXISTS\)/],
    [503, { code: 14, message: "down" }, ExitCode.Unavailable, /down \(UNAVAILABLE\)/],
  ])("HTTP %i %j -> exit %i", (status, body, exit, message) => {
    const err = mapCoreweaveError(httpError(status, body, (body as { message: string }).message), "get gateway x") as GwError;
    expect(err).toBeInstanceOf(GwError);
    expect(err.exitCode).toBe(exit);
    expect(err.message).toMatch(message);
  });

  it("uses the field violations when the status has no message", () => {
    const body = { code: 3, message: "", details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "zones", description: "unknown zone" }] }] };
    const err = mapCoreweaveError(httpError(400, body), "create gateway a") as GwError;
    expect(err.exitCode).toBe(ExitCode.Rejected);
    expect(err.message).toBe("create gateway a: HTTP 400 Bad Request: zones: unknown zone (INVALID_ARGUMENT)");
  });

  it("maps transport failures as every adapter does, and leaves other errors alone", () => {
    const timeout = new ApiError({ message: "timed out after 30s", category: "timeout", method: "GET", url: "https://api.coreweave.com/x" });
    expect((mapCoreweaveError(timeout, "list gateways") as GwError).exitCode).toBe(ExitCode.Unavailable);
    const bug = new TypeError("boom");
    expect(mapCoreweaveError(bug, "x")).toBe(bug);
  });
});
