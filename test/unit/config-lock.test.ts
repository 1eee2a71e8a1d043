import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkApiKey } from "../../src/domain/api-key.js";
import { ConfigError } from "../../src/errors.js";
import { writeError } from "../../src/profiles/location.js";
import { withFileLock } from "../../src/profiles/lock.js";

const lockIn = () => join(mkdtempSync(join(tmpdir(), "gw-lock-")), "config.json.lock");
const errno = (code: string) => Object.assign(new Error(`${code}: boom, open '/x'`), { code });

describe("the config lock", () => {
  it("names its owner in the lock file and leaves nothing behind", async () => {
    const lock = lockIn();
    await withFileLock(lock, () => {
      expect(JSON.parse(readFileSync(lock, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    });
    expect(readdirSync(join(lock, ".."))).toEqual([]);
  });

  it("breaks the lock of a process that no longer runs at once, without waiting for it to age", async () => {
    const lock = lockIn();
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), token: "dead", created: Date.now() }));
    const started = Date.now();
    await withFileLock(lock, () => undefined);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("assertHeld fails (exit 6) once the lock is no longer this holder's, and the release leaves the other's lock alone", async () => {
    const lock = lockIn();
    const other = JSON.stringify({ pid: process.pid, host: hostname(), token: "other", created: Date.now() });
    await withFileLock(lock, (held) => {
      held.assertHeld();
      writeFileSync(lock, other);
      expect(() => held.assertHeld()).toThrow(/was taken over by another gw process; nothing was written/);
    });
    expect(readFileSync(lock, "utf8")).toBe(other);
  });

  it("serialises holders in one process too", async () => {
    const lock = lockIn();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withFileLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 20));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });
});

describe("config write errors", () => {
  it("a full disk or I/O error may pass: exit 6; a read-only or forbidden location needs another setup: exit 2", () => {
    for (const [code, exit] of [["ENOSPC", 6], ["EDQUOT", 6], ["EIO", 6], ["EROFS", 2], ["EACCES", 2], ["EPERM", 2]] as const) {
      const err = writeError("/c/config.json", errno(code));
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.exitCode, code).toBe(exit);
      expect(err.message).toMatch(new RegExp(`^cannot write config file /c/config.json: .* \\(${code}\\); .*nothing was changed$`));
    }
  });
});

describe("API key rules", () => {
  it("accepts printable ASCII up to 4096 characters and names the rule otherwise, never the key", () => {
    expect(checkApiKey("GW_API_KEY", "user:pass word~")).toBe("user:pass word~");
    expect(() => checkApiKey("GW_API_KEY", "a".repeat(4097))).toThrow(/at most 4096/);
    expect(() => checkApiKey("GW_API_KEY", "secret\u007fvalue")).toThrow(/^GW_API_KEY: the API key has a control character at position 7; keys are printable ASCII; it was not stored$/);
    expect(() => checkApiKey("GW_API_KEY", "secret\u00a0value")).toThrow(/non-ASCII character at position 7/);
    try {
      checkApiKey("x", "topsecret\u0000");
    } catch (err) {
      expect((err as Error).message).not.toContain("topsecret");
    }
  });
});
