import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, HilError } from "@hil/contracts";
import { FakeServer, GitHubArtifactsFake } from "@hil/forge-sim";
import { RecordingHost } from "@hil/host";
import { BundleCache, fetchBundle, GitHubSource, type GitHubSourceOptions } from "../src/index";
import { cacheLeftovers, fixtureBundle, OTHER_SHA, Scratch, SHA } from "./helpers/bundles";

// @actions/artifact reads GITHUB_API_URL once per process: one fake GitHub for the whole file.
const scratch = new Scratch();
const server = new FakeServer();
let fake: GitHubArtifactsFake;
let zip: Buffer;
let digest: string;

beforeAll(async () => {
  fake = new GitHubArtifactsFake();
  server.route(...fake.routes());
  await server.start();
  const good = await fixtureBundle(scratch);
  zip = readFileSync(good.zipPath);
  digest = good.digest;
});
afterEach(() => {
  fake.artifacts.splice(0);
  fake.downloads.clear();
  fake.serveBlob = undefined;
});
afterAll(async () => {
  await server.stop();
  scratch.cleanup();
});

const source = (o: Partial<GitHubSourceOptions> = {}) =>
  new GitHubSource({
    repository: "acme/thermostat-fw",
    token: fake.token,
    apiUrl: server.baseUrl,
    serverUrl: "https://github.com",
    ...o,
  });

async function refused(src: GitHubSource, sha = SHA): Promise<HilError> {
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

describe("GitHubSource", () => {
  it("finds fw-<sha> by name across the repository, follows the 302 and verifies it", async () => {
    const art = fake.addArtifact({ name: `fw-${SHA}`, runId: 8121934470, headSha: SHA, zip });
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const h = await fetchBundle({ source: source(), sha: SHA, cache, host: new RecordingHost() });
    expect(h.digest).toBe(digest);
    expect(h.source).toBe(`GitHub artifact "fw-${SHA}" in acme/thermostat-fw`);
    expect(fake.downloads.get(art.id)).toBe(1);
    const paths = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain("GET /repos/acme/thermostat-fw/actions/artifacts");
    expect(paths).toContain(`GET /repos/acme/thermostat-fw/actions/artifacts/${art.id}/zip`);
    expect(paths.some((p) => p.startsWith(`GET /fakeblob/downloads/${art.id}/`))).toBe(true);
    await h.release();
  });

  it("looks only in the given run with runId, and prefers the newest live artifact", async () => {
    fake.addArtifact({ name: `fw-${SHA}`, runId: 1, headSha: SHA, zip, expired: true });
    const live = fake.addArtifact({ name: `fw-${SHA}`, runId: 2, headSha: SHA, zip });
    fake.addArtifact({
      name: `fw-${SHA}`,
      runId: 3,
      headSha: SHA,
      zip: Buffer.from("not this run"),
    });
    const h = await fetchBundle({
      source: source({ runId: 2 }),
      sha: SHA,
      host: new RecordingHost(),
    });
    expect(h.digest).toBe(digest);
    expect(fake.downloads.get(live.id)).toBe(1);
    expect(
      server.requests.some((r) => r.path === "/repos/acme/thermostat-fw/actions/runs/2/artifacts"),
    ).toBe(true);
    await h.release();
  });

  it("refuses a missing bundle, saying which SHA and where it looked", async () => {
    fake.addArtifact({ name: `fw-${OTHER_SHA}`, runId: 5, headSha: OTHER_SHA, zip });
    const err = await refused(source({ runId: 5 }));
    expect(err.message).toBe(
      `No bundle for commit ${SHA}: looked for GitHub artifact "fw-${SHA}" in workflow run 5 of acme/thermostat-fw and found none.`,
    );
  });

  it("refuses an expired bundle, saying when it expired", async () => {
    const a = fake.addArtifact({ name: `fw-${SHA}`, runId: 6, headSha: SHA, zip, expired: true });
    const err = await refused(source());
    expect(err.message).toMatch(
      new RegExp(
        `bundle for commit ${SHA} has expired: .* \\(id ${a.id}\\) expired on ${a.expiresAt}`,
      ),
    );
    expect(err.hint).toMatch(/Re-run the build job/);
    expect(fake.downloadCount()).toBe(0);
  });

  it("refuses a bundle built from another commit, naming both SHAs", async () => {
    // Named for SHA, but holding the build of OTHER_SHA (a mislabelled upload).
    const other = await fixtureBundle(scratch, OTHER_SHA);
    fake.addArtifact({
      name: `fw-${SHA}`,
      runId: 7,
      headSha: SHA,
      zip: readFileSync(other.zipPath),
    });
    const err = await refused(source());
    expect(err.message).toContain(
      `was built from commit ${OTHER_SHA}, but this job is testing commit ${SHA}`,
    );
  });

  it("refuses a truncated download (the zip does not match the artifact digest)", async () => {
    fake.addArtifact({ name: `fw-${SHA}`, runId: 8, headSha: SHA, zip });
    fake.serveBlob = (_a, bytes) => bytes.subarray(0, bytes.length - 1000);
    const err = await refused(source());
    expect(err.message).toMatch(
      /is truncated or corrupted: its sha256 differs from the artifact's digest sha256:[0-9a-f]{64}/,
    );
  });

  it("refuses a truncated download without a digest (the zip does not parse)", async () => {
    fake.addArtifact({ name: `fw-${SHA}`, runId: 9, headSha: SHA, zip, digest: null });
    fake.serveBlob = (_a, bytes) => bytes.subarray(0, Math.floor(bytes.length / 2));
    const err = await refused(source());
    expect(err.message).toMatch(/not a complete zip archive/);
  });

  it("refuses a bad token as a configuration error that names the permission", async () => {
    fake.addArtifact({ name: `fw-${SHA}`, runId: 10, headSha: SHA, zip });
    const err = await refused(source({ token: "ghp_wrong" }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(
      /GitHub refused to list the artifacts of acme\/thermostat-fw \(HTTP 401\)/,
    );
    expect(err.hint).toMatch(/actions:read/);
  });

  it("refuses GitHub Enterprise Server up front, saying what to do instead", async () => {
    const err = await refused(source({ serverUrl: "https://github.acme.internal" }));
    expect(err.message).toMatch(
      /do not work on GitHub Enterprise Server \(github\.acme\.internal\)/,
    );
  });

  it("refuses a second GitHub API URL in the same process (loaded once)", async () => {
    fake.addArtifact({ name: `fw-${SHA}`, runId: 11, headSha: SHA, zip });
    const err = await refused(source({ apiUrl: "http://127.0.0.1:9/api" }));
    expect(err.message).toMatch(
      /talks to http:\/\/127\.0\.0\.1:\d+ \(GITHUB_API_URL when it loaded\), not http:\/\/127\.0\.0\.1:9\/api/,
    );
  });
});

describe("secrets", () => {
  it("masks the source's token in everything the host prints", async () => {
    fake.addArtifact({ name: `fw-${SHA}`, runId: 12, headSha: SHA, zip });
    const host = new RecordingHost();
    const h = await fetchBundle({ source: source(), sha: SHA, host });
    host.info(`token was ${fake.token}`);
    expect(host.text()).not.toContain(fake.token);
    expect(host.text()).toContain("token was ***");
    await h.release();
  });
});
