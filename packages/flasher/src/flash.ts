import { performance } from "node:perf_hooks";
import { InfrastructureError, type Chip, type RecoveryEvent } from "@hil/contracts";
import { deflateRun, SECTOR } from "./deflate";
import { BoardUnreachableError, MacMismatchError, WrongChipError } from "./errors";
import { checkFits, type FlashImage } from "./images";
import { climbLadder, recoveryRungs } from "./ladder";
import { differingSectors, runsOf, wholeImage, type DiffStats, type Run } from "./plan";
import { ProgressLog } from "./progress";
import type { BoardIdentity, DeflatedRun, Flasher, LoaderSession, PowerCycleFn } from "./protocol";

export interface FlashBoardOptions {
  flasher: Flasher;
  /** The images to write (loadImages), sector-padded. */
  images: readonly FlashImage[];
  /** The chip the bundle is built for: a board of another chip is refused. */
  chip?: Chip;
  /** The MAC the slot pins: a board with another MAC is refused (a swapped cable). */
  mac?: string;
  /** The flashing baud (the slot's, or the input's). */
  baud: number;
  /** Compare with the board by MD5 and write only sectors that differ (default true). */
  skipUnchanged?: boolean;
  /** MD5 every written image afterwards (default true). */
  verify?: boolean;
  /** Power-cycles the slot, for the recovery ladder (slots with `power:`). */
  powerCycle?: PowerCycleFn;
  /** Flash size to assume when the board's JEDEC id says nothing (the inventory's flash_size). */
  fallbackFlashSize?: number;
  /** Names the board in messages (`the board on <port> (slot hut-01)`). */
  subject?: string;
  /** The journal's step name (default hil-flash). */
  step?: string;
  /** Progress and results, one line each (host.info). */
  log?: (line: string) => void;
  /** Recovery events as they happen (journal them). */
  onEvent?: (event: RecoveryEvent) => void;
  /** The board, as soon as it is identified, before it is checked (journal it). */
  onBoard?: (board: BoardIdentity) => void;
  /** Aborts between blocks (the slot's lease was lost). */
  signal?: AbortSignal;
  /** Hint of the error when the recovery ladder gives up. */
  unreachableHint?: string;
}

export interface ImageReport {
  name?: string;
  file: string;
  offset: number;
  size: number;
  sectors: number;
  sectorsWritten: number;
  bytesWritten: number;
  compressedBytes: number;
}

