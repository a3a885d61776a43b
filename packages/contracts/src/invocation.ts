import { z } from "zod";
import { contractCommitSha, lane, MAX_TIMEOUT_SEC, role, utcTimestamp } from "./common";

export const INVOCATION_SCHEMA_VERSION = "ws2.invocation.v1";

/** `ws2.invocation.v1`: written when a job claims a slot (DESIGN.md section 5). */
export const invocation = z
  .object({
    schema_version: z.literal(INVOCATION_SCHEMA_VERSION),
    job_id: z.string().min(1),
    target_role: role,
    requested_by: z.string().min(1),
    request_utc: utcTimestamp,
    command: z.array(z.string()).min(1, "list the command and its arguments"),
    timeout_sec: z
      .int()
      .min(1)
      .max(MAX_TIMEOUT_SEC, `at most ${MAX_TIMEOUT_SEC} s for hardware jobs`),
    lock_key: z.string().min(1),
    // optional
    commit_sha: contractCommitSha.optional(),
    repo: z.string().min(1).optional(),
    workdir: z.string().min(1).optional(),
    expected_artifacts: z.array(z.string().min(1)).optional(),
    notes: z.string().optional(),
    // hardware lane
    lane: lane.optional(),
    slot: z.string().min(1).optional(),
  })
  .strict();
export type Invocation = z.infer<typeof invocation>;
