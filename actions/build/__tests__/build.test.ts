import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { BundleCache, fetchBundle, GitHubSource } from "@hil/bundle";
import { FakeServer, GitHubArtifactsFake } from "@hil/forge-sim";
import { RecordingHost } from "@hil/host";
import {
  runAction as runBundled,
  type ActionRun,
  type RunOptions,
} from "../../../test/helpers/run-action";
import { Scratch, SHA } from "../../../packages/bundle/__tests__/helpers/bundles";
import { makeIdfBuild } from "../../../packages/bundle/__tests__/helpers/idf-fixture";

// The upstream lane end to end: the bundled action (run as the runner runs it) builds and
// uploads through @actions/artifact to a fake Actions results service + blob storage; the
// hardware lane then finds fw-<sha> through the REST API, follows the 302, verifies, caches.
const RUN_ID = 8121934471;
const runDirs: string[] = [];
/** Run the bundled action, and remove its RUNNER_TEMP afterwards. */
async function runAction(name: string, opts: RunOptions): Promise<ActionRun> {
  const r = await runBundled(name, opts);
  runDirs.push(r.dir);
  return r;
}
const scratch = new Scratch();
const server = new FakeServer();
const fake = new GitHubArtifactsFake();
let run: ActionRun;
let workspace: string;

beforeAll(async () => {
  server.route(...fake.routes());
  await server.start();
  workspace = scratch.dir("gha-ws-");
  makeIdfBuild(join(workspace, "fw", "build"));
  const { runtimeToken } = fake.run({ id: RUN_ID, headSha: SHA });
  run = await runAction("build", {
    cwd: workspace,
    inputs: {
      "working-directory": "fw",
      command: "echo compiling thermostat && test -f build/flasher_args.json",
      "retention-days": "5",
    },
    env: {
      GITHUB_WORKSPACE: workspace,
      GITHUB_SHA: SHA,
      GITHUB_API_URL: server.baseUrl,
      ACTIONS_RESULTS_URL: `${server.baseUrl}/`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken,
    },
    timeoutMs: 120_000,
  });
}, 180_000);
afterAll(async () => {
  await server.stop();
  scratch.cleanup();
  for (const d of runDirs) rmSync(d, { recursive: true, force: true });
});

function zipNames(zip: Buffer): Promise<string[]> {
  return yauzl.fromBufferPromise(zip).then(async (z) => {
    const names: string[] = [];
    for await (const e of z.eachEntry()) names.push(e.fileName);
    return names;
  });
}

