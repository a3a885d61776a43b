import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { HilError, InfrastructureError } from "@hil/contracts";
import { Journal } from "@hil/journal";
import { LeaseBusyError, type LeaseLostError } from "./errors";
import { resolveJobTimeout } from "./guardrails";
import { JOB_FILES, writeJsonAtomic, type LeaseEndReason, type LeaseEnded } from "./layout";
import { timeoutFlagText } from "@hil/journal";
import {
  acquireLease,
  forceRelease,
  leaseEnv,
  leaseStatus,
  type HolderInput,
  type Lease,
  type LeaseStatus,
} from "./lease";
import { pidAlive } from "./proc";
import { holderRecord, type HolderRecord, type LeaseSite } from "./record";

/**
 * A job's lease outlives the short job-started hook: the hook spawns a detached lease keeper
 * that claims the lease, reports back over IPC, and then holds and refreshes it until
 *  - the completed hook releases it (SIGTERM, see releaseJobLease), or
 *  - the job's deadline passes (timeout, default 1800 s, max 14400 s): the keeper writes the
 *    job's cancel flag, then releases, or
 *  - the watched process (the runner's worker) exits, or
 *  - the lease is compromised (taken over, removed by hand): steps see it and stop.
 * If the keeper itself is SIGKILLed, the lease goes stale and is taken over after `stale_sec`.
 * It never wedges a slot.
 */

/** argv marker an entry point routes to runKeeper(): `node dist/index.js __hil-lease-keeper`. */
export const KEEPER_ARG = "__hil-lease-keeper";
/** The keeper's parameters travel as JSON in this variable (never on the command line). */
export const KEEPER_ENV = "HIL_LEASE_KEEPER";

export interface KeeperCommand {
  command: string;
  args: string[];
}

/** This very script with KEEPER_ARG: right for the bundled CLI and hooks, which route it. */
export function defaultKeeperCommand(): KeeperCommand {
  return { command: process.execPath, args: [...process.execArgv, process.argv[1]!, KEEPER_ARG] };
}

export interface JobLeaseOptions {
  slot: string;
  jobId: string;
  runner: string;
  commitSha?: string;
  /** The job directory (createJobDir); the keeper logs there and writes lease-ended.json. */
  jobDir: string;
  /** The job's timeout; validated by resolveJobTimeout (default 1800, max 14400). */
  timeoutSec?: number;
  /** Seconds to wait while another holder has the slot (default 0). */
  waitSec?: number;
  /** Release the lease when this process exits (e.g. findAncestorPid(/^Runner\.Worker$/)). */
  watchPid?: number;
  /** How to start the keeper (default: this script with KEEPER_ARG). */
  keeper?: KeeperCommand;
  /** Called once if the slot is held and the keeper has to wait. */
  onWait?: (status: LeaseStatus) => void;
  /** Environment for the keeper (default process.env); RUNNER_TRACKING_ID is dropped. */
  env?: NodeJS.ProcessEnv;
}

export interface JobLease {
  record: HolderRecord;
  keeperPid: number;
  /** Export these to the job's steps (HIL_LEASE_TOKEN, HIL_SLOT, HIL_JOB_ID, HIL_JOB_DIR). */
  env: Record<string, string>;
  /** The dead holder the slot was taken over from, if any. */
  tookOver?: { holder?: HolderRecord; staleForMs: number };
}

interface KeeperParams {
  site: LeaseSite;
  slot: string;
  holder: Omit<HolderInput, "deadline">;
  waitSec: number;
  timeoutSec: number;
}

type KeeperMessage =
  | { type: "waiting"; status: LeaseStatus }
  | { type: "acquired"; record: HolderRecord; tookOver?: JobLease["tookOver"] }
  | {
      type: "failed";
      error: { name: string; message: string; hint?: string };
      /** For a busy slot: its lease as the keeper found it. */
      busy?: LeaseStatus;
    };

