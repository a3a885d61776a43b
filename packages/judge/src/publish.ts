import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT_CODES, type JournalEntry, type TestFailure } from "@hil/contracts";
import { cell, type Host, markdownTable } from "@hil/host";
import { type JunitOptions, junitXml, testLocation } from "./junit";
import type { JudgeResult, TestCase } from "./types";

/** Where the run's files are, for outputs, the summary and the journal. */
export interface JudgePaths {
  consoleLog?: string;
  junit?: string;
}

/** Options shared by the summary, annotations and journal helpers. */
export interface PresentOptions {
  /** Shown in the heading: `hil-test on hut-02`. */
  title?: string;
  /** Passed tests listed in the summary before the rest are counted (default 50). */
  maxPassedRows?: number;
}

/**
 * A `relativize` (JudgeOptions) for Unity's paths: strips the longest of `roots` (the workspace, the
 * ESP-IDF project dir of the build) so `/builds/acme/fw/main/test_pwm.c` becomes
 * `main/test_pwm.c`, which GitHub can annotate. Paths under no root are kept.
 */
export function relativeTo(roots: readonly (string | undefined)[]): (file: string) => string {
  const rs = roots
    .filter((r): r is string => !!r)
    .map((r) => (r.endsWith("/") ? r : `${r}/`))
    .sort((a, b) => b.length - a.length);
  return (file) => {
    const r = rs.find((root) => file.startsWith(root));
    return r ? file.slice(r.length) : file;
  };
}

const ICON: Record<TestCase["status"], string> = { passed: "✅", failed: "❌", ignored: "⏭️" };
const STATUS_ICON = { success: "✅", failed: "❌", timeout: "⏱️", cancelled: "🚫" } as const;

const fmtSecs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** A one-line account of the counts: `12 passed, 1 failed, 0 ignored`. */
export function countsLine(r: JudgeResult): string {
  const c = r.counts;
  return `${c.passed} passed, ${c.failed} failed, ${c.ignored} ignored`;
}

