import type { FailureKind, ReportStatus } from "@hil/contracts";
import {
  backtraceOf,
  type BootLine,
  crashKindOfReset,
  crashSignature,
  CRASH_TITLES,
  type CrashSignature,
  endsCrashBlock,
  isBootChatter,
  isInfrastructureCrash,
  parseBootLine,
} from "./esp";
import { LineSplitter } from "./lines";
import { type Pattern, parsePatterns } from "./patterns";
import type {
  BootRecord,
  ConsoleLine,
  Crash,
  JudgeEvent,
  JudgeResult,
  PatternOutcome,
  TestCase,
} from "./types";
import {
  MENU_HEADER,
  type MenuTest,
  parseMenuEntry,
  parseMenuPrompt,
  parseMenuStage,
  parseRunning,
  parseSummary,
  parseUnityResult,
  resetTokens,
  type UnitySummary,
} from "./unity";

export interface JudgeOptions {
  /** When reading began (ms since the epoch, same clock as every `at` given later). */
  startedAt: number;
  /** The whole run may take this long (default 300 s). */
  timeoutMs?: number;
  /** No console byte for this long means the board hangs (default 60 s). */
  inactivityMs?: number;
  /** Patterns that must all appear: `/regex/flags` or plain text, one per line or a list. */
  expect?: string | readonly string[];
  /** Patterns that fail the run when a line matches. */
  fail?: string | readonly string[];
  /** Judge Unity output (default true). */
  unity?: boolean;
  /**
   * Drive the Unity menu: the selection to send at `Enter test for running.` (`*`, `[tag]`,
   * `"test name"`, an index, `![tag]`). Unset: the app runs its tests by itself.
   */
  unityMenu?: string;
  /**
   * The driver resets the board as the run starts, so boots within `initialBootMs` (default
   * 5 s) of the start, until the app comes up, are expected, even after leftover output from
   * before the reset (default true). They still count towards a boot loop.
   */
  initialReset?: boolean;
  initialBootMs?: number;
  /** This many boots within `bootLoopWindowMs` without the app surviving is a boot loop (default 3 in 30 s). */
  bootLoopBoots?: number;
  bootLoopWindowMs?: number;
  /**
   * With `unity` on and every `expect` pattern seen before any Unity output, wait this long
   * for Unity output to start before passing (default 3 s): a Unity run after the patterns
   * must not be cut off.
   */
  unitySettleMs?: number;
  /** How long to keep collecting a crash block (register dump, backtrace) after its first line (default 2 s). */
  crashGraceMs?: number;
  /** Lines kept of a crash block (default 80). */
  maxCrashLines?: number;
  /** Longest console line; a longer one is split (default 16 KiB). */
  maxLineLength?: number;
  /**
   * Turn the paths Unity and asserts print (absolute, from the build machine) into paths
   * in the repository, for annotations and the report (see `relativeTo`).
   */
  relativize?: (file: string) => string;
  /** Every console line, for the timestamped log (called even after the verdict, for the rest of a chunk). */
  onLine?: (line: ConsoleLine) => void;
}

const DEFAULTS = {
  timeoutMs: 300_000,
  inactivityMs: 60_000,
  bootLoopBoots: 3,
  bootLoopWindowMs: 30_000,
  initialBootMs: 5_000,
  unitySettleMs: 3_000,
  crashGraceMs: 2_000,
  maxCrashLines: 80,
  maxLineLength: 16_384,
};
const LAST_LINES = 30;

interface OpenCrash {
  sig: CrashSignature;
  headline: string;
  at: number;
  lines: string[];
  backtraces: string[];
  test?: string;
  resetReason?: string;
}

interface Running {
  name: string;
  startedAt: number;
  menu?: MenuTest;
}

interface MultiStage {
  test: MenuTest;
  startedAt: number;
  /** Stage sent last (1-based), 0 before the first. */
  running: number;
}

/**
 * The streaming judge: feed it console bytes (or lines) with the time they arrived, and it
 * returns what happened (events) and, once it can tell, the verdict. No I/O and no timers:
 * time only moves through the timestamps given to `feed`/`tick`, so it judges a recorded
 * transcript exactly as it judges a live board.
 */
export class ConsoleJudge {
  private readonly o: Required<
    Omit<JudgeOptions, "expect" | "fail" | "unityMenu" | "onLine" | "startedAt" | "relativize">
  >;
  private readonly startedAt: number;
  private readonly splitter: LineSplitter;
  private readonly onLine?: (line: ConsoleLine) => void;
  private readonly rel: (file: string) => string;
  private readonly expectPatterns: Pattern[];
  private readonly failPatterns: Pattern[];
  private readonly expectOutcomes: PatternOutcome[];
  private expectRemaining: number;
  private expectsDoneAt?: number;
  private readonly failMatches: PatternOutcome[] = [];
  private readonly menuSelection?: string;
  private events: JudgeEvent[] = [];
  private finalResult?: JudgeResult;

