import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { flashSizeBytes, type Manifest } from "@hil/contracts";
import type { BundleImage } from "@hil/bundle";
import { SECTOR } from "./deflate";
import { ImageError } from "./errors";

/** An image ready to write: its bytes padded with 0xFF to whole sectors, as the flash will hold them. */
export interface FlashImage {
  name?: string;
  file: string;
  offset: number;
  /** The image's own size (the manifest's). */
  size: number;
  sha256: string;
  /** The image, then 0xFF to the end of its last sector: what the region holds once written. */
  data: Buffer;
  /** MD5 (hex) of `data`. */
  md5: string;
  /** Sectors the region spans. */
  sectors: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const REBUILD = "Re-run the build for this commit so a fresh bundle is made, then flash again.";

/** A region's bytes as the flash holds them after writing: the image, then erased (0xFF) to the sector's end. */
export function sectorImage(
  image: Pick<FlashImage, "name" | "file" | "offset" | "size" | "sha256">,
  bytes: Uint8Array,
): FlashImage {
  const sectors = Math.ceil(bytes.length / SECTOR);
  const data = Buffer.alloc(sectors * SECTOR, 0xff);
  data.set(bytes);
  return { ...image, data, md5: md5(data), sectors };
}

/**
 * Read a verified bundle's images and check them again before any byte is written: each
 * file still has the manifest's size and sha256 (it is read once, and this is the copy
 * that gets written), offsets are sector-aligned and do not overlap, and everything fits
 * the manifest's flash size. The board's own flash size is checked with `checkFits` once
 * it is known.
 */
export async function loadImages(
  images: readonly BundleImage[],
  manifest: Pick<Manifest, "flash">,
  label = "the bundle",
): Promise<FlashImage[]> {
  const loaded: FlashImage[] = [];
  for (const img of images) {
    let bytes: Buffer;
    try {
      bytes = await readFile(img.path);
    } catch (e) {
      throw new ImageError(
        `Cannot read ${img.file} of ${label} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
        { hint: REBUILD },
      );
    }
    const sha = createHash("sha256").update(bytes).digest("hex");
    if (bytes.length !== img.size || sha !== img.sha256)
      throw new ImageError(
        `${img.file} of ${label} does not match its manifest: ${bytes.length} bytes with sha256 ${sha}, the manifest says ${img.size} bytes with sha256 ${img.sha256}. Nothing was written.`,
        { hint: `The image was damaged or changed after the build. ${REBUILD}` },
      );
    if (img.offset % SECTOR !== 0)
      throw new ImageError(
        `${img.file} of ${label} starts at ${hex(img.offset)}, not on a 4 KiB sector boundary.`,
        { hint: REBUILD },
      );
    loaded.push(
      sectorImage(
        {
          ...(img.name ? { name: img.name } : {}),
          file: img.file,
          offset: img.offset,
          size: img.size,
          sha256: img.sha256,
        },
        bytes,
      ),
    );
  }
  loaded.sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < loaded.length; i++) {
    const prev = loaded[i - 1]!;
    const cur = loaded[i]!;
    if (prev.offset + prev.size > cur.offset)
      throw new ImageError(
        `${cur.file} (at ${hex(cur.offset)}) overlaps ${prev.file} (${hex(prev.offset)}..${hex(prev.offset + prev.size)}) in ${label}. Nothing was written.`,
        { hint: `Check the partition table and flasher_args.json of the build. ${REBUILD}` },
      );
  }
  const manifestBytes = flashSizeBytes(manifest.flash.size);
  if (manifestBytes !== undefined)
    checkFits(loaded, manifestBytes, `the ${manifest.flash.size} flash the manifest declares`);
  return loaded;
}

/** Every image ends within `flashBytes`; `what` names whose flash it is. */
export function checkFits(images: readonly FlashImage[], flashBytes: number, what: string): void {
  const last = images.reduce((a, b) => (a.offset + a.size >= b.offset + b.size ? a : b));
  const end = last.offset + last.size;
  if (end > flashBytes)
    throw new ImageError(
      `The bundle does not fit ${what}: ${last.file} ends at ${hex(end)}, past the flash's end at ${hex(flashBytes)} (${flashBytes / 1024 / 1024} MiB). Nothing was written.`,
      {
        hint: "Build for this board's flash size (CONFIG_ESPTOOLPY_FLASHSIZE, partition table), or put the bundle on a slot whose board has more flash.",
      },
    );
}
