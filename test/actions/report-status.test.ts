import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseWith, report as reportSchema } from "@hil/contracts";
import { FakeServer, GitHubStatusFake } from "@hil/forge-sim";
import { Journal } from "@hil/journal";
import { acquireLease, type Lease } from "@hil/lease";
import { runAction } from "../helpers/run-action";

const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
const TOKEN = "ghs_Zx8s0mE7okenForTheFakeGitHub00000000";
const RO_TOKEN = "ghs_Zx8s0mE7okenWithoutStatusesWrite0000";

let server: FakeServer | undefined;
const leases: Lease[] = [];
const labs: string[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const l of leases.splice(0)) await l.release();
  for (const d of labs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A runner host's inventory with slot hut-02, and its lease held by `jobId` for `dir`. */
async function heldSlot(jobId: string, dir: string) {
  const root = mkdtempSync(join(tmpdir(), "hil-rs-lab-"));
  labs.push(root);
  const file = join(root, "slots.yaml");
  writeFileSync(
    file,
    `lock_dir: ${join(root, "lock")}\nstate_dir: ${join(root, "state")}\nslots:\n  - id: hut-02\n    label: esp32-hut-02\n    chip: esp32\n    port: /dev/serial/by-id/usb-hut-02\n`,
  );
  const site = { lock_dir: join(root, "lock"), state_dir: join(root, "state"), stale_sec: 30 };
  leases.push(
    await acquireLease(site, "hut-02", {
      holder: { kind: "job", jobId, runner: "esp32-hut-02", jobDir: dir },
    }),
  );
  return file;
}

async function fakeGitHub() {
  const gh = new GitHubStatusFake({
    tokens: { [TOKEN]: { statuses: true, checks: true }, [RO_TOKEN]: { statuses: false } },
    repos: ["acme/thermostat-fw"],
    shas: [SHA],
  });
  server = await new FakeServer().route(...gh.routes()).start();
  return gh;
}

/** A job directory as the job-started hook and the hil steps leave it. */
function jobDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "hil-job-"));
  writeFileSync(
    join(dir, "invocation.json"),
    JSON.stringify({
      schema_version: "ws2.invocation.v1",
      job_id: "gh-8121934471-1-hil",
      target_role: "runner",
      requested_by: "octocat",
      request_utc: new Date(Date.now() - 98_000).toISOString(),
      command: ["hil-flash", "hil-test"],
      timeout_sec: 1800,
      lock_key: "hut-02",
      commit_sha: SHA,
      lane: "local-hil",
      slot: "hut-02",
    }),
  );
  const j = new Journal(join(dir, "journal.jsonl"));
  j.append({ type: "board", step: "hil-flash", chip: "esp32", mac: "24:6f:28:aa:bb:02" });
  j.append({
    type: "step",
    step: "hil-flash",
    status: "success",
    exit_code: 0,
    summary: "flashed",
  });
  j.append({
    type: "tests",
    step: "hil-test",
    counts: { total: 13, passed: 12, failed: 1, ignored: 0 },
    failures: [
      {
        name: "pwm duty follows setpoint",
        file: "components/thermostat/test/test_pwm.c",
        line: 88,
      },
    ],
  });
  j.append({ type: "artifact", step: "hil-test", path: "hil-out/hut-02/junit.xml" });
  j.append({
    type: "step",
    step: "hil-test",
    status: "failed",
    exit_code: 1,
    failure_kind: "test",
    summary: "1 of 13 tests failed",
  });
  return dir;
}

