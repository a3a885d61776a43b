import { createHash } from "node:crypto";
import { CHECKSUM_SEED, checksum } from "./protocol";

/**
 * The ESP32 firmware image format (esptool bin_image.py / ESP-IDF esp_image_format.h):
 * a 24-byte header (8 common + 16 extended), segments of `load address, length, data`,
 * zero padding to a 16-byte boundary ending in an XOR checksum byte, then optionally a
 * SHA-256 of everything before it.
 */
export const IMAGE_MAGIC = 0xe9;
export const HEADER_LEN = 24;
export const WP_PIN_DISABLED = 0xee;

export type FlashMode = "qio" | "qout" | "dio" | "dout";
export type FlashFreq = "40m" | "26m" | "20m" | "80m";
export type FlashSizeName = "1MB" | "2MB" | "4MB" | "8MB" | "16MB";

export const FLASH_MODES: Record<FlashMode, number> = { qio: 0, qout: 1, dio: 2, dout: 3 };
export const FLASH_FREQS: Record<FlashFreq, number> = {
  "40m": 0x0,
  "26m": 0x1,
  "20m": 0x2,
  "80m": 0xf,
};
export const FLASH_SIZES: Record<FlashSizeName, number> = {
  "1MB": 0x00,
  "2MB": 0x10,
  "4MB": 0x20,
  "8MB": 0x30,
  "16MB": 0x40,
};

const byValue = <K extends string>(table: Record<K, number>, v: number): K | undefined =>
  (Object.keys(table) as K[]).find((k) => table[k] === v);

export interface Segment {
  addr: number;
  data: Buffer;
}

export interface ImageOptions {
  flashMode?: FlashMode;
  flashFreq?: FlashFreq;
  flashSize?: FlashSizeName;
  entry: number;
  segments: Segment[];
  /** Append the SHA-256 (ESP-IDF does for apps and bootloaders). */
  appendSha256?: boolean;
  /** Full chip revision bounds (major*100+minor), e.g. 0 and 399. */
  minRevFull?: number;
  maxRevFull?: number;
}

/** Assemble an image; segment lengths are padded to 4 bytes as esptool does. */
export function buildImage(o: ImageOptions): Buffer {
  const segs = o.segments.map((s) => ({ addr: s.addr, data: padTo(s.data, 4) }));
  const header = Buffer.alloc(HEADER_LEN);
  header[0] = IMAGE_MAGIC;
  header[1] = segs.length;
  header[2] = FLASH_MODES[o.flashMode ?? "dio"];
  header[3] = FLASH_SIZES[o.flashSize ?? "4MB"] | FLASH_FREQS[o.flashFreq ?? "40m"];
  header.writeUInt32LE(o.entry >>> 0, 4);
  // Extended header: WP pin, drive settings, chip id (0 = ESP32), revisions, hash flag.
  header[8] = WP_PIN_DISABLED;
  header.writeUInt16LE(0, 12); // chip_id
  header[14] = 0; // min_chip_rev (legacy)
  header.writeUInt16LE(o.minRevFull ?? 0, 15);
  header.writeUInt16LE(o.maxRevFull ?? 399, 17);
  header[23] = o.appendSha256 === false ? 0 : 1;
  const parts: Buffer[] = [header];
  let len = HEADER_LEN;
  let sum = CHECKSUM_SEED;
  for (const s of segs) {
    const sh = Buffer.alloc(8);
    sh.writeUInt32LE(s.addr >>> 0, 0);
    sh.writeUInt32LE(s.data.length, 4);
    parts.push(sh, s.data);
    len += 8 + s.data.length;
    sum = checksum(s.data, sum);
  }
  const pad = 15 - (len % 16);
  const tail = Buffer.alloc(pad + 1);
  tail[pad] = sum;
  parts.push(tail);
  const body = Buffer.concat(parts);
  if (o.appendSha256 === false) return body;
  return Buffer.concat([body, createHash("sha256").update(body).digest()]);
}

