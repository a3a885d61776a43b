import { mkdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError, describeError } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import {
  acquireLease,
  callerIdentity,
  createJobDir,
  currentJob,
  findCurrentJob,
  holderFileName,
  JOB_FILES,
  jobDirFor,
  LeaseBusyError,
  LeaseLostError,
  leaseStatus,
  underSlotLease,
} from "../src/index";
import { tempSite } from "./helpers";

const GH = {
  GITHUB_RUN_ID: "8121934471",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_JOB: "hil",
  RUNNER_NAME: "esp32-hut-01",
};
const GH_JOB = "gh-8121934471-2-hil@esp32-hut-01";

/** The job-started hook's part, done in-process: job dir + the job's lease. */
async function startJob(site: ReturnType<typeof tempSite>, jobId = GH_JOB, slot = "hut-01") {
  const jobDir = createJobDir(site, jobId);
  const lease = await acquireLease(site, slot, {
    holder: { kind: "job", jobId, runner: "esp32-hut-01", jobDir },
  });
  writeFileSync(join(jobDir, JOB_FILES.lease), JSON.stringify(lease.record));
  return { jobDir, lease };
}

describe("callerIdentity", () => {
  it("follows the job identity convention", () => {
    expect(callerIdentity({ ...GH, GITHUB_SHA: "c".repeat(40) })).toMatchObject({
      jobId: GH_JOB,
      source: "github",
      runner: "esp32-hut-01",
      commitSha: "c".repeat(40),
    });
    expect(callerIdentity({ GITHUB_RUN_ID: "5", GITHUB_JOB: "hil" }).jobId).toBe("gh-5-1-hil");
    // The legs of a matrix job share GITHUB_JOB; the runner (one per slot) tells them apart.
    const leg = (runner: string) =>
      callerIdentity({ GITHUB_RUN_ID: "5", GITHUB_JOB: "hil", RUNNER_NAME: runner }).jobId;
    expect(leg("esp32-hut-01")).toBe("gh-5-1-hil@esp32-hut-01");
    expect(leg("lab 1 / hut 02")).toBe("gh-5-1-hil@lab-1-hut-02");
    expect(callerIdentity({ CI_JOB_ID: "42", CI_RUNNER_DESCRIPTION: "lab-a" })).toMatchObject({
      jobId: "gl-42",
      source: "gitlab",
      runner: "lab-a",
    });
    expect(callerIdentity({ ...GH, HIL_JOB_ID: "local-x-1", HIL_LEASE_TOKEN: "t" })).toMatchObject({
      jobId: "local-x-1",
      source: "hil",
      token: "t",
    });
    expect(callerIdentity({}, 4242)).toMatchObject({
      jobId: `local-${hostname()}-4242`,
      source: "local",
    });
  });
});

