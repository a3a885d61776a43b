import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { parseKeyValueFile, parseWorkflowCommands, type WorkflowCommand } from "./workflow-files";

/**
 * Runs a job the way the GitHub Actions runner does, close enough that the product cannot
 * tell: the job-started hook, each step (`node <action>/dist/index.js` with INPUT_* from
 * `with:` and action.yml defaults, fresh GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY
 * files, the default GITHUB_* variables), `if:` conditions, cancellation (SIGINT, then
 * SIGTERM), and the job-completed hook, which runs whatever happened.
 */

export interface GitHubJob {
  /** `owner/repo`. */
  repository: string;
  sha: string;
  ref?: string;
  runId: number;
  runAttempt?: number;
  /** The job's id in the workflow (GITHUB_JOB). */
  job: string;
  workflow?: string;
  eventName?: string;
  /** The webhook payload GITHUB_EVENT_PATH points at. */
  event?: unknown;
  actor?: string;
  /** The job's `GITHUB_TOKEN`, which `${{ github.token }}` defaults expand to. */
  token?: string;
  apiUrl: string;
  serverUrl?: string;
  /** What `actions/checkout` would leave in the workspace: this directory's contents. */
  checkout?: string;
}

export interface GitHubRunnerConfig {
  /** Repository root holding `actions/<name>` and `runner-hooks/`. */
  root: string;
  /** Runner name (RUNNER_NAME), e.g. `esp32-hut-01`. */
  name: string;
  /** The runner's `.env`: ACTIONS_RUNNER_HOOK_JOB_STARTED/COMPLETED, HIL_SLOTS, tokens... */
  env: Record<string, string>;
  /** The Node that runs `runs.using: node24` actions. */
  node: string;
  /** Work directory (RUNNER_TEMP, GITHUB_WORKSPACE live under it). */
  workDir?: string;
  /** Every line a step or hook prints, as it arrives. */
  onLine?: (source: string, line: string) => void;
}

export interface GitHubStep {
  name: string;
  id?: string;
  /** An action of this repository: `actions/<uses>`. */
  uses?: string;
  /** A shell command (bash -e), like `run:`. */
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  /** `success()` (default), `always()`, `failure()`. */
  if?: "success" | "always" | "failure";
  /** Cancel the workflow this many ms into the step (the runner sends SIGINT, then SIGTERM). */
  cancelAfterMs?: number;
  /** Something that happens to the lab just before the step (a board hangs, a person cancels). */
  before?: () => void | Promise<void>;
}

export interface ProcessResult {
  exitCode: number;
  signal?: NodeJS.Signals;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface StepResult extends ProcessResult {
  name: string;
  conclusion: "success" | "failure" | "skipped" | "cancelled";
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
}

export interface JobResult {
  conclusion: "success" | "failure" | "cancelled";
  started?: ProcessResult;
  completed?: ProcessResult;
  steps: StepResult[];
  /** Environment the job's steps saw (without inputs). */
  env: Record<string, string>;
  workspace: string;
}

interface ActionYml {
  inputs?: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

/** Expand the `${{ ... }}` expressions action.yml defaults use. */
function expandDefault(value: string, job: GitHubJob): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === "github.token") return job.token ?? "";
    if (expr === "github.sha") return job.sha;
    if (expr === "github.repository") return job.repository;
    throw new Error(`the runner emulator cannot expand \${{ ${expr} }} in an action.yml default`);
  });
}

export class GitHubRunner {
  constructor(private readonly config: GitHubRunnerConfig) {}

  /** The job's environment, as the runner gives it to hooks and steps. */
  jobEnv(job: GitHubJob, workspace: string, temp: string): Record<string, string> {
    const eventPath = join(temp, "event.json");
    writeFileSync(eventPath, JSON.stringify(job.event ?? {}));
    const [owner = ""] = job.repository.split("/");
    return {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? temp,
      LANG: "C.UTF-8",
      ...this.config.env,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: job.repository,
      GITHUB_REPOSITORY_OWNER: owner,
      GITHUB_SHA: job.sha,
      GITHUB_REF: job.ref ?? "refs/heads/main",
      GITHUB_RUN_ID: String(job.runId),
      GITHUB_RUN_NUMBER: "1",
      GITHUB_RUN_ATTEMPT: String(job.runAttempt ?? 1),
      GITHUB_JOB: job.job,
      GITHUB_WORKFLOW: job.workflow ?? "hil",
      GITHUB_EVENT_NAME: job.eventName ?? "push",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_ACTOR: job.actor ?? "octocat",
      GITHUB_SERVER_URL: job.serverUrl ?? "https://github.com",
      GITHUB_API_URL: job.apiUrl,
      GITHUB_WORKSPACE: workspace,
      RUNNER_NAME: this.config.name,
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
      RUNNER_TEMP: temp,
    };
  }

