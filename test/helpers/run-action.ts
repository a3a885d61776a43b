import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseKeyValueFile, parseWorkflowCommands } from "@hil/lab";
import { actionDist, bundleNode } from "./paths";

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** What the step wrote to GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Workflow commands (`::error file=..,line=..::msg`) the step printed, decoded. */
  commands: { command: string; props: Record<string, string>; message: string }[];
  /** The step's temp dir (RUNNER_TEMP). */
  dir: string;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Run an action's bundled dist/index.js the way the GitHub runner does: INPUT_* variables
 * (name upper-cased, spaces to underscores, dashes kept), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, the default GITHUB_* variables.
 */
export function runAction(name: string, opts: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), `gha-${name}-`));
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary.md");
  const eventFile = join(dir, "event.json");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  // The runner always hands a job its webhook payload; a push to main unless a test says otherwise.
  writeFileSync(
    eventFile,
    JSON.stringify({
      ref: "refs/heads/main",
      after: "9fceb02d0ae598e95dc970b74767f19372d61af8",
      repository: { full_name: "acme/thermostat-fw", fork: false },
    }),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? dir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: opts.cwd ?? dir,
    GITHUB_REPOSITORY: "acme/thermostat-fw",
    GITHUB_SHA: "9fceb02d0ae598e95dc970b74767f19372d61af8",
    GITHUB_RUN_ID: "8121934471",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_JOB: "hil",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: "http://127.0.0.1:9",
    GITHUB_EVENT_NAME: "push",
    GITHUB_EVENT_PATH: eventFile,
    RUNNER_TEMP: dir,
    RUNNER_NAME: "esp32-hut-01",
  };
  for (const [k, v] of Object.entries(opts.inputs ?? {}))
    env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(bundleNode(), [actionDist(name)], { cwd: opts.cwd ?? dir, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout,
        stderr,
        outputs: parseKeyValueFile(readFileSync(outputFile, "utf8")),
        summary: readFileSync(summaryFile, "utf8"),
        commands: parseWorkflowCommands(stdout),
        dir,
      });
    });
  });
}
