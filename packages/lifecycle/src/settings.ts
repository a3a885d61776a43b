import { ciContext } from "@hil/ci";
import { ConfigurationError } from "@hil/contracts";
import { resolveJobTimeout } from "@hil/lease";

/**
 * The runner-level settings of the hooks, from the runner's environment (the GitHub runner's
 * `.env`, GitLab Runner's `environment = [...]`). A workflow cannot change them: the hooks do
 * not see a job's `env:`, which is the point for the fork gate.
 */
export interface HookSettings {
  /** HIL_JOB_TIMEOUT_SEC: the job's guardrail (default 1800, max 14400), never past GitLab's CI_JOB_TIMEOUT. */
  timeoutSec: number;
  /** HIL_LEASE_WAIT_SEC: how long the started hook waits for a busy slot (default 300). */
  leaseWaitSec: number;
  /** HIL_FORK_LABEL: the pull request label that lets a fork's PR run (default hil-ok; empty: no label opt-in). */
  forkLabel: string | undefined;
  /** HIL_FORK_ENVIRONMENT: a deployment environment whose approval in the run lets a fork's PR run. */
  forkEnvironment: string | undefined;
  /** HIL_PREFETCH: fetch the job's bundle into the host cache at job start (default on when a token is set). */
  prefetch: boolean;
  /** HIL_JOB_RETENTION_DAYS: completed job directories older than this are removed (default 14; 0 keeps them). */
  retentionDays: number;
}

export const DEFAULT_LEASE_WAIT_SEC = 300;
export const DEFAULT_FORK_LABEL = "hil-ok";
export const DEFAULT_RETENTION_DAYS = 14;

/** The variables HookSettings come from, for docs and `hil doctor`-style listings. */
export const HOOK_ENV = [
  "HIL_JOB_TIMEOUT_SEC",
  "HIL_LEASE_WAIT_SEC",
  "HIL_FORK_LABEL",
  "HIL_FORK_ENVIRONMENT",
  "HIL_PREFETCH",
  "HIL_JOB_RETENTION_DAYS",
] as const;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new ConfigurationError(
      `${name}: expected a whole number from 0 to ${max}, got ${JSON.stringify(env[name])}.`,
      {
        hint: `Fix ${name} in the runner's environment (.env / config.toml), or remove it for ${fallback}.`,
      },
    );
  }
  return n;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = env[name]?.trim().toLowerCase();
  if (!v) return fallback;
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new ConfigurationError(
    `${name}: expected true or false, got ${JSON.stringify(env[name])}.`,
    {
      hint: `Set ${name}=true or ${name}=false in the runner's environment.`,
    },
  );
}

export function hookSettings(env: NodeJS.ProcessEnv = process.env): HookSettings {
  let timeoutSec = resolveJobTimeout(env.HIL_JOB_TIMEOUT_SEC, "HIL_JOB_TIMEOUT_SEC");
  // GitLab stops the job at CI_JOB_TIMEOUT: the slot must not stay leased past it.
  const ciTimeout = ciContext(env).gitlab.jobTimeoutSec;
  if (ciTimeout) timeoutSec = Math.min(timeoutSec, ciTimeout);
  const label = env.HIL_FORK_LABEL === undefined ? DEFAULT_FORK_LABEL : env.HIL_FORK_LABEL.trim();
  const environment = env.HIL_FORK_ENVIRONMENT?.trim();
  return {
    timeoutSec,
    leaseWaitSec: wholeNumber(env, "HIL_LEASE_WAIT_SEC", DEFAULT_LEASE_WAIT_SEC, 14400),
    forkLabel: label || undefined,
    forkEnvironment: environment || undefined,
    prefetch: flag(env, "HIL_PREFETCH", true),
    retentionDays: wholeNumber(env, "HIL_JOB_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, 3650),
  };
}
