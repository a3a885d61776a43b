// Measurements of the flasher on the simulated line, for `npm run bench` (DESIGN.md section 8).
// Everything runs in this process: the simulated boards (RFC 2217 on 127.0.0.1) and the flasher.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { SimLab, buildTestFirmware, lineTimeMs, type FirmwareImage } from "@hil/hut-sim";
import { EsptoolFlasher } from "./esptool";
import { flashBoard, type FlashReport } from "./flash";
import { sectorImage, type FlashImage } from "./images";

export interface BenchOptions {
  /** Flashing baud (default 921600). */
  baud?: number;
  /** Size of the app image in bytes (default 1 MiB); the bundle also has a bootloader and a partition table. */
  appSize?: number;
  /** Progress lines of the flashes (default: none). */
  log?: (line: string) => void;
}

export interface FlashEfficiency {
  baud: number;
  appSize: number;
  /** lineLimitSeconds / seconds: how close writing came to the line's own speed. */
  efficiency: number;
  /** Writing and verifying: from the first compressed block to the last MD5. */
  seconds: number;
  /** The time the compressed bytes need on the line at `baud` (10 bits a byte). */
  lineLimitSeconds: number;
  compressedBytes: number;
  bytesWritten: number;
  /** Everything, from the first reset to the board running the new app. */
  totalSeconds: number;
  /** Connect, identify, first MD5s (115200 baud, ROM). */
  connectSeconds: number;
  /** Stub upload (at 115200), baud switch, the search for differing sectors. */
  prepareSeconds: number;
  /** Bytes the board received while flashing (commands, framing, the stub, the data). */
  crossedBytes: number;
}

export interface ReflashFigures {
  baud: number;
  appSize: number;
  /** Whole flashes, first reset to app running, in seconds. */
  fullSeconds: number;
  unchangedSeconds: number;
  oneSectorSeconds: number;
  /** unchangedSeconds / fullSeconds (target ≤ 0.10). */
  unchangedRatio: number;
  oneSectorRatio: number;
  /** Bytes the board received in each case. */
  fullCrossed: number;
  unchangedCrossed: number;
  oneSectorCrossed: number;
}

export interface ParallelFigures {
  n: number;
  baud: number;
  appSize: number;
  /** One board flashed alone, first reset to app running. */
  singleSeconds: number;
  /** n boards flashed at once: until the last is done. */
  parallelSeconds: number;
  /** parallelSeconds / singleSeconds (target ≤ 1.25 for n = 8). */
  ratio: number;
}

const MiB = 1024 * 1024;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function imagesOf(fw: readonly FirmwareImage[]): FlashImage[] {
  return fw.map((i) =>
    sectorImage(
      {
        file: `0x${i.offset.toString(16)}.bin`,
        offset: i.offset,
        size: i.data.length,
        sha256: sha256(i.data),
      },
      i.data,
    ),
  );
}

