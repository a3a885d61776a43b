import { ciContext } from "@hil/ci";
import type { Command } from "commander";
import { withHardwareStep } from "@hil/lifecycle";
import { ConfigurationError } from "@hil/contracts";
import { type Host, hostForCi } from "@hil/host";
import {
  bootPattern,
  cycleSlotPower,
  DEFAULT_LEASE_WAIT_SEC,
  publishPowerCycle,
  type PowerOverrides,
} from "@hil/power";
import { inventoryOption, seconds, slotOption } from "./common";

export const POWER_CYCLE_STEP = "hil power-cycle";

export interface PowerCycleOptions {
  slot?: string;
  inventory?: string;
  reason?: string;
  off?: string;
  settle?: string;
  retries?: string;
  waitForBoot?: boolean;
  bootPattern?: string;
  bootTimeout?: string;
  wait: string;
  fail: boolean;
  json?: boolean;
  summary?: string;
  verbose?: boolean;
}

function retries(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new ConfigurationError(
      `--retries: expected a whole number from 0 to 10, got "${value}".`,
    );
  return n;
}

/**
 * `hil power-cycle`: the ha-power-cycle action at a terminal (or in a GitLab job). Same library,
 * same lease rules: inside the job that holds the slot (hil lock, the hooks) it runs at once;
 * otherwise it waits up to --wait s for the slot and fails naming the holder. Exit 0 when the
 * result is ok (or --no-fail), 1 otherwise; --json prints the result on stdout, the log on stderr.
 */
export async function powerCycleCommand(
  o: PowerCycleOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const overrides: PowerOverrides = {};
  if (o.off !== undefined) overrides.off_sec = seconds(o.off, "--off");
  if (o.settle !== undefined) overrides.settle_sec = seconds(o.settle, "--settle");
  if (o.retries !== undefined) overrides.max_retries = retries(o.retries);
  const leaseWaitSec = seconds(o.wait, "--wait");
  const pattern = o.bootPattern ? bootPattern(o.bootPattern, "--boot-pattern") : undefined;
  const bootTimeoutSec =
    o.bootTimeout !== undefined ? seconds(o.bootTimeout, "--boot-timeout") : undefined;

  const toStderr = (l: string) => process.stderr.write(l + "\n");
  const host: Host = hostForCi(ciContext(env), {
    ...(o.summary ? { summaryFile: o.summary } : {}),
    ...(o.verbose ? { verbose: true } : {}),
    ...(o.json ? { out: toStderr } : {}),
  });

  const where = {
    ...(o.slot ? { slot: o.slot } : {}),
    ...(o.inventory ? { inventory: o.inventory } : {}),
  };
  // The fork gate and the job's cancellation flag first, as for every hardware step.
  return withHardwareStep(
    { name: POWER_CYCLE_STEP, host, env, ...where },
    async ({ inventory, slot, job }) => {
      const result = await cycleSlotPower({
        inventory,
        slot,
        job: job ?? null,
        step: POWER_CYCLE_STEP,
        host,
        env,
        overrides,
        leaseWaitSec,
        ...(o.reason ? { reason: o.reason } : {}),
        ...(o.waitForBoot || pattern || bootTimeoutSec !== undefined
          ? {
              waitForBoot: {
                ...(pattern ? { pattern } : {}),
                ...(bootTimeoutSec !== undefined ? { timeoutSec: bootTimeoutSec } : {}),
              },
            }
          : {}),
      });
      const failure = await publishPowerCycle(result, host, {
        step: POWER_CYCLE_STEP,
        failOnError: o.fail,
        tokenSource: `the variable ${slot.power?.token_env}`,
        job,
      });
      if (o.json) process.stdout.write(host.redact(JSON.stringify(result, null, 2)) + "\n");
      if (failure) throw failure;
      return 0;
    },
  );
}

export function registerPowerCycle(program: Command): void {
  program
    .command("power-cycle")
    .description("cut and restore a slot's power through Home Assistant")
    .option(...slotOption)
    .option(...inventoryOption)
    .option("--reason <text>", "why, for the log and the job's journal")
    .option("--off <seconds>", "seconds the board stays off (default: the slot's power.off_sec)")
    .option("--settle <seconds>", "seconds to wait after power returns (default: power.settle_sec)")
    .option("--retries <n>", "further attempts after a failed cycle (default: power.max_retries)")
    .option("--wait-for-boot", "wait for the board's boot banner on its console")
    .option(
      "--boot-pattern <regex>",
      "the boot banner (default: rst:0x1 \\(POWERON); implies --wait-for-boot",
    )
    .option("--boot-timeout <seconds>", "seconds from power-on to wait for the banner (default 15)")
    .option(
      "--wait <seconds>",
      "seconds to wait while someone else holds the slot",
      String(DEFAULT_LEASE_WAIT_SEC),
    )
    .option("--no-fail", "exit 0 even when the result is not ok")
    .option("--json", "print the result (powerCycleResult) as JSON on stdout")
    .option("--summary <file>", "append a Markdown summary to this file")
    .option("--verbose", "print each Home Assistant call")
    .action(async (opts: PowerCycleOptions) => {
      process.exitCode = await powerCycleCommand(opts);
    });
}
