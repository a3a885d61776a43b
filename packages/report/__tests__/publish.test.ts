import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseWith, report as reportSchema } from "@hil/contracts";
import { FakeServer, GitHubStatusFake, GitLabStatusFake, jsonBody } from "@hil/forge-sim";
import { RecordingHost } from "@hil/host";
import { finishJob, publishPending } from "../src/finish";
import type { GitHubTarget, GitLabTarget } from "../src/forge";
import { failingJournal, invocation, jobDir, SHA } from "./jobdir";

const TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
const RO_TOKEN = "ghs_readonlyReadonlyReadonly0123456789";
const GL_TOKEN = "glpat-AbCdEfGhIjKlMnOpQrSt";
const NOW = new Date("2026-11-21T10:16:40Z");
const FAST = { delaysMs: [1, 1], timeoutMs: 10_000 };

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function github(opts: Partial<ConstructorParameters<typeof GitHubStatusFake>[0]> = {}) {
  const gh = new GitHubStatusFake({
    tokens: { [TOKEN]: { statuses: true, checks: true }, [RO_TOKEN]: { statuses: false } },
    repos: ["acme/thermostat-fw"],
    shas: [SHA],
    ...opts,
  });
  server = await new FakeServer().route(...gh.routes()).start();
  const target = (over: Partial<GitHubTarget> = {}): GitHubTarget => ({
    kind: "github",
    apiUrl: server!.baseUrl,
    repository: "acme/thermostat-fw",
    token: TOKEN,
    targetUrl: "https://github.com/acme/thermostat-fw/actions/runs/8121934471",
    ...over,
  });
  return { gh, target };
}

