/** How hard to try a forge: network trouble and 5xx are retried, a 4xx answer never is. */
export interface RetryOptions {
  /** Waits before each retry (default 1 s, 3 s: three tries in all). */
  delaysMs?: number[];
  /** Each request gives up after this long (default 20 s). */
  timeoutMs?: number;
}

export const DEFAULT_DELAYS = [1_000, 3_000];

/** Run `fn` with retries while `retryable(error)` says the error may pass. */
export async function withRetries<T>(
  fn: () => Promise<T>,
  retryable: (e: unknown) => boolean,
  delays: number[] = DEFAULT_DELAYS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= delays.length || !retryable(e)) throw e;
      await new Promise((r) => setTimeout(r, delays[attempt]));
    }
  }
}
