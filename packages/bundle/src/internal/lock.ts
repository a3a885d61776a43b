import { setTimeout as sleep } from "node:timers/promises";
import { InfrastructureError } from "@hil/contracts";
import lockfile from "proper-lockfile";

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** A holder that stopped refreshing its lock for this long (ms) has died; take it over. */
  staleMs: number;
  /** Said in the timeout error: what the lock protects. */
  what: string;
}

/**
 * Run `fn` holding the lock if it is free right now; resolve to `undefined` without running it
 * when someone else holds it.
 */
export async function tryWithLock<T>(
  lockPath: string,
  staleMs: number,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(lockPath, {
      realpath: false,
      lockfilePath: lockPath,
      stale: staleMs,
      retries: 0,
      onCompromised: () => undefined,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOCKED") return undefined;
    throw e;
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Run `fn` holding the lock `lockPath` (a proper-lockfile mkdir lock, safe across the processes
 * of a host and across hosts on NFS). Waits for other holders up to `timeoutMs`; a crashed
 * holder's lock goes stale after `staleMs` and is taken over.
 */
export async function withLock<T>(
  lockPath: string,
  opts: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let compromised: Error | undefined;
  let release: (() => Promise<void>) | undefined;
  let delay = 10;
  for (;;) {
    try {
      release = await lockfile.lock(lockPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: opts.staleMs,
        retries: 0,
        onCompromised: (e) => {
          compromised = e;
        },
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ELOCKED") throw e;
      if (Date.now() >= deadline) {
        throw new InfrastructureError(
          `Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for the lock on ${opts.what} (${lockPath}).`,
          {
            hint: `Another process on this host is holding it (for example a slow download of the same bundle). If no hil process is running, remove ${lockPath}.`,
          },
        );
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 100);
    }
  }
  try {
    const result = await fn();
    if (compromised) {
      throw new InfrastructureError(
        `The lock on ${opts.what} (${lockPath}) was lost while held: ${compromised.message}.`,
        { hint: "The host was too busy to refresh it in time, or someone removed it; retry." },
      );
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
