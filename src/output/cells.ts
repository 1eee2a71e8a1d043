/** Cell helpers shared by the per-backend binding views. */
export const limit = (n: number | null): string => (n === null ? "inherit" : String(n));
export const orDash = (v: string | number | null | undefined): string => (v === null || v === undefined || v === "" ? "-" : String(v));
