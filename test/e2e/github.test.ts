// The hardware lane end to end, as a GitHub self-hosted runner runs it: the real hook scripts
// (ACTIONS_RUNNER_HOOK_JOB_STARTED / _COMPLETED), the bundled actions on Node 24 with the
// runner's environment and files, simulated boards on 127.0.0.1 (RFC 2217, a Home Assistant
// relay), and a local GitHub that holds the upstream job's artifact and the commit statuses.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseWith, report as reportSchema, type Report } from "@hil/contracts";
import { buildTestFirmware, unityRunScript } from "@hil/hut-sim";
import { HilLab, type GitHubStep, type JobResult } from "@hil/lab";
import { acquireLease, jobDirFor, leaseStatus } from "@hil/lease";
import { crashScript, hangScript } from "../../packages/hil-test/__tests__/sim";

const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
const OTHER_SHA = "1b2e4f0c9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
const RUN = 7700000001;

let lab: HilLab;
let run = RUN;

beforeAll(async () => {
  lab = await HilLab.start({ slots: 2 });
  const b = await lab.build(SHA, RUN);
  expect(b.conclusion, b.steps[0]?.stdout).toBe("success");
}, 120_000);
afterAll(async () => {
  await lab?.close();
});
afterEach(() => {
  for (const id of ["hut-01", "hut-02"]) {
    lab.sim.board(id).clearFaults();
    lab.sim.board(id).powerOn();
  }
});

const HARDWARE_STEPS: GitHubStep[] = [
  { name: "hil-flash", uses: "hil-flash" },
  { name: "hil-test", uses: "hil-test", with: { timeout: "60", "inactivity-timeout": "3" } },
  { name: "report-status", uses: "report-status", if: "always" },
];

/** The workflow's hardware job for `sha` on `slot`'s runner, in a fresh run. */
async function hardwareJob(
  slot: string,
  o: { sha?: string; steps?: GitHubStep[]; job?: Parameters<HilLab["job"]>[3] } = {},
): Promise<{ result: JobResult; report?: Report; jobId: string; runId: number }> {
  const runId = ++run;
  const result = await lab
    .runner(slot, { HIL_LEASE_WAIT_SEC: "2" })
    .runJob(lab.job("hil", o.sha ?? SHA, runId, { ...o.job }), o.steps ?? HARDWARE_STEPS);
  const jobId = `gh-${runId}-1-hil@esp32-${slot}`;
  const file = join(jobDirFor(lab.inventory, jobId), "report.json");
  const report = existsSync(file)
    ? parseWith(reportSchema, JSON.parse(readFileSync(file, "utf8")), file)
    : undefined;
  return { result, ...(report ? { report } : {}), jobId, runId };
}

const step = (r: JobResult, name: string) => r.steps.find((s) => s.name === name)!;
const statusesOf = (sha: string, slot: string) =>
  lab.gh.statuses.statuses.filter((s) => s.sha === sha && s.context === `hil/${slot}`);
const errorsOf = (r: JobResult, name: string) =>
  step(r, name)
    .commands.filter((c) => c.command === "error")
    .map((c) => c.message);

/** The slot is free, and nothing the job held is left behind. */
function expectReleased(slot: string) {
  expect(leaseStatus(lab.inventory, slot).state).toBe("free");
}

/** Puts firmware with this console script into the run's artifact fw-<sha>. */
async function firmwareFor(sha: string, runId: number, script: string) {
  const b = await lab.build(sha, runId, {
    writeBuild: (dir) => buildTestFirmware({ dir, script, projectName: "thermostat" }),
  });
  expect(b.conclusion, b.steps[0]?.stdout).toBe("success");
}

