import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BundleCache } from "@hil/bundle";
import { FakeServer, GitLabArtifactsFake, GitLabStatusFake } from "@hil/forge-sim";
import { fixtureBundle, Scratch } from "../../packages/bundle/__tests__/helpers/bundles";
import {
  exists,
  FIXTURES,
  example,
  HOOKS,
  hostEnv,
  jobDirOf,
  lab,
  readJson,
  readReport,
  run,
  SHA,
  slotState,
  start,
  TSX,
  until,
  type Lab,
} from "./helpers";

// GitLab Runner's side of a hardware job, as the shell executor runs it: config.toml's
// pre_build_script sources gitlab-pre-build.sh in the job's shell, then the job's script, then
// post_build_script, all in one `bash` with `set -eo pipefail` (a failure skips the rest); the
// job's after_script in a new shell with CI_JOB_STATUS. The CI_* variables GitLab sets, the
// runner's `environment` from config.toml, the bundled hooks and CLI, the forge fakes.

const TOKEN = "glpat-HookProjectAccessToken01";
const PROJECT = "acme/thermostat-fw";

let l: Lab;
let server: FakeServer;
let gl: GitLabStatusFake;
let artifacts: GitLabArtifactsFake;
const scratch = new Scratch();
let bundleJobId: number;

beforeAll(async () => {
  artifacts = new GitLabArtifactsFake();
  artifacts.token = TOKEN;
  const b = await fixtureBundle(scratch, SHA);
  bundleJobId = artifacts.addJob({
    ref: "main",
    name: "bundle",
    sha: SHA,
    zip: readFileSync(b.zipPath),
  }).id;
});
afterAll(() => scratch.cleanup());

beforeEach(async () => {
  l = lab();
  gl = new GitLabStatusFake({ tokens: { [TOKEN]: { write: true } }, shas: [SHA] });
  server = await new FakeServer().route(...gl.routes(), ...artifacts.routes()).start();
});
afterEach(async () => {
  await server.stop();
  l.cleanup();
});

/** config.toml as examples/runner/gitlab/config.toml sets it (its first runner). */
const CONFIG = example("runner/gitlab/config.toml");
const setting = (key: string) =>
  JSON.parse(new RegExp(`^\\s*${key} = (".*")$`, "m").exec(CONFIG)![1]!) as string;
const PRE_BUILD = setting("pre_build_script");
const POST_BUILD = setting("post_build_script");
/** The template's after_script (examples/gitlab/hil.gitlab-ci.yml). */
const AFTER = (
  parse(example("gitlab/hil.gitlab-ci.yml")) as Record<string, { after_script: string[] }>
)[".hil-test"]!.after_script.join("\n");

interface GitLabJob {
  jobId: string;
  env: NodeJS.ProcessEnv;
  dir: string;
}

function gitlabJob(id: number, extra: Record<string, string | undefined> = {}): GitLabJob {
  const dir = mkdtempSync(join(l.dir, "builds-"));
  const env = hostEnv(l, {
    CI: "true",
    GITLAB_CI: "true",
    CI_SERVER_URL: server.baseUrl,
    CI_API_V4_URL: `${server.baseUrl}/api/v4`,
    CI_PROJECT_ID: "42",
    CI_PROJECT_PATH: PROJECT,
    CI_PROJECT_DIR: dir,
    CI_COMMIT_SHA: SHA,
    CI_COMMIT_REF_NAME: "main",
    CI_PIPELINE_ID: "5150",
    CI_PIPELINE_SOURCE: "push",
    CI_JOB_ID: String(id),
    CI_JOB_NAME: "hil",
    CI_JOB_URL: `https://gitlab.example.com/${PROJECT}/-/jobs/${id}`,
    CI_JOB_TOKEN: "glcbt-64_jobTokenForThisJob",
    CI_JOB_TIMEOUT: "600",
    CI_RUNNER_ID: "17",
    CI_RUNNER_DESCRIPTION: "lab-a hut-01",
    CI_RUNNER_TAGS: '["esp32-hut", "esp32-hut-01"]',
    CI_CONCURRENT_ID: "0",
    GITLAB_USER_LOGIN: "ada",
    // The bundle job's dotenv report, passed on by `needs:`.
    HIL_BUNDLE_JOB_ID: String(bundleJobId),
    // config.toml `environment` of this runner.
    HIL_GITLAB_TOKEN: TOKEN,
    ...extra,
  });
  delete env.HIL_SLOT; // the slot comes from CI_RUNNER_TAGS
  return { jobId: `gl-${id}`, env, dir };
}

