/** Bifrost's reset durations (research §2.6): 30s, 5m, 1h, 1d, 1w, 1M (month), 1Y. */
const DURATION = /^([1-9]\d*)([smhdwMY])$/;

export const isDuration = (v: unknown): v is string => typeof v === "string" && DURATION.test(v);

/** Calendar alignment snaps resets to UTC day/week/month/year boundaries, so only those units allow it. */
export const isCalendarUnit = (d: string): boolean => /[dwMY]$/.test(d);
