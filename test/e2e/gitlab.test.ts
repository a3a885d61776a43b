// The hardware lane end to end on GitLab, as GitLab Runner's shell executor runs it: config.toml's
// pre_build_script (the job-started hook) in the job's shell with the template's script
// (`hil flash "$HIL_BUNDLE_DIR"`, `hil test`) and post_build_script, under `set -eo pipefail`;
// then the template's after_script (`hil hook completed`) in a new shell with CI_JOB_STATUS.
// The bundled CLI and hooks, a simulated board on 127.0.0.1, a local GitLab for the statuses.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FakeServer, GitLabStatusFake } from "@hil/forge-sim";
import { buildTestFirmware, unityRunScript } from "@hil/hut-sim";
import { HilLab } from "@hil/lab";
import { jobDirFor, leaseStatus } from "@hil/lease";
import { example } from "../../runner-hooks/__tests__/helpers";
import { cliDist } from "../helpers/paths";

const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
const FAILING_SHA = "5e1f0c9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";
const TOKEN = "glpat-LabProjectAccessToken0001";

const CONFIG = example("runner/gitlab/config.toml");
const setting = (key: string) =>
  JSON.parse(new RegExp(`^\\s*${key} = (".*")$`, "m").exec(CONFIG)![1]!) as string;
const TEMPLATE = parse(example("gitlab/hil.gitlab-ci.yml")) as Record<
  string,
  { script: string[]; after_script: string[] }
>;

let lab: HilLab;
let server: FakeServer;
let gl: GitLabStatusFake;
let bin: string;

beforeAll(async () => {
  lab = await HilLab.start({ slots: 1 });
  gl = new GitLabStatusFake({ tokens: { [TOKEN]: { write: true } }, shas: [SHA, FAILING_SHA] });
  server = await new FakeServer().route(...gl.routes()).start();
  bin = join(lab.work, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "hil"), `#!/bin/sh\nexec "${lab.node}" "${cliDist}" "$@"\n`);
  chmodSync(join(bin, "hil"), 0o755);
});
afterAll(async () => {
  await server?.stop();
  await lab?.close();
});

let nextJob = 6100;

/**
 * One `.hil-test` job for `sha` whose `needs:` brought the bundle job's `hil bundle` output into
 * the project dir; resolves with the main shell's and after_script's exit codes and output.
 */
async function gitlabJob(sha: string, writeBuild: (dir: string) => void) {
  const id = ++nextJob;
  const projectDir = mkdtempSync(join(lab.work, "builds-"));
  const buildDir = join(projectDir, "build");
  mkdirSync(buildDir);
  writeBuild(buildDir);
  execFileSync(lab.node, [
    cliDist,
    "bundle",
    buildDir,
    "--out",
    join(projectDir, "fw"),
    "--sha",
    sha,
  ]);
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: process.env.HOME ?? lab.work,
    LANG: "C.UTF-8",
    // The runner's config.toml `environment`.
    HIL_SLOTS: lab.inventoryFile,
    HIL_NODE: lab.node,
    HIL_GITLAB_TOKEN: TOKEN,
    HIL_SIM_HA_TOKEN: lab.sim.token,
    // What GitLab sets.
    CI: "true",
    GITLAB_CI: "true",
    CI_SERVER_URL: server.baseUrl,
    CI_API_V4_URL: `${server.baseUrl}/api/v4`,
    CI_PROJECT_ID: "42",
    CI_PROJECT_PATH: "acme/thermostat-fw",
    CI_PROJECT_DIR: projectDir,
    CI_COMMIT_SHA: sha,
    CI_COMMIT_REF_NAME: "main",
    CI_PIPELINE_ID: "5150",
    CI_PIPELINE_SOURCE: "push",
    CI_JOB_ID: String(id),
    CI_JOB_NAME: "hil",
    CI_JOB_URL: `https://gitlab.example.com/acme/thermostat-fw/-/jobs/${id}`,
    CI_JOB_TIMEOUT: "600",
    CI_RUNNER_ID: "17",
    CI_RUNNER_DESCRIPTION: "lab-a hut-01",
    CI_RUNNER_TAGS: '["esp32-hut", "esp32-hut-01"]',
    GITLAB_USER_LOGIN: "ada",
    // The template's variables.
    HIL_BUNDLE_DIR: "fw",
  };
  const shell = (script: string, extra: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      let out = "";
      const child = execFile(script, { ...env, ...extra }, projectDir);
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? 1, out }));
    });
  const main = await shell(
    [
      "set -eo pipefail",
      setting("pre_build_script"),
      ...TEMPLATE[".hil-test"]!.script,
      setting("post_build_script"),
    ].join("\n"),
  );
  const after = await shell(
    ["set -eo pipefail", ...TEMPLATE[".hil-test"]!.after_script].join("\n"),
    { CI_JOB_STATUS: main.code === 0 ? "success" : "failed" },
  );
  const report = JSON.parse(
    readFileSync(join(jobDirFor(lab.inventory, `gl-${id}`), "report.json"), "utf8"),
  ) as Record<string, unknown>;
  return { main, after, report };
}

function execFile(script: string, env: NodeJS.ProcessEnv, cwd: string) {
  return spawn("bash", ["-c", script], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
}

describe("a GitLab Runner (shell executor) hardware job, end to end", () => {
  it("flashes and tests the bundle with the template's script; pending, then success", async () => {
    const { main, after, report } = await gitlabJob(SHA, (dir) =>
      buildTestFirmware({
        dir,
        script: unityRunScript([{ name: "reads the sensor", result: "pass" }]),
        projectName: "thermostat",
      }),
    );
    expect(main.code, main.out).toBe(0);
    expect(main.out).toMatch(/Wrote \d+ bytes/);
    expect(after.code, after.out).toBe(0);
    expect(report).toMatchObject({ status: "success", commit_sha: SHA, slot: "hut-01" });
    expect(gl.transitions).toContain(`hil/hut-01@${SHA.slice(0, 8)}: pending → success`);
    expect(leaseStatus(lab.inventory, "hut-01").state).toBe("free");
  });

  it("a failing test fails the script; after_script reports failed and frees the slot", async () => {
    const { main, after, report } = await gitlabJob(FAILING_SHA, (dir) =>
      buildTestFirmware({
        dir,
        script: unityRunScript([
          { name: "reads the sensor", result: "pass" },
          { name: "holds the setpoint", result: "fail", message: "Expected 21 Was 23" },
        ]),
        projectName: "thermostat",
      }),
    );
    expect(main.code).not.toBe(0);
    expect(main.out).toMatch(/Expected 21 Was 23/);
    expect(after.code, after.out).toBe(0);
    expect(report).toMatchObject({ status: "failed", commit_sha: FAILING_SHA });
    expect(gl.transitions).toContain(`hil/hut-01@${FAILING_SHA.slice(0, 8)}: pending → failed`);
    expect(leaseStatus(lab.inventory, "hut-01").state).toBe("free");
  });
});
