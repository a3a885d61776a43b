import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  describeError,
  EXIT_CODES,
  type Invocation,
  type Inventory,
  type Report,
} from "@hil/contracts";
import type { Host } from "@hil/host";
import { loadInventory, selectSlot } from "@hil/inventory";
import { Journal, readInvocation } from "@hil/journal";
import {
  describeHolder,
  JOB_FILES,
  jobDirFor,
  leaseStatus,
  readJobLease,
  readLeaseEnded,
  releaseJobLease,
  type JobReleaseResult,
} from "@hil/lease";
import type { ForgeTarget, PublishOutcome, WorkflowStatus } from "@hil/report";
import { ciContext } from "@hil/ci";
import { ciJobStatus } from "./ci";
import { loadBundle, loadReport } from "./heavy";
import { publishQuietly } from "./publish";
import { hookSettings } from "./settings";
import { closeDanglingSteps } from "./step";
import { HOOK_FILES, readCompleted, readHookState, writeCompleted, writeHookState } from "./state";

/** The step name the hooks journal under. */
export const STARTED_STEP = "job-started hook";

export interface CompleteJobOptions {
  inventory: Inventory;
  jobDir: string;
  host: Host;
  env: NodeJS.ProcessEnv;
  /** Where to publish (undefined: nowhere). */
  forge?: ForgeTarget;
  jobStatus?: WorkflowStatus;
  /** The slot when the job dir does not say (selected from the environment). */
  slot?: string;
  by: "completed-hook" | "next-start";
}

export interface CompleteResult {
  jobId: string;
  jobDir?: string;
  slot?: string;
  outcome: "completed" | "already-completed" | "not-started";
  report?: Report;
  reportPath?: string;
  lease?: JobReleaseResult;
  outcomes: PublishOutcome[];
  /** Things that went wrong but did not stop the completion (each was logged). */
  problems: string[];
  /** The lease could not be released: the only failure the completed hook reports with exit 1. */
  leaseStuck: boolean;
}

function describeRelease(slot: string, r: JobReleaseResult): string {
  switch (r.how) {
    case "keeper":
      return `Released ${slot}: the lease keeper let it go.`;
    case "forced":
      return `Released ${slot}: the lease keeper was gone, so its lease was removed by its token.`;
    case "other-holder":
      return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; ${r.holder ? describeHolder(r.holder) : "someone else"} holds it now and was not touched.`;
    case "already-ended":
      return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; nothing to release.`;
  }
}

/** The job's invocation.json when it is there and valid (finishJob says what is wrong with it). */
const validInvocation = (jobDir: string): Invocation | undefined =>
  readInvocation(jobDir).invocation;

/** Release the job's lease, whatever state the keeper and lease.json are in. */
async function releaseJobSlot(
  inv: Inventory,
  slot: string,
  jobDir: string,
  jobId: string,
): Promise<JobReleaseResult> {
  if (readJobLease(jobDir)) return releaseJobLease(inv, slot, { jobDir });
  // No lease.json (the started hook died right after the keeper claimed): find it by job id.
  const h = leaseStatus(inv, slot).holder;
  if (h && h.job_id === jobId && h.kind === "job") {
    return releaseJobLease(inv, slot, { token: h.token, jobDir });
  }
  const ended = readLeaseEnded(jobDir);
  return { released: false, how: "already-ended", ...(ended ? { ended } : {}) };
}

/**
 * End a job: record what its steps could not (a started hook that died half-way, steps killed
 * before they wrote their result), write its ws2.report.v1, release its bundle pins and its
 * lease, then publish. Each part runs whatever happened to the ones before; the lease is
 * released before publishing so the slot is free while the forge is slow. Idempotent: a job
 * already completed only has its lease checked.
 */
