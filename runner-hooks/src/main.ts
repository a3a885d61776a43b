import { useCompileCache } from "@hil/actions-kit/compile-cache";

useCompileCache();
const { KEEPER_ARG, runKeeper } = await import("@hil/lease");

/**
 * Runner hooks: `node dist/index.js started|completed`, run by the scripts beside dist/
 * (ACTIONS_RUNNER_HOOK_JOB_STARTED / _COMPLETED; GitLab's pre_build_script, post_build_script
 * and after_script). The same file is the job's lease keeper (`__hil-lease-keeper`), which only
 * needs the lease code: the hooks themselves are loaded on demand.
 */
if (process.argv[2] === KEEPER_ARG) {
  process.exitCode = await runKeeper();
} else {
  const { runHooks } = await import("./hooks");
  process.exitCode = await runHooks(process.argv[2], process.env);
}
