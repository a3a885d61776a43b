import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingHost } from "@hil/host";
import { BundleCache, fetchBundle, LocalSource } from "../src/index";
import { CountingSource, fixtureBundle, Scratch, SHA } from "./helpers/bundles";

const scratch = new Scratch();
let a: Awaited<ReturnType<typeof fixtureBundle>>;
let b: Awaited<ReturnType<typeof fixtureBundle>>;
let c: Awaited<ReturnType<typeof fixtureBundle>>;
const SHA_B = "2222222222222222222222222222222222222222";
const SHA_C = "3333333333333333333333333333333333333333";

beforeAll(async () => {
  a = await fixtureBundle(scratch, SHA, { seed: 1 });
  b = await fixtureBundle(scratch, SHA_B, { seed: 2 });
  c = await fixtureBundle(scratch, SHA_C, { seed: 3 });
});
afterAll(() => scratch.cleanup());

const quiet = () => new RecordingHost();

describe("the host bundle cache", () => {
  it("serves a second slot from the cache: one download, same verified bundle", async () => {
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const source = new CountingSource(new LocalSource(a.zipPath));
    const slot1 = await fetchBundle({
      source,
      sha: SHA,
      cache,
      holder: "gh-1-1-hil-01",
      host: quiet(),
    });
    const host2 = quiet();
    const slot2 = await fetchBundle({
      source,
      sha: SHA,
      cache,
      holder: "gh-1-1-hil-02",
      host: host2,
    });
    expect(source.downloads).toBe(1);
    expect([slot1.cacheHit, slot2.cacheHit]).toEqual([false, true]);
    expect(slot2.dir).toBe(slot1.dir);
    expect(slot2.digest).toBe(a.digest);
    expect(slot2.dir).toBe(join(cache.root, "store", a.digest));
    expect(host2.text()).toMatch(/Using cached bundle [0-9a-f]{12} for 9fceb02d/);
    expect((await cache.entries())[0]!.pins.sort()).toEqual(["gh-1-1-hil-01", "gh-1-1-hil-02"]);
    await slot1.release();
    await slot2.release();
    expect((await cache.entries())[0]!.pins).toEqual([]);
  });

  it("eight concurrent consumers of one SHA download it once", async () => {
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const source = new CountingSource(new LocalSource(a.zipPath));
    const handles = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetchBundle({ source, sha: SHA, cache, holder: `slot-${i}`, host: quiet() }),
      ),
    );
    expect(source.downloads).toBe(1);
    expect(handles.filter((h) => h.cacheHit)).toHaveLength(7);
    expect(new Set(handles.map((h) => h.digest))).toEqual(new Set([a.digest]));
    expect(readdirSync(join(cache.root, "tmp"))).toEqual([]);
    await Promise.all(handles.map((h) => h.release()));
  });

  it("evicts least recently used bundles past the size bound, never one in use", async () => {
    const size = a.bytes + 200; // each bundle: images + manifest
    const cache = new BundleCache({
      dir: scratch.dir("hil-cache-"),
      maxBytes: Math.floor(size * 1.5),
    });
    const ha = await fetchBundle({
      source: new LocalSource(a.zipPath),
      sha: SHA,
      cache,
      holder: "job-a",
      host: quiet(),
    });
    const hb = await fetchBundle({
      source: new LocalSource(b.zipPath),
      sha: SHA_B,
      cache,
      holder: "job-b",
      host: quiet(),
    });
    // Over the bound, but both are in use.
    expect((await cache.entries()).map((e) => e.digest).sort()).toEqual(
      [a.digest, b.digest].sort(),
    );

    await ha.release();
    const host = quiet();
    const hc = await fetchBundle({
      source: new LocalSource(c.zipPath),
      sha: SHA_C,
      cache,
      holder: "job-c",
      host,
    });
    expect(host.text()).toMatch(/Evicted 1 least recently used bundle/);
    expect((await cache.entries()).map((e) => e.digest).sort()).toEqual(
      [b.digest, c.digest].sort(),
    );

    await hb.release();
    await hc.release();
    const ev = await cache.evict();
    expect(ev.evicted).toEqual([b.digest]); // older than c
    expect((await cache.entries()).map((e) => e.digest)).toEqual([c.digest]);
    // The ref to the evicted bundle is forgotten: fetching it again downloads again.
    const source = new CountingSource(new LocalSource(b.zipPath));
    const again = await fetchBundle({ source, sha: SHA_B, cache, host: quiet() });
    expect([source.downloads, again.cacheHit]).toEqual([1, false]);
    await again.release();
  });

  it("uses recency, not age: a bundle used again survives", async () => {
    const size = a.bytes + 200;
    const cache = new BundleCache({
      dir: scratch.dir("hil-cache-"),
      maxBytes: Math.floor(size * 2.5),
    });
    for (const [bundle, sha] of [
      [a, SHA],
      [b, SHA_B],
    ] as const) {
      const h = await fetchBundle({
        source: new LocalSource(bundle.zipPath),
        sha,
        cache,
        host: quiet(),
      });
      await h.release();
    }
    // Make a older than b on disk, then use a again.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(cache.root, "meta", `${a.digest}.json`), past, past);
    utimesSync(
      join(cache.root, "meta", `${b.digest}.json`),
      new Date(Date.now() - 30_000),
      new Date(Date.now() - 30_000),
    );
    const reuse = await fetchBundle({
      source: new LocalSource(a.zipPath),
      sha: SHA,
      cache,
      host: quiet(),
    });
    expect(reuse.cacheHit).toBe(true);
    await reuse.release();
    const hc = await fetchBundle({
      source: new LocalSource(c.zipPath),
      sha: SHA_C,
      cache,
      host: quiet(),
    });
    await hc.release();
    expect((await cache.entries()).map((e) => e.digest).sort()).toEqual(
      [a.digest, c.digest].sort(),
    );
  });

  it("re-verifies on every hit and fetches again when a cached image was damaged", async () => {
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    const source = new CountingSource(new LocalSource(a.zipPath));
    const first = await fetchBundle({ source, sha: SHA, cache, host: quiet() });
    await first.release();
    const app = join(first.dir, "thermostat.bin");
    const bytes = readFileSync(app);
    bytes[100] = bytes[100]! ^ 0x55;
    writeFileSync(app, bytes);
    const second = await fetchBundle({ source, sha: SHA, cache, host: quiet() });
    expect([source.downloads, second.cacheHit]).toEqual([2, false]);
    expect(readFileSync(join(second.dir, "thermostat.bin"))[100]).toBe(bytes[100]! ^ 0x55);
    await second.release();
  });

  it("takes over a lock left by a crashed process once it is stale", async () => {
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-"), staleMs: 5000 });
    await cache.init();
    // A fetch that died holding every lock it could: stale mtimes.
    const locks = join(cache.root, "locks");
    const source = new LocalSource(a.zipPath);
    const { createHash } = await import("node:crypto");
    const key = createHash("sha256")
      .update((await source.identity(SHA))!)
      .digest("hex")
      .slice(0, 40);
    const dead = join(locks, `ref-${key}.lock`);
    mkdirSync(dead);
    const old = new Date(Date.now() - 120_000);
    utimesSync(dead, old, old);
    const h = await fetchBundle({ source, sha: SHA, cache, host: quiet() });
    expect(h.digest).toBe(a.digest);
    await h.release();
    expect(readdirSync(locks)).toEqual([]);
  });

  it("releases all of a job's pins at once (the job-completed hook)", async () => {
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-") });
    await fetchBundle({
      source: new LocalSource(a.zipPath),
      sha: SHA,
      cache,
      holder: "gl-77",
      host: quiet(),
    });
    await fetchBundle({
      source: new LocalSource(b.zipPath),
      sha: SHA_B,
      cache,
      holder: "gl-77",
      host: quiet(),
    });
    await fetchBundle({
      source: new LocalSource(b.zipPath),
      sha: SHA_B,
      cache,
      holder: "gl-78",
      host: quiet(),
    });
    expect(await cache.releaseHolder("gl-77")).toBe(2);
    const pins = Object.fromEntries((await cache.entries()).map((e) => [e.digest, e.pins]));
    expect(pins).toEqual({ [a.digest]: [], [b.digest]: ["gl-78"] });
  });

  it("ignores pins past their time-to-live (a job that never released)", async () => {
    const cache = new BundleCache({ dir: scratch.dir("hil-cache-"), maxBytes: 1 });
    await fetchBundle({
      source: new LocalSource(a.zipPath),
      sha: SHA,
      cache,
      holder: "lost",
      host: quiet(),
    });
    expect((await cache.evict()).evicted).toEqual([]); // pinned: kept although over the bound
    const pinDir = join(cache.root, "pins", a.digest);
    for (const f of readdirSync(pinDir)) {
      const pin = JSON.parse(readFileSync(join(pinDir, f), "utf8"));
      writeFileSync(join(pinDir, f), JSON.stringify({ ...pin, expires: Date.now() - 1 }));
    }
    expect((await cache.evict()).evicted).toEqual([a.digest]);
    expect(readdirSync(join(cache.root, "pins"))).toEqual([]);
    expect(readdirSync(join(cache.root, "store"))).toEqual([]);
    expect(readdirSync(join(cache.root, "meta"))).toEqual([]);
  });

  it("says what to do when the cache dir cannot be created", async () => {
    const file = join(scratch.dir(), "not-a-dir");
    writeFileSync(file, "");
    const cache = new BundleCache({ dir: file });
    await expect(
      fetchBundle({ source: new LocalSource(a.zipPath), sha: SHA, cache, host: quiet() }),
    ).rejects.toThrow(/Cannot use the bundle cache .*not-a-dir\/bundles/);
  });
});
