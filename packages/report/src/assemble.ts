import {
  EXIT_CODES,
  type Invocation,
  type JournalEntry,
  parseWith,
  REPORT_SCHEMA_VERSION,
  type RecoveryEvent,
  type Report,
  report as reportSchema,
  type ReportStatus,
  type TestCounts,
  type TestFailure,
} from "@hil/contracts";
import type { CancelFlag } from "@hil/journal";
import type { Cause, StepEntry } from "./cause";
import { humanSummary, nextAction } from "./text";

export type { Cause } from "./cause";

/** The job's status as the workflow sees it (`${{ job.status }}`). */
export type WorkflowStatus = "success" | "failure" | "cancelled";

/** Who the job is when there is no readable invocation.json (the report is written anyway). */
export interface JobIdentity {
  jobId: string;
  lockKey: string;
  slot?: string;
  commitSha?: string;
}

export interface AssembleInput {
  /** The job's `ws2.invocation.v1`; without it `identity` must say who the job is. */
  invocation?: Invocation;
  identity?: JobIdentity;
  /** The journal's entries in order (`Journal.read().entries`). */
  entries: JournalEntry[];
  /** When the job ended (the report's end_utc). */
  now: Date;
  executor?: { hostname: string; user: string };
  /** What the workflow says, when the caller knows it (a step with `if: always()`). */
  jobStatus?: WorkflowStatus;
  /**
   * The job's cancellation flag, when it is raised (readCancelFlag). The lease keeper raises it
   * as a deadline when the job runs past its timeout: that ends the job as `timeout`, not
   * `cancelled`.
   */
  cancel?: Pick<CancelFlag, "status" | "detail">;
  /** Expected artifacts that exist on disk (partial outputs are listed too). */
  existingArtifacts?: string[];
  agentRole?: "runner" | "infra";
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Decide the job's status from its steps (DESIGN.md section 5): the cancellation flag or a
 * cancelled step makes it `cancelled`; otherwise the first step that did not succeed decides
 * (`failed` for any non-zero exit, `timeout`); a workflow failure outside the hil steps, a
 * job that ran past its timeout, or a job where no step recorded anything is not `success`.
 */
export function decideStatus(input: AssembleInput, tests?: TestCounts): Cause {
  const steps = input.entries.filter((e): e is StepEntry => e.type === "step");
  const cancelled = steps.find((s) => s.status === "cancelled");
  const deadline = input.cancel?.status === "timeout";
  if (input.cancel?.status === "cancelled" || cancelled || input.jobStatus === "cancelled") {
    return {
      status: "cancelled",
      exitCode: cancelled?.exit_code || EXIT_CODES.cancelled,
      ...(cancelled ? { step: cancelled } : { why: "the job was cancelled" }),
    };
  }
  const bad = steps.find((s) => s.status !== "success" || s.exit_code !== 0);
  if (bad) {
    const status: ReportStatus = bad.status === "success" ? "failed" : bad.status;
    const kind = bad.failure_kind ?? (tests && tests.failed > 0 ? "test" : undefined);
    return {
      status,
      exitCode: bad.exit_code || EXIT_CODES[status],
      step: bad,
      ...(kind ? { failureKind: kind } : {}),
    };
  }
  if (deadline) {
    const why = input.cancel?.detail || "the job's deadline passed";
    return { status: "timeout", exitCode: EXIT_CODES.timeout, why };
  }
  const inv = input.invocation;
  if (inv) {
    const elapsed = (input.now.getTime() - Date.parse(inv.request_utc)) / 1000;
    if (elapsed > inv.timeout_sec) {
      return {
        status: "timeout",
        exitCode: EXIT_CODES.timeout,
        why: `the job ran ${Math.round(elapsed)} s, past its ${inv.timeout_sec} s timeout`,
      };
    }
  }
  if (input.jobStatus === "failure") {
    return {
      status: "failed",
      exitCode: EXIT_CODES.failed,
      why: "a workflow step outside the hil steps failed",
    };
  }
  if (steps.length === 0 && input.jobStatus !== "success") {
    return {
      status: "failed",
      exitCode: EXIT_CODES.failed,
      failureKind: "configuration",
      why: "no hil step recorded a result in the job's journal",
    };
  }
  return { status: "success", exitCode: 0 };
}

function sumTests(entries: JournalEntry[]): { counts?: TestCounts; failures: TestFailure[] } {
  let counts: TestCounts | undefined;
  const failures: TestFailure[] = [];
  for (const e of entries) {
    if (e.type !== "tests") continue;
    counts ??= { total: 0, passed: 0, failed: 0, ignored: 0 };
    counts.total += e.counts.total;
    counts.passed += e.counts.passed;
    counts.failed += e.counts.failed;
    counts.ignored += e.counts.ignored;
    failures.push(...(e.failures ?? []));
  }
  return counts ? { counts, failures } : { failures };
}

/**
 * Fold a job's journal and invocation into its `ws2.report.v1`. Pure: the caller reads the
 * files (see `loadJob`). The result is validated against the contract before it is returned.
 */
export function assembleReport(input: AssembleInput): Report {
  const inv = input.invocation;
  const id = input.identity;
  const jobId = inv?.job_id ?? id?.jobId;
  const lockKey = inv?.lock_key ?? id?.lockKey;
  if (!jobId || !lockKey) {
    throw new Error("assembleReport needs the invocation or the job's identity (job id, lock key)");
  }
  const entries = input.entries;
  const { counts: tests, failures } = sumTests(entries);
  const cause = decideStatus(input, tests);

  const firstAt = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b)[0];
  const start = new Date(inv ? Date.parse(inv.request_utc) : (firstAt ?? input.now.getTime()));
  const end = input.now.getTime() < start.getTime() ? start : input.now;

