import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { invocation as invocationSchema, parseWith } from "@hil/contracts";
import { FakeServer, GitHubArtifactsFake, GitHubStatusFake } from "@hil/forge-sim";
import { acquireLease, recordHealth, releaseJobLease, type Lease } from "@hil/lease";
import { parse } from "yaml";
import {
  approvalsRoute,
  forkPullRequest,
  HEAD_SHA,
} from "../../packages/lifecycle/__tests__/events";
import {
  example,
  exists,
  fakeAction,
  hil,
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
  until,
  type Lab,
} from "./helpers";

// The GitHub runner's side of a hardware job, run as the runner runs it: the hook scripts with
// `bash -e` and the runner's environment (the default GITHUB_* variables, GITHUB_EVENT_PATH with a
// real payload, RUNNER_NAME, RUNNER_TEMP, GITHUB_ENV), the job's steps as separate processes,
// the bundled runner-hooks and CLI, a temp inventory and the forge fakes on 127.0.0.1.

const TOKEN = "ghs_HookTokenWithStatusesWrite000000000";
const REPO = "acme/thermostat-fw";

let l: Lab;
let server: FakeServer;
let gh: GitHubStatusFake;
let artifacts: GitHubArtifactsFake;
const held: Lease[] = [];
/** What GET …/actions/runs/:run/approvals answers (the environment gate). */
let approvals: unknown[] = [];

beforeEach(async () => {
  l = lab();
  gh = new GitHubStatusFake({
    tokens: { [TOKEN]: { statuses: true } },
    repos: [REPO],
    shas: [SHA, HEAD_SHA],
  });
  artifacts = new GitHubArtifactsFake();
  artifacts.token = TOKEN;
  approvals = [];
  server = await new FakeServer()
    .route(...gh.routes(), ...artifacts.routes(), approvalsRoute(TOKEN, approvals))
    .start();
});

afterEach(async () => {
  for (const lease of held.splice(0)) await lease.release();
  await server.stop();
  l.cleanup();
});

interface GitHubJob {
  jobId: string;
  env: NodeJS.ProcessEnv;
  workspace: string;
  envFile: string;
}

const PUSH = {
  ref: "refs/heads/main",
  after: SHA,
  repository: { id: 501, full_name: REPO },
  pusher: { name: "ada" },
};

/** A job as the runner sets it up: RUNNER_TEMP with the event payload and the file commands. */
function githubJob(
  runId: string,
  o: { event?: string; payload?: unknown; env?: Record<string, string | undefined> } = {},
): GitHubJob {
  const temp = mkdtempSync(join(l.dir, "runner-temp-"));
  const workspace = join(temp, "work", "thermostat-fw");
  mkdirSync(workspace, { recursive: true });
  const eventPath = join(temp, "_github_workflow", "event.json");
  mkdirSync(join(temp, "_github_workflow"));
  writeFileSync(eventPath, JSON.stringify(o.payload ?? PUSH));
  const files = join(temp, "_runner_file_commands");
  mkdirSync(files);
  const envFile = join(files, `set_env_${runId}`);
  for (const f of ["set_env", "add_path", "set_output", "save_state", "step_summary"]) {
    writeFileSync(join(files, `${f}_${runId}`), "");
  }
  const env = hostEnv(l, {
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: REPO,
    GITHUB_REPOSITORY_OWNER: "acme",
    GITHUB_SHA: SHA,
    GITHUB_REF: "refs/heads/main",
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_NUMBER: "42",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_JOB: "hil",
    GITHUB_WORKFLOW: "firmware",
    GITHUB_ACTOR: "ada",
    GITHUB_TRIGGERING_ACTOR: "ada",
    GITHUB_EVENT_NAME: o.event ?? "push",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: server.baseUrl,
    GITHUB_ENV: envFile,
    GITHUB_PATH: join(files, `add_path_${runId}`),
    GITHUB_STEP_SUMMARY: join(files, `step_summary_${runId}`),
    RUNNER_NAME: "esp32-hut-01",
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_TEMP: temp,
    RUNNER_TRACKING_ID: `github_${runId}`,
    // The runner's .env (docs/runner-setup.md).
    HIL_GITHUB_TOKEN: TOKEN,
    ...o.env,
  });
  return { jobId: `gh-${runId}-1-hil@esp32-hut-01`, env, workspace, envFile };
}

