import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ciContext } from "../src";

const SHA = "a".repeat(40);
const HEAD = "b".repeat(40);

function eventFile(payload: unknown): string {
  const f = join(mkdtempSync(join(tmpdir(), "hil-ci-")), "event.json");
  writeFileSync(f, JSON.stringify(payload));
  return f;
}

const GH = {
  GITHUB_ACTIONS: "true",
  GITHUB_REPOSITORY: "acme/fw",
  GITHUB_SHA: SHA,
  GITHUB_RUN_ID: "8121934471",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_JOB: "hil",
  GITHUB_WORKFLOW: "hardware",
  GITHUB_SERVER_URL: "https://github.com/",
  GITHUB_API_URL: "https://api.github.com/",
  RUNNER_NAME: "esp32-hut-01",
  GITHUB_WORKSPACE: "/w/fw",
};

describe("ciContext on GitHub", () => {
  it("gives one job id (with the runner, as the lease uses) and the run's links", () => {
    const ci = ciContext({ ...GH, GITHUB_EVENT_NAME: "push" });
    expect(ci).toMatchObject({
      forge: "github",
      repo: "acme/fw",
      jobSha: SHA,
      commitSha: SHA,
      buildSha: SHA,
      jobId: "gh-8121934471-2-hil@esp32-hut-01",
      runner: "esp32-hut-01",
      runnerKey: "gh:esp32-hut-01",
      command: ["github-actions", "hardware", "hil"],
      workspace: "/w/fw",
      serverUrl: "https://github.com",
      apiUrl: "https://api.github.com",
      url: "https://github.com/acme/fw/actions/runs/8121934471",
    });
    expect(ci.runnerLabels).toContain("esp32-hut-01");
  });

  it("takes a pull request's head as the results commit and tells a fork from a branch", () => {
    const pr = (headRepo: string) =>
      eventFile({
        pull_request: {
          number: 7,
          head: { sha: HEAD, repo: { full_name: headRepo } },
          base: { repo: { full_name: "acme/fw" } },
          labels: [{ name: "hil-ok" }],
        },
      });
    const fork = ciContext({
      ...GH,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: pr("eve/fw"),
    });
    expect(fork.commitSha).toBe(HEAD);
    expect(fork.jobSha).toBe(SHA); // the merge commit the job built
    expect(fork.change()).toEqual({
      number: 7,
      headSha: HEAD,
      source: "eve/fw",
      target: "acme/fw",
      fromFork: true,
      labels: ["hil-ok"],
    });
    const branch = ciContext({
      ...GH,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: pr("acme/fw"),
    });
    expect(branch.change()?.fromFork).toBe(false);
  });

  it("flashes a workflow_run's head and looks in the triggering run", () => {
    const ci = ciContext({
      ...GH,
      GITHUB_EVENT_NAME: "workflow_run",
      GITHUB_EVENT_PATH: eventFile({ workflow_run: { id: 99, head_sha: HEAD } }),
    });
    expect(ci).toMatchObject({ commitSha: HEAD, buildSha: HEAD, buildRunId: "99", jobSha: SHA });
  });

  it("reads the event payload once, and refuses to guess when it is unreadable", () => {
    const path = eventFile({ action: "opened" });
    const ci = ciContext({ ...GH, GITHUB_EVENT_PATH: path });
    expect(ci.event()?.action).toBe("opened");
    writeFileSync(path, "{ torn");
    expect(ci.event()?.action).toBe("opened");
    const broken = ciContext({ ...GH, GITHUB_EVENT_PATH: path });
    expect(() => broken.event()).toThrow(/Cannot read the event payload .*event\.json/);
    expect(() => ciContext({ ...GH }).event()).toThrow(/GITHUB_EVENT_PATH is not set/);
  });

  it("is rebuilt when the environment object changes", () => {
    const env: NodeJS.ProcessEnv = { ...GH };
    expect(ciContext(env)).toBe(ciContext(env));
    env.GITHUB_RUN_ATTEMPT = "3";
    expect(ciContext(env).jobId).toBe("gh-8121934471-3-hil@esp32-hut-01");
  });
});

