import type { Slot } from "@hil/contracts";
import type { Host } from "@hil/host";
import type { PowerCycler } from "@hil/hil-test";

/**
 * How this action switches a slot's power (for `power-cycle: true`, and the power cycle a
 * silent board gets): the power-cycle library, wired here. Undefined means this build cannot,
 * and `power-cycle: true` fails with a ConfigurationError saying so.
 */
export function powerCyclerFor(_slot: Slot, _host: Host): PowerCycler | undefined {
  return undefined;
}
