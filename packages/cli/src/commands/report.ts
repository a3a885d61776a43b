import type { Command } from "commander";
import { ConfigurationError } from "@hil/contracts";
import { hostForCi } from "@hil/host";
import { loadInventory, selectSlot } from "@hil/inventory";
import { ciContext } from "@hil/ci";
import {
  finishJob,
  forgeFromCi,
  identityFromCi,
  loadJob,
  publishPending,
  type WorkflowStatus,
} from "@hil/report";

/** Exit code when the report was written but a commit status (or check run) was not posted. */
export const EXIT_PUBLISH_FAILED = 2;

interface ReportOptions {
  jobDir?: string;
  slot?: string;
  inventory?: string;
  out?: string;
  jobStatus?: string;
  context?: string;
  checkRun?: boolean;
  publish: boolean;
  pending?: boolean;
  summary?: string;
  json?: boolean;
}

const STATUSES = ["success", "failure", "cancelled"];

/**
 * `hil report`: fold a job's journal into its ws2.report.v1, write it, publish it as the
 * commit status of the forge this runs under (or `--pending` when a job claims its slot).
 * Exit 0: written (and published, or nowhere to publish); 2: written, publishing failed;
 * 1: no report could be written.
 */
export async function reportCommand(
  o: ReportOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const jobDir = o.jobDir ?? env.HIL_JOB_DIR;
  if (!jobDir) {
    throw new ConfigurationError("No job directory: pass --job-dir or set HIL_JOB_DIR.", {
      hint: "A job's directory is <state_dir>/jobs/<job-key>/ (invocation.json, journal.jsonl).",
    });
  }
  if (o.jobStatus && !STATUSES.includes(o.jobStatus)) {
    throw new ConfigurationError(
      `--job-status must be success, failure or cancelled, not "${o.jobStatus}".`,
    );
  }
  const host = hostForCi(ciContext(env), o.summary ? { summaryFile: o.summary } : {});
  const forge = o.publish
    ? (forgeFromCi(ciContext(env), o.checkRun ? { checkRun: true } : {}) ?? null)
    : null;
  if (o.publish && !forge)
    host.info("Not in a GitHub or GitLab job: the report is written, not published.");

  if (o.pending) {
    const job = loadJob(jobDir);
    if (!job.invocation) {
      throw new ConfigurationError(`Cannot post pending: ${job.invocationProblem}.`, {
        hint: "The job-started hook writes invocation.json before posting pending.",
      });
    }
    const out = await publishPending(job.invocation, host, {
      forge,
      ...(o.context ? { context: o.context } : {}),
      env,
    });
    for (const x of out) {
      if (x.ok) host.info(`posted ${x.forge} ${x.what} ${x.context}: pending`);
      else host.error(`${x.error}\n${x.hint ?? ""}`.trim());
    }
    return out.some((x) => !x.ok) ? EXIT_PUBLISH_FAILED : 0;
  }

  let slot = o.slot ?? env.HIL_SLOT;
  if (!slot && !loadJob(jobDir).invocation) {
    const inv = loadInventory(o.inventory, env);
    slot = selectSlot(inv.inventory, inv.file, undefined, env).id;
  }
  const identity = identityFromCi(ciContext(env), slot);
  const res = await finishJob({
    jobDir,
    host,
    env,
    forge,
    ...(o.out ? { reportPath: o.out } : {}),
    ...(o.context ? { context: o.context } : {}),
    ...(o.jobStatus ? { jobStatus: o.jobStatus as WorkflowStatus } : {}),
    ...(identity ? { identity } : {}),
  });
  if (o.json) process.stdout.write(host.redact(JSON.stringify(res.report, null, 2)) + "\n");
  return res.publishFailed ? EXIT_PUBLISH_FAILED : 0;
}

/** Registers `hil report` (see commands/index.ts). */
export function registerReport(
  program: Command,
  common: { slot: readonly [string, string]; inventory: readonly [string, string] },
): void {
  program
    .command("report")
    .description("assemble a job's ws2.report.v1 from its journal and publish it")
    .option("--job-dir <dir>", "the job's directory (default: HIL_JOB_DIR)")
    .option(...common.slot)
    .option(...common.inventory)
    .option("--out <file>", "where to write the report (default: <job-dir>/report.json)")
    .option(
      "--job-status <status>",
      "the job's status as the CI sees it: success, failure or cancelled",
    )
    .option("--context <name>", "commit status context (default: hil/<slot>)")
    .option("--check-run", "also create a GitHub check run with the summary")
    .option(
      "--pending",
      "post a pending status for the job (when it claims its slot) instead of a report",
    )
    .option("--no-publish", "write the report only")
    .option(
      "--summary <file>",
      "append the Markdown summary to this file (default: GITHUB_STEP_SUMMARY)",
    )
    .option("--json", "print the report")
    .addHelpText(
      "after",
      "\nTokens come from the environment: HIL_GITHUB_TOKEN (or GITHUB_TOKEN) with statuses: write,\nHIL_GITLAB_TOKEN (or GITLAB_TOKEN), a project access token with the api scope.\nExit status: 0 written and published, 2 written but not published, 1 no report.",
    )
    .action(async (opts: ReportOptions) => {
      process.exitCode = await reportCommand(opts);
    });
}
