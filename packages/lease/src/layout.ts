// The job directory's names and writers live in @hil/journal (one module owns the job dir).
export { JOB_FILES, jobDirFor, jobKey, writeJsonAtomic } from "@hil/journal";

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
