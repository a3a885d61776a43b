import { ConfigurationError, DEFAULT_TIMEOUT_SEC, MAX_TIMEOUT_SEC } from "@hil/contracts";

export { DEFAULT_TIMEOUT_SEC, MAX_TIMEOUT_SEC };

/**
 * A hardware job's timeout in seconds: `undefined`/empty gives the default (1800 s); anything
 * that is not a whole number of seconds in 1..14400 is refused with an error naming `source`.
 */
export function resolveJobTimeout(
  value: string | number | undefined,
  source = "HIL_JOB_TIMEOUT_SEC",
): number {
  if (value === undefined || (typeof value === "string" && value.trim() === "")) {
    return DEFAULT_TIMEOUT_SEC;
  }
  const n = typeof value === "number" ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < 1) {
    throw new ConfigurationError(
      `${source}: expected a whole number of seconds, got ${JSON.stringify(value)}.`,
      { hint: `Give the hardware job's timeout in seconds (default ${DEFAULT_TIMEOUT_SEC}).` },
    );
  }
  if (n > MAX_TIMEOUT_SEC) {
    throw new ConfigurationError(
      `${source}: ${n} s is more than the ${MAX_TIMEOUT_SEC} s hardware jobs may run.`,
      {
        hint: `Split the job, or use at most ${MAX_TIMEOUT_SEC} s (4 h): a slot must not be held longer.`,
      },
    );
  }
  return n;
}
