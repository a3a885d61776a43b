import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchBundle, LocalSource } from "@hil/bundle";
import { main } from "../src/program";
import { Scratch, SHA } from "../../bundle/__tests__/helpers/bundles";
import { makeIdfBuild } from "../../bundle/__tests__/helpers/idf-fixture";

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

let out = "";
let err = "";
const saved: Record<string, string | undefined> = {};
const CI_VARS = [
  "HIL_SHA",
  "GITHUB_SHA",
  "CI_COMMIT_SHA",
  "CI_JOB_ID",
  "GITHUB_REPOSITORY",
  "CI_PROJECT_PATH",
];
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  for (const k of CI_VARS) {
    saved[k] = process.env[k];
    delete process.env[k];
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const k of CI_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("hil bundle", () => {
  it("packs a build dir into a bundle directory and zip, with a dotenv for GitLab", async () => {
    const root = scratch.dir();
    const build = makeIdfBuild(join(root, "build"));
    process.env.CI_JOB_ID = "700123";
    process.env.CI_PROJECT_PATH = "acme/thermostat-fw";
    const code = await main([
      "bundle",
      build,
      "--sha",
      SHA,
      "--out",
      join(root, "fw-bundle"),
      "--zip",
      "--dotenv",
      join(root, "bundle.env"),
    ]);
    expect(code, err).toBe(0);
    expect(out).toContain(
      `Bundle fw-${SHA} for ${SHA}: esp32, flash dio/40m/4MB, thermostat 1.4.0-3-g9fceb02`,
    );
    expect(out).toMatch(/0x10000 +181456 +[0-9a-f]{16} +thermostat\.bin/);
    const digest = /manifest {3}sha256 ([0-9a-f]{64})/.exec(out)![1]!;
    expect(existsSync(join(root, "fw-bundle.zip"))).toBe(true);
    expect(readFileSync(join(root, "bundle.env"), "utf8")).toBe(
      `HIL_BUNDLE_SHA=${SHA}\nHIL_BUNDLE_DIGEST=${digest}\nHIL_BUNDLE_NAME=fw-${SHA}\nHIL_BUNDLE_JOB_ID=700123\n`,
    );
    const h = await fetchBundle({ source: new LocalSource(join(root, "fw-bundle.zip")), sha: SHA });
    expect(h.digest).toBe(digest);
    expect(h.manifest.repo).toBe("acme/thermostat-fw");
    await h.release();
  });

  it("prints JSON with --json and names the bundle after the target", async () => {
    const root = scratch.dir();
    const build = makeIdfBuild(join(root, "build"), { chip: "esp32s3" });
    process.chdir(root);
    const code = await main(["bundle", "build", "--sha", SHA, "--target", "s3-box", "--json"]);
    expect(code, err).toBe(0);
    const res = JSON.parse(out);
    expect(res).toMatchObject({
      name: `fw-${SHA}-s3-box`,
      dir: join(root, `fw-${SHA}-s3-box`),
      zip: null,
    });
    expect(res.manifest).toMatchObject({ target: "s3-box", chip: "esp32s3" });
    expect(build).toBe(join(root, "build"));
  });

  it("refuses a directory that is not an ESP-IDF build, with what to do", async () => {
    const code = await main([
      "bundle",
      scratch.dir(),
      "--sha",
      SHA,
      "--out",
      join(scratch.dir(), "b"),
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /^hil: .* is not an ESP-IDF build directory: flasher_args\.json is missing\.\nRun `idf\.py build` first/,
    );
  });

  it("asks for --sha outside a git checkout and CI", async () => {
    const root = scratch.dir();
    makeIdfBuild(join(root, "build"));
    process.chdir(root);
    const code = await main(["bundle"]);
    expect(code).toBe(1);
    expect(err).toMatch(/is not a git checkout\.\nPass --sha <full commit SHA>/);
  });
});