  private bytes = 0;
  private lineNo = 0;
  private lastByteAt: number;
  private readonly ring: string[] = new Array<string>(LAST_LINES);
  private ringNext = 0;
  private readonly warnings: string[] = [];

  // boots
  private readonly boots: BootRecord[] = [];
  private loopWindow: number[] = [];
  private appRunning = false;
  private appEverRan = false;
  /** The app came up after a boot this run saw (so the driver's reset is done). */
  private appAfterBoot = false;
  private driverResets = 0;
  /** `ringNext` just after the last boot line: the lines since then are in the ring. */
  private bootMark = 0;

  // crashes
  private crash?: OpenCrash;
  private readonly expectedCrashes: Crash[] = [];
  private lastCrashExpected = false;

  // unity
  private readonly tests: TestCase[] = [];
  private failedTests = 0;
  private running?: Running;
  private lastResultAt?: number;
  private unitySeen = false;
  /** The summary of the Unity run in progress (cleared when another run starts). */
  private summary?: UnitySummary & { ok: boolean; at: number; closed: boolean };
  /** The last summary printed, for the result. */
  private lastSummary?: UnitySummary & { ok: boolean };
  private leaksResetAllowed?: MenuTest;

  // menu
  private inListing = false;
  private readonly menu = new Map<number, MenuTest>();
  private lastEntry?: MenuTest;
  private selectionSent = false;
  private queue: MenuTest[] = [];
  private readonly started = new Set<string>();
  private multi?: MultiStage;

