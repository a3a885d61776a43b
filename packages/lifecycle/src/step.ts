import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ConfigurationError,
  EXIT_CODES,
  HilError,
  InfrastructureError,
  type FailureKind,
  type Inventory,
  type ReportStatus,
  type Slot,
} from "@hil/contracts";
import type { Host } from "@hil/host";
import { loadInventory, selectSlot } from "@hil/inventory";
import { JOB_FILES, type Journal } from "@hil/journal";
import {
  callerIdentity,
  currentJob,
  findCurrentJob,
  holderIsCaller,
  leaseStatus,
  pidAlive,
  thisHost,
  type JobContext,
  type StepContext,
} from "@hil/lease";
import { ciContext } from "@hil/ci";
import { cancelState, JobCancelledError, raiseCancelFlag } from "./cancel";
import { assertForkAllowed, type ForkDecision, type ForkGateOptions } from "./fork";
import { readForkDecision } from "./state";

/**
 * A hardware step as the job sees it: it checks the cancellation flag before it starts, leaves a
 * "running" marker in `<job dir>/steps/` while it runs, and ends with one `step` journal entry.
 * A step killed before it could write that entry (SIGKILL, out of memory, a crashed runner)
 * leaves its marker, and the job-completed hook records it as failed. SIGINT / SIGTERM (the
 * runner cancelling the job) are recorded at once as `cancelled` and raise the job's flag, so
 * the report says cancelled even if a SIGKILL follows.
 */

export const STEPS_DIR = JOB_FILES.steps;

/** How a step ended, as it goes into the journal. */
export interface StepResult {
  status: ReportStatus;
  /** Default: 0 for success, else EXIT_CODES[status]. */
  exit_code?: number;
  summary: string;
  failure_kind?: FailureKind;
  next_action?: string;
}

interface RunningMarker {
  step: string;
  pid: number;
  host: string;
  started_utc: string;
}

/** The step result an error stands for: cancellation, a lab failure, a set-up mistake or a crash. */
export function resultOf(e: unknown): StepResult {
  if (e instanceof JobCancelledError) {
    return {
      status: e.status,
      exit_code: e.exitCode,
      summary: e.message,
      ...(e.hint ? { next_action: e.hint } : {}),
    };
  }
  const kind: FailureKind | undefined =
    e instanceof ConfigurationError
      ? "configuration"
      : e instanceof InfrastructureError
        ? "infrastructure"
        : undefined;
  const hint = e instanceof HilError ? e.hint : undefined;
  return {
    status: "failed",
    exit_code: EXIT_CODES.failed,
    summary: e instanceof Error ? e.message : String(e),
    ...(kind ? { failure_kind: kind } : {}),
    ...(hint ? { next_action: hint } : {}),
  };
}

/** The signals the runner (or a person at a terminal) stops a step with. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export interface BeginStepOptions {
  host?: Pick<Host, "info" | "warn">;
  /** Record SIGINT / SIGTERM / SIGHUP as a cancellation and raise the job's flag (default true). */
  signals?: boolean;
  /**
   * Called after such a signal was recorded (`count` 1 for the first, 2… for the next ones), for
   * a step that stops a child process itself. Without it the step exits with 130 on the second
   * signal, or `exitGraceMs` after the first.
   */
  onSignal?: (sig: NodeJS.Signals, count: number) => void;
  /** After the first signal, exit with 130 unless the process ended within this long (default 5000 ms; 0: never). */
  exitGraceMs?: number;
  /** How often the flag is looked at while the step runs (default 500 ms). */
  pollMs?: number;
}

/** A running step of a hardware job. End it with finish(), fail() or close(). */
export class JobStep {
  readonly startedUtc = new Date().toISOString();
  private readonly controller = new AbortController();
  private ended = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onSignal?: (sig: NodeJS.Signals) => void;
  private signalled = 0;

  /** @internal use beginStep */
  constructor(
    readonly job: JobContext,
    readonly name: string,
    private readonly markerPath: string,
    private readonly o: BeginStepOptions,
  ) {
    this.timer = setInterval(() => this.poll(), o.pollMs ?? 500);
    this.timer.unref();
    if (o.signals !== false) {
      this.onSignal = (sig) => this.interrupted(sig);
      for (const sig of STOP_SIGNALS) process.on(sig, this.onSignal);
    }
  }

