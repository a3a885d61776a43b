import { mkdirSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { ConfigurationError, InfrastructureError, type PowerCycleOutcome } from "@hil/contracts";
import { writeJsonAtomic } from "@hil/lease";
import { sleep } from "./power";

/**
 * What hil remembers about a slot's power between processes, in
 * `<state_dir>/power/<slot>.json`: when its last cycle ended (the cooldown counts from there).
 * Cycles of one slot are serialized by `<state_dir>/power/<slot>.lock` as well as by the slot
 * lease, so two steps of the one job that holds the lease cannot interleave either.
 */
export interface PowerSite {
  state_dir: string;
}

export interface LastCycle {
  slot: string;
  /** When the last attempt that cut the power ended. */
  ended_utc: string;
  result: PowerCycleOutcome;
  host: string;
  pid: number;
  job_id?: string;
}

export const powerDir = (site: PowerSite) => join(site.state_dir, "power");
export const powerStateFile = (site: PowerSite, slot: string) =>
  join(powerDir(site), `${slot}.json`);

function ensureDir(site: PowerSite): string {
  const dir = powerDir(site);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ConfigurationError(
      `Cannot create ${dir} for the power-cycle cooldowns (${(e as NodeJS.ErrnoException).code}).`,
      {
        hint: `Make ${site.state_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
      },
    );
  }
  return dir;
}

/** The slot's last recorded cycle, if any (an unreadable record counts as none). */
export function lastCycle(site: PowerSite, slot: string): LastCycle | undefined {
  try {
    const v = JSON.parse(readFileSync(powerStateFile(site, slot), "utf8")) as Partial<LastCycle>;
    if (typeof v.ended_utc !== "string" || !Number.isFinite(Date.parse(v.ended_utc)))
      return undefined;
    return v as LastCycle;
  } catch {
    return undefined;
  }
}

export function recordCycleEnd(
  site: PowerSite,
  slot: string,
  result: PowerCycleOutcome,
  jobId?: string,
): void {
  ensureDir(site);
  const rec: LastCycle = {
    slot,
    ended_utc: new Date().toISOString(),
    result,
    host: hostname(),
    pid: process.pid,
    ...(jobId ? { job_id: jobId } : {}),
  };
  writeJsonAtomic(powerStateFile(site, slot), rec);
}

/** Milliseconds left before the slot may be cycled again (0 when it may now). */
export function cooldownLeftMs(
  site: PowerSite,
  slot: string,
  cooldownSec: number,
  now = Date.now(),
): number {
  const last = lastCycle(site, slot);
  if (!last || cooldownSec <= 0) return 0;
  const left = Date.parse(last.ended_utc) + cooldownSec * 1000 - now;
  // A clock that jumped back must not park the slot for longer than the cooldown itself.
  return Math.max(0, Math.min(left, cooldownSec * 1000));
}

export interface CycleLockOptions {
  /** Give up after this long, ms. */
  waitMs: number;
  signal?: AbortSignal;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: () => void;
}

const STALE_MS = 10_000;

/**
 * Run fn holding the slot's power lock (`<state_dir>/power/<slot>.lock`, proper-lockfile). A
 * holder that died leaves a lock that goes stale after 10 s.
 */
export async function withCycleLock<T>(
  site: PowerSite,
  slot: string,
  o: CycleLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const dir = ensureDir(site);
  const target = join(dir, slot);
  const deadline = Date.now() + o.waitMs;
  let announced = false;
  let delay = 5;
  let release: (() => Promise<void>) | undefined;
  for (;;) {
    o.signal?.throwIfAborted();
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        lockfilePath: `${target}.lock`,
        stale: STALE_MS,
        update: STALE_MS / 4,
        retries: 0,
        // A lock we could not refresh: nothing to stop here, the cycle's own deadlines bound it.
        onCompromised: () => undefined,
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ELOCKED") throw e;
    }
    if (!announced) {
      announced = true;
      o.onWait?.();
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new InfrastructureError(
        `Another power cycle of slot ${slot} is still running on this host (${target}.lock), past the ${Math.round(o.waitMs / 1000)} s wait.`,
        {
          hint: "Wait for it to end and try again; a lock whose process died clears itself within 10 s.",
        },
      );
    }
    await sleep(Math.min(left, delay * (0.5 + Math.random())), o.signal);
    delay = Math.min(delay * 1.6, 200);
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
