/** The documented exit codes (README "Exit codes"). 3-6 follow the Bifrost CLI's scheme. */
export const ExitCode = {
  Ok: 0,
  Unexpected: 1,
  Usage: 2,
  Auth: 3,
  NotFound: 4,
  Rejected: 5,
  Unavailable: 6,
  RateLimited: 7,
  /** `gw diff --exit-code`: the control plane differs from the document. Not an error; no error uses it. */
  Drift: 10,
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