  get journal(): Journal {
    return this.job.journal;
  }

  /** Aborts (reason: JobCancelledError) when the job's flag goes up or the runner cancels the job. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the step has recorded how it ended. */
  get done(): boolean {
    return this.ended;
  }

  /** Throws JobCancelledError if the job was cancelled meanwhile: call it between phases. */
  check(): void {
    this.poll();
    if (this.controller.signal.aborted) throw this.controller.signal.reason as Error;
  }

  /** A file the step produced (listed in the report's artifact_paths even when the step fails). */
  artifact(path: string): void {
    this.job.journal.append({ type: "artifact", step: this.name, path });
  }

  /** Record how the step ended (once; later calls are ignored) and clear its marker. */
  finish(r: StepResult): void {
    if (this.ended) return;
    this.ended = true;
    this.job.journal.append({
      type: "step",
      step: this.name,
      status: r.status,
      exit_code: r.exit_code ?? (r.status === "success" ? 0 : EXIT_CODES[r.status]),
      summary: r.summary,
      started_utc: this.startedUtc,
      ...(r.failure_kind ? { failure_kind: r.failure_kind } : {}),
      ...(r.next_action ? { next_action: r.next_action } : {}),
    });
    this.close();
  }

  /** Record the step as ended by `e` (see resultOf) and return the result (its exit_code). */
  fail(e: unknown): StepResult {
    const r = resultOf(e);
    this.finish(r);
    return r;
  }

  /**
   * End a step whose library may have journaled its own `step` entry (flashSlot, runHilTest,
   * the power cycle): keep that entry; else record `error` (see resultOf), or success. So a
   * step that failed before its library could say so still fails the report.
   */
  end(error?: unknown): void {
    if (this.ended) return;
    const since = Date.parse(this.startedUtc);
    const own = this.job.journal
      .read()
      .entries.some((e) => e.type === "step" && e.step === this.name && Date.parse(e.at) >= since);
    if (own) this.close();
    else if (error === undefined) this.finish({ status: "success", summary: `${this.name} done` });
    else this.fail(error);
  }

  /**
   * Clear the marker without a step entry: for a step that appended its own `step` entry
   * (e.g. hil-test's journalEntries), or that was recorded by a signal.
   */
  close(): void {
    this.ended = true;
    clearInterval(this.timer);
    if (this.onSignal && this.signalled === 0) {
      for (const sig of STOP_SIGNALS) process.off(sig, this.onSignal);
    }
    try {
      unlinkSync(this.markerPath);
    } catch {
      // already gone
    }
  }

  private poll(): void {
    if (this.controller.signal.aborted) return;
    const s = cancelState(this.job.jobDir);
    if (s) this.controller.abort(new JobCancelledError(this.job.jobId, s.reason, s));
  }

  /** Stop listening for stop signals (the process is about to end by itself). */
  release(): void {
    if (this.onSignal) for (const sig of STOP_SIGNALS) process.off(sig, this.onSignal);
  }

  private interrupted(sig: NodeJS.Signals): void {
    this.signalled++;
    if (this.signalled > 1) {
      if (this.o.onSignal) this.o.onSignal(sig, this.signalled);
      else process.exit(EXIT_CODES.cancelled);
      return;
    }
    const reason = `cancelled: ${this.name} received ${sig} (the job was cancelled)`;
    try {
      raiseCancelFlag(this.job.jobDir, reason, this.name);
    } catch {
      // the step entry below still says it
    }
    // Record first: whatever listens to the abort may end the process at once.
    if (!this.ended) {
      this.finish({
        status: "cancelled",
        exit_code: EXIT_CODES.cancelled,
        summary: `cancelled: received ${sig} while running`,
      });
    }
    this.o.host?.warn(`${this.name}: ${sig}: the job is being cancelled; recorded as cancelled.`);
    const state = cancelState(this.job.jobDir) ?? {
      reason,
      status: "cancelled" as const,
      exitCode: EXIT_CODES.cancelled,
    };
    if (!this.controller.signal.aborted) {
      this.controller.abort(new JobCancelledError(this.job.jobId, state.reason, state));
    }
    if (this.o.onSignal) {
      this.o.onSignal(sig, 1);
      return;
    }
    const grace = this.o.exitGraceMs ?? 5000;
    if (grace > 0) setTimeout(() => process.exit(EXIT_CODES.cancelled), grace).unref();
  }
}