export interface ParsedSegment {
  addr: number;
  /** Offset of the segment's data in the image. */
  fileOffset: number;
  length: number;
}

export interface ParsedImage {
  flashMode: FlashMode | undefined;
  flashFreq: FlashFreq | undefined;
  flashSize: FlashSizeName | undefined;
  entry: number;
  segments: ParsedSegment[];
  /** Bytes up to and including the checksum (and the SHA-256 when appended). */
  length: number;
  storedChecksum: number;
  calculatedChecksum: number;
  hashAppended: boolean;
  storedSha256?: Buffer;
  calculatedSha256?: Buffer;
  minRevFull: number;
  maxRevFull: number;
}

export type ImageProblem =
  | { kind: "magic"; word: number }
  | { kind: "segments"; message: string }
  | { kind: "checksum"; stored: number; calculated: number }
  | { kind: "hash" };

/** Parse an image at `base` of `mem` without reading past `limit`. */
export function parseImage(
  mem: Buffer,
  base = 0,
  limit = mem.length - base,
): { image: ParsedImage } | { problem: ImageProblem } {
  if (limit < HEADER_LEN || mem[base] !== IMAGE_MAGIC)
    return { problem: { kind: "magic", word: limit >= 4 ? mem.readUInt32LE(base) : 0xffffffff } };
  const count = mem[base + 1]!;
  if (count === 0 || count > 16)
    return { problem: { kind: "segments", message: `invalid segment count ${count}` } };
  let off = HEADER_LEN;
  let sum = CHECKSUM_SEED;
  const segments: ParsedSegment[] = [];
  for (let i = 0; i < count; i++) {
    if (off + 8 > limit)
      return { problem: { kind: "segments", message: `segment ${i} header past the end` } };
    const addr = mem.readUInt32LE(base + off);
    const length = mem.readUInt32LE(base + off + 4);
    if (length % 4 !== 0 || off + 8 + length > limit)
      return {
        problem: {
          kind: "segments",
          message: `segment ${i} (0x${addr.toString(16)}, ${length} bytes) does not fit`,
        },
      };
    segments.push({ addr, fileOffset: off + 8, length });
    sum = checksum(mem.subarray(base + off + 8, base + off + 8 + length), sum);
    off += 8 + length;
  }
  const csOff = off + (15 - (off % 16));
  if (csOff >= limit) return { problem: { kind: "segments", message: "checksum past the end" } };
  const storedChecksum = mem[base + csOff]!;
  const hashAppended = mem[base + 23] === 1;
  let length = csOff + 1;
  const image: ParsedImage = {
    flashMode: byValue(FLASH_MODES, mem[base + 2]!),
    flashFreq: byValue(FLASH_FREQS, mem[base + 3]! & 0x0f),
    flashSize: byValue(FLASH_SIZES, mem[base + 3]! & 0xf0),
    entry: mem.readUInt32LE(base + 4),
    segments,
    length,
    storedChecksum,
    calculatedChecksum: sum,
    hashAppended,
    minRevFull: mem.readUInt16LE(base + 15),
    maxRevFull: mem.readUInt16LE(base + 17),
  };
  if (hashAppended) {
    if (length + 32 > limit) return { problem: { kind: "hash" } };
    image.storedSha256 = Buffer.from(mem.subarray(base + length, base + length + 32));
    image.calculatedSha256 = createHash("sha256")
      .update(mem.subarray(base, base + length))
      .digest();
    length += 32;
    image.length = length;
  }
  return { image };
}

/** The checks the 2nd-stage bootloader makes before it runs an image. */
export function verifyImage(image: ParsedImage): ImageProblem | undefined {
  if (image.storedChecksum !== image.calculatedChecksum)
    return { kind: "checksum", stored: image.storedChecksum, calculated: image.calculatedChecksum };
  if (image.hashAppended && !image.storedSha256!.equals(image.calculatedSha256!))
    return { kind: "hash" };
  return undefined;
}

