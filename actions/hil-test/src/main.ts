import { readInputs, runAction } from "@hil/actions-kit";
import { interruptSignal, runHilTest } from "@hil/hil-test";
import { JobCancelledError, withHardwareStep } from "@hil/lifecycle";
import { powerCycler } from "@hil/power";
import { ACTION, inputs } from "./inputs";

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, []);
  const env = process.env;
  // The fork gate and the job's cancellation flag, before the board is touched.
  const where = {
    ...(i.slot ? { slot: i.slot } : {}),
    ...(i.inventory ? { inventory: i.inventory } : {}),
  };
  try {
    await withHardwareStep(
      { name: ACTION, host, env, ...where },
      async ({ inventory, slot, context }) => {
        // A slot with `power:` can be power-cycled: for `power-cycle: true`, and once for a silent board.
        const power = powerCycler({ inventory, slot, step: ACTION, host, env });
        const interrupt = interruptSignal();
        try {
          const run = await runHilTest({
            inventory,
            slot,
            job: context.job,
            host,
            env,
            timeoutSec: i.timeout,
            inactivitySec: i["inactivity-timeout"],
            unity: i.unity,
            powerCycle: i["power-cycle"],
            echo: i["show-console"],
            waitSec: i["slot-wait"],
            workspace: context.ci.workspace ?? process.cwd(),
            signal: interrupt.signal,
            ...(i.expect ? { expect: i.expect } : {}),
            ...(i.fail ? { fail: i.fail } : {}),
            ...(i["unity-menu"] ? { unityMenu: i["unity-menu"] } : {}),
            ...(i["out-dir"] ? { outDir: i["out-dir"] } : {}),
            ...(i["source-root"] ? { sourceRoots: [i["source-root"]] } : {}),
            ...(power ? { power } : {}),
          });
          process.exitCode = run.exitCode;
        } finally {
          interrupt.dispose();
        }
      },
    );
  } catch (e) {
    // A cancelled job refuses the step before the board is touched: say so in the outputs too.
    if (e instanceof JobCancelledError) {
      host.setOutput("status", e.status);
      for (const n of ["tests", "passed", "failed", "ignored"]) host.setOutput(n, 0);
      await host.writeSummary(`### ⏹️ ${ACTION}: not started: ${e.message}\n`);
    }
    throw e;
  }
});