  constructor(options: JudgeOptions) {
    this.o = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      inactivityMs: options.inactivityMs ?? DEFAULTS.inactivityMs,
      unity: options.unity ?? true,
      initialReset: options.initialReset ?? true,
      initialBootMs: options.initialBootMs ?? DEFAULTS.initialBootMs,
      unitySettleMs: options.unitySettleMs ?? DEFAULTS.unitySettleMs,
      bootLoopBoots: options.bootLoopBoots ?? DEFAULTS.bootLoopBoots,
      bootLoopWindowMs: options.bootLoopWindowMs ?? DEFAULTS.bootLoopWindowMs,
      crashGraceMs: options.crashGraceMs ?? DEFAULTS.crashGraceMs,
      maxCrashLines: options.maxCrashLines ?? DEFAULTS.maxCrashLines,
      maxLineLength: options.maxLineLength ?? DEFAULTS.maxLineLength,
    };
    this.startedAt = options.startedAt;
    this.lastByteAt = options.startedAt;
    if (options.onLine) this.onLine = options.onLine;
    this.rel = options.relativize ?? ((f) => f);
    if (options.unityMenu?.trim()) this.menuSelection = options.unityMenu.trim();
    this.expectPatterns = parsePatterns(options.expect, "expect pattern");
    this.failPatterns = parsePatterns(options.fail, "fail pattern");
    this.expectOutcomes = this.expectPatterns.map((p) => ({ pattern: p.source, matched: false }));
    this.expectRemaining = this.expectOutcomes.length;
    this.splitter = new LineSplitter(this.o.maxLineLength, (text, at) => this.line(text, at));
  }

  /** The verdict, once there is one. */
  get result(): JudgeResult | undefined {
    return this.finalResult;
  }

  get done(): boolean {
    return this.finalResult !== undefined;
  }

  /** Console bytes (or already decoded text) that arrived at `at`. */
  feed(chunk: Uint8Array | string, at: number): JudgeEvent[] {
    if (this.done) {
      this.splitter.push(chunk, at); // still logged
      return [];
    }
    this.checkTime(at);
    if (!this.done) {
      const size = typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (size > 0) {
        this.bytes += size;
        this.lastByteAt = at;
      }
      this.splitter.push(chunk, at);
      // A crash block or a Unity summary may be waiting for more lines that never come.
      this.checkTime(at);
    } else {
      this.splitter.push(chunk, at);
    }
    return this.take();
  }

  /** One whole line from a line-oriented console (no newline). */
  feedLine(text: string, at: number): JudgeEvent[] {
    return this.feed(text + "\n", at);
  }

  /** Let time pass without console output: time-outs and grace periods are checked against `at`. */
  tick(at: number): JudgeEvent[] {
    if (!this.done) this.checkTime(at);
    return this.take();
  }

  /**
   * When `tick` next has something to decide (a time-out or grace period ends): the driver
   * can sleep until then instead of polling.
   */
  nextDeadline(): number {
    let t = Math.min(this.startedAt + this.o.timeoutMs, this.lastByteAt + this.o.inactivityMs);
    if (this.crash) t = Math.min(t, this.crash.at + this.o.crashGraceMs);
    if (this.summary && !this.summary.closed)
      t = Math.min(t, this.summary.at + this.o.crashGraceMs);
    if (this.settling()) t = Math.min(t, this.expectsDoneAt! + this.o.unitySettleMs);
    return t;
  }

  /** The driver is about to reset or power-cycle the board itself: the next boot is not a crash. */
  expectReset(): void {
    this.driverResets++;
  }

  /** The job's cancellation flag was raised. */
  cancel(at: number, why = "the job was cancelled"): JudgeEvent[] {
    if (!this.done) {
      this.finish(at, "cancelled", undefined, `cancelled: ${why}`, {
        hint: "Re-run the job when it should run again.",
      });
    }
    return this.take();
  }

  /** The console went away (port closed, USB device gone, RFC 2217 server down). */
  portLost(at: number, detail = "the console closed"): JudgeEvent[] {
    if (!this.done) {
      this.splitter.flush();
      if (!this.done) {
        this.finish(at, "failed", "infrastructure", `lost the console: ${detail}`, {
          hint:
            "Check the slot's USB cable and hub (or the RFC 2217 server), and that the board " +
            "keeps its /dev/serial/by-id name; re-run once the port is back.",
        });
      }
    }
    return this.take();
  }

  /** Any other lab trouble the driver ran into while reading (reset failed, power relay down). */
  infrastructureFailure(at: number, message: string, hint?: string): JudgeEvent[] {
    if (!this.done) this.finish(at, "failed", "infrastructure", message, hint ? { hint } : {});
    return this.take();
  }

  // ---------------------------------------------------------------------------------------

  private take(): JudgeEvent[] {
    const e = this.events;
    this.events = [];
    return e;
  }

  private emit(e: JudgeEvent): void {
    this.events.push(e);
  }

  private checkTime(at: number): void {
    if (this.crash && at - this.crash.at >= this.o.crashGraceMs) {
      this.closeCrash(this.crash.at + this.o.crashGraceMs);
      if (this.done) return;
    }
    if (this.summary && !this.summary.closed && at - this.summary.at >= this.o.crashGraceMs) {
      this.summary.closed = true;
      this.checkComplete(this.summary.at + this.o.crashGraceMs);
      if (this.done) return;
    }
    if (this.settling() && at >= this.expectsDoneAt! + this.o.unitySettleMs) {
      this.checkComplete(this.expectsDoneAt! + this.o.unitySettleMs);
      if (this.done) return;
    }
    const overall = this.startedAt + this.o.timeoutMs;
    const quiet = this.lastByteAt + this.o.inactivityMs;
    if (at >= overall || at >= quiet) {
      if (overall <= quiet) this.timeUp(overall, "overall");
      else this.timeUp(quiet, "inactivity");
    }
  }

  private line(text: string, at: number): void {
    this.lineNo++;
    this.onLine?.({ n: this.lineNo, at, text });
    if (this.done) return;
    this.ring[this.ringNext++ % LAST_LINES] = text;

    if (this.crash) {
      if (at - this.crash.at >= this.o.crashGraceMs) {
        this.closeCrash(at);
        if (this.done) return;
      } else if (!parseBootLine(text)) {
        this.crashLine(text, at);
        return;
      } else {
        this.closeCrash(at);
        if (this.done) return;
      }
    }

    // An info/warning/debug log line (`I (1234) tag: ...`) carries no boot line, crash
    // signature or Unity output: most of a console is these, so they skip those parsers.
    const c0 = text.charCodeAt(0);
    const quietLog =
      text.charCodeAt(2) === 40 &&
      text.charCodeAt(1) === 32 &&
      (c0 === 73 || c0 === 87 || c0 === 68 || c0 === 86);

    const boot = quietLog ? undefined : parseBootLine(text);
    if (boot) {
      this.onBoot(boot, at);
      return;
    }

    const sig = quietLog ? undefined : crashSignature(text);
    if (sig) {
      const bt = backtraceOf(text);
      this.crash = {
        sig,
        headline: text,
        at,
        lines: [text],
        backtraces: bt ? [bt] : [],
        ...(this.running ? { test: this.running.name } : {}),
      };
      return;
    }

    if (!this.appRunning && !isBootChatter(text)) {
      this.appRunning = true;
      this.appEverRan = true;
      if (this.boots.length) this.appAfterBoot = true;
      this.loopWindow = [];
      this.emit({ type: "app-started", at });
    }

    if (this.o.unity) {
      if (quietLog) {
        if (this.summary && !this.summary.closed) this.summary.closed = true;
      } else {
        this.unityLine(text, at);
      }
    }
    if (this.done) return;
    this.patterns(text, at);
    if (this.done) return;
    this.checkComplete(at);
  }

  // --- boots and crashes ------------------------------------------------------------------

  private onBoot(boot: BootLine, at: number): void {
    // Who planned this boot: the driver (its reset as the run starts, or one it announced),
    // the running test (multi-stage, `[reset=...]`), or deep sleep. Planned boots by the
    // driver or a test do not count towards a boot loop; the initial one does.
    let by: "initial" | "driver" | "test" | "deepsleep" | undefined;
    // Boots right after the start, before the app came up from one of them, are the driver's
    // reset (opening a port can reset a DevKit once more before the driver's own reset does).
    const initial =
      this.o.initialReset && !this.appAfterBoot && at - this.startedAt <= this.o.initialBootMs;
    if (initial) by = "initial";
    else if (this.driverResets > 0) {
      this.driverResets--;
      by = "driver";
    } else if (this.testAllowsReset(boot)) by = "test";
    else if (boot.resetClass === "deepsleep") by = "deepsleep";
    const expected = by !== undefined;
    const wasRunning = this.appRunning;
    this.appRunning = false;
    this.boots.push({ at, reason: boot.reason, resetClass: boot.resetClass, expected });
    this.emit({ type: "boot", at, reason: boot.reason, resetClass: boot.resetClass, expected });
    // The lines between the previous boot and this one (the boot line itself excluded).
    const since = Math.min(this.ringNext - 1 - this.bootMark, LAST_LINES - 1);
    const before = this.lastLines().slice(-1 - since, -1);
    this.bootMark = this.ringNext;
    this.inListing = false;
    this.lastCrashExpected = false;

    if (by === "test") return this.testResetAsExpected(boot, at);
    if (by === "driver" || by === "deepsleep") {
      this.running = undefined;
      return;
    }

    if (!expected && wasRunning) {
      // The app was up and the chip restarted with nothing printed first: an unplanned reset.
      const kind = crashKindOfReset(boot);
      this.crash = {
        sig: { kind, reason: boot.reason },
        headline: `rst:0x${boot.code.toString(16)} (${boot.reason})`,
        at,
        lines: before.slice(-10),
        backtraces: [],
        resetReason: boot.reason,
        ...(this.running ? { test: this.running.name } : {}),
      };
      this.closeCrash(at);
      return;
    }

    this.loopWindow.push(at);
    this.loopWindow = this.loopWindow.filter((t) => at - t < this.o.bootLoopWindowMs);
    if (this.loopWindow.length >= this.o.bootLoopBoots) {
      const errors = before.filter((l) => /^E \(\d+\)|invalid header|error|fail/i.test(l));
      const shown = (errors.length ? errors : before.filter((l) => l !== "")).slice(-8);
      const reasons = [
        ...new Set(this.boots.slice(-this.o.bootLoopBoots).map((b) => b.reason)),
      ].join(", ");
      const secs = Math.round((at - this.loopWindow[0]!) / 1000);
      this.finish(
        at,
        "failed",
        "test",
        `boot loop: ${this.loopWindow.length} boots in ${secs} s without the app coming up (reset reason ${reasons})`,
        {
          hint: shown.some((l) => /invalid header|invalid magic|No bootable app/.test(l))
            ? "The flash holds no valid image at the boot address: re-flash the bundle (check hil-flash's offsets and flash size)."
            : "The firmware does not boot: see the lines before each reboot (bootloader or early-init errors) in the console log.",
          detail: shown,
        },
      );
    }
  }

  /** Does the running test (or the multi-stage test in progress) announce this reset? */
  private testAllowsReset(boot: BootLine): boolean {
    const t = this.running?.menu ?? this.multi?.test ?? this.leaksResetAllowed;
    if (!t) return false;
    const tokens = resetTokens(t.desc);
    if (tokens.includes(boot.reason)) return true;
    const resets = t.stages.length > 1 || tokens.length > 0 || t.desc.includes("[leaks");
    if (!resets) return false;
    return (
      boot.resetClass === "software" || boot.resetClass === "deepsleep" || this.lastCrashExpected
    );
  }

  /** A test reset the board as it said it would: move the multi-stage test on, or pass a reset test. */
  private testResetAsExpected(boot: BootLine, at: number): void {
    if (this.leaksResetAllowed && !this.running) {
      this.leaksResetAllowed = undefined;
      return;
    }
    const r = this.running;
    this.running = undefined;
    if (!r) return;
    if (this.multi && this.multi.test.name === r.name) {
      if (this.multi.running < this.multi.test.stages.length) return; // next stage after the boot
      this.multi = undefined;
    }
    // A single-stage test that resets by design passes when it resets as announced.
    this.record(
      {
        name: r.name,
        status: "passed",
        message: `reset as expected (${boot.reason})`,
        startedAt: r.startedAt,
        endedAt: at,
        durationMs: at - r.startedAt,
        cutShort: "reset",
      },
      at,
    );
  }

  private crashLine(text: string, at: number): void {
    const c = this.crash!;
    if (c.lines.length < this.o.maxCrashLines) c.lines.push(text);
    const bt = backtraceOf(text);
    if (bt) c.backtraces.push(bt);
    if (endsCrashBlock(text) || c.lines.length >= this.o.maxCrashLines) this.closeCrash(at);
  }

  private closeCrash(at: number): void {
    const c = this.crash!;
    this.crash = undefined;
    const kind = c.sig.kind;
    const title =
      CRASH_TITLES[kind] + (c.sig.reason && kind !== "abort" ? `: ${c.sig.reason}` : "");
    const t = this.running?.menu ?? this.multi?.test;
    const tokens = t ? resetTokens(t.desc) : [];
    const hay = `${c.headline} ${kind}`.toLowerCase();
    const expected = tokens.some((tok) => hay.includes(tok.toLowerCase()));
    const crash: Crash = {
      kind,
      title,
      headline: c.headline,
      at: c.at,
      lines: c.lines,
      backtraces: c.backtraces,
      expected,
      failureKind: isInfrastructureCrash(kind) ? "infrastructure" : "test",
      ...(c.sig.reason ? { reason: c.sig.reason } : {}),
      ...(c.test ? { test: c.test } : {}),
      ...(c.sig.file ? { file: this.rel(c.sig.file) } : {}),
      ...(c.sig.line ? { line: c.sig.line } : {}),
      ...(c.resetReason ? { resetReason: c.resetReason } : {}),
    };
    this.emit({ type: "crash", at: c.at, crash });
    if (expected) {
      this.expectedCrashes.push(crash);
      this.lastCrashExpected = true;
      return;
    }
    if (this.running) this.cutShort(this.running, at, "crash", crash.title, crash);
    const where = crash.test ? ` in "${crash.test}"` : "";
    this.finish(at, "failed", crash.failureKind, `crashed: ${title}${where}`, {
      crash,
      hint: crashHint(crash, where),
    });
  }

  // --- Unity --------------------------------------------------------------------------------

  private unityLine(text: string, at: number): void {
    if (this.summary && !this.summary.closed) {
      // The OK / FAIL line after the summary, or whatever comes instead.
      this.summary.closed = true;
      if (text === "OK" || text === "FAIL") {
        this.summary.ok = this.lastSummary!.ok = text === "OK";
        return;
      }
    }
    const result = parseUnityResult(text);
    if (result) {
      this.unitySeen = true;
      if (this.summary?.closed) this.summary = undefined; // a new run after a summary
      const r = this.running && this.running.name === result.name ? this.running : undefined;
      const startedAt =
        this.multi && this.multi.test.name === result.name
          ? this.multi.startedAt
          : (r?.startedAt ?? this.lastResultAt ?? this.startedAt);
      const tc: TestCase = {
        name: result.name,
        status: result.status,
        file: this.rel(result.file),
        line: result.line,
        startedAt,
        endedAt: at,
        durationMs: result.execMs ?? at - startedAt,
      };
      if (result.message) tc.message = result.message;
      if (this.multi && this.multi.test.name === result.name) {
        tc.stages = this.multi.running || 1;
        this.multi = undefined;
      }
      if (this.running?.menu?.desc.includes("[leaks")) this.leaksResetAllowed = this.running.menu;
      this.running = undefined;
      this.record(tc, at);
      return;
    }
    const name = parseRunning(text);
    if (name !== undefined) {
      // Not proof of Unity by itself: any app may print "Running self-test...".
      if (this.summary?.closed) this.summary = undefined; // a new run after a summary
      const menu = this.menu.size ? this.findMenuTest(name) : undefined;
      const continuing = this.multi && this.multi.test.name === name;
      this.running = {
        name,
        startedAt: continuing ? this.multi!.startedAt : at,
        ...(menu ? { menu } : {}),
      };
      this.leaksResetAllowed = undefined;
      if (this.menuSelection !== undefined) this.started.add(name);
      if (menu && menu.stages.length > 1 && !continuing) {
        this.multi = { test: menu, startedAt: at, running: 0 };
      }
      this.emit({ type: "test-started", at, name });
      return;
    }
    if (text.startsWith("-----")) return;
    const summary = text.charCodeAt(0) <= 57 ? parseSummary(text) : undefined;
    if (summary) {
      this.unitySeen = true;
      this.summary = { ...summary, ok: summary.failures === 0, at, closed: false };
      this.lastSummary = { ...summary, ok: summary.failures === 0 };
      this.emit({ type: "summary", at, summary });
      return;
    }
    this.menuLine(text, at);
  }

  private record(tc: TestCase, at: number): void {
    this.tests.push(tc);
    if (tc.status === "failed") this.failedTests++;
    this.lastResultAt = at;
    this.emit({ type: "test", at, test: tc });
  }

  private cutShort(
    r: Running,
    at: number,
    why: NonNullable<TestCase["cutShort"]>,
    message: string,
    where?: { file?: string; line?: number },
  ): void {
    this.running = undefined;
    const startedAt = r.startedAt;
    const tc: TestCase = {
      name: r.name,
      status: "failed",
      message,
      startedAt,
      endedAt: at,
      durationMs: at - startedAt,
      cutShort: why,
    };
    if (where?.file) tc.file = where.file;
    if (where?.line) tc.line = where.line;
    this.record(tc, at);
  }

  private findMenuTest(name: string): MenuTest | undefined {
    for (const t of this.menu.values()) if (t.name === name) return t;
    return undefined;
  }

  // --- the menu -----------------------------------------------------------------------------

  private menuLine(text: string, at: number): void {
    if (text === MENU_HEADER) {
      this.inListing = true;
      this.menu.clear();
      this.lastEntry = undefined;
      return;
    }
    const prompt = parseMenuPrompt(text);
    if (prompt) {
      this.inListing = false;
      this.unitySeen = true;
      const reply = this.replyTo(prompt);
      this.emit({ type: "menu", at, prompt, ...reply });
      // Back at the menu with nothing left to select (a test ended the run by resetting).
      if (reply.reply === undefined && this.selectionSent && prompt !== "press-enter") {
        if (!this.menuHasMore()) this.verdictFromTests(at);
      }
      return;
    }
    if (this.inListing) {
      const entry = parseMenuEntry(text);
      if (entry) {
        this.lastEntry = { ...entry, stages: [] };
        this.menu.set(entry.index, this.lastEntry);
        return;
      }
      const stage = parseMenuStage(text);
      if (stage && this.lastEntry) this.lastEntry.stages.push(stage.name);
      return;
    }
    // The stage sub-menu of a multi-stage test: its name, then `\t(k)\t"stage"` lines.
    const stage = this.multi ? parseMenuStage(text) : undefined;
    if (stage && this.multi && stage.index === this.multi.test.stages.length) {
      const reply = this.menuSelection !== undefined ? this.nextStage() : undefined;
      this.emit({ type: "menu", at, prompt: "stage", ...(reply ? { reply } : {}) });
    }
  }

  private nextStage(): string {
    const m = this.multi!;
    m.running = Math.min(m.running + 1, m.test.stages.length);
    return `${m.running}\n`;
  }

  /** What to type at a menu prompt when the judge drives the menu. */
  private replyTo(prompt: "press-enter" | "enter-test" | "enter-next"): { reply?: string } {
    if (this.menuSelection === undefined) return {};
    if (prompt === "press-enter") return { reply: "\n" };
    if (!this.selectionSent) {
      if (prompt !== "enter-test") return { reply: "\n" };
      this.selectionSent = true;
      this.queue = resolveSelection(this.menuSelection, [...this.menu.values()]);
      return { reply: `${this.menuSelection}\n` };
    }
    // After a reset (or a run cut into pieces by one): continue where the selection left off.
    if (this.multi) return { reply: `${this.multi.test.index}\n` };
    const next = this.queue.find((t) => !this.started.has(t.name));
    if (next) return { reply: `${next.index}\n` };
    return {};
  }

  /** More tests of the selection still to run (multi-stage in progress, or tests a reset cut off). */
  private menuHasMore(): boolean {
    if (this.menuSelection === undefined) return false;
    if (!this.selectionSent) return true;
    if (this.multi) return true;
    return this.queue.some((t) => !this.started.has(t.name));
  }

  // --- patterns and completion --------------------------------------------------------------

  private patterns(text: string, at: number): void {
    for (let i = 0; i < this.expectPatterns.length; i++) {
      const o = this.expectOutcomes[i]!;
      if (o.matched || !this.expectPatterns[i]!.test(text)) continue;
      Object.assign(o, { matched: true, at, lineNo: this.lineNo, line: text });
      if (--this.expectRemaining === 0) this.expectsDoneAt = at;
      this.emit({ type: "expect", at, pattern: o.pattern, line: text });
    }
    for (const p of this.failPatterns) {
      if (!p.test(text)) continue;
      this.failMatches.push({
        pattern: p.source,
        matched: true,
        at,
        lineNo: this.lineNo,
        line: text,
      });
      this.emit({ type: "fail-pattern", at, pattern: p.source, line: text });
      const msg = `console matched fail pattern ${p.source}: ${text}`;
      if (this.running) this.cutShort(this.running, at, "fail-pattern", msg);
      this.finish(at, "failed", "test", msg, {
        hint: `Find what printed it at line ${this.lineNo} of the console log and fix it.`,
      });
      return;
    }
  }

  private unityInPlay(): boolean {
    return this.o.unity && (this.unitySeen || this.menuSelection !== undefined);
  }

  private checkComplete(at: number): void {
    const unity = this.unityInPlay();
    // Cheap tests first: this runs after every line.
    if (unity && (!this.summary?.closed || this.menuHasMore())) return;
    const anyFailed = this.failedTests > 0 || (this.lastSummary?.failures ?? 0) > 0;
    if (unity && anyFailed) return this.verdictFromTests(at);
    if (this.expectRemaining > 0) return;
    if (!unity && this.expectOutcomes.length === 0) return; // nothing to wait for: runs to the time-out
    if (this.settling() && at < this.expectsDoneAt! + this.o.unitySettleMs) return;
    this.verdictFromTests(at);
  }

  /** Every pattern seen, Unity on but silent so far: give a Unity run the chance to start. */
  private settling(): boolean {
    return (
      this.o.unity &&
      !this.unityInPlay() &&
      this.expectsDoneAt !== undefined &&
      this.expectRemaining === 0
    );
  }

  private verdictFromTests(at: number): void {
    const failed = this.tests.filter((t) => t.status === "failed");
    const s = this.lastSummary;
    if (s && this.tests.length < s.tests && !this.multiSegments()) {
      this.warnings.push(
        `Unity reported ${s.tests} tests but ${this.tests.length} results were read: console lines were lost or garbled.`,
      );
    }
    if (failed.length || (s && s.failures > 0)) {
      const n = Math.max(failed.length, s?.failures ?? 0);
      const total = Math.max(this.tests.length, s?.tests ?? 0);
      const first = failed[0];
      this.finish(at, "failed", "test", `${n} of ${total} tests failed`, {
        hint: first
          ? `Fix "${first.name}"${first.file ? ` (${first.file}${first.line ? `:${first.line}` : ""})` : ""}${first.message ? `: ${first.message}` : ""}.`
          : "See the console log for the failing test.",
      });
      return;
    }
    if (this.unityInPlay() && this.tests.length === 0) {
      this.finish(at, "failed", "configuration", "Unity ran no tests", {
        hint:
          "Check the unity-menu selection against the menu in the console log, and that the " +
          "test components are linked into the app (TEST_CASE files in the build).",
      });
      return;
    }
    const parts: string[] = [];
    if (this.unityInPlay()) parts.push(`${this.tests.length} tests passed`);
    if (this.expectOutcomes.length)
      parts.push(`all ${this.expectOutcomes.length} expected patterns seen`);
    this.finish(at, "success", undefined, parts.join("; "));
  }

  private multiSegments(): boolean {
    return this.tests.some((t) => t.stages !== undefined || t.cutShort === "reset");
  }

  private timeUp(at: number, which: "overall" | "inactivity"): void {
    const secs = (ms: number) => `${Math.round(ms / 1000)} s`;
    const limit =
      which === "overall"
        ? `the run did not finish within ${secs(this.o.timeoutMs)}`
        : `no console output for ${secs(this.o.inactivityMs)}`;
    if (this.bytes === 0) {
      this.finish(at, "failed", "infrastructure", `the board printed nothing (${limit})`, {
        hint:
          "Check the slot's console: the port and console_baud in the inventory, the USB cable, " +
          "and that the board is powered (a power cycle may bring it back).",
      });
      return;
    }
    if (this.boots.length === 0 && this.splitter.badChars * 5 >= this.splitter.chars) {
      this.finish(at, "failed", "infrastructure", `the console output is unreadable (${limit})`, {
        hint: "The bytes do not decode as text: check console_baud for this slot (ESP-IDF apps default to 115200).",
      });
      return;
    }
    const missing = this.expectOutcomes.filter((o) => !o.matched).map((o) => o.pattern);
    if (which === "overall" && !this.o.unity && this.expectOutcomes.length === 0) {
      this.finish(at, "success", undefined, `ran ${secs(this.o.timeoutMs)} with no crash`);
      return;
    }
    const last = this.lastLines()
      .reverse()
      .find((l) => l.trim() !== "");
    const prompt = last ? parseMenuPrompt(last) : undefined;
    if (prompt && this.menuSelection === undefined) {
      this.finish(at, "timeout", "configuration", `the app waits at the Unity menu (${limit})`, {
        hint: "Set the unity-menu input (e.g. `*`, `[tag]` or a test's index) so hil-test selects the tests to run.",
      });
      return;
    }
    if (this.running) {
      this.cutShort(this.running, at, "timeout", `did not finish: ${limit}`);
    }
    const what: string[] = [limit];
    if (this.o.unity && !this.lastSummary && !this.expectOutcomes.length) {
      what.push(this.unitySeen ? "no Unity summary" : "no Unity output");
    }
    if (missing.length) what.push(`not seen: ${missing.join(", ")}`);
    this.finish(at, "timeout", "test", `timed out: ${what.join("; ")}`, {
      hint:
        `The board went quiet after: ${last ? JSON.stringify(last.slice(0, 200)) : "(nothing)"}. ` +
        "Look at the end of the console log for where it hung; re-run if it was a one-off, " +
        "or raise timeout / inactivity-timeout if the run is just slow.",
    });
  }

  private lastLines(): string[] {
    const n = Math.min(this.ringNext, LAST_LINES);
    const out: string[] = [];
    for (let i = this.ringNext - n; i < this.ringNext; i++) out.push(this.ring[i % LAST_LINES]!);
    return out;
  }

  private finish(
    at: number,
    status: ReportStatus,
    failureKind: FailureKind | undefined,
    reason: string,
    extra: { hint?: string; crash?: Crash; detail?: string[] } = {},
  ): void {
    if (this.done) return;
    const counts = {
      total: this.tests.length,
      passed: this.tests.filter((t) => t.status === "passed").length,
      failed: this.tests.filter((t) => t.status === "failed").length,
      ignored: this.tests.filter((t) => t.status === "ignored").length,
    };
    const lastLines = this.lastLines();
    const result: JudgeResult = {
      status,
      reason,
      tests: this.tests,
      counts,
      expect: this.expectOutcomes,
      failMatches: this.failMatches,
      expectedCrashes: this.expectedCrashes,
      boots: this.boots,
      warnings: this.warnings,
      startedAt: this.startedAt,
      endedAt: at,
      durationMs: Math.max(0, at - this.startedAt),
      bytes: this.bytes,
      lines: this.lineNo,
      lastLines,
    };
    if (failureKind) result.failureKind = failureKind;
    if (extra.hint) result.hint = extra.hint;
    if (extra.crash) result.crash = extra.crash;
    if (extra.detail?.length) result.detail = extra.detail;
    if (this.lastSummary) result.unitySummary = { ...this.lastSummary };
    this.finalResult = result;
    this.emit({ type: "done", at, result });
  }
}

