import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import yazl from "yazl";
import { BUNDLE_ENV, fetchBundle, GitHubSource, GitLabSource, sourceFromEnv } from "@hil/bundle";
import { FakeServer, GitLabArtifactsFake } from "@hil/forge-sim";
import { RecordingHost } from "@hil/host";
import { Scratch, SHA } from "../packages/bundle/__tests__/helpers/bundles";
import { makeIdfBuild } from "../packages/bundle/__tests__/helpers/idf-fixture";
import { bundleNode, cliDist, ROOT } from "./helpers/paths";

// The example pipelines are documentation people copy: check that every action, input, output,
// variable and path they use exists and lines up, and run the GitLab template's contract.
type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (p: string): Yaml => parse(readFileSync(join(ROOT, "examples", p), "utf8")) as Yaml;
const actionYml = (name: string): Yaml =>
  parse(readFileSync(join(ROOT, "actions", name, "action.yml"), "utf8")) as Yaml;

describe("examples/github", () => {
  const files = readdirSync(join(ROOT, "examples", "github"));

  it.each(files)("%s uses only our actions' real inputs", (file) => {
    const wf = read(`github/${file}`);
    for (const job of Object.values<Yaml>(wf.jobs)) {
      for (const step of job.steps ?? []) {
        const m = /^org\/hil-actions\/actions\/([a-z-]+)@v1$/.exec(step.uses ?? "");
        if (!m) continue;
        const inputs = Object.keys(actionYml(m[1]!).inputs ?? {});
        for (const key of Object.keys(step.with ?? {}))
          expect(inputs, `${file}: ${m[1]} ${key}`).toContain(key);
      }
      for (const key of Object.keys(job.env ?? {}))
        if (key.startsWith("HIL_")) expect(BUNDLE_ENV, `${file}: ${key}`).toContain(key);
    }
  });

  it("lane-split: build on GitHub-hosted, hil on self-hosted boards, needs: build, SHA passed on", () => {
    const wf = read("github/lane-split.yml");
    const { build, hil } = wf.jobs;
    expect(build["runs-on"]).toBe("ubuntu-latest");
    const bundleStep = build.steps.find((s: Yaml) => s.id === "bundle");
    expect(bundleStep.uses).toBe("org/hil-actions/actions/build@v1");
    const outputs = Object.keys(actionYml("build").outputs);
    for (const v of Object.values<string>(build.outputs)) {
      const out = /steps\.bundle\.outputs\.([a-z-]+)/.exec(v)![1]!;
      expect(outputs).toContain(out);
    }
    expect(hil.needs).toBe("build");
    expect(hil["runs-on"]).toEqual(["self-hosted", "esp32-hut"]);
    expect(hil.env.HIL_SHA).toBe("${{ needs.build.outputs.sha }}");
    expect(hil.if).toMatch(/head\.repo\.full_name == github\.repository/);
    expect(wf.permissions.actions).toBe("read");
  });

  it("workflow-run: follows the build workflow by name and uses the built commit, not GITHUB_SHA", () => {
    const wf = read("github/workflow-run.yml");
    expect(wf.on.workflow_run.workflows).toEqual([read("github/build.yml").name]);
    const { hil } = wf.jobs;
    expect(hil.env.HIL_SHA).toBe("${{ github.event.workflow_run.head_sha }}");
    expect(hil.env.HIL_BUNDLE_RUN_ID).toBe("${{ github.event.workflow_run.id }}");
    expect(hil.env.HIL_BUNDLE_TARGET).toBe(
      read("github/build.yml").jobs.build.strategy.matrix.target[0],
    );
    expect(hil.if).toMatch(/conclusion == 'success'/);
    expect(hil.if).toMatch(/head_repository\.full_name == github\.repository/);
  });

  it("the hardware job's environment resolves to the build's artifact", async () => {
    const { source, sha } = sourceFromEnv({
      env: {
        GITHUB_ACTIONS: "true",
        GITHUB_REPOSITORY: "acme/thermostat-fw",
        GITHUB_SHA: "0000000000000000000000000000000000000000", // workflow_run: the default branch
        GITHUB_API_URL: "https://api.github.com",
        GITHUB_TOKEN: "ghs_x",
        HIL_SHA: SHA,
        HIL_BUNDLE_RUN_ID: "8121934470",
        HIL_BUNDLE_TARGET: "esp32",
      },
    });
    expect(source).toBeInstanceOf(GitHubSource);
    expect(sha).toBe(SHA);
    expect(source.describe(sha)).toBe(
      `GitHub artifact "fw-${SHA}-esp32" in workflow run 8121934470 of acme/thermostat-fw`,
    );
  });
});

