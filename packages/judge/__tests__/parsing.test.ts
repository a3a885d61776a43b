import { describe, expect, it } from "vitest";
import { ConfigurationError } from "@hil/contracts";
import { classifyReset, crashSignature, parseBootLine } from "../src/esp";
import { resolveSelection } from "../src/judge";
import { cleanLine, LineSplitter } from "../src/lines";
import { parsePattern, parsePatterns } from "../src/patterns";
import {
  type MenuTest,
  parseMenuEntry,
  parseMenuPrompt,
  parseRunning,
  parseSummary,
  parseUnityResult,
  resetTokens,
} from "../src/unity";

describe("Unity lines", () => {
  it("reads PASS, FAIL with message, IGNORE with and without message", () => {
    expect(parseUnityResult("/b/main/test_a.c:12:adds up:PASS")).toEqual({
      file: "/b/main/test_a.c",
      line: 12,
      name: "adds up",
      status: "passed",
    });
    expect(parseUnityResult("/b/main/test_a.c:40:pwm duty:FAIL: Expected 50 Was 49")).toEqual({
      file: "/b/main/test_a.c",
      line: 40,
      name: "pwm duty",
      status: "failed",
      message: "Expected 50 Was 49",
    });
    expect(parseUnityResult("/b/main/test_a.c:7:slow:IGNORE")).toMatchObject({
      status: "ignored",
      name: "slow",
    });
    expect(parseUnityResult("/b/main/test_a.c:7:slow:IGNORE: needs jig")!.message).toBe(
      "needs jig",
    );
  });

  it("keeps colons in test names and messages, and reads the exec time", () => {
    expect(parseUnityResult("/b/t.c:5:uart: echo at 115200:PASS")!.name).toBe(
      "uart: echo at 115200",
    );
    expect(parseUnityResult("/b/t.c:9:uart echo:FAIL: Expected 'a:b' Was 'a'")).toMatchObject({
      name: "uart echo",
      message: "Expected 'a:b' Was 'a'",
    });
    expect(parseUnityResult("/b/t.c:5:fast:PASS (12 ms)")).toMatchObject({
      name: "fast",
      execMs: 12,
    });
  });

  it("ignores lines that only look a bit like results", () => {
    for (const l of [
      "I (123) app: PASS rate 99%",
      "status:PASS",
      "E (10) test: FAIL to open",
      "file.c:abc:name:PASS",
    ]) {
      expect(parseUnityResult(l), l).toBeUndefined();
    }
  });

  it("reads Running, the summary, the menu and reset tags", () => {
    expect(parseRunning("Running gpio output test...")).toBe("gpio output test");
    expect(parseRunning("Running tests matching '[gpio]'...")).toBeUndefined();
    expect(parseSummary("13 Tests 1 Failures 0 Ignored ")).toEqual({
      tests: 13,
      failures: 1,
      ignored: 0,
    });
    expect(parseSummary("13 Tests so far")).toBeUndefined();
    expect(parseMenuPrompt("Press ENTER to see the list of tests.")).toBe("press-enter");
    expect(parseMenuPrompt("Enter test for running.")).toBe("enter-test");
    expect(parseMenuPrompt("Enter next test, or 'enter' to see menu")).toBe("enter-next");
    expect(parseMenuEntry('(2)\t"abort test" [panic][reset="abort,SW_CPU_RESET"]')).toEqual({
      index: 2,
      name: "abort test",
      desc: '[panic][reset="abort,SW_CPU_RESET"]',
    });
    expect(parseMenuEntry('(10)\t"no tags" ')).toEqual({ index: 10, name: "no tags", desc: "" });
    expect(resetTokens('[panic][reset="abort,SW_CPU_RESET"]')).toEqual(["abort", "SW_CPU_RESET"]);
    expect(resetTokens("[reset=DEEPSLEEP_RESET][sleep]")).toEqual(["DEEPSLEEP_RESET"]);
    expect(resetTokens("[gpio]")).toEqual([]);
  });

  it("resolves a menu selection to tests as unity_run_menu does", () => {
    const menu: MenuTest[] = [
      { index: 1, name: "a", desc: "[gpio]", stages: [] },
      { index: 2, name: "b", desc: "[nvs][leaks]", stages: [] },
      { index: 3, name: "c", desc: "[gpio][slow]", stages: ["s1", "s2"] },
    ];
    const n = (s: string) => resolveSelection(s, menu).map((t) => t.name);
    expect(n("*")).toEqual(["a", "b", "c"]);
    expect(n("[gpio]")).toEqual(["a", "c"]);
    expect(n("![gpio]")).toEqual(["b"]);
    expect(n('"b"')).toEqual(["b"]);
    expect(n("3")).toEqual(["c"]);
    expect(n("9")).toEqual([]);
  });
});

