import { z } from "zod";
import { chip, utcTimestamp } from "./common";
import { failureKind, recoveryEvent, reportStatus, testCounts } from "./report";

/**
 * The per-job journal: one JSON object per line, appended by every step of a hardware job
 * (hooks, actions, CLI) and folded into the `ws2.report.v1` when the job ends.
 */
const base = { at: utcTimestamp, step: z.string().min(1) };

/** A failed test as the report names it: `fix test_pwm_duty (main/test_pwm.c:88)`. */
export const testFailure = z
  .object({
    name: z.string().min(1),
    file: z.string().min(1).optional(),
    line: z.int().min(1).optional(),
    message: z.string().optional(),
  })
  .strict();
export type TestFailure = z.infer<typeof testFailure>;

export const journalEntry = z.discriminatedUnion("type", [
  /** A step finished (or was cut short). */
  z
    .object({
      type: z.literal("step"),
      ...base,
      status: reportStatus,
      exit_code: z.int(),
      failure_kind: failureKind.optional(),
      summary: z.string(),
      started_utc: utcTimestamp.optional(),
      /** What a person should do about it (an error's hint), carried into the report's next_action. */
      next_action: z.string().optional(),
    })
    .strict(),
  /** A recovery ladder rung (retry, reset, power cycle). */
  z.object({ type: z.literal("recovery"), ...base, event: recoveryEvent }).strict(),
  /** A file the step produced, listed in the report's artifact_paths. */
  z.object({ type: z.literal("artifact"), ...base, path: z.string().min(1) }).strict(),
  /** The board the step talked to. */
  z
    .object({
      type: z.literal("board"),
      ...base,
      chip: chip.optional(),
      mac: z.string().optional(),
      port: z.string().optional(),
    })
    .strict(),
  /** Test counts from a judged console run, with where the first failures are. */
  z
    .object({
      type: z.literal("tests"),
      ...base,
      counts: testCounts,
      failures: z.array(testFailure).max(50).optional(),
    })
    .strict(),
  /** Figures from a flash. */
  z
    .object({
      type: z.literal("flash"),
      ...base,
      bytes: z.int().min(0),
      compressed_bytes: z.int().min(0),
      sectors_written: z.int().min(0),
      sectors_skipped: z.int().min(0),
      seconds: z.number().min(0),
    })
    .strict(),
  /** Free text worth keeping in the report's summary. */
  z.object({ type: z.literal("note"), ...base, text: z.string() }).strict(),
]);
export type JournalEntry = z.infer<typeof journalEntry>;
