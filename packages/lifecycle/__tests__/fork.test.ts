import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { describeError } from "@hil/contracts";
import { FakeServer } from "@hil/forge-sim";
import { RecordingHost } from "@hil/host";
import { assertForkAllowed, forkGate, ForkRefusedError } from "../src/index";
import { approvalsRoute, forkPullRequest, sameRepoPullRequest, workflowRunEvent } from "./events";

const TOKEN = "ghs_ForkGateReaderToken000000000000000";

const scratch = mkdtempSync(join(tmpdir(), "hil-fork-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function githubEnv(event: unknown, name: string, over: Record<string, string> = {}) {
  const dir = mkdtempSync(join(scratch, "event-"));
  const path = join(dir, "event.json");
  writeFileSync(path, JSON.stringify(event));
  return {
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: "acme/thermostat-fw",
    GITHUB_RUN_ID: "8121934471",
    ...over,
  } as NodeJS.ProcessEnv;
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe("the fork pull request gate on GitHub", () => {
  it("lets pushes and pull requests from the repository's own branches through", async () => {
    expect(await forkGate({ env: githubEnv({ ref: "refs/heads/main" }, "push") })).toMatchObject({
      allowed: true,
      fork: false,
    });
    const same = await forkGate({ env: githubEnv(sameRepoPullRequest(), "pull_request") });
    expect(same).toMatchObject({ allowed: true, fork: false });
    expect(same.why).toBe("pull request #12 from a branch of acme/thermostat-fw");
  });

  it("refuses a fork's pull request and says how to opt in", async () => {
    for (const name of ["pull_request", "pull_request_target", "pull_request_review"]) {
      const d = await forkGate({ env: githubEnv(forkPullRequest(), name) });
      expect(d).toMatchObject({ allowed: false, fork: true, source: "mallory/thermostat-fw" });
      if (d.allowed) throw new Error("unreachable");
      expect(d.why).toBe(
        `Refusing to run pull request #12 from the fork mallory/thermostat-fw (${name}) on the lab's hardware: it has no "hil-ok" label. A fork's code would run on this runner's host and boards.`,
      );
      expect(d.hint).toMatch(/adds the label "hil-ok" to the pull request/);
      expect(d.hint).toMatch(/Review the pull request \(including \.github\/workflows\) first/);
    }
    // A fork that was deleted since (head.repo null) is still a fork.
    const gone = forkPullRequest();
    gone.pull_request.head.repo = null;
    expect(await forkGate({ env: githubEnv(gone, "pull_request") })).toMatchObject({
      allowed: false,
      source: "a deleted fork",
    });
  });

  it("lets a fork's pull request through with the label, which the fork cannot set itself", async () => {
    const d = await forkGate({
      env: githubEnv(forkPullRequest(["bug", "hil-ok"]), "pull_request"),
    });
    expect(d).toMatchObject({ allowed: true, fork: true, via: "label" });
    // Another label name, configured on the runner.
    const env = githubEnv(forkPullRequest(["hil:safe-to-test"]), "pull_request", {
      HIL_FORK_LABEL: "hil:safe-to-test",
    });
    expect(await forkGate({ env })).toMatchObject({ allowed: true, via: "label" });
    // The label opt-in switched off: the hint tells the administrator what can be set.
    const off = await forkGate({
      env: githubEnv(forkPullRequest(["hil-ok"]), "pull_request", { HIL_FORK_LABEL: "" }),
    });
    expect(off.allowed).toBe(false);
    if (!off.allowed) expect(off.hint).toMatch(/HIL_FORK_LABEL .* or HIL_FORK_ENVIRONMENT/);
  });

  it("lets a fork through when a reviewer approved the configured environment in this run", async () => {
    const approvals: unknown[] = [];
    server = await new FakeServer().route(approvalsRoute(TOKEN, approvals)).start();
    const env = githubEnv(forkPullRequest(), "pull_request", {
      GITHUB_API_URL: server.baseUrl,
      HIL_FORK_ENVIRONMENT: "hil-hardware",
      HIL_GITHUB_TOKEN: TOKEN,
    });
    const refused = await forkGate({ env });
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.why).toMatch(
        /it has no "hil-ok" label, and no reviewer approved environment "hil-hardware" in this run/,
      );
      expect(refused.hint).toMatch(/`environment: hil-hardware`.*a reviewer approves the run/);
    }
    approvals.push({
      state: "approved",
      user: { login: "ada" },
      environments: [{ name: "staging" }],
    });
    expect((await forkGate({ env })).allowed).toBe(false); // another environment's approval
    approvals.push({
      state: "approved",
      user: { login: "grace" },
      environments: [{ name: "hil-hardware" }],
    });
    const d = await forkGate({ env });
    expect(d).toMatchObject({ allowed: true, fork: true, via: "environment", by: "grace" });
    const asked = server.requests.at(-1)!;
    expect(asked.path).toBe("/repos/acme/thermostat-fw/actions/runs/8121934471/approvals");
    expect(asked.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("refuses when the approval cannot be checked, saying why", async () => {
    server = await new FakeServer().route(approvalsRoute(TOKEN, [])).start();
    const base = {
      GITHUB_API_URL: server.baseUrl,
      HIL_FORK_ENVIRONMENT: "hil-hardware",
      HIL_FORK_LABEL: "",
    };
    const noToken = await forkGate({ env: githubEnv(forkPullRequest(), "pull_request", base) });
    expect(noToken.why).toMatch(
      /HIL_GITHUB_TOKEN is not set, so the approval .* cannot be checked/,
    );
    const bad = await forkGate({
      env: githubEnv(forkPullRequest(), "pull_request", { ...base, HIL_GITHUB_TOKEN: "ghs_wrong" }),
    });
    expect(bad.why).toMatch(/GitHub answered 401 .*HIL_GITHUB_TOKEN needs actions: read/);
  });

  it("guards workflow_run jobs that take a fork's build, and opens only by environment", async () => {
    const own = workflowRunEvent("acme/thermostat-fw");
    expect(await forkGate({ env: githubEnv(own, "workflow_run") })).toMatchObject({
      allowed: true,
      fork: false,
    });
    const d = await forkGate({
      env: githubEnv(workflowRunEvent("mallory/thermostat-fw"), "workflow_run"),
    });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.why).toMatch(/workflow_run job for code from the fork mallory\/thermostat-fw/);
      expect(d.hint).toMatch(/HIL_FORK_ENVIRONMENT/);
    }
  });

  it("assertForkAllowed throws a ForkRefusedError with the hint, and warns about a fork let in", async () => {
    const e = await assertForkAllowed({ env: githubEnv(forkPullRequest(), "pull_request") }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ForkRefusedError);
    expect(describeError(e)).toMatch(/no "hil-ok" label[\s\S]*adds the label "hil-ok"/);
    const host = new RecordingHost();
    await assertForkAllowed({
      env: githubEnv(forkPullRequest(["hil-ok"]), "pull_request"),
      host,
    });
    expect(host.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: expect.stringMatching(/allowed by the label "hil-ok"/),
      }),
    );
  });

  it("cannot decide without the event payload", async () => {
    const e = await forkGate({
      env: {
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: "/nonexistent/event.json",
      },
    }).catch((x: unknown) => x);
    expect(describeError(e)).toMatch(/Cannot read the event payload \/nonexistent\/event.json/);
  });
});

