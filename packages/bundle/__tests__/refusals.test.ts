import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HilError } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { BundleCache, fetchBundle, LocalSource } from "../src/index";
import { cacheLeftovers, fixtureBundle, OTHER_SHA, Scratch, SHA } from "./helpers/bundles";
import { writeRawZip, type RawEntry } from "./helpers/idf-fixture";

const scratch = new Scratch();
let good: Awaited<ReturnType<typeof fixtureBundle>>;
let manifestText: string;
let images: Record<string, Buffer>;

beforeAll(async () => {
  good = await fixtureBundle(scratch);
  manifestText = readFileSync(join(good.dir, "manifest.json"), "utf8");
  images = Object.fromEntries(good.files.slice(1).map((f) => [f, readFileSync(join(good.dir, f))]));
});
afterAll(() => scratch.cleanup());

/** The good bundle's entries, with `change` applied. */
function entries(change: (e: RawEntry[]) => RawEntry[] = (e) => e): RawEntry[] {
  return change([
    { name: "manifest.json", data: Buffer.from(manifestText) },
    ...Object.entries(images).map(([name, data]) => ({ name, data })),
  ]);
}

async function zipOf(list: RawEntry[]): Promise<string> {
  const path = join(scratch.dir(), "bad.zip");
  await writeRawZip(path, list);
  return path;
}

/**
 * Fetch `zip` for `sha` through a fresh cache; expect a HilError matching `message` with a hint,
 * and nothing left behind: no cache entry, no work dir, no lock, nothing outside the target.
 */
async function expectRefused(zip: string, message: RegExp, sha = SHA): Promise<HilError> {
  const cacheDir = scratch.dir("hil-cache-");
  const host = new RecordingHost();
  const cache = new BundleCache({ dir: cacheDir });
  const err = await fetchBundle({ source: new LocalSource(zip), sha, cache, host }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HilError);
  expect((err as HilError).message).toMatch(message);
  expect((err as HilError).hint).toBeTruthy();
  expect(cacheLeftovers(cacheDir)).toEqual([]);
  return err as HilError;
}