describe("currentJob", () => {
  it("finds the job through HIL_JOB_DIR", () => {
    const site = tempSite();
    const dir = createJobDir(site, "gl-9");
    const job = currentJob({ inventory: site, env: { HIL_JOB_DIR: dir, CI_JOB_ID: "9" } });
    expect(job).toMatchObject({ jobDir: dir, jobId: "gl-9", foundBy: "HIL_JOB_DIR" });
    expect(job.journal.path).toBe(join(dir, "journal.jsonl"));
  });

  it("finds the job through the slot's lease, by CI job id or by lease token", async () => {
    const site = tempSite();
    const { jobDir, lease } = await startJob(site);
    const byId = currentJob({ inventory: site, slot: "hut-01", env: GH });
    expect(byId).toMatchObject({ jobDir, jobId: GH_JOB, foundBy: "lease" });
    expect(byId.holder?.token).toBe(lease.token);
    const byToken = currentJob({ inventory: site, slot: "hut-01", env: lease.env() });
    expect(byToken.holder?.token).toBe(lease.token);
    // The same job id with someone else's token is not this lease (only the job dir is found).
    const foreign = findCurrentJob({
      inventory: site,
      slot: "hut-01",
      env: { ...GH, HIL_LEASE_TOKEN: "0".repeat(24) },
    });
    expect(foreign).toMatchObject({ foundBy: "job-id", holder: undefined });

    expect(byId.invocation).toBeUndefined();
    writeFileSync(
      join(jobDir, JOB_FILES.invocation),
      JSON.stringify({
        schema_version: "ws2.invocation.v1",
        job_id: GH_JOB,
        target_role: "runner",
        requested_by: "octocat",
        request_utc: "2026-11-21T10:15:00Z",
        command: ["hil-test"],
        timeout_sec: 1800,
        lock_key: lease.path,
        slot: "hut-01",
      }),
    );
    expect(currentJob({ inventory: site, slot: "hut-01", env: GH }).invocation?.requested_by).toBe(
      "octocat",
    );

    expect(byId.cancelFlag()).toBeUndefined();
    writeFileSync(join(jobDir, JOB_FILES.cancel), "cancelled by octocat\n");
    expect(byId.cancelFlag()).toMatchObject({
      reason: "cancelled by octocat",
      status: "cancelled",
    });
    await lease.release();

    // The lease has ended, but the job dir of this CI job still says who the step belongs to.
    expect(currentJob({ inventory: site, slot: "hut-01", env: GH }).foundBy).toBe("job-id");
  });

  it("says why a step is not part of a job", async () => {
    const site = tempSite();
    const { lease } = await startJob(site, "gl-1");
    const err = (() => {
      try {
        currentJob({ inventory: site, slot: "hut-01", env: GH });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(describeError(err)).toMatch(
      new RegExp(
        `not part of a hardware job: HIL_JOB_DIR is not set, and slot hut-01's lease belongs to gl-1, not ${GH_JOB}[\\s\\S]*hil lock`,
      ),
    );
    await lease.release();
    expect(jobDirFor(site, "gh-1/2")).toBe(join(site.state_dir, "jobs", "gh-1_2"));
  });
});

describe("underSlotLease", () => {
  it("runs a step of the holding job at once, under the job's lease", async () => {
    const site = tempSite();
    const { jobDir, lease } = await startJob(site);
    const scope = await underSlotLease(site, "hut-01", { env: GH }, async (s) => s);
    expect(scope).toMatchObject({ mode: "job", slot: "hut-01" });
    expect(scope.holder.token).toBe(lease.token);
    expect(scope.job?.jobDir).toBe(jobDir);
    expect(scope.env).toMatchObject({ HIL_LEASE_TOKEN: lease.token, HIL_JOB_DIR: jobDir });
    expect(leaseStatus(site, "hut-01").holder?.token).toBe(lease.token); // untouched
    await lease.release();
  });

  it("makes anyone else wait, then fail naming the holder", async () => {
    const site = tempSite();
    const { lease } = await startJob(site);
    const host = new RecordingHost();
    let ran = false;
    const err = await underSlotLease(site, "hut-01", { env: {}, waitSec: 0.3, host }, async () => {
      ran = true;
    }).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(err).toBeInstanceOf(LeaseBusyError);
    expect(describeError(err)).toContain(`held by job ${GH_JOB} (runner esp32-hut-01`);
    expect(host.text()).toContain(`Waiting up to 0.3 s for slot hut-01: held by job ${GH_JOB}`);
    await lease.release();
  });

  it("claims a free slot for the duration of fn and releases it whatever fn does", async () => {
    const site = tempSite();
    const env = { CI_JOB_ID: "31" }; // a GitLab job without the hook: a stranger to the slot
    const seen = await underSlotLease(site, "hut-01", { env }, async (s) => {
      expect(leaseStatus(site, "hut-01").holder?.token).toBe(s.holder.token);
      // Nested (a power cycle inside a flash's recovery): runs under the same lease.
      const inner = await underSlotLease(site, "hut-01", { env }, async (t) => t.holder.token);
      expect(inner).toBe(s.holder.token);
      return s;
    });
    expect(seen).toMatchObject({ mode: "claimed", holder: { kind: "step", job_id: "gl-31" } });
    expect(leaseStatus(site, "hut-01").state).toBe("free");
    await expect(
      underSlotLease(site, "hut-01", { env }, async () => {
        throw new Error("board on fire");
      }),
    ).rejects.toThrow("board on fire");
    expect(leaseStatus(site, "hut-01").state).toBe("free");
  });

  it("stops a step whose job's lease is lost while it runs", async () => {
    const site = tempSite();
    const { lease } = await startJob(site);
    const err = await underSlotLease(site, "hut-01", { env: GH }, async (s) => {
      unlinkSync(join(lease.path, holderFileName(lease.token))); // taken over / removed
      await new Promise((resolve) => s.signal.addEventListener("abort", resolve));
      return "kept going";
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeaseLostError);
    expect(describeError(err)).toMatch(
      /lease on slot hut-01 was lost: job gh-8121934471-2-hil@esp32-hut-01's holder record disappeared/,
    );
  });

  it("stops a step that claimed the slot itself when its lease is lost", async () => {
    const site = tempSite();
    const err = await underSlotLease(site, "hut-01", { env: {} }, async (s) => {
      rmSync(join(site.lock_dir, "hut-01.lock"), { recursive: true });
      await new Promise((resolve) => s.signal.addEventListener("abort", resolve));
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeaseLostError);
  });

  it("refuses to act as a stranger once the job's own lease has ended", async () => {
    const site = tempSite();
    const { jobDir, lease } = await startJob(site);
    await lease.release();
    writeFileSync(
      join(jobDir, JOB_FILES.leaseEnded),
      JSON.stringify({
        slot: "hut-01",
        job_id: GH_JOB,
        reason: "deadline",
        detail: "the job ran past its timeout of 1800 s",
        at: "2026-11-21T10:45:00Z",
        held_sec: 1800,
      }),
    );
    const env = { ...GH, HIL_JOB_DIR: jobDir };
    const err = await underSlotLease(site, "hut-01", { env }, async () => "flashed").catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LeaseLostError);
    expect(describeError(err)).toContain(
      "lease ended at 2026-11-21T10:45:00Z (deadline: the job ran past its timeout of 1800 s)",
    );
    // Another slot is not the job's: the step claims it for itself.
    mkdirSync(site.lock_dir, { recursive: true });
    expect(await underSlotLease(site, "hut-02", { env }, async (s) => s.mode)).toBe("claimed");
  });
});
