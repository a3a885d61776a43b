import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const FIXTURES = join(import.meta.dirname, "fixtures");

export function tempDir(prefix = "hil-lease-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A lease site in a fresh temp dir with the shortest stale window proper-lockfile allows. */
export function tempSite(staleSec = 2) {
  const root = tempDir();
  return { lock_dir: join(root, "locks"), state_dir: join(root, "state"), stale_sec: staleSec };
}

/** Run a TypeScript file in its own node process (tsx), lines of stdout as they come. */
export function spawnTs(
  file: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess & { lines: AsyncIterableIterator<string>; stderrText: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const rl = createInterface({ input: child.stdout! });
  return Object.assign(child, {
    lines: rl[Symbol.asyncIterator](),
    stderrText: () => err,
  });
}

export async function nextLine(
  lines: AsyncIterableIterator<string>,
  what: string,
): Promise<string> {
  const r = await lines.next();
  if (r.done) throw new Error(`process ended before ${what}`);
  return r.value;
}

export function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Poll until `fn` returns a value (not undefined/false), or fail after `ms`. */
export async function until<T>(
  fn: () => T | undefined | false,
  ms: number,
  what: string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