export interface FlashReport {
  board: BoardIdentity;
  /** The board's flash size in bytes, when known. */
  flashSize: number | undefined;
  /** Uncompressed bytes written (whole sectors). */
  bytesWritten: number;
  /** Compressed bytes sent for them. */
  compressedBytes: number;
  sectorsWritten: number;
  sectorsSkipped: number;
  /** From the first connection attempt to the board left running. */
  seconds: number;
  /** Writing and verifying: from the first compressed block to the last MD5. */
  writeSeconds: number;
  /** Connecting, identifying, attaching the flash and the first MD5 check per image (ROM, 115200). */
  connectSeconds: number;
  /** Stub upload, baud switch and the search for differing sectors (0 when nothing differs). */
  prepareSeconds: number;
  /** MD5 questions asked to find unchanged sectors. */
  md5Queries: number;
  recoveryEvents: RecoveryEvent[];
  images: ImageReport[];
  /** How the board was left: running its app, or in the flasher stub (reset: none). */
  leftIn: "app" | "stub";
  /** Baud the data crossed at. */
  baud: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** `1048576 bytes` → `1.0 MiB` style for log lines. */
function kib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Refuse a board that is not the one this bundle and this slot are for. */
function checkIdentity(board: BoardIdentity, o: FlashBoardOptions, subject: string): void {
  if (o.chip && board.chip !== o.chip)
    throw new WrongChipError(
      `Wrong chip: ${subject} is an ${board.description}${board.chip ? ` (${board.chip})` : ""}, but the bundle is built for ${o.chip}. Nothing was written.`,
      {
        hint: `Flash a bundle built for ${board.chip ?? "this chip"} (idf.py set-target), or run the job on a slot whose board is an ${o.chip} (runs-on label / HIL_SLOT); check the slot's chip: in the inventory.`,
      },
    );
  if (o.mac && board.mac !== o.mac.toLowerCase())
    throw new MacMismatchError(
      `Wrong board: ${subject} has MAC ${board.mac}, but the slot pins ${o.mac.toLowerCase()}. Refusing to flash someone else's board; nothing was written.`,
      {
        hint: "A USB cable was probably swapped or the port path points at another board: check which board is on this port, fix the cabling or the slot's port:/mac: in the inventory.",
      },
    );
}

/**
 * Flash the images to the board behind `flasher`:
 *
 * 1. connect (the slot's reset, sync) through the recovery ladder; identify the board and
 *    refuse a wrong chip or MAC before anything is written;
 * 2. attach the flash, read its size, refuse images that do not fit;
 * 3. in the ROM, at 115200, MD5 each image's region: when everything matches, nothing
 *    else is needed (no stub, no baud change);
 * 4. otherwise upload the stub, switch to `baud`, find the differing sectors (64 KiB blocks,
 *    then sectors) and write them as compressed runs of adjacent sectors, logging progress;
 * 5. MD5 every written image; leave the board running its app.
 *
 * The board is left in a known state whatever happens: reset into its app (or, for
 * reset: none, in the stub at the ROM's speed), the port closed.
 */
export async function flashBoard(o: FlashBoardOptions): Promise<FlashReport> {
  const log = o.log ?? (() => undefined);
  const step = o.step ?? "hil-flash";
  const subject = o.subject ?? `the board on ${o.flasher.port}`;
  const skip = o.skipUnchanged ?? true;
  const t0 = performance.now();

  // Changed images are compressed whole in the thread pool while the stub is uploaded: when
  // one has to be written whole (a new build), its stream is ready.
  const whole = new Map<FlashImage, Promise<DeflatedRun>>();
  const compressWhole = (img: FlashImage) => {
    let p = whole.get(img);
    if (!p) {
      p = deflateRun(img.offset, img.data);
      p.catch(() => undefined);
      whole.set(img, p);
    }
    return p;
  };

  log(`Connecting to ${subject} with ${o.flasher.resetDescription}...`);
  let reached: Awaited<ReturnType<typeof climbLadder<LoaderSession>>>;
  try {
    reached = await climbLadder(() => o.flasher.connect(), {
      step,
      first: `connecting with ${o.flasher.resetDescription}`,
      rungs: recoveryRungs(o.flasher, o.powerCycle),
      subject,
      hint:
        o.unreachableHint ??
        "Check the board's USB cable and power. If it hangs or boot-loops, power-cycle it (power: in the slot lets hil do that itself).",
      log,
      ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    });
  } catch (e) {
    // Whatever the resets left it in (download mode, most likely): start its app again.
    if (e instanceof BoardUnreachableError) await o.flasher.hardReset?.().catch(() => undefined);
    throw e;
  }
  const { value: session, events } = reached;

  let leftIn: "app" | "stub" | undefined;
  try {
    const b = session.board;
    log(`Board: ${b.description}, MAC ${b.mac}, on ${b.port}`);
    // Journaled even when refused below: the report then shows which board was on the port.
    o.onBoard?.(b);
    checkIdentity(b, o, subject);

    const flashSize = await session.attachFlash(o.fallbackFlashSize);
    if (flashSize !== undefined) {
      log(`Flash: ${kib(flashSize)}`);
      checkFits(o.images, flashSize, `${subject}'s ${kib(flashSize)} flash`);
    }

    // Which images differ at all: one MD5 each, in the ROM.
    const stats: DiffStats = { md5Queries: 0 };
    const regionDiffers = new Map<FlashImage, boolean>();
    if (skip)
      for (const img of o.images) {
        stats.md5Queries++;
        regionDiffers.set(img, (await session.md5(img.offset, img.data.length)) !== img.md5);
      }
    const connectSeconds = (performance.now() - t0) / 1000;
    const tp = performance.now();

    const runs: Run[] = [];
    const changed = o.images.filter((img) => !skip || regionDiffers.get(img));
    if (changed.length) {
      for (const img of changed) void compressWhole(img);
      await session.prepareToWrite(o.baud);
      for (const img of changed) {
        if (!skip) runs.push(wholeImage(img));
        else
          runs.push(
            ...runsOf(img, await differingSectors(session, img, stats, { regionDiffers: true })),
          );
      }
    }

    const perImage = new Map<FlashImage, ImageReport>(
      o.images.map((img) => [
        img,
        {
          ...(img.name ? { name: img.name } : {}),
          file: img.file,
          offset: img.offset,
          size: img.size,
          sectors: img.sectors,
          sectorsWritten: 0,
          bytesWritten: 0,
          compressedBytes: 0,
        },
      ]),
    );
    const total = runs.reduce((n, r) => n + r.count * SECTOR, 0);
    for (const img of o.images)
      if (!changed.includes(img) || !runs.some((r) => r.image === img))
        log(`${img.file} at ${hex(img.offset)}: unchanged on the board, skipped`);

    // Streams for partial runs are made ahead, in the thread pool, while earlier runs cross.
    const streams = runs.map((r) =>
      r.first === 0 && r.count === r.image.sectors
        ? compressWhole(r.image)
        : deflateRun(
            r.image.offset + r.first * SECTOR,
            r.image.data.subarray(r.first * SECTOR, (r.first + r.count) * SECTOR),
          ),
    );
    for (const s of streams) s.catch(() => undefined);
    const prepareSeconds = (performance.now() - tp) / 1000;
    const tw = performance.now();

    const progress = new ProgressLog(total, log);
    let doneBytes = 0;
    let sentBytes = 0;
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i]!;
      const run = await streams[i]!;
      log(
        `Writing ${r.image.file}: ${kib(run.size)} at ${hex(run.offset)} (${r.count} sector${r.count === 1 ? "" : "s"}, ${run.deflated.length} bytes compressed)`,
      );
      await session.writeDeflated(run, {
        progress: (sent) => progress.update(doneBytes + run.uncompressedAt(sent), sentBytes + sent),
        ...(o.signal ? { signal: o.signal } : {}),
      });
      doneBytes += run.size;
      sentBytes += run.deflated.length;
      const rep = perImage.get(r.image)!;
      rep.sectorsWritten += r.count;
      rep.bytesWritten += run.size;
      rep.compressedBytes += run.deflated.length;
    }

