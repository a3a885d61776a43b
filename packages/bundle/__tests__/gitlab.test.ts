import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { ConfigurationError, HilError } from "@hil/contracts";
import { FakeServer, GitLabArtifactsFake } from "@hil/forge-sim";
import { RecordingHost } from "@hil/host";
import {
  BundleCache,
  fetchBundle,
  GitLabSource,
  type GitLabSourceOptions,
  type PackedBundle,
} from "../src/index";
import { cacheLeftovers, fixtureBundle, OTHER_SHA, Scratch, SHA } from "./helpers/bundles";

const scratch = new Scratch();
const server = new FakeServer();
const fake = new GitLabArtifactsFake();
let good: PackedBundle;
let archive: Buffer;

/** A job's artifacts archive as GitLab Runner makes it from `artifacts: paths: [fw-bundle/]`. */
async function jobArchive(bundle: PackedBundle, prefix = "fw-bundle/"): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addEmptyDirectory(prefix);
  for (const f of bundle.files) zip.addFile(join(bundle.dir, f), prefix + f);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server.route(...fake.routes());
  await server.start();
  good = await fixtureBundle(scratch);
  archive = await jobArchive(good);
});
afterEach(() => {
  fake.jobs.splice(0);
  fake.downloads.clear();
  fake.serveArchive = undefined;
});
afterAll(async () => {
  await server.stop();
  scratch.cleanup();
});

const source = (o: Partial<GitLabSourceOptions> = {}) =>
  new GitLabSource({
    host: server.baseUrl,
    project: 42,
    ref: "main",
    job: "bundle",
    jobToken: fake.jobToken,
    ...o,
  });

