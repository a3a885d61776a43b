import { createHash } from "node:crypto";
import { SECTOR } from "./deflate";
import type { FlashImage } from "./images";

/** 64 KiB: the middle level of the search (a flash block). */
export const BLOCK = 0x10000;
const SECTORS_PER_BLOCK = BLOCK / SECTOR;

/** Consecutive sectors of one image to write in one compressed stream. */
export interface Run {
  image: FlashImage;
  /** First sector, counted from the image's offset. */
  first: number;
  count: number;
}

/** What the board is asked: MD5s of regions. */
export interface Md5Source {
  md5(offset: number, size: number): Promise<string>;
}

export interface DiffStats {
  /** MD5 questions asked of the board. */
  md5Queries: number;
}

const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

/**
 * Which sectors of `image` differ from the board, without asking about each of them: the
 * whole region first (unless the caller already knows it differs), then its 64 KiB blocks,
 * then the sectors of the blocks that differ. A region that mostly matches costs a handful
 * of questions (one changed sector in 1 MiB: 1 + 16 + 16). Descending into a block only pays
 * when some of its sectors match; once two blocks in a row had none (a new build that shifted
 * everything), the remaining differing blocks are written whole instead of asked about sector
 * by sector.
 */
export async function differingSectors(
  board: Md5Source,
  image: FlashImage,
  stats: DiffStats,
  o: { regionDiffers?: boolean } = {},
): Promise<boolean[]> {
  const ask = (offset: number, size: number) => {
    stats.md5Queries++;
    return board.md5(image.offset + offset, size);
  };
  const region = image.data;
  const differs = new Array<boolean>(image.sectors).fill(false);
  if (!o.regionDiffers && (await ask(0, region.length)) === image.md5) return differs;

  const blocks: { at: number; size: number }[] = [];
  if (region.length <= BLOCK) blocks.push({ at: 0, size: region.length });
  else
    for (let at = 0; at < region.length; at += BLOCK)
      blocks.push({ at, size: Math.min(BLOCK, region.length - at) });

  let fruitless = 0;
  for (const b of blocks) {
    const mine = region.subarray(b.at, b.at + b.size);
    // A single block is the region itself, already known to differ.
    if (blocks.length > 1 && (await ask(b.at, b.size)) === md5(mine)) continue;
    const first = b.at / SECTOR;
    const count = b.size / SECTOR;
    if (fruitless >= 2 && count === SECTORS_PER_BLOCK) {
      for (let s = 0; s < count; s++) differs[first + s] = true;
      continue;
    }
    let matched = 0;
    for (let s = 0; s < count; s++) {
      const at = b.at + s * SECTOR;
      const same = (await ask(at, SECTOR)) === md5(region.subarray(at, at + SECTOR));
      if (same) matched++;
      else differs[first + s] = true;
    }
    fruitless = matched ? 0 : fruitless + 1;
  }
  return differs;
}

/** Coalesce differing sectors into runs of adjacent ones. */
export function runsOf(image: FlashImage, differs: readonly boolean[]): Run[] {
  const runs: Run[] = [];
  for (let s = 0; s < differs.length; s++) {
    if (!differs[s]) continue;
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === s) last.count++;
    else runs.push({ image, first: s, count: 1 });
  }
  return runs;
}

/** The whole image as one run. */
export function wholeImage(image: FlashImage): Run {
  return { image, first: 0, count: image.sectors };
}
