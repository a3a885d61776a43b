import { join, resolve } from "node:path";
import { ciContext } from "@hil/ci";
import {
  ConfigurationError,
  describeError,
  type FailureKind,
  HilError,
  type Inventory,
  type RecoveryEvent,
  type Slot,
} from "@hil/contracts";
import type { Host } from "@hil/host";
import {
  ConsoleJudge,
  ConsoleLog,
  exitCodeOf,
  type JudgePaths,
  type JudgeResult,
  journalEntries,
  publishJudgement,
} from "@hil/judge";
import { findCurrentJob, type JobContext, recordHealth, underSlotLease } from "@hil/lease";
import type { SerialDevice } from "@hil/serial";
import {
  type BoardSession,
  type JudgeSettings,
  type PowerCycler,
  type ResetMethod,
  runBoardSession,
  type SessionTimings,
} from "./session";
import { sourcePaths } from "./source-paths";

export const STEP = "hil-test";

export interface HilTestOptions {
  /** The host's slot inventory (leases, jobs, health live where it says). */
  inventory: Inventory;
  slot: Slot;
  /** The hardware job, as the step wrapper resolved it (StepContext.job; null: none). Default: looked up. */
  job?: JobContext | null;
  host: Host;
  env?: NodeJS.ProcessEnv;
  /** Seconds the whole run may take (default 300). */
  timeoutSec?: number;
  /** Seconds without console output before the run counts as hung (default 60). */
  inactivitySec?: number;
  /** Patterns that must all appear (`/regex/flags` or text), one per line or a list. */
  expect?: string | readonly string[];
  /** Patterns that fail the run when a line matches. */
  fail?: string | readonly string[];
  /** Judge Unity output (default true). */
  unity?: boolean;
  /** Drive the Unity menu with this selection (`*`, `[tag]`, `"name"`, an index). */
  unityMenu?: string;
  /** Reset by power instead of the slot's reset strategy. */
  powerCycle?: boolean;
  /** The power-cycle library, injected (see PowerCycler). */
  power?: PowerCycler;
  /** Where console.log and junit.xml go (default `<workspace>/hil-out/<slot>`). */
  outDir?: string;
  /** The repository checkout: Unity's paths are made relative to it (default the cwd). */
  workspace?: string;
  /** Where the firmware was built (its paths in Unity output start with these). */
  sourceRoots?: string[];
  /** Seconds to wait for the slot when someone else holds it (default 0: fail at once, naming them). */
  waitSec?: number;
  /** Show the console in the step's log as it arrives (default true). */
  echo?: boolean;
  /** The step being interrupted (SIGINT/SIGTERM from the runner): ends the run as cancelled. */
  signal?: AbortSignal;
  /** The step's name in the journal (default hil-test). */
  step?: string;
  /** See BoardSessionOptions.answerMs. */
  answerMs?: number;
  /** Use this device instead of opening the slot's port (tests). */
  device?: SerialDevice;
}

export interface HilTestRun {
  slot: string;
  result: JudgeResult;
  /** 0 success, 1 failed, 124 timeout, 130 cancelled. */
  exitCode: number;
  paths: JudgePaths;
  /** The job the step journaled into, if it runs in one. */
  job?: { id: string; dir: string };
  /** How the board was brought up; undefined when it was never touched (cancelled first). */
  reset?: ResetMethod;
  powerCycles: number;
  /** Figures, in ms from the step's start. */
  timings: SessionTimings & { stepStartToFirstLineMs?: number; stepStartToBootByteMs?: number };
}

/**
 * The hil-test step: reset the slot's board into the app, read its console and judge it, then
 * publish everything a run leaves (console log, JUnit, job summary, annotations, outputs), journal
 * the `board`, `recovery`, `tests`, `artifact` and `step` entries when it runs in a job, and
 * record the slot's health. The board is used under the slot's lease (the job's, else claimed
 * for the run). A job whose cancellation flag is set ends `cancelled` without touching the
 * board. Set-up mistakes throw a ConfigurationError (journaled first); everything else,
 * including a dead board, ends in a verdict.
 */
