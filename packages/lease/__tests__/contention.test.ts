import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "./helpers";

// Claims on 3 slots from 6 worker processes with a 2 s stale window, holders SIGKILLed at random
// (their leases go stale and are taken over). Never two holders at once: checked independently
// of the lease by O_EXCL marker files and by an enter/leave log on CLOCK_MONOTONIC.
const WORKERS = 6;
const SLOTS = ["s1", "s2", "s3"];
const STALE_SEC = 2;
const WAIT_SEC = 1.5;

interface Figures {
  served: number;
  takeovers: number;
  interrupted: number;
  kills: number;
  timeouts: string[];
  maxConcurrent: number;
  violations: number;
  lateCleanups: number;
  seconds: number;
}

let bundle = "";
beforeAll(async () => {
  bundle = join(tempDir("hil-contender-"), "contender.cjs");
  await build({
    entryPoints: [join(FIXTURES, "contender.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: bundle,
    logLevel: "error",
  });
});

async function contend(total: number, kills: number, noLock = false): Promise<Figures> {
  const root = tempDir("hil-contention-");
  const lockDir = join(root, "locks");
  const markDir = join(root, "markers");
  const logFile = join(root, "holds.log");
  mkdirSync(markDir);
  writeFileSync(logFile, "");
  const started = Date.now();
  const f: Figures = {
    served: 0,
    takeovers: 0,
    interrupted: 0,
    kills: 0,
    timeouts: [],
    maxConcurrent: 0,
    violations: 0,
    lateCleanups: 0,
    seconds: 0,
  };
  let enters = 0;
  const conflicts: { markerPid: number; at: bigint }[] = [];
  const killSent = new Map<number, bigint>();
  const errors: string[] = [];
  const killAt = new Set<number>(); // kill on these enter lines, spread over the run
  while (killAt.size < kills) killAt.add(20 + Math.floor(Math.random() * (total - 100)));
  const workers = new Set<ChildProcess>();

  await new Promise<void>((resolve, reject) => {
    const spawnWorker = (quota: number) => {
      const child = spawn(process.execPath, [bundle], {
        env: {
          ...process.env,
          CONTENDER: JSON.stringify({
            lockDir,
            staleSec: STALE_SEC,
            slots: SLOTS,
            claims: quota,
            waitSec: WAIT_SEC,
            holdMaxMs: 4,
            markDir,
            logFile,
            noLock,
          }),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      workers.add(child);
      let reported = 0;
      child.stderr!.on("data", (d: Buffer) => errors.push(d.toString()));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const [what, slot, a, b] = line.split(" ");
        if (what === "enter") {
          enters++;
          if (killAt.has(enters) && !killSent.has(child.pid!)) {
            killSent.set(child.pid!, process.hrtime.bigint());
            child.kill("SIGKILL");
          }
        } else if (what === "served") {
          f.served++;
          reported++;
          if (a === "took-over") f.takeovers++;
        } else if (what === "timeout") {
          f.timeouts.push(JSON.parse(line.slice(`timeout ${slot} `.length)) as string);
          reported++;
        } else if (what === "conflict") {
          conflicts.push({ markerPid: Number(a), at: BigInt(b!) });
        }
      });
      child.on("exit", (code, signal) => {
        workers.delete(child);
        if (signal === "SIGKILL") {
          // The harness cleans the marker of the holder it killed; the lease itself is left to
          // go stale and be taken over: that is what is under test.
          for (const s of SLOTS) {
            try {
              if (readFileSync(join(markDir, s), "utf8") === String(child.pid)) {
                unlinkSync(join(markDir, s));
              }
            } catch {
              // no marker
            }
          }
          f.interrupted++;
          const left = quota - reported - 1; // the killed one's claim in flight is done
          if (left > 0) spawnWorker(left);
        } else if (code !== 0) {
          reject(new Error(`worker ${child.pid} failed (${code}): ${errors.join("")}`));
          return;
        }
        if (workers.size === 0) resolve();
      });
    };
    for (let i = 0; i < WORKERS; i++) {
      spawnWorker(Math.floor(total / WORKERS) + (i < total % WORKERS ? 1 : 0));
    }
  });
  f.kills = killSent.size;

  // Check 1: the enter/leave log. A killed holder's stay ends when the kill was sent.
  const events: { t: bigint; slot: string; d: 1 | -1 }[] = [];
  const open = new Map<string, { slot: string; t: bigint }>();
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line) continue;
    const [what, slot, pid, t] = line.split(" ");
    if (what === "enter") open.set(`${slot}:${pid}`, { slot: slot!, t: BigInt(t!) });
    else open.delete(`${slot}:${pid}`);
    events.push({ t: BigInt(t!), slot: slot!, d: what === "enter" ? 1 : -1 });
  }
  for (const [key, o] of open) {
    const pid = Number(key.split(":")[1]);
    expect(killSent.has(pid), `${key} entered and never left, but was not killed`).toBe(true);
    events.push({ t: killSent.get(pid)!, slot: o.slot, d: -1 });
  }
  events.sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : x.d - y.d));
  const inside = new Map<string, number>();
  for (const e of events) {
    const n = (inside.get(e.slot) ?? 0) + e.d;
    inside.set(e.slot, n);
    f.maxConcurrent = Math.max(f.maxConcurrent, n);
  }
  // Check 2: a marker conflict is acceptable only against a holder killed before the conflict
  // (whose marker the harness had not removed yet).
  f.lateCleanups = conflicts.filter(
    (c) => killSent.has(c.markerPid) && killSent.get(c.markerPid)! <= c.at,
  ).length;
  f.violations = conflicts.length - f.lateCleanups;
  f.seconds = (Date.now() - started) / 1000;
  return f;
}

describe("lease under contention", () => {
  it("the independent checks do see overlaps when nothing is locked (harness self-check)", async () => {
    const f = await contend(120, 0, true);
    expect(f.maxConcurrent).toBeGreaterThan(1);
    expect(f.violations).toBeGreaterThan(0);
  });

  it("serves 1000 contended claims from separate processes with SIGKILLed holders, one holder at a time", async () => {
    const total = 1000;
    const f = await contend(total, 12);
    console.log(
      `lease contention: ${total} claims by ${WORKERS} workers on ${SLOTS.length} slots (stale ${STALE_SEC} s) in ${f.seconds.toFixed(1)} s: ` +
        `${f.served} served (${f.takeovers} after a stale takeover), ${f.timeouts.length} timed out naming the holder, ` +
        `${f.interrupted} interrupted by ${f.kills} SIGKILLs; max concurrent holders observed per slot = ${f.maxConcurrent}; ` +
        `O_EXCL marker violations = ${f.violations} (late cleanups of killed holders: ${f.lateCleanups})`,
    );
    expect(f.served + f.timeouts.length + f.interrupted).toBe(total);
    expect(f.kills).toBe(12);
    expect(f.maxConcurrent).toBe(1);
    expect(f.violations).toBe(0);
    expect(f.takeovers).toBeGreaterThan(0);
    for (const m of f.timeouts) {
      expect(m).toMatch(
        /^Slot s\d is busy: held by a step of w-\d+-\d+ \(runner contender on .+, pid \d+\) since \S+Z \(\d+ s ago\); waited 1\.5 s\./,
      );
    }
  }, 180_000);
});
