import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import {
  ConfigurationError,
  describeError,
  invocation as invocationSchema,
  type Invocation,
  type JournalEntry,
  parseWith,
} from "@hil/contracts";
import type { CiContext } from "@hil/ci";
import { Journal } from "@hil/journal";
import type { JobIdentity } from "./assemble";

/** What a job directory holds (see the brief's shared conventions). */
export interface LoadedJob {
  dir: string;
  invocation?: Invocation;
  /** Why invocation.json could not be used, when it could not. */
  invocationProblem?: string;
  entries: JournalEntry[];
  /** Journal lines that could not be read (a torn last line, a newer entry type). */
  skipped: number;
  /** The cancellation flag `<job dir>/cancel` is present. */
  cancelRequested: boolean;
  /** The flag's text (why), when it is present. */
  cancelReason?: string;
  /** The invocation's expected artifacts that exist, as the invocation names them. */
  existingArtifacts: string[];
}

export const INVOCATION_FILE = "invocation.json";
export const JOURNAL_FILE = "journal.jsonl";
export const CANCEL_FILE = "cancel";

/**
 * Read a job directory. Never throws for what a dying job leaves behind (a torn journal
 * line, a missing or half-written invocation.json): the report must still be written, so
 * those come back as `skipped` / `invocationProblem`. Only a missing directory is an error.
 */
export function loadJob(dir: string): LoadedJob {
  if (!existsSync(dir)) {
    throw new ConfigurationError(`The job directory ${dir} does not exist.`, {
      hint: "Point HIL_JOB_DIR (or --job-dir / the job-dir input) at <state_dir>/jobs/<job-key>, where the job-started hook wrote invocation.json.",
    });
  }
  const job: LoadedJob = {
    dir,
    entries: [],
    skipped: 0,
    cancelRequested: existsSync(join(dir, CANCEL_FILE)),
    existingArtifacts: [],
  };
  if (job.cancelRequested) {
    try {
      job.cancelReason = readFileSync(join(dir, CANCEL_FILE), "utf8").trim();
    } catch {
      // removed meanwhile: still counted as requested
    }
  }
  const invPath = join(dir, INVOCATION_FILE);
  try {
    const data: unknown = JSON.parse(readFileSync(invPath, "utf8"));
    job.invocation = parseWith(invocationSchema, data, invPath);
  } catch (e) {
    job.invocationProblem =
      (e as NodeJS.ErrnoException).code === "ENOENT"
        ? `${invPath} is missing`
        : e instanceof SyntaxError
          ? `${invPath} is not valid JSON (${e.message})`
          : describeError(e);
  }
  const { entries, skipped } = new Journal(join(dir, JOURNAL_FILE)).read();
  job.entries = entries;
  job.skipped = skipped;
  const base = job.invocation?.workdir ?? process.cwd();
  for (const a of job.invocation?.expected_artifacts ?? []) {
    if (existsSync(isAbsolute(a) ? a : resolve(base, a))) job.existingArtifacts.push(a);
  }
  return job;
}

/**
 * Who the job is, from the CI context, for when invocation.json is unusable: the job id the
 * lease uses (`gh-<run id>-<attempt>-<job>@<runner>`, `gl-<job id>`); the lock key is the slot.
 */
export function identityFromCi(ci: CiContext, slot: string | undefined): JobIdentity | undefined {
  if (ci.forge === "local" || !slot) return undefined;
  const sha = ci.commitSha;
  return {
    jobId: ci.jobId,
    lockKey: slot,
    slot,
    ...(sha && /^[0-9a-f]{40}$/.test(sha) ? { commitSha: sha } : {}),
  };
}
