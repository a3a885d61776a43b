import { create } from "xmlbuilder2";
import type { JudgeResult, TestCase } from "./types";

export interface JunitOptions {
  /** Name of the whole run, e.g. `hil-test hut-02`. */
  name?: string;
  /** The slot or host the run happened on (the testsuite's `hostname`). */
  hostname?: string;
  /** Extra `<properties>`: slot, board, commit, console log path, … */
  properties?: Record<string, string | number | undefined>;
}

const secs = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function classname(file: string | undefined): string {
  if (!file) return "unity";
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, "") || "unity";
}

/** Where a test failed, as `file:line`. */
export function testLocation(t: Pick<TestCase, "file" | "line">): string | undefined {
  if (!t.file) return undefined;
  return t.line ? `${t.file}:${t.line}` : t.file;
}

/**
 * JUnit XML for test reporters: suite `unity` has one testcase per Unity test (failures with
 * file:line and Unity's message), suite `console` has one testcase per `expect` pattern and a
 * `run` testcase that carries a crash, boot loop, time-out or lab failure that no Unity test
 * already shows (as `<failure>` for the firmware, `<error>` for the lab or the set-up).
 */
export function junitXml(result: JudgeResult, options: JunitOptions = {}): string {
  const doc = create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\ufffd" });
  const timestamp = new Date(result.startedAt).toISOString();

  const unity = result.tests;
  const unityFailed = unity.filter((t) => t.status === "failed").length;
  const unitySkipped = unity.filter((t) => t.status === "ignored").length;

  // The console suite: expect patterns and the run itself.
  type Case = {
    name: string;
    kind?: "failure" | "error" | "skipped";
    message?: string;
    text?: string;
  };
  const consoleCases: Case[] = result.expect.map((e) =>
    e.matched
      ? { name: `expect ${e.pattern}` }
      : {
          name: `expect ${e.pattern}`,
          kind: "failure",
          message: `not seen in ${secs(result.durationMs)} s`,
        },
  );
  const run: Case = { name: "run" };
  if (result.status === "cancelled") {
    Object.assign(run, { kind: "skipped", message: result.reason });
  } else if (result.status !== "success" && unityFailed === 0) {
    const body: string[] = [result.reason];
    if (result.hint) body.push("", result.hint);
    if (result.crash) body.push("", ...result.crash.lines);
    if (result.detail?.length) body.push("", ...result.detail);
    if (!result.crash && result.lastLines.length) {
      body.push("", "last console lines:", ...result.lastLines.slice(-10));
    }
    Object.assign(run, {
      kind: result.failureKind === "test" ? "failure" : "error",
      message: result.reason,
      text: body.join("\n"),
    });
  }
  consoleCases.push(run);
  const count = (k: Case["kind"]) => consoleCases.filter((c) => c.kind === k).length;

  const root = doc.ele("testsuites", {
    name: options.name ?? "hil-test",
    tests: unity.length + consoleCases.length,
    failures: unityFailed + count("failure"),
    errors: count("error"),
    skipped: unitySkipped + count("skipped"),
    time: secs(result.durationMs),
    timestamp,
  });

  const suite = root.ele("testsuite", {
    name: "unity",
    tests: unity.length,
    failures: unityFailed,
    errors: 0,
    skipped: unitySkipped,
    time: secs(unity.reduce((s, t) => s + t.durationMs, 0)),
    timestamp,
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  const props = Object.entries(options.properties ?? {}).filter(([, v]) => v !== undefined);
  if (props.length) {
    const p = suite.ele("properties");
    for (const [name, value] of props) p.ele("property", { name, value: String(value) });
  }
  for (const t of unity) {
    const file = t.file;
    const tc = suite.ele("testcase", {
      name: t.name,
      classname: classname(t.file),
      time: secs(t.durationMs),
      ...(file ? { file } : {}),
      ...(t.line ? { line: t.line } : {}),
    });
    if (t.status === "failed") {
      const where = testLocation(t);
      const text = [where ? `${where}: ${t.message ?? "failed"}` : (t.message ?? "failed")];
      if (t.cutShort === "crash" && result.crash) text.push("", ...result.crash.lines);
      tc.ele("failure", { message: t.message ?? "failed", type: t.cutShort ?? "unity" }).txt(
        text.join("\n"),
      );
    } else if (t.status === "ignored") {
      tc.ele("skipped", t.message ? { message: t.message } : {});
    }
  }

  const cs = root.ele("testsuite", {
    name: "console",
    tests: consoleCases.length,
    failures: count("failure"),
    errors: count("error"),
    skipped: count("skipped"),
    time: secs(result.durationMs),
    timestamp,
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  for (const c of consoleCases) {
    const tc = cs.ele("testcase", { name: c.name, classname: "console", time: "0.000" });
    if (c.kind === "skipped") tc.ele("skipped", { message: c.message ?? "" });
    else if (c.kind)
      tc.ele(c.kind, { message: c.message ?? "", type: result.status }).txt(
        c.text ?? c.message ?? "",
      );
  }
  return doc.end({ prettyPrint: true }) + "\n";
}
