import { readInputs, runAction } from "@hil/actions-kit";
import type { RecoveryEvent } from "@hil/contracts";
import { flashSlot, type BoardIdentity } from "@hil/flasher";
import { withHardwareStep } from "@hil/lifecycle";
import { ACTION, inputs } from "./inputs";

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, ["github-token"]);

  // The fork gate and the job's cancellation flag, before the slot is touched.
  const where = {
    ...(i.slot ? { slot: i.slot } : {}),
    ...(i.inventory ? { inventory: i.inventory } : {}),
  };
  await withHardwareStep({ name: ACTION, host, ...where }, async ({ context }) => {
    const events: RecoveryEvent[] = [];
    let board: BoardIdentity | undefined;
    try {
      const r = await flashSlot({
        host,
        context,
        ...(i.bundle ? { bundle: i.bundle } : {}),
        ...(i["github-token"] ? { token: i["github-token"] } : {}),
        ...(i.baud ? { baud: i.baud } : {}),
        skipUnchanged: i["skip-unchanged"],
        verify: i.verify,
        onRecovery: (e) => events.push(e),
        onBoard: (b) => (board = b),
      });
      host.setOutput("bytes-written", r.bytesWritten);
      host.setOutput("compressed-bytes", r.compressedBytes);
      host.setOutput("sectors-written", r.sectorsWritten);
      host.setOutput("sectors-skipped", r.sectorsSkipped);
      host.setOutput("seconds", r.seconds.toFixed(2));
    } finally {
      // Also after a failure: which board answered and what the recovery ladder did.
      if (board) {
        host.setOutput("chip", board.chip ?? board.description);
        host.setOutput("mac", board.mac);
        host.setOutput("port", board.port);
      }
      host.setOutput("recovery-events", JSON.stringify(events));
    }
  });
});
