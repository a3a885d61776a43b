import { describeError } from "@hil/contracts";

/**
 * Runner hooks: `node dist/index.js started|completed` from the scripts beside this file
 * (ACTIONS_RUNNER_HOOK_JOB_STARTED / _COMPLETED, GitLab pre_build_script / post_build_script).
 */
const phase = process.argv[2];
try {
  if (phase !== "started" && phase !== "completed") {
    throw new Error(`usage: hil-hook started|completed (got ${phase ?? "nothing"})`);
  }
  throw new Error(`the ${phase} hook is not implemented in this version of hil-actions`);
} catch (e) {
  process.stderr.write(`hil hook: ${describeError(e)}\n`);
  process.exitCode = 1;
}