async function refused(src: GitLabSource, sha = SHA): Promise<HilError> {
  const cacheDir = scratch.dir("hil-cache-");
  const err = await fetchBundle({
    source: src,
    sha,
    cache: new BundleCache({ dir: cacheDir }),
    host: new RecordingHost(),
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HilError);
  expect((err as HilError).hint).toBeTruthy();
  expect(cacheLeftovers(cacheDir)).toEqual([]);
  return err as HilError;
}

describe("GitLabSource", () => {
  it("downloads the job's artifacts by ref and job name, finds the bundle inside and verifies it", async () => {
    const job = fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive });
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const h = await fetchBundle({
      source: source(),
      sha: SHA,
      cache,
      holder: "gl-1",
      host: new RecordingHost(),
    });
    expect(h.digest).toBe(good.digest);
    expect(readdirSync(h.dir).sort()).toEqual([
      "bootloader",
      "manifest.json",
      "partition_table",
      "thermostat.bin",
    ]);
    expect(fake.downloads.get(job.id)).toBe(1);
    const req = server.requests.at(-1)!;
    expect(`${req.path}?${req.query}`).toBe(
      "/api/v4/projects/42/jobs/artifacts/main/download?job=bundle",
    );
    expect(req.headers["job-token"]).toBe(fake.jobToken);

    const h2 = await fetchBundle({
      source: source(),
      sha: SHA,
      cache,
      holder: "gl-2",
      host: new RecordingHost(),
    });
    expect([h2.cacheHit, fake.downloadCount()]).toEqual([true, 1]);
    await h.release();
    await h2.release();
  });

  it("handles a ref with a slash, a project path and a project access token", async () => {
    fake.addJob({ ref: "feature/fast-flash", name: "bundle", sha: SHA, zip: archive });
    const h = await fetchBundle({
      source: source({
        ref: "feature/fast-flash",
        project: "acme/thermostat-fw",
        token: fake.token,
        jobToken: undefined,
      }),
      sha: SHA,
      host: new RecordingHost(),
    });
    expect(h.digest).toBe(good.digest);
    expect(server.requests.at(-1)!.path).toBe(
      "/api/v4/projects/acme%2Fthermostat-fw/jobs/artifacts/feature%2Ffast-flash/download",
    );
    await h.release();
  });

  it("downloads by job id when given one", async () => {
    fake.addJob({
      ref: "main",
      name: "bundle",
      sha: OTHER_SHA,
      zip: Buffer.from("newer pipeline"),
    });
    const job = fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive });
    fake.addJob({ ref: "main", name: "bundle", sha: OTHER_SHA, zip: Buffer.from("newest") });
    const h = await fetchBundle({
      source: source({ jobId: job.id }),
      sha: SHA,
      host: new RecordingHost(),
    });
    expect(h.digest).toBe(good.digest);
    expect(server.requests.at(-1)!.path).toBe(`/api/v4/projects/42/jobs/${job.id}/artifacts`);
    await h.release();
  });

  it("eight slot processes sharing the host cache download the bundle once", async () => {
    fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive });
    const cacheDir = scratch.dir("hil-cache-");
    const consumer = join(import.meta.dirname, "helpers", "consumer.ts");
    const runOne = (i: number) =>
      new Promise<{ digest: string; cacheHit: boolean; dir: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", consumer, server.baseUrl, cacheDir, SHA, `gl-9000${i}`],
          {
            env: { ...process.env, HIL_TEST_JOB_TOKEN: fake.jobToken },
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d));
        child.stderr.on("data", (d: Buffer) => (err += d));
        child.on("close", (code) =>
          code === 0
            ? resolve(JSON.parse(out.trim().split("\n").pop()!))
            : reject(new Error(`consumer ${i}: ${err}`)),
        );
      });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => runOne(i)));
    expect(fake.downloadCount()).toBe(1);
    expect(results.filter((r) => !r.cacheHit)).toHaveLength(1);
    expect(new Set(results.map((r) => r.digest))).toEqual(new Set([good.digest]));
    expect(new Set(results.map((r) => r.dir)).size).toBe(1);
    const pins = readdirSync(join(cacheDir, "bundles", "pins", good.digest));
    expect(pins).toHaveLength(8);
    expect(readdirSync(join(cacheDir, "bundles", "tmp"))).toEqual([]);
    expect(readdirSync(join(cacheDir, "bundles", "locks"))).toEqual([]);
  }, 120_000);

  it("refuses a missing bundle, saying which SHA and where it looked", async () => {
    const err = await refused(source());
    expect(err.message).toMatch(
      new RegExp(
        `^No bundle for commit ${SHA}: GitLab artifacts of job "bundle" on ref "main" in project 42 at http://127\\.0\\.0\\.1:\\d+ \\(for ${SHA}\\) not found`,
      ),
    );
  });

  it("refuses expired artifacts (gone on GitLab), saying they may have expired", async () => {
    fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive, expired: true });
    const err = await refused(source());
    expect(err.message).toMatch(/its artifacts expired/);
    expect(err.hint).toMatch(/expire_in/);
  });

  it("refuses the ref's newer pipeline built from another commit, naming both SHAs", async () => {
    const other = await fixtureBundle(scratch, OTHER_SHA, { seed: 9 });
    fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive });
    fake.addJob({ ref: "main", name: "bundle", sha: OTHER_SHA, zip: await jobArchive(other) });
    const err = await refused(source());
    expect(err.message).toContain(
      `was built from commit ${OTHER_SHA}, but this job is testing commit ${SHA}`,
    );
  });

  it("refuses a truncated archive", async () => {
    fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive });
    fake.serveArchive = (_j, zip) => zip.subarray(0, zip.length - 300);
    const err = await refused(source());
    expect(err.message).toMatch(/not a complete zip archive/);
  });

  it("refuses a bad token as a configuration error", async () => {
    fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: archive });
    const err = await refused(source({ jobToken: "glcbt-wrong" }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(/GitLab refused the token .* \(HTTP 401\)/);
  });

  it("asks which bundle when an archive holds two", async () => {
    const zip = new yazl.ZipFile();
    for (const f of good.files) {
      zip.addFile(join(good.dir, f), `one/${f}`);
      zip.addFile(join(good.dir, f), `two/${f}`);
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    fake.addJob({ ref: "main", name: "bundle", sha: SHA, zip: Buffer.concat(chunks) });
    const err = await refused(source());
    expect(err.message).toMatch(/holds 2 bundles \(one, two\); which one\?/);
    const h = await fetchBundle({
      source: source(),
      sha: SHA,
      bundlePath: "two",
      host: new RecordingHost(),
    });
    expect(readFileSync(join(h.dir, "manifest.json"), "utf8")).toContain(SHA);
    await h.release();
  });
});
