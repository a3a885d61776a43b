import { constants, createDeflate } from "node:zlib";
import type { DeflatedRun } from "./protocol";

export const SECTOR = 0x1000;
/** Where the stream is flushed so positions are known: 32 KiB (a flush restarts the Huffman tables, ~60 bytes). */
const MARK = 0x8000;

/**
 * Compress a sector-aligned run with zlib (level 9, as esptool), flushing every 32 KiB so
 * the position of each piece in the stream is known: that gives progress in uncompressed
 * bytes and per-block write time-outs without inflating the stream again (what esptool-js's
 * `writeFlash` spends ~29 ms per 16 KiB block on). A flush costs ~60 bytes (0.3 % of a
 * typical app); flushing every sector would cost 2.4 %. Runs in libuv's thread pool, off
 * the event loop.
 */
export async function deflateRun(offset: number, data: Uint8Array): Promise<DeflatedRun> {
  const z = createDeflate({ level: 9, memLevel: 9 });
  const chunks: Buffer[] = [];
  let length = 0;
  z.on("data", (c: Buffer) => {
    chunks.push(c);
    length += c.length;
  });
  const done = new Promise<void>((resolve, reject) => {
    z.once("end", resolve);
    z.once("error", reject);
  });
  // ends[i]: compressed bytes once the i-th 32 KiB piece is complete.
  const ends: number[] = [];
  for (let at = 0; at < data.length; at += MARK) {
    z.write(data.subarray(at, Math.min(at + MARK, data.length)));
    await new Promise<void>((r) => z.flush(constants.Z_SYNC_FLUSH, () => r()));
    ends.push(length);
  }
  z.end();
  await done;
  const deflated = Buffer.concat(chunks, length);
  const size = data.length;
  return {
    offset,
    size,
    deflated,
    uncompressedAt(pos: number): number {
      if (pos >= length) return size;
      // Pieces whose compressed bytes all lie before pos (ends is sorted).
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid]! <= pos) lo = mid + 1;
        else hi = mid;
      }
      return Math.min(size, lo * MARK);
    },
  };
}
