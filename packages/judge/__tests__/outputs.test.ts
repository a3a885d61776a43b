import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "xmlbuilder2";
import { journalEntry, parseWith } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { benchJudgeDetailed, syntheticConsole } from "../src/bench";
import { ConsoleLog, formatLogLine } from "../src/console-log";
import { junitXml } from "../src/junit";
import {
  annotate,
  exitCodeOf,
  journalEntries,
  publishJudgement,
  relativeTo,
  setOutputs,
  summaryMarkdown,
} from "../src/publish";
import { replay, T0 } from "./replay";

type Node = Record<string, unknown>;
const arr = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function parseJunit(xml: string) {
  const doc = convert(xml, { format: "object" }) as { testsuites: Node };
  const suites = arr(doc.testsuites.testsuite as Node | Node[]);
  const suite = (name: string) => suites.find((s) => s["@name"] === name)!;
  const cases = (name: string) => arr(suite(name).testcase as Node | Node[]);
  return { root: doc.testsuites, suite, cases };
}

const rel = relativeTo(["/builds/acme/thermostat-fw"]);

describe("JUnit", () => {
  it("has one testcase per Unity test, the failure with file:line and message", () => {
    const { result } = replay("unity-fail.txt", { relativize: rel });
    const j = parseJunit(junitXml(result, { name: "hil-test hut-02", hostname: "hut-02" }));
    expect(j.root["@tests"]).toBe("14"); // 13 Unity tests + the run
    expect(j.root["@failures"]).toBe("1");
    expect(j.suite("unity")["@hostname"]).toBe("hut-02");
    const cases = j.cases("unity");
    expect(cases).toHaveLength(13);
    const failed = cases.filter((c) => c.failure);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      "@name": "pwm duty follows setpoint",
      "@classname": "test_pwm",
      "@file": "components/thermostat/test/test_pwm.c",
      "@line": "88",
      failure: {
        "@message": "Expected 512 Was 511",
        "#": "components/thermostat/test/test_pwm.c:88: Expected 512 Was 511",
      },
    });
    // The run itself is not failed twice: the Unity failure already says it.
    expect(j.cases("console").find((c) => c["@name"] === "run")!.failure).toBeUndefined();
  });

  it("marks ignored tests skipped and passes a passing run", () => {
    const { result } = replay("unity-pass.txt");
    const j = parseJunit(junitXml(result));
    expect(j.suite("unity")["@skipped"]).toBe("1");
    expect(j.root["@failures"]).toBe("0");
    expect(j.root["@errors"]).toBe("0");
    expect(j.cases("unity").find((c) => c.skipped)).toMatchObject({
      "@name": "relay cycles 1000 times",
      skipped: { "@message": "needs the relay jig (run with [jig])" },
    });
  });

  it("puts the crash block into the failing test", () => {
    const { result } = replay("crash-panic.txt");
    const j = parseJunit(junitXml(result));
    const crashed = j.cases("unity").find((c) => c.failure)!;
    expect(crashed["@name"]).toBe("i2c read sensor registers");
    const f = crashed.failure as Node;
    expect(f["@type"]).toBe("crash");
    expect(f["#"]).toContain("Backtrace: 0x400d4f1b:0x3ffb4d10");
  });

  it("reports a boot loop as a failure of the run, and a silent board as an error", () => {
    const loop = parseJunit(junitXml(replay("bootloop.txt").result));
    const run = loop.cases("console").find((c) => c["@name"] === "run")!;
    expect((run.failure as Node)["@message"]).toMatch(/^boot loop/);
    expect((run.failure as Node)["#"]).toContain("No bootable app partitions");

    const brown = parseJunit(junitXml(replay("brownout.txt").result));
    // A brown-out cut a test short: the test shows it; the run is not counted twice.
    expect(brown.cases("unity").filter((c) => c.failure)).toHaveLength(1);

    const silent = parseJunit(
      junitXml({
        ...replay("bootloop.txt").result,
        status: "failed",
        failureKind: "infrastructure",
        reason: "the board printed nothing",
      }),
    );
    expect(silent.root["@errors"]).toBe("1");
  });

  it("lists expect patterns, and escapes what the console printed", () => {
    const { result } = replay("app-patterns.txt", {
      expect: 'READY\n<tag attr="x"> & more',
      unity: false,
    });
    const xml = junitXml(result);
    const j = parseJunit(xml);
    expect(j.cases("console")).toHaveLength(3);
    expect(xml).toContain('<testcase name="expect READY" classname="console" time="0.000"/>');
    expect(xml).toContain('name="expect &lt;tag attr=&quot;x&quot;&gt; &amp; more"');
  });
});

