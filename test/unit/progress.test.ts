import { describe, expect, it } from "vitest";
import { createProgress, mapLimit } from "../../src/io/progress.js";
import { fakeIO } from "../helpers/fake-io.js";

describe("progress", () => {
  it("draws a bar on a terminal's stderr and clears it when done", () => {
    const io = fakeIO({ tty: true });
    const p = createProgress(io, 4);
    p.tick("update binding a");
    p.tick("update binding b");
    p.done();
    expect(io.err()).toContain("[############------------] 2/4 update binding b");
    expect(io.err().endsWith("\r\u001b[2K")).toBe(true);
    expect(io.out()).toBe("");
  });

  it("prints nothing when stderr is not a terminal", () => {
    const io = fakeIO({ tty: false });
    const p = createProgress(io, 3);
    p.tick("x");
    p.done();
    expect(io.err()).toBe("");
  });
});

describe("mapLimit", () => {
  it("never runs more than the limit at once and keeps the order of results", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
