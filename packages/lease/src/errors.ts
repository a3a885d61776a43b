import { InfrastructureError } from "@hil/contracts";
import { describeAge, describeHolder, type HolderRecord, type LeaseStatus } from "./record";

/**
 * The slot is held by someone else and did not come free within the wait. The message names
 * the holder (job, runner, host, pid, since when, commit), so the user knows whom they wait for.
 */
export class LeaseBusyError extends InfrastructureError {
  override name = "LeaseBusyError";
  readonly slot: string;
  readonly holder: HolderRecord | undefined;

  constructor(
    /** The slot's lease as found when the wait ran out. */
    readonly status: LeaseStatus,
    waitedSec: number,
    staleSec: number,
  ) {
    const who = status.holder ? describeHolder(status.holder) : "an unknown holder";
    const stale =
      status.state === "stale" && status.refreshedAt
        ? ` The lease is stale (last refreshed ${describeAge(Date.now() - status.refreshedAt.getTime())}) and is taken over on the next claim.`
        : "";
    super(`Slot ${status.slot} is busy: held by ${who}; waited ${waitedSec} s.${stale}`, {
      hint:
        `Wait for it to finish or wait longer (--wait / wait-sec). A holder that died leaves a lease ` +
        `that goes stale after ${staleSec} s and is then taken over. See every slot with: hil slots.`,
    });
    this.slot = status.slot;
    this.holder = status.holder;
  }
}

/**
 * The lease was lost while work ran under it: taken over after it went stale (the holder was
 * paused or its lock dir stalled for longer than the stale window), removed by hand, released
 * at the job's deadline, or its keeper died. Hardware steps must stop: someone else may own the board.
 */
export class LeaseLostError extends InfrastructureError {
  override name = "LeaseLostError";
  constructor(
    readonly slot: string,
    detail: string,
    hint = "Re-run the job. If this repeats, check that the lock dir is on a healthy disk (hil doctor) and that the host is not overloaded.",
  ) {
    super(`The lease on slot ${slot} was lost: ${detail}. Hardware steps stop here.`, { hint });
  }
}