async function gitlab() {
  const gl = new GitLabStatusFake({
    tokens: { [GL_TOKEN]: { write: true }, "glpat-reporter-000000": { write: false } },
    projects: ["42"],
    shas: [SHA],
  });
  server = await new FakeServer().route(...gl.routes()).start();
  const target = (over: Partial<GitLabTarget> = {}): GitLabTarget => ({
    kind: "gitlab",
    url: server!.baseUrl,
    projectId: "42",
    token: GL_TOKEN,
    targetUrl: "https://gitlab.example.com/acme/fw/-/jobs/991",
    pipelineId: 77,
    ...over,
  });
  return { gl, target };
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("publishing to GitHub", () => {
  it("posts the commit status for the SHA with state, context, description and run link", async () => {
    const { gh, target } = await github();
    const host = new RecordingHost();
    const dir = jobDir(invocation(), failingJournal());
    const res = await finishJob({ jobDir: dir, host, forge: target(), now: NOW, retry: FAST });
    expect(res.publishFailed).toBe(false);
    expect(gh.statuses).toHaveLength(1);
    expect(gh.statuses[0]).toMatchObject({
      sha: SHA,
      state: "failure",
      context: "hil/hut-02",
      description:
        "12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02) after 1 power cycle",
      target_url: "https://github.com/acme/thermostat-fw/actions/runs/8121934471",
      token: TOKEN,
    });
    // The report is on disk and in the summary, and the token is nowhere.
    const onDisk = JSON.parse(readFileSync(res.reportPath, "utf8"));
    expect(parseWith(reportSchema, onDisk, "report.json")).toEqual(res.report);
    expect(host.summary).toContain("12 passed, 1 failed on hut-02");
    expect(host.summary).toContain(
      "| github | commit status | `hil/hut-02` | failure | ✅ posted |",
    );
    expect(
      JSON.stringify({
        lines: host.lines,
        s: host.summary,
        f: readFileSync(res.reportPath, "utf8"),
      }),
    ).not.toContain(TOKEN);
  });

  it("maps each status to GitHub's states, a lab failure being an error", async () => {
    const { gh, target } = await github();
    const post = async (entries: Parameters<typeof jobDir>[1], cancel = false) => {
      const dir = jobDir(invocation(), entries);
      if (cancel) (await import("node:fs")).writeFileSync(join(dir, "cancel"), "");
      await finishJob({
        jobDir: dir,
        host: new RecordingHost(),
        forge: target(),
        now: NOW,
        retry: FAST,
      });
      return gh.statuses.at(-1)!.state;
    };
    const ok = {
      type: "step",
      step: "hil-test",
      status: "success",
      exit_code: 0,
      summary: "13 tests passed",
    } as const;
    expect(await post([ok])).toBe("success");
    expect(await post(failingJournal())).toBe("failure");
    expect(
      await post([
        {
          ...ok,
          status: "failed",
          exit_code: 1,
          failure_kind: "infrastructure",
          summary: "lost the console",
        },
      ]),
    ).toBe("error");
    expect(
      await post([
        { ...ok, status: "timeout", exit_code: 124, failure_kind: "test", summary: "timed out" },
      ]),
    ).toBe("failure");
    expect(await post([ok], true)).toBe("error");
  });

  it("cuts the description to GitHub's 140 characters", async () => {
    const { gh, target } = await github();
    const long = "x".repeat(300);
    const dir = jobDir(invocation(), [
      { type: "step", step: "hil-test", status: "failed", exit_code: 1, summary: long },
    ]);
    const res = await finishJob({
      jobDir: dir,
      host: new RecordingHost(),
      forge: target(),
      now: NOW,
      retry: FAST,
    });
    expect(res.publishFailed).toBe(false);
    expect(gh.statuses[0]!.description).toHaveLength(140);
    expect(gh.statuses[0]!.description!.endsWith("…")).toBe(true);
    // The report itself keeps the whole summary.
    expect(res.report.human_summary).toContain(long);
  });

  it("creates a check run with the summary when asked", async () => {
    const { gh, target } = await github();
    const dir = jobDir(invocation(), failingJournal());
    const res = await finishJob({
      jobDir: dir,
      host: new RecordingHost(),
      forge: target({ checkRun: true }),
      now: NOW,
      retry: FAST,
    });
    expect(res.outcomes.map((o) => [o.what, o.ok, o.state])).toEqual([
      ["commit status", true, "failure"],
      ["check run", true, "failure"],
    ]);
    expect(gh.checkRuns[0]).toMatchObject({
      name: "hil/hut-02",
      head_sha: SHA,
      status: "completed",
      conclusion: "failure",
      details_url: "https://github.com/acme/thermostat-fw/actions/runs/8121934471",
    });
    expect(gh.checkRuns[0]!.output?.summary).toContain('**Next:** Fix "test_pwm_duty"');
  });

  it("posts pending when the job claims the slot, with a custom context", async () => {
    const { gh, target } = await github();
    const out = await publishPending(invocation(), new RecordingHost(), {
      forge: target(),
      context: "hw/esp32",
      retry: FAST,
    });
    expect(out).toEqual([
      expect.objectContaining({ ok: true, state: "pending", context: "hw/esp32" }),
    ]);
    expect(gh.statuses[0]).toMatchObject({
      state: "pending",
      context: "hw/esp32",
      description: "hardware test running on hut-02 since 2026-11-21T10:15:02Z",
    });
  });

  it.each([
    [
      "401 (bad token)",
      { token: "ghs_wrongwrongwrongwrong" },
      401,
      /token was refused/,
      /github-token input|HIL_GITHUB_TOKEN/,
    ],
    [
      "403 (no statuses: write)",
      { token: RO_TOKEN },
      403,
      /may not do this/,
      /permissions: \{ statuses: write/,
    ],
    [
      "404 (unknown repository)",
      { repository: "acme/other" },
      404,
      /repository was not found/,
      /GITHUB_REPOSITORY/,
    ],
  ])("reports %s and keeps the report", async (_name, over, status, says, hint) => {
    const { gh, target } = await github();
    const host = new RecordingHost();
    const dir = jobDir(invocation(), failingJournal());
    const res = await finishJob({
      jobDir: dir,
      host,
      forge: target(over as Partial<GitHubTarget>),
      now: NOW,
      retry: FAST,
    });
    expect(gh.statuses).toHaveLength(0);
    expect(res.publishFailed).toBe(true);
    expect(res.outcomes[0]).toMatchObject({ ok: false, httpStatus: status });
    expect(res.outcomes[0]!.error).toMatch(says);
    expect(res.outcomes[0]!.hint).toMatch(hint);
    expect(existsSync(res.reportPath)).toBe(true);
    const errors = host.lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(says);
    expect(host.summary).toContain("❌");
    expect(host.text()).not.toContain("ghs_wrongwrongwrongwrong");
  });

  it("reports 422 for a commit GitHub does not have", async () => {
    const { target } = await github({ shas: ["0".repeat(40)] });
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host: new RecordingHost(),
      forge: target(),
      now: NOW,
      retry: FAST,
    });
    expect(res.outcomes[0]).toMatchObject({ ok: false, httpStatus: 422 });
    expect(res.outcomes[0]!.error).toContain(`No commit found for SHA: ${SHA}`);
    expect(res.outcomes[0]!.hint).toMatch(/commit SHA must exist/);
  });

  it("a check run refused for want of checks: write is reported, the status still posted", async () => {
    const { gh, target } = await github({ tokens: { [TOKEN]: { statuses: true, checks: false } } });
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host: new RecordingHost(),
      forge: target({ checkRun: true }),
      now: NOW,
      retry: FAST,
    });
    expect(gh.statuses).toHaveLength(1);
    expect(res.outcomes[1]).toMatchObject({ what: "check run", ok: false, httpStatus: 403 });
    expect(res.outcomes[1]!.hint).toContain("checks: write");
  });

  it("reports a forge it cannot reach (connection refused), after retrying", async () => {
    const port = await deadPort();
    const host = new RecordingHost();
    const dir = jobDir(invocation(), failingJournal());
    const res = await finishJob({
      jobDir: dir,
      host,
      forge: {
        kind: "github",
        apiUrl: `http://127.0.0.1:${port}`,
        repository: "acme/thermostat-fw",
        token: TOKEN,
      },
      now: NOW,
      retry: FAST,
    });
    expect(res.outcomes[0]).toMatchObject({ ok: false });
    expect(res.outcomes[0]!.httpStatus).toBeUndefined();
    expect(res.outcomes[0]!.error).toMatch(
      new RegExp(`Could not reach GitHub at http://127.0.0.1:${port}.*ECONNREFUSED`),
    );
    expect(res.outcomes[0]!.hint).toMatch(/network/);
    expect(existsSync(res.reportPath)).toBe(true);
  });

  it("retries a 5xx and then succeeds", async () => {
    const gh = new GitHubStatusFake({ tokens: { [TOKEN]: {} } });
    let calls = 0;
    const routes = gh.routes();
    server = await new FakeServer()
      .route({
        method: "POST",
        pattern: "/repos/:owner/:repo/statuses/:sha",
        handler: (ctx) =>
          ++calls === 1
            ? { status: 502, body: { message: "Bad Gateway" } }
            : routes[0]!.handler(ctx),
      })
      .start();
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host: new RecordingHost(),
      forge: {
        kind: "github",
        apiUrl: server.baseUrl,
        repository: "acme/thermostat-fw",
        token: TOKEN,
      },
      now: NOW,
      retry: FAST,
    });
    expect(calls).toBe(2);
    expect(res.publishFailed).toBe(false);
    expect(gh.statuses).toHaveLength(1);
  });

  it("without a token says where to put one", async () => {
    const { target } = await github();
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host: new RecordingHost(),
      forge: target({ token: undefined }),
      now: NOW,
    });
    expect(res.outcomes[0]).toMatchObject({ ok: false });
    expect(res.outcomes[0]!.hint).toContain("HIL_GITHUB_TOKEN");
  });
});

