import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { ConfigurationError, HilError } from "@hil/contracts";
import type { Host } from "@hil/host";

/**
 * Run the user's build command (e.g. `idf.py build`, or `docker run … espressif/idf … idf.py
 * build`) the way a workflow `run:` step does: bash with -eo pipefail, in `cwd`, every output
 * line passed to the host as it comes.
 */
export async function runBuildCommand(command: string, cwd: string, host: Host): Promise<void> {
  if (!existsSync(cwd)) {
    throw new ConfigurationError(`The build command's working directory ${cwd} does not exist.`, {
      hint: "Fix working-directory (it is relative to the workspace).",
    });
  }
  const run = (shell: string, args: string[]) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(shell, [...args, command], {
        cwd,
        env: process.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      createInterface({ input: child.stdout }).on("line", (l) => host.info(l));
      createInterface({ input: child.stderr }).on("line", (l) => host.info(l));
      child.on("error", reject);
      child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  let code: number;
  try {
    code = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c"]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      // No bash (e.g. a minimal container): POSIX sh.
      try {
        code = await run("sh", ["-e", "-c"]);
      } catch (e2) {
        throw new ConfigurationError(
          `Cannot run the build command in ${cwd}: ${(e2 as Error).message}.`,
          { hint: "Check working-directory exists and a shell is installed." },
        );
      }
    } else {
      throw new ConfigurationError(
        `Cannot run the build command in ${cwd}: ${(e as Error).message}.`,
        { hint: "Check working-directory exists." },
      );
    }
  }
  if (code !== 0) {
    throw new HilError(`The build command failed with exit code ${code}: ${command}`, {
      hint: "Fix the build (its output is above); no bundle was made.",
    });
  }
}
