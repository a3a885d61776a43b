import { describe, expect, it } from "vitest";
import { ConsoleJudge, type JudgeOptions } from "../src/judge";
import type { JudgeResult } from "../src/types";
import { fixture, replay, T0 } from "./replay";

const names = (r: JudgeResult, status?: string) =>
  r.tests.filter((t) => !status || t.status === status).map((t) => t.name);

describe("judging ESP-IDF console transcripts", () => {
  it("passes a Unity run where every test passes or is ignored", () => {
    const { result: r } = replay("unity-pass.txt");
    expect(r.status).toBe("success");
    expect(r.failureKind).toBeUndefined();
    expect(r.counts).toEqual({ total: 12, passed: 11, failed: 0, ignored: 1 });
    expect(r.unitySummary).toEqual({ tests: 12, failures: 0, ignored: 1, ok: true });
    const ignored = r.tests.find((t) => t.status === "ignored")!;
    expect(ignored).toMatchObject({
      name: "relay cycles 1000 times",
      message: "needs the relay jig (run with [jig])",
      line: 18,
    });
    // Durations run from the test's "Running ..." line to its result line.
    expect(r.tests[0]!.durationMs).toBe(6);
  });

  it("fails a Unity run with a failing test and names it with file and line", () => {
    const { result: r } = replay("unity-fail.txt");
    expect(r.status).toBe("failed");
    expect(r.failureKind).toBe("test");
    expect(r.reason).toBe("1 of 13 tests failed");
    expect(r.counts).toEqual({ total: 13, passed: 12, failed: 1, ignored: 0 });
    expect(r.tests.find((t) => t.status === "failed")).toMatchObject({
      name: "pwm duty follows setpoint",
      file: "/builds/acme/thermostat-fw/components/thermostat/test/test_pwm.c",
      line: 88,
      message: "Expected 512 Was 511",
    });
    expect(r.hint).toContain("test_pwm.c:88");
  });

  it("makes Unity's paths repository-relative when told the roots", () => {
    const { result: r } = replay("unity-fail.txt", {
      relativize: (f) => f.replace("/builds/acme/thermostat-fw/", ""),
    });
    expect(r.tests.find((t) => t.status === "failed")!.file).toBe(
      "components/thermostat/test/test_pwm.c",
    );
    expect(r.hint).toContain(
      'Fix "pwm duty follows setpoint" (components/thermostat/test/test_pwm.c:88)',
    );
  });

  it("fails a crash with the backtrace, and the test that was running fails with it", () => {
    const { result: r } = replay("crash-panic.txt");
    expect(r.status).toBe("failed");
    expect(r.failureKind).toBe("test");
    expect(r.reason).toBe(
      'crashed: panic (Guru Meditation Error): LoadProhibited in "i2c read sensor registers"',
    );
    expect(r.crash).toMatchObject({ kind: "panic", reason: "LoadProhibited", expected: false });
    expect(r.crash!.backtraces).toEqual([
      "0x400d4f1b:0x3ffb4d10 0x400d50ff:0x3ffb4d30 0x400d2a6e:0x3ffb4d60 0x400e1c8d:0x3ffb4d90 0x4008a3f5:0x3ffb4dc0",
    ]);
    // The block runs from the Guru line through the register dump to "Rebooting...".
    expect(r.crash!.lines[0]).toMatch(/^Guru Meditation Error/);
    expect(r.crash!.lines).toContain("Core  0 register dump:");
    expect(r.crash!.lines.at(-1)).toBe("Rebooting...");
    expect(r.counts).toEqual({ total: 4, passed: 3, failed: 1, ignored: 0 });
    expect(r.tests.at(-1)).toMatchObject({
      name: "i2c read sensor registers",
      status: "failed",
      cutShort: "crash",
    });
  });

  it("points a failed assert at its file and line", () => {
    const { result: r } = replay("crash-assert.txt");
    expect(r.status).toBe("failed");
    expect(r.crash).toMatchObject({
      kind: "assert",
      file: "frame.c",
      line: 142,
      reason: "len <= SENSOR_FRAME_MAX",
      test: "sensor parse frame",
    });
    expect(r.tests.at(-1)).toMatchObject({ status: "failed", file: "frame.c", line: 142 });
    expect(r.hint).toContain("frame.c:142");
  });

  it("times out a board that stops printing, failing the test it hung in", () => {
    const { result: r } = replay("hang.txt");
    expect(r.status).toBe("timeout");
    expect(r.failureKind).toBe("test");
    expect(r.reason).toBe("timed out: no console output for 60 s; no Unity summary");
    // The verdict lands at the inactivity deadline, not whenever the driver looked.
    const lastLine = r.endedAt - 60_000;
    expect(lastLine).toBeGreaterThan(T0);
    expect(r.tests.at(-1)).toMatchObject({
      name: "wifi connects to lab AP",
      status: "failed",
      cutShort: "timeout",
    });
    expect(r.counts).toEqual({ total: 6, passed: 5, failed: 1, ignored: 0 });
    expect(r.hint).toContain("wifi_test: connecting to hil-lab-ap");
  });

  it("catches a boot loop and shows the bootloader's errors", () => {
    const { result: r } = replay("bootloop.txt");
    expect(r.status).toBe("failed");
    expect(r.reason).toMatch(/^boot loop: 3 boots in \d+ s without the app coming up/);
    expect(r.reason).toContain("SW_RESET");
    expect(r.detail).toContain("E (121) boot: No bootable app partitions in the partition table");
    expect(r.hint).toMatch(/re-flash/);
    expect(r.boots.map((b) => b.reason)).toEqual(["POWERON_RESET", "SW_RESET", "SW_RESET"]);
  });

  it("honours the boot-loop threshold", () => {
    const { result: r } = replay("bootloop.txt", { bootLoopBoots: 4 });
    expect(r.reason).toMatch(/^boot loop: 4 boots/);
  });

  it("fails on a task watchdog with its backtrace, even when the app goes on", () => {
    const { result: r } = replay("task-wdt.txt");
    expect(r.status).toBe("failed");
    expect(r.crash).toMatchObject({ kind: "task_wdt", test: "display refresh under load" });
    expect(r.crash!.backtraces).toHaveLength(1);
    expect(r.crash!.lines).toContain("E (10294) task_wdt:  - IDLE0 (CPU 0)");
  });

  it("tells a brown-out (the lab's supply) from a firmware failure", () => {
    const { result: r } = replay("brownout.txt");
    expect(r.status).toBe("failed");
    expect(r.failureKind).toBe("infrastructure");
    expect(r.crash).toMatchObject({ kind: "brownout", failureKind: "infrastructure" });
    expect(r.hint).toMatch(/supply/);
  });

  it("fails an app that restarts by itself after it started", () => {
    const { result: r } = replay("unexpected-restart.txt");
    expect(r.status).toBe("failed");
    expect(r.failureKind).toBe("test");
    expect(r.crash).toMatchObject({ kind: "reset", resetReason: "SW_CPU_RESET" });
    // The lines before the reset are what explains it.
    expect(r.crash!.lines.join("\n")).toContain("config version mismatch, restarting");
    expect(r.hint).toContain("restarted");
  });

  it("drives the Unity menu through a multi-stage test that restarts between stages", () => {
    const { result: r, replies, scripted } = replay("menu-multistage.txt", { unityMenu: "*" });
    expect(replies).toEqual(scripted);
    expect(r.status).toBe("success");
    expect(r.counts).toEqual({ total: 3, passed: 3, failed: 0, ignored: 0 });
    expect(r.tests.find((t) => t.name === "restart keeps nvs")).toMatchObject({
      status: "passed",
      stages: 2,
      line: 61,
    });
    // The restart was announced by the test: a boot, not a crash.
    expect(r.boots.map((b) => [b.reason, b.expected])).toEqual([
      ["POWERON_RESET", true],
      ["SW_CPU_RESET", true],
    ]);
    expect(r.crash).toBeUndefined();
  });

  it("tells the driver when the menu waits but sends nothing when not asked to drive it", () => {
    const { result: r, events } = replay("menu-waiting.txt");
    expect(events.filter((e) => e.type === "menu")).toEqual([
      expect.objectContaining({ prompt: "press-enter" }),
    ]);
    expect(events.some((e) => e.type === "menu" && e.reply !== undefined)).toBe(false);
    expect(r.status).toBe("timeout");
    expect(r.failureKind).toBe("configuration");
    expect(r.hint).toMatch(/unity-menu/);
  });

  it("passes an app when every expect pattern appears (text and /regex/)", () => {
    const { result: r } = replay("app-patterns.txt", {
      expect: "READY\n/sta ip: \\d+\\.\\d+/",
      unity: false,
    });
    expect(r.status).toBe("success");
    expect(r.expect.map((e) => [e.pattern, e.matched])).toEqual([
      ["READY", true],
      ["/sta ip: \\d+\\.\\d+/", true],
    ]);
    expect(r.expect[1]!.line).toContain("sta ip: 192.168.77.21");
  });

  it("fails on a fail pattern, naming the line", () => {
    const { result: r } = replay("app-patterns.txt", {
      expect: "READY",
      fail: "/E \\(\\d+\\) mqtt/",
    });
    expect(r.status).toBe("failed");
    expect(r.failureKind).toBe("test");
    expect(r.reason).toContain("E (2810) mqtt: publish failed");
    expect(r.failMatches).toHaveLength(1);
    expect(r.expect[0]!.matched).toBe(false);
  });

  it("times out naming the expect patterns that never came", () => {
    const { result: r } = replay("app-patterns.txt", { expect: "READY\nOTA done", unity: false });
    expect(r.status).toBe("timeout");
    expect(r.reason).toContain("not seen: OTA done");
  });

  it("with Unity on, waits after the patterns for a Unity run to start", () => {
    // Every pattern is in the boot log, before the Unity run: the judge must not stop there.
    const { result: r } = replay("unity-fail.txt", { expect: "Calling app_main" });
    expect(r.status).toBe("failed");
    expect(r.counts.total).toBe(13);
  });

  it("with Unity on and no Unity output, passes once the patterns are seen and the board settles", () => {
    const { result: r } = replay("app-patterns.txt", { expect: "READY" });
    expect(r.status).toBe("success");
    expect(r.reason).toBe("all 1 expected patterns seen");
  });

  it("gives the same verdict however the bytes are chunked", () => {
    for (const name of [
      "unity-pass.txt",
      "unity-fail.txt",
      "crash-panic.txt",
      "crash-assert.txt",
      "brownout.txt",
    ]) {
      const whole = replay(name).result;
      for (const chunk of [1, 7, 64, 4096]) {
        const r = replay(name, {}, { chunk }).result;
        expect({ name, chunk, status: r.status, counts: r.counts, tests: names(r) }).toEqual({
          name,
          chunk,
          status: whole.status,
          counts: whole.counts,
          tests: names(whole),
        });
      }
    }
  });

  it("judges a transcript fed as one block, with CRLFs split across reads", () => {
    const text = fixture("unity-fail.txt").replace(/\n/g, "\r\n");
    const judge = new ConsoleJudge({ startedAt: T0 });
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += 333) judge.feed(bytes.subarray(i, i + 333), T0 + i);
    expect(judge.result?.counts).toEqual({ total: 13, passed: 12, failed: 1, ignored: 0 });
  });
});

