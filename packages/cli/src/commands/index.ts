import type { Command } from "commander";
import { ConfigurationError } from "@hil/contracts";
import { registerSim } from "./sim";

/** Registers one subcommand on the program. */
export type Register = (program: Command) => void;

function notYet(name: string): () => never {
  return () => {
    throw new ConfigurationError(`hil ${name} is not implemented in this version of hil-actions.`);
  };
}

const slotOption = [
  "--slot <id>",
  "slot id (default: HIL_SLOT or the runner's esp32-hut-NN label)",
] as const;
const inventoryOption = [
  "--inventory <file>",
  "slot inventory (default: HIL_SLOTS or /etc/hil/slots.yaml)",
] as const;

export const COMMANDS: Register[] = [
  (p) =>
    p
      .command("slots")
      .description("list the slots of this host with their lease state and health")
      .option(...inventoryOption)
      .option("--json", "print JSON")
      .action(notYet("slots")),
  (p) =>
    p
      .command("doctor")
      .description("check this host: ports, permissions, lock dir, Home Assistant, inventory")
      .option(...inventoryOption)
      .action(notYet("doctor")),
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
  (p) =>
    p
      .command("lock")
      .description("run a command under a slot's lease, like flock")
      .option(...slotOption)
      .option(...inventoryOption)
      .option("--wait <seconds>", "seconds to wait for the lease")
      .argument("<command...>", "command to run (after --)")
      .action(notYet("lock")),
  (p) =>
    p
      .command("report")
      .description("assemble a job's ws2.report.v1 from its journal and publish it")
      .option(...slotOption)
      .option(...inventoryOption)
      .action(notYet("report")),
  (p) =>
    p
      .command("bundle")
      .description("package an ESP-IDF build directory into a firmware bundle")
      .argument("[build-dir]", "ESP-IDF build directory", "build")
      .action(notYet("bundle")),
  registerSim,
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
];