describe("bundled report-status", () => {
  it("publishes the commit status and writes the report and the summary", async () => {
    const gh = await fakeGitHub();
    const dir = jobDir();
    const run = await runAction("report-status", {
      inputs: { "github-token": TOKEN, "job-status": "failure", "check-run": "true" },
      env: { HIL_JOB_DIR: dir, GITHUB_API_URL: server!.baseUrl },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ status: "failed", state: "failure", published: "true" });
    const path = run.outputs["report-path"]!;
    expect(path).toBe(join(run.dir, "hil-out", "hut-02", "ws2-report.json"));
    const report = parseWith(reportSchema, JSON.parse(readFileSync(path, "utf8")), path);
    expect(report).toMatchObject({
      status: "failed",
      exit_code: 1,
      human_summary: "12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02)",
      next_action:
        'Fix "pwm duty follows setpoint" (components/thermostat/test/test_pwm.c:88), then push.',
      artifact_paths: ["hil-out/hut-02/junit.xml"],
      failure_kind: "test",
    });
    expect(gh.statuses).toEqual([
      expect.objectContaining({
        sha: SHA,
        state: "failure",
        context: "hil/hut-02",
        description: "12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02)",
        target_url: "https://github.com/acme/thermostat-fw/actions/runs/8121934471",
        token: TOKEN,
      }),
    ]);
    expect(gh.checkRuns).toEqual([
      expect.objectContaining({ name: "hil/hut-02", conclusion: "failure" }),
    ]);
    expect(run.summary).toContain("12 passed, 1 failed on hut-02");
    expect(run.summary).toContain(
      "| github | commit status | `hil/hut-02` | failure | ✅ posted |",
    );
    // The token is masked first and never appears anywhere else.
    expect(run.stdout.split("\n").find((l) => l.startsWith("::"))).toBe(`::add-mask::${TOKEN}`);
    const mentions = run.stdout.split("\n").filter((l) => l.includes(TOKEN));
    expect(mentions.every((l) => l === `::add-mask::${TOKEN}`)).toBe(true);
    expect(readFileSync(path, "utf8") + run.summary).not.toContain(TOKEN);
  });

  it("a token without statuses: write fails the step with what to do, and the report survives", async () => {
    const gh = await fakeGitHub();
    const dir = jobDir();
    appendFileSync(join(dir, "journal.jsonl"), '{"type":"note","at":"2026-11-21T10:16:'); // torn
    const run = await runAction("report-status", {
      inputs: { "github-token": RO_TOKEN, "report-path": "out/report.json" },
      env: { HIL_JOB_DIR: dir, GITHUB_API_URL: server!.baseUrl },
    });
    expect(run.exitCode).toBe(1);
    expect(gh.statuses).toHaveLength(0);
    expect(run.outputs).toMatchObject({ status: "failed", published: "false" });
    expect(existsSync(join(run.dir, "out", "report.json"))).toBe(true);
    const errors = run.commands.filter((c) => c.command === "error").map((c) => c.message);
    expect(
      errors.some((e) => /GitHub answered 403 .*Resource not accessible by integration/.test(e)),
    ).toBe(true);
    expect(errors.some((e) => /permissions: \{ statuses: write/.test(e))).toBe(true);
    expect(errors.at(-1)).toMatch(
      /The report was written to .*out\/report.json, but the commit status could not be posted/,
    );
    expect(
      run.commands.some((c) => c.command === "warning" && /could not be read/.test(c.message)),
    ).toBe(true);
    expect(run.summary).toContain("❌");
  });

  it("only warns with fail-on-publish-error: false", async () => {
    await fakeGitHub();
    const run = await runAction("report-status", {
      inputs: { "github-token": "ghs_notknownnotknownnotknown", "fail-on-publish-error": "false" },
      env: { HIL_JOB_DIR: jobDir(), GITHUB_API_URL: server!.baseUrl },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.published).toBe("false");
    expect(
      run.commands.some((c) => c.command === "warning" && /could not be posted/.test(c.message)),
    ).toBe(true);
  });

  it("finds the job through the slot's lease when HIL_JOB_DIR did not reach the step", async () => {
    const gh = await fakeGitHub();
    const dir = jobDir();
    const inventory = await heldSlot("gh-8121934471-1-hil@esp32-hut-02", dir);
    const run = await runAction("report-status", {
      inputs: { "github-token": TOKEN },
      env: { HIL_SLOTS: inventory, RUNNER_NAME: "esp32-hut-02", GITHUB_API_URL: server!.baseUrl },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ status: "failed", published: "true" });
    expect(gh.statuses).toEqual([
      expect.objectContaining({ context: "hil/hut-02", state: "failure" }),
    ]);
  });

  it("does not report another job's directory found on the slot", async () => {
    const inventory = await heldSlot("gl-77", jobDir());
    const run = await runAction("report-status", {
      inputs: { "github-token": TOKEN },
      env: { HIL_SLOTS: inventory, HIL_SLOT: "hut-02" },
    });
    expect(run.exitCode).toBe(1);
    const error = run.commands.find((c) => c.command === "error")!;
    expect(error.message).toContain(
      "No job directory to report on: HIL_JOB_DIR is not set, and slot hut-02's lease belongs to gl-77, not this job.",
    );
  });

  it("says where the job directory should come from when there is none", async () => {
    const run = await runAction("report-status", { inputs: { "github-token": TOKEN } });
    expect(run.exitCode).toBe(1);
    const error = run.commands.find((c) => c.command === "error")!;
    expect(error.message).toContain("HIL_JOB_DIR is not set");
    expect(error.message).toContain("job-dir");
  });
});
