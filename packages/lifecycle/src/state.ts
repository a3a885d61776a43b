import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JOB_FILES, writeJsonAtomic } from "@hil/journal";
import type { ForkDecision } from "./fork";

/**
 * What the hooks keep beside the job's own files in `<state_dir>/jobs/<job key>/`:
 *
 * - `hook.json`: who started the job (runner key, host, repository) and how far the started
 *   hook got (`starting` → `started`, or `start-failed` with the error);
 * - `completed.json`: the completed hook finished (the report, how the lease ended);
 *
 * and, per slot, `<state_dir>/slots/<slot>.last-job.json`: the last job a hook started there,
 * so the next start can finish a job whose completed hook never ran.
 */

export const HOOK_FILES = { hook: JOB_FILES.hook, completed: JOB_FILES.completed } as const;

export interface HookState {
  schema_version: "hil.hook.v1";
  job_id: string;
  slot: string;
  runner: string;
  runner_key: string;
  host: string;
  repo?: string;
  started_utc: string;
  phase: "starting" | "started" | "start-failed";
  error?: string;
  /** The fork gate's decision for this job (steps reuse it instead of asking again). */
  fork?: ForkDecision;
  /** A pending commit status was posted. */
  pending_posted?: boolean;
}

export interface CompletedState {
  at: string;
  status?: string;
  report_path?: string;
  /** How the lease ended: keeper, forced, already-ended, other-holder, none. */
  lease: string;
  published: boolean;
  /** Why the completion ran: the job's completed hook, or the next job's start. */
  by: "completed-hook" | "next-start";
}

export interface SlotPointer {
  job_id: string;
  job_dir: string;
  runner_key: string;
  host: string;
  at: string;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

export const readHookState = (jobDir: string) => readJson<HookState>(join(jobDir, HOOK_FILES.hook));
export const writeHookState = (jobDir: string, s: HookState) =>
  writeJsonAtomic(join(jobDir, HOOK_FILES.hook), s);
export const readCompleted = (jobDir: string) =>
  readJson<CompletedState>(join(jobDir, HOOK_FILES.completed));
export const writeCompleted = (jobDir: string, s: CompletedState) =>
  writeJsonAtomic(join(jobDir, HOOK_FILES.completed), s);

/** The gate decision the started hook recorded for `jobId`, if it did. */
export function readForkDecision(jobDir: string, jobId: string): ForkDecision | undefined {
  const s = readHookState(jobDir);
  return s?.job_id === jobId && s.fork?.allowed ? s.fork : undefined;
}

const pointerPath = (stateDir: string, slot: string) =>
  join(stateDir, "slots", `${slot}.last-job.json`);

export const readSlotPointer = (stateDir: string, slot: string) =>
  readJson<SlotPointer>(pointerPath(stateDir, slot));

export function writeSlotPointer(stateDir: string, slot: string, p: SlotPointer): void {
  mkdirSync(join(stateDir, "slots"), { recursive: true });
  writeJsonAtomic(pointerPath(stateDir, slot), p);
}
