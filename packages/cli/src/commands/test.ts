import { ciContext } from "@hil/ci";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { Slot } from "@hil/contracts";
import { type Host, hostForCi } from "@hil/host";
import { interruptSignal, type PowerCycler, runHilTest } from "@hil/hil-test";
import { withHardwareStep } from "@hil/lifecycle";
import { powerCycler } from "@hil/power";
import { inventoryOption, seconds, slotOption } from "./common";

export interface TestCommandOptions {
  slot?: string;
  inventory?: string;
  timeout: string;
  inactivityTimeout: string;
  expect: string[];
  fail: string[];
  unity: boolean;
  unityMenu?: string;
  powerCycle?: boolean;
  outDir?: string;
  sourceRoot?: string;
  wait: string;
  quiet?: boolean;
  summary?: string;
  json?: boolean;
}

export interface TestCommandDeps {
  /** How to switch a slot's power; default: the slot's Home Assistant relay (@hil/power). */
  power?: (slot: Slot, host: Host) => PowerCycler | undefined;
  out?: (line: string) => void;
}

/**
 * `hil test`: what the hil-test action does, at a terminal or in a CI script: reset the slot's
 * board, read and judge its console, write the console log and JUnit (hil-out/<slot>/ by
 * default), journal into the job when there is one. Exits 0 success, 1 failed, 124 timeout,
 * 130 cancelled.
 */
export async function testCommand(
  o: TestCommandOptions,
  env: NodeJS.ProcessEnv = process.env,
  deps: TestCommandDeps = {},
): Promise<number> {
  const timeoutSec = seconds(o.timeout, "--timeout");
  const inactivitySec = seconds(o.inactivityTimeout, "--inactivity-timeout");
  const waitSec = seconds(o.wait, "--wait");
  // With --json the log stays off stdout.
  const host = hostForCi(ciContext(env), {
    ...(o.summary ? { summaryFile: o.summary } : {}),
    ...(o.json ? { out: (l: string) => void process.stderr.write(l + "\n") } : {}),
  });
  const out = deps.out ?? ((l: string) => process.stdout.write(l + "\n"));
  const where = {
    ...(o.slot ? { slot: o.slot } : {}),
    ...(o.inventory ? { inventory: o.inventory } : {}),
  };
  // The fork gate and the job's cancellation flag first, as for every hardware step.
  return withHardwareStep(
    { name: "hil-test", host, env, ...where },
    async ({ inventory, slot, context }) => {
      const workspace = context.ci.workspace ?? process.cwd();
      const power = deps.power
        ? deps.power(slot, host)
        : powerCycler({ inventory, slot, step: "hil-test", host, env });
      const interrupt = interruptSignal();
      try {
        const run = await runHilTest({
          inventory,
          slot,
          job: context.job,
          host,
          env,
          timeoutSec,
          inactivitySec,
          unity: o.unity,
          waitSec,
          echo: !o.quiet && !o.json,
          workspace,
          signal: interrupt.signal,
          ...(o.expect.length ? { expect: o.expect } : {}),
          ...(o.fail.length ? { fail: o.fail } : {}),
          ...(o.unityMenu ? { unityMenu: o.unityMenu } : {}),
          ...(o.powerCycle ? { powerCycle: true } : {}),
          ...(o.outDir ? { outDir: resolve(o.outDir) } : {}),
          ...(o.sourceRoot ? { sourceRoots: [o.sourceRoot] } : {}),
          ...(power ? { power } : {}),
        });
        const r = run.result;
        if (o.json) {
          out(
            host.redact(
              JSON.stringify(
                {
                  slot: run.slot,
                  status: r.status,
                  exit_code: run.exitCode,
                  failure_kind: r.failureKind ?? null,
                  reason: r.reason,
                  hint: r.hint ?? null,
                  counts: r.counts,
                  failures: r.tests
                    .filter((x) => x.status === "failed")
                    .map((x) => ({ name: x.name, file: x.file, line: x.line, message: x.message })),
                  console_log: run.paths.consoleLog ?? null,
                  junit: run.paths.junit ?? null,
                  job_id: run.job?.id ?? null,
                },
                null,
                2,
              ),
            ),
          );
        } else {
          const c = r.counts;
          out(
            `${run.slot}: ${r.status}${r.failureKind ? ` (${r.failureKind})` : ""}: ${r.reason} — ` +
              `${c.passed} passed, ${c.failed} failed, ${c.ignored} ignored`,
          );
          if (run.paths.consoleLog) out(`console log: ${run.paths.consoleLog}`);
          if (run.paths.junit) out(`JUnit:       ${run.paths.junit}`);
        }
        return run.exitCode;
      } finally {
        interrupt.dispose();
      }
    },
  );
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `hil test` (see commands/index.ts). */
export function registerTest(program: Command): void {
  program
    .command("test")
    .description("reset a slot's board into the app and judge its console")
    .option(...slotOption)
    .option(...inventoryOption)
    .option("--timeout <sec>", "seconds the whole run may take", "300")
    .option("--inactivity-timeout <sec>", "seconds without console output before it hangs", "60")
    .option(
      "--expect <pattern>",
      "a pattern that must appear (/regex/ or text; repeat)",
      collect,
      [],
    )
    .option(
      "--fail <pattern>",
      "a pattern that fails the run (/regex/ or text; repeat)",
      collect,
      [],
    )
    .option("--no-unity", "do not judge Unity output (patterns and crashes only)")
    .option("--unity-menu <selection>", 'drive the Unity menu: *, [tag], "name" or an index')
    .option("--power-cycle", "reset by power instead of through the serial port")
    .option("--out-dir <dir>", "console log and JUnit (default: hil-out/<slot>)")
    .option("--source-root <dir>", "where the firmware was built (Unity's paths start with it)")
    .option("--wait <sec>", "seconds to wait for the slot when someone else holds it", "60")
    .option("--quiet", "do not show the console as it arrives")
    .option("--summary <file>", "append the Markdown summary (default: GITHUB_STEP_SUMMARY)")
    .option("--json", "print the verdict as JSON (and not the console)")
    .addHelpText(
      "after",
      "\nExit status: 0 success, 1 failed (tests, crash, board or set-up), 124 timed out, 130 cancelled.",
    )
    .action(async (opts: TestCommandOptions) => {
      process.exitCode = await testCommand(opts);
    });
}