/** What to do about a crash, by its kind. */
function crashHint(c: Crash, where: string): string {
  const decode =
    "decode the backtrace with `idf.py monitor` or `xtensa-esp32-elf-addr2line -pfiaC -e build/<app>.elf <addresses>`";
  switch (c.kind) {
    case "brownout":
      return "The board's supply sagged: check the USB port/cable or the relay's supply for this slot, then re-run.";
    case "external_reset":
      return "Something outside the app reset the board while it ran (power, EN line, another job on the slot): check the slot's lease and power, then re-run.";
    case "reset":
      return `The app restarted${where} with nothing printed first (esp_restart() or a software reset, ${c.resetReason}): see the lines before the reset in the console log.`;
    case "watchdog_reset":
      return `A hardware watchdog (${c.resetReason}) reset the chip${where}: something kept interrupts off or starved the watchdog; see the lines before the reset in the console log.`;
    case "assert":
      return `Fix the failed assertion${c.file ? ` at ${c.file}${c.line ? `:${c.line}` : ""}` : ""} (${c.reason})${where}; ${decode}.`;
    default:
      return `Fix the crash${where}: the backtrace is in the job summary and the console log; ${decode}.`;
  }
}

/** The tests a menu selection runs, in menu order (as ESP-IDF's `unity_run_menu` picks them). */
export function resolveSelection(selection: string, menu: MenuTest[]): MenuTest[] {
  let s = selection.trim();
  let invert = false;
  if (s.startsWith("!")) {
    invert = true;
    s = s.slice(1);
  }
  if (s.startsWith("*")) return menu;
  if (s.startsWith("[")) return menu.filter((t) => t.desc.includes(s) !== invert);
  if (s.startsWith('"')) {
    const name = s.slice(1, s.lastIndexOf('"') > 0 ? s.lastIndexOf('"') : undefined);
    return menu.filter((t) => t.name === name);
  }
  const n = parseInt(s, 10);
  return Number.isFinite(n) ? menu.filter((t) => t.index === n) : [];
}
