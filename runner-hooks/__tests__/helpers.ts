import { spawn, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseWith, report as reportSchema, type Report } from "@hil/contracts";
import { Journal } from "@hil/journal";
import { jobDirFor, leaseStatus } from "@hil/lease";
import { bundleNode, cliDist, ROOT } from "../../test/helpers/paths";

/** The runner-hooks directory as a lab installs it (scripts beside dist/). */
export const HOOKS = join(ROOT, "runner-hooks");
/** Where docs/runner-setup.md installs hil-actions; the examples use it. */
export const INSTALL_DIR = "/opt/hil-actions";

/** An example's text with the install dir pointing at this checkout. */
export function example(path: string): string {
  return readFileSync(join(ROOT, "examples", path), "utf8").replaceAll(INSTALL_DIR, ROOT);
}
export const TSX = import.meta.resolve("tsx");
export const FIXTURES = join(import.meta.dirname, "fixtures");
export const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

export interface Lab {
  dir: string;
  /** The slot inventory (HIL_SLOTS). */
  file: string;
  inv: { lock_dir: string; state_dir: string; cache_dir: string; stale_sec: number };
  /** A dir with a `hil` command (the bundled CLI), for PATH. */
  bin: string;
  cleanup(): void;
}

/** A runner host in a temp dir: inventory with hut-01 and hut-02, lock/state/cache dirs, `hil`. */
export function lab(): Lab {
  const dir = mkdtempSync(join(tmpdir(), "hil-hooks-"));
  const inv = {
    lock_dir: join(dir, "lock"),
    state_dir: join(dir, "state"),
    cache_dir: join(dir, "cache"),
    stale_sec: 3,
  };
  const file = join(dir, "slots.yaml");
  writeFileSync(
    file,
    `lock_dir: ${inv.lock_dir}
state_dir: ${inv.state_dir}
cache_dir: ${inv.cache_dir}
stale_sec: ${inv.stale_sec}
slots:
  - id: hut-01
    label: esp32-hut-01
    chip: esp32
    port: /dev/serial/by-id/usb-Silicon_Labs_CP2102N-hut01-if00-port0
  - id: hut-02
    label: esp32-hut-02
    chip: esp32
    port: /dev/serial/by-id/usb-Silicon_Labs_CP2102N-hut02-if00-port0
`,
  );
  const bin = join(dir, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "hil"), `#!/bin/sh\nexec "${bundleNode()}" "${cliDist}" "$@"\n`);
  chmodSync(join(bin, "hil"), 0o755);
  return { dir, file, inv, bin, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr. */
  out: string;
}

/** A process with its output collected; `done` resolves when it exits. */
export interface Running {
  child: ChildProcess;
  done: Promise<Run>;
  output(): string;
  /** Resolves once the output matches (or rejects when the process ends first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

export function start(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  o: { cwd?: string; detached?: boolean } = {},
): Running {
  const child = spawn(cmd, args, {
    env,
    cwd: o.cwd ?? tmpdir(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: o.detached ?? false,
  });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
    notify();
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    notify();
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      notify();
      resolve({ code, signal, stdout, stderr, out: stdout + stderr });
    });
  });
  const output = () => stdout + stderr;
  const waitFor = (re: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (re.test(output())) {
          cleanup();
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`process ended before ${re}; output:\n${output()}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${re}; output:\n${output()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, done, output, waitFor };
}

export async function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  o: { cwd?: string; timeoutMs?: number } = {},
): Promise<Run> {
  const r = start(cmd, args, env, o);
  const timer = setTimeout(() => r.child.kill("SIGKILL"), o.timeoutMs ?? 120_000);
  try {
    return await r.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Environment every runner process has, plus what the runner's .env gives the hooks. */
export function hostEnv(l: Lab, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: `${l.bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: process.env.HOME ?? l.dir,
    LANG: "C.UTF-8",
    // The runner's .env (docs/runner-setup.md).
    HIL_SLOTS: l.file,
    HIL_NODE: bundleNode(),
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Journal a step the way a hardware action does (openStep … finish), from its own process. */
export function fakeAction(args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  return start(
    process.execPath,
    ["--import", TSX, join(FIXTURES, "fake-action.ts"), ...args],
    env,
    {
      ...(cwd ? { cwd } : {}),
    },
  );
}

/** `hil …` as a step of the job runs it. */
export function hil(args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  return start(bundleNode(), [cliDist, ...args], env, { ...(cwd ? { cwd } : {}) });
}

export function readReport(l: Lab, jobId: string): Report {
  const path = join(jobDirFor(l.inv, jobId), "report.json");
  return parseWith(reportSchema, JSON.parse(readFileSync(path, "utf8")), path);
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function journal(l: Lab, jobId: string) {
  return new Journal(join(jobDirFor(l.inv, jobId), "journal.jsonl")).read().entries;
}

export const slotState = (l: Lab, slot = "hut-01") => leaseStatus(l.inv, slot);
export const jobDirOf = (l: Lab, jobId: string) => jobDirFor(l.inv, jobId);
export const exists = existsSync;

/** Poll until fn is truthy. */
export async function until<T>(
  fn: () => T | undefined | false,
  ms: number,
  what: string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
