import { join, resolve } from "node:path";
import { readInputs, runAction } from "@hil/actions-kit";
import { ciContext } from "@hil/ci";
import { ConfigurationError, describeError, HilError } from "@hil/contracts";
import { loadInventory, selectSlot } from "@hil/inventory";
import { findCurrentJob, leaseStatus } from "@hil/lease";
import { finishJob, forgeFromCi, identityFromCi, loadJob } from "@hil/report";
import { ACTION, inputs } from "./inputs";

/**
 * The job to report on: the job-dir input, else the lease's job lookup (findCurrentJob):
 * HIL_JOB_DIR first (set by the hooks on GitLab, and on GitHub when GITHUB_ENV carried it; no
 * inventory needed), then the slot's lease holder record when it is this CI job.
 */
function jobDirToReport(
  i: { "job-dir"?: string; slot?: string; inventory?: string },
  env: NodeJS.ProcessEnv,
) {
  if (i["job-dir"]) return i["job-dir"];
  const what = "No job directory to report on: HIL_JOB_DIR is not set";
  const hint =
    "Run on a hil runner whose job-started hook claimed the slot for this job, or pass job-dir: <state_dir>/jobs/<job-key>.";
  if (env.HIL_JOB_DIR) return env.HIL_JOB_DIR; // findCurrentJob's first rule; no inventory needed
  let loaded: ReturnType<typeof loadInventory>;
  let slot: string;
  try {
    loaded = loadInventory(i.inventory, env);
    slot = selectSlot(loaded.inventory, loaded.file, i.slot, env).id;
  } catch (e) {
    throw new ConfigurationError(
      `${what}, and the slot's lease cannot be looked up: ${describeError(e)}`,
      { hint },
    );
  }
  const job = findCurrentJob({ inventory: loaded.inventory, slot, env });
  if (job) return job.jobDir;
  const holder = leaseStatus(loaded.inventory, slot).holder;
  throw new ConfigurationError(
    `${what}, and slot ${slot}'s lease ${holder ? `belongs to ${holder.job_id}, not this job` : "is free"}.`,
    { hint },
  );
}

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, ["github-token"]);
  const env = process.env;
  const jobDir = jobDirToReport(i, env);
  // Without a readable invocation.json the job is named from the environment and the slot.
  let slot = i.slot || env.HIL_SLOT;
  if (!slot && !loadJob(jobDir).invocation) {
    const inv = loadInventory(i.inventory, env);
    slot = selectSlot(inv.inventory, inv.file, undefined, env).id;
  }
  const ci = ciContext(env);
  const identity = identityFromCi(ci, slot);
  const workspace = ci.workspace ?? process.cwd();

  const res = await finishJob({
    jobDir,
    host,
    env,
    forge: forgeFromCi(ci, { token: i["github-token"], checkRun: i["check-run"] }) ?? null,
    reportPath: (r) =>
      resolve(
        workspace,
        i["report-path"] || join("hil-out", r.slot ?? r.lock_key, "ws2-report.json"),
      ),
    ...(i.context ? { context: i.context } : {}),
    ...(i["job-status"] ? { jobStatus: i["job-status"] } : {}),
    ...(identity ? { identity } : {}),
  });

  const status = res.outcomes.find((o) => o.what === "commit status");
  host.setOutput("status", res.report.status);
  host.setOutput("state", status?.state ?? "");
  host.setOutput("report-path", res.reportPath);
  host.setOutput("published", res.outcomes.length > 0 && !res.publishFailed);
  if (res.publishFailed) {
    const failed = res.outcomes.filter((o) => !o.ok);
    const message = `The report was written to ${res.reportPath}, but ${failed.map((o) => `the ${o.what}`).join(" and ")} could not be posted.`;
    if (i["fail-on-publish-error"]) {
      throw new HilError(message, {
        hint: `${failed[0]!.hint ?? ""} (Set fail-on-publish-error: false to only warn.)`.trim(),
      });
    }
    host.warn(message);
  }
});