    if (o.verify ?? true) {
      for (const img of o.images) {
        if (!perImage.get(img)!.sectorsWritten) continue;
        const got = await session.md5(img.offset, img.data.length);
        if (got !== img.md5)
          throw new InfrastructureError(
            `Verification failed: ${img.file} at ${hex(img.offset)} reads back with MD5 ${got}, but ${img.md5} was written.`,
            {
              hint: "Flash again; if it fails again the board's flash or the serial line is faulty (try a lower baud, another cable, another board).",
            },
          );
      }
      if (runs.length) log("Verified: the MD5 of every written image matches.");
    }
    const writeSeconds = (performance.now() - tw) / 1000;

    const baud = session.baud;
    leftIn = await session.finish();
    log(
      leftIn === "app"
        ? "Reset the board into its app."
        : "reset: none: the board stays in the flasher stub until it is reset through its power.",
    );

    const images = [...perImage.values()];
    const sectorsWritten = images.reduce((n, i) => n + i.sectorsWritten, 0);
    const sectorsTotal = images.reduce((n, i) => n + i.sectors, 0);
    const report: FlashReport = {
      board: b,
      flashSize,
      bytesWritten: doneBytes,
      compressedBytes: sentBytes,
      sectorsWritten,
      sectorsSkipped: sectorsTotal - sectorsWritten,
      seconds: (performance.now() - t0) / 1000,
      writeSeconds,
      connectSeconds,
      prepareSeconds,
      md5Queries: stats.md5Queries,
      recoveryEvents: events,
      images,
      leftIn,
      baud,
    };
    const kbps = writeSeconds > 0 ? (doneBytes * 8) / writeSeconds / 1000 : 0;
    log(
      sectorsWritten === 0
        ? `Nothing to write: the board already holds every image (${stats.md5Queries} MD5 checks); ${report.seconds.toFixed(2)} s in all.`
        : `Wrote ${doneBytes} bytes (${sentBytes} compressed) in ${writeSeconds.toFixed(2)} s at ${report.baud} baud, effective ${kbps.toFixed(1)} kbit/s; ` +
            `${sectorsWritten} sectors written, ${report.sectorsSkipped} skipped; ${report.seconds.toFixed(2)} s in all.`,
    );
    return report;
  } finally {
    if (leftIn === undefined) {
      // Failed part-way: leave the board running (or at least not mid-command) and the port closed.
      await session.finish().catch(() => session.close());
    }
  }
}