export async function runHilTest(o: HilTestOptions): Promise<HilTestRun> {
  const started = Date.now();
  const env = o.env ?? process.env;
  const step = o.step ?? STEP;
  const { slot, host, inventory } = o;
  const workspace = resolve(o.workspace ?? process.cwd());
  const outDir = resolve(workspace, o.outDir ?? join("hil-out", slot.id));
  const judge: JudgeSettings = {
    timeoutMs: (o.timeoutSec ?? 300) * 1000,
    inactivityMs: (o.inactivitySec ?? 60) * 1000,
    unity: o.unity ?? true,
    relativize: sourcePaths({ workspace, roots: o.sourceRoots ?? [] }),
    ...(o.expect !== undefined ? { expect: o.expect } : {}),
    ...(o.fail !== undefined ? { fail: o.fail } : {}),
    ...(o.unityMenu ? { unityMenu: o.unityMenu } : {}),
  };
  // Bad patterns are the user's to fix before any hardware is touched.
  new ConsoleJudge({ ...judge, startedAt: started });

  const job =
    o.job !== undefined ? (o.job ?? undefined) : findCurrentJob({ inventory, slot: slot.id, env });
  const interrupted = () =>
    o.signal?.aborted ? `the step was interrupted (${describeError(o.signal.reason)})` : undefined;
  const cancelled = () =>
    interrupted() ??
    ((flag) => (flag ? `the job's cancellation flag is set (${flag.reason})` : undefined))(
      job?.cancelFlag(),
    );
  const title = `${step} on ${slot.id}`;
  const timings: HilTestRun["timings"] = {};

  const finish = async (
    result: JudgeResult,
    session?: BoardSession,
    logPath?: string,
  ): Promise<HilTestRun> => {
    const paths = await publishJudgement(result, host, {
      outDir,
      ...(logPath ? { consoleLog: logPath } : {}),
      title,
      junit: {
        name: `${step} ${slot.id}`,
        hostname: slot.id,
        properties: {
          slot: slot.id,
          port: slot.port,
          chip: slot.chip,
          mac: slot.mac,
          commit: ciContext(env).jobSha,
          console_log: logPath,
        },
      },
    });
    host.setOutput("failure-kind", result.failureKind ?? "");
    if (job) {
      if (session?.portOpened)
        job.journal.append({
          type: "board",
          step,
          chip: slot.chip,
          port: slot.port,
          ...(slot.mac ? { mac: slot.mac } : {}),
        });
      for (const e of journalEntries(result, { step, paths })) job.journal.append(e);
    }
    if (result.status !== "success") {
      host.error(`${title}: ${result.reason}${result.hint ? `\n${result.hint}` : ""}`);
    }
    if (session?.timings.firstLineMs !== undefined)
      host.info(
        `First console line ${timings.stepStartToFirstLineMs} ms after the step started; the boot's first byte ` +
          `${timings.stepStartToBootByteMs ?? "-"} ms (port open ${session.timings.portOpenMs} ms, reset done ${session.timings.resetDoneMs} ms).`,
      );
    return {
      slot: slot.id,
      result,
      exitCode: exitCodeOf(result),
      paths,
      ...(job ? { job: { id: job.jobId, dir: job.jobDir } } : {}),
      ...(session ? { reset: session.reset } : {}),
      powerCycles: session?.powerCycles ?? 0,
      timings,
    };
  };

  // Cancelled before the step: a verdict, without the lease or the board.
  const early = cancelled();
  if (early !== undefined) {
    host.info(`${title}: cancelled before touching the board: ${early}.`);
    const j = new ConsoleJudge({ ...judge, startedAt: started });
    j.cancel(Date.now(), early);
    return finish(j.result!);
  }

  let session: BoardSession | undefined;
  let logPath: string | undefined;
  try {
    await underSlotLease(
      inventory,
      slot.id,
      {
        waitSec: o.waitSec ?? 0,
        env,
        host,
        job: job ?? null,
        ...(o.signal ? { signal: o.signal } : {}),
      },
      async (scope) => {
        logPath = join(outDir, "console.log");
        const log = new ConsoleLog(logPath, (t) => host.redact(t));
        try {
          session = await host.group(
            `Console of ${slot.id} (${slot.port}, ${slot.console_baud} baud)`,
            () =>
              runBoardSession({
                slot,
                host,
                judge,
                log,
                cancelled,
                leaseSignal: scope.signal,
                onRecovery: (e) => journalRecovery(scope.job ?? job, step, e),
                ...(o.powerCycle ? { powerCycle: true } : {}),
                ...(o.power ? { power: o.power } : {}),
                ...(o.echo !== undefined ? { echo: o.echo } : {}),
                ...(o.answerMs !== undefined ? { answerMs: o.answerMs } : {}),
                ...(o.device ? { device: o.device } : {}),
              }),
          );
        } finally {
          log.close();
        }
        // Under the lease, as health writers should be.
        recordSlotHealth(inventory, slot.id, session.result, session, host);
      },
    );
  } catch (e) {
    if (!session && o.signal?.aborted) {
      // Interrupted while waiting for the slot: cancelled, like an interrupt while reading.
      const j = new ConsoleJudge({ ...judge, startedAt: started });
      j.cancel(Date.now(), interrupted()!);
      return finish(j.result!);
    }
    if (!session) {
      failStep(host, job, step, e, started);
      throw e;
    }
    // The run finished before the lease was found lost: its verdict stands, with a warning.
    host.warn(describeError(e));
  }
  const s = session!;
  const t = s.timings;
  Object.assign(timings, t);
  if (t.firstLineMs !== undefined)
    timings.stepStartToFirstLineMs = s.startedAt + t.firstLineMs - started;
  if (t.bootByteMs !== undefined)
    timings.stepStartToBootByteMs = s.startedAt + t.bootByteMs - started;
  return finish(s.result, s, logPath);
}