  async runJob(job: GitHubJob, steps: GitHubStep[]): Promise<JobResult> {
    const base = this.config.workDir ?? mkdtempSync(join(tmpdir(), "gh-runner-"));
    const workspace = join(base, "_work", job.repository.split("/")[1] ?? "repo");
    const temp = join(base, "_temp", `${job.runId}-${job.job}`);
    mkdirSync(workspace, { recursive: true });
    mkdirSync(temp, { recursive: true });
    if (job.checkout) cpSync(job.checkout, workspace, { recursive: true });
    const env = this.jobEnv(job, workspace, temp);
    const result: JobResult = { conclusion: "success", steps: [], env, workspace };

    const startedHook = this.config.env.ACTIONS_RUNNER_HOOK_JOB_STARTED;
    if (startedHook) {
      result.started = await this.exec("hook:started", ["bash", "-e", startedHook], env, workspace);
      if (result.started.exitCode !== 0) result.conclusion = "failure";
    }

    let failed = result.conclusion === "failure";
    let cancelled = false;
    for (const step of steps) {
      const cond = step.if ?? "success";
      const runIt = cancelled
        ? cond === "always"
        : cond === "always" || (cond === "failure" ? failed : !failed);
      if (!runIt) {
        result.steps.push({
          name: step.name,
          conclusion: "skipped",
          exitCode: 0,
          stdout: "",
          stderr: "",
          ms: 0,
          outputs: {},
          summary: "",
          commands: [],
        });
        continue;
      }
      await step.before?.();
      const r = await this.runStep(job, step, env, workspace, temp);
      result.steps.push(r);
      if (r.conclusion === "cancelled") cancelled = true;
      else if (r.conclusion === "failure") failed = true;
    }
    result.conclusion = cancelled ? "cancelled" : failed ? "failure" : "success";

    const completedHook = this.config.env.ACTIONS_RUNNER_HOOK_JOB_COMPLETED;
    if (completedHook) {
      result.completed = await this.exec(
        "hook:completed",
        ["bash", "-e", completedHook],
        env,
        workspace,
      );
    }
    return result;
  }

  private async runStep(
    job: GitHubJob,
    step: GitHubStep,
    jobEnv: Record<string, string>,
    workspace: string,
    temp: string,
  ): Promise<StepResult> {
    const dir = mkdtempSync(join(temp, "step-"));
    const files = {
      GITHUB_OUTPUT: join(dir, "output"),
      GITHUB_ENV: join(dir, "env"),
      GITHUB_PATH: join(dir, "path"),
      GITHUB_STATE: join(dir, "state"),
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
    };
    for (const f of Object.values(files)) writeFileSync(f, "");
    const env: Record<string, string> = { ...jobEnv, ...files, ...step.env };
    let argv: string[];
    if (step.uses) {
      const actionDir = join(this.config.root, "actions", step.uses);
      const yml = parse(readFileSync(join(actionDir, "action.yml"), "utf8")) as ActionYml;
      const inputs: Record<string, string> = {};
      for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
        if (spec.default !== undefined) inputs[name] = expandDefault(String(spec.default), job);
      }
      Object.assign(inputs, step.with);
      for (const [k, v] of Object.entries(inputs))
        env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = v;
      env.GITHUB_ACTION = step.id ?? step.uses;
      env.GITHUB_ACTION_PATH = actionDir;
      argv = [this.config.node, join(actionDir, yml.runs.main)];
    } else if (step.run) {
      argv = ["bash", "-e", "-c", step.run];
    } else {
      throw new Error(`step ${step.name} has neither uses nor run`);
    }
    const r = await this.exec(`step:${step.name}`, argv, env, workspace, step.cancelAfterMs);
    // GITHUB_ENV written by a step reaches the steps after it.
    Object.assign(jobEnv, parseKeyValueFile(readFileSync(files.GITHUB_ENV, "utf8")));
    // A step still running when the workflow was cancelled ends `cancelled`, whatever its exit.
    const wasCancelled = step.cancelAfterMs !== undefined && r.ms >= step.cancelAfterMs;
    return {
      ...r,
      name: step.name,
      conclusion: wasCancelled ? "cancelled" : r.exitCode === 0 ? "success" : "failure",
      outputs: parseKeyValueFile(readFileSync(files.GITHUB_OUTPUT, "utf8")),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
      commands: parseWorkflowCommands(r.stdout),
    };
  }

  /** Run one process with the job's env; SIGINT then SIGTERM after `cancelAfterMs`. */
  exec(
    source: string,
    argv: string[],
    env: Record<string, string>,
    cwd: string,
    cancelAfterMs?: number,
  ): Promise<ProcessResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      const emit = (chunk: string) => {
        for (const line of chunk.split("\n")) if (line) this.config.onLine?.(source, line);
      };
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        emit(d.toString());
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        emit(d.toString());
      });
      const timers: NodeJS.Timeout[] = [];
      if (cancelAfterMs !== undefined) {
        // The runner's cancellation: SIGINT, then SIGTERM 7.5 s later (shortened here).
        timers.push(setTimeout(() => child.kill("SIGINT"), cancelAfterMs));
        timers.push(setTimeout(() => child.kill("SIGTERM"), cancelAfterMs + 2500));
      }
      child.on("error", reject);
      child.on("close", (code, signal) => {
        for (const t of timers) clearTimeout(t);
        resolve({
          exitCode: code ?? 128,
          ...(signal ? { signal } : {}),
          stdout,
          stderr,
          ms: Date.now() - started,
        });
      });
    });
  }
}
