import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { ciContext } from "@hil/ci";
import { ConfigurationError, type Invocation, namedCommit, type Report } from "@hil/contracts";
import type { Host } from "@hil/host";
import { assembleReport, type JobIdentity, type WorkflowStatus } from "./assemble";
import {
  checkConclusion,
  type ForgeTarget,
  forgeFromCi,
  githubState,
  gitlabState,
  type PublishOutcome,
  statusContext,
} from "./forge";
import { publishGitHub } from "./github";
import { publishGitLab } from "./gitlab";
import { identityFromCi, loadJob } from "./job";
import { reportMarkdown } from "./markdown";
import type { RetryOptions } from "./retry";

export const REPORT_FILE = "report.json";

/** The user and host this process runs as, for the report's executor. */
export function currentExecutor(): { hostname: string; user: string } {
  let user = process.env.USER ?? process.env.USERNAME ?? "unknown";
  try {
    user = userInfo().username || user;
  } catch {
    // no passwd entry (containers): keep the environment's idea
  }
  return { hostname: hostname() || "unknown", user };
}

/** Write the report as JSON, redacted, atomically (a reader never sees half a report). */
export function writeReport(report: Report, path: string, host: Host): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, host.redact(JSON.stringify(report, null, 2)) + "\n");
  renameSync(tmp, path);
}

export interface PublishOptions {
  /** Where to publish; `undefined` reads it from the environment, `null` publishes nowhere. */
  forge?: ForgeTarget | null;
  /** The commit status context (default `hil/<slot>`). */
  context?: string;
  env?: NodeJS.ProcessEnv;
  retry?: RetryOptions;
}

/** Publish a finished report as a commit status (and a check run when the target asks for one). */
export async function publishReport(
  report: Report,
  host: Host,
  o: PublishOptions = {},
): Promise<PublishOutcome[]> {
  const forge = o.forge === undefined ? forgeFromCi(ciContext(o.env)) : o.forge;
  if (!forge) return [];
  const context = statusContext(report.slot, report.lock_key, o.context);
  const sha = namedCommit(report.commit_sha);
  if (!sha) {
    return [
      {
        forge: forge.kind,
        what: "commit status",
        ok: false,
        state: forge.kind === "github" ? githubState(report) : gitlabState(report.status),
        context,
        error: `The report of ${report.job_id} names no commit, so no commit status can be posted.`,
        hint: "Record commit_sha in the job's invocation.json (the job-started hook takes it from GITHUB_SHA / CI_COMMIT_SHA).",
      },
    ];
  }
  if (forge.kind === "github") {
    return publishGitHub(
      forge,
      {
        sha,
        state: githubState(report),
        context,
        description: report.human_summary,
        check: {
          conclusion: checkConclusion(report.status),
          title: `${context}: ${report.status}`,
          summary: reportMarkdown(report),
        },
      },
      host,
      o.retry,
    );
  }
  return publishGitLab(
    forge,
    {
      sha,
      state: gitlabState(report.status),
      context,
      description: report.human_summary,
    },
    host,
    o.retry,
  );
}

/**
 * Post `pending` on the commit when a job claims its slot, so the commit shows hardware
 * testing in progress (the job-started hook calls this).
 */
export async function publishPending(
  invocation: Invocation,
  host: Host,
  o: PublishOptions & { description?: string } = {},
): Promise<PublishOutcome[]> {
  const forge = o.forge === undefined ? forgeFromCi(ciContext(o.env)) : o.forge;
  if (!forge) return [];
  const context = statusContext(invocation.slot, invocation.lock_key, o.context);
  const description =
    o.description ??
    `hardware test running on ${invocation.slot ?? invocation.lock_key} since ${invocation.request_utc}`;
  const sha = namedCommit(invocation.commit_sha);
  if (!sha) {
    return [
      {
        forge: forge.kind,
        what: "commit status",
        ok: false,
        state: "pending",
        context,
        error: `The invocation of ${invocation.job_id} names no commit, so no pending status can be posted.`,
        hint: "Record commit_sha in invocation.json (from GITHUB_SHA / CI_COMMIT_SHA).",
      },
    ];
  }
  const post = { sha, state: "pending" as const, context, description };
  return forge.kind === "github"
    ? publishGitHub({ ...forge, checkRun: false }, post, host, o.retry)
    : publishGitLab(forge, post, host, o.retry);
}

