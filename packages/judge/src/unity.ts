/**
 * Unity's console output as ESP-IDF's unity component prints it. Pure parsers of one line.
 *
 *   Running gpio output test...
 *   /builds/fw/main/test_gpio.c:42:gpio output test:PASS
 *   /builds/fw/main/test_pwm.c:88:pwm duty:FAIL: Expected 50 Was 49
 *   /builds/fw/main/test_adc.c:17:adc cal:IGNORE: needs eFuse
 *
 *   -----------------------
 *   3 Tests 1 Failures 1 Ignored
 *   FAIL
 *
 * and the interactive menu (`unity_run_menu()`):
 *
 *   Press ENTER to see the list of tests.
 *   Here's the test menu, pick your combo:
 *   (1)	"gpio output test" [gpio]
 *   (2)	"deep sleep wake" [deepsleep][reset=DEEPSLEEP_RESET]
 *   	(1)	"enter sleep"
 *   	(2)	"check wake cause"
 *
 *   Enter test for running.
 *   …
 *   Enter next test, or 'enter' to see menu
 */

export type UnityStatus = "passed" | "failed" | "ignored";

export interface UnityResultLine {
  file: string;
  line: number;
  name: string;
  status: UnityStatus;
  message?: string;
  /** `(12 ms)` when Unity was built with UNITY_INCLUDE_EXEC_TIME. */
  execMs?: number;
}

const EXEC_TIME = / \((\d+) ms\)$/;
// Greedy name for PASS so a test name may contain colons; lazy for FAIL/IGNORE, whose
// message (which may contain colons too) follows the first status word.
const PASS_RE = /^(.+?):(\d+):(.+):PASS$/;
const OTHER_RE = /^(.+?):(\d+):(.+?):(FAIL|IGNORE)(?::(.*))?$/;

/** `file:line:name:PASS|FAIL[:msg]|IGNORE[:msg]`, or undefined for any other line. */
export function parseUnityResult(text: string): UnityResultLine | undefined {
  // Cheap gate first: almost every console line fails it.
  if (!(text.includes(":PASS") || text.includes(":FAIL") || text.includes(":IGNORE"))) {
    return undefined;
  }
  let line = text;
  let execMs: number | undefined;
  const t = EXEC_TIME.exec(line);
  if (t) {
    execMs = Number(t[1]);
    line = line.slice(0, t.index);
  }
  let m = PASS_RE.exec(line);
  if (m) {
    const r: UnityResultLine = { file: m[1]!, line: Number(m[2]), name: m[3]!, status: "passed" };
    if (execMs !== undefined) r.execMs = execMs;
    return r;
  }
  m = OTHER_RE.exec(line);
  if (!m) return undefined;
  const r: UnityResultLine = {
    file: m[1]!,
    line: Number(m[2]),
    name: m[3]!,
    status: m[4] === "FAIL" ? "failed" : "ignored",
  };
  const msg = m[5]?.trim();
  if (msg) r.message = msg;
  if (execMs !== undefined) r.execMs = execMs;
  return r;
}

/** `Running <name>...`: ESP-IDF's runner announces each test before it starts. */
export function parseRunning(text: string): string | undefined {
  if (!text.startsWith("Running ") || !text.endsWith("...")) return undefined;
  // `Running tests matching '[gpio]'...` announces a tag run, not a test.
  if (text.startsWith("Running tests ") && text.includes("matching '")) return undefined;
  return text.slice("Running ".length, -3);
}

export interface UnitySummary {
  tests: number;
  failures: number;
  ignored: number;
}

const SUMMARY_RE = /^(\d+) Tests (\d+) Failures (\d+) Ignored\s*$/;

/** `13 Tests 1 Failures 0 Ignored` (Unity prints a trailing space). */
export function parseSummary(text: string): UnitySummary | undefined {
  if (!text.includes(" Tests ")) return undefined;
  const m = SUMMARY_RE.exec(text);
  return m ? { tests: Number(m[1]), failures: Number(m[2]), ignored: Number(m[3]) } : undefined;
}

export const SEPARATOR = "-----------------------";

export type MenuPrompt = "press-enter" | "enter-test" | "enter-next";

/** The menu's prompts: the driver answers them (see UnityMenu in judge.ts). */
export function parseMenuPrompt(text: string): MenuPrompt | undefined {
  if (text === "Press ENTER to see the list of tests.") return "press-enter";
  if (text === "Enter test for running.") return "enter-test";
  if (text.startsWith("Enter next test, or 'enter' to see menu")) return "enter-next";
  return undefined;
}

export const MENU_HEADER = "Here's the test menu, pick your combo:";

export interface MenuTest {
  index: number;
  name: string;
  /** The tags as printed: `[gpio][reset=SW_CPU_RESET]`. */
  desc: string;
  /** Stage names of a multi-stage test (empty for an ordinary one). */
  stages: string[];
}

// The runner prints `(N)<TAB>"name" desc`; desc (the tags) may itself hold quotes.
const MENU_ENTRY_RE = /^\((\d+)\)\t"(.*?)"(?: (.*))?$/;
const MENU_STAGE_RE = /^\t\((\d+)\)\t"(.*)"$/;

export function parseMenuEntry(text: string): Omit<MenuTest, "stages"> | undefined {
  const m = MENU_ENTRY_RE.exec(text);
  return m ? { index: Number(m[1]), name: m[2]!, desc: (m[3] ?? "").trim() } : undefined;
}

export function parseMenuStage(text: string): { index: number; name: string } | undefined {
  const m = MENU_STAGE_RE.exec(text);
  return m ? { index: Number(m[1]), name: m[2]! } : undefined;
}

/**
 * The tokens of a test's `[reset=...]` tag: `[reset="abort,SW_CPU_RESET"]` →
 * `["abort", "SW_CPU_RESET"]`. The test expects these crashes/resets; they are not failures.
 */
export function resetTokens(desc: string): string[] {
  const m = /\[reset=("?)([^\]"]*)\1\]/.exec(desc);
  if (!m) return [];
  return m[2]!
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