/** The job's main shell: pre_build_script, the script lines, post_build_script. */
function stepScript(job: GitLabJob, script: string[]) {
  const text = ["set -eo pipefail", "set +o noclobber", PRE_BUILD, ...script, POST_BUILD].join(
    "\n",
  );
  return start("bash", ["-c", text], job.env, { cwd: job.dir, detached: true });
}

/** after_script: a new shell, told how the job ended. */
function afterScript(job: GitLabJob, status: "success" | "failed" | "canceled") {
  return run(
    "bash",
    ["-c", `set -eo pipefail\n${AFTER}`],
    { ...job.env, CI_JOB_STATUS: status },
    { cwd: job.dir },
  );
}

const fakeTest = (args: string) =>
  `node --import ${TSX} ${join(FIXTURES, "fake-action.ts")} ${args}`;

describe("GitLab Runner hooks, run as the shell executor runs them", () => {
  it("are what the config.toml example and the template's after_script call", () => {
    expect(PRE_BUILD).toBe(`. ${join(HOOKS, "gitlab-pre-build.sh")}`);
    expect(POST_BUILD).toBe(join(HOOKS, "gitlab-job-completed.sh"));
    expect(AFTER).toBe("hil hook completed");
    expect(CONFIG).toMatch(/executor = "shell"/);
    expect(CONFIG).toMatch(/limit = 1/);
  });

  it("a passing job: the script sees the exported variables, pending then success, bundle cached and unpinned", async () => {
    const job = gitlabJob(9001);
    const main = stepScript(job, [
      'echo "$HIL_JOB_DIR" > job-dir.txt',
      "hil step --name hil-flash -- sh -c 'test -n \"$HIL_LEASE_TOKEN\"'",
      fakeTest("hil-test pass 5 0"),
    ]);
    const r = await main.done;
    expect(r.code, r.out).toBe(0);
    const dir = jobDirOf(l, job.jobId);
    expect(readFileSync(join(job.dir, "job-dir.txt"), "utf8").trim()).toBe(dir);
    expect(r.out).toContain("found by HIL_JOB_DIR");
    expect(readJson(join(dir, "invocation.json"))).toMatchObject({
      job_id: "gl-9001",
      requested_by: "ada",
      command: ["gitlab-ci", PROJECT, "hil"],
      timeout_sec: 600, // CI_JOB_TIMEOUT is shorter than the 1800 s default
      commit_sha: SHA,
      slot: "hut-01",
    });
    // The bundle of HIL_BUNDLE_JOB_ID went into the host cache at job start.
    expect(r.out).toMatch(/Bundle [0-9a-f]{12} of 9fceb02d.* is now in the host cache/);
    const cache = new BundleCache({ dir: l.inv.cache_dir });
    const [entry] = await cache.entries();
    expect(entry).toMatchObject({ commitSha: SHA, pins: [] }); // post_build_script released it
    // post_build_script completed the job; after_script finds nothing more to do.
    expect(slotState(l).state).toBe("free");
    const after = await afterScript(job, "success");
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/already completed/);
    expect(readReport(l, job.jobId)).toMatchObject({
      status: "success",
      human_summary: "5 passed, 0 failed on hut-01 (esp32, MAC 24:6f:28:aa:bb:01)",
    });
    // A copy in the project dir, for `artifacts: paths: [hil-out/]`.
    expect(readJson(join(job.dir, "hil-out", "hut-01", "ws2-report.json"))).toEqual(
      readReport(l, job.jobId),
    );
    expect(gl.transitions).toEqual([
      `hil/hut-01@${SHA.slice(0, 8)}: pending`,
      `hil/hut-01@${SHA.slice(0, 8)}: pending → success`,
    ]);
    expect(gl.statuses[0]).toMatchObject({
      target_url: "https://gitlab.example.com/acme/thermostat-fw/-/jobs/9001",
      pipeline_id: 5150,
    });
  });

  it("a failing script skips post_build_script: after_script reports failed and frees the slot", async () => {
    const job = gitlabJob(9002);
    const r = await stepScript(job, [
      "hil step --name hil-test -- sh -c 'exit 1'",
      "touch not-reached",
    ]).done;
    expect(r.code).toBe(1);
    expect(exists(join(job.dir, "not-reached"))).toBe(false);
    expect(slotState(l).holder?.job_id).toBe("gl-9002"); // post_build_script did not run
    const after = await afterScript(job, "failed");
    expect(after.code, after.out).toBe(0);
    expect(readReport(l, job.jobId)).toMatchObject({ status: "failed", exit_code: 1 });
    expect(gl.latest(SHA, "hil/hut-01")?.status).toBe("failed");
    expect(slotState(l).state).toBe("free");
  });

  it("a cancelled job (the runner stops the script): after_script with CI_JOB_STATUS=canceled reports cancelled", async () => {
    const job = gitlabJob(9003);
    const main = stepScript(job, ["hil step --name soak -- sleep 60"]);
    await main.waitFor(/is ready on hut-01/);
    await until(() => exists(join(jobDirOf(l, job.jobId), "steps")), 30_000, "the step to start");
    process.kill(-main.child.pid!, "SIGTERM"); // the job's process group
    await main.done;
    const after = await afterScript(job, "canceled");
    expect(after.code, after.out).toBe(0);
    expect(readReport(l, job.jobId)).toMatchObject({ status: "cancelled", exit_code: 130 });
    expect(gl.latest(SHA, "hil/hut-01")?.status).toBe("canceled");
    expect(slotState(l).state).toBe("free");
  });

  it("a job cancelled in a step hil knows nothing about is still reported cancelled", async () => {
    const job = gitlabJob(9004);
    const main = stepScript(job, ["hil step --name hil-flash -- true", "echo long-step; sleep 60"]);
    await main.waitFor(/long-step/);
    process.kill(-main.child.pid!, "SIGKILL");
    await main.done;
    expect((await afterScript(job, "canceled")).code).toBe(0);
    expect(readReport(l, job.jobId)).toMatchObject({ status: "cancelled" });
    expect(slotState(l).state).toBe("free");
  });

  it("the job timeout: the keeper stops the step at the deadline; after_script reports timeout", async () => {
    const job = gitlabJob(9007, { HIL_JOB_TIMEOUT_SEC: "3" });
    const r = await stepScript(job, ["hil step --name hil-test --grace 2 -- sleep 60"]).done;
    expect(r.code).toBe(124);
    expect(slotState(l).state).toBe("free"); // the keeper released it at the deadline
    const after = await afterScript(job, "failed");
    expect(after.code, after.out).toBe(0);
    expect(after.out).toMatch(/had already ended \(deadline at/);
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({ status: "timeout", exit_code: 124 });
    expect(readJson(join(jobDirOf(l, job.jobId), "invocation.json")).timeout_sec).toBe(3);
    expect(gl.latest(SHA, "hil/hut-01")?.status).toBe("failed");
  });

  it("a step SIGKILLed mid-way: after_script records it as failed and frees the slot", async () => {
    const job = gitlabJob(9008);
    const main = stepScript(job, [fakeTest("hil-test hang")]);
    await main.waitFor(/running in gl-9008 on hut-01 .*, pid (\d+)/);
    const pid = Number(/running in gl-9008 .*, pid (\d+)/.exec(main.output())![1]);
    process.kill(pid, "SIGKILL");
    const r = await main.done;
    expect(r.code).toBe(137);
    const after = await afterScript(job, "failed");
    expect(after.code, after.out).toBe(0);
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({
      status: "failed",
      artifact_paths: ["hil-out/hut-01/hil-test.log"],
    });
    expect(report.human_summary).toMatch(
      /^hil-test failed: ended without recording a result \(killed, pid \d+/,
    );
    expect(gl.latest(SHA, "hil/hut-01")?.status).toBe("failed");
    expect(slotState(l).state).toBe("free");
  });

  it("refuses the fork's own merge request pipeline before the script runs; the parent pipeline runs", async () => {
    const fork = {
      CI_PIPELINE_SOURCE: "merge_request_event",
      CI_MERGE_REQUEST_IID: "7",
      CI_MERGE_REQUEST_SOURCE_PROJECT_ID: "99",
      CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: "mallory/thermostat-fw",
      CI_MERGE_REQUEST_PROJECT_ID: "42",
      CI_MERGE_REQUEST_PROJECT_PATH: PROJECT,
    };
    const job = gitlabJob(9005, {
      ...fork,
      CI_PROJECT_ID: "99",
      CI_PROJECT_PATH: "mallory/thermostat-fw",
    });
    const r = await stepScript(job, ["touch script-ran"]).done;
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /Refusing to run the fork mallory\/thermostat-fw's own pipeline for merge request !7/,
    );
    expect(r.out).toMatch(/Run pipeline/);
    expect(exists(join(job.dir, "script-ran"))).toBe(false);
    expect(slotState(l).state).toBe("free");
    const after = await afterScript(job, "failed");
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/Nothing to complete for job gl-9005/);

    const parent = gitlabJob(9006, fork);
    const p = await stepScript(parent, ["touch script-ran"]).done;
    expect(p.code, p.out).toBe(0);
    expect(p.out).toMatch(/run in the parent project acme\/thermostat-fw by ada/);
    expect(exists(join(parent.dir, "script-ran"))).toBe(true);
    expect(slotState(l).state).toBe("free");
  });
});