function journalRecovery(
  job: JobContext | undefined,
  step: string,
  e: Omit<RecoveryEvent, "step">,
): void {
  job?.journal.append({ type: "recovery", step, event: { ...e, step } });
}

/**
 * Health, as the lease part keeps it: a board that talked records `ok`; one that could not be
 * reached, stayed silent (after the power cycle, when there is power) or whose port went away
 * an `infra_failure`.
 */
function recordSlotHealth(
  inventory: Inventory,
  slot: string,
  r: JudgeResult,
  s: BoardSession,
  host: Host,
): void {
  if (r.status === "cancelled" && s.bytes === 0) return;
  const unreachable =
    r.failureKind === "infrastructure" && (s.bytes === 0 || !s.portOpened || s.portLost);
  try {
    recordHealth(
      inventory,
      slot,
      unreachable ? "infra_failure" : "ok",
      unreachable ? `${STEP}: ${r.reason}` : undefined,
    );
  } catch (e) {
    host.warn(`Could not record slot ${slot}'s health: ${describeError(e)}`);
  }
}

/** A step that could not run: journal why (so the report tells set-up from lab), then rethrow. */
function failStep(
  host: Host,
  job: JobContext | undefined,
  step: string,
  e: unknown,
  started: number,
): void {
  const kind: FailureKind = e instanceof ConfigurationError ? "configuration" : "infrastructure";
  host.setOutput("status", "failed");
  host.setOutput("failure-kind", kind);
  if (!job) return;
  const message = e instanceof Error ? e.message : String(e);
  job.journal.append({
    type: "step",
    step,
    status: "failed",
    exit_code: 1,
    failure_kind: kind,
    summary: message.split("\n")[0]!.slice(0, 500),
    started_utc: new Date(started).toISOString(),
    ...(e instanceof HilError && e.hint ? { next_action: e.hint } : {}),
  });
}
