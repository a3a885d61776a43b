import { readInputs, runAction } from "@hil/actions-kit";
import { interruptSignal, runHilTest } from "@hil/hil-test";
import { loadInventory, selectSlot } from "@hil/inventory";
import { powerCycler } from "@hil/power";
import { ACTION, inputs } from "./inputs";

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, []);
  const env = process.env;
  const { inventory, file } = loadInventory(i.inventory, env);
  const slot = selectSlot(inventory, file, i.slot, env);

  // Hardware-step gate (runner hooks: cancellation flag, fork-PR refusal) goes here, before
  // the board is touched. runHilTest also ends a cancelled job as `cancelled` by itself.

  // A slot with `power:` can be power-cycled: for `power-cycle: true`, and once for a silent board.
  const power = powerCycler({ inventory, slot, step: ACTION, host, env });
  const interrupt = interruptSignal();
  try {
    const run = await runHilTest({
      inventory,
      slot,
      host,
      env,
      timeoutSec: i.timeout,
      inactivitySec: i["inactivity-timeout"],
      unity: i.unity,
      powerCycle: i["power-cycle"],
      echo: i["show-console"],
      waitSec: i["slot-wait"],
      workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
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
});
