import { ciContext } from "@hil/ci";
import type { Command } from "commander";
import { hostForCi } from "@hil/host";
import { runHook } from "@hil/lifecycle";

/**
 * `hil hook started|completed`: the runner hooks for hosts where hil is installed as a command
 * (the GitLab template's after_script, a runner without the runner-hooks directory). The same
 * as runner-hooks/dist/index.js started|completed; see docs/runner-setup.md.
 */
export function registerHook(program: Command): void {
  program
    .command("hook")
    .description("the job-started / job-completed runner hook (claim the slot, report and release)")
    .argument("<phase>", "started or completed")
    .option("--inventory <file>", "slot inventory (default: HIL_SLOTS or /etc/hil/slots.yaml)")
    .addHelpText(
      "after",
      "\nRunner-level settings (the runner's environment): HIL_SLOT, HIL_SLOTS, HIL_JOB_TIMEOUT_SEC,\nHIL_LEASE_WAIT_SEC, HIL_FORK_LABEL, HIL_FORK_ENVIRONMENT, HIL_GITHUB_TOKEN, HIL_GITLAB_TOKEN.\nExit status: started 0 = the job may run, 1 = refused; completed 0 = done, 1 = the slot could not be released.",
    )
    .action(async (phase: string, opts: { inventory?: string }) => {
      const host = hostForCi(ciContext());
      process.exitCode = await runHook(phase, {
        host,
        ...(opts.inventory ? { inventoryFile: opts.inventory } : {}),
      });
    });
}