describe("examples/gitlab", () => {
  const tpl = read("gitlab/hil.gitlab-ci.yml");
  const pipeline = read("gitlab/gitlab-ci.example.yml");
  const scratch = new Scratch();
  const server = new FakeServer();
  const fake = new GitLabArtifactsFake();
  beforeAll(async () => {
    server.route(...fake.routes());
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    scratch.cleanup();
  });

  it("builds on shared runners and tests on runners tagged esp32-hut", () => {
    expect(tpl[".hil-idf-build"].tags).toBeUndefined();
    expect(tpl[".hil-bundle"].tags).toBeUndefined();
    expect(tpl[".hil-test"].tags).toEqual(["esp32-hut"]);
    expect(tpl[".hil-test"].stage).toBe("hil");
    expect(pipeline.stages).toEqual(["build", "hil"]);
    for (const [name, job] of Object.entries<Yaml>(pipeline)) {
      if (job?.extends) expect(tpl, name).toHaveProperty([job.extends]);
    }
    expect(pipeline.bundle.needs).toEqual(["build"]);
    expect(pipeline.hil.needs).toEqual([{ job: "bundle", artifacts: true }]);
  });

  it("keeps as artifacts what the bundle step writes, and passes the dotenv on", () => {
    const job = tpl[".hil-bundle"];
    const cmd = job.script.find((l: string) => l.includes(" bundle "));
    expect(cmd).toContain('--out "$HIL_BUNDLE_DIR"');
    expect(job.artifacts.paths).toEqual(["${HIL_BUNDLE_DIR}/"]);
    expect(cmd).toContain(`--dotenv ${job.artifacts.reports.dotenv}`);
    expect(tpl[".hil-test"].script).toContain('hil flash "$HIL_BUNDLE_DIR"');
    expect(tpl[".hil-test"].rules[0].if).toMatch(
      /CI_MERGE_REQUEST_SOURCE_PROJECT_ID != \$CI_PROJECT_ID/,
    );
  });

  it("runs the template's contract: hil bundle in the bundle job, fetch by HIL_BUNDLE_JOB_ID in the hil job", async () => {
    // The bundle job: `node hil.mjs bundle build --out fw-bundle --sha $CI_COMMIT_SHA --dotenv
    // hil-bundle.env`, with the bundled CLI on the runner's Node.
    const project = scratch.dir("gl-project-");
    makeIdfBuild(join(project, tpl.variables.HIL_BUILD_DIR));
    const jobId = 700_001; // the fake's first job id
    const cmd = tpl[".hil-bundle"].script.find((l: string) => l.includes(" bundle ")) as string;
    const args = cmd
      .replace(/^node \/tmp\/hil\.mjs /, "")
      .replace(/"\$(\w+)"|\$(\w+)/g, (_m, a?: string, b?: string) => {
        const v = a ?? b!;
        return v === "CI_COMMIT_SHA" ? SHA : tpl.variables[v];
      })
      .split(" ");
    const res = spawnSync(bundleNode(), [cliDist, ...args], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        CI_JOB_ID: String(jobId),
        CI_PROJECT_PATH: "acme/thermostat-fw",
      },
      encoding: "utf8",
    });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain(`Bundle fw-${SHA} for ${SHA}`);
    // GitLab Runner archives `artifacts: paths: [fw-bundle/]` relative to the project dir.
    const zip = new yazl.ZipFile();
    const dir = join(project, tpl.variables.HIL_BUNDLE_DIR);
    for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) {
        const abs = join(e.parentPath, e.name);
        zip.addFile(abs, abs.slice(project.length + 1));
      }
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    const job = fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: Buffer.concat(chunks) });
    expect(job.id).toBe(jobId);

    // The hil job: the dotenv's variables plus GitLab's own.
    const dotenv = Object.fromEntries(
      readFileSync(join(project, "hil-bundle.env"), "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split("=") as [string, string]),
    );
    const { source, sha } = sourceFromEnv({
      env: {
        GITLAB_CI: "true",
        CI_SERVER_URL: server.baseUrl,
        CI_PROJECT_ID: "42",
        CI_COMMIT_REF_NAME: "main",
        CI_COMMIT_SHA: SHA,
        CI_JOB_TOKEN: fake.jobToken,
        ...dotenv,
      },
    });
    expect(source).toBeInstanceOf(GitLabSource);
    const h = await fetchBundle({ source, sha, host: new RecordingHost() });
    expect(h.digest).toBe(dotenv.HIL_BUNDLE_DIGEST);
    expect(server.requests.at(-1)!.path).toBe(`/api/v4/projects/42/jobs/${jobId}/artifacts`);
    await h.release();
  });
});