describe("the fork merge request rule on GitLab", () => {
  const mr = {
    GITLAB_CI: "true",
    CI_JOB_ID: "9001",
    CI_MERGE_REQUEST_IID: "7",
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: "99",
    CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: "mallory/thermostat-fw",
    CI_MERGE_REQUEST_PROJECT_ID: "42",
    CI_MERGE_REQUEST_PROJECT_PATH: "acme/thermostat-fw",
    GITLAB_USER_LOGIN: "ada",
  };

  it("lets a parent project pipeline for a fork's merge request through (a member started it)", async () => {
    expect(await forkGate({ env: { ...mr, CI_PROJECT_ID: "42" } })).toMatchObject({
      allowed: true,
      fork: true,
      via: "parent-pipeline",
      by: "ada",
    });
  });

  it("refuses the fork's own pipeline and says who can run it in the parent", async () => {
    const d = await forkGate({
      env: { ...mr, CI_PROJECT_ID: "99", CI_PROJECT_PATH: "mallory/thermostat-fw" },
    });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.why).toMatch(/the fork mallory\/thermostat-fw's own pipeline for merge request !7/);
      expect(d.hint).toMatch(/A member of acme\/thermostat-fw .* Run pipeline/);
    }
  });

  it("lets branch and same-project merge request pipelines through", async () => {
    expect(
      await forkGate({
        env: { GITLAB_CI: "true", CI_JOB_ID: "1", CI_PROJECT_ID: "42", CI_PIPELINE_SOURCE: "push" },
      }),
    ).toMatchObject({ allowed: true, fork: false });
    expect(
      await forkGate({
        env: { ...mr, CI_PROJECT_ID: "42", CI_MERGE_REQUEST_SOURCE_PROJECT_ID: "42" },
      }),
    ).toMatchObject({ allowed: true, fork: false });
  });
});
