import type { Command } from "commander";
import { ConfigurationError } from "@hil/contracts";
import { registerBundle } from "./bundle";
import { registerCancel } from "./cancel";
import { inventoryOption, slotOption } from "./common";
import { registerDoctor } from "./doctor";
import { registerHook } from "./hook";
import { registerLeaseKeeper, registerLock } from "./lock";
import { registerReport } from "./report";
import { registerSlots } from "./slots";
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
  (p) =>
    p
      .command("flash")
      .description(
        "write a firmware bundle to a slot's board (compressed, verified, unchanged sectors skipped)",
      )
      .argument("<bundle>", "bundle directory or zip")
      .option(...slotOption)
      .option(...inventoryOption)
      .action(notYet("flash")),
  (p) =>
    p
      .command("test")
      .description("reset a slot's board into the app and judge its console")
      .option(...slotOption)
      .option(...inventoryOption)
      .action(notYet("test")),
  (p) =>
    p
      .command("power-cycle")
      .description("cut and restore a slot's power through Home Assistant")
      .option(...slotOption)
      .option(...inventoryOption)
      .action(notYet("power-cycle")),
  registerLock,
  (p) => registerReport(p, { slot: slotOption, inventory: inventoryOption }),
  registerBundle,
  registerStep,
  registerCancel,
  registerHook,
  (p) =>
    p
      .command("sim")
      .description("serve simulated ESP32 boards on 127.0.0.1 until killed")
      .option("--slots <n>", "number of boards", "2")
      .option("--inventory <file>", "also write a matching slot inventory")
      .action(notYet("sim")),
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
