import type { FailureKind, ReportStatus, TestCounts } from "@hil/contracts";
import type { CrashKind, ResetClass } from "./esp";
import type { MenuPrompt, UnityStatus, UnitySummary } from "./unity";

/** A console line with the time (ms since the epoch, from the injected clock) its first byte arrived. */
export interface ConsoleLine {
  /** 1-based line number in the run. */
  n: number;
  at: number;
  text: string;
}

/** One test case as JUnit and the summary show it. */
export interface TestCase {
  name: string;
  status: UnityStatus;
  /** Source position Unity printed (the failing assertion for a failure). */
  file?: string;
  line?: number;
  message?: string;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  /** Stages of a multi-stage test that ran (resetting in between). */
  stages?: number;
  /** Set when Unity never printed a result: what cut the test short. */
  cutShort?: "crash" | "timeout" | "fail-pattern" | "reset";
}

/** A crash the console showed: the signature line, the panic handler's block and its backtrace. */
export interface Crash {
  kind: CrashKind;
  /** `panic (Guru Meditation Error): LoadProhibited`. */
  title: string;
  reason?: string;
  /** The line that gave it away. */
  headline: string;
  at: number;
  /** The crash block as printed (register dump, backtrace, …), capped. */
  lines: string[];
  /** Each `Backtrace:` line's addresses (one per core that printed one). */
  backtraces: string[];
  /** The test that was running. */
  test?: string;
  /** Source position an assert names. */
  file?: string;
  line?: number;
  /** Reset reason when the crash is an unplanned reset (`TG1WDT_SYS_RESET`). */
  resetReason?: string;
  /** A test's `[reset=...]` tag announced it: not a failure. */
  expected: boolean;
  /** Firmware (`test`) or lab (`infrastructure`: brown-out, reset from outside). */
  failureKind: "test" | "infrastructure";
}

export interface PatternOutcome {
  pattern: string;
  matched: boolean;
  at?: number;
  lineNo?: number;
  line?: string;
}

export interface BootRecord {
  at: number;
  reason: string;
  resetClass: ResetClass;
  expected: boolean;
}

/** The verdict of a run, final once the judge is done. */
export interface JudgeResult {
  status: ReportStatus;
  /** Why a run that did not succeed failed. */
  failureKind?: FailureKind;
  /** One line: `1 of 13 tests failed`, `crashed: panic (Guru Meditation Error): LoadProhibited in pwm duty`. */
  reason: string;
  /** What a person should do about it. */
  hint?: string;
  /** Console lines that explain the verdict (e.g. the bootloader's errors before each reboot). */
  detail?: string[];
  tests: TestCase[];
  counts: TestCounts;
  /** The last Unity summary line, as printed. */
  unitySummary?: UnitySummary & { ok: boolean };
  expect: PatternOutcome[];
  failMatches: PatternOutcome[];
  /** The crash that ended the run. */
  crash?: Crash;
  /** Crashes and resets a test announced with its `[reset=...]` tag. */
  expectedCrashes: Crash[];
  boots: BootRecord[];
  warnings: string[];
  startedAt: number;
  endedAt: number;
  durationMs: number;
  bytes: number;
  lines: number;
  /** The last console lines before the end, for context in summaries. */
  lastLines: string[];
}

export type JudgeEvent =
  | { type: "boot"; at: number; reason: string; resetClass: ResetClass; expected: boolean }
  | { type: "app-started"; at: number }
  /**
   * The Unity menu waits for input. `reply` is what to send (with its newline) when the judge
   * drives the menu (`unityMenu` set); the driver writes it to the console as it is.
   */
  | { type: "menu"; at: number; prompt: MenuPrompt | "stage"; reply?: string }
  | { type: "test-started"; at: number; name: string }
  | { type: "test"; at: number; test: TestCase }
  | { type: "summary"; at: number; summary: UnitySummary }
  | { type: "expect"; at: number; pattern: string; line: string }
  | { type: "fail-pattern"; at: number; pattern: string; line: string }
  | { type: "crash"; at: number; crash: Crash }
  | { type: "warning"; at: number; message: string }
  | { type: "done"; at: number; result: JudgeResult };
