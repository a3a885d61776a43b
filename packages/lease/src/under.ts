import { AsyncLocalStorage } from "node:async_hooks";
import type { Host } from "@hil/host";
import { LeaseLostError } from "./errors";
import {
  callerIdentity,
  findCurrentJob,
  holderIsCaller,
  type JobContext,
  type JobSite,
} from "./job";
import { acquireLease, leaseEnv, leaseStatus } from "./lease";
import {
  describeHolder,
  holderFileName,
  leasePath,
  type HolderKind,
  type HolderRecord,
} from "./record";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** What fn gets when it runs under a slot's lease. */
export interface LeaseScope {
  slot: string;
  /** The lease it runs under. */
  holder: HolderRecord;
  /** "job": the caller's job already held it; "claimed": claimed for the duration of fn. */
  mode: "job" | "claimed";
  /** The caller's job, when it is in one (journal, cancel flag). */
  job: JobContext | undefined;
  /** Aborted (reason: LeaseLostError) if the lease is lost while fn runs: stop touching hardware. */
  signal: AbortSignal;
  /** Environment for a child process that should act under the same lease. */
  env: Record<string, string>;
}

export interface UnderLeaseOptions {
  /** Seconds to wait when someone else holds the slot (default 0: fail at once, naming them). */
  waitSec?: number;
  /**
   * The caller's hardware job as the step wrapper resolved it (StepContext.job; null: the step
   * runs outside a job). Default: looked up (findCurrentJob).
   */
  job?: JobContext | null;
  env?: NodeJS.ProcessEnv;
  /** Where "waiting for … held by …" is logged. */
  host?: Pick<Host, "info">;
  /** Stops waiting for the lease. */
  signal?: AbortSignal;
  /** How a claim of its own is recorded (default: kind "step"); `hil lock` says "lock" and its command. */
  claimAs?: { kind?: HolderKind; command?: string[] };
}

// Leases held by this async context, so a nested call (a power cycle inside a flash's recovery
// ladder, in one process) runs under the outer lease instead of waiting for itself.
const held = new AsyncLocalStorage<Map<string, LeaseScope>>();

/**
 * Run `fn` under slot `slot`'s lease. When the caller belongs to the job holding the lease
 * (HIL_LEASE_TOKEN, else its CI job id), fn runs at once under the job's lease, watched: if the
 * lease is lost, `signal` aborts and the call rejects with LeaseLostError. When the caller is in
 * a hardware job whose lease on this slot has ended (timeout, lost), it rejects with
 * LeaseLostError instead of claiming as a stranger. Anyone else claims the lease for the duration
 * of fn, waiting up to `waitSec` (LeaseBusyError naming the holder after that), and releases it
 * whatever fn does. The power-cycle and flash steps call this around every hardware action.
 */
export async function underSlotLease<T>(
  inventory: JobSite,
  slot: string,
  options: UnderLeaseOptions,
  fn: (scope: LeaseScope) => Promise<T>,
): Promise<T> {
  const outer = held.getStore()?.get(slot);
  if (outer) return fn(outer);

  const env = options.env ?? process.env;
  const who = callerIdentity(env);
  const status = leaseStatus(inventory, slot);
  const job =
    options.job !== undefined
      ? (options.job ?? undefined)
      : findCurrentJob({ inventory, slot, env });

  if (status.holder && holderIsCaller(status.holder, who)) {
    const holder = status.holder;
    if (status.state === "stale") {
      throw new LeaseLostError(
        slot,
        `the job's lease is stale: its keeper (pid ${holder.pid} on ${holder.host}) stopped refreshing it`,
      );
    }
    return watchJobLease(inventory, slot, holder, job, fn);
  }

  // In a job, on the job's own slot, but the lease is not the job's: it ended or was lost.
  const jobSlot = job?.invocation?.slot ?? job?.claimedLease()?.slot ?? job?.leaseEnded()?.slot;
  if (job && jobSlot === slot) {
    const ended = job.leaseEnded();
    const now = status.holder ? `; the slot is now held by ${describeHolder(status.holder)}` : "";
    throw new LeaseLostError(
      slot,
      ended
        ? `job ${job.jobId}'s lease ended at ${ended.at} (${ended.reason}: ${ended.detail})${now}`
        : `job ${job.jobId} no longer holds it${now}`,
    );
  }

  const lease = await acquireLease(inventory, slot, {
    holder: {
      kind: options.claimAs?.kind ?? "step",
      jobId: who.jobId,
      runner: who.runner,
      ...(who.commitSha ? { commitSha: who.commitSha } : {}),
      ...(options.claimAs?.command ? { command: options.claimAs.command } : {}),
    },
    waitSec: options.waitSec ?? 0,
    ...(options.signal ? { signal: options.signal } : {}),
    onWait: (s) =>
      options.host?.info(
        `Waiting up to ${options.waitSec ?? 0} s for slot ${slot}: held by ${s.holder ? describeHolder(s.holder) : "someone"}.`,
      ),
  });
  const scope: LeaseScope = {
    slot,
    holder: lease.record,
    mode: "claimed",
    job,
    signal: lease.signal,
    env: lease.env(),
  };
  let result: T;
  try {
    result = await runScoped(scope, fn);
    lease.assertHeld();
  } catch (e) {
    await lease.release().catch(() => {}); // fn's failure is the one to report
    throw lease.lost ?? e;
  }
  await lease.release();
  return result;
}

function runScoped<T>(scope: LeaseScope, fn: (scope: LeaseScope) => Promise<T>): Promise<T> {
  const map = new Map(held.getStore() ?? []);
  map.set(scope.slot, scope);
  return held.run(map, () => fn(scope));
}

/** Run fn under a lease another process (the job's keeper) holds, checking it stays ours. */
async function watchJobLease<T>(
  site: JobSite,
  slot: string,
  holder: HolderRecord,
  job: JobContext | undefined,
  fn: (scope: LeaseScope) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const file = join(leasePath(site, slot), holderFileName(holder.token));
  const check = () => {
    if (existsSync(file)) return;
    const ended = job?.leaseEnded();
    controller.abort(
      new LeaseLostError(
        slot,
        ended
          ? `job ${holder.job_id}'s lease ended at ${ended.at} (${ended.reason}: ${ended.detail})`
          : `job ${holder.job_id}'s holder record disappeared while the step ran`,
      ),
    );
  };
  const timer = setInterval(check, Math.min(1000, (site.stale_sec * 1000) / 4));
  timer.unref();
  const scope: LeaseScope = {
    slot,
    holder,
    mode: "job",
    job,
    signal: controller.signal,
    env: leaseEnv(holder),
  };
  try {
    const result = await runScoped(scope, fn);
    check();
    if (controller.signal.aborted) throw controller.signal.reason as Error;
    return result;
  } catch (e) {
    if (controller.signal.aborted) throw controller.signal.reason as Error;
    throw e;
  } finally {
    clearInterval(timer);
  }
}