describe("summary, annotations, outputs and journal", () => {
  it("writes a summary with the failing test first, where it failed and what to do", () => {
    const { result } = replay("unity-fail.txt", { relativize: rel });
    const md = summaryMarkdown(
      result,
      { consoleLog: "hil-out/hut-02/console.log", junit: "hil-out/hut-02/junit.xml" },
      { title: "hil-test on hut-02" },
    );
    expect(md).toContain("### ❌ hil-test on hut-02: 1 of 13 tests failed");
    expect(md).toContain("**12 passed, 1 failed, 0 ignored**");
    expect(md).toContain("`hil-out/hut-02/console.log`");
    const rows = md.split("\n").filter((l) => l.startsWith("| "));
    expect(rows[2]).toBe(
      "| ❌ | pwm duty follows setpoint | components/thermostat/test/test_pwm.c:88 | 0.01 s | Expected 512 Was 511 |",
    );
    expect(md).toContain('> Fix "pwm duty follows setpoint"');
  });

  it("shows the crash block and the boot loop's lines", () => {
    const crash = summaryMarkdown(replay("crash-panic.txt").result);
    expect(crash).toContain(
      '<details open><summary>Crash: panic (Guru Meditation Error): LoadProhibited in "i2c read sensor registers"</summary>',
    );
    expect(crash).toContain("Backtrace: 0x400d4f1b");
    const loop = summaryMarkdown(replay("bootloop.txt").result);
    expect(loop).toContain("E (121) boot: No bootable app partitions in the partition table");
  });

  it("annotates failed tests at their file and line, and the crash", () => {
    const host = new RecordingHost();
    annotate(host, replay("unity-fail.txt", { relativize: rel }).result);
    expect(host.lines).toEqual([
      {
        level: "error",
        message: "pwm duty follows setpoint: Expected 512 Was 511",
        where: {
          file: "components/thermostat/test/test_pwm.c",
          line: 88,
          title: "test failed: pwm duty follows setpoint",
        },
      },
    ]);
    const h2 = new RecordingHost();
    annotate(h2, replay("crash-assert.txt").result);
    const crash = h2.lines.find((l) => l.where?.title?.startsWith("crash"))!;
    expect(crash.where).toMatchObject({ file: "frame.c", line: 142 });
    expect(crash.message).toContain("Backtrace: 0x40081a2e");
  });

  it("sets the hil-test outputs", () => {
    const host = new RecordingHost();
    setOutputs(host, replay("unity-fail.txt").result, { junit: "j.xml", consoleLog: "c.log" });
    expect(host.outputs).toEqual({
      status: "failed",
      tests: "13",
      passed: "12",
      failed: "1",
      ignored: "0",
      junit: "j.xml",
      "console-log": "c.log",
    });
  });

  it("gives journal entries that fit the contract, with the first failures", () => {
    for (const name of [
      "unity-fail.txt",
      "crash-panic.txt",
      "hang.txt",
      "bootloop.txt",
      "unity-pass.txt",
    ]) {
      const r = replay(name, { relativize: rel }).result;
      const entries = journalEntries(r, { paths: { consoleLog: "c.log", junit: "j.xml" } });
      for (const e of entries) parseWith(journalEntry, e, name);
      const step = entries.at(-1)!;
      expect(step).toMatchObject({
        type: "step",
        step: "hil-test",
        status: r.status,
        exit_code: exitCodeOf(r),
      });
    }
    const fail = journalEntries(replay("unity-fail.txt", { relativize: rel }).result);
    expect(fail[0]).toMatchObject({
      type: "tests",
      counts: { total: 13, passed: 12, failed: 1, ignored: 0 },
      failures: [
        {
          name: "pwm duty follows setpoint",
          file: "components/thermostat/test/test_pwm.c",
          line: 88,
          message: "Expected 512 Was 511",
        },
      ],
    });
    expect(exitCodeOf({ status: "timeout" })).toBe(124);
    expect(exitCodeOf({ status: "cancelled" })).toBe(130);
  });

  it("relativeTo strips the longest matching root and leaves other paths alone", () => {
    const r = relativeTo(["/builds", "/builds/acme/fw/", undefined]);
    expect(r("/builds/acme/fw/main/a.c")).toBe("main/a.c");
    expect(r("/builds/other/b.c")).toBe("other/b.c");
    expect(r("/opt/esp-idf/components/x.c")).toBe("/opt/esp-idf/components/x.c");
  });
});