/** A LeaseStatus that crossed the IPC channel (its Date became a string). */
function reviveStatus(s: LeaseStatus): LeaseStatus {
  const { slot, path, state, holder, refreshedAt } = s;
  return {
    slot,
    path,
    state,
    ...(holder ? { holder } : {}),
    ...(refreshedAt ? { refreshedAt: new Date(refreshedAt) } : {}),
  };
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Claim a slot for a whole job (the job-started hook): spawns the detached lease keeper and
 * resolves once it holds the lease, with the holder record and the env to export to steps.
 * Rejects with LeaseBusyError (holder named) if the slot stayed busy for `waitSec`.
 * Also writes the record to `<jobDir>/lease.json`, which releaseJobLease reads.
 */
export async function claimJobLease(site: LeaseSite, opts: JobLeaseOptions): Promise<JobLease> {
  const timeoutSec = resolveJobTimeout(opts.timeoutSec, "timeout");
  const params: KeeperParams = {
    site: { lock_dir: site.lock_dir, stale_sec: site.stale_sec },
    slot: opts.slot,
    holder: {
      kind: "job",
      jobId: opts.jobId,
      runner: opts.runner,
      jobDir: opts.jobDir,
      ...(opts.commitSha ? { commitSha: opts.commitSha } : {}),
      ...(opts.watchPid ? { watchPid: opts.watchPid } : {}),
    },
    waitSec: opts.waitSec ?? 0,
    timeoutSec,
  };
  const keeper = opts.keeper ?? defaultKeeperCommand();
  const env: NodeJS.ProcessEnv = {
    ...(opts.env ?? process.env),
    [KEEPER_ENV]: JSON.stringify(params),
  };
  // The GitHub runner kills processes carrying its tracking id when the job ends, possibly
  // before the completed hook; the keeper ends itself (release, deadline, watched pid).
  delete env.RUNNER_TRACKING_ID;
  mkdirSync(opts.jobDir, { recursive: true });
  const logFile = join(opts.jobDir, JOB_FILES.keeperLog);
  const log = openSync(logFile, "a");
  const child = spawn(keeper.command, keeper.args, {
    detached: true,
    stdio: ["ignore", log, log, "ipc"],
    env,
    cwd: opts.jobDir,
  });
  closeSync(log);

  const result = await new Promise<Exclude<KeeperMessage, { type: "waiting" }>>(
    (resolve, reject) => {
      const limit = setTimeout(
        () => {
          child.kill("SIGKILL");
          reject(
            new InfrastructureError(
              `The lease keeper for ${opts.slot} did not report within ${params.waitSec + 60} s.`,
              { hint: `Its log, ${logFile}:\n${tail(logFile)}` },
            ),
          );
        },
        (params.waitSec + 60) * 1000,
      );
      child.on("message", (m: KeeperMessage) => {
        if (m.type === "waiting") {
          opts.onWait?.(reviveStatus(m.status));
          return;
        }
        clearTimeout(limit);
        resolve(m);
      });
      child.on("error", (e) => {
        clearTimeout(limit);
        reject(
          new InfrastructureError(
            `Cannot start the lease keeper (${keeper.command}): ${e.message}`,
          ),
        );
      });
      child.on("exit", (code, signal) => {
        clearTimeout(limit);
        reject(
          new InfrastructureError(
            `The lease keeper for ${opts.slot} exited (${signal ?? `code ${code}`}) before it reported.`,
            { hint: `Its log, ${logFile}:\n${tail(logFile)}` },
          ),
        );
      });
    },
  );
  child.removeAllListeners();
  if (child.connected) child.disconnect();
  child.unref();

  if (result.type === "failed") {
    if (result.busy) {
      throw new LeaseBusyError(reviveStatus(result.busy), params.waitSec, site.stale_sec);
    }
    throw new HilError(
      result.error.message,
      result.error.hint ? { hint: result.error.hint } : undefined,
    );
  }
  writeJsonAtomic(join(opts.jobDir, JOB_FILES.lease), result.record);
  return {
    record: result.record,
    keeperPid: child.pid!,
    env: leaseEnv(result.record),
    ...(result.tookOver ? { tookOver: result.tookOver } : {}),
  };
}

/** The holder record a job claimed (`<jobDir>/lease.json`), if it claimed one. */
export function readJobLease(jobDir: string): HolderRecord | undefined {
  try {
    const r = holderRecord.safeParse(
      JSON.parse(readFileSync(join(jobDir, JOB_FILES.lease), "utf8")),
    );
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Why and when a job's lease ended (`<jobDir>/lease-ended.json`), once it has. */
export function readLeaseEnded(jobDir: string): LeaseEnded | undefined {
  try {
    return JSON.parse(readFileSync(join(jobDir, JOB_FILES.leaseEnded), "utf8")) as LeaseEnded;
  } catch {
    return undefined;
  }
}

export interface JobReleaseResult {
  /** Whether this call ended the lease (false: it was already gone or had changed hands). */
  released: boolean;
  /** keeper: the keeper released it on request; forced: removed by token (keeper gone or stuck). */
  how: "keeper" | "forced" | "already-ended" | "other-holder";
  /** The slot's holder now, when it is someone else. */
  holder?: HolderRecord;
  /** What the keeper recorded, when it ended the lease. */
  ended?: LeaseEnded;
}

/**
 * Release a job's lease (the completed hook), whatever state the keeper is in: ask the keeper
 * (SIGTERM) and wait up to `waitMs` for it; if it is gone or stuck, remove the lease by its
 * token. Never touches a lease that has changed hands. `token` defaults to the one in
 * `<jobDir>/lease.json`.
 */
export async function releaseJobLease(
  site: LeaseSite,
  slot: string,
  opts: { token?: string; jobDir?: string; waitMs?: number },
): Promise<JobReleaseResult> {
  const token = opts.token ?? (opts.jobDir ? readJobLease(opts.jobDir)?.token : undefined);
  if (!token) {
    throw new HilError(`No lease token to release ${slot} with.`, {
      hint: "Pass the token claimJobLease returned, or the job dir holding lease.json.",
    });
  }
  const ended = () => (opts.jobDir ? readLeaseEnded(opts.jobDir) : undefined);
  const mine = () => leaseStatus(site, slot).holder?.token === token;
  const status = leaseStatus(site, slot);
  if (status.holder?.token !== token) {
    const e = ended();
    if (status.holder) {
      return {
        released: false,
        how: "other-holder",
        holder: status.holder,
        ...(e ? { ended: e } : {}),
      };
    }
    return { released: false, how: "already-ended", ...(e ? { ended: e } : {}) };
  }
  const h = status.holder;
  // Ask the keeper when it is alive on this host; a stale lease means it is gone.
  if (h.kind === "job" && status.state === "held" && h.host === hostname() && pidAlive(h.pid)) {
    try {
      process.kill(h.pid, "SIGTERM");
    } catch {
      // gone meanwhile
    }
    const until = Date.now() + (opts.waitMs ?? 10_000);
    while (mine() && Date.now() < until) await sleep(10);
    if (!mine()) {
      const e = ended();
      return { released: true, how: "keeper", ...(e ? { ended: e } : {}) };
    }
  }
  const removed = forceRelease(site, slot, token);
  return { released: removed, how: removed ? "forced" : "already-ended" };
}

function serializeError(e: unknown): { name: string; message: string; hint?: string } {
  if (e instanceof HilError) {
    return { name: e.name, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  }
  return { name: "Error", message: e instanceof Error ? e.message : String(e) };
}

/**
 * The keeper process: route KEEPER_ARG here from an entry point
 * (`if (process.argv[2] === KEEPER_ARG) process.exitCode = await runKeeper()`).
 * Resolves to its exit code once the lease has ended.
 */
export async function runKeeper(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const params = JSON.parse(env[KEEPER_ENV] ?? "null") as KeeperParams | null;
  if (!params) {
    process.stderr.write(
      `${KEEPER_ARG}: ${KEEPER_ENV} is not set; this is started by claimJobLease\n`,
    );
    return 2;
  }
  const log = (m: string) =>
    process.stdout.write(`${new Date().toISOString()} keeper ${process.pid}: ${m}\n`);
  const send = (m: KeeperMessage) =>
    new Promise<void>((resolve) => {
      if (!process.send || !process.connected) return resolve();
      process.send(m, undefined, {}, () => resolve());
    });
  const jobDir = params.holder.jobDir;
  const journal = jobDir ? new Journal(join(jobDir, JOB_FILES.journal)) : undefined;

  let finish: (reason: LeaseEndReason, detail: string) => void = () => {};
  const ended = new Promise<number>((resolve) => {
    let lease: Lease | undefined;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    finish = (reason, detail) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      void (async () => {
        // Tell the job first (cancel flag, journal, lease-ended.json), then let the slot go:
        // whoever sees the slot free can already read why.
        const record: LeaseEnded = {
          slot: params.slot,
          job_id: params.holder.jobId,
          reason,
          detail,
          at: new Date().toISOString(),
          held_sec: lease
            ? Math.round((Date.now() - Date.parse(lease.record.since)) / 100) / 10
            : 0,
        };
        const note = (what: string, fn: () => void) => {
          try {
            fn();
          } catch (e) {
            log(`could not write ${what}: ${(e as Error).message}`);
          }
        };
        // Order matters: lease-ended.json is the "done" marker readers wait for.
        if (jobDir && reason === "deadline") {
          note("the cancel flag", () =>
            writeFileSync(join(jobDir, JOB_FILES.cancel), timeoutFlagText(detail)),
          );
        }
        note("the journal", () =>
          journal?.append({
            type: "note",
            step: "lease",
            text: `lease on ${params.slot} ended (${reason}): ${detail}`,
          }),
        );
        if (jobDir) {
          note(JOB_FILES.leaseEnded, () =>
            writeJsonAtomic(join(jobDir, JOB_FILES.leaseEnded), record),
          );
        }
        if (lease) {
          try {
            await lease.release();
          } catch (e) {
            log(`release failed (the lease goes stale instead): ${(e as Error).message}`);
          }
        }
        log(`lease ended (${reason}): ${detail}`);
        resolve(reason === "compromised" ? 3 : 0);
      })();
    };
    const start = async () => {
      const deadline = new Date(Date.now() + params.timeoutSec * 1000);
      // The hook that started us died while we waited: nobody will use the lease, do not take it.
      const orphaned = new AbortController();
      const onDisconnect = () => orphaned.abort(new Error("the claiming hook went away"));
      process.once("disconnect", onDisconnect);
      try {
        lease = await acquireLease(params.site, params.slot, {
          holder: { ...params.holder, deadline },
          waitSec: params.waitSec,
          signal: orphaned.signal,
          onWait: (status) => {
            log(`waiting up to ${params.waitSec} s: ${params.slot} is held`);
            void send({ type: "waiting", status });
          },
          onCompromised: (e: LeaseLostError) => finish("compromised", e.message),
        });
      } catch (e) {
        log(`claim failed: ${(e as Error).message}`);
        await send({
          type: "failed",
          error: serializeError(e),
          ...(e instanceof LeaseBusyError ? { busy: e.status } : {}),
        });
        done = true;
        resolve(1);
        return;
      }
      process.off("disconnect", onDisconnect);
      if (!process.connected) {
        finish("released", "the claiming hook went away before it learned of the lease");
        return;
      }
      log(`holding ${lease.path} for ${params.holder.jobId} until ${deadline.toISOString()}`);
      await send({
        type: "acquired",
        record: lease.record,
        ...(lease.tookOver ? { tookOver: lease.tookOver } : {}),
      });
      if (process.connected) process.disconnect();
      for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
        process.on(sig, () => finish("released", `released on request (${sig})`));
      }
      // The timeout counts from the claim request: waiting for the slot is part of the job.
      timers.push(
        setTimeout(
          () => finish("deadline", `the job ran past its timeout of ${params.timeoutSec} s`),
          Math.max(0, deadline.getTime() - Date.now()),
        ),
      );
      const watchPid = params.holder.watchPid;
      const watch = setInterval(() => {
        if (watchPid && !pidAlive(watchPid)) {
          finish("watched-process-exited", `the runner process ${watchPid} it watched has exited`);
        }
      }, 1000);
      timers.push(watch);
    };
    void start();
  });
  return ended;
}