export function padTo(data: Buffer, align: number, fill = 0): Buffer {
  const rem = data.length % align;
  return rem === 0 ? data : Buffer.concat([data, Buffer.alloc(align - rem, fill)]);
}

// ------------------------------------------------------------------ esp_app_desc_t

export const APP_DESC_MAGIC = 0xabcd5432;
export const APP_DESC_LEN = 256;

export interface AppDescription {
  version: string;
  projectName: string;
  /** `__TIME__`, e.g. `10:15:00`. */
  time: string;
  /** `__DATE__`, e.g. `Nov 21 2026`. */
  date: string;
  idfVersion: string;
  elfSha256: Buffer;
}

/** The 256-byte `esp_app_desc_t` ESP-IDF puts at the start of the first DROM segment. */
export function buildAppDescription(d: AppDescription): Buffer {
  const b = Buffer.alloc(APP_DESC_LEN);
  b.writeUInt32LE(APP_DESC_MAGIC, 0);
  const str = (s: string, off: number, len: number) =>
    Buffer.from(s, "utf8")
      .subarray(0, len - 1)
      .copy(b, off);
  str(d.version, 16, 32);
  str(d.projectName, 48, 32);
  str(d.time, 80, 16);
  str(d.date, 96, 16);
  str(d.idfVersion, 112, 32);
  d.elfSha256.subarray(0, 32).copy(b, 144);
  return b;
}

export function parseAppDescription(b: Buffer): AppDescription | undefined {
  if (b.length < APP_DESC_LEN || b.readUInt32LE(0) !== APP_DESC_MAGIC) return undefined;
  const str = (off: number, len: number) => {
    const raw = b.subarray(off, off + len);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? len : end).toString("utf8");
  };
  return {
    version: str(16, 32),
    projectName: str(48, 32),
    time: str(80, 16),
    date: str(96, 16),
    idfVersion: str(112, 32),
    elfSha256: Buffer.from(b.subarray(144, 176)),
  };
}

// ------------------------------------------------------------------ console script section

/** Marks the simulator's console script inside an app image (see docs/simulator.md). */
export const SCRIPT_MAGIC = Buffer.from("HILSCRPT", "ascii");
export const SCRIPT_FORMAT = 1;

/** `HILSCRPT`, format u32, length u32, UTF-8 script, zero padding to 4 bytes. */
export function buildScriptSection(script: string): Buffer {
  const text = Buffer.from(script, "utf8");
  const head = Buffer.alloc(16);
  SCRIPT_MAGIC.copy(head, 0);
  head.writeUInt32LE(SCRIPT_FORMAT, 8);
  head.writeUInt32LE(text.length, 12);
  return padTo(Buffer.concat([head, text]), 4);
}

/** Find the script section in the DROM segments of an image in `mem` at `base`. */
export function findScript(
  mem: Buffer,
  base: number,
  image: ParsedImage,
): { script: string } | { error: string } | undefined {
  for (const s of image.segments) {
    if (s.addr < 0x3f400000 || s.addr >= 0x3f800000) continue;
    const data = mem.subarray(base + s.fileOffset, base + s.fileOffset + s.length);
    const at = data.indexOf(SCRIPT_MAGIC);
    if (at < 0 || at + 16 > data.length) continue;
    const format = data.readUInt32LE(at + 8);
    const len = data.readUInt32LE(at + 12);
    if (format !== SCRIPT_FORMAT)
      return {
        error: `console script format ${format} is not supported (expected ${SCRIPT_FORMAT})`,
      };
    if (at + 16 + len > data.length) return { error: "console script runs past its segment" };
    return { script: data.subarray(at + 16, at + 16 + len).toString("utf8") };
  }
  return undefined;
}

// ------------------------------------------------------------------ partition table

export const PARTITION_TABLE_OFFSET = 0x8000;
export const PARTITION_TABLE_MAX = 0xc00;
const PARTITION_MAGIC = 0x50aa;
const MD5_MAGIC = 0xebeb;