describe("ESP32 boot and crash signatures", () => {
  it("reads the ROM's reset reason on ESP32 and newer chips", () => {
    expect(parseBootLine("rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)")).toEqual({
      code: 12,
      reason: "SW_CPU_RESET",
      resetClass: "software",
    });
    expect(parseBootLine("rst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)")!.resetClass).toBe(
      "power",
    );
    expect(classifyReset("TG1WDT_SYS_RESET")).toBe("watchdog");
    expect(classifyReset("RTCWDT_BROWN_OUT_RESET")).toBe("brownout");
    expect(classifyReset("RTC_SW_CPU_RST")).toBe("software");
    expect(classifyReset("DEEPSLEEP_RESET")).toBe("deepsleep");
    expect(classifyReset("USB_UART_CHIP_RESET")).toBe("external");
    expect(parseBootLine("I (31) boot: first")).toBeUndefined();
  });

  it("knows the panic handler's signatures", () => {
    expect(
      crashSignature(
        "Guru Meditation Error: Core  1 panic'ed (StoreProhibited). Exception was unhandled.",
      ),
    ).toEqual({ kind: "panic", reason: "StoreProhibited" });
    expect(
      crashSignature("Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0). "),
    ).toMatchObject({ kind: "interrupt_wdt" });
    expect(crashSignature("abort() was called at PC 0x400d2c57 on core 0")!.kind).toBe("abort");
    expect(
      crashSignature('assertion "len > 0" failed: file "main/frame.c", line 12, function: parse'),
    ).toEqual({ kind: "assert", reason: "len > 0", file: "main/frame.c", line: 12 });
    expect(
      crashSignature("***ERROR*** A stack overflow in task sensor has been detected."),
    ).toMatchObject({
      kind: "stack_overflow",
      reason: "A stack overflow in task sensor has been detected.",
    });
    expect(crashSignature("CORRUPT HEAP: Bad head at 0x3ffb4c4c.")!.kind).toBe("heap_corruption");
    expect(crashSignature("Stack smashing protect failure!")!.kind).toBe("stack_smashing");
    expect(crashSignature("Backtrace: 0x400d1234:0x3ffb1234")!.kind).toBe("backtrace");
    expect(crashSignature("I (10) app: all good")).toBeUndefined();
  });
});

describe("patterns", () => {
  it("takes plain text literally and /regex/flags as a regular expression", () => {
    const p = parsePattern("a.b (x)");
    expect(p.test("see a.b (x) here")).toBe(true);
    expect(p.test("aXb (x)")).toBe(false);
    const r = parsePattern("/ready in \\d+ ms/i");
    expect(r.test("READY in 12 ms")).toBe(true);
    expect(parsePattern("/").test("a/b")).toBe(true);
  });

  it("reads one pattern per line, keeping # text", () => {
    expect(
      parsePatterns("READY\n\n  /ip: \\d+/  \n#### Unity test runner #####\n").map((p) => p.source),
    ).toEqual(["READY", "/ip: \\d+/", "#### Unity test runner #####"]);
  });

  it("refuses a bad expression or flag with what to do", () => {
    expect(() => parsePattern("/a(/", "fail pattern")).toThrow(ConfigurationError);
    try {
      parsePattern("/x/g", "fail pattern");
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigurationError).message).toContain("fail pattern /x/g has flag g");
      expect((e as ConfigurationError).hint).toMatch(/i, m, s, u or v/);
    }
  });
});

describe("line splitting", () => {
  const split = (chunks: (string | Uint8Array)[], max = 100) => {
    const out: [string, number][] = [];
    const s = new LineSplitter(max, (t, at) => out.push([t, at]));
    chunks.forEach((c, i) => s.push(c, i));
    s.flush();
    return out;
  };

  it("joins lines across chunks and stamps each with its first byte's time", () => {
    expect(split(["I (1) a: x\r", "\nI (2) b", ": y\r\n", "tail"])).toEqual([
      ["I (1) a: x", 0],
      ["I (2) b: y", 1],
      ["tail", 3],
    ]);
  });

  it("decodes UTF-8 split across reads", () => {
    const bytes = Buffer.from("temp 21.5°C\n");
    const cut = bytes.indexOf(0xb0); // between the two bytes of °
    expect(split([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([["temp 21.5°C", 0]]);
  });

  it("cuts a line that never ends, so memory stays bounded", () => {
    const out = split(["x".repeat(250)], 100);
    expect(out.map(([t]) => t.length)).toEqual([100, 100, 50]);
  });

  it("strips ANSI colours and the bytes a reset leaves", () => {
    expect(cleanLine("\u001b[0;32mI (31) boot: hi\u001b[0m")).toBe("I (31) boot: hi");
    expect(cleanLine("\u0000\u00ff\ufffdets Jun  8 2016 00:22:57\r")).toBe(
      "ets Jun  8 2016 00:22:57",
    );
    expect(cleanLine('\t(1)\t"stage"')).toBe('\t(1)\t"stage"');
  });
});
