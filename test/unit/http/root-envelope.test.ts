import { describe, expect, it } from "vitest";
import { ApiError, toGwError, withServerMessage } from "../../../src/http/api-error.js";
import { messageOf } from "../../../src/http/client.js";

/** Newer servers put the error envelope at the root ({type, code, message, retryable}) instead of under `error`. */
describe("the server's message from a root error envelope", () => {
  it("is found, as a nested envelope's is", () => {
    expect(messageOf({ type: "conflict", code: "external_id_conflict", message: "already exists", retryable: false })).toBe("already exists");
    expect(messageOf({ error: { type: "conflict", code: "external_id_conflict", message: "already exists" } })).toBe(
      "already exists (external_id_conflict)",
    );
  });

  it("reaches gw's one line through the generic mapping", () => {
    const err = new ApiError({
      message: "HTTP 409", status: 409, category: "http", method: "POST", url: "https://x.example/y",
      serverMessage: messageOf({ type: "conflict", code: "c", message: "already exists", retryable: false }),
    });
    expect(toGwError(err, "create thing").message).toBe("create thing: HTTP 409 Conflict: already exists");
  });

  it("withServerMessage keeps the failure and replaces only the message", () => {
    const err = new ApiError({ message: "HTTP 500", status: 500, category: "http", method: "PATCH", url: "https://x.example/y", attempts: 2, body: { a: 1 } });
    const described = withServerMessage(err, "db down (internal_error)");
    expect(described).toMatchObject({ status: 500, method: "PATCH", attempts: 2, body: { a: 1 }, serverMessage: "db down (internal_error)" });
    expect(described.message).toBe("HTTP 500: db down (internal_error)");
    expect(toGwError(described, "update").message).toMatch(/^update: HTTP 500 Internal Server Error \(2 attempts\): db down \(internal_error\); the change may or may not/);
  });
});
