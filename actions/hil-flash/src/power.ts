import type { Inventory, Slot } from "@hil/contracts";
import type { PowerCycleFn } from "@hil/flasher";

/**
 * The power cycle the recovery ladder may use for a slot with `power:`. The Home Assistant
 * power-cycle library plugs in here (a function that cycles the slot and returns the
 * contracts' PowerCycleResult); until then the ladder stops after the hard reset and its
 * error says so.
 */
export function powerCycleFor(_slot: Slot, _inventory: Inventory): PowerCycleFn | undefined {
  return undefined;
}