describe("publishing to GitLab", () => {
  it("posts the commit status with Commits.editStatus and a project token", async () => {
    const { gl, target } = await gitlab();
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host: new RecordingHost(),
      forge: target(),
      now: NOW,
      retry: FAST,
    });
    expect(res.publishFailed).toBe(false);
    expect(gl.statuses[0]).toMatchObject({
      sha: SHA,
      status: "failed",
      name: "hil/hut-02",
      description:
        "12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02) after 1 power cycle",
      target_url: "https://gitlab.example.com/acme/fw/-/jobs/991",
      pipeline_id: 77,
      token: GL_TOKEN,
    });
    const req = server!.requests[0]!;
    expect(req.headers["private-token"]).toBe(GL_TOKEN);
    expect(jsonBody(req)).toMatchObject({ state: "failed", name: "hil/hut-02" });
  });

  it("goes pending → success, and posting pending twice is not an error", async () => {
    const { gl, target } = await gitlab();
    const host = new RecordingHost();
    expect(
      (await publishPending(invocation(), host, { forge: target(), retry: FAST }))[0]!.ok,
    ).toBe(true);
    const again = await publishPending(invocation(), host, { forge: target(), retry: FAST });
    expect(again[0]).toMatchObject({ ok: true, httpStatus: 400 });
    const ok = {
      type: "step",
      step: "hil-test",
      status: "success",
      exit_code: 0,
      summary: "13 tests passed",
    } as const;
    await finishJob({
      jobDir: jobDir(invocation(), [ok]),
      host,
      forge: target(),
      now: NOW,
      retry: FAST,
    });
    expect(gl.transitions).toEqual([
      "hil/hut-02@9fceb02d: pending",
      "hil/hut-02@9fceb02d: pending → success",
    ]);
    expect(gl.latest(SHA, "hil/hut-02")!.status).toBe("success");
  });

  it("maps cancelled to canceled", async () => {
    const { gl, target } = await gitlab();
    const dir = jobDir(invocation(), []);
    (await import("node:fs")).writeFileSync(join(dir, "cancel"), "");
    await finishJob({
      jobDir: dir,
      host: new RecordingHost(),
      forge: target(),
      now: NOW,
      retry: FAST,
    });
    expect(gl.statuses[0]!.status).toBe("canceled");
  });

  it.each([
    ["401", { token: "glpat-nope-nope-nope-nope" }, 401, /token was refused/],
    ["403 (Reporter token)", { token: "glpat-reporter-000000" }, 403, /may not do this/],
    ["404 (unknown project)", { projectId: "43" }, 404, /not found/],
  ])("reports %s and keeps the report", async (_n, over, status, says) => {
    const { gl, target } = await gitlab();
    const host = new RecordingHost();
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host,
      forge: target(over),
      now: NOW,
      retry: FAST,
    });
    expect(gl.statuses).toHaveLength(0);
    expect(res.outcomes[0]).toMatchObject({ ok: false, httpStatus: status });
    expect(res.outcomes[0]!.error).toMatch(says);
    expect(existsSync(res.reportPath)).toBe(true);
    expect(host.lines.some((l) => l.level === "error")).toBe(true);
  });

  it("reports a GitLab it cannot reach", async () => {
    const port = await deadPort();
    const res = await finishJob({
      jobDir: jobDir(invocation(), failingJournal()),
      host: new RecordingHost(),
      forge: { kind: "gitlab", url: `http://127.0.0.1:${port}`, projectId: "42", token: GL_TOKEN },
      now: NOW,
      retry: FAST,
    });
    expect(res.outcomes[0]!.error).toMatch(/Could not reach GitLab .*ECONNREFUSED/);
  });
});