describe("a bundle is refused, and the cache left clean, when", () => {
  it("it was built from another commit (names both SHAs)", async () => {
    const err = await expectRefused(good.zipPath, /SHA mismatch/, OTHER_SHA);
    expect(err.message).toContain(`built from commit ${SHA}`);
    expect(err.message).toContain(`testing commit ${OTHER_SHA}`);
  });

  it("an image does not match its sha256 (names the file)", async () => {
    const zip = await zipOf(
      entries((e) =>
        e.map((x) => {
          if (x.name !== "thermostat.bin") return x;
          const data = Buffer.from(x.data!);
          data[1000] = data[1000]! ^ 0xff;
          return { ...x, data };
        }),
      ),
    );
    const err = await expectRefused(
      zip,
      /sha256 mismatch .*: thermostat\.bin has sha256 [0-9a-f]{64}, but the manifest says [0-9a-f]{64}/,
    );
    expect(err.hint).toMatch(/corrupted or altered/);
  });

  it("an image is shorter than recorded", async () => {
    const zip = await zipOf(
      entries((e) =>
        e.map((x) => (x.name === "thermostat.bin" ? { ...x, data: x.data!.subarray(0, 4096) } : x)),
      ),
    );
    await expectRefused(zip, /thermostat\.bin is 4096 bytes, but the manifest says 181456/);
  });

  it("an image listed in the manifest is missing", async () => {
    const zip = await zipOf(entries((e) => e.filter((x) => x.name !== "thermostat.bin")));
    await expectRefused(zip, /incomplete: thermostat\.bin is listed in the manifest but missing/);
  });

  it("a zip entry escapes the target directory (zip-slip)", async () => {
    const victim = `zipslip-${process.pid}.bin`;
    const zip = await zipOf(
      entries((e) => [...e, { name: `../../${victim}`, data: Buffer.from("pwned") }]),
    );
    await expectRefused(
      zip,
      new RegExp(`entry "\\.\\./\\.\\./${victim}" escapes the target directory`),
    );
    expect(existsSync(join(scratch.dir(), "..", victim))).toBe(false);
  });

  it("a zip entry is an absolute path", async () => {
    const zip = await zipOf(entries((e) => [...e, { name: "/tmp/hil-evil.bin" }]));
    await expectRefused(zip, /entry "\/tmp\/hil-evil\.bin" is an absolute path/);
  });

  it("a zip entry is a symbolic link", async () => {
    const zip = await zipOf(
      entries((e) => [
        ...e.filter((x) => x.name !== "thermostat.bin"),
        { name: "thermostat.bin", data: Buffer.from("/etc/passwd"), mode: 0o120777 },
      ]),
    );
    await expectRefused(zip, /entry "thermostat\.bin" is a symbolic link/);
  });

  it("a zip entry escapes with Windows backslashes", async () => {
    const zip = await zipOf(entries((e) => [...e, { name: "..\\..\\evil.bin" }]));
    await expectRefused(zip, /entry "\.\.\/\.\.\/evil\.bin" escapes the target directory/);
  });

  it("the manifest fails validation (says which field)", async () => {
    const m = JSON.parse(manifestText);
    delete m.chip;
    m.images[2].offset = 0x10001;
    const zip = await zipOf(
      entries((e) =>
        e.map((x) =>
          x.name === "manifest.json" ? { ...x, data: Buffer.from(JSON.stringify(m)) } : x,
        ),
      ),
    );
    const err = await expectRefused(zip, /manifest\.json of bundle .* failed validation/);
    expect(err.message).toMatch(/chip: is required/);
    expect(err.message).toMatch(/images\[2\]\.offset: expected a multiple of 0x1000/);
  });

  it("the manifest is not JSON", async () => {
    const zip = await zipOf(
      entries((e) =>
        e.map((x) => (x.name === "manifest.json" ? { ...x, data: Buffer.from("{ nope") } : x)),
      ),
    );
    await expectRefused(zip, /manifest\.json of .* is not valid JSON/);
  });

  it("there is no manifest at all", async () => {
    const zip = await zipOf(entries((e) => e.filter((x) => x.name !== "manifest.json")));
    await expectRefused(zip, /holds no manifest\.json; it is not a firmware bundle/);
  });

  it("the download is truncated", async () => {
    const bytes = readFileSync(good.zipPath);
    const path = join(scratch.dir(), "truncated.zip");
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(path, /not a complete zip archive .*truncated/);
  });

  it("the bundle is not there at all (names the path)", async () => {
    const missing = join(scratch.dir(), "nope.zip");
    const err = await fetchBundle({ source: new LocalSource(missing), sha: SHA }).catch(
      (e: unknown) => e,
    );
    expect((err as HilError).message).toBe(`No bundle at ${missing}: it does not exist.`);
  });

  it("the job SHA is not a full SHA", async () => {
    await expect(
      fetchBundle({ source: new LocalSource(good.dir), sha: "9fceb02" }),
    ).rejects.toThrow(/must be a full commit SHA/);
  });
});

describe("without a cache", () => {
  it("a refused zip leaves no temp dir behind", async () => {
    const tmpRoot = scratch.dir("hil-tmproot-");
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmpRoot;
    try {
      await expect(
        fetchBundle({ source: new LocalSource(good.zipPath), sha: OTHER_SHA }),
      ).rejects.toThrow(/SHA mismatch/);
      expect(readdirSync(tmpRoot)).toEqual([]);
      const h = await fetchBundle({ source: new LocalSource(good.zipPath), sha: SHA });
      expect(readdirSync(tmpRoot)).toHaveLength(1);
      await h.release();
      expect(readdirSync(tmpRoot)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it("a bundle directory is verified in place, and refused when altered", async () => {
    const h = await fetchBundle({ source: new LocalSource(good.dir), sha: SHA });
    expect(h.dir).toBe(good.dir);
    expect(h.digest).toBe(good.digest);
    const copy = scratch.dir();
    for (const f of good.files) {
      const dest = join(copy, f);
      const { mkdirSync } = await import("node:fs");
      mkdirSync(join(dest, ".."), { recursive: true });
      writeFileSync(dest, readFileSync(join(good.dir, f)));
    }
    const app = readFileSync(join(copy, "thermostat.bin"));
    app[5] = app[5]! ^ 1;
    writeFileSync(join(copy, "thermostat.bin"), app);
    await expect(fetchBundle({ source: new LocalSource(copy), sha: SHA })).rejects.toThrow(
      /sha256 mismatch .*thermostat\.bin/,
    );
  });
});