export interface FinishOptions extends PublishOptions {
  /** `<state_dir>/jobs/<job-key>/`, with invocation.json and journal.jsonl. */
  jobDir: string;
  host: Host;
  /** Where the report goes (default `<jobDir>/report.json`); a function may pick it by the report (its slot). */
  reportPath?: string | ((report: Report) => string);
  /** When the job ended (default now). */
  now?: Date;
  /** The workflow's view of the job, when known (`${{ job.status }}`). */
  jobStatus?: WorkflowStatus;
  /** Who the job is when invocation.json is unusable (default: from the CI environment). */
  identity?: JobIdentity;
  executor?: { hostname: string; user: string };
  /** Append the report to the job summary (default true). */
  summary?: boolean;
  /** Heading of the summary. */
  title?: string;
}

export interface FinishResult {
  report: Report;
  reportPath: string;
  outcomes: PublishOutcome[];
  /** Some publication failed (each was logged as an error with what to do). */
  publishFailed: boolean;
}

/**
 * End a job: fold its journal into the `ws2.report.v1`, write it to disk, publish it as a
 * commit status (and check run), and put it in the job summary. The report is written
 * before anything is published, so a forge that refuses (401, 403, 422) or cannot be reached
 * never loses it; each failed publication is logged as an error saying what to do and comes
 * back in `outcomes`. Called by the job-completed hook and the report-status action.
 */
export async function finishJob(o: FinishOptions): Promise<FinishResult> {
  const { host } = o;
  const env = o.env ?? process.env;
  const job = loadJob(o.jobDir);
  if (job.skipped) {
    host.warn(
      `${job.skipped} line(s) of ${join(o.jobDir, "journal.jsonl")} could not be read (a step killed while writing?); the report is folded from the rest.`,
    );
  }
  let identity = o.identity;
  if (!job.invocation) {
    identity ??= identityFromCi(ciContext(env), env.HIL_SLOT);
    if (!identity) {
      throw new ConfigurationError(
        `Cannot write the report: ${job.invocationProblem}, and the environment does not say which job this is.`,
        {
          hint: "Run this inside the job (GITHUB_RUN_ID / CI_JOB_ID and HIL_SLOT set), or restore invocation.json.",
        },
      );
    }
    host.warn(
      `${job.invocationProblem}; reporting as job ${identity.jobId} on ${identity.lockKey}.`,
    );
  }
  const report = assembleReport({
    ...(job.invocation ? { invocation: job.invocation } : {}),
    ...(identity ? { identity } : {}),
    entries: job.entries,
    now: o.now ?? new Date(),
    executor: o.executor ?? currentExecutor(),
    ...(job.cancel ? { cancel: job.cancel } : {}),
    existingArtifacts: job.existingArtifacts,
    ...(o.jobStatus ? { jobStatus: o.jobStatus } : {}),
  });
  const reportPath =
    typeof o.reportPath === "function"
      ? o.reportPath(report)
      : (o.reportPath ?? join(o.jobDir, REPORT_FILE));
  writeReport(report, reportPath, host);
  host.info(`${report.status}: ${report.human_summary} (report: ${reportPath})`);

  const outcomes = await publishReport(report, host, { ...o, env });
  for (const x of outcomes) {
    if (x.ok) host.info(`posted ${x.forge} ${x.what} ${x.context}: ${x.state}`);
    else
      host.error(`${x.error}\n${x.hint ?? ""}`.trim(), {
        title: `${x.forge} ${x.what} not posted`,
      });
  }
  if (o.summary !== false) await host.writeSummary(reportMarkdown(report, outcomes, o.title));
  return { report, reportPath, outcomes, publishFailed: outcomes.some((x) => !x.ok) };
}
