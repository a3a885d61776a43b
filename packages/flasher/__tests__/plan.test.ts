import { createHash, randomBytes } from "node:crypto";
import { inflateSync, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildAppImage } from "@hil/hut-sim";
import { deflateRun, SECTOR } from "../src/deflate";
import { sectorImage, type FlashImage } from "../src/images";
import { differingSectors, runsOf, type DiffStats, type Md5Source } from "../src/plan";
import { ProgressLog } from "../src/progress";

const MiB = 1024 * 1024;
const flip = (b: Buffer, at: number, mask: number) => void (b[at] = b[at]! ^ mask);
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

/** A board's flash in memory, answering MD5 questions like the loader does. */
class FlashMd5 implements Md5Source {
  readonly questions: [number, number][] = [];
  constructor(readonly flash: Buffer) {}
  async md5(offset: number, size: number): Promise<string> {
    this.questions.push([offset, size]);
    return md5(this.flash.subarray(offset, offset + size));
  }
}

function image(offset: number, bytes: Buffer): FlashImage {
  return sectorImage(
    { file: "app.bin", offset, size: bytes.length, sha256: "0".repeat(64) },
    bytes,
  );
}

/** Bytes that compress somewhat, like firmware. */
function firmwareLike(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = (x >>> 24) % 7 === 0 ? x & 0xff : "hil-flash"[i % 9]!.charCodeAt(0);
  }
  return b;
}

describe("finding the sectors that differ", () => {
  const APP = 0x10000;
  const app = firmwareLike(MiB - 1000); // not a whole number of sectors: the last is padded with 0xFF
  const img = image(APP, app);

  function boardWith(contents: Buffer): FlashMd5 {
    const flash = Buffer.alloc(4 * MiB, 0xff);
    contents.copy(flash, APP);
    return new FlashMd5(flash);
  }

  it("pads the image with 0xFF to whole sectors, as the flash holds it after writing", () => {
    expect(img.sectors).toBe(256);
    expect(img.data.length).toBe(MiB);
    expect(img.data.subarray(app.length).every((b) => b === 0xff)).toBe(true);
    expect(img.md5).toBe(md5(img.data));
  });

  it("an unchanged region costs one question", async () => {
    const board = boardWith(img.data);
    const stats: DiffStats = { md5Queries: 0 };
    expect((await differingSectors(board, img, stats)).some(Boolean)).toBe(false);
    expect(board.questions).toEqual([[APP, MiB]]);
    expect(stats.md5Queries).toBe(1);
  });

  it("one changed sector in 1 MiB: region, 16 blocks, 16 sectors — not 256 questions", async () => {
    const old = Buffer.from(img.data);
    flip(old, 0x5_4321, 0x01);
    const board = boardWith(old);
    const stats: DiffStats = { md5Queries: 0 };
    const differs = await differingSectors(board, img, stats);
    expect(differs.flatMap((d, i) => (d ? [i] : []))).toEqual([0x54]);
    expect(stats.md5Queries).toBe(1 + 16 + 16);
    expect(runsOf(img, differs)).toEqual([{ image: img, first: 0x54, count: 1 }]);
  });

  it("a new build that shifted everything: stops descending after two fruitless blocks", async () => {
    const board = boardWith(firmwareLike(MiB, 99));
    const stats: DiffStats = { md5Queries: 0 };
    const differs = await differingSectors(board, img, stats);
    expect(differs.every(Boolean)).toBe(true);
    expect(stats.md5Queries).toBe(1 + 16 + 2 * 16);
    expect(runsOf(img, differs)).toEqual([{ image: img, first: 0, count: 256 }]);
  });

  it("the caller's knowledge that the region differs saves the first question", async () => {
    const old = Buffer.from(img.data);
    flip(old, 0xff_000, 0x80);
    const board = boardWith(old);
    const stats: DiffStats = { md5Queries: 0 };
    const differs = await differingSectors(board, img, stats, { regionDiffers: true });
    expect(differs.flatMap((d, i) => (d ? [i] : []))).toEqual([0xff]);
    expect(stats.md5Queries).toBe(16 + 16);
  });

  it("a small region (≤ 64 KiB) goes straight to its sectors; adjacent ones coalesce", async () => {
    const boot = image(0x1000, firmwareLike(26_000, 5));
    const flash = Buffer.alloc(4 * MiB, 0xff);
    boot.data.copy(flash, 0x1000);
    flip(flash, 0x1000 + 2 * SECTOR + 7, 1);
    flip(flash, 0x1000 + 3 * SECTOR + 7, 1);
    flip(flash, 0x1000 + 5 * SECTOR, 1);
    const board = new FlashMd5(flash);
    const stats: DiffStats = { md5Queries: 0 };
    const differs = await differingSectors(board, boot, stats);
    expect(stats.md5Queries).toBe(1 + boot.sectors);
    expect(runsOf(boot, differs).map((r) => [r.first, r.count])).toEqual([
      [2, 2],
      [5, 1],
    ]);
  });
});

describe("compressed runs", () => {
  it("are zlib streams of the run; positions map to uncompressed bytes in 32 KiB steps", async () => {
    // The simulator's app filler compresses like real firmware (55-60 %).
    const data = buildAppImage({ appSize: 300 * 1024, seed: "runs" });
    const run = await deflateRun(0x10000, data);
    expect(Buffer.compare(inflateSync(run.deflated), data)).toBe(0);
    expect(run.size).toBe(data.length);
    expect(run.uncompressedAt(0)).toBe(0);
    expect(run.uncompressedAt(run.deflated.length)).toBe(data.length);
    let last = 0;
    for (let pos = 0; pos <= run.deflated.length; pos += 997) {
      const u = run.uncompressedAt(pos);
      expect(u % 0x8000 === 0 || u === data.length).toBe(true);
      expect(u).toBeGreaterThanOrEqual(last);
      last = u;
    }
    // The flushes that make positions known cost well under 1 % against one plain stream.
    expect(run.deflated.length).toBeLessThan(deflateSync(data, { level: 9 }).length * 1.01);
  });

  it("incompressible data still round-trips", async () => {
    const data = randomBytes(5 * SECTOR);
    const run = await deflateRun(0, data);
    expect(Buffer.compare(inflateSync(run.deflated), data)).toBe(0);
  });
});

describe("progress lines", () => {
  it("come every 10 % at most once per step, ending at 100 %", () => {
    const lines: string[] = [];
    const p = new ProgressLog(1000, (l) => lines.push(l));
    for (const done of [50, 99, 100, 150, 370, 371, 999, 1000]) p.update(done, done / 2);
    expect(lines).toEqual([
      "Writing: 10% (100 of 1000 bytes, 50 compressed sent)",
      "Writing: 37% (370 of 1000 bytes, 185 compressed sent)",
      "Writing: 99% (999 of 1000 bytes, 499.5 compressed sent)",
      "Writing: 100% (1000 of 1000 bytes, 500 compressed sent)",
    ]);
  });
});