describe("time, cancellation and the lab", () => {
  const judge = (o: Partial<JudgeOptions> = {}) => new ConsoleJudge({ startedAt: T0, ...o });

  it("a board silent from the start is a lab problem, not a test failure", () => {
    const j = judge({ inactivityMs: 10_000 });
    expect(j.tick(T0 + 9_999)).toEqual([]);
    const [done] = j.tick(T0 + 10_000);
    expect(done).toMatchObject({ type: "done" });
    expect(j.result).toMatchObject({
      status: "failed",
      failureKind: "infrastructure",
      reason: "the board printed nothing (no console output for 10 s)",
    });
    expect(j.result!.hint).toMatch(/console_baud/);
  });

  it("ends at the overall timeout even while the board keeps printing", () => {
    const j = judge({ timeoutMs: 5_000 });
    j.feed(fixture("unity-pass.txt").split("Running pid")[0]!, T0 + 100);
    for (let t = T0 + 1_000; t <= T0 + 6_000; t += 1_000) j.feedLine(`I (${t}) app: alive`, t);
    expect(j.result).toMatchObject({ status: "timeout", failureKind: "test", endedAt: T0 + 5_000 });
    expect(j.result!.reason).toContain("did not finish within 5 s");
  });

  it("the driver can sleep until the next deadline", () => {
    const j = judge({ timeoutMs: 50_000, inactivityMs: 20_000 });
    expect(j.nextDeadline()).toBe(T0 + 20_000);
    j.feedLine("I (10) app: hello", T0 + 15_000);
    expect(j.nextDeadline()).toBe(T0 + 35_000);
  });

  it("unreadable output (wrong baud rate) is a lab problem", () => {
    const j = judge({ inactivityMs: 1_000 });
    const junk = Buffer.from([0xe0, 0x80, 0xfe, 0x0a, 0xc3, 0x28, 0xff, 0x0a]);
    for (let i = 0; i < 20; i++) j.feed(junk, T0 + i);
    j.tick(T0 + 5_000);
    expect(j.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(j.result!.hint).toMatch(/console_baud/);
  });

  it("cancellation ends the run as cancelled", () => {
    const j = judge();
    j.feed(fixture("hang.txt").split("#! end")[0]!, T0 + 10);
    j.cancel(T0 + 500, "the cancel flag is set");
    expect(j.result).toMatchObject({
      status: "cancelled",
      reason: "cancelled: the cancel flag is set",
    });
    expect(j.result!.failureKind).toBeUndefined();
  });

  it("a lost port is a lab problem", () => {
    const j = judge();
    j.feed(fixture("hang.txt").split("#! end")[0]!, T0 + 10);
    j.portLost(T0 + 900, "read ENXIO /dev/serial/by-id/usb-Silicon_Labs_CP2102-if00");
    expect(j.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(j.result!.reason).toContain("ENXIO");
  });

  it("soak: with no patterns and Unity off, surviving until the timeout passes", () => {
    const j = judge({ unity: false, timeoutMs: 3_000 });
    j.feed(fixture("app-patterns.txt").split("#! end")[0]!, T0 + 10);
    j.feedLine("I (2000) thermostat: temp=21.3", T0 + 2_000);
    j.tick(T0 + 3_000);
    expect(j.result).toMatchObject({ status: "success", reason: "ran 3 s with no crash" });
  });

  it("opening the port and the driver's reset may both reset the board as the run starts", () => {
    const j = judge();
    j.feedLine("I (99123) thermostat: temp=21.3 (left over from the last run)", T0 + 5);
    const boot = fixture("unity-pass.txt").split("I (201) cpu_start")[0]!;
    j.feed(boot.replace(/\n[^\n]*$/, "\n"), T0 + 20); // the ROM and part of the bootloader
    j.feed(fixture("unity-pass.txt"), T0 + 150); // the driver's reset, then the run
    expect(j.result).toMatchObject({ status: "success" });
    expect(j.result!.boots.map((b) => b.expected)).toEqual([true, true]);
  });

  it("a reset the driver announces is not a crash", () => {
    const j = judge();
    j.feed(fixture("app-patterns.txt").split("#! end")[0]!, T0 + 10);
    j.expectReset(); // e.g. the recovery ladder's hard reset
    j.feed(fixture("unity-pass.txt"), T0 + 8_000);
    expect(j.result).toMatchObject({ status: "success" });
    expect(j.result!.boots.map((b) => b.expected)).toEqual([true, true]);
  });

  it("a reset nobody announced, from outside, is the lab's", () => {
    const j = judge();
    j.feed(fixture("app-patterns.txt").split("#! end")[0]!, T0 + 10);
    j.feed(fixture("unity-pass.txt"), T0 + 8_000); // POWERON_RESET while the app ran
    expect(j.result).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(j.result!.crash).toMatchObject({ kind: "external_reset", resetReason: "POWERON_RESET" });
  });

  it("waking from deep sleep is not a crash", () => {
    const j = judge({ expect: "second wake", unity: false });
    j.feed(fixture("app-patterns.txt").split("#! end")[0]!, T0 + 10);
    j.feedLine("rst:0x5 (DEEPSLEEP_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", T0 + 6_000);
    j.feedLine("I (30) app: second wake", T0 + 6_100);
    expect(j.result).toMatchObject({ status: "success" });
  });

  it("a crash a test announces with [reset=...] is expected, and the test passes", () => {
    const j = judge({ unityMenu: "2" });
    const replies: string[] = [];
    const feed = (text: string, at: number) => {
      for (const e of j.feed(text, at)) if (e.type === "menu" && e.reply) replies.push(e.reply);
    };
    feed(fixture("menu-waiting.txt").split("#! end")[0]!, T0 + 10);
    feed(
      [
        "",
        "Here's the test menu, pick your combo:",
        '(1)\t"nvs roundtrip" [nvs]',
        '(2)\t"abort is caught by the panic handler" [panic][reset="abort,SW_CPU_RESET"]',
        "",
        "Enter test for running.",
        "",
      ].join("\r\n"),
      T0 + 100,
    );
    feed("Running abort is caught by the panic handler...\r\n", T0 + 120);
    feed("abort() was called at PC 0x400d2c57 on core 0\r\n\r\n\r\n", T0 + 130);
    feed(
      "Backtrace: 0x40081a2e:0x3ffb2680 0x400d2c57:0x3ffb2740\r\n\r\nRebooting...\r\n",
      T0 + 131,
    );
    feed(
      "ets Jun  8 2016 00:22:57\r\n\r\nrst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n",
      T0 + 200,
    );
    feed(
      "I (303) main_task: Started on CPU0\r\n\r\nPress ENTER to see the list of tests.\r\n",
      T0 + 400,
    );
    expect(replies).toEqual(["\n", "2\n", "\n"]);
    feed(
      [
        "",
        "Here's the test menu, pick your combo:",
        '(1)\t"nvs roundtrip" [nvs]',
        '(2)\t"abort is caught by the panic handler" [panic][reset="abort,SW_CPU_RESET"]',
        "",
        "Enter test for running.",
        "",
      ].join("\r\n"),
      T0 + 500,
    );
    // Nothing left to select: the run is complete.
    expect(replies).toEqual(["\n", "2\n", "\n"]);
    expect(j.result).toMatchObject({ status: "success" });
    expect(j.result!.tests).toEqual([
      expect.objectContaining({
        name: "abort is caught by the panic handler",
        status: "passed",
        message: "reset as expected (SW_CPU_RESET)",
      }),
    ]);
    expect(j.result!.expectedCrashes).toEqual([expect.objectContaining({ kind: "abort" })]);
  });

  it("a crash that halts the CPU is closed by the clock, not by a reboot", () => {
    const j = judge({ crashGraceMs: 1_500 });
    j.feed(fixture("unity-pass.txt").split("Running pid")[0]!, T0 + 10);
    j.feed(
      "Guru Meditation Error: Core  0 panic'ed (IllegalInstruction). Exception was unhandled.\r\n",
      T0 + 400,
    );
    j.feed("Backtrace: 0x400d1234:0x3ffb1234\r\n\r\nCPU halted.\r\n", T0 + 401);
    expect(j.result).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("IllegalInstruction"),
    });
    const k = judge({ crashGraceMs: 1_500 });
    k.feed(fixture("unity-pass.txt").split("Running pid")[0]!, T0 + 10);
    k.feed(
      "Guru Meditation Error: Core  0 panic'ed (IllegalInstruction). Exception was unhandled.\r\n",
      T0 + 400,
    );
    expect(k.tick(T0 + 1_899)).toEqual([]);
    expect(k.nextDeadline()).toBe(T0 + 1_900);
    k.tick(T0 + 1_900);
    expect(k.result).toMatchObject({ status: "failed", endedAt: T0 + 1_900 });
  });

  it("plain Unity without the ESP-IDF runner's Running lines", () => {
    const j = judge();
    j.feed(
      [
        "/src/test/test_math.c:10:test_add:PASS",
        "/src/test/test_math.c:20:test_sub:FAIL: Expected 1 Was 2",
        "",
        "-----------------------",
        "2 Tests 1 Failures 0 Ignored ",
        "FAIL",
        "",
      ].join("\r\n"),
      T0 + 100,
    );
    expect(j.result).toMatchObject({
      status: "failed",
      counts: { total: 2, passed: 1, failed: 1, ignored: 0 },
    });
    expect(j.result!.unitySummary).toEqual({ tests: 2, failures: 1, ignored: 0, ok: false });
  });

  it("Unity running no tests at all is a set-up problem", () => {
    const j = judge();
    j.feed("\r\n-----------------------\r\n0 Tests 0 Failures 0 Ignored \r\nOK\r\n", T0 + 10);
    expect(j.result).toMatchObject({ status: "failed", failureKind: "configuration" });
  });

  it("refuses a bad pattern with what to do", () => {
    expect(() => judge({ expect: "/unclosed (group/" })).toThrow(
      /expect pattern \/unclosed \(group\/ is not a valid regular expression/,
    );
  });
});
