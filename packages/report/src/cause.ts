import type { FailureKind, JournalEntry, ReportStatus } from "@hil/contracts";

export type StepEntry = Extract<JournalEntry, { type: "step" }>;

/** What decided the report's status: the step that failed first, or the job as a whole. */
export interface Cause {
  status: ReportStatus;
  exitCode: number;
  failureKind?: FailureKind;
  /** The step at fault, if one is. */
  step?: StepEntry;
  /** One line: why, when no step says it. */
  why?: string;
}
