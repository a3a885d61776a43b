import type { JournalEntry, Report, TestCounts, TestFailure } from "@hil/contracts";
import type { Cause } from "./cause";

const WORD = {
  success: "passed",
  failed: "failed",
  timeout: "timed out",
  cancelled: "was cancelled",
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `12 passed, 1 failed` (`, 2 ignored` when any were). */
export function testsLine(t: TestCounts): string {
  return `${t.passed} passed, ${t.failed} failed${t.ignored ? `, ${t.ignored} ignored` : ""}`;
}

/** `hut-02 (esp32, MAC 24:6f:28:aa:bb:02)`. */
export function whereLine(slot: string | undefined, board: Report["board"]): string {
  const facts = [board?.chip, board?.mac ? `MAC ${board.mac}` : undefined].filter(Boolean);
  if (!slot) return facts.length ? `(${facts.join(", ")})` : "";
  return facts.length ? `${slot} (${facts.join(", ")})` : slot;
}

/**
 * The report's one-line account for people and for the commit status:
 * `12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02) after 1 power cycle`,
 * `hil-flash failed: board not answering on hut-01 (esp32)`.
 */
export function humanSummary(o: {
  cause: Cause;
  tests: TestCounts | undefined;
  slot: string | undefined;
  board: Report["board"];
  powerCycles: number;
  entries: JournalEntry[];
}): string {
  const { cause, tests } = o;
  const parts: string[] = [];
  const step = cause.step;
  const testFailureOnly =
    cause.failureKind === "test" &&
    tests &&
    tests.failed > 0 &&
    /tests? failed$/.test(step?.summary ?? "");
  if (tests) parts.push(testsLine(tests));
  if (cause.status === "success") {
    if (!tests) {
      const steps = [...new Set(o.entries.flatMap((e) => (e.type === "step" ? [e.step] : [])))];
      parts.push(steps.length ? `${steps.join(", ")} passed` : "passed");
    }
  } else if (step && !testFailureOnly) {
    const said = step.summary.trim();
    const word = WORD[cause.status];
    // "hil-test: timed out: no console output…", not "hil-test timed out: timed out: …".
    const saysItself = /^(failed|timed out|timeout|cancelled)\b/i.test(said);
    if (saysItself) parts.push(`${step.step}: ${said}`);
    else parts.push(`${step.step} ${word}${said ? `: ${said}` : ""}`);
  } else if (!step) {
    parts.push(cause.status === "cancelled" ? "cancelled" : `${WORD[cause.status]}: ${cause.why}`);
  }
  let text = parts.join("; ");
  const where = whereLine(o.slot, o.board);
  if (where) text += ` on ${where}`;
  if (o.powerCycles > 0) text += ` after ${plural(o.powerCycles, "power cycle")}`;
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

function fixLine(failures: TestFailure[]): string | undefined {
  const f = failures[0];
  if (!f) return undefined;
  const where = f.file ? ` (${f.file}${f.line ? `:${f.line}` : ""})` : "";
  const more =
    failures.length > 1 ? ` and ${plural(failures.length - 1, "more failing test")}` : "";
  return `Fix ${JSON.stringify(f.name)}${where}${f.message ? `: ${f.message}` : ""}${more}, then push.`;
}

/** What a person should do next, or nothing when the job passed. */
export function nextAction(o: {
  cause: Cause;
  failures: TestFailure[];
  slot: string | undefined;
  tests: TestCounts | undefined;
}): string | undefined {
  const { cause } = o;
  const step = cause.step;
  const said = step ? `${step.step}: ${step.summary}` : cause.why;
  const slot = o.slot ?? "the slot";
  switch (cause.status) {
    case "success":
      return undefined;
    case "cancelled":
      return `Re-run the job if it should still run (it was cancelled${step ? ` during ${step.step}` : ""}).`;
    case "timeout":
      if (step?.next_action) return step.next_action;
      return `Re-run the job; if it times out again, look at the console log for where the board hung (${said}).`;
    case "failed":
      if (cause.failureKind === "test") {
        const fix = fixLine(o.failures);
        const testsFailed =
          (o.tests?.failed ?? 0) > 0 && /tests? failed$/.test(step?.summary ?? "");
        if (fix && testsFailed) return fix;
        return step?.next_action ?? `Fix the firmware: ${said}; the console log has the details.`;
      }
      if (cause.failureKind === "infrastructure") {
        return `${step?.next_action ?? `Check the lab: ${slot}'s board, serial port and power relay (${said}).`} This is a lab problem, not a firmware failure; re-run once it is fixed.`;
      }
      if (cause.failureKind === "configuration") {
        return (
          step?.next_action ??
          `Fix the job's set-up (workflow inputs, slot inventory, tokens): ${said}.`
        );
      }
      return step?.next_action ?? `See the log of the failing step (${said}).`;
  }
}