  const recovery: RecoveryEvent[] = entries
    .filter((e): e is Extract<JournalEntry, { type: "recovery" }> => e.type === "recovery")
    .map((e) => e.event)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const board: NonNullable<Report["board"]> = {};
  for (const e of entries) {
    if (e.type !== "board") continue;
    if (e.chip) board.chip = e.chip;
    if (e.mac) board.mac = e.mac;
    if (e.port) board.port = e.port;
  }
  const artifacts = [
    ...new Set([
      ...entries.flatMap((e) => (e.type === "artifact" ? [e.path] : [])),
      ...(input.existingArtifacts ?? []),
    ]),
  ];
  const slot = inv?.slot ?? id?.slot;
  const lane = inv?.lane ?? (slot ? "local-hil" : undefined);
  const commit = inv?.commit_sha ?? id?.commitSha;
  const powerCycles = recovery.filter((e) => e.action === "power_cycle").length;

  const r: Record<string, unknown> = {
    schema_version: REPORT_SCHEMA_VERSION,
    job_id: jobId,
    agent_role: input.agentRole ?? "runner",
    status: cause.status,
    start_utc: iso(start),
    end_utc: iso(end),
    duration_sec: Math.round((end.getTime() - start.getTime()) / 1000),
    exit_code: cause.exitCode,
    lock_key: lockKey,
    human_summary: humanSummary({ cause, tests, slot, board, powerCycles, entries }),
  };
  if (input.executor) r.executor = input.executor;
  if (commit) r.commit_sha = commit;
  if (artifacts.length) r.artifact_paths = artifacts;
  const next = nextAction({ cause, failures, slot, tests });
  if (next) r.next_action = next;
  if (lane) r.lane = lane;
  if (slot) r.slot = slot;
  if (lane === "local-hil" || recovery.length) {
    r.power_cycles = powerCycles;
    r.recovery_events = recovery;
  }
  if (tests) r.tests = tests;
  if (Object.keys(board).length) r.board = board;
  if (cause.failureKind && cause.status !== "success") r.failure_kind = cause.failureKind;
  return parseWith(reportSchema, r, `the ws2.report.v1 of job ${jobId}`);
}
