// Shared by this package's tests and the hil-test action / `hil test` end-to-end tests.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Inventory, InventoryInput, JournalEntry, PowerCycleResult } from "@hil/contracts";
import { acquireLease, type Lease } from "@hil/lease";
import {
  buildTestFirmware,
  installFirmware,
  type SimBoard,
  SimLab,
  type SimInventoryOptions,
} from "@hil/hut-sim";
import { parseInventory } from "@hil/inventory";
import type { PowerCycler } from "../src/session";

export const JOB_ID = "gh-8121934471-1-hil";
export const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

export interface TestLab {
  lab: SimLab;
  dir: string;
  /** The inventory file (RFC 2217 doors, reset classic) and its parsed form. */
  file: string;
  inventory: Inventory;
  board(id?: string): SimBoard;
  /** Put a console script into a board's flash (as a flash would, without the wire). */
  install(script: string, id?: string): void;
  /** Another inventory for the same boards (e.g. the pty doors); returns its file. */
  writeInventory(
    name: string,
    o: Omit<SimInventoryOptions, "baseDir">,
    edit?: (doc: InventoryInput) => void,
  ): string;
  close(): Promise<void>;
}

export async function startLab(slots = 2, o: { pty?: boolean } = {}): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), "hil-test-lab-"));
  const lab = await SimLab.start({ slots, dir, pty: o.pty ?? false });
  const writeInventory: TestLab["writeInventory"] = (name, io, edit) => {
    const file = join(dir, name);
    const doc = lab.inventory({ ...io, baseDir: dir });
    edit?.(doc);
    for (const d of [doc.lock_dir, doc.cache_dir, doc.state_dir])
      if (d) mkdirSync(d, { recursive: true });
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  };
  const file = writeInventory("slots.yaml", { port: "rfc2217" });
  const inventory = parseInventory(readFileSync(file, "utf8"), file);
  return {
    lab,
    dir,
    file,
    inventory,
    board: (id = "hut-01") => lab.board(id),
    install: (script, id = "hut-01") => {
      const fw = buildTestFirmware({ dir: mkdtempSync(join(dir, "fw-")), script });
      installFirmware(lab.board(id).flash, fw.images);
    },
    writeInventory,
    close: async () => {
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A job directory as the job-started hook leaves it, with the job's lease held (kind job). */
export async function startJob(
  t: TestLab,
  slot = "hut-01",
): Promise<{
  dir: string;
  lease: Lease;
  journal: () => JournalEntry[];
  release: () => Promise<void>;
}> {
  const dir = join(
    t.inventory.state_dir,
    "jobs",
    `${JOB_ID}-${Math.random().toString(36).slice(2, 8)}`,
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "invocation.json"),
    JSON.stringify({
      schema_version: "ws2.invocation.v1",
      job_id: `${JOB_ID}@esp32-${slot}`,
      target_role: "runner",
      requested_by: "octocat",
      request_utc: new Date().toISOString(),
      command: ["hil-test"],
      timeout_sec: 1800,
      lock_key: slot,
      commit_sha: SHA,
      lane: "local-hil",
      slot,
    }),
  );
  const lease = await acquireLease(t.inventory, slot, {
    holder: {
      kind: "job",
      jobId: `${JOB_ID}@esp32-${slot}`,
      runner: `esp32-${slot}`,
      jobDir: dir,
      commitSha: SHA,
    },
  });
  return {
    dir,
    lease,
    journal: () =>
      readFileSync(join(dir, "journal.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as JournalEntry),
    release: async () => {
      await lease.release();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PowerCycler that switches the simulated board directly (the power library's stand-in). */
export function simPower(
  board: SimBoard,
  o: { offMs?: number; settleMs?: number; fail?: "timeout" | "ha_error" } = {},
): PowerCycler & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (reason: string): Promise<PowerCycleResult> => {
    calls.push(reason);
    const started = new Date();
    const base = {
      slot: board.id,
      entity: `switch.${board.id.replace(/-/g, "_")}_power`,
      attempts: 1,
    };
    if (o.fail) {
      return {
        ...base,
        result: o.fail,
        error:
          o.fail === "timeout" ? "the relay never reported off" : "HTTP 500 from Home Assistant",
        started_utc: started.toISOString(),
        ended_utc: new Date().toISOString(),
        timings: { total_ms: Date.now() - started.getTime() },
      };
    }
    board.powerOff();
    await sleep(o.offMs ?? 50);
    board.powerOn();
    await sleep(o.settleMs ?? 50);
    return {
      ...base,
      result: "ok",
      started_utc: started.toISOString(),
      ended_utc: new Date().toISOString(),
      timings: { total_ms: Date.now() - started.getTime() },
    };
  };
  return Object.assign(fn, { calls });
}

/** An ESP-IDF unit-test app (unity_run_menu) with an ordinary test and a two-stage test that restarts between its stages. */
export function multiStageMenuScript(src = "/home/runner/work/fw/fw"): string {
  return `# ESP-IDF unit-test app with a multi-stage test
print
print Press ENTER to see the list of tests.
menu:
input
if input == "" goto list
if input == "*" goto all
if input == "1" goto t1
if input == "2" goto t2
goto menu
list:
print
print Here's the test menu, pick your combo:
print (1)\\t"adds" [math]
print (2)\\t"counter survives restart" [nvs][reset=SW_CPU_RESET]
print \\t(1)\\t"write and restart"
print \\t(2)\\t"check after restart"
print
print Enter test for running.
goto menu
all:
unity_reset
print Running adds...
test pass "adds" at ${src}/main/test_math.c:12
print Test ran in 5ms
goto t2run
t1:
unity_reset
print Running adds...
test pass "adds" at ${src}/main/test_math.c:12
print Test ran in 5ms
goto done
t2:
unity_reset
t2run:
print Running counter survives restart...
print counter survives restart
print \\t(1)\\t"write and restart"
print \\t(2)\\t"check after restart"
stage:
input
if input == "1" goto stage1
if input == "2" goto stage2
goto stage
stage1:
log I test_nvs: wrote counter=42, restarting
sleep 10ms
restart
stage2:
if boot < 2 goto lost
log I test_nvs: counter=42 after \${reset_reason}
test pass "counter survives restart" at ${src}/main/test_nvs.c:61
print Test ran in 35ms
goto done
lost:
test fail "counter survives restart" "no restart before stage 2" at ${src}/main/test_nvs.c:58
goto done
done:
unity_summary
print Enter next test, or 'enter' to see menu
goto menu
`;
}

/** Unity at boot: one test passes, then the app hangs inside the next one. */
export function hangScript(): string {
  return [
    "unity_reset",
    "print Running adds...",
    'test pass "adds"',
    "print Running wifi connects to lab AP...",
    "log I wifi: connecting",
    "hang",
    "",
  ].join("\n");
}

/** Unity at boot: one test passes, the next one crashes with a LoadProhibited panic. */
export function crashScript(): string {
  return [
    "unity_reset",
    "print Running adds...",
    'test pass "adds"',
    "print Running pwm duty...",
    "sleep 5ms",
    "panic LoadProhibited",
    "",
  ].join("\n");
}
