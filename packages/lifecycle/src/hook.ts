import { appendFileSync } from "node:fs";
import { ciContext } from "@hil/ci";
import { describeError, HilError } from "@hil/contracts";
import type { Host } from "@hil/host";
import { jobCompleted } from "./completed";
import { jobStarted, type JobStartedOptions } from "./started";

/**
 * Where the started hook leaves the steps' variables:
 * - GITHUB_ENV (`NAME=value` lines): the runner documents environment files for hooks; steps
 *   still do not rely on it (they find the job through the slot's lease);
 * - HIL_HOOK_ENV_FILE (`export NAME='value'` lines): the GitLab pre_build_script sources it in
 *   the job's own shell, so the job's script sees the variables.
 */
export function exportToEnvFiles(env: NodeJS.ProcessEnv): (vars: Record<string, string>) => void {
  return (vars) => {
    const entries = Object.entries(vars).filter(([, v]) => !/[\r\n]/.test(v));
    const githubEnv = ciContext(env).files.env;
    if (githubEnv) {
      appendFileSync(githubEnv, entries.map(([k, v]) => `${k}=${v}\n`).join(""));
    }
    if (env.HIL_HOOK_ENV_FILE) {
      const q = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
      appendFileSync(
        env.HIL_HOOK_ENV_FILE,
        entries.map(([k, v]) => `export ${k}=${q(v)}\n`).join(""),
      );
    }
  };
}

export type HookPhase = "started" | "completed";

export interface RunHookOptions extends Pick<
  JobStartedOptions,
  "keeper" | "fetch" | "inventoryFile"
> {
  env?: NodeJS.ProcessEnv;
  host: Host;
}

/**
 * One hook run, as the runner-hooks bundle and `hil hook` do it; resolves to the exit code.
 * started: 0 when the job may run, 1 when it was refused or failed (the job then fails, and the
 * message says what to do). completed: 0 whatever the job did (publishing problems only warn),
 * 1 only when the slot's lease could not be released or the job could not be completed at all.
 */
export async function runHook(phase: string | undefined, o: RunHookOptions): Promise<number> {
  const env = o.env ?? process.env;
  const { host } = o;
  const ci = ciContext(env);
  for (const t of [ci.tokens.github, ci.tokens.gitlab, ci.gitlab.jobToken]) {
    if (t) host.maskSecret(t);
  }
  try {
    if (phase === "started") {
      await jobStarted({
        env,
        host,
        exportEnv: exportToEnvFiles(env),
        ...(o.keeper ? { keeper: o.keeper } : {}),
        ...(o.fetch ? { fetch: o.fetch } : {}),
        ...(o.inventoryFile ? { inventoryFile: o.inventoryFile } : {}),
      });
      return 0;
    }
    if (phase === "completed") {
      const r = await jobCompleted({
        env,
        host,
        ...(o.inventoryFile ? { inventoryFile: o.inventoryFile } : {}),
      });
      return r.leaseStuck ? 1 : 0;
    }
    host.error(`The hook phase must be started or completed, not ${phase ?? "nothing"}.`);
    return 2;
  } catch (e) {
    host.error(host.redact(describeError(e)));
    if (!(e instanceof HilError) && e instanceof Error && e.stack) host.debug(e.stack);
    return 1;
  }
}
