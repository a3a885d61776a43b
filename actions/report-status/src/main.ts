import { join, resolve } from "node:path";
import { readInputs, runAction } from "@hil/actions-kit";
import { ConfigurationError, HilError } from "@hil/contracts";
import { loadInventory, selectSlot } from "@hil/inventory";
import { finishJob, forgeFromEnv, identityFromEnv, loadJob } from "@hil/report";
import { ACTION, inputs } from "./inputs";

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, ["github-token"]);
  const env = process.env;
  const jobDir = i["job-dir"] || env.HIL_JOB_DIR;
  if (!jobDir) {
    throw new ConfigurationError("No job directory to report on: HIL_JOB_DIR is not set.", {
      hint: "Run on a hil runner whose job-started hook set HIL_JOB_DIR, or pass job-dir: <state_dir>/jobs/<job-key>.",
    });
  }
  // Without a readable invocation.json the job is named from the environment and the slot.
  let slot = i.slot || env.HIL_SLOT;
  if (!slot && !loadJob(jobDir).invocation) {
    const inv = loadInventory(i.inventory, env);
    slot = selectSlot(inv.inventory, inv.file, undefined, env).id;
  }
  const identity = identityFromEnv(env, slot);
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();

  const res = await finishJob({
    jobDir,
    host,
    env,
    forge: forgeFromEnv(env, { token: i["github-token"], checkRun: i["check-run"] }) ?? null,
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
