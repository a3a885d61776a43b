import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigurationError, InfrastructureError } from "@hil/contracts";
import lockfile from "proper-lockfile";
import { LeaseBusyError, LeaseLostError } from "./errors";
import {
  freshestHolderStat,
  GuardFs,
  isCode,
  readHolder,
  type PausePoint,
  type TakeOver,
} from "./internal/guard-fs";
import {
  currentUser,
  holderFileName,
  isHolderFile,
  leasePath,
  LEASE_SCHEMA_VERSION,
  staleMs,
  thisHost,
  type HolderKind,
  type HolderRecord,
  type LeaseSite,
} from "./record";

/** What a claimant says about itself; host, pid, user, since and the token are filled in. */
export interface HolderInput {
  kind: HolderKind;
  jobId: string;
  runner: string;
  commitSha?: string;
  jobDir?: string;
  deadline?: Date;
  watchPid?: number;
  command?: string[];
}

export interface AcquireOptions {
  holder: HolderInput;
  /** Seconds to wait while someone else holds the slot; 0 (default) fails at once. */
  waitSec?: number;
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Called once, the first time the slot is found held: log "waiting for … held by …". */
  onWait?: (status: LeaseStatus) => void;
  /**
   * Called when the lease is lost while held (taken over after going stale, removed by hand).
   * Never throws into a timer: the lease's `signal` is aborted as well.
   */
  onCompromised?: (error: LeaseLostError) => void;
  /** Longest pause between two attempts while waiting (ms, default 200). */
  pollMaxMs?: number;
  /** @internal tests replay the issue-121 interleaving by parking a takeover here. */
  pause?: (point: PausePoint) => Promise<void>;
}

import type { LeaseStatus } from "./record";
export type { LeaseState, LeaseStatus } from "./record";

export interface ReleaseResult {
  /** False when the lease had already been lost (taken over) or released. */
  released: boolean;
  heldMs: number;
}

/** Environment variables that let a child process act under a lease (`hil lock`, runner hooks). */
export const LEASE_ENV = {
  token: "HIL_LEASE_TOKEN",
  slot: "HIL_SLOT",
  jobId: "HIL_JOB_ID",
  jobDir: "HIL_JOB_DIR",
  inventory: "HIL_SLOTS",
} as const;

/** The LEASE_ENV variables that let a child process act under the lease `record` describes. */
export function leaseEnv(record: HolderRecord): Record<string, string> {
  const env: Record<string, string> = {
    [LEASE_ENV.token]: record.token,
    [LEASE_ENV.slot]: record.slot,
    [LEASE_ENV.jobId]: record.job_id,
  };
  if (record.job_dir) env[LEASE_ENV.jobDir] = record.job_dir;
  return env;
}

/** A held slot lease. Release it in a `finally`; its `signal` aborts if the lease is lost. */
export class Lease {
  private readonly controller = new AbortController();
  private lostError: LeaseLostError | undefined;
  private releasedAt: number | undefined;

  /** @internal use acquireLease */
  constructor(
    readonly record: HolderRecord,
    readonly path: string,
    private readonly unlock: () => Promise<void>,
    private readonly guard: GuardFs,
    private readonly acquiredAt: number,
    /** The dead holder this claim took the slot over from, if it did. */
    readonly tookOver: TakeOver | undefined,
  ) {}

  get token(): string {
    return this.record.token;
  }
  get slot(): string {
    return this.record.slot;
  }
  /** Aborted (with a LeaseLostError as reason) when the lease is lost while held. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  /** Why the lease was lost, if it was. */
  get lost(): LeaseLostError | undefined {
    return this.lostError;
  }

  /** @internal */
  markLost(error: LeaseLostError): void {
    if (this.lostError || this.releasedAt !== undefined) return;
    this.lostError = error;
    this.controller.abort(error);
  }

  /** Throws the LeaseLostError if the lease was lost: call it before each hardware action. */
  assertHeld(): void {
    if (this.lostError) throw this.lostError;
    if (this.releasedAt !== undefined) {
      throw new LeaseLostError(this.slot, "it was already released");
    }
  }

  /** Environment for a child process that should act under this lease. */
  env(): Record<string, string> {
    return leaseEnv(this.record);
  }

