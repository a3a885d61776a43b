import type { Command } from "commander";
import type { Inventory } from "@hil/contracts";
import { loadInventory, selectSlot } from "@hil/inventory";
import {
  currentUser,
  describeAge,
  health,
  holderWho,
  leaseStatus,
  resetHealth,
  type LeaseStatus,
  type SlotHealth,
} from "@hil/lease";
import { inventoryOption, textTable } from "./common";

export interface SlotRow {
  id: string;
  label: string;
  chip: string;
  port: string;
  lease: LeaseStatus;
  health: SlotHealth;
}

export function slotRows(inv: Inventory): SlotRow[] {
  return inv.slots.map((s) => ({
    id: s.id,
    label: s.label,
    chip: s.chip,
    port: s.port,
    lease: leaseStatus(inv, s.id),
    health: health(inv, s.id),
  }));
}

export function describeHealth(h: SlotHealth): string {
  if (!h.healthy) {
    return `UNHEALTHY (${h.consecutive_failures} infra failures in a row since ${h.unhealthy_since ?? "?"})`;
  }
  return h.consecutive_failures
    ? `ok (${h.consecutive_failures}/${h.threshold} infra failures)`
    : "ok";
}

function leaseCells(l: LeaseStatus, now: number): string[] {
  if (!l.holder) return [l.state, "", "", ""];
  const h = l.holder;
  const state =
    l.state === "stale" && l.refreshedAt
      ? `STALE (refreshed ${describeAge(now - l.refreshedAt.getTime())})`
      : l.state;
  return [
    state,
    holderWho(h),
    `${h.since} (${describeAge(now - Date.parse(h.since))})`,
    h.commit_sha ? h.commit_sha.slice(0, 12) : "",
  ];
}

export function slotsTable(rows: SlotRow[], now = Date.now()): string {
  return textTable(
    ["SLOT", "LABEL", "CHIP", "PORT", "LEASE", "HOLDER", "SINCE", "SHA", "HEALTH"],
    rows.map((r) => [
      r.id,
      r.label,
      r.chip,
      r.port,
      ...leaseCells(r.lease, now),
      describeHealth(r.health),
    ]),
  );
}

export function registerSlots(program: Command): void {
  program
    .command("slots")
    .description("list the slots of this host with their lease state and health")
    .option(...inventoryOption)
    .option("--json", "print JSON")
    .option("--reset-health <slot>", "mark a slot healthy again (after fixing its board or cable)")
    .action((opts: { inventory?: string; json?: boolean; resetHealth?: string }) => {
      const { file, inventory } = loadInventory(opts.inventory);
      if (opts.resetHealth) {
        const slot = selectSlot(inventory, file, opts.resetHealth);
        const before = health(inventory, slot.id);
        resetHealth(inventory, slot.id, currentUser());
        process.stdout.write(
          `${slot.id}: health reset (was ${describeHealth(before)}); jobs may use it again.\n`,
        );
        return;
      }
      const rows = slotRows(inventory);
      if (opts.json) {
        const json = rows.map((r) => ({
          ...r,
          lease: {
            state: r.lease.state,
            path: r.lease.path,
            ...(r.lease.holder ? { holder: { ...r.lease.holder, token: undefined } } : {}),
            ...(r.lease.refreshedAt ? { refreshed_at: r.lease.refreshedAt.toISOString() } : {}),
          },
        }));
        process.stdout.write(JSON.stringify({ inventory: file, slots: json }, null, 2) + "\n");
        return;
      }
      process.stdout.write(`${file}\n${slotsTable(rows)}\n`);
    });
}
