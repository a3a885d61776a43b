import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { utcTimestamp } from "@hil/contracts";
import { z } from "zod";

export const LEASE_SCHEMA_VERSION = "hil.lease.v1";

/** Where slot leases live and when one goes stale: the inventory satisfies this as it is. */
export interface LeaseSite {
  /** Directory of the lease dirs, `<lock_dir>/<slot>.lock`; may be shared over NFS. */
  lock_dir: string;
  /** A lease not refreshed for this many seconds may be taken over (at least 2). */
  stale_sec: number;
}

/** Who holds a lease: a job's keeper, a `hil lock` session, or a single step that claimed it for itself. */
export const holderKind = z.enum(["job", "lock", "step"]);
export type HolderKind = z.infer<typeof holderKind>;

/**
 * The holder record, `<lock_dir>/<slot>.lock/holder.<token>.json`. It is written before the lease
 * dir is published (atomically, by rename), so a held lease always names its holder, and it
 * goes with the lease dir when the lease ends. Unknown fields are kept (a newer hil on another
 * host sharing the lock dir over NFS may add some).
 */
export const holderRecord = z.looseObject({
  schema_version: z.literal(LEASE_SCHEMA_VERSION),
  slot: z.string().min(1),
  /** Unique per claim; steps prove they act under this lease by presenting it (HIL_LEASE_TOKEN). */
  token: z.string().regex(/^[0-9a-f]{24}$/),
  kind: holderKind,
  /** `gh-<run id>-<attempt>-<job>`, `gl-<job id>` or `local-<host>-<pid>`. */
  job_id: z.string().min(1),
  /** The runner's name, or `<user> (terminal)` for a person. */
  runner: z.string().min(1),
  host: z.string().min(1),
  /** The process that holds and refreshes the lease (for a job: its lease keeper). */
  pid: z.int().positive(),
  user: z.string().optional(),
  commit_sha: z.string().optional(),
  since: utcTimestamp,
  /** A job lease is released at this instant whatever happens (the job's timeout). */
  deadline: utcTimestamp.optional(),
  /** The job directory (`<state_dir>/jobs/<job key>`) steps of this job use. */
  job_dir: z.string().optional(),
  /** The keeper releases the lease when this process exits (the runner's worker). */
  watch_pid: z.int().positive().optional(),
  /** What a `hil lock` session runs. */
  command: z.array(z.string()).optional(),
});
export type HolderRecord = z.infer<typeof holderRecord>;

export const HOLDER_PREFIX = "holder.";
export const holderFileName = (token: string) => `${HOLDER_PREFIX}${token}.json`;
export const isHolderFile = (name: string) =>
  name.startsWith(HOLDER_PREFIX) && name.endsWith(".json");

/** `<lock_dir>/<slot>.lock`: the lease dir proper-lockfile manages. */
export function leasePath(site: LeaseSite, slot: string): string {
  return join(site.lock_dir, `${slot}.lock`);
}

export function staleMs(site: LeaseSite): number {
  // proper-lockfile refuses anything under 2 s.
  return Math.max(2000, Math.round(site.stale_sec * 1000));
}

/** The user name, without failing on hosts where the uid has no passwd entry (containers). */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER || env.LOGNAME || `uid-${process.getuid?.() ?? "?"}`;
  }
}

export const thisHost = () => hostname();

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${(s / 3600).toFixed(1)} h ago`;
}

/** Who holds it: `job gh-8121934471-1-hil (runner esp32-hut-01 on lab-a, pid 4242)`. */
export function holderWho(h: HolderRecord): string {
  const what = h.kind === "lock" ? "hil lock session" : h.kind === "step" ? "a step of" : "job";
  return `${what} ${h.job_id} (runner ${h.runner} on ${h.host}, pid ${h.pid})`;
}

/**
 * One line naming a holder, as the user needs it when told to wait:
 * `job gh-8121934471-1-hil (runner esp32-hut-01 on lab-a, pid 4242) since 2026-11-21T10:15:00Z (3 min ago) for commit 1a2b3c4d5e6f`.
 */
export function describeHolder(h: HolderRecord, now = Date.now()): string {
  const sha = h.commit_sha ? ` for commit ${h.commit_sha.slice(0, 12)}` : "";
  return `${holderWho(h)} since ${h.since} (${ago(now - Date.parse(h.since))})${sha}`;
}

export { ago as describeAge };

export type LeaseState = "free" | "held" | "stale";

export interface LeaseStatus {
  slot: string;
  /** `<lock_dir>/<slot>.lock` */
  path: string;
  state: LeaseState;
  holder?: HolderRecord;
  /** When the holder last refreshed the lease. */
  refreshedAt?: Date;
}