/**
 * Start a step of `job`: refuses (JobCancelledError, recorded as a `cancelled` / `timeout` step
 * entry "not started") when the job's flag is up; otherwise leaves the running marker.
 */
export function beginStep(job: JobContext, name: string, o: BeginStepOptions = {}): JobStep {
  const s = cancelState(job.jobDir);
  if (s) {
    const e = new JobCancelledError(job.jobId, s.reason, s);
    job.journal.append({
      type: "step",
      step: name,
      status: s.status,
      exit_code: s.exitCode,
      summary: `not started: ${s.status === "timeout" ? "the job ran past its deadline" : s.reason}`,
    });
    throw e;
  }
  const dir = join(job.jobDir, STEPS_DIR);
  mkdirSync(dir, { recursive: true });
  const marker: RunningMarker = {
    step: name,
    pid: process.pid,
    host: thisHost(),
    started_utc: new Date().toISOString(),
  };
  const file = join(
    dir,
    `${Date.now()}-${process.pid}-${randomBytes(3).toString("hex")}-${name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60)}.running.json`,
  );
  writeFileSync(file, JSON.stringify(marker) + "\n");
  return new JobStep(job, name, file, o);
}

/**
 * Steps that started and never recorded how they ended (their markers are still there): append
 * a `step` entry for each and remove the marker. The job-completed hook calls this.
 */
export function closeDanglingSteps(job: Pick<JobContext, "jobDir" | "journal">): string[] {
  const dir = join(job.jobDir, STEPS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".running.json"))
      .sort();
  } catch {
    return [];
  }
  const cancel = cancelState(job.jobDir);
  const closed: string[] = [];
  for (const n of names) {
    const path = join(dir, n);
    let m: Partial<RunningMarker> = {};
    try {
      m = JSON.parse(readFileSync(path, "utf8")) as RunningMarker;
    } catch {
      // a marker torn by the kill: the file name still names the step
    }
    const step = m.step ?? n.replace(/^\d+-\d+-[0-9a-f]+-/, "").replace(/\.running\.json$/, "");
    const alive = m.pid !== undefined && m.host === thisHost() && pidAlive(m.pid);
    const what = alive
      ? `was still running (pid ${m.pid}) when the job ended`
      : `ended without recording a result (killed${m.pid ? `, pid ${m.pid}` : ""}: SIGKILL, out of memory, or the runner stopped)`;
    job.journal.append({
      type: "step",
      step,
      status: cancel ? cancel.status : "failed",
      exit_code: cancel ? cancel.exitCode : EXIT_CODES.failed,
      summary: cancel ? `${what}; ${cancel.reason}` : what,
      ...(m.started_utc ? { started_utc: m.started_utc } : {}),
      ...(cancel
        ? {}
        : {
            next_action:
              "Re-run the job; if the step is killed again, look at the runner host's memory and logs (journalctl, dmesg).",
          }),
    });
    try {
      unlinkSync(path);
    } catch {
      // another completion got it
    }
    closed.push(step);
  }
  return closed;
}

/** A step's job, slot and inventory, found the way steps find them. */
export interface StepJob {
  inventory: Inventory;
  inventoryFile: string;
  slot: Slot;
  job: JobContext;
}

