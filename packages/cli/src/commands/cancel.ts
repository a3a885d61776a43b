import type { Command } from "commander";
import { loadInventory, selectSlot } from "@hil/inventory";
import { cancelSlotJob } from "@hil/lifecycle";
import { describeHolder } from "@hil/lease";
import { inventoryOption, slotOption } from "./common";

/**
 * `hil cancel --slot hut-01 [--reason …]`: raise the cancellation flag of the job holding the
 * slot. Its steps stop before the next one (status cancelled); a running `hil step` stops its
 * command at once; the job-completed hook then reports `cancelled` and releases the slot.
 */
export function registerCancel(program: Command): void {
  program
    .command("cancel")
    .description("cancel the job that holds a slot: its steps stop, the report says cancelled")
    .option(...slotOption)
    .option(...inventoryOption)
    .option("--reason <text>", "why, for the report and the journal")
    .action((opts: { slot?: string; inventory?: string; reason?: string }) => {
      const { file, inventory } = loadInventory(opts.inventory);
      const slot = selectSlot(inventory, file, opts.slot);
      const r = cancelSlotJob(inventory, slot.id, opts.reason ? { reason: opts.reason } : {});
      process.stdout.write(
        r.raised
          ? `Cancel requested for ${describeHolder(r.holder)} on ${r.slot}: ${r.reason}.\nIts steps stop before the next one; a running \`hil step\` stops its command now. The job-completed hook reports it as cancelled and releases ${r.slot}.\n`
          : `Cancel was already requested for job ${r.holder.job_id} on ${r.slot}: ${r.reason}.\n`,
      );
    });
}
