import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError, HilError } from "@hil/contracts";
import { type CancelFlag, Journal, parseCancelFlag, readCancelFlag } from "@hil/journal";
import {
  currentUser,
  holderWho,
  JOB_FILES,
  leaseStatus,
  type HolderRecord,
  type JobContext,
  type LeaseSite,
} from "@hil/lease";

/**
 * The job's cancellation flag, `<job dir>/cancel`: present means "stop before the next step".
 * Its text says why; the lease keeper raises it at the job's deadline with `timeout: …`, which
 * ends the job as `timeout`; anything else ends it as `cancelled`.
 */

/** A raised flag, as a step should end because of it. */
export type CancelState = CancelFlag;

const flagPath = (jobDir: string) => join(jobDir, JOB_FILES.cancel);

/** Whether the job's flag is raised, and what it means. */
export const cancelState = (jobDir: string): CancelState | undefined => readCancelFlag(jobDir);

/** The job was cancelled (or ran past its deadline) and this step must not touch the board. */
export class JobCancelledError extends HilError {
  override name = "JobCancelledError";
  readonly status: "cancelled" | "timeout";
  readonly exitCode: number;
  /** The reason without the deadline marker (what follows "ran past its deadline"). */
  readonly detail: string;
  constructor(
    readonly jobId: string,
    readonly reason: string,
    state: Pick<CancelState, "status" | "exitCode">,
  ) {
    super(
      state.status === "timeout"
        ? `Job ${jobId} ran past its deadline (${parseCancelFlag(reason).detail}); this step does not start.`
        : `Job ${jobId} was cancelled (${reason}); this step does not start.`,
      {
        hint:
          state.status === "timeout"
            ? "Raise HIL_JOB_TIMEOUT_SEC in the runner's environment (at most 14400 s) if the job needs longer, or make it shorter."
            : "Re-run the job if it should still run.",
      },
    );
    this.status = state.status;
    this.exitCode = state.exitCode;
    this.detail = parseCancelFlag(reason).detail;
  }
}

/**
 * The check every hardware step makes first, and between its phases: throws JobCancelledError
 * when the job's cancellation flag is raised.
 */
export function assertNotCancelled(job: Pick<JobContext, "jobId" | "jobDir">): void {
  const s = cancelState(job.jobDir);
  if (s) throw new JobCancelledError(job.jobId, s.reason, s);
}

/**
 * Raise a job's flag (once: the first reason stays) and note it in the journal. Returns false
 * when it was already raised.
 */
export function raiseCancelFlag(jobDir: string, reason: string, step = "hil cancel"): boolean {
  try {
    writeFileSync(flagPath(jobDir), `${reason}\n`, { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    new Journal(join(jobDir, JOB_FILES.journal)).append({ type: "note", step, text: reason });
  } catch {
    // the flag is what counts
  }
  return true;
}

export interface CancelResult {
  slot: string;
  holder: HolderRecord;
  jobDir: string;
  reason: string;
  /** False when the flag was already up (the earlier reason stays). */
  raised: boolean;
}

/**
 * `hil cancel --slot hut-01`: raise the flag of the job that holds the slot. Its steps stop before
 * the next one; a running `hil step` stops its command at once. Refuses a slot that is free or
 * held by a `hil lock` session (there is no job to cancel: the person holding it ends it).
 */
export function cancelSlotJob(
  site: LeaseSite,
  slot: string,
  o: { reason?: string; by?: string } = {},
): CancelResult {
  const status = leaseStatus(site, slot);
  const holder = status.holder;
  if (!holder) {
    throw new ConfigurationError(`Slot ${slot} is free: there is no job to cancel.`, {
      hint: "See what runs where with: hil slots.",
    });
  }
  if (!holder.job_dir || holder.kind !== "job") {
    throw new ConfigurationError(
      `Slot ${slot} is held by ${holderWho(holder)}, which is not a CI job: there is no job to cancel.`,
      {
        hint:
          holder.kind === "lock"
            ? `Ask ${holder.user ?? "its owner"} to end the session (Ctrl-C in their terminal), or stop pid ${holder.pid} on ${holder.host}.`
            : "It ends by itself when its step finishes.",
      },
    );
  }
  if (!existsSync(holder.job_dir)) {
    throw new ConfigurationError(
      `Slot ${slot} is held by ${holderWho(holder)}, but its job directory ${holder.job_dir} is not on this host.`,
      { hint: `Run hil cancel on ${holder.host}, where the job runs.` },
    );
  }
  const by = o.by ?? currentUser();
  const reason = `cancelled by ${by} (hil cancel)${o.reason ? `: ${o.reason}` : ""}`;
  const raised = raiseCancelFlag(holder.job_dir, reason);
  return {
    slot,
    holder,
    jobDir: holder.job_dir,
    reason: raised ? reason : (cancelState(holder.job_dir)?.reason ?? reason),
    raised,
  };
}
