import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  describeError,
  InfrastructureError,
  type JournalEntry,
} from "@hil/contracts";
import { acquireLease, createJobDir, JobContext } from "@hil/lease";
import {
  assertNotCancelled,
  beginStep,
  cancelSlotJob,
  cancelState,
  closeDanglingSteps,
  enterHardwareStep,
  hookSettings,
  JobCancelledError,
  raiseCancelFlag,
  resultOf,
  STEPS_DIR,
  withHardwareStep,
} from "../src/index";

const scratch = mkdtempSync(join(tmpdir(), "hil-step-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tempJob(jobId = "gh-1-1-hil") {
  const root = mkdtempSync(join(scratch, "job-"));
  const site = { lock_dir: join(root, "locks"), state_dir: join(root, "state"), stale_sec: 2 };
  const dir = createJobDir(site, jobId);
  return { site, job: new JobContext(jobId, dir, undefined, "HIL_JOB_DIR") };
}

const steps = (job: JobContext) =>
  job.journal
    .read()
    .entries.filter((e): e is Extract<JournalEntry, { type: "step" }> => e.type === "step");

describe("cancellation", () => {
  it("the flag stops the next step: assertNotCancelled throws what happened and what to do", () => {
    const { job } = tempJob();
    expect(() => assertNotCancelled(job)).not.toThrow();
    expect(raiseCancelFlag(job.jobDir, "cancelled by ada (hil cancel): rewiring the bench")).toBe(
      true,
    );
    expect(raiseCancelFlag(job.jobDir, "a second reason")).toBe(false); // the first reason stays
    const e = (() => {
      try {
        assertNotCancelled(job);
      } catch (x) {
        return x as JobCancelledError;
      }
    })()!;
    expect(e).toBeInstanceOf(JobCancelledError);
    expect(e).toMatchObject({ status: "cancelled", exitCode: 130 });
    expect(e.message).toBe(
      "Job gh-1-1-hil was cancelled (cancelled by ada (hil cancel): rewiring the bench); this step does not start.",
    );
    expect(job.journal.read().entries).toContainEqual(
      expect.objectContaining({
        type: "note",
        text: "cancelled by ada (hil cancel): rewiring the bench",
      }),
    );
  });

  it("the keeper's deadline flag means timeout (exit 124)", () => {
    const { job } = tempJob();
    writeFileSync(join(job.jobDir, "cancel"), "timeout: the job ran past its timeout of 1800 s\n");
    expect(cancelState(job.jobDir)).toEqual({
      reason: "timeout: the job ran past its timeout of 1800 s",
      detail: "the job ran past its timeout of 1800 s",
      status: "timeout",
      exitCode: 124,
    });
    expect(() => assertNotCancelled(job)).toThrow(
      /ran past its deadline \(the job ran past its timeout of 1800 s\)/,
    );
  });

  it("hil cancel raises the flag of the job holding the slot, and refuses anything else", async () => {
    const { site, job } = tempJob("gh-5-1-hil");
    expect(() => cancelSlotJob(site, "hut-01")).toThrow(
      /Slot hut-01 is free: there is no job to cancel/,
    );
    const lock = await acquireLease(site, "hut-01", {
      holder: { kind: "lock", jobId: "local-bench-1", runner: "ada (terminal)" },
    });
    const e = (() => {
      try {
        cancelSlotJob(site, "hut-01");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(describeError(e)).toMatch(
      /hil lock session local-bench-1 .* not a CI job[\s\S]*Ask .* to end the session/,
    );
    await lock.release();

    const lease = await acquireLease(site, "hut-01", {
      holder: { kind: "job", jobId: job.jobId, runner: "esp32-hut-01", jobDir: job.jobDir },
    });
    const r = cancelSlotJob(site, "hut-01", { reason: "board swap", by: "ada" });
    expect(r).toMatchObject({
      raised: true,
      jobDir: job.jobDir,
      reason: "cancelled by ada (hil cancel): board swap",
    });
    expect(cancelSlotJob(site, "hut-01", { by: "bob" })).toMatchObject({
      raised: false,
      reason: "cancelled by ada (hil cancel): board swap",
    });
    expect(() => assertNotCancelled(job)).toThrow(JobCancelledError);
    await lease.release();
  });
});

describe("a journaled step", () => {
  it("records how it ended once, with when it started, and clears its marker", () => {
    const { job } = tempJob();
    const step = beginStep(job, "hil-flash", { signals: false });
    expect(readdirSync(join(job.jobDir, STEPS_DIR))).toHaveLength(1);
    step.artifact("hil-out/hut-01/flash.log");
    step.finish({ status: "success", summary: "flashed 3 images" });
    step.finish({ status: "failed", summary: "ignored: already recorded" });
    expect(readdirSync(join(job.jobDir, STEPS_DIR))).toHaveLength(0);
    const [s] = steps(job);
    expect(s).toMatchObject({
      step: "hil-flash",
      status: "success",
      exit_code: 0,
      started_utc: step.startedUtc,
    });
    expect(job.journal.read().entries.map((e) => e.type)).toEqual(["artifact", "step"]);
  });

  it("end() keeps the entry a step's library journaled, else records the error or success", () => {
    const { job } = tempJob();
    const own = beginStep(job, "hil-flash", { signals: false });
    job.journal.append({
      type: "step",
      step: "hil-flash",
      status: "failed",
      exit_code: 1,
      summary: "wrong chip",
    });
    own.end(new Error("wrong chip"));
    const silent = beginStep(job, "hil-test", { signals: false });
    silent.end(new ConfigurationError("no port", { hint: "plug it in" }));
    const quiet = beginStep(job, "ha-power-cycle", { signals: false });
    quiet.end();
    expect(steps(job).map((e) => [e.step, e.status, e.summary])).toEqual([
      ["hil-flash", "failed", "wrong chip"],
      ["hil-test", "failed", "no port"],
      ["ha-power-cycle", "success", "ha-power-cycle done"],
    ]);
    expect(readdirSync(join(job.jobDir, STEPS_DIR))).toHaveLength(0);
  });

  it("turns errors into results: set-up, lab, cancellation, anything else", () => {
    expect(resultOf(new ConfigurationError("no port", { hint: "plug it in" }))).toEqual({
      status: "failed",
      exit_code: 1,
      summary: "no port",
      failure_kind: "configuration",
      next_action: "plug it in",
    });
    expect(resultOf(new InfrastructureError("board not answering"))).toMatchObject({
      failure_kind: "infrastructure",
    });
    expect(
      resultOf(new JobCancelledError("j", "timeout: x", { status: "timeout", exitCode: 124 })),
    ).toMatchObject({
      status: "timeout",
      exit_code: 124,
    });
    expect(resultOf(new Error("boom"))).toEqual({
      status: "failed",
      exit_code: 1,
      summary: "boom",
    });
  });

  it("does not start in a cancelled job, and says so in the journal", () => {
    const { job } = tempJob();
    raiseCancelFlag(job.jobDir, "cancelled by ada (hil cancel)");
    expect(() => beginStep(job, "hil-test", { signals: false })).toThrow(JobCancelledError);
    expect(steps(job).at(-1)).toMatchObject({
      step: "hil-test",
      status: "cancelled",
      exit_code: 130,
      summary: "not started: cancelled by ada (hil cancel)",
    });
    expect(existsSync(join(job.jobDir, STEPS_DIR))).toBe(false);
  });

  it("aborts its signal when the flag goes up while it runs", async () => {
    const { job } = tempJob();
    const step = beginStep(job, "hil-test", { signals: false, pollMs: 20 });
    expect(() => step.check()).not.toThrow();
    raiseCancelFlag(job.jobDir, "cancelled by ada (hil cancel)");
    await new Promise<void>((resolve) => step.signal.addEventListener("abort", () => resolve()));
    expect(() => step.check()).toThrow(JobCancelledError);
    expect(step.fail(step.signal.reason)).toMatchObject({ status: "cancelled", exit_code: 130 });
  });

  it("a step killed before it recorded anything is recorded by closeDanglingSteps", async () => {
    const { job } = tempJob();
    // A real process that begins a step and is SIGKILLed.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${join(import.meta.dirname, "..", "src", "index.ts")}").then(async (m) => {
          const { JobContext } = await import("@hil/lease");
          m.beginStep(new JobContext("gh-1-1-hil", ${JSON.stringify(job.jobDir)}, undefined, "HIL_JOB_DIR"), "hil-flash", {});
          process.stdout.write("running\\n");
          setInterval(() => {}, 1000);
        });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(closeDanglingSteps(job)).toEqual(["hil-flash"]);
    expect(steps(job)).toEqual([
      expect.objectContaining({
        step: "hil-flash",
        status: "failed",
        exit_code: 1,
        summary: expect.stringMatching(
          /^ended without recording a result \(killed, pid \d+: SIGKILL/,
        ),
      }),
    ]);
    expect(closeDanglingSteps(job)).toEqual([]); // once
  });

  it("records SIGTERM (the runner cancelling the job) at once and raises the job's flag", async () => {
    const { job } = tempJob();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${join(import.meta.dirname, "..", "src", "index.ts")}").then(async (m) => {
          const { JobContext } = await import("@hil/lease");
          const step = m.beginStep(new JobContext("gh-1-1-hil", ${JSON.stringify(job.jobDir)}, undefined, "HIL_JOB_DIR"), "hil-test", { exitGraceMs: 60000 });
          step.signal.addEventListener("abort", () => { process.stdout.write("aborted\\n"); process.exit(7); });
          process.stdout.write("running\\n");
          setInterval(() => {}, 1000);
        });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    child.kill("SIGTERM");
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(7); // the step's own code saw the abort and ended
    expect(out).toContain("aborted");
    expect(steps(job)).toEqual([
      expect.objectContaining({ step: "hil-test", status: "cancelled", exit_code: 130 }),
    ]);
    expect(cancelState(job.jobDir)?.reason).toBe(
      "cancelled: hil-test received SIGTERM (the job was cancelled)",
    );
    expect(closeDanglingSteps(job)).toEqual([]);
  });
});

describe("runner-level settings", () => {
  it("reads the guardrails with their defaults and refuses nonsense", () => {
    expect(hookSettings({})).toEqual({
      timeoutSec: 1800,
      leaseWaitSec: 300,
      forkLabel: "hil-ok",
      forkEnvironment: undefined,
      prefetch: true,
      retentionDays: 14,
    });
    expect(
      hookSettings({ GITLAB_CI: "true", HIL_JOB_TIMEOUT_SEC: "7200", CI_JOB_TIMEOUT: "3600" })
        .timeoutSec,
    ).toBe(3600);
    expect(hookSettings({ HIL_FORK_LABEL: "", HIL_PREFETCH: "off" })).toMatchObject({
      forkLabel: undefined,
      prefetch: false,
    });
    expect(() => hookSettings({ HIL_JOB_TIMEOUT_SEC: "20000" })).toThrow(/more than the 14400 s/);
    expect(() => hookSettings({ HIL_LEASE_WAIT_SEC: "soon" })).toThrow(
      /HIL_LEASE_WAIT_SEC: expected a whole number from 0 to 14400, got "soon"/,
    );
    expect(() => hookSettings({ HIL_PREFETCH: "maybe" })).toThrow(/expected true or false/);
  });
});

describe("entering a hardware step", () => {
  function inventoryFile(root: string): string {
    const file = join(root, "slots.yaml");
    writeFileSync(
      file,
      [
        `lock_dir: ${join(root, "locks")}`,
        `state_dir: ${join(root, "state")}`,
        `cache_dir: ${join(root, "cache")}`,
        "slots:",
        "  - { id: hut-01, label: esp32-hut-01, chip: esp32, port: /dev/null }",
        "",
      ].join("\n"),
    );
    return file;
  }
  const forkPr = (root: string) => {
    const event = join(root, "event.json");
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 7,
          labels: [],
          head: { repo: { id: 2, full_name: "mallory/fw" } },
          base: { repo: { id: 1, full_name: "acme/fw" } },
        },
        repository: { id: 1, full_name: "acme/fw" },
      }),
    );
    return {
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: "acme/fw",
    };
  };

  it("outside a job: no step, but the fork gate still guards the board", async () => {
    const root = mkdtempSync(join(scratch, "enter-"));
    const env = { HIL_SLOTS: inventoryFile(root), HIL_SLOT: "hut-01" };
    const open = await enterHardwareStep({ name: "hil-flash", env });
    expect(open.step).toBeUndefined();
    expect(open.slot.id).toBe("hut-01");
    await expect(
      enterHardwareStep({ name: "hil-flash", env: { ...env, ...forkPr(root) } }),
    ).rejects.toThrow(/fork/i);
  });

  it("inside a job: a step that withHardwareStep ends, failed when its body throws", async () => {
    const root = mkdtempSync(join(scratch, "enter-"));
    const file = inventoryFile(root);
    const site = { lock_dir: join(root, "locks"), state_dir: join(root, "state"), stale_sec: 2 };
    const dir = createJobDir(site, "gh-9-1-hil");
    const env = { HIL_SLOTS: file, HIL_SLOT: "hut-01", HIL_JOB_DIR: dir };
    await expect(
      withHardwareStep({ name: "hil-flash", env, signals: false }, async ({ step }) => {
        expect(step).toBeDefined();
        throw new InfrastructureError("board not answering");
      }),
    ).rejects.toThrow("board not answering");
    const job = new JobContext("gh-9-1-hil", dir, undefined, "HIL_JOB_DIR");
    expect(steps(job)).toMatchObject([
      { step: "hil-flash", status: "failed", failure_kind: "infrastructure" },
    ]);
    raiseCancelFlag(dir, "cancelled by ada (hil cancel)");
    await expect(
      withHardwareStep({ name: "hil-test", env, signals: false }, async () => 1),
    ).rejects.toThrow(JobCancelledError);
  });
});