async function withLab<T>(n: number, fn: (lab: SimLab, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "hil-bench-"));
  const lab = await SimLab.start({ slots: n, dir, pty: false });
  try {
    return await fn(lab, dir);
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function firmware(dir: string, appSize: number, seed: string): FlashImage[] {
  const fw = buildTestFirmware({
    dir: join(dir, seed),
    appSize,
    seed,
    script: "print bench\nend",
  });
  return imagesOf(fw.images);
}

async function flashOnce(
  lab: SimLab,
  slot: string,
  images: readonly FlashImage[],
  o: BenchOptions,
): Promise<{ report: FlashReport; crossed: number; wall: number }> {
  const board = lab.board(slot);
  const url = lab.rfc2217.get(slot)!.url;
  const flasher = new EsptoolFlasher({ port: url, reset: "classic", slotId: slot });
  const rx0 = board.lineStats.rxBytes;
  const t0 = performance.now();
  const report = await flashBoard({
    flasher,
    images,
    chip: "esp32",
    mac: board.mac,
    baud: o.baud ?? 921600,
    ...(o.log ? { log: o.log } : {}),
  });
  return {
    report,
    crossed: board.lineStats.rxBytes - rx0,
    wall: (performance.now() - t0) / 1000,
  };
}

/**
 * Flash a firmware with a `appSize` app to an erased simulated board over RFC 2217 and
 * compare the writing time with the line-rate limit of the compressed bytes that crossed.
 */
export async function measureFlashEfficiency(o: BenchOptions = {}): Promise<FlashEfficiency> {
  const baud = o.baud ?? 921600;
  const appSize = o.appSize ?? MiB;
  return withLab(1, async (lab, dir) => {
    const { report, crossed } = await flashOnce(lab, "hut-01", firmware(dir, appSize, "eff"), o);
    const lineLimitSeconds = lineTimeMs(report.compressedBytes, baud) / 1000;
    return {
      baud,
      appSize,
      efficiency: lineLimitSeconds / report.writeSeconds,
      seconds: report.writeSeconds,
      lineLimitSeconds,
      compressedBytes: report.compressedBytes,
      bytesWritten: report.bytesWritten,
      totalSeconds: report.seconds,
      connectSeconds: report.connectSeconds,
      prepareSeconds: report.prepareSeconds,
      crossedBytes: crossed,
    };
  });
}

/**
 * A full flash, the same bundle again, and the bundle with one byte of the app changed, each
 * end to end (first reset to the board running its app), on one simulated board.
 */
export async function measureReflash(o: BenchOptions = {}): Promise<ReflashFigures> {
  const baud = o.baud ?? 921600;
  const appSize = o.appSize ?? MiB;
  return withLab(1, async (lab, dir) => {
    const images = firmware(dir, appSize, "reflash");
    const full = await flashOnce(lab, "hut-01", images, o);
    const unchanged = await flashOnce(lab, "hut-01", images, o);
    const app = images[images.length - 1]!;
    const bytes = Buffer.from(app.data.subarray(0, app.size));
    const at = Math.floor(app.size / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    const changed = [...images.slice(0, -1), sectorImage({ ...app, sha256: sha256(bytes) }, bytes)];
    const one = await flashOnce(lab, "hut-01", changed, o);
    if (one.report.sectorsWritten !== 1)
      throw new Error(`a one-byte change wrote ${one.report.sectorsWritten} sectors`);
    return {
      baud,
      appSize,
      fullSeconds: full.report.seconds,
      unchangedSeconds: unchanged.report.seconds,
      oneSectorSeconds: one.report.seconds,
      unchangedRatio: unchanged.report.seconds / full.report.seconds,
      oneSectorRatio: one.report.seconds / full.report.seconds,
      fullCrossed: full.crossed,
      unchangedCrossed: unchanged.crossed,
      oneSectorCrossed: one.crossed,
    };
  });
}

/**
 * One board flashed alone, then `n` boards (one simulator, this one process) flashed at once
 * with a firmware of the same size; the ratio of the wall times.
 */
export async function measureParallel(n = 8, o: BenchOptions = {}): Promise<ParallelFigures> {
  const baud = o.baud ?? 921600;
  const appSize = o.appSize ?? MiB;
  return withLab(n, async (lab, dir) => {
    const slots = [...lab.boards.keys()];
    const single = await flashOnce(lab, slots[0]!, firmware(dir, appSize, "single"), o);
    const images = firmware(dir, appSize, "parallel");
    // Every board starts erased, as the single one did.
    lab.board(slots[0]!).flash.eraseAll();
    const t0 = performance.now();
    const all = await Promise.all(slots.map((s) => flashOnce(lab, s, images, {})));
    const parallelSeconds = (performance.now() - t0) / 1000;
    for (const r of all)
      if (r.report.sectorsSkipped !== 0) throw new Error("a parallel flash skipped sectors");
    return {
      n,
      baud,
      appSize,
      singleSeconds: single.wall,
      parallelSeconds,
      ratio: parallelSeconds / single.wall,
    };
  });
}