/** The job summary in Markdown: heading, counts, what to do, the tests table, crash and patterns. */
export function summaryMarkdown(
  r: JudgeResult,
  paths: JudgePaths = {},
  o: PresentOptions = {},
): string {
  const out: string[] = [];
  out.push(`### ${STATUS_ICON[r.status]} ${o.title ?? "hil-test"}: ${r.reason}`, "");
  const facts = [`**${countsLine(r)}**`, `in ${fmtSecs(r.durationMs)}`];
  if (r.failureKind) facts.push(`failure kind: \`${r.failureKind}\``);
  if (paths.consoleLog) facts.push(`console log: \`${paths.consoleLog}\``);
  if (paths.junit) facts.push(`JUnit: \`${paths.junit}\``);
  out.push(facts.join(" · "), "");
  if (r.hint) out.push(`> ${r.hint.replace(/\n/g, "\n> ")}`, "");

  if (r.tests.length) {
    const order = { failed: 0, ignored: 1, passed: 2 } as const;
    const sorted = [...r.tests].sort((a, b) => order[a.status] - order[b.status]);
    const maxPassed = o.maxPassedRows ?? 50;
    const passed = sorted.filter((t) => t.status === "passed");
    const shown = sorted.filter((t) => t.status !== "passed").concat(passed.slice(0, maxPassed));
    out.push(
      markdownTable(
        ["", "test", "where", "time", "message"],
        shown.map((t) => [
          ICON[t.status],
          t.name + (t.stages ? ` (${t.stages} stages)` : ""),
          testLocation(t) ?? "",
          fmtSecs(t.durationMs),
          t.message ?? "",
        ]),
      ),
    );
    if (passed.length > maxPassed) out.push(`… and ${passed.length - maxPassed} more passed.`, "");
  }

  if (r.crash) {
    out.push(
      `<details open><summary>Crash: ${cell(r.crash.title)}${r.crash.test ? ` in "${cell(r.crash.test)}"` : ""}</summary>`,
      "",
      "```text",
      ...r.crash.lines.map((l) => l.replace(/```/g, "'''")),
      "```",
      "</details>",
      "",
    );
  }
  if (r.detail?.length) {
    out.push("```text", ...r.detail.map((l) => l.replace(/```/g, "'''")), "```", "");
  }
  if (r.expect.length || r.failMatches.length) {
    const rows: unknown[][] = r.expect.map((e) => [
      "expect",
      `\`${e.pattern}\``,
      e.matched ? `✅ line ${e.lineNo}` : "❌ not seen",
    ]);
    for (const f of r.failMatches)
      rows.push(["fail", `\`${f.pattern}\``, `❌ line ${f.lineNo}: ${f.line}`]);
    out.push(markdownTable(["", "pattern", "seen"], rows));
  }
  if (r.expectedCrashes.length) {
    out.push(
      `Expected by the tests' \`[reset=...]\` tags: ${r.expectedCrashes.map((c) => `${c.title}${c.test ? ` (${c.test})` : ""}`).join("; ")}.`,
      "",
    );
  }
  for (const w of r.warnings) out.push(`> ⚠️ ${w}`, "");
  if (r.status !== "success" && !r.crash && r.lastLines.length) {
    out.push(
      "<details><summary>Last console lines</summary>",
      "",
      "```text",
      ...r.lastLines.slice(-15).map((l) => l.replace(/```/g, "'''")),
      "```",
      "</details>",
      "",
    );
  }
  return out.join("\n");
}

/**
 * Failed tests as error annotations at their file and line (GitHub shows them on the diff),
 * the crash with its backtrace, fail-pattern matches, and warnings.
 */
export function annotate(host: Host, r: JudgeResult): void {
  for (const t of r.tests) {
    if (t.status !== "failed") continue;
    const where = t.file ? { file: t.file, ...(t.line ? { line: t.line } : {}) } : {};
    host.error(`${t.name}: ${t.message ?? "failed"}`, {
      ...where,
      title: `test failed: ${t.name}`,
    });
  }
  if (r.crash) {
    const c = r.crash;
    const bt = c.backtraces.length
      ? `\n${c.backtraces.map((b) => `Backtrace: ${b}`).join("\n")}`
      : "";
    const where = c.file ? { file: c.file, ...(c.line ? { line: c.line } : {}) } : {};
    host.error(`${c.headline}${bt}`, { ...where, title: `crash: ${c.title}` });
  }
  for (const w of r.warnings) host.warn(w);
}

/** The hil-test action's outputs. */
export function setOutputs(host: Host, r: JudgeResult, paths: JudgePaths = {}): void {
  host.setOutput("status", r.status);
  host.setOutput("tests", r.counts.total);
  host.setOutput("passed", r.counts.passed);
  host.setOutput("failed", r.counts.failed);
  host.setOutput("ignored", r.counts.ignored);
  if (paths.junit) host.setOutput("junit", paths.junit);
  if (paths.consoleLog) host.setOutput("console-log", paths.consoleLog);
}

/** The step's exit code: 0 success, 1 failed, 124 timeout, 130 cancelled. */
export function exitCodeOf(r: Pick<JudgeResult, "status">): number {
  return EXIT_CODES[r.status];
}

type Entry<T extends JournalEntry["type"]> = Omit<Extract<JournalEntry, { type: T }>, "at"> & {
  at?: string;
};
export type JudgeJournalEntry = Entry<"tests"> | Entry<"artifact"> | Entry<"step">;

/**
 * What a judged run adds to the job's journal (append each with `Journal.append`): the test
 * counts with the first failures, the files it wrote, and the step's outcome. The report
 * is folded from these.
 */
export function journalEntries(
  r: JudgeResult,
  o: { step?: string; paths?: JudgePaths } = {},
): JudgeJournalEntry[] {
  const step = o.step ?? "hil-test";
  const at = new Date(r.endedAt).toISOString();
  const out: JudgeJournalEntry[] = [];
  if (r.tests.length) {
    const failures: TestFailure[] = r.tests
      .filter((t) => t.status === "failed")
      .slice(0, 50)
      .map((t) => ({
        name: t.name,
        ...(t.file ? { file: t.file } : {}),
        ...(t.line ? { line: t.line } : {}),
        ...(t.message ? { message: t.message.slice(0, 500) } : {}),
      }));
    out.push({
      type: "tests",
      at,
      step,
      counts: r.counts,
      ...(failures.length ? { failures } : {}),
    });
  }
  for (const path of [o.paths?.consoleLog, o.paths?.junit]) {
    if (path) out.push({ type: "artifact", at, step, path });
  }
  out.push({
    type: "step",
    at,
    step,
    status: r.status,
    exit_code: exitCodeOf(r),
    summary: r.reason,
    started_utc: new Date(r.startedAt).toISOString(),
    ...(r.failureKind ? { failure_kind: r.failureKind } : {}),
    ...(r.hint ? { next_action: r.hint } : {}),
  });
  return out;
}

/**
 * Everything a judged run shows, in one call for the hil-test action (and `hil test`):
 * writes `<outDir>/junit.xml` (redacted), appends the job summary, annotates failed tests
 * and the crash, sets the step's outputs, and returns the files for the journal
 * (`journalEntries(result, { paths })`).
 */
export async function publishJudgement(
  r: JudgeResult,
  host: Host,
  o: {
    outDir: string;
    /** The console log the run wrote (see ConsoleLog). */
    consoleLog?: string;
    title?: string;
    junit?: JunitOptions;
  },
): Promise<JudgePaths> {
  mkdirSync(o.outDir, { recursive: true });
  const junit = join(o.outDir, "junit.xml");
  writeFileSync(junit, host.redact(junitXml(r, o.junit)));
  const paths: JudgePaths = { junit, ...(o.consoleLog ? { consoleLog: o.consoleLog } : {}) };
  annotate(host, r);
  setOutputs(host, r, paths);
  await host.writeSummary(summaryMarkdown(r, paths, o.title ? { title: o.title } : {}));
  return paths;
}