describe("console log", () => {
  it("writes every line with its timestamp, notes, and no secrets", () => {
    const dir = mkdtempSync(join(tmpdir(), "judge-log-"));
    const path = join(dir, "out", "console.log");
    const log = new ConsoleLog(path, (t) => t.replaceAll("hunter2hunter2", "***"));
    const { result } = replay("unity-pass.txt", { onLine: log.line });
    log.note(T0 + 1, 'sent "\\n" at the Unity menu');
    log.line({ n: 999, at: T0 + 2, text: "wifi password hunter2hunter2" });
    log.close();
    const text = readFileSync(path, "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(result.lines + 2);
    expect(lines[2]).toBe(
      formatLogLine(T0 + 26, "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)").trimEnd(),
    );
    expect(lines).toContain('2026-11-21T10:15:00.001Z #hil sent "\\n" at the Unity menu');
    expect(text).toContain("wifi password ***");
    expect(text).not.toContain("hunter2");
  });
});

describe("bench", () => {
  it("judges a synthetic console completely and reports a throughput", () => {
    const { tests } = syntheticConsole(256 * 1024);
    const r = benchJudgeDetailed(256 * 1024);
    expect(r.tests).toBe(tests);
    expect(r.bytes).toBeGreaterThanOrEqual(256 * 1024);
    expect(r.mbPerSec).toBeGreaterThan(0);
  });
});

describe("publishJudgement", () => {
  it("writes JUnit, annotates, sets outputs and appends the summary in one call", async () => {
    const host = new RecordingHost();
    host.maskSecret("hunter2hunter2");
    const dir = mkdtempSync(join(tmpdir(), "judge-pub-"));
    const { result } = replay("unity-fail.txt", {
      relativize: rel,
      expect: "hunter2hunter2",
    });
    const paths = await publishJudgement(result, host, {
      outDir: join(dir, "hil-out", "hut-02"),
      consoleLog: join(dir, "hil-out", "hut-02", "console.log"),
      title: "hil-test on hut-02",
      junit: { hostname: "hut-02" },
    });
    expect(paths.junit).toBe(join(dir, "hil-out", "hut-02", "junit.xml"));
    expect(readFileSync(paths.junit!, "utf8")).toContain('name="pwm duty follows setpoint"');
    expect(host.outputs.junit).toBe(paths.junit);
    expect(host.outputs["console-log"]).toBe(paths.consoleLog);
    expect(host.lines.filter((l) => l.level === "error")).toHaveLength(1);
    expect(host.summary).toContain("### ❌ hil-test on hut-02: 1 of 13 tests failed");
    // The pattern (a secret here) is listed in JUnit and the summary, masked.
    expect(readFileSync(paths.junit!, "utf8")).toContain('name="expect ***"');
    expect(readFileSync(paths.junit!, "utf8") + host.summary).not.toContain("hunter2");
  });
});
