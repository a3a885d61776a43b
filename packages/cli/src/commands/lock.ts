import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Command } from "commander";
import { ConfigurationError, describeError } from "@hil/contracts";
import { TerminalHost } from "@hil/host";
import { loadInventory, selectSlot } from "@hil/inventory";
import { KEEPER_ARG, runKeeper, underSlotLease } from "@hil/lease";
import { inventoryOption, seconds, slotOption } from "./common";

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2"] as const;

/** How long `hil lock` waits for a busy slot unless --wait says otherwise. */
export const DEFAULT_LOCK_WAIT_SEC = 60;

interface LockOptions {
  slot?: string;
  inventory?: string;
  wait: string;
}

/**
 * `hil lock --slot hut-01 [--wait 60] -- CMD…`: run CMD under the slot's lease, like flock.
 * Inside a job that holds the slot, CMD runs under the job's lease; otherwise the lease is
 * claimed (waiting up to --wait s, then failing with the holder named) and released whatever
 * happens. CMD gets HIL_LEASE_TOKEN/HIL_SLOT/HIL_JOB_ID (and HIL_JOB_DIR in a job) so its own
 * hil steps act under the lease; signals are forwarded; CMD's exit code is returned (128+n when
 * it died of signal n).
 */
export async function runLocked(command: string[], opts: LockOptions): Promise<number> {
  const { file, inventory } = loadInventory(opts.inventory);
  const slot = selectSlot(inventory, file, opts.slot);
  const waitSec = seconds(opts.wait, "--wait");
  const host = new TerminalHost({ out: (l) => process.stderr.write(l + "\n") });
  return underSlotLease(
    inventory,
    slot.id,
    { waitSec, host, claimAs: { kind: "lock", command } },
    async (scope) => {
      host.info(
        `hil lock: ${slot.id} ${scope.mode === "job" ? `under job ${scope.holder.job_id}'s lease` : `leased as ${scope.holder.job_id}`}; running ${command.join(" ")}`,
      );
      const child = spawn(command[0]!, command.slice(1), {
        stdio: "inherit",
        env: { ...process.env, ...scope.env, HIL_SLOTS: file },
      });
      const forward = (sig: NodeJS.Signals) => () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      const handlers = FORWARDED.map((sig) => [sig, forward(sig)] as const);
      for (const [sig, h] of handlers) process.on(sig, h);
      const onLost = () => {
        host.error(`hil lock: ${describeError(scope.signal.reason)}`);
        child.kill("SIGTERM");
      };
      scope.signal.addEventListener("abort", onLost);
      try {
        return await new Promise<number>((resolve, reject) => {
          child.once("error", (e) =>
            reject(
              new ConfigurationError(
                `Cannot run ${command[0]}: ${(e as NodeJS.ErrnoException).code}.`,
                {
                  hint: "Check the command name and PATH.",
                },
              ),
            ),
          );
          child.once("exit", (code, signal) =>
            resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
          );
        });
      } finally {
        scope.signal.removeEventListener("abort", onLost);
        for (const [sig, h] of handlers) process.off(sig, h);
      }
    },
  );
}

export function registerLock(program: Command): void {
  program
    .command("lock")
    .description("run a command under a slot's lease, like flock")
    .option(...slotOption)
    .option(...inventoryOption)
    .option(
      "--wait <seconds>",
      "seconds to wait while someone else holds the slot",
      String(DEFAULT_LOCK_WAIT_SEC),
    )
    .argument("<command...>", "command to run (after --)")
    .action(async (command: string[], opts: LockOptions) => {
      process.exitCode = await runLocked(command, opts);
    });
}

/** The job lease keeper a job-started hook spawns (claimJobLease); not for people. */
export function registerLeaseKeeper(program: Command): void {
  program
    .command(KEEPER_ARG, { hidden: true })
    .description("hold a job's slot lease until released (started by the job-started hook)")
    .action(async () => {
      process.exitCode = await runKeeper();
    });
}