export interface LocateOptions {
  /** Inventory file (default HIL_SLOTS or /etc/hil/slots.yaml). */
  inventory?: string;
  /** Slot id (default HIL_SLOT or the runner's label). */
  slot?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * A step's inventory and slot: the given slot, HIL_SLOT, the runner's label, else the slot whose
 * lease this CI job holds (GitHub does not tell steps the runner's labels).
 */
function locateSlot(o: LocateOptions, env: NodeJS.ProcessEnv): Omit<StepJob, "job"> {
  const { file, inventory } = loadInventory(o.inventory, env);
  try {
    return { inventory, inventoryFile: file, slot: selectSlot(inventory, file, o.slot, env) };
  } catch (e) {
    const who = callerIdentity(env);
    const held = o.slot
      ? undefined
      : inventory.slots.find((s) => {
          const h = leaseStatus(inventory, s.id).holder;
          return h !== undefined && holderIsCaller(h, who);
        });
    if (!held) throw e;
    return { inventory, inventoryFile: file, slot: held };
  }
}

/**
 * The job a step belongs to: HIL_JOB_DIR when set, else the slot's lease holder when it is this
 * CI job (or lease token), else the CI job's own job dir. The slot is found by locateSlot.
 * Throws saying what was looked for.
 */
export function locateJob(o: LocateOptions = {}): StepJob {
  const env = o.env ?? process.env;
  const where = locateSlot(o, env);
  return { ...where, job: currentJob({ inventory: where.inventory, slot: where.slot.id, env }) };
}

export interface OpenStepOptions extends LocateOptions, BeginStepOptions {
  /** The step's name in the journal and the report: `hil-flash`, `hil-test`, `ha-power-cycle`. */
  name: string;
  /** Options of the fork gate (token, fetch); the decision the hook recorded is reused. */
  fork?: Omit<ForkGateOptions, "env">;
}

/**
 * What every hardware step calls first: find the job (locateJob), pass the fork gate (the
 * hook's recorded decision, else decided here), check the cancellation flag, and start the step.
 */
export async function openStep(
  o: OpenStepOptions,
): Promise<StepJob & { step: JobStep; fork: ForkDecision }> {
  return opened(o, locateJob(o));
}

async function opened(
  o: OpenStepOptions,
  found: StepJob,
): Promise<StepJob & { step: JobStep; fork: ForkDecision }> {
  const recorded = readForkDecision(found.job.jobDir, found.job.jobId);
  const fork = recorded ?? (await forkGate(o));
  const step = beginStep(found.job, o.name, o);
  return { ...found, step, fork };
}

function forkGate(o: OpenStepOptions): Promise<ForkDecision> {
  return assertForkAllowed({
    ...o.fork,
    env: o.env ?? process.env,
    ...(o.host ? { host: { info: o.host.info.bind(o.host), warn: o.host.warn.bind(o.host) } } : {}),
  });
}

/** A hardware step as it starts: where it runs, its job and step (in a job), the gate's decision. */
export interface HardwareStep extends Omit<StepJob, "job"> {
  job?: JobContext;
  step?: JobStep;
  fork: ForkDecision;
  /** All of it, as flash, test and power-cycle take it (nothing is looked up again). */
  context: StepContext;
}

/**
 * What the hardware actions (hil-flash, hil-test, ha-power-cycle) call first. Inside a hardware
 * job it is openStep. Outside one (a runner without the hooks, a person at a terminal) there is
 * no job to journal to or cancel, but the fork gate still guards the board.
 */
export async function enterHardwareStep(o: OpenStepOptions): Promise<HardwareStep> {
  const env = o.env ?? process.env;
  const where = locateSlot(o, env);
  const job = findCurrentJob({ inventory: where.inventory, slot: where.slot.id, env });
  const opened_ = job ? await opened(o, { ...where, job }) : { ...where, fork: await forkGate(o) };
  const context: StepContext = {
    inventory: where.inventory,
    inventoryFile: where.inventoryFile,
    slot: where.slot,
    job: job ?? null,
    ci: ciContext(env),
    ...("step" in opened_ ? { signal: opened_.step.signal } : {}),
  };
  return { ...opened_, context };
}

/**
 * Run a hardware action inside enterHardwareStep: `fn` gets the step's context (slot, inventory,
 * job, CI) and, in a job, the step; the step is ended when `fn` returns or throws (JobStep.end),
 * whatever its library journaled itself.
 */
export async function withHardwareStep<T>(
  o: OpenStepOptions,
  fn: (s: HardwareStep) => Promise<T>,
): Promise<T> {
  const s = await enterHardwareStep(o);
  try {
    const r = await fn(s);
    s.step?.end();
    return r;
  } catch (e) {
    s.step?.end(e);
    throw e;
  }
}
