import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError, type Inventory, type Invocation, type Slot } from "@hil/contracts";
import { type CiContext, ciContext } from "@hil/ci";
import { type CancelFlag, Journal, readCancelFlag, readInvocation } from "@hil/journal";
import { readJobLease, readLeaseEnded } from "./keeper";
import { JOB_FILES, jobDirFor, type LeaseEnded } from "./layout";
import { LEASE_ENV, leaseStatus, type LeaseStatus } from "./lease";
import type { HolderRecord, LeaseSite } from "./record";

/** Where jobs live and where leases live: the inventory satisfies this as it is. */
export type JobSite = LeaseSite & { state_dir: string };

/** Who the calling process is: the job id the lease, the job dir and the report all use. */
export interface CallerIdentity {
  /** `gh-<run id>-<attempt>-<job>`, `gl-<job id>`, a `hil lock` session's id, or `local-<host>-<pid>`. */
  jobId: string;
  source: "hil" | "github" | "gitlab" | "local";
  /** HIL_LEASE_TOKEN: the lease this process was started under (hil lock, hooks). */
  token?: string;
  runner: string;
  commitSha?: string;
}

/**
 * The caller's job identity. HIL_JOB_ID (exported under a lease) wins; then GitHub
 * (GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT/GITHUB_JOB), GitLab (CI_JOB_ID), else a local session
 * `local-<host>-<pid>`.
 */
export function callerIdentity(
  env: NodeJS.ProcessEnv = process.env,
  pid: number = process.pid,
): CallerIdentity {
  const ci = ciContext(env);
  const base = {
    runner: ci.runner,
    ...(ci.jobSha ? { commitSha: ci.jobSha } : {}),
    ...(env[LEASE_ENV.token] ? { token: env[LEASE_ENV.token] } : {}),
  };
  if (env[LEASE_ENV.jobId]) return { jobId: env[LEASE_ENV.jobId]!, source: "hil", ...base };
  if (ci.forge === "local") return { jobId: `local-${ci.host}-${pid}`, source: "local", ...base };
  return { jobId: ci.jobId, source: ci.forge, ...base };
}

/** Whether a holder record is the caller's own: same lease token, else same job id. */
export function holderIsCaller(holder: HolderRecord, who: CallerIdentity): boolean {
  if (who.token) return holder.token === who.token;
  return holder.job_id === who.jobId;
}

/** Create `<state_dir>/jobs/<job key>/` (the job-started hook, hil lock). */
export function createJobDir(site: { state_dir: string }, jobId: string): string {
  const dir = jobDirFor(site, jobId);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ConfigurationError(
      `Cannot create the job directory ${dir} (${(e as NodeJS.ErrnoException).code}).`,
      {
        hint: `Make ${site.state_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
      },
    );
  }
  return dir;
}

/**
 * What a hardware step works on, resolved once by the step wrapper (@hil/lifecycle's
 * withHardwareStep) and handed to flash, test and power-cycle, so none of them looks the
 * inventory, the slot or the job up again.
 */
export interface StepContext {
  inventory: Inventory;
  inventoryFile: string;
  slot: Slot;
  /** The hardware job the step is part of (its journal, cancel flag, lease); null outside one. */
  job: JobContext | null;
  ci: CiContext;
  /** Aborts when the job is cancelled or runs past its deadline (the step's signal). */
  signal?: AbortSignal;
}

/** A hardware job as one of its steps sees it. */
export class JobContext {
  readonly journal: Journal;
  private invocationCache: Invocation | undefined;

  constructor(
    readonly jobId: string,
    readonly jobDir: string,
    /** The slot's lease holder when it is this job (undefined once the lease has ended). */
    readonly holder: HolderRecord | undefined,
    /** How it was found. */
    readonly foundBy: "HIL_JOB_DIR" | "lease" | "job-id",
  ) {
    this.journal = new Journal(join(jobDir, JOB_FILES.journal));
  }

  /** The job's ws2.invocation.v1 (undefined until the job-started hook has written it). */
  get invocation(): Invocation | undefined {
    if (this.invocationCache) return this.invocationCache;
    const read = readInvocation(this.jobDir);
    if (read.missing) return undefined;
    if (read.problem !== undefined) {
      throw new ConfigurationError(`The job's ${read.problem}.`, {
        hint: "The job-started hook writes it; re-run the job, or fix the hook's set-up (hil doctor).",
      });
    }
    this.invocationCache = read.invocation;
    return this.invocationCache;
  }

  /** The job's cancellation flag, when it is raised: stop before the next step. */
  cancelFlag(): CancelFlag | undefined {
    return readCancelFlag(this.jobDir);
  }

  /** What the job's lease keeper recorded when the lease ended, if it has. */
  leaseEnded(): LeaseEnded | undefined {
    return readLeaseEnded(this.jobDir);
  }

  /** The holder record the job claimed (with its token), if it claimed one. */
  claimedLease(): HolderRecord | undefined {
    return readJobLease(this.jobDir);
  }
}

export interface FindJobOptions {
  /** Inventory (or its lock_dir, stale_sec, state_dir). */
  inventory: JobSite;
  /** The slot the step works on; used to find the job through the slot's lease. */
  slot?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The job the calling step belongs to, or undefined:
 * 1. HIL_JOB_DIR when set (exported by the hooks and `hil lock`);
 * 2. else the slot's lease holder, when it is the caller's own (HIL_LEASE_TOKEN, else the job id
 *    from GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT/GITHUB_JOB or CI_JOB_ID) and records a job dir;
 * 3. else `<state_dir>/jobs/<job key>` of the caller's CI job id, when it exists (a job whose
 *    lease has already ended: the step must learn that, not act as a stranger).
 */
export function findCurrentJob(opts: FindJobOptions): JobContext | undefined {
  const env = opts.env ?? process.env;
  const who = callerIdentity(env);
  let status: LeaseStatus | undefined;
  const ownHolder = () => {
    if (!opts.slot) return undefined;
    status ??= leaseStatus(opts.inventory, opts.slot);
    return status.holder && holderIsCaller(status.holder, who) ? status.holder : undefined;
  };
  const dirFromEnv = env[LEASE_ENV.jobDir];
  if (dirFromEnv) {
    const holder = ownHolder();
    return new JobContext(holder?.job_id ?? who.jobId, dirFromEnv, holder, "HIL_JOB_DIR");
  }
  const holder = ownHolder();
  if (holder?.job_dir) return new JobContext(holder.job_id, holder.job_dir, holder, "lease");
  if (who.source === "github" || who.source === "gitlab") {
    const dir = jobDirFor(opts.inventory, who.jobId);
    if (existsSync(dir)) return new JobContext(who.jobId, dir, holder, "job-id");
  }
  return undefined;
}

/** Like findCurrentJob, but explains what it looked for when there is no job. */
export function currentJob(opts: FindJobOptions): JobContext {
  const job = findCurrentJob(opts);
  if (job) return job;
  const who = callerIdentity(opts.env ?? process.env);
  const held = opts.slot ? leaseStatus(opts.inventory, opts.slot).holder : undefined;
  throw new ConfigurationError(
    `This step is not part of a hardware job: HIL_JOB_DIR is not set` +
      (opts.slot
        ? `, and slot ${opts.slot}'s lease ${held ? `belongs to ${held.job_id}, not ${who.jobId}` : "is free"}`
        : "") +
      ".",
    {
      hint: "Run it in a job whose runner has the hil job-started hook, or under `hil lock --slot <id> -- …`.",
    },
  );
}
