import type { Command } from "commander";
import { registerBench } from "./bench";
import { registerBundle } from "./bundle";
import { registerCancel } from "./cancel";
import { registerDemo } from "./demo";
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
  registerDemo,
  registerBench,
  registerLeaseKeeper,
];