  /** Release the lease (idempotent). Resolves `released: false` when it had been lost. */
  async release(): Promise<ReleaseResult> {
    const heldMs = Date.now() - this.acquiredAt;
    if (this.releasedAt !== undefined) return { released: false, heldMs };
    this.releasedAt = Date.now();
    if (this.lostError) return { released: false, heldMs };
    try {
      await this.unlock();
    } catch (e) {
      if (isCode(e, "ERELEASED")) return { released: false, heldMs }; // compromised meanwhile
      throw new InfrastructureError(
        `Could not release the lease ${this.path}: ${(e as Error).message}`,
        {
          hint: "It goes stale and is taken over after the stale window; check the lock dir with hil doctor.",
        },
      );
    }
    return { released: !this.guard.lost, heldMs };
  }
}

export function newToken(): string {
  return randomBytes(12).toString("hex");
}

function buildRecord(slot: string, token: string, h: HolderInput): HolderRecord {
  const record: HolderRecord = {
    schema_version: LEASE_SCHEMA_VERSION,
    slot,
    token,
    kind: h.kind,
    job_id: h.jobId,
    runner: h.runner,
    host: thisHost(),
    pid: process.pid,
    user: currentUser(),
    since: "", // set per attempt
  };
  if (h.commitSha) record.commit_sha = h.commitSha;
  if (h.deadline) record.deadline = h.deadline.toISOString();
  if (h.jobDir) record.job_dir = h.jobDir;
  if (h.watchPid) record.watch_pid = h.watchPid;
  if (h.command) record.command = h.command;
  return record;
}

function ensureLockDir(site: LeaseSite): void {
  try {
    mkdirSync(site.lock_dir, { recursive: true });
  } catch (e) {
    throw new ConfigurationError(
      `Cannot create the lock dir ${site.lock_dir} (${(e as NodeJS.ErrnoException).code}).`,
      {
        hint: `Create it writable for the runner's user and group, e.g. sudo install -d -m 2775 -g hil ${site.lock_dir}, then run hil doctor.`,
      },
    );
  }
}

function fsProblem(site: LeaseSite, slot: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  const path = leasePath(site, slot);
  if (code === "EFOREIGN") {
    return new ConfigurationError((e as Error).message + ".", {
      hint: `If no other tool uses it, remove it (rm -r ${path}); hil leases hold a holder.*.json record.`,
    });
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new ConfigurationError(`Cannot write the lease ${path} (${code}).`, {
      hint: `Make ${site.lock_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
    });
  }
  return new InfrastructureError(`Cannot take the lease ${path}: ${(e as Error).message}`, {
    hint: "Check the lock dir's file system (hil doctor); over NFS, check the mount.",
  });
}

/**
 * Claim a slot's lease: `<lock_dir>/<slot>.lock` through proper-lockfile, kept fresh by its timer
 * while this process lives. Waits up to `waitSec` while someone else holds it, polling with a
 * short backoff (no fixed sleep on the fast path), then fails with a LeaseBusyError naming the
 * holder. A lease whose holder died goes stale after `stale_sec` and is taken over, race-free
 * (see GuardFs). Different slots never wait on each other: each is its own directory.
 */
export async function acquireLease(
  site: LeaseSite,
  slot: string,
  options: AcquireOptions,
): Promise<Lease> {
  const path = leasePath(site, slot);
  const stale = staleMs(site);
  const waitSec = options.waitSec ?? 0;
  const deadline = Date.now() + waitSec * 1000;
  const pollMax = options.pollMaxMs ?? 200;
  const token = newToken();
  const record = buildRecord(slot, token, options.holder);
  let lockDirChecked = false;
  let announced = false;
  let lastTry = false;
  let delay = 2;
  let lease: Lease | undefined;

  for (;;) {
    options.signal?.throwIfAborted();
    record.since = new Date().toISOString(); // held since the attempt that wins, not the request
    const text = JSON.stringify(record, null, 2) + "\n";
    const guard = new GuardFs(path, token, text, stale, options.pause);
    try {
      const unlock = await lockfile.lock(`${path}#${token}`, {
        lockfilePath: path,
        realpath: false,
        stale,
        retries: 0,
        fs: guard,
        onCompromised: (err) => {
          const gone = /ENOENT/.test(`${(err as NodeJS.ErrnoException).code} ${err.message}`);
          const lost = new LeaseLostError(
            slot,
            gone
              ? `its holder record is gone while ${record.job_id} held it (taken over after going stale, or removed by hand)`
              : `it could not be refreshed within the ${site.stale_sec} s stale window (${err.message}); the process or the lock dir stalled`,
          );
          lease?.markLost(lost);
          try {
            options.onCompromised?.(lost);
          } catch {
            // a report callback must never crash the process from inside a timer
          }
        },
      });
      lease = new Lease(record, path, unlock, guard, Date.now(), guard.tookOver);
      if (guard.tookOver) sweepClaimLeftovers(site);
      return lease;
    } catch (e) {
      if (isCode(e, "ENOENT", "ENOTDIR") && !lockDirChecked) {
        lockDirChecked = true;
        ensureLockDir(site);
        continue;
      }
      if (!isCode(e, "ELOCKED", "EEXIST")) throw fsProblem(site, slot, e);
    }
    const status = leaseStatus(site, slot);
    if (status.state !== "free" && !announced) {
      announced = true;
      options.onWait?.(status);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      if (status.state === "free" && !lastTry) {
        lastTry = true; // released just now: one more try
        continue;
      }
      throw new LeaseBusyError(status, waitSec, site.stale_sec);
    }
    // Jittered backoff so waiters on one slot do not move in lockstep.
    try {
      await sleep(Math.min(left, delay * (0.5 + Math.random())), undefined, {
        signal: options.signal,
      });
    } catch (e) {
      options.signal?.throwIfAborted(); // the caller's reason, not a bare AbortError
      throw e;
    }
    delay = Math.min(delay * 1.6, pollMax);
  }
}

