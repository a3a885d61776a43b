import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { unityMenuScript, unityRunScript } from "@hil/hut-sim";
import { acquireLease, health, LeaseBusyError } from "@hil/lease";
import { runHilTest, type HilTestOptions } from "../src/index";
import {
  crashScript,
  multiStageMenuScript,
  simPower,
  startJob,
  startLab,
  type TestLab,
} from "./sim";

let t: TestLab;
const scratch: string[] = [];
beforeAll(async () => {
  t = await startLab(2);
});
afterAll(async () => {
  await t?.close();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});
afterEach(() => {
  for (const id of ["hut-01", "hut-02"]) {
    t.board(id).clearFaults();
    t.board(id).powerOn();
  }
});

function ws(): string {
  const d = mkdtempSync(join(tmpdir(), "hil-ws-"));
  scratch.push(d);
  return d;
}

function options(o: Partial<HilTestOptions> = {}): HilTestOptions & { host: RecordingHost } {
  const host = new RecordingHost();
  const slot = t.inventory.slots.find((s) => s.id === (o.slot?.id ?? "hut-01"))!;
  return {
    inventory: t.inventory,
    slot,
    env: {},
    workspace: ws(),
    inactivitySec: 4,
    timeoutSec: 30,
    echo: false,
    ...o,
    host,
  };
}

