import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JournalEntry, parseWith, report as reportSchema } from "@hil/contracts";
import { type JournalInput, parseCancelFlag } from "@hil/journal";
import { assembleReport, type AssembleInput } from "../src/assemble";
import { loadJob } from "../src/job";
import { at, failingJournal, invocation, jobDir, SHA, tearJournal } from "./jobdir";

const NOW = new Date("2026-11-21T10:16:40Z");
const EXECUTOR = { hostname: "lab-rack-1", user: "runner" };

function fold(entries: JournalInput[], over: Partial<AssembleInput> = {}) {
  const job = loadJob(jobDir(invocation(), entries));
  return assembleReport({
    invocation: job.invocation!,
    entries: job.entries,
    now: NOW,
    executor: EXECUTOR,
    ...over,
  });
}

const passStep: JournalInput = {
  type: "step",
  at: at(41),
  step: "hil-flash",
  status: "success",
  exit_code: 0,
  summary: "flashed",
};

describe("assembling ws2.report.v1 from the journal", () => {
  it("reports a test failure the way a person reads it", () => {
    const r = fold(failingJournal());
    expect(r).toEqual({
      schema_version: "ws2.report.v1",
      job_id: "gh-8121934471-1-hil",
      agent_role: "runner",
      status: "failed",
      start_utc: "2026-11-21T10:15:02Z",
      end_utc: "2026-11-21T10:16:40Z",
      duration_sec: 98,
      exit_code: 1,
      lock_key: "hut-02",
      human_summary:
        "12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02) after 1 power cycle",
      executor: EXECUTOR,
      commit_sha: SHA,
      artifact_paths: ["hil-out/hut-02/console.log", "hil-out/hut-02/junit.xml"],
      next_action: 'Fix "test_pwm_duty" (main/test_pwm.c:88): Expected 512 Was 511, then push.',
      lane: "local-hil",
      slot: "hut-02",
      power_cycles: 1,
      recovery_events: [
        {
          at: at(29),
          action: "power_cycle",
          step: "hil-flash",
          result: "ok",
          detail: "board silent after hard reset",
        },
      ],
      tests: { total: 13, passed: 12, failed: 1, ignored: 0 },
      board: { chip: "esp32", mac: "24:6f:28:aa:bb:02", port: "rfc2217://127.0.0.1:4002" },
      failure_kind: "test",
    });
  });

  it("passes a job whose steps all passed", () => {
    const entries = failingJournal().filter((e) => e.type !== "step" || e.step !== "hil-test");
    entries.push({
      type: "step",
      at: at(96),
      step: "hil-test",
      status: "success",
      exit_code: 0,
      summary: "13 tests passed",
    });
    const tests = entries.find((e) => e.type === "tests") as Extract<
      JournalEntry,
      { type: "tests" }
    >;
    tests.counts = { total: 13, passed: 13, failed: 0, ignored: 0 };
    delete tests.failures;
    const r = fold(entries);
    expect(r.status).toBe("success");
    expect(r.exit_code).toBe(0);
    expect(r.human_summary).toBe(
      "13 passed, 0 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02) after 1 power cycle",
    );
    expect(r.next_action).toBeUndefined();
    expect(r.failure_kind).toBeUndefined();
  });

  it("the first step that did not succeed decides, with its exit code and kind", () => {
    const r = fold([
      passStep,
      {
        type: "step",
        at: at(50),
        step: "hil-test",
        status: "failed",
        exit_code: 1,
        failure_kind: "infrastructure",
        summary: "lost the console: read ENXIO",
        next_action: "Check the slot's USB cable and hub.",
      },
      {
        type: "step",
        at: at(60),
        step: "upload",
        status: "failed",
        exit_code: 2,
        summary: "no files",
      },
    ]);
    expect(r).toMatchObject({ status: "failed", exit_code: 1, failure_kind: "infrastructure" });
    expect(r.human_summary).toBe("hil-test failed: lost the console: read ENXIO on hut-02");
    expect(r.next_action).toBe(
      "Check the slot's USB cable and hub. This is a lab problem, not a firmware failure; re-run once it is fixed.",
    );
  });

  it("reports a timeout with the step's exit code and says to re-run", () => {
    const r = fold([
      passStep,
      {
        type: "step",
        at: at(50),
        step: "hil-test",
        status: "timeout",
        exit_code: 124,
        failure_kind: "test",
        summary: "timed out: no console output for 60 s",
      },
    ]);
    expect(r).toMatchObject({ status: "timeout", exit_code: 124, failure_kind: "test" });
    expect(r.human_summary).toBe("hil-test: timed out: no console output for 60 s on hut-02");
    expect(r.next_action).toMatch(/^Re-run the job; if it times out again/);
  });

  it("the cancellation flag makes it cancelled, even when the steps so far passed", () => {
    const r = fold([passStep], { cancel: parseCancelFlag("") });
    expect(r).toMatchObject({ status: "cancelled", exit_code: 130 });
    expect(r.next_action).toMatch(/^Re-run the job if it should still run/);
    expect(r.failure_kind).toBeUndefined();
  });

  it("the lease keeper's deadline flag (timeout: …) makes it a timeout, not cancelled", () => {
    const reason = "timeout: the job ran past its timeout of 1800 s";
    const r = fold([passStep], { cancel: parseCancelFlag(reason) });
    expect(r).toMatchObject({ status: "timeout", exit_code: 124 });
    expect(r.human_summary).toBe("timed out: the job ran past its timeout of 1800 s on hut-02");
    // A step that stopped on the flag is the cause, with its own words.
    const stopped = fold(
      [
        passStep,
        {
          ...passStep,
          step: "hil-test",
          status: "timeout",
          exit_code: 124,
          summary: "timed out: the job's deadline passed",
        } as JournalInput,
      ],
      { cancel: parseCancelFlag(reason) },
    );
    expect(stopped).toMatchObject({ status: "timeout", exit_code: 124 });
    expect(stopped.human_summary).toMatch(/^hil-test: timed out/);
    // Any other flag text is a cancellation.
    expect(fold([passStep], { cancel: parseCancelFlag("cancelled by ada") }).status).toBe(
      "cancelled",
    );
  });

  it("loadJob reads the flag's text", () => {
    const dir = jobDir(invocation(), [passStep]);
    writeFileSync(join(dir, "cancel"), "timeout: the job ran past its timeout of 60 s\n");
    expect(loadJob(dir)).toMatchObject({
      cancel: parseCancelFlag("timeout: the job ran past its timeout of 60 s"),
    });
  });

  it("a workflow failure outside the hil steps is a failure", () => {
    const r = fold([passStep], { jobStatus: "failure" });
    expect(r).toMatchObject({ status: "failed", exit_code: 1 });
    expect(r.human_summary).toBe("failed: a workflow step outside the hil steps failed on hut-02");
  });

  it("a job that ran past its timeout is a timeout", () => {
    const r = fold([passStep], { now: new Date("2026-11-21T11:15:02Z") });
    expect(r).toMatchObject({ status: "timeout", exit_code: 124 });
  });

  it("claims no success when no step recorded anything", () => {
    const r = fold([]);
    expect(r).toMatchObject({
      status: "failed",
      failure_kind: "configuration",
      power_cycles: 0,
      recovery_events: [],
    });
    expect(r.next_action).toMatch(/Fix the job's set-up/);
    // ...unless the workflow itself says the job passed.
    expect(fold([], { jobStatus: "success" }).status).toBe("success");
  });

  it("still lists partial outputs when a step failed", () => {
    const inv = invocation({ expected_artifacts: ["out/console.log", "out/junit.xml"] });
    const dir = jobDir(inv, [
      passStep,
      {
        type: "step",
        at: at(50),
        step: "hil-test",
        status: "failed",
        exit_code: 1,
        failure_kind: "test",
        summary: "crashed",
      },
    ]);
    writeFileSync(join(dir, "console.log"), "partial\n");
    const job = loadJob(dir);
    expect(job.existingArtifacts).toEqual([]);
    const inv2 = invocation({ workdir: dir, expected_artifacts: ["console.log", "junit.xml"] });
    writeFileSync(join(dir, "invocation.json"), JSON.stringify(inv2));
    const job2 = loadJob(dir);
    expect(job2.existingArtifacts).toEqual(["console.log"]);
    const r = assembleReport({
      invocation: job2.invocation!,
      entries: job2.entries,
      now: NOW,
      existingArtifacts: job2.existingArtifacts,
    });
    expect(r.artifact_paths).toEqual(["console.log"]);
    expect(r.status).toBe("failed");
  });

  it("a torn journal line still yields a report", () => {
    const dir = jobDir(invocation(), failingJournal());
    tearJournal(dir);
    const job = loadJob(dir);
    expect(job.skipped).toBe(1);
    const r = assembleReport({ invocation: job.invocation!, entries: job.entries, now: NOW });
    expect(r.status).toBe("failed");
    expect(r.tests?.failed).toBe(1);
  });

  it("reports without invocation.json from the job's identity", () => {
    const dir = jobDir(null, [passStep]);
    const job = loadJob(dir);
    expect(job.invocationProblem).toMatch(/invocation.json is missing/);
    const r = assembleReport({
      identity: { jobId: "gh-1-1-hil", lockKey: "hut-01", slot: "hut-01", commitSha: SHA },
      entries: job.entries,
      now: NOW,
    });
    expect(r).toMatchObject({
      job_id: "gh-1-1-hil",
      lock_key: "hut-01",
      slot: "hut-01",
      lane: "local-hil",
      status: "success",
      start_utc: at(41).replace(".000", ""),
    });
  });

  it("every status gives a report the contract accepts", () => {
    const cases: [string, JournalInput[], Partial<AssembleInput>][] = [
      ["success", [passStep], {}],
      ["failed", failingJournal(), {}],
      ["timeout", [{ ...passStep, status: "timeout", exit_code: 124 } as JournalInput], {}],
      ["cancelled", [passStep], { cancel: parseCancelFlag("") }],
      ["failed", [{ ...passStep, exit_code: 3 } as JournalInput], {}],
    ];
    for (const [status, entries, over] of cases) {
      const r = fold(entries, over);
      expect(r.status).toBe(status);
      expect(() => parseWith(reportSchema, JSON.parse(JSON.stringify(r)), status)).not.toThrow();
    }
  });
});