describe("finishJob without a forge", () => {
  it("writes the report and the summary and publishes nothing", async () => {
    const host = new RecordingHost();
    const dir = jobDir(invocation(), failingJournal());
    const res = await finishJob({ jobDir: dir, host, forge: null, now: NOW });
    expect(res.outcomes).toEqual([]);
    expect(res.reportPath).toBe(join(dir, "report.json"));
    expect(JSON.parse(readFileSync(res.reportPath, "utf8")).status).toBe("failed");
  });

  it("reports from the CI environment when invocation.json is gone", async () => {
    const host = new RecordingHost();
    const dir = jobDir(null, failingJournal());
    const res = await finishJob({
      jobDir: dir,
      host,
      forge: null,
      now: NOW,
      env: {
        GITHUB_RUN_ID: "55",
        GITHUB_RUN_ATTEMPT: "2",
        GITHUB_JOB: "hil",
        HIL_SLOT: "hut-02",
        GITHUB_SHA: SHA,
      },
    });
    expect(res.report).toMatchObject({
      job_id: "gh-55-2-hil",
      lock_key: "hut-02",
      commit_sha: SHA,
      status: "failed",
    });
    expect(host.lines.find((l) => l.level === "warn")!.message).toContain(
      "invocation.json is missing",
    );
  });

  it("refuses a missing job directory with what to do", async () => {
    await expect(
      finishJob({ jobDir: "/nonexistent/hil/job", host: new RecordingHost(), forge: null }),
    ).rejects.toThrow(/job directory \/nonexistent\/hil\/job does not exist/);
  });
});
