import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { ConfigurationError, type Invocation, type JournalEntry } from "@hil/contracts";
import type { CiContext } from "@hil/ci";
import { type CancelFlag, JOB_FILES, Journal, readCancelFlag, readInvocation } from "@hil/journal";
import type { JobIdentity } from "./assemble";

/** What a job directory holds (the files are listed in @hil/journal's JOB_FILES). */
export interface LoadedJob {
  dir: string;
  invocation?: Invocation;
  /** Why invocation.json could not be used, when it could not. */
  invocationProblem?: string;
  entries: JournalEntry[];
  /** Journal lines that could not be read (a torn last line, a newer entry type). */
  skipped: number;
  /** The job's cancellation flag, when it is raised. */
  cancel?: CancelFlag;
  /** The invocation's expected artifacts that exist, as the invocation names them. */
  existingArtifacts: string[];
}

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
  const read = readInvocation(dir);
  const cancel = readCancelFlag(dir);
  const { entries, skipped } = new Journal(join(dir, JOB_FILES.journal)).read();
  const base = read.invocation?.workdir ?? process.cwd();
  return {
    dir,
    ...(read.invocation ? { invocation: read.invocation } : { invocationProblem: read.problem }),
    entries,
    skipped,
    ...(cancel ? { cancel } : {}),
    existingArtifacts: (read.invocation?.expected_artifacts ?? []).filter((a) =>
      existsSync(isAbsolute(a) ? a : resolve(base, a)),
    ),
  };
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