describe("a GitHub self-hosted hardware runner, end to end", () => {
  it("success: flashes the run's bundle, passes the tests, reports success and frees the slot", async () => {
    const { result, report, jobId } = await hardwareJob("hut-01");
    expect(result.started?.exitCode, result.started?.stdout).toBe(0);
    expect(result.conclusion).toBe("success");
    expect(step(result, "hil-flash").outputs).toMatchObject({ chip: "esp32" });
    expect(step(result, "hil-test").outputs).toMatchObject({ status: "success", passed: "12" });
    expect(report).toMatchObject({
      schema_version: "ws2.report.v1",
      job_id: jobId,
      status: "success",
      exit_code: 0,
      commit_sha: SHA,
      slot: "hut-01",
      lane: "local-hil",
    });
    expect(report?.human_summary).toMatch(/^12 passed, 0 failed on hut-01 \(esp32, MAC /);
    // pending when the job claimed the slot, then the result.
    expect(statusesOf(SHA, "hut-01").map((s) => s.state)).toEqual(
      expect.arrayContaining(["pending", "success"]),
    );
    expect(statusesOf(SHA, "hut-01").at(-1)?.state).toBe("success");
    expect(existsSync(join(result.workspace, "hil-out", "hut-01", "junit.xml"))).toBe(true);
    expectReleased("hut-01");
  });

  it("test failure: the step fails with an annotation, the commit gets failure, the slot is freed", async () => {
    const runId = ++run;
    await firmwareFor(
      OTHER_SHA,
      runId,
      unityRunScript([
        { name: "reads the sensor", result: "pass", file: "main/test_sensor.c", line: 20 },
        {
          name: "holds the setpoint",
          result: "fail",
          file: "main/test_control.c",
          line: 48,
          message: "Expected 21 Was 23",
        },
      ]),
    );
    run = runId - 1;
    const { result, report } = await hardwareJob("hut-02", { sha: OTHER_SHA });
    expect(result.conclusion).toBe("failure");
    expect(step(result, "hil-flash").conclusion).toBe("success");
    expect(step(result, "hil-test").conclusion).toBe("failure");
    expect(step(result, "hil-test").outputs).toMatchObject({ passed: "1", failed: "1" });
    const annotation = step(result, "hil-test").commands.find((c) => c.command === "error");
    expect(annotation?.props).toMatchObject({ file: "main/test_control.c", line: "48" });
    expect(annotation?.message).toMatch(/Expected 21 Was 23/);
    expect(step(result, "report-status").conclusion).toBe("success");
    expect(report).toMatchObject({ status: "failed", exit_code: 1, commit_sha: OTHER_SHA });
    expect(report?.human_summary).toMatch(/1 passed, 1 failed on hut-02/);
    expect(statusesOf(OTHER_SHA, "hut-02").at(-1)?.state).toBe("failure");
    expectReleased("hut-02");
  });

  it("crash: a panic fails the test with its backtrace shown, as a firmware failure", async () => {
    const sha = "c0ffee0000000000000000000000000000000001";
    const runId = ++run;
    await firmwareFor(sha, runId, crashScript());
    run = runId - 1;
    const { result, report } = await hardwareJob("hut-01", { sha });
    expect(step(result, "hil-test").conclusion).toBe("failure");
    expect(step(result, "hil-test").outputs).toMatchObject({ "failure-kind": "test" });
    expect(step(result, "hil-test").stdout).toMatch(/Guru Meditation Error/);
    expect(step(result, "hil-test").stdout).toMatch(/Backtrace: 0x/);
    expect(report?.status).toBe("failed");
    expect(statusesOf(sha, "hut-01").at(-1)?.state).toBe("failure");
    expectReleased("hut-01");
  });

  it("hang + recovery: a wedged board is power-cycled through Home Assistant, then passes", async () => {
    const steps = HARDWARE_STEPS.map((s) =>
      s.name === "hil-test"
        ? { ...s, before: () => lab.sim.board("hut-02").setFaults({ wedged: true }) }
        : s,
    );
    const { result, report } = await hardwareJob("hut-02", { steps });
    expect(result.conclusion, step(result, "hil-test").stdout).toBe("success");
    expect(step(result, "hil-test").stdout).toMatch(/power.cycl/i);
    expect(report).toMatchObject({ status: "success", power_cycles: 1 });
    expect(report?.recovery_events).toEqual([
      expect.objectContaining({ action: "power_cycle", step: "hil-test", result: "ok" }),
    ]);
    expect(report?.human_summary).toMatch(/after 1 power cycle$/);
    expectReleased("hut-02");
  });

  it("a hang with no way out: the inactivity timeout ends the step as timeout (124)", async () => {
    const sha = "c0ffee0000000000000000000000000000000002";
    const runId = ++run;
    await firmwareFor(sha, runId, hangScript());
    run = runId - 1;
    // A slot whose test does not power-cycle: the silence after output is the firmware's hang.
    const { result, report } = await hardwareJob("hut-01", { sha });
    expect(step(result, "hil-test").exitCode).toBe(124);
    expect(report).toMatchObject({ status: "timeout", exit_code: 124 });
    expect(statusesOf(sha, "hut-01").at(-1)?.state).toBe("failure");
    expectReleased("hut-01");
  });

  it("bundle SHA mismatch: refuses the artifact naming both SHAs, and writes nothing", async () => {
    // The upstream job uploaded an artifact named for this commit that holds another's build.
    const sha = "badbadbadbadbadbadbadbadbadbadbadbadbad0";
    const runId = ++run;
    const b = await lab.build(OTHER_SHA, runId, { with: { "artifact-name": `fw-${sha}` } });
    expect(b.conclusion, b.steps[0]?.stdout).toBe("success");
    run = runId - 1;
    const flash = lab.sim.board("hut-01").flash;
    let written = 0;
    flash.onChange = () => written++;
    try {
      const { result, report } = await hardwareJob("hut-01", { sha });
      expect(step(result, "hil-flash").conclusion).toBe("failure");
      expect(step(result, "hil-test").conclusion).toBe("skipped");
      const err = errorsOf(result, "hil-flash").join("\n");
      expect(err).toContain(sha);
      expect(err).toContain(OTHER_SHA);
      expect(written).toBe(0);
      expect(report?.status).not.toBe("success");
      expect(statusesOf(sha, "hut-01").at(-1)?.state).toMatch(/^(failure|error)$/);
    } finally {
      flash.onChange = undefined;
    }
    expectReleased("hut-01");
  });

  it("lease held by another job: the hook waits, then fails naming the holder; the holder keeps it", async () => {
    const held = await acquireLease(lab.inventory, "hut-02", {
      holder: { kind: "lock", jobId: "lock-ada-bench-work", runner: "lab-a", command: ["bash"] },
    });
    try {
      const { result } = await hardwareJob("hut-02");
      expect(result.started?.exitCode).not.toBe(0);
      expect(result.started!.stdout + result.started!.stderr).toMatch(/lock-ada-bench-work/);
      expect(
        result.steps.every((s) => s.conclusion === "skipped" || s.name === "report-status"),
      ).toBe(true);
      expect(step(result, "hil-flash").conclusion).toBe("skipped");
      expect(leaseStatus(lab.inventory, "hut-02").holder).toMatchObject({
        job_id: "lock-ada-bench-work",
      });
    } finally {
      await held.release();
    }
    expectReleased("hut-02");
  });

  it("fork pull request: refused before the board is touched, with how to opt in", async () => {
    const fork = {
      eventName: "pull_request",
      ref: "refs/pull/77/merge",
      event: {
        number: 77,
        pull_request: {
          number: 77,
          labels: [],
          head: { sha: SHA, repo: { full_name: "mallory/thermostat-fw", fork: true } },
          base: { repo: { full_name: "acme/thermostat-fw" } },
        },
        repository: { id: 1, full_name: "acme/thermostat-fw", fork: false },
      },
    };
    const flash = lab.sim.board("hut-01").flash;
    let written = 0;
    flash.onChange = () => written++;
    try {
      const { result } = await hardwareJob("hut-01", { job: fork });
      expect(result.started?.exitCode).not.toBe(0);
      const said = result.started!.stdout + result.started!.stderr;
      expect(said).toMatch(/fork/i);
      expect(said).toMatch(/hil-ok/);
      expect(step(result, "hil-flash").conclusion).toBe("skipped");
      expect(written).toBe(0);
    } finally {
      flash.onChange = undefined;
    }
    expectReleased("hut-01");
  });

  it("cancellation: a cancelled test ends cancelled, is reported so, and frees the slot", async () => {
    const sha = "c0ffee0000000000000000000000000000000003";
    const runId = ++run;
    await firmwareFor(sha, runId, hangScript());
    run = runId - 1;
    const steps = HARDWARE_STEPS.map((s) =>
      s.name === "hil-test"
        ? { ...s, with: { timeout: "60", "inactivity-timeout": "30" }, cancelAfterMs: 2500 }
        : s,
    );
    const { result, report } = await hardwareJob("hut-02", { sha, steps });
    expect(step(result, "hil-test").conclusion).toBe("cancelled");
    expect(result.conclusion).toBe("cancelled");
    expect(step(result, "report-status").conclusion).toBe("success");
    expect(report).toMatchObject({ status: "cancelled" });
    expect(statusesOf(sha, "hut-02").at(-1)?.state).toMatch(/^(error|failure)$/);
    expectReleased("hut-02");
  });
});