export async function completeJobDir(o: CompleteJobOptions): Promise<CompleteResult> {
  const { host, jobDir, inventory: inv } = o;
  const { finishJob, identityFromCi, publishReport, reportMarkdown, writeReport } =
    await loadReport();
  const state = readHookState(jobDir);
  const journal = new Journal(join(jobDir, JOB_FILES.journal));
  const invocation = validInvocation(jobDir);
  const jobId = state?.job_id ?? invocation?.job_id ?? ciContext(o.env).jobId;
  const slot = state?.slot ?? invocation?.slot ?? readJobLease(jobDir)?.slot ?? o.slot;
  const result: CompleteResult = {
    jobId,
    jobDir,
    outcome: "completed",
    outcomes: [],
    problems: [],
    leaseStuck: false,
    ...(slot ? { slot } : {}),
  };
  const problem = (what: string, e: unknown) => {
    const text = `${what}: ${describeError(e)}`;
    result.problems.push(text);
    host.error(text);
  };
  const release = async () => {
    if (!slot) {
      problem(
        "Cannot release the lease",
        new Error(
          "the job's slot is unknown (no hook.json, invocation.json or lease.json, and HIL_SLOT is not set)",
        ),
      );
      result.leaseStuck = true;
      return;
    }
    try {
      result.lease = await releaseJobSlot(inv, slot, jobDir, jobId);
      host.info(describeRelease(slot, result.lease));
    } catch (e) {
      result.leaseStuck = true;
      problem(`Could not release ${slot}`, e);
    }
  };

  const done = readCompleted(jobDir);
  if (done) {
    result.outcome = "already-completed";
    host.info(
      `Job ${jobId} was already completed at ${done.at} (${done.status ?? "no report"}${done.report_path ? `, ${done.report_path}` : ""}); nothing more to report.`,
    );
    await release();
    return result;
  }

  // What the steps could not say themselves.
  if (state?.phase === "starting") {
    journal.append({
      type: "step",
      step: STARTED_STEP,
      status: "failed",
      exit_code: EXIT_CODES.failed,
      failure_kind: "infrastructure",
      summary: "the job-started hook ended before it finished (killed?)",
      next_action:
        "Re-run the job; if it happens again, look at the runner's log for the job-started hook.",
    });
  }
  for (const step of closeDanglingSteps({ jobDir, journal })) {
    host.warn(`Step ${step} of job ${jobId} never recorded how it ended; recorded as failed.`);
  }

  let report: Report | undefined;
  try {
    // Only needed when invocation.json is unusable (the started hook died before writing it).
    const fromEnv = identityFromCi(ciContext(o.env), slot);
    const identity =
      fromEnv?.jobId === jobId ? fromEnv : slot ? { jobId, lockKey: slot, slot } : undefined;
    const res = await finishJob({
      jobDir,
      host,
      env: o.env,
      forge: null,
      summary: false,
      ...(o.jobStatus ? { jobStatus: o.jobStatus } : {}),
      ...(identity ? { identity } : {}),
    });
    report = res.report;
    result.report = res.report;
    result.reportPath = res.reportPath;
  } catch (e) {
    problem(`Could not write the report of ${jobId}`, e);
  }
  // A copy in the job's workspace, where GitLab's `artifacts: paths: [hil-out/]` (uploaded after
  // after_script) picks it up, as report-status leaves it on GitHub.
  const workdir = invocation?.workdir;
  if (report && o.by === "completed-hook" && workdir && existsSync(workdir)) {
    const copy = join(workdir, "hil-out", report.slot ?? report.lock_key, "ws2-report.json");
    try {
      writeReport(report, copy, host);
    } catch (e) {
      host.warn(`Could not copy the report to ${copy}: ${describeError(e)}`);
    }
  }

  try {
    const { BundleCache } = await loadBundle();
    const n = await new BundleCache({ dir: inv.cache_dir }).releaseHolder(jobId);
    if (n) host.info(`Released ${n} bundle pin(s) of ${jobId} in ${inv.cache_dir}.`);
  } catch (e) {
    host.warn(
      `Could not release the bundle pins of ${jobId}: ${describeError(e)} (they expire by themselves).`,
    );
  }

  await release();

  if (report) {
    const r = report;
    result.outcomes = await publishQuietly(
      o.forge,
      "the report",
      (forge) => publishReport(r, host, { forge, env: o.env }),
      host,
    );
  }
  if (report && o.by === "completed-hook") {
    try {
      await host.writeSummary(
        reportMarkdown(report, result.outcomes, `hil ${report.slot ?? ""}`.trim()),
      );
    } catch {
      // the summary is a courtesy
    }
  }

  writeCompleted(jobDir, {
    at: new Date().toISOString(),
    ...(report ? { status: report.status } : {}),
    ...(result.reportPath ? { report_path: result.reportPath } : {}),
    lease: result.lease?.how ?? "none",
    published: result.outcomes.length > 0 && result.outcomes.every((x) => x.ok),
    by: o.by,
  });
  if (state && state.phase === "starting")
    writeHookState(jobDir, { ...state, phase: "start-failed" });
  return result;
}

