import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { ConfigurationError, describeError } from "@hil/contracts";
import { TerminalHost } from "@hil/host";
import { leaseEnv } from "@hil/lease";
import { JobCancelledError, openStep } from "@hil/lifecycle";
import { inventoryOption, seconds, slotOption } from "./common";

interface StepOptions {
  name: string;
  artifact: string[];
  slot?: string;
  inventory?: string;
  grace: string;
}

function took(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * `hil step --name NAME [--artifact PATH]… -- CMD…`: run CMD as a journaled step of the job
 * that holds the slot, so a user's own shell steps take part in the report. The cancellation
 * flag is checked first (a cancelled job does not start it); while CMD runs, the flag stops it
 * (SIGTERM to its process group, SIGKILL after --grace); SIGINT/SIGTERM/SIGHUP from the runner
 * are recorded as cancelled at once and stop it the same way (a second one kills it). The journal gets one `step` entry (exit code,
 * duration) and an `artifact` entry per --artifact that exists; the exit code is CMD's (128+n
 * for signal n; 130 cancelled, 124 past the job's deadline).
 */
export async function runStep(command: string[], o: StepOptions): Promise<number> {
  const graceMs = seconds(o.grace, "--grace") * 1000;
  const host = new TerminalHost({ out: (l) => process.stderr.write(l + "\n") });
  const cmd: { child?: ChildProcess } = {}; // set once CMD runs; a signal may come before
  let hardKill: NodeJS.Timeout | undefined;
  const kill = (sig: NodeJS.Signals) => {
    const child = cmd.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, sig); // its process group: `sh -c` and what it started
    } catch {
      child.kill(sig);
    }
  };
  // The job's flag (hil cancel, the deadline) or a stop signal (recorded as cancelled at once by
  // the step, since a SIGKILL may follow): SIGTERM to CMD, SIGKILL --grace later or on a second signal.
  const stop = () => {
    kill("SIGTERM");
    hardKill ??= setTimeout(() => kill("SIGKILL"), graceMs);
  };
  let opened: Awaited<ReturnType<typeof openStep>>;
  try {
    opened = await openStep({
      name: o.name,
      host,
      onSignal: (_sig, count) => {
        if (count > 1) kill("SIGKILL");
      },
      ...(o.slot ? { slot: o.slot } : {}),
      ...(o.inventory ? { inventory: o.inventory } : {}),
    });
  } catch (e) {
    if (e instanceof JobCancelledError) {
      host.error(`hil step ${o.name}: ${describeError(e)}`);
      return e.exitCode;
    }
    throw e;
  }
  const { step, job, slot, inventoryFile } = opened;
  const started = Date.now();
  const shown = command.join(" ");
  const running = spawn(command[0]!, command.slice(1), {
    stdio: "inherit",
    detached: true,
    env: {
      ...process.env,
      ...(job.holder ? leaseEnv(job.holder) : {}),
      HIL_JOB_DIR: job.jobDir,
      HIL_JOB_ID: job.jobId,
      HIL_SLOT: slot.id,
      HIL_SLOTS: inventoryFile,
    },
  });
  cmd.child = running;
  step.signal.addEventListener("abort", stop);

  let code: number;
  let signal: NodeJS.Signals | null;
  try {
    [code, signal] = await new Promise<[number, NodeJS.Signals | null]>((resolveExit, reject) => {
      running.once("error", (e) =>
        reject(
          new ConfigurationError(
            `Cannot run ${command[0]}: ${(e as NodeJS.ErrnoException).code}.`,
            {
              hint: "Check the command name and PATH.",
            },
          ),
        ),
      );
      running.once("exit", (c, s) =>
        resolveExit([c ?? 128 + (s ? (constants.signals[s] ?? 0) : 0), s]),
      );
    });
  } catch (e) {
    step.fail(e);
    throw e;
  } finally {
    clearTimeout(hardKill);
    step.signal.removeEventListener("abort", stop);
    step.release();
  }

  for (const a of o.artifact) {
    if (existsSync(resolve(a))) step.artifact(a);
    else host.warn(`hil step ${o.name}: artifact ${a} does not exist; not listed.`);
  }
  const elapsed = took(Date.now() - started);
  if (step.signal.aborted) {
    const why = step.signal.reason as JobCancelledError;
    step.finish({
      status: why.status,
      exit_code: why.exitCode,
      summary:
        why.status === "timeout"
          ? `timed out after ${elapsed}: ${why.detail}`
          : `cancelled after ${elapsed}: ${why.reason}`,
    });
    host.error(`hil step ${o.name}: ${why.reason}; ${shown} was stopped.`);
    return why.exitCode;
  }
  if (code === 0) {
    step.finish({ status: "success", exit_code: 0, summary: `${shown} passed in ${elapsed}` });
  } else {
    step.finish({
      status: "failed",
      exit_code: code,
      summary: `${shown} ${signal ? `was killed by ${signal}` : `exited with ${code}`} after ${elapsed}`,
    });
  }
  return code;
}

export function registerStep(program: Command): void {
  program
    .command("step")
    .description(
      "run a command as a journaled step of the slot's job (exit code, duration, artifacts)",
    )
    .requiredOption("--name <name>", "the step's name in the journal and the report")
    .option(
      "--artifact <path>",
      "a file the command produces, listed in the report (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(...slotOption)
    .option(...inventoryOption)
    .option("--grace <seconds>", "after asking the command to stop, kill it this much later", "10")
    .argument("<command...>", "command to run (after --)")
    .action(async (command: string[], opts: StepOptions) => {
      process.exitCode = await runStep(command, opts);
    });
}
