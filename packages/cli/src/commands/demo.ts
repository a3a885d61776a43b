import type { Command } from "commander";
import { demoSummary, runDemo } from "@hil/lab";

/**
 * `hil demo [--out DIR]`: the whole loop on two simulated slots (see @hil/lab runDemo). Prints
 * a short summary; exits 1 when the loop is broken.
 */
export async function demoCommand(o: { out?: string; verbose?: boolean }): Promise<number> {
  process.stdout.write(
    "hil demo: starting two simulated boards, a local GitHub and the runners…\n",
  );
  const result = await runDemo({
    ...(o.out ? { out: o.out } : {}),
    ...(o.verbose
      ? { onLine: (source, line) => process.stdout.write(`  [${source}] ${line}\n`) }
      : {}),
  });
  process.stdout.write(demoSummary(result).join("\n") + "\n");
  return result.ok ? 0 : 1;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "run the whole loop on two simulated slots: build → lease → flash → test → power-cycle recovery → report → commit status",
    )
    .option("--out <dir>", "where the reports, JUnit and console logs go", "hil-out/demo")
    .option("--verbose", "show every line the jobs print")
    .action(async (o: { out?: string; verbose?: boolean }) => {
      process.exitCode = await demoCommand(o);
    });
}