export interface JobCompletedOptions {
  env?: NodeJS.ProcessEnv;
  host: Host;
  /** Inventory file (default HIL_SLOTS or /etc/hil/slots.yaml). */
  inventoryFile?: string;
  /** The job's status as the CI says it (default: GitLab's CI_JOB_STATUS; GitHub says nothing). */
  jobStatus?: WorkflowStatus;
}

/**
 * The job-completed hook (ACTIONS_RUNNER_HOOK_JOB_COMPLETED, GitLab's after_script): find this
 * CI job's directory by its job id (the hooks' environment does not carry what the started
 * hook exported) and complete it. Runs after a failed, cancelled or crashed job and after a
 * failed started hook alike; a second run, or a run after the keeper already ended the lease at
 * the deadline, says so and does nothing else.
 */
export async function jobCompleted(o: JobCompletedOptions): Promise<CompleteResult> {
  const env = o.env ?? process.env;
  const host = o.host;
  const { file, inventory } = loadInventory(o.inventoryFile, env);
  const ci = ciContext(env);
  const jobDir = env.HIL_JOB_DIR || jobDirFor(inventory, ci.jobId);
  const jobStatus = o.jobStatus ?? ciJobStatus(ci);
  let slot: string | undefined;
  try {
    slot = selectSlot(inventory, file, undefined, env).id;
  } catch {
    // the job dir names it
  }

  if (!existsSync(jobDir)) {
    const result: CompleteResult = {
      jobId: ci.jobId,
      outcome: "not-started",
      outcomes: [],
      problems: [],
      leaseStuck: false,
      ...(slot ? { slot } : {}),
    };
    // The job dir is gone but the slot may still be ours (removed by hand): release by job id.
    const h = slot ? leaseStatus(inventory, slot).holder : undefined;
    if (slot && h && h.kind === "job" && h.job_id === ci.jobId) {
      result.lease = await releaseJobLease(inventory, slot, { token: h.token });
      host.info(describeRelease(slot, result.lease));
    }
    host.info(
      `Nothing to complete for job ${ci.jobId}: the job-started hook did not start it (no ${jobDir}).` +
        (slot
          ? ` Slot ${slot} is ${leaseStatus(inventory, slot).holder ? "held by another job" : "free"}.`
          : ""),
    );
    return result;
  }

  const forge = (await loadReport()).forgeFromCi(ci);
  const res = await completeJobDir({
    inventory,
    jobDir,
    host,
    env,
    by: "completed-hook",
    ...(forge ? { forge } : {}),
    ...(jobStatus ? { jobStatus } : {}),
    ...(slot ? { slot } : {}),
  });
  try {
    pruneJobDirs(inventory, hookSettings(env).retentionDays, jobDir);
  } catch (e) {
    host.debug(`pruning old job dirs: ${describeError(e)}`);
  }
  return res;
}

/**
 * Remove completed job directories older than `days` (their completed.json is older), never
 * `keep`. Returns how many were removed.
 */
export function pruneJobDirs(site: { state_dir: string }, days: number, keep?: string): number {
  if (days <= 0) return 0;
  const root = join(site.state_dir, "jobs");
  const cutoff = Date.now() - days * 86_400_000;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return 0;
  }
  for (const name of names) {
    const dir = join(root, name);
    if (dir === keep) continue;
    try {
      if (statSync(join(dir, HOOK_FILES.completed)).mtimeMs < cutoff) {
        rmSync(dir, { recursive: true, force: true });
        removed++;
      }
    } catch {
      // not completed (still running, or a crashed job the next start completes)
    }
  }
  return removed;
}
