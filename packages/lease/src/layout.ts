import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Files of a job directory, `<state_dir>/jobs/<job key>/` (the brief's shared conventions). */
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
} as const;

/** Why a job's lease ended (lease-ended.json `reason`). */
export type LeaseEndReason =
  | "released" // the completed hook (or a person) asked
  | "deadline" // the job ran past its timeout
  | "watched-process-exited" // the runner's worker died
  | "compromised"; // taken over or removed while held

export interface LeaseEnded {
  slot: string;
  job_id: string;
  reason: LeaseEndReason;
  detail: string;
  at: string;
  held_sec: number;
}

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
