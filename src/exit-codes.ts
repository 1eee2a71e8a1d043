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
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
