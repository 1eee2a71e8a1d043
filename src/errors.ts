import { ExitCode } from "./exit-codes.js";

/** An error the user should see as one line; it carries its own exit code. */
export class GwError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags, bad input, or a request gw refuses to send (exit 2). */
export class UsageError extends GwError {
  constructor(message: string) {
    super(message, ExitCode.Usage);
  }
}

export class AuthError extends GwError {
  constructor(message: string) {
    super(message, ExitCode.Auth);
  }
}

export class NotFoundError extends GwError {
  constructor(message: string) {
    super(message, ExitCode.NotFound);
  }
}

/** The control plane refused the change: 400, 409, 410, 412, 422 (exit 5). */
export class RejectedError extends GwError {
  constructor(message: string) {
    super(message, ExitCode.Rejected);
  }
}

/** Network error, timeout, or 5xx after retries (exit 6). */
export class UnavailableError extends GwError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Unavailable, options);
  }
}

export class RateLimitedError extends GwError {
  constructor(message: string) {
    super(message, ExitCode.RateLimited);
  }
}

/** Ctrl-C at a prompt, or SIGINT (exit 130). */
export class CancelledError extends GwError {
  constructor(message = "cancelled") {
    super(message, ExitCode.Interrupted);
  }
}

/**
 * The stored config cannot be used (README "Security"): exit 2 when the setup has to change (a symbolic link,
 * a foreign owner, not a directory, an empty or damaged file, permission denied, a read-only file system),
 * exit 6 when the same command may work later (the lock is held, the disk is full, an I/O error).
 */
export class ConfigError extends GwError {
  constructor(message: string, exitCode: typeof ExitCode.Usage | typeof ExitCode.Unavailable = ExitCode.Usage) {
    super(message, exitCode);
  }
}

/**
 * The OS keychain could not be used: no Secret Service on D-Bus, a locked keychain, a dismissed prompt, no
 * native build for this platform (exit 3: gw cannot get at the key). `reason` is the keychain's own one line.
 */
export class KeychainError extends GwError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message, ExitCode.Auth);
  }
}