describe("runHilTest on a simulated board", () => {
  it("drives the Unity menu through a multi-stage test across its reset", async () => {
    t.install(multiStageMenuScript());
    const o = options({ unityMenu: "*" });
    const run = await runHilTest(o);
    expect(run.result.reason).toBe("2 tests passed");
    expect(run.exitCode).toBe(0);
    expect(run.result.tests.map((x) => [x.name, x.status, x.stages])).toEqual([
      ["adds", "passed", undefined],
      ["counter survives restart", "passed", 2],
    ]);
    // Paths printed by the build machine are matched against the workspace only when there.
    expect(run.result.tests[1]!.file).toBe("/home/runner/work/fw/fw/main/test_nvs.c");
    const log = readFileSync(run.paths.consoleLog!, "utf8");
    expect(log).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z #hil sent "\*\\n" at the Unity menu/m,
    );
    expect(log).toMatch(/Z rst:0xc \(SW_CPU_RESET\)/);
    expect(log).toMatch(/#hil sent "2\\n" at the Unity menu \(stage\)/);
    expect(o.host.outputs).toMatchObject({ status: "success", tests: "2", passed: "2" });
  });

  it("makes Unity's build paths repository paths when the file is in the workspace", async () => {
    t.install(
      unityRunScript([
        {
          name: "pwm duty",
          result: "fail",
          message: "Expected 512 Was 511",
          file: "/builds/acme/fw/main/test_pwm.c",
          line: 88,
        },
      ]),
    );
    const o = options();
    mkdirSync(join(o.workspace!, "main"));
    writeFileSync(join(o.workspace!, "main", "test_pwm.c"), "// test\n");
    const run = await runHilTest(o);
    expect(run.exitCode).toBe(1);
    expect(run.result.failureKind).toBe("test");
    const ann = o.host.lines.find((l) => l.level === "error" && l.where?.file);
    expect(ann).toMatchObject({ where: { file: "main/test_pwm.c", line: 88 } });
    expect(ann!.message).toContain("Expected 512 Was 511");
  });

  it("resets by power when asked, and journals the power cycle", async () => {
    t.install(unityRunScript([{ name: "adds", result: "pass" }]));
    const job = await startJob(t);
    try {
      const power = simPower(t.board());
      const o = options({
        powerCycle: true,
        power,
        env: { HIL_JOB_DIR: job.dir, HIL_LEASE_TOKEN: job.lease.record.token },
      });
      const run = await runHilTest(o);
      expect(run.result.status).toBe("success");
      expect(run.reset).toBe("power");
      expect(run.powerCycles).toBe(1);
      expect(power.calls).toEqual(["reset by power (power-cycle)"]);
      const entries = job.journal();
      expect(entries.find((e) => e.type === "recovery")).toMatchObject({
        step: "hil-test",
        event: { action: "power_cycle", result: "ok", step: "hil-test" },
      });
      expect(entries.map((e) => e.type)).toEqual([
        "recovery",
        "board",
        "tests",
        "artifact",
        "artifact",
        "step",
      ]);
    } finally {
      await job.release();
    }
  });

  it("power-cycles a silent board once, then judges it", async () => {
    t.install(unityRunScript([{ name: "adds", result: "pass" }]));
    t.board().powerOff();
    const power = simPower(t.board());
    const run = await runHilTest(options({ power, answerMs: 500 }));
    expect(run.result.status).toBe("success");
    expect(power.calls).toEqual(["silent board: no output within 0.5 s of the reset"]);
    expect(run.powerCycles).toBe(1);
  });

  it("a board still silent after its power cycle is an infrastructure failure", async () => {
    t.install(unityRunScript([{ name: "adds", result: "pass" }]));
    t.board().powerOff();
    const power = simPower(t.board(), { fail: "ha_error" });
    const o = options({ power, answerMs: 500 });
    const run = await runHilTest(o);
    expect(run.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(run.result.reason).toContain("power cycle that followed failed (ha_error");
    expect(health(t.inventory, "hut-01")).toMatchObject({ consecutive_failures: 1 });
    // A board that talks again resets the count.
    t.board().powerOn();
    await runHilTest(options());
    expect(health(t.inventory, "hut-01")).toMatchObject({ consecutive_failures: 0 });
  });

  it("a failed power cycle used as the reset is an infrastructure verdict", async () => {
    const power = simPower(t.board(), { fail: "timeout" });
    const run = await runHilTest(options({ powerCycle: true, power }));
    expect(run.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(run.result.reason).toBe("the power cycle failed: timeout: the relay never reported off");
  });

  it("refuses power-cycle without power in the inventory or a way to switch it", async () => {
    const bare = { ...t.inventory.slots[0]!, power: undefined };
    await expect(
      runHilTest(options({ slot: bare, powerCycle: true, power: simPower(t.board()) })),
    ).rejects.toThrow(/has no power: in the inventory/);
    await expect(runHilTest(options({ powerCycle: true }))).rejects.toThrow(ConfigurationError);
  });

  it("does not answer the menu: input that never reaches the board is the lab's failure", async () => {
    t.install(unityMenuScript([{ name: "adds", result: "pass" }]));
    t.board().setFaults({ noAnswer: true });
    const run = await runHilTest(options({ unityMenu: "*", answerMs: 800 }));
    expect(run.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(run.result.reason).toBe(
      'the board did not answer: nothing came back within 0.8 s of sending "\\n"',
    );
  });

  it("ends as cancelled when the step is interrupted", async () => {
    t.install(crashScript().replace("panic LoadProhibited", "hang"));
    const ac = new AbortController();
    const o = options({ signal: ac.signal, inactivitySec: 20 });
    const done = runHilTest(o);
    setTimeout(() => ac.abort(new Error("received SIGINT")), 800);
    const run = await done;
    expect(run.exitCode).toBe(130);
    expect(run.result.reason).toBe("cancelled: the step was interrupted (received SIGINT)");
  });

  it("a lease lost while reading stops the run as an infrastructure failure", async () => {
    t.install(crashScript().replace("panic LoadProhibited", "hang"));
    const job = await startJob(t);
    const o = options({ env: { HIL_LEASE_TOKEN: job.lease.record.token }, inactivitySec: 20 });
    const done = runHilTest(o);
    setTimeout(() => void job.release(), 800);
    const run = await done;
    expect(run.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(run.result.reason).toMatch(/^the slot's lease was lost while testing/);
    expect(o.host.lines.some((l) => l.level === "warn")).toBe(true);
  });

  it("ends cancelled when interrupted while waiting for a busy slot", async () => {
    const other = await acquireLease(t.inventory, "hut-02", {
      holder: { kind: "lock", jobId: "local-bench-7", runner: "bob (terminal)" },
    });
    try {
      const ac = new AbortController();
      const o = options({ slot: t.inventory.slots[1]!, waitSec: 30, signal: ac.signal });
      const done = runHilTest(o);
      setTimeout(() => ac.abort(new Error("received SIGTERM")), 300);
      const run = await done;
      expect(run.exitCode).toBe(130);
      expect(run.reset).toBeUndefined(); // the board was never touched
      expect(o.host.lines.some((l) => /Waiting up to 30 s for slot hut-02/.test(l.message))).toBe(
        true,
      );
    } finally {
      await other.release();
    }
  });

  it("fails at once naming the holder when someone else holds the slot", async () => {
    const other = await acquireLease(t.inventory, "hut-02", {
      holder: { kind: "lock", jobId: "local-bench-42", runner: "alice (terminal)" },
    });
    try {
      const o = options({ slot: t.inventory.slots[1]! });
      await expect(runHilTest(o)).rejects.toThrow(LeaseBusyError);
      expect(o.host.outputs).toMatchObject({ status: "failed", "failure-kind": "infrastructure" });
    } finally {
      await other.release();
    }
  });

  it("loses the port mid-run: the console going away is infrastructure", async () => {
    t.install(crashScript().replace("panic LoadProhibited", "hang"), "hut-02");
    const server = t.lab.rfc2217.get("hut-02")!;
    const o = options({ slot: t.inventory.slots[1]!, inactivitySec: 20 });
    const done = runHilTest(o);
    setTimeout(() => void server.close(), 800);
    const run = await done;
    expect(run.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(run.result.reason).toMatch(/^lost the console/);
    expect(existsSync(run.paths.junit!)).toBe(true);
    expect(health(t.inventory, "hut-02").last).toMatchObject({ result: "infra_failure" });
  });
});
