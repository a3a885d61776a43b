import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeError } from "@hil/contracts";
import {
  acquireLease,
  claimJobLease,
  createJobDir,
  DEFAULT_TIMEOUT_SEC,
  JOB_FILES,
  LeaseBusyError,
  leaseStatus,
  MAX_TIMEOUT_SEC,
  pidAlive,
  readLeaseEnded,
  releaseJobLease,
  resolveJobTimeout,
  type JobLease,
  type JobLeaseOptions,
} from "../src/index";
import { exited, FIXTURES, nextLine, spawnTs, tempSite, until } from "./helpers";

const keeper = {
  command: process.execPath,
  // Absolute: the keeper runs with the job dir as its cwd.
  args: [
    "--import",
    import.meta.resolve("tsx"),
    join(import.meta.dirname, "..", "src", "keeper-main.ts"),
  ],
};

function jobOpts(
  site: ReturnType<typeof tempSite>,
  jobId: string,
  extra: Partial<JobLeaseOptions> = {},
) {
  return {
    slot: "hut-01",
    jobId,
    runner: "esp32-hut-01",
    commitSha: "b".repeat(40),
    jobDir: createJobDir(site, jobId),
    keeper,
    ...extra,
  };
}

describe("job lease keeper", () => {
  it("holds the lease after the claiming process is done, and releases it on request", async () => {
    const site = tempSite(3);
    const opts = jobOpts(site, "gh-100-1-hil", { timeoutSec: 600 });
    // The job-started hook is a short-lived process of its own.
    const hook = spawnTs(join(FIXTURES, "claim.ts"), [], {
      ...process.env,
      CLAIM: JSON.stringify({ site, opts }),
    });
    const lease = JSON.parse(await nextLine(hook.lines, "the claimed lease")) as JobLease;
    expect(await exited(hook)).toMatchObject({ code: 0 });
    expect(lease.record).toMatchObject({
      kind: "job",
      job_id: "gh-100-1-hil",
      pid: lease.keeperPid,
    });
    expect(lease.env).toEqual({
      HIL_LEASE_TOKEN: lease.record.token,
      HIL_SLOT: "hut-01",
      HIL_JOB_ID: "gh-100-1-hil",
      HIL_JOB_DIR: opts.jobDir,
    });
    expect(Date.parse(lease.record.deadline!) - Date.parse(lease.record.since)).toBeGreaterThan(
      590_000,
    );
    expect(JSON.parse(readFileSync(join(opts.jobDir, JOB_FILES.lease), "utf8"))).toEqual(
      lease.record,
    );

    // Still held (not stale: refreshed meanwhile) past the stale window, by the keeper.
    await new Promise((r) => setTimeout(r, 3500));
    const status = leaseStatus(site, "hut-01");
    expect(status.state).toBe("held");
    expect(status.holder?.pid).toBe(lease.keeperPid);
    expect(status.refreshedAt!.getTime()).toBeGreaterThan(Date.parse(lease.record.since) + 1500);

    // Another job is refused, with the holder named.
    const err = await claimJobLease(site, jobOpts(site, "gl-55")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeaseBusyError);
    expect(describeError(err)).toContain("held by job gh-100-1-hil (runner esp32-hut-01");

    const t = performance.now();
    const released = await releaseJobLease(site, "hut-01", { jobDir: opts.jobDir });
    console.log(
      `job lease released by its keeper ${(performance.now() - t).toFixed(0)} ms after the request`,
    );
    expect(released).toMatchObject({ released: true, how: "keeper" });
    expect(released.ended).toMatchObject({ reason: "released", job_id: "gh-100-1-hil" });
    expect(leaseStatus(site, "hut-01").state).toBe("free");
    await until(() => !pidAlive(lease.keeperPid), 10_000, "the keeper to exit");
    // Releasing again is harmless.
    expect(await releaseJobLease(site, "hut-01", { jobDir: opts.jobDir })).toMatchObject({
      released: false,
      how: "already-ended",
    });
  });

  it("releases at the job's deadline and raises the job's cancel flag", async () => {
    const site = tempSite(2);
    const opts = jobOpts(site, "gh-101-1-hil", { timeoutSec: 2 });
    const lease = await claimJobLease(site, opts);
    const ended = await until(() => readLeaseEnded(opts.jobDir), 20_000, "the deadline");
    expect(ended).toMatchObject({ reason: "deadline", slot: "hut-01" });
    expect(ended.detail).toContain("timeout of 2 s");
    expect(readFileSync(join(opts.jobDir, JOB_FILES.cancel), "utf8")).toMatch(/^timeout: /);
    expect(readFileSync(join(opts.jobDir, JOB_FILES.journal), "utf8")).toContain(
      "lease on hut-01 ended (deadline)",
    );
    await until(
      () => leaseStatus(site, "hut-01").state === "free",
      10_000,
      "the slot to come free",
    );
    await until(() => !pidAlive(lease.keeperPid), 10_000, "the keeper to exit");
  });

  it("releases when the watched runner process dies", async () => {
    const site = tempSite(2);
    const runner = spawn("sleep", ["60"], { stdio: "ignore" });
    const opts = jobOpts(site, "gh-102-1-hil", { watchPid: runner.pid! });
    const lease = await claimJobLease(site, opts);
    expect(lease.record.watch_pid).toBe(runner.pid);
    runner.kill("SIGKILL");
    await exited(runner);
    const ended = await until(() => readLeaseEnded(opts.jobDir), 20_000, "the keeper to notice");
    expect(ended.reason).toBe("watched-process-exited");
    await until(
      () => leaseStatus(site, "hut-01").state === "free",
      10_000,
      "the slot to come free",
    );
  });

  it("a SIGKILLed keeper's lease goes stale and is taken over; the completed hook then leaves it alone", async () => {
    const site = tempSite(2);
    const opts = jobOpts(site, "gh-103-1-hil");
    const lease = await claimJobLease(site, opts);
    process.kill(lease.keeperPid, "SIGKILL");
    await until(() => !pidAlive(lease.keeperPid), 10_000, "the keeper to die");
    const killedAt = Date.now();
    const next = await acquireLease(site, "hut-01", {
      holder: { kind: "job", jobId: "gl-77", runner: "gitlab-hut-01" },
      waitSec: 30,
    });
    console.log(
      `SIGKILLed keeper: lease taken over ${Date.now() - killedAt} ms after the kill (stale window 2000 ms)`,
    );
    expect(next.tookOver?.holder?.job_id).toBe("gh-103-1-hil");
    const late = await releaseJobLease(site, "hut-01", { jobDir: opts.jobDir });
    expect(late).toMatchObject({ released: false, how: "other-holder" });
    expect(late.holder?.job_id).toBe("gl-77");
    expect(leaseStatus(site, "hut-01").holder?.token).toBe(next.token);
    await next.release();
  });

  it("the completed hook removes the lease of a dead keeper at once, by its token", async () => {
    const site = tempSite(30);
    const opts = jobOpts(site, "gh-104-1-hil");
    const lease = await claimJobLease(site, opts);
    process.kill(lease.keeperPid, "SIGKILL");
    await until(() => !pidAlive(lease.keeperPid), 10_000, "the keeper to die");
    expect(await releaseJobLease(site, "hut-01", { token: lease.record.token })).toMatchObject({
      released: true,
      how: "forced",
    });
    expect(leaseStatus(site, "hut-01").state).toBe("free");
  });

  it("reports a lease lost under the keeper in lease-ended.json and the journal", async () => {
    const site = tempSite(2);
    const opts = jobOpts(site, "gh-106-1-hil");
    const lease = await claimJobLease(site, opts);
    rmSync(join(site.lock_dir, "hut-01.lock"), { recursive: true }); // removed by hand
    const ended = await until(() => readLeaseEnded(opts.jobDir), 20_000, "the keeper to notice");
    expect(ended.reason).toBe("compromised");
    expect(ended.detail).toMatch(/lease on slot hut-01 was lost: its holder record is gone/);
    await until(() => !pidAlive(lease.keeperPid), 10_000, "the keeper to exit");
    expect(readFileSync(join(opts.jobDir, JOB_FILES.journal), "utf8")).toContain("(compromised)");
  });

  it("a keeper whose hook died while it waited does not take the slot", async () => {
    const site = tempSite(2);
    const blocker = await acquireLease(site, "hut-01", {
      holder: { kind: "step", jobId: "gl-1", runner: "person" },
    });
    const opts = jobOpts(site, "gh-107-1-hil", { waitSec: 60 });
    const hook = spawnTs(join(FIXTURES, "claim.ts"), [], {
      ...process.env,
      CLAIM: JSON.stringify({ site, opts }),
    });
    expect(JSON.parse(await nextLine(hook.lines, "waiting"))).toEqual({ event: "waiting" });
    const log = readFileSync(join(opts.jobDir, JOB_FILES.keeperLog), "utf8");
    const keeperPid = Number(/keeper (\d+):/.exec(log)![1]);
    hook.kill("SIGKILL");
    await exited(hook);
    await until(() => !pidAlive(keeperPid), 20_000, "the orphaned keeper to give up");
    await blocker.release();
    expect(leaseStatus(site, "hut-01").state).toBe("free");
    expect(readFileSync(join(opts.jobDir, JOB_FILES.keeperLog), "utf8")).toContain(
      "the claiming hook went away",
    );
  });

  it("refuses a job timeout above the ceiling before starting anything", async () => {
    const site = tempSite(2);
    const err = await claimJobLease(
      site,
      jobOpts(site, "gh-105-1-hil", { timeoutSec: 20_000 }),
    ).catch((e: unknown) => e);
    expect(describeError(err)).toMatch(/20000 s is more than the 14400 s/);
    expect(existsSync(join(site.state_dir, "jobs", "gh-105-1-hil", JOB_FILES.keeperLog))).toBe(
      false,
    );
  });
});

describe("resolveJobTimeout", () => {
  it("defaults to 1800 s, accepts up to 14400 s, refuses the rest naming the source", () => {
    expect(resolveJobTimeout(undefined)).toBe(DEFAULT_TIMEOUT_SEC);
    expect(resolveJobTimeout(" ")).toBe(1800);
    expect(resolveJobTimeout("3600")).toBe(3600);
    expect(resolveJobTimeout(MAX_TIMEOUT_SEC)).toBe(14400);
    expect(() => resolveJobTimeout("14401", "timeout-sec")).toThrow(
      /timeout-sec: 14401 s is more than the 14400 s/,
    );
    expect(() => resolveJobTimeout("soon")).toThrow(
      /HIL_JOB_TIMEOUT_SEC: expected a whole number of seconds, got "soon"/,
    );
    expect(() => resolveJobTimeout(0)).toThrow(/expected a whole number/);
  });
});
