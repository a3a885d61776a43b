import { z } from "zod";
import { chip, contractCommitSha, lane, role, utcTimestamp } from "./common";

export const REPORT_SCHEMA_VERSION = "ws2.report.v1";

export const reportStatus = z.enum(["success", "failed", "timeout", "cancelled"]);
export type ReportStatus = z.infer<typeof reportStatus>;

/**
 * The exit code a step or job ends with for each status: what `timeout(1)` and a shell use
 * for a time-out (124) and an interrupt (130), so scripts can tell them apart.
 */
export const EXIT_CODES: Record<ReportStatus, number> = {
  success: 0,
  failed: 1,
  timeout: 124,
  cancelled: 130,
};

/** What the recovery ladder did to get a board back (soft reset → hard reset → power cycle). */
export const recoveryAction = z.enum([
  "retry",
  "soft_reset",
  "hard_reset",
  "power_cycle",
  "reconnect",
]);
export const recoveryEvent = z
  .object({
    at: utcTimestamp,
    action: recoveryAction,
    /** The step that asked for it, e.g. `hil-flash`. */
    step: z.string().min(1),
    result: z.enum(["ok", "failed", "timeout", "ha_error"]),
    detail: z.string().optional(),
  })
  .strict();
export type RecoveryEvent = z.infer<typeof recoveryEvent>;

export const testCounts = z
  .object({
    total: z.int().min(0),
    passed: z.int().min(0),
    failed: z.int().min(0),
    ignored: z.int().min(0),
  })
  .strict()
  .refine((t) => t.passed + t.failed + t.ignored === t.total, {
    message: "passed + failed + ignored must equal total",
  });
export type TestCounts = z.infer<typeof testCounts>;

export const boardIdentity = z
  .object({ chip: chip.optional(), mac: z.string().optional(), port: z.string().optional() })
  .strict();

/**
 * Why a job that did not succeed failed: a firmware bug (`test`), the lab (`infrastructure`:
 * board unreachable, relay, lease) or the job's own set-up (`configuration`).
 */
export const failureKind = z.enum(["test", "infrastructure", "configuration"]);
export type FailureKind = z.infer<typeof failureKind>;

/** `ws2.report.v1`: written when a job ends, whatever the outcome (DESIGN.md section 5). */
export const report = z
  .object({
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    job_id: z.string().min(1),
    agent_role: role,
    status: reportStatus,
    start_utc: utcTimestamp,
    end_utc: utcTimestamp,
    duration_sec: z.number().min(0),
    exit_code: z.int(),
    lock_key: z.string().min(1),
    human_summary: z.string().min(1),
    // optional
    executor: z
      .object({ hostname: z.string().min(1), user: z.string().min(1) })
      .strict()
      .optional(),
    commit_sha: contractCommitSha.optional(),
    artifact_paths: z.array(z.string().min(1)).optional(),
    next_action: z.string().optional(),
    // hardware lane
    lane: lane.optional(),
    slot: z.string().min(1).optional(),
    power_cycles: z.int().min(0).optional(),
    recovery_events: z.array(recoveryEvent).optional(),
    tests: testCounts.optional(),
    board: boardIdentity.optional(),
    failure_kind: failureKind.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (Date.parse(r.end_utc) < Date.parse(r.start_utc)) {
      ctx.addIssue({ code: "custom", path: ["end_utc"], message: "is before start_utc" });
    }
    if (r.status === "success" && r.exit_code !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["exit_code"],
        message: "must be 0 when status is success",
      });
    }
    if (r.status !== "success" && r.exit_code === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["exit_code"],
        message: `must be non-zero when status is ${r.status}`,
      });
    }
    if (r.power_cycles !== undefined && r.recovery_events) {
      const cycles = r.recovery_events.filter((e) => e.action === "power_cycle").length;
      if (cycles !== r.power_cycles) {
        ctx.addIssue({
          code: "custom",
          path: ["power_cycles"],
          message: `is ${r.power_cycles} but recovery_events lists ${cycles} power_cycle event(s)`,
        });
      }
    }
  });
export type Report = z.infer<typeof report>;
