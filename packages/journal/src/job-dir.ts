import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  describeError,
  EXIT_CODES,
  invocation as invocationSchema,
  parseWith,
  type Invocation,
} from "@hil/contracts";

/**
 * A job directory, `<state_dir>/jobs/<job key>/`: the one place its file names, its key and the
 * parsers of its contract files are declared. The lease (keeper, claim), the hooks, the steps and
 * the report all read and write it through this module.
 */
export const JOB_FILES = {
  /** ws2.invocation.v1, written by the job-started hook. */
  invocation: "invocation.json",
  /** The Journal every step appends to. */
  journal: "journal.jsonl",
  /** Cancellation flag: present means "stop before the next step". Its text says why. */
  cancel: "cancel",
  /** The job's holder record as claimed (token included): the completed hook releases with it. */
  lease: "lease.json",
  /** Written by the lease keeper when the job's lease ends: why and when. */
  leaseEnded: "lease-ended.json",
  /** The lease keeper's log. */
  keeperLog: "lease-keeper.log",
  /** Who started the job and how far the started hook got. */
  hook: "hook.json",
  /** The job was completed (report written and published, lease ended). */
  completed: "completed.json",
  /** Running markers of the steps, `<step>.running.json`. */
  steps: "steps",
} as const;

/** `<state_dir>/jobs/<job key>`: the key is the job id with anything outside [A-Za-z0-9._-] replaced. */
export function jobKey(jobId: string): string {
  return jobId.replace(/[^A-Za-z0-9._-]/g, "_");
}

export function jobDirFor(site: { state_dir: string }, jobId: string): string {
  return join(site.state_dir, "jobs", jobKey(jobId));
}

/** Write JSON so readers never see half a file: a temp file beside it, then rename. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n");
  renameSync(tmp, file);
}

/** invocation.json as read: the document, or why it cannot be used (never both). */
export type InvocationRead =
  | { invocation: Invocation; problem?: undefined; missing?: undefined }
  | { invocation?: undefined; problem: string; missing: boolean };

/**
 * The job's ws2.invocation.v1, validated. Never throws: a job that died half-way leaves a
 * missing or torn file, and whoever reads it (a step, the report) decides what that means.
 */
export function readInvocation(jobDir: string): InvocationRead {
  const file = join(jobDir, JOB_FILES.invocation);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    return { problem: missing ? `${file} is missing` : describeError(e), missing };
  }
  try {
    return { invocation: parseWith(invocationSchema, JSON.parse(text) as unknown, file) };
  } catch (e) {
    return {
      problem:
        e instanceof SyntaxError ? `${file} is not valid JSON (${e.message})` : describeError(e),
      missing: false,
    };
  }
}

/** How the cancellation flag's text marks a deadline (the lease keeper writes it). */
const TIMEOUT_PREFIX = /^timeout\b:?\s*/i;

/** The flag's text for a job that ran past its deadline. */
export const timeoutFlagText = (detail: string): string => `timeout: ${detail}\n`;

/** A raised cancellation flag and how a step should end because of it. */
export interface CancelFlag {
  /** The flag's text ("cancelled" when it is empty). */
  reason: string;
  /** Without the deadline marker: what to show after "ran past its deadline". */
  detail: string;
  status: "cancelled" | "timeout";
  exitCode: number;
}

/** Whether the job's cancellation flag is raised, and what it means. */
export function readCancelFlag(jobDir: string): CancelFlag | undefined {
  let text: string;
  try {
    text = readFileSync(join(jobDir, JOB_FILES.cancel), "utf8");
  } catch {
    return undefined;
  }
  return parseCancelFlag(text);
}

/** What a cancellation flag's text means (readCancelFlag without the file). */
export function parseCancelFlag(text: string): CancelFlag {
  const reason = text.trim() || "cancelled";
  const status = TIMEOUT_PREFIX.test(reason) ? "timeout" : "cancelled";
  return {
    reason,
    detail: status === "timeout" ? reason.replace(TIMEOUT_PREFIX, "").trim() : reason,
    status,
    exitCode: EXIT_CODES[status],
  };
}