/** The hook scripts as examples/runner/github/runner.env names them. */
const RUNNER_ENV = Object.fromEntries(
  example("runner/github/runner.env")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);
const SCRIPTS = {
  started: RUNNER_ENV.ACTIONS_RUNNER_HOOK_JOB_STARTED!,
  completed: RUNNER_ENV.ACTIONS_RUNNER_HOOK_JOB_COMPLETED!,
};

/** ACTIONS_RUNNER_HOOK_JOB_STARTED / _COMPLETED: the runner runs `bash -e <script>`. */
const hook = (job: GitHubJob, phase: "started" | "completed") =>
  run("bash", ["-e", SCRIPTS[phase]], job.env, { cwd: job.workspace });

/** The environment a step sees when the runner applied GITHUB_ENV. */
function withGithubEnv(job: GitHubJob): NodeJS.ProcessEnv {
  const env = { ...job.env };
  for (const line of readFileSync(job.envFile, "utf8").split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
  }
  return env;
}

const states = (sha = SHA) => gh.statuses.filter((s) => s.sha === sha).map((s) => s.state);

describe("GitHub runner hooks, run as the runner runs them", () => {
  it("are the scripts the runner .env example names, beside the bundle", () => {
    expect(SCRIPTS.started).toBe(join(HOOKS, "github-job-started.sh"));
    expect(SCRIPTS.completed).toBe(join(HOOKS, "github-job-completed.sh"));
    expect(RUNNER_ENV).toMatchObject({ HIL_JOB_TIMEOUT_SEC: "1800", HIL_FORK_LABEL: "hil-ok" });
  });

  it("a passing job: invocation, pending then success, the slot released and claimed by the next job at once", async () => {
    const job = githubJob("8121934471");
    const started = await hook(job, "started");
    expect(started.code, started.out).toBe(0);
    expect(started.out).toMatch(
      /Holding hut-01 for gh-8121934471-1-hil@esp32-hut-01 until .* \d+ ms after the hook started/,
    );
    const dir = jobDirOf(l, job.jobId);
    const inv = parseWith(invocationSchema, readJson(join(dir, "invocation.json")), "invocation");
    expect(inv).toMatchObject({
      job_id: job.jobId,
      target_role: "runner",
      requested_by: "ada",
      command: ["github-actions", "firmware", "hil"],
      timeout_sec: 1800,
      lock_key: "hut-01",
      commit_sha: SHA,
      repo: REPO,
      lane: "local-hil",
      slot: "hut-01",
      workdir: job.workspace,
    });
    expect(slotState(l).holder).toMatchObject({ job_id: job.jobId, kind: "job", job_dir: dir });
    expect(states()).toEqual(["pending"]);
    expect(gh.statuses[0]).toMatchObject({ context: "hil/hut-01", token: TOKEN });
    // What the started hook left for the steps in GITHUB_ENV.
    expect(readFileSync(job.envFile, "utf8")).toContain(`HIL_JOB_DIR=${dir}\n`);
    // The no-bundle-yet case is a warning, not a failure.
    expect(started.out).toMatch(/Not fetching the bundle now: No bundle for commit/);

    // Steps: one finds the job through the slot's lease alone (GITHUB_ENV did not reach it; the
    // runner's name, the same for hook and steps, names the job), one through GITHUB_ENV.
    const flash = await hil(
      ["step", "--name", "hil-flash", "--", "sh", "-c", "echo flashing"],
      job.env,
      job.workspace,
    ).done;
    expect(flash.code, flash.out).toBe(0);
    const test = fakeAction(["hil-test", "pass", "3", "0"], withGithubEnv(job), job.workspace);
    const t = await test.done;
    expect(t.code, t.out).toBe(0);
    expect(t.out).toContain("found by HIL_JOB_DIR");

    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    expect(done.out).toContain("Released hut-01: the lease keeper let it go.");
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({
      status: "success",
      exit_code: 0,
      lock_key: "hut-01",
      commit_sha: SHA,
      slot: "hut-01",
      human_summary: "3 passed, 0 failed on hut-01 (esp32, MAC 24:6f:28:aa:bb:01)",
      artifact_paths: ["hil-out/hut-01/hil-test.log"],
    });
    expect(states()).toEqual(["pending", "success"]);
    expect(slotState(l).state).toBe("free");

    // Idempotent: a second run says so and posts nothing.
    const again = await hook(job, "completed");
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/was already completed at .*nothing more to report/);
    expect(again.out).toMatch(/had already ended \(released at .*\); nothing to release/);
    expect(states()).toEqual(["pending", "success"]);

    // The next job claims the slot right away.
    const next = githubJob("8121934472");
    const s2 = await hook(next, "started");
    expect(s2.code, s2.out).toBe(0);
    expect(slotState(l).holder?.job_id).toBe(next.jobId);
    expect((await hook(next, "completed")).code).toBe(0);
    expect(slotState(l).state).toBe("free");
  });

  it("a failing step makes the report failed with its exit code; partial outputs are listed", async () => {
    const job = githubJob("1001");
    expect((await hook(job, "started")).code).toBe(0);
    const step = await hil(
      [
        "step",
        "--name",
        "unit-on-target",
        "--artifact",
        "out/partial.log",
        "--artifact",
        "out/never.log",
        "--",
        "sh",
        "-c",
        "mkdir -p out && echo half > out/partial.log && exit 3",
      ],
      job.env,
      job.workspace,
    ).done;
    expect(step.code).toBe(3);
    expect(step.out).toContain("artifact out/never.log does not exist; not listed");
    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({
      status: "failed",
      exit_code: 3,
      artifact_paths: ["out/partial.log"],
    });
    expect(report.human_summary).toMatch(/^unit-on-target failed: sh -c .* exited with 3 after \d/);
    expect(states()).toEqual(["pending", "failure"]);
    expect(slotState(l).state).toBe("free");
  });

  it("the job timeout: the keeper stops the running step at the deadline and frees the slot; the report says timeout", async () => {
    const job = githubJob("1002", { env: { HIL_JOB_TIMEOUT_SEC: "3" } });
    const s = await hook(job, "started");
    expect(s.code, s.out).toBe(0);
    expect(s.out).toContain("(timeout 3 s,");
    const step = await hil(
      ["step", "--name", "hil-test", "--grace", "2", "--", "sleep", "60"],
      job.env,
      job.workspace,
    ).done;
    expect(step.code, step.out).toBe(124);
    expect(step.out).toMatch(/timeout: the job ran past its timeout of 3 s; sleep 60 was stopped/);
    expect(slotState(l).state).toBe("free"); // before any completed hook
    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    expect(done.out).toMatch(
      /The lease on hut-01 had already ended \(deadline at .*\); nothing to release/,
    );
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({ status: "timeout", exit_code: 124 });
    expect(report.human_summary).toMatch(
      /^hil-test: timed out after [\d.]+ s: the job ran past its timeout of 3 s on hut-01$/,
    );
    expect(states()).toEqual(["pending", "failure"]);
  });

  it("the runner cancelling the job (SIGINT to the running action) reports cancelled", async () => {
    const job = githubJob("1003");
    expect((await hook(job, "started")).code).toBe(0);
    const action = fakeAction(["hil-test", "hang"], job.env, job.workspace);
    await action.waitFor(/running in gh-1003-1-hil@esp32-hut-01 on hut-01 \(found by lease\)/);
    action.child.kill("SIGINT");
    const r = await action.done;
    expect(r.code).toBe(130);
    // A later hardware step (say `if: always()`) does not start.
    const after = await hil(["step", "--name", "hil-flash", "--", "true"], job.env, job.workspace)
      .done;
    expect(after.code).toBe(130);
    expect(after.out).toMatch(/was cancelled \(cancelled: hil-test received SIGINT/);
    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({ status: "cancelled", exit_code: 130 });
    expect(report.artifact_paths).toEqual(["hil-out/hut-01/hil-test.log"]);
    expect(states()).toEqual(["pending", "error"]);
    expect(slotState(l).state).toBe("free");
  });

  it("hil cancel stops the job's running step; the report says cancelled and why", async () => {
    const job = githubJob("1004");
    expect((await hook(job, "started")).code).toBe(0);
    const step = hil(["step", "--name", "soak", "--", "sleep", "60"], job.env, job.workspace);
    await until(() => exists(join(jobDirOf(l, job.jobId), "steps")), 30_000, "the step to start");
    const c = await run(
      process.env.SHELL ?? "sh",
      ["-c", `hil cancel --slot hut-01 --reason "bench rewiring"`],
      hostEnv(l),
    );
    expect(c.code, c.out).toBe(0);
    expect(c.out).toMatch(
      /Cancel requested for job gh-1004-1-hil@esp32-hut-01 .* on hut-01: cancelled by .* \(hil cancel\): bench rewiring/,
    );
    const r = await step.done;
    expect(r.code).toBe(130);
    const done = await hook(job, "completed");
    expect(done.code).toBe(0);
    const report = readReport(l, job.jobId);
    expect(report.status).toBe("cancelled");
    expect(report.human_summary).toMatch(
      /^soak: cancelled after [\d.]+ s: cancelled by .* \(hil cancel\): bench rewiring on hut-01$/,
    );
    expect(slotState(l).state).toBe("free");
  });

  it("a step SIGKILLed mid-way: the completed hook records it as failed and releases the slot", async () => {
    const job = githubJob("1005");
    expect((await hook(job, "started")).code).toBe(0);
    const action = fakeAction(["hil-test", "hang"], job.env, job.workspace);
    await action.waitFor(/running in gh-1005-1-hil@esp32-hut-01/);
    action.child.kill("SIGKILL");
    await action.done;
    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    expect(done.out).toContain(
      "Step hil-test of job gh-1005-1-hil@esp32-hut-01 never recorded how it ended; recorded as failed.",
    );
    const report = readReport(l, job.jobId);
    expect(report).toMatchObject({
      status: "failed",
      exit_code: 1,
      artifact_paths: ["hil-out/hut-01/hil-test.log"],
    });
    expect(report.human_summary).toMatch(
      /^hil-test failed: ended without recording a result \(killed, pid \d+/,
    );
    expect(states()).toEqual(["pending", "failure"]);
    expect(slotState(l).state).toBe("free");
  });

  it("refuses a fork's pull request, says how to opt in, holds nothing; with the label it runs", async () => {
    const job = githubJob("2001", { event: "pull_request", payload: forkPullRequest() });
    const s = await hook(job, "started");
    expect(s.code).toBe(1);
    expect(s.out).toMatch(
      /::error::Refusing to run pull request #12 from the fork mallory\/thermostat-fw \(pull_request\) on the lab's hardware: it has no "hil-ok" label/,
    );
    expect(s.out).toMatch(/adds the label "hil-ok" to the pull request/);
    expect(exists(jobDirOf(l, job.jobId))).toBe(false);
    expect(slotState(l).state).toBe("free");
    expect(gh.statuses).toEqual([]);
    const c = await hook(job, "completed");
    expect(c.code).toBe(0);
    expect(c.out).toMatch(
      /Nothing to complete for job gh-2001-1-hil@esp32-hut-01: the job-started hook did not start it/,
    );

    const labelled = githubJob("2002", {
      event: "pull_request",
      payload: forkPullRequest(["hil-ok"]),
    });
    const s2 = await hook(labelled, "started");
    expect(s2.code, s2.out).toBe(0);
    expect(s2.out).toMatch(
      /::warning::pull request #12 from the fork mallory\/thermostat-fw .*allowed by the label "hil-ok"/,
    );
    const inv = readJson(join(jobDirOf(l, labelled.jobId), "invocation.json"));
    // The status goes on the PR's head commit (where GitHub shows it), the job tests the merge commit.
    expect(inv.commit_sha).toBe(HEAD_SHA);
    expect(inv.notes).toContain(`checks out ${SHA}`);
    expect(states(HEAD_SHA)).toEqual(["pending"]);
    expect((await hook(labelled, "completed")).code).toBe(0);
    expect(slotState(l).state).toBe("free");
  });

  it("the environment gate: a fork's job runs once a reviewer approved the environment in its run", async () => {
    const wf = parse(example("runner/github/fork-environment.yml")) as {
      jobs: { hil: { environment: string } };
    };
    const environment = RUNNER_ENV.HIL_FORK_ENVIRONMENT!;
    expect(wf.jobs.hil.environment).toContain(`'${environment}'`);
    const env = { HIL_FORK_ENVIRONMENT: environment };
    const waiting = githubJob("2101", { event: "pull_request", payload: forkPullRequest(), env });
    const refused = await hook(waiting, "started");
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(
      /no "hil-ok" label, and no reviewer approved environment "hil-hardware" in this run/,
    );
    expect(refused.out).toMatch(/`environment: hil-hardware`/);
    approvals.push({
      state: "approved",
      user: { login: "grace" },
      environments: [{ name: environment }],
      comment: "read the diff, workflows included",
    });
    const approved = githubJob("2102", { event: "pull_request", payload: forkPullRequest(), env });
    const s = await hook(approved, "started");
    expect(s.code, s.out).toBe(0);
    expect(s.out).toMatch(/allowed by grace's approval of environment "hil-hardware"/);
    // The steps reuse the hook's decision instead of asking GitHub again.
    const asked = server.requests.filter((r) => r.path.endsWith("/approvals")).length;
    const step = await fakeAction(["hil-test", "pass"], approved.env, approved.workspace).done;
    expect(step.code, step.out).toBe(0);
    expect(server.requests.filter((r) => r.path.endsWith("/approvals")).length).toBe(asked);
    expect((await hook(approved, "completed")).code).toBe(0);
  });

  it("fails fast on an unhealthy slot, saying how to reset it", async () => {
    for (let i = 0; i < 3; i++)
      recordHealth(l.inv, "hut-01", "infra_failure", "board not answering");
    const job = githubJob("3001");
    const s = await hook(job, "started");
    expect(s.code).toBe(1);
    expect(s.out).toMatch(/Slot hut-01 is marked unhealthy: 3 infrastructure failures in a row/);
    expect(s.out).toContain("hil doctor --slot hut-01 --reset-health");
    expect(exists(jobDirOf(l, job.jobId))).toBe(false);
    expect(slotState(l).state).toBe("free");
    expect((await hook(job, "completed")).out).toMatch(/Nothing to complete/);
  });

  it("waits for a slot held by another job, then fails naming the holder and leaves its lease alone", async () => {
    held.push(
      await acquireLease(l.inv, "hut-01", {
        holder: {
          kind: "job",
          jobId: "gl-4242",
          runner: "gitlab-lab-a",
          commitSha: "c".repeat(40),
        },
      }),
    );
    const job = githubJob("4001", { env: { HIL_LEASE_WAIT_SEC: "2" } });
    const s = await hook(job, "started");
    expect(s.code).toBe(1);
    expect(s.out).toMatch(
      /Waiting up to 2 s for slot hut-01: held by job gl-4242 \(runner gitlab-lab-a on .*\)/,
    );
    expect(s.out).toMatch(
      /Slot hut-01 is busy: held by job gl-4242 \(runner gitlab-lab-a on .*, pid \d+\) since .* for commit cccccccccccc; waited 2 s/,
    );
    expect(slotState(l).holder?.job_id).toBe("gl-4242");
    expect(exists(jobDirOf(l, job.jobId))).toBe(false);
    const c = await hook(job, "completed");
    expect(c.code).toBe(0);
    expect(slotState(l).holder?.job_id).toBe("gl-4242");

    // Within the wait, the job gets the slot as soon as the holder lets go.
    const patient = githubJob("4002", { env: { HIL_LEASE_WAIT_SEC: "120" } });
    const pending = start("bash", ["-e", SCRIPTS.started], patient.env, {
      cwd: patient.workspace,
    });
    await pending.waitFor(/Waiting up to 120 s for slot hut-01/);
    await held.pop()!.release();
    const r = await pending.done;
    expect(r.code, r.out).toBe(0);
    expect(slotState(l).holder?.job_id).toBe(patient.jobId);
    expect((await hook(patient, "completed")).code).toBe(0);
  });

  it("a started hook that fails after claiming releases the slot; the completed hook reports it", async () => {
    // GITHUB_ENV cannot be written (a directory): the last thing the started hook does fails.
    const job = githubJob("5001");
    const bad = join(job.env.RUNNER_TEMP!, "not-a-file");
    mkdirSync(bad);
    job.env.GITHUB_ENV = bad;
    const s = await hook(job, "started");
    expect(s.code).toBe(1);
    expect(s.out).toMatch(/::error::.*EISDIR/);
    expect(slotState(l).state).toBe("free");
    expect(states()).toEqual(["pending"]);
    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    const report = readReport(l, job.jobId);
    expect(report.status).toBe("failed");
    expect(report.human_summary).toMatch(/^job-started hook failed: .*EISDIR/);
    expect(states()).toEqual(["pending", "error"]); // pending does not stay behind
    expect((await hook(job, "completed")).out).toMatch(/already completed/);
  });

  it("a started hook killed while waiting leaves the other holder alone; the completed hook still ends the job", async () => {
    held.push(
      await acquireLease(l.inv, "hut-01", {
        holder: { kind: "lock", jobId: "local-bench-7", runner: "ada (terminal)" },
      }),
    );
    const job = githubJob("6001", { env: { HIL_LEASE_WAIT_SEC: "600" } });
    const s = start("bash", ["-e", SCRIPTS.started], job.env, {
      cwd: job.workspace,
    });
    await s.waitFor(/Waiting up to 600 s/);
    s.child.kill("SIGKILL"); // bash exec'd node: this is the hook itself
    await s.done;
    const done = await hook(job, "completed");
    expect(done.code, done.out).toBe(0);
    const report = readReport(l, job.jobId);
    expect(report.human_summary).toMatch(
      /job-started hook failed: the job-started hook ended before it finished/,
    );
    expect(slotState(l).holder?.job_id).toBe("local-bench-7");
    // The keeper that was waiting gave up instead of taking the slot later.
    await held.pop()!.release();
    await new Promise((r) => setTimeout(r, 1500));
    expect(slotState(l).state).toBe("free");
  });

  it("the runner died without running the completed hook: the next job on this runner completes it first", async () => {
    const job = githubJob("7001");
    expect((await hook(job, "started")).code).toBe(0);
    await hil(["step", "--name", "hil-flash", "--", "true"], job.env, job.workspace).done;
    // No completed hook (the runner service was stopped). The next job of this runner:
    const next = githubJob("7002");
    const s = await hook(next, "started");
    expect(s.code, s.out).toBe(0);
    expect(s.out).toMatch(
      /The previous job on hut-01, gh-7001-1-hil@esp32-hut-01, never completed .*completing it now/,
    );
    expect(readReport(l, job.jobId)).toMatchObject({ status: "success" });
    expect(readJson(join(jobDirOf(l, job.jobId), "completed.json"))).toMatchObject({
      by: "next-start",
    });
    expect(slotState(l).holder?.job_id).toBe(next.jobId);
    expect((await hook(next, "completed")).code).toBe(0);
    // releaseJobLease on the old job now finds nothing of its own to release.
    expect((await releaseJobLease(l.inv, "hut-01", { jobDir: jobDirOf(l, job.jobId) })).how).toBe(
      "already-ended",
    );
  });
});
