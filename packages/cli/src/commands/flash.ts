import type { Command } from "commander";
import { withHardwareStep } from "@hil/lifecycle";
import { ConfigurationError } from "@hil/contracts";
import { flashSlot, type FlashSlotOptions, type FlashSlotResult } from "@hil/flasher";
import { TerminalHost } from "@hil/host";
import { inventoryOption, seconds, slotOption } from "./common";

export interface FlashCommandOptions {
  slot?: string;
  inventory?: string;
  baud?: string;
  sha?: string;
  skipUnchanged: boolean;
  verify: boolean;
  wait: string;
  json?: boolean;
  verbose?: boolean;
}

function baudOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 9600 || n > 5_000_000)
    throw new ConfigurationError(
      `--baud: expected a baud rate from 9600 to 5000000, got "${value}".`,
      {
        hint: "For example --baud 921600 (or 460800 for a long cable).",
      },
    );
  return n;
}

/**
 * `hil flash [bundle]`: the hil-flash step at a terminal. Progress goes to stdout (stderr
 * with --json, which prints the result); the exit code is 0 when flashed, 1 otherwise.
 */
export async function flashCommand(
  bundle: string | undefined,
  o: FlashCommandOptions,
  extra: Pick<FlashSlotOptions, "env" | "powerCycleFor" | "createDevice"> = {},
): Promise<FlashSlotResult> {
  const toStderr = (l: string) => process.stderr.write(l + "\n");
  const host = new TerminalHost({
    ...(o.json ? { out: toStderr } : {}),
    ...(o.verbose ? { verbose: true } : {}),
  });
  const baud = baudOf(o.baud);
  const env = extra.env ?? process.env;
  const where = {
    ...(o.slot ? { slot: o.slot } : {}),
    ...(o.inventory ? { inventory: o.inventory } : {}),
  };
  // The fork gate and the job's cancellation flag first, as for every hardware step.
  return withHardwareStep({ name: "hil-flash", host, env, ...where }, async ({ context }) => {
    const result = await flashSlot({
      host,
      context,
      ...(bundle ? { bundle } : {}),
      ...(o.sha ? { sha: o.sha } : {}),
      ...(baud ? { baud } : {}),
      skipUnchanged: o.skipUnchanged,
      verify: o.verify,
      waitSec: seconds(o.wait, "--wait"),
      ...extra,
    });
    if (o.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    return result;
  });
}

export function registerFlash(program: Command): void {
  program
    .command("flash")
    .description(
      "write a firmware bundle to a slot's board (compressed, verified, unchanged sectors skipped)",
    )
    .argument(
      "[bundle]",
      "bundle directory or zip (default: the job's bundle: HIL_BUNDLE, or the CI's fw-<sha> through the host cache)",
    )
    .option(...slotOption)
    .option(...inventoryOption)
    .option("--baud <rate>", "flashing baud rate (default: the slot's baud)")
    .option(
      "--sha <sha>",
      "the commit the bundle must be built from (default: HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA; none: not checked)",
    )
    .option("--no-skip-unchanged", "write every sector, even those the board already holds")
    .option("--no-verify", "do not read written images back by MD5")
    .option("--wait <seconds>", "seconds to wait while someone else holds the slot", "0")
    .option("--json", "print the result as JSON on stdout (progress goes to stderr)")
    .option("-v, --verbose", "also print esptool-js's own messages")
    .action(async (bundle: string | undefined, o: FlashCommandOptions) => {
      await flashCommand(bundle, o);
    });
}