describe("ciContext on GitLab", () => {
  const GL = {
    GITLAB_CI: "true",
    CI_JOB_ID: "4242",
    CI_PROJECT_PATH: "acme/fw",
    CI_PROJECT_ID: "17",
    CI_COMMIT_SHA: SHA,
    CI_COMMIT_REF_NAME: "main",
    CI_PIPELINE_ID: "900",
    CI_JOB_URL: "https://gitlab.example.com/acme/fw/-/jobs/4242",
    CI_SERVER_URL: "https://gitlab.example.com/",
    CI_RUNNER_ID: "12",
    CI_CONCURRENT_ID: "3",
    CI_RUNNER_DESCRIPTION: "lab-a",
    CI_RUNNER_TAGS: '["esp32-hut-02","lab"]',
    CI_JOB_TIMEOUT: "3600",
    CI_JOB_NAME: "hil",
    GITLAB_USER_LOGIN: "ada",
  };

  it("gives the job id, runner key and project facts", () => {
    const ci = ciContext(GL);
    expect(ci).toMatchObject({
      forge: "gitlab",
      repo: "acme/fw",
      jobSha: SHA,
      commitSha: SHA,
      ref: "main",
      jobId: "gl-4242",
      runner: "lab-a",
      runnerKey: "gl:12:3",
      requestedBy: "ada",
      serverUrl: "https://gitlab.example.com",
      url: "https://gitlab.example.com/acme/fw/-/jobs/4242",
      gitlab: { projectId: "17", pipelineId: 900, jobTimeoutSec: 3600, jobId: "4242" },
    });
    expect(ci.runnerLabels).toEqual(["esp32-hut-02", "lab"]);
    expect(ci.change()).toBeUndefined();
  });

  it("tells a fork's merge request from a branch's", () => {
    const mr = (source: string) =>
      ciContext({
        ...GL,
        CI_MERGE_REQUEST_IID: "5",
        CI_MERGE_REQUEST_PROJECT_ID: "17",
        CI_MERGE_REQUEST_PROJECT_PATH: "acme/fw",
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: source,
        CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: source === "17" ? "acme/fw" : "eve/fw",
      }).change();
    expect(mr("31")).toMatchObject({ number: 5, source: "eve/fw", fromFork: true });
    expect(mr("17")?.fromFork).toBe(false);
  });
});

it("outside CI is a local session", () => {
  const ci = ciContext({ HIL_RUNNER_LABELS: "esp32-hut-03, bench" });
  expect(ci).toMatchObject({ forge: "local", jobId: `local-${hostname()}-${process.pid}` });
  expect(ci.runnerLabels).toEqual(["esp32-hut-03", "bench"]);
  expect(ci.commitSha).toBeUndefined();
});

// Goal: one precedence. Product code gets the CI's facts from ciContext, never from the variables.
it("no product source outside packages/ci reads GitHub's or GitLab's variables", () => {
  const root = join(import.meta.dirname, "..", "..", "..");
  const dirs = [
    ...readdirSync(join(root, "packages"))
      // the simulator, the fake forges and the lab harness are test tools, not the product
      .filter((p) => !["ci", "hut-sim", "forge-sim", "lab"].includes(p))
      .map((p) => join(root, "packages", p, "src")),
    ...readdirSync(join(root, "actions")).map((a) => join(root, "actions", a, "src")),
    join(root, "runner-hooks", "src"),
  ];
  const reads = /\benv(\.|\[")(GITHUB_|GITLAB_|CI_[A-Z]|RUNNER_NAME|RUNNER_TEMP)/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) {
        readFileSync(p, "utf8")
          .split("\n")
          .forEach((line, n) => {
            // writes for a library that reads the variable itself are not reads
            if (
              reads.test(line) &&
              !/^\s*(\*|\/\/)/.test(line) &&
              !/env\.\w+ =|delete /.test(line) &&
              !/const before = process\.env\.GITHUB_API_URL/.test(line)
            )
              offenders.push(`${p.slice(root.length + 1)}:${n + 1}: ${line.trim()}`);
          });
      }
    }
  };
  for (const d of dirs) walk(d);
  expect(offenders).toEqual([]);
});