describe("actions/build (bundled, on the runner's Node)", () => {
  it("runs the build command, packages the build dir and uploads fw-<sha>", async () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("compiling thermostat");
    const art = fake.artifacts.find((a) => a.name === `fw-${SHA}`)!;
    expect(art).toBeDefined();
    expect(art.run.id).toBe(RUN_ID);
    expect(run.outputs).toMatchObject({
      "artifact-id": String(art.id),
      "artifact-name": `fw-${SHA}`,
      sha: SHA,
    });
    expect(run.outputs["manifest-digest"]).toMatch(/^[0-9a-f]{64}$/);
    // The uploaded zip is the bundle: manifest at the root, images at their build-dir paths.
    expect((await zipNames(art.zip)).sort()).toEqual([
      "bootloader/bootloader.bin",
      "manifest.json",
      "partition_table/partition-table.bin",
      "thermostat.bin",
    ]);
    expect(art.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Retention reached the service (CreateArtifact expires_at, about 5 days out).
    const days = (Date.parse(art.expiresAt) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(4);
    expect(days).toBeLessThan(6);
    const twirp = server.requests
      .filter((r) => r.path.startsWith("/twirp/"))
      .map((r) => r.path.split("/").pop());
    expect(twirp).toEqual(["CreateArtifact", "FinalizeArtifact"]);
  });

  it("writes a job summary with the images and the manifest digest", () => {
    expect(run.summary).toContain(`### Firmware bundle \`fw-${SHA}\``);
    expect(run.summary).toMatch(/\| 0x10000 \| thermostat\.bin \| 181456 \|/);
    expect(run.summary).toContain(run.outputs["manifest-digest"]!);
  });

  it("is fetched by SHA on the hardware lane, verified, and cached for the host's other slots", async () => {
    const source = new GitHubSource({
      repository: "acme/thermostat-fw",
      token: fake.token,
      apiUrl: server.baseUrl,
      runId: RUN_ID,
    });
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const before = fake.downloadCount();
    const slot1 = await fetchBundle({
      source,
      sha: SHA,
      cache,
      holder: "hut-01",
      host: new RecordingHost(),
    });
    expect(slot1.digest).toBe(run.outputs["manifest-digest"]);
    expect(slot1.manifest.commit_sha).toBe(SHA);
    expect(readFileSync(join(slot1.dir, "thermostat.bin"))).toEqual(
      readFileSync(join(workspace, "fw", "build", "thermostat.bin")),
    );
    const slot2 = await fetchBundle({
      source,
      sha: SHA,
      cache,
      holder: "hut-02",
      host: new RecordingHost(),
    });
    expect(slot2.cacheHit).toBe(true);
    expect(fake.downloadCount() - before).toBe(1);

    // Eight slots of another host, at once: still one download.
    const cache2 = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const eight = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetchBundle({
          source,
          sha: SHA,
          cache: cache2,
          holder: `hut-0${i + 1}`,
          host: new RecordingHost(),
        }),
      ),
    );
    expect(fake.downloadCount() - before).toBe(2);
    expect(new Set(eight.map((h) => h.digest)).size).toBe(1);
    for (const h of [slot1, slot2, ...eight]) await h.release();
  });

  it("fails with a clear error when the build dir has no flasher_args.json", async () => {
    const ws = scratch.dir("gha-ws-");
    const { runtimeToken } = fake.run({ id: RUN_ID + 1, headSha: SHA });
    const bad = await runAction("build", {
      cwd: ws,
      inputs: { "build-dir": "build" },
      env: {
        GITHUB_WORKSPACE: ws,
        GITHUB_SHA: SHA,
        GITHUB_API_URL: server.baseUrl,
        ACTIONS_RESULTS_URL: `${server.baseUrl}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
      },
    });
    expect(bad.exitCode).toBe(1);
    const errors = bad.commands.filter((c) => c.command === "error");
    expect(errors[0]!.message).toMatch(
      /is not an ESP-IDF build directory: flasher_args.json is missing/,
    );
    expect(errors[0]!.message).toMatch(/idf.py build/);
  });

  it("fails when the build command fails, and uploads nothing", async () => {
    const ws = scratch.dir("gha-ws-");
    makeIdfBuild(join(ws, "build"));
    const { runtimeToken } = fake.run({ id: RUN_ID + 2, headSha: SHA });
    const bad = await runAction("build", {
      cwd: ws,
      inputs: { command: "echo 'ninja: build stopped: subcommand failed.'; exit 2" },
      env: {
        GITHUB_WORKSPACE: ws,
        GITHUB_SHA: SHA,
        GITHUB_API_URL: server.baseUrl,
        ACTIONS_RESULTS_URL: `${server.baseUrl}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
      },
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain("ninja: build stopped");
    const errors = bad.commands.filter((c) => c.command === "error");
    expect(errors[0]!.message).toMatch(/The build command failed with exit code 2/);
    expect(fake.artifacts.filter((a) => a.run.id === RUN_ID + 2)).toEqual([]);
  });

  it("refuses to upload a second artifact of the same name in a run, saying how to name them", async () => {
    const { runtimeToken } = fake.run({ id: RUN_ID, headSha: SHA });
    const again = await runAction("build", {
      cwd: workspace,
      inputs: { "working-directory": "fw" },
      env: {
        GITHUB_WORKSPACE: workspace,
        GITHUB_SHA: SHA,
        GITHUB_API_URL: server.baseUrl,
        ACTIONS_RESULTS_URL: `${server.baseUrl}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken,
      },
    });
    expect(again.exitCode).toBe(1);
    const errors = again.commands.filter((c) => c.command === "error");
    expect(errors[0]!.message).toMatch(
      new RegExp(`artifact named fw-${SHA} already exists in this workflow run`),
    );
    expect(errors[0]!.message).toMatch(/target:/);
  });
});
