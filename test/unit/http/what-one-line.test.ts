import { describe, expect, it } from "vitest";
import { unexpected } from "../../../src/backends/wire-check.js";
import { mapBifrostError } from "../../../src/backends/bifrost/errors.js";
import { ApiError, toGwError } from "../../../src/http/api-error.js";

// Found by the ngrok property test (seed 1310841621): a configuration name the server sent with a newline
// reached the error message through `what`, the part naming the operation.
const NAME = "two\nlines\r\n\u001b[31m";

describe("an error naming a server-sent value", () => {
  it("is one line without control characters in unexpected-shape errors", () => {
    expect(unexpected(`create access key configuration ${NAME}`, "not an object").message).toBe(
      "create access key configuration two lines: unexpected response from the control plane (not an object)",
    );
  });

  it("is one line in the generic and Bifrost HTTP mappings", () => {
    const err = new ApiError({ message: "HTTP 409", status: 409, category: "http", method: "POST", url: "https://x.example/y" });
    expect(toGwError(err, `create ${NAME}`).message).toBe("create two lines: HTTP 409 Conflict");
    expect((mapBifrostError(err, `bind provider ${NAME}`) as Error).message).toBe("bind provider two lines: it already exists (HTTP 409)");
  });
});
