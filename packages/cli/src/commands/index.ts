import type { Command } from "commander";
import { ConfigurationError } from "@hil/contracts";
import { registerBundle } from "./bundle";
import { registerCancel } from "./cancel";
import { inventoryOption, slotOption } from "./common";
import { registerDoctor } from "./doctor";
import { registerFlash } from "./flash";
import { registerHook } from "./hook";
import { registerLeaseKeeper, registerLock } from "./lock";
import { registerPowerCycle } from "./power-cycle";
import { registerReport } from "./report";
import { registerSlots } from "./slots";
import { registerSim } from "./sim";
import { registerTest } from "./test";
import { registerStep } from "./step";

/** Registers one subcommand on the program. */
export type Register = (program: Command) => void;

function notYet(name: string): () => never {
  return () => {
    throw new ConfigurationError(`hil ${name} is not implemented in this version of hil-actions.`);
  };
}

export const COMMANDS: Register[] = [
  registerSlots,
  registerDoctor,
  registerFlash,
  registerTest,
  registerPowerCycle,
  registerLock,
  (p) => registerReport(p, { slot: slotOption, inventory: inventoryOption }),
  registerBundle,
  registerSim,
  registerStep,
  registerCancel,
  registerHook,
  (p) =>
    p
      .command("demo")
      .description("run the whole loop on two simulated slots")
      .action(notYet("demo")),
  (p) =>
    p
      .command("bench")
      .description("measure the performance table on the simulated line")
      .action(notYet("bench")),
  registerLeaseKeeper,
];
