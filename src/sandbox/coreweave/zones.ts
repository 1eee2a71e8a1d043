/**
 * The zones GET .../gateways/parameters offers. Real zone names look like these; the service compares
 * them without regard to case and currently takes one per gateway (research §3.3).
 */
export const ZONES = ["US-EAST-04A", "US-EAST-06A", "US-WEST-09B", "US-CENTRAL-07A"] as const;

/**
 * A listed zone that has no capacity left for inference gateways: provisioning there fails, so
 * STATUS_FAILED (create) and STATUS_ERROR (an update moving a gateway there) can be reached on purpose,
 * the way a real region runs out of capacity, without a test-only switch.
 */
export const NO_CAPACITY_ZONE = "US-CENTRAL-07A";

/** The service's spelling of a zone, or undefined when it is not offered. */
export function canonicalZone(zone: string): string | undefined {
  return ZONES.find((z) => z.toLowerCase() === zone.trim().toLowerCase());
}