/** The lease state of one slot, read without taking anything. */
export function leaseStatus(site: LeaseSite, slot: string): LeaseStatus {
  const path = leasePath(site, slot);
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (e) {
    if (isCode(e, "ENOENT", "ENOTDIR")) return { slot, path, state: "free" };
    throw e;
  }
  const status: LeaseStatus = { slot, path, state: "held" };
  const holderName = names.find(isHolderFile);
  if (holderName) {
    const holder = readHolder(join(path, holderName));
    if (holder) status.holder = holder;
  } else if (names.length === 0) {
    // Mid-release or mid-takeover: the next claim publishes into it.
    return { slot, path, state: "free" };
  }
  try {
    const st = freshestHolderStat(path);
    status.refreshedAt = st.mtime;
    if (st.mtimeMs < Date.now() - staleMs(site)) status.state = "stale";
  } catch (e) {
    if (isCode(e, "ENOENT")) return { slot, path, state: "free" };
    throw e;
  }
  return status;
}

/**
 * Remove a lease by its token, whoever runs this (the completed hook when the job's keeper is
 * gone). Only the claim that token names is removed: if the slot changed hands, nothing happens.
 * Returns whether it removed something.
 */
export function forceRelease(site: LeaseSite, slot: string, token: string): boolean {
  const path = leasePath(site, slot);
  try {
    unlinkSync(join(path, holderFileName(token)));
  } catch (e) {
    if (isCode(e, "ENOENT")) return false;
    throw fsProblem(site, slot, e);
  }
  try {
    rmdirSync(path);
  } catch (e) {
    if (!isCode(e, "ENOENT", "ENOTEMPTY", "EEXIST")) throw fsProblem(site, slot, e);
  }
  return true;
}

/**
 * Remove `.claim.*` dirs left by claimants killed mid-claim (before their rename). Run after a
 * takeover and by hil doctor; only dirs older than twice the stale window are touched.
 */
export function sweepClaimLeftovers(site: LeaseSite): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(site.lock_dir);
  } catch {
    return 0;
  }
  const cutoff = Date.now() - 2 * staleMs(site);
  for (const name of names) {
    if (!name.startsWith(".claim.")) continue;
    const p = join(site.lock_dir, name);
    try {
      if (statSync(p).mtimeMs < cutoff) {
        rmSync(p, { recursive: true, force: true });
        removed++;
      }
    } catch {
      // raced with its owner or another sweeper
    }
  }
  return removed;
}
