// The hil-test action end to end: its bundle (Node 24) against simulated boards on 127.0.0.1.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JournalEntry } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { buildTestFirmware, installFirmware, unityMenuScript, unityRunScript } from "@hil/hut-sim";
import { health } from "@hil/lease";
import { finishJob } from "@hil/report";
import {
  crashScript,
  hangScript,
  multiStageMenuScript,
  startJob,
  startLab,
  type TestLab,
} from "../../packages/hil-test/__tests__/sim";
import { type ActionRun, runAction } from "../helpers/run-action";

let t: TestLab;
let ptyInventory: string;
const figures: string[] = [];
const scratch: string[] = [];

beforeAll(async () => {
  t = await startLab(3, { pty: true });
  ptyInventory = t.writeInventory("pty.yaml", { port: "pty" });
});
afterAll(async () => {
  await t?.close();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
  if (figures.length) console.log(`hil-test figures on the sim:\n${figures.join("\n")}`);
});
afterEach(() => {
  for (const id of ["hut-01", "hut-02", "hut-03"]) {
    t.board(id).clearFaults();
    t.board(id).powerOn();
  }
});

const BUILD_ROOT = "/home/runner/work/thermostat-fw/thermostat-fw";

/** A checkout of the firmware's repository, as the hardware job's workspace. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), "hil-ws-"));
  scratch.push(ws);
  mkdirSync(join(ws, "main"));
  writeFileSync(join(ws, "main", "test_pwm.c"), "// pwm tests\n");
  return ws;
}

function test(
  inputs: Record<string, string>,
  o: { slot?: string; inventory?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<ActionRun> {
  return runAction("hil-test", {
    inputs: { "inactivity-timeout": "3", timeout: "30", ...inputs },
    env: {
      HIL_SLOTS: o.inventory ?? t.file,
      HIL_SLOT: o.slot ?? "hut-01",
      RUNNER_NAME: `esp32-${o.slot ?? "hut-01"}`,
      ...o.env,
    },
    cwd: o.cwd ?? workspace(),
  }).then((r) => {
    scratch.push(r.dir);
    return r;
  });
}

const errors = (r: ActionRun) => r.commands.filter((c) => c.command === "error");
const timestamped = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

function figure(r: ActionRun, what: string, wallMs: number) {
  const m =
    /First console line (\d+) ms after the step started; the boot's first byte (\d+) ms/.exec(
      r.stdout,
    );
  if (m)
    figures.push(
      `  ${what}: step start → first console line ${m[1]} ms, → first byte after the reset ${m[2]} ms; whole action process ${wallMs} ms`,
    );
}

describe("hil-test action on a simulated board", () => {
  it("passes a board whose Unity run passes, without a job: files, outputs, summary", async () => {
    t.install(
      unityRunScript([
        { name: "adds", result: "pass" },
        { name: "subtracts", result: "pass" },
        { name: "needs wifi", result: "ignore", message: "no AP in this lab" },
      ]),
    );
    const ws = workspace();
    const t0 = Date.now();
    const r = await test({}, { cwd: ws });
    figure(r, "RFC 2217, reset classic", Date.now() - t0);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.outputs).toMatchObject({
      status: "success",
      tests: "3",
      passed: "2",
      failed: "0",
      ignored: "1",
      "failure-kind": "",
    });
    expect(r.outputs.junit).toBe(join(ws, "hil-out", "hut-01", "junit.xml"));
    expect(r.outputs["console-log"]).toBe(join(ws, "hil-out", "hut-01", "console.log"));
    const junit = readFileSync(r.outputs.junit!, "utf8");
    expect(junit).toContain('<testcase name="subtracts"');
    expect(junit).toContain("<skipped");
    const log = readFileSync(r.outputs["console-log"]!, "utf8").trimEnd().split("\n");
    expect(log.every((l) => timestamped.test(l))).toBe(true);
    expect(
      log.some((l) => l.endsWith("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)")),
    ).toBe(true);
    expect(log.some((l) => l.endsWith("#hil reset (classic): EN pulled low through RTS"))).toBe(
      true,
    );
    expect(r.summary).toContain("### ✅ hil-test on hut-01: ");
    expect(r.summary).toContain("**2 passed, 0 failed, 1 ignored**");
    expect(r.summary).toMatch(/\| ⏭️ \| needs wifi \|/);
    expect(errors(r)).toEqual([]);
    // The console is in the log, collapsed, each line prefixed so it cannot be a workflow command.
    expect(
      r.commands.some((c) => c.command === "group" && c.message.startsWith("Console of hut-01")),
    ).toBe(true);
    expect(r.stdout).toContain("│ main/test_app_main.c:30:adds:PASS");
    // No job: the slot's lease was claimed for the run and released; the board talked.
    expect(existsSync(join(t.inventory.lock_dir, "hut-01.lock"))).toBe(false);
    expect(health(t.inventory, "hut-01").last).toMatchObject({ result: "ok" });
  });

  it("fails a failing test with an annotation at its repository file and line, and journals it", async () => {
    t.install(
      unityRunScript([
        { name: "adds", result: "pass" },
        {
          name: "pwm duty",
          result: "fail",
          message: "Expected 512 Was 511",
          file: `${BUILD_ROOT}/main/test_pwm.c`,
          line: 88,
        },
      ]),
    );
    const job = await startJob(t);
    try {
      const r = await test({}, { env: { HIL_JOB_DIR: job.dir } });
      expect(r.exitCode).toBe(1);
      expect(r.outputs).toMatchObject({
        status: "failed",
        tests: "2",
        passed: "1",
        failed: "1",
        "failure-kind": "test",
      });
      expect(errors(r)[0]).toMatchObject({
        props: { file: "main/test_pwm.c", line: "88", title: "test failed: pwm duty" },
        message: "pwm duty: Expected 512 Was 511",
      });
      expect(r.summary).toMatch(/\| ❌ \| pwm duty \| main\/test_pwm\.c:88 \|/);
      expect(readFileSync(r.outputs.junit!, "utf8")).toMatch(
        /<testcase name="pwm duty"[^>]*>\s*<failure message="[^"]*Expected 512 Was 511/,
      );
      const entries = job.journal();
      expect(entries.map((e) => e.type)).toEqual([
        "board",
        "tests",
        "artifact",
        "artifact",
        "step",
      ]);
      expect(entries[0]).toMatchObject({
        type: "board",
        chip: "esp32",
        port: t.inventory.slots[0]!.port,
        mac: t.inventory.slots[0]!.mac,
      });
      expect(entries[1]).toMatchObject({
        counts: { total: 2, passed: 1, failed: 1, ignored: 0 },
        failures: [
          { name: "pwm duty", file: "main/test_pwm.c", line: 88, message: "Expected 512 Was 511" },
        ],
      });
      expect(
        entries.filter((e) => e.type === "artifact").map((e) => (e as { path: string }).path),
      ).toEqual([r.outputs["console-log"], r.outputs.junit]);
      expect(entries[4]).toMatchObject({
        type: "step",
        step: "hil-test",
        status: "failed",
        exit_code: 1,
        failure_kind: "test",
      });
      // The report folds it as a firmware failure.
      const { report } = await finishJob({
        jobDir: job.dir,
        host: new RecordingHost(),
        forge: null,
        env: {},
        summary: false,
      });
      expect(report).toMatchObject({
        status: "failed",
        failure_kind: "test",
        tests: { failed: 1 },
      });
    } finally {
      await job.release();
    }
  });

  it("fails a crashing board with the panic and its backtrace shown", async () => {
    t.install(crashScript());
    const r = await test({});
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({
      status: "failed",
      "failure-kind": "test",
      passed: "1",
      failed: "1",
    });
    const crash = errors(r).find((c) => c.props.title?.startsWith("crash:"));
    expect(crash?.props.title).toBe("crash: panic (Guru Meditation Error): LoadProhibited");
    expect(crash?.message).toMatch(/Guru Meditation Error: Core {2}0 panic'ed \(LoadProhibited\)/);
    expect(crash?.message).toMatch(/\nBacktrace: 0x[0-9a-f]{8}:0x[0-9a-f]{8}/);
    expect(r.summary).toContain(
      '<details open><summary>Crash: panic (Guru Meditation Error): LoadProhibited in "pwm duty"</summary>',
    );
    expect(r.summary).toMatch(/Backtrace: 0x/);
    expect(readFileSync(r.outputs.junit!, "utf8")).toMatch(
      /<testcase name="pwm duty"[^]*Guru Meditation/,
    );
  });

  it("times out a board that hangs: inactivity → timeout (124)", async () => {
    t.install(hangScript());
    const r = await test({ "inactivity-timeout": "2" });
    expect(r.exitCode).toBe(124);
    expect(r.outputs).toMatchObject({
      status: "timeout",
      "failure-kind": "test",
      passed: "1",
      failed: "1",
    });
    expect(r.summary).toContain("### ⏱️ hil-test on hut-01: timed out: no console output for 2 s");
    expect(errors(r).some((c) => c.props.title === "test failed: wifi connects to lab AP")).toBe(
      true,
    );
    expect(errors(r).at(-1)!.message).toMatch(/^hil-test on hut-01: timed out: no console output/);
    expect(readFileSync(r.outputs.junit!, "utf8")).toMatch(
      /<testcase name="wifi connects to lab AP"[^>]*>\s*<failure message="did not finish: no console output for 2 s" type="timeout"/,
    );
  });

  it("catches a board that boots in a loop", async () => {
    const fw = buildTestFirmware({
      dir: mkdtempSync(join(t.dir, "fw-")),
      script: unityRunScript([]),
    });
    const app = fw.images.find((i) => i.offset === 0x10000)!;
    const broken = Buffer.from(app.data);
    broken[broken.length - 64]! ^= 0xff; // the image hash no longer matches
    installFirmware(
      t.board().flash,
      fw.images.map((i) => (i === app ? { ...i, data: broken } : i)),
    );
    const r = await test({});
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ status: "failed", "failure-kind": "test" });
    expect(r.summary).toMatch(
      /hil-test on hut-01: boot loop: \d+ boots in \d+ s without the app coming up/,
    );
    expect(r.summary).toMatch(
      /\nE \(\d+\) boot: No bootable app partitions in the partition table\n/,
    );
    expect(r.stdout).toContain("re-flash the bundle");
    expect(errors(r).at(-1)!.message).toMatch(/^hil-test on hut-01: boot loop/);
    expect(readFileSync(r.outputs.junit!, "utf8")).toMatch(/<failure[^>]*boot loop/);
  });

  it("drives a Unity-menu app with unity-menu, across a multi-stage test's reset", async () => {
    t.install(multiStageMenuScript(BUILD_ROOT));
    const r = await test({ "unity-menu": "*" });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: "success", tests: "2", passed: "2" });
    expect(r.summary).toContain("counter survives restart (2 stages)");
    const log = readFileSync(r.outputs["console-log"]!, "utf8");
    expect(log).toContain('#hil sent "*\\n" at the Unity menu (enter-test)');
    expect(log).toContain('#hil sent "2\\n" at the Unity menu (stage)');
  });

  it("a Unity-menu app without unity-menu waits at the menu: a configuration time-out", async () => {
    t.install(unityMenuScript([{ name: "adds", result: "pass" }]));
    const r = await test({ "inactivity-timeout": "2" });
    expect(r.exitCode).toBe(124);
    expect(r.outputs).toMatchObject({ status: "timeout", "failure-kind": "configuration" });
    expect(r.stdout).toContain("Set the unity-menu input");
  });

  it("judges expect and fail patterns (text and regex) without Unity", async () => {
    t.install(
      [
        "log I wifi: connected, ip=10.0.0.7",
        "print sensor ok",
        "sleep 100ms",
        "log E app: sensor timeout",
        "print done",
        "end",
        "",
      ].join("\n"),
    );
    const ok = await test({ unity: "false", expect: "/ip=\\d+\\.\\d+\\.\\d+\\.\\d+/\nsensor ok" });
    expect(ok.exitCode, ok.stdout).toBe(0);
    expect(ok.summary).toMatch(/\| expect \| `\/ip=.*\/` \| ✅ line \d+ \|/);

    const bad = await test({ unity: "false", expect: "done", fail: "/^E \\(\\d+\\) app:/" });
    expect(bad.exitCode).toBe(1);
    expect(bad.outputs).toMatchObject({ status: "failed", "failure-kind": "test" });
    expect(bad.summary).toMatch(
      /console matched fail pattern \/\^E .*app:\/: E \(\d+\) app: sensor timeout/,
    );
  });

  it("a silent board on a slot with power is power-cycled once, then judged", async () => {
    t.install(unityRunScript([{ name: "adds", result: "pass" }]), "hut-02");
    t.board("hut-02").powerOff();
    const job = await startJob(t, "hut-02");
    try {
      const r = await test(
        {},
        { slot: "hut-02", env: { HIL_JOB_DIR: job.dir, HIL_SIM_HA_TOKEN: t.lab.token } },
      );
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(r.outputs).toMatchObject({ status: "success", passed: "1" });
      // The runner swallows ::add-mask:: lines; the token appears nowhere else.
      const leaks = r.stdout.split("\n").filter((l) => l.includes(t.lab.token));
      expect(leaks).toEqual([`::add-mask::${t.lab.token}`]);
      const recovery = job.journal().filter((e) => e.type === "recovery");
      expect(recovery).toMatchObject([
        { event: { action: "power_cycle", result: "ok", step: "hil-test" } },
      ]);
      const { report } = await finishJob({
        jobDir: job.dir,
        host: new RecordingHost(),
        forge: null,
        env: {},
        summary: false,
      });
      expect(report).toMatchObject({ status: "success", power_cycles: 1 });
      expect(report.human_summary).toMatch(/after 1 power cycle/);
    } finally {
      await job.release();
    }
  });

  it("a board that prints nothing and cannot be power-cycled is an infrastructure failure, not a test failure", async () => {
    t.install(unityRunScript([{ name: "adds", result: "pass" }]), "hut-03");
    t.board("hut-03").powerOff();
    const job = await startJob(t, "hut-03");
    try {
      const r = await test({}, { slot: "hut-03", env: { HIL_JOB_DIR: job.dir } });
      expect(r.exitCode).toBe(1);
      expect(r.outputs).toMatchObject({
        status: "failed",
        "failure-kind": "infrastructure",
        tests: "0",
      });
      // The slot has power, but this runner has no Home Assistant token: the cycle cannot run.
      expect(r.summary).toContain(
        "the board printed nothing after the reset; the power cycle failed",
      );
      expect(r.summary).toContain("HIL_SIM_HA_TOKEN");
      expect(readFileSync(r.outputs.junit!, "utf8")).toContain("<error");
      const step = job.journal().find((e) => e.type === "step") as Extract<
        JournalEntry,
        { type: "step" }
      >;
      expect(step).toMatchObject({ status: "failed", failure_kind: "infrastructure" });
      expect(step.next_action).toMatch(/long-lived access token/);
      expect(health(t.inventory, "hut-03")).toMatchObject({ consecutive_failures: 1 });
      const { report } = await finishJob({
        jobDir: job.dir,
        host: new RecordingHost(),
        forge: null,
        env: {},
        summary: false,
      });
      expect(report).toMatchObject({ status: "failed", failure_kind: "infrastructure" });
    } finally {
      await job.release();
    }
  });

  it("a board that does not answer (noAnswer) is an infrastructure failure", async () => {
    t.install(unityMenuScript([{ name: "adds", result: "pass" }]));
    t.board().setFaults({ noAnswer: true });
    const r = await test({ "unity-menu": "*" });
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ status: "failed", "failure-kind": "infrastructure" });
    expect(r.summary).toContain(
      'the board did not answer: nothing came back within 2.3 s of sending "\\n"',
    );
  });

  it("a missing port is an infrastructure failure that lists what is there", async () => {
    const inv = t.writeInventory("missing.yaml", { port: "rfc2217" }, (doc) => {
      doc.slots[0]!.port = "/dev/serial/by-id/usb-Silicon_Labs_CP2102_gone-if00-port0";
    });
    const r = await test({}, { inventory: inv });
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ status: "failed", "failure-kind": "infrastructure" });
    expect(r.summary).toContain(
      "cannot open the console: No serial port at /dev/serial/by-id/usb-Silicon_Labs_CP2102_gone-if00-port0",
    );
  });

  it("ends cancelled without touching the board when the job's cancellation flag is set", async () => {
    t.install(unityRunScript([{ name: "adds", result: "pass" }]));
    const job = await startJob(t);
    try {
      writeFileSync(join(job.dir, "cancel"), "cancelled by octocat\n");
      const before = { ...t.board().status(), ...t.board().lineStats };
      const r = await test({}, { env: { HIL_JOB_DIR: job.dir } });
      expect(r.exitCode).toBe(130);
      expect(r.outputs).toMatchObject({ status: "cancelled", tests: "0" });
      expect(r.outputs["console-log"]).toBeUndefined();
      // The hardware-step gate refuses it, as it does for every hardware step.
      expect(r.summary).toContain("not started: Job ");
      expect(r.summary).toContain("was cancelled (cancelled by octocat)");
      expect(errors(r)[0]!.message).toContain("Re-run the job if it should still run.");
      const after = { ...t.board().status(), ...t.board().lineStats };
      expect(after.boot).toBe(before.boot);
      expect(after.rxBytes).toBe(before.rxBytes);
      expect(job.journal()).toMatchObject([
        { type: "step", step: "hil-test", status: "cancelled", exit_code: 130 },
      ]);
      expect((job.journal()[0] as { summary: string }).summary).toMatch(/^not started: /);
    } finally {
      await job.release();
    }
  });

  it("over a pty with reset: none, judges the running board as it is", async () => {
    t.install(
      ["loop:", "log I app: tick ${uptime}", "sleep 100ms", "goto loop", ""].join("\n"),
      "hut-02",
    );
    const board = t.board("hut-02");
    board.powerOff();
    board.powerOn();
    const modes: string[] = [];
    const onMode = (m: string) => modes.push(m);
    board.on("mode", onMode);
    const t0 = Date.now();
    const r = await test(
      { unity: "false", expect: "/app: tick \\d+/" },
      { slot: "hut-02", inventory: ptyInventory },
    );
    figure(r, "pty, reset none", Date.now() - t0);
    expect(r.exitCode, r.stdout + r.stderr + r.summary).toBe(0);
    expect(r.stdout).toContain(
      "Slot hut-02 has reset: none: judging the running board's console from now on",
    );
    const log = readFileSync(r.outputs["console-log"]!, "utf8");
    expect(log).toContain("#hil reset: none: not resetting; judging the running board");
    expect(log).not.toContain("#hil reset (");
    board.off("mode", onMode);
    expect(modes).not.toContain("reset"); // nothing reset the board
  });

  it("over a pty with reset: classic, says the slot needs reset: none (or power)", async () => {
    const inv = t.writeInventory("pty-classic.yaml", { port: "pty" }, (doc) => {
      for (const s of doc.slots) s.reset = "classic";
    });
    const job = await startJob(t, "hut-02");
    try {
      const r = await test({}, { slot: "hut-02", inventory: inv, env: { HIL_JOB_DIR: job.dir } });
      expect(r.exitCode).toBe(1);
      expect(r.outputs).toMatchObject({ status: "failed", "failure-kind": "configuration" });
      const err = errors(r).at(-1)!.message;
      expect(err).toMatch(
        /cannot drive DTR\/RTS .*so the board cannot be reset from the serial port/,
      );
      expect(err).toContain("Set reset: none for this slot");
      expect(job.journal().at(-1)).toMatchObject({
        type: "step",
        status: "failed",
        failure_kind: "configuration",
      });
    } finally {
      await job.release();
    }
  });

  it("refuses bad inputs before touching the board", async () => {
    const r = await test({ expect: "/unclosed(/" });
    expect(r.exitCode).toBe(1);
    expect(errors(r)[0]!.message).toContain("is not a valid regular expression");
  });
});