export interface Partition {
  label: string;
  /** 0 app, 1 data. */
  type: number;
  subtype: number;
  offset: number;
  size: number;
  flags?: number;
}

export const PartitionType = { APP: 0x00, DATA: 0x01 } as const;
export const AppSubtype = { FACTORY: 0x00, OTA_0: 0x10, TEST: 0x20 } as const;
export const DataSubtype = { OTA: 0x00, PHY: 0x01, NVS: 0x02, COREDUMP: 0x03 } as const;

/** The binary partition table (gen_esp32part.py): 32-byte entries, an MD5 entry, 0xFF fill. */
export function buildPartitionTable(parts: Partition[]): Buffer {
  const entries = Buffer.concat(
    parts.map((p) => {
      const e = Buffer.alloc(32);
      e.writeUInt16LE(PARTITION_MAGIC, 0);
      e[2] = p.type;
      e[3] = p.subtype;
      e.writeUInt32LE(p.offset, 4);
      e.writeUInt32LE(p.size, 8);
      Buffer.from(p.label, "utf8").subarray(0, 16).copy(e, 12);
      e.writeUInt32LE(p.flags ?? 0, 28);
      return e;
    }),
  );
  const md5 = Buffer.alloc(32, 0xff);
  md5.writeUInt16LE(MD5_MAGIC, 0);
  createHash("md5").update(entries).digest().copy(md5, 16);
  const table = Buffer.concat([entries, md5]);
  return Buffer.concat([table, Buffer.alloc(PARTITION_TABLE_MAX - table.length, 0xff)]);
}

export type PartitionTableResult =
  { partitions: Partition[] } | { error: string; index?: number; magic?: number };

/** Parse and check a partition table as the 2nd-stage bootloader does. */
export function parsePartitionTable(b: Buffer): PartitionTableResult {
  const parts: Partition[] = [];
  for (let i = 0; (i + 1) * 32 <= Math.min(b.length, PARTITION_TABLE_MAX); i++) {
    const e = b.subarray(i * 32, i * 32 + 32);
    const magic = e.readUInt16LE(0);
    if (magic === 0xffff) break;
    if (magic === MD5_MAGIC) {
      const want = createHash("md5")
        .update(b.subarray(0, i * 32))
        .digest();
      if (!want.equals(e.subarray(16, 32))) return { error: "partition table MD5 mismatch" };
      continue;
    }
    if (magic !== PARTITION_MAGIC)
      return {
        error: `partition ${i} invalid magic number 0x${magic.toString(16)}`,
        index: i,
        magic,
      };
    const raw = e.subarray(12, 28);
    const end = raw.indexOf(0);
    parts.push({
      type: e[2]!,
      subtype: e[3]!,
      offset: e.readUInt32LE(4),
      size: e.readUInt32LE(8),
      label: raw.subarray(0, end < 0 ? 16 : end).toString("utf8"),
      flags: e.readUInt32LE(28),
    });
  }
  if (parts.length === 0)
    return { error: "partition 0 invalid magic number 0xffff", index: 0, magic: 0xffff };
  return { partitions: parts };
}

/** The "Usage" column of the bootloader's partition listing. */
export function partitionUsage(p: Partition): string {
  if (p.type === PartitionType.APP) {
    if (p.subtype === AppSubtype.FACTORY) return "factory app";
    if (p.subtype >= AppSubtype.OTA_0 && p.subtype < AppSubtype.OTA_0 + 16) return "OTA app";
    if (p.subtype === AppSubtype.TEST) return "test app";
    return "Unknown app";
  }
  if (p.type === PartitionType.DATA) {
    switch (p.subtype) {
      case DataSubtype.OTA:
        return "OTA data";
      case DataSubtype.PHY:
        return "RF data";
      case DataSubtype.NVS:
        return "WiFi data";
      case DataSubtype.COREDUMP:
        return "core dump";
    }
  }
  return "Unknown data";
}
