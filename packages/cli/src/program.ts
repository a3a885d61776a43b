import { Command, CommanderError } from "commander";
import { describeError, HilError } from "@hil/contracts";
import { HIL_VERSION } from "./version";
import { COMMANDS } from "./commands/index";

/** The `hil` command tree. Each subcommand is a thin door onto a library in packages/. */
export function buildProgram(): Command {
  const program = new Command("hil")
    .description("Put ESP32 boards into CI: slots, leases, flashing, testing, power, reports.")
    .version(HIL_VERSION)
    .showHelpAfterError("(run hil --help for usage)")
    .configureHelp({ sortSubcommands: false });
  for (const register of COMMANDS) register(program);
  return program;
}

/** Run the CLI; resolves to the process exit code. The one error boundary of the CLI. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    process.stderr.write(`hil: ${describeError(e)}\n`);
    if (!(e instanceof HilError) && e instanceof Error && process.env.HIL_DEBUG) {
      process.stderr.write(`${e.stack}\n`);
    }
    // Errors that carry their own exit code (a cancelled job: 130, a timeout: 124) keep it.
    const code = (e as { exitCode?: unknown }).exitCode;
    return typeof code === "number" && code > 0 ? code : 1;
  }
}
