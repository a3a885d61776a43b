import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeServer, GitHubStatusFake, GitLabStatusFake } from "@hil/forge-sim";
import { reportCommand, EXIT_PUBLISH_FAILED } from "../src/commands/report";
import { main } from "../src/program";
import { failingJournal, invocation, jobDir, SHA } from "../../report/__tests__/jobdir";

const TOKEN = "ghs_cliTokenCliTokenCliTokenCliToken0000";
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  vi.restoreAllMocks();
});

const quiet = () => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
};

describe("hil report", () => {
  it("writes the report without publishing (--no-publish) and exits 0", async () => {
    quiet();
    const dir = jobDir(invocation(), failingJournal());
    const code = await main(["report", "--job-dir", dir, "--no-publish"]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(report).toMatchObject({ status: "failed", slot: "hut-02", tests: { failed: 1 } });
  });

  it("publishes to GitHub with the host's token and exits 2 when the forge refuses", async () => {
    quiet();
    const gh = new GitHubStatusFake({ tokens: { [TOKEN]: {} }, shas: [SHA] });
    server = await new FakeServer().route(...gh.routes()).start();
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: "acme/thermostat-fw",
      GITHUB_API_URL: server.baseUrl,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: "8121934471",
      HIL_GITHUB_TOKEN: TOKEN,
    };
    const dir = jobDir(invocation(), failingJournal());
    expect(await reportCommand({ jobDir: dir, publish: true }, env)).toBe(0);
    expect(gh.statuses[0]).toMatchObject({ state: "failure", context: "hil/hut-02", token: TOKEN });

    expect(
      await reportCommand({ jobDir: dir, publish: true, pending: true, context: "hw" }, env),
    ).toBe(0);
    expect(gh.statuses[1]).toMatchObject({ state: "pending", context: "hw" });

    const refused = await reportCommand(
      { jobDir: dir, publish: true },
      { ...env, HIL_GITHUB_TOKEN: "ghs_revoked_revoked_revoked" },
    );
    expect(refused).toBe(EXIT_PUBLISH_FAILED);
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).status).toBe("failed");
  });

  it("publishes to GitLab from a GitLab job's environment", async () => {
    quiet();
    const gl = new GitLabStatusFake({ tokens: { "glpat-cli-cli-cli-cli": {} } });
    server = await new FakeServer().route(...gl.routes()).start();
    const env = {
      GITLAB_CI: "true",
      CI_SERVER_URL: server.baseUrl,
      CI_PROJECT_ID: "42",
      CI_JOB_URL: "https://gitlab.example.com/acme/fw/-/jobs/7",
      HIL_GITLAB_TOKEN: "glpat-cli-cli-cli-cli",
    };
    const dir = jobDir(invocation(), failingJournal());
    expect(await reportCommand({ jobDir: dir, publish: true }, env)).toBe(0);
    expect(gl.statuses[0]).toMatchObject({
      status: "failed",
      name: "hil/hut-02",
      target_url: "https://gitlab.example.com/acme/fw/-/jobs/7",
    });
  });

  it("says what is missing", async () => {
    quiet();
    await expect(reportCommand({ publish: false }, {})).rejects.toThrow(
      /--job-dir or set HIL_JOB_DIR/,
    );
    const dir = jobDir(invocation(), []);
    await expect(
      reportCommand({ jobDir: dir, publish: false, jobStatus: "ok" }, {}),
    ).rejects.toThrow(/--job-status must be success, failure or cancelled/);
  });
});
