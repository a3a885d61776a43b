import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError } from "@hil/contracts";
import { BOOTLOADER_OFFSET, IDF_VERSION } from "./boot";
import type { FlashMemory } from "./flash";
import {
  AppSubtype,
  buildAppDescription,
  buildImage,
  buildPartitionTable,
  buildScriptSection,
  DataSubtype,
  PARTITION_TABLE_OFFSET,
  PartitionType,
  type FlashFreq,
  type FlashMode,
  type FlashSizeName,
  type Partition,
} from "./image";
import { parseScript } from "./script";

export const APP_OFFSET = 0x10000;
/** Default size of a generated app image (the smallest with a realistic segment layout is ~66 KiB). */
export const DEFAULT_APP_SIZE = 96 * 1024;
const MIN_APP_SIZE = 0x10020 + 64;

export interface TestFirmwareOptions {
  /** Build directory to write (created). */
  dir: string;
  /** Console script the simulator runs when the app boots (docs/simulator.md). */
  script?: string;
  /** ESP-IDF project name; the app binary is `<name>.bin`. Default `hil_test_app`. */
  projectName?: string;
  /** App version in esp_app_desc_t. Default `1.0.0`. */
  version?: string;
  /** Size of the app .bin in bytes (rounded up to 16). Default 96 KiB. */
  appSize?: number;
  /** Seed for the filler content; same options give byte-identical images. */
  seed?: string;
  flashMode?: FlashMode;
  flashFreq?: FlashFreq;
  flashSize?: FlashSizeName;
  /** Build time recorded in the app description. Default 2026-01-01T00:00:00Z. */
  buildTime?: Date;
  /** Check the script at build time (default true). */
  validateScript?: boolean;
}

export interface FirmwareImage {
  name: "bootloader" | "partition-table" | "app";
  offset: number;
  /** Path relative to the build directory, as in flasher_args.json. */
  file: string;
  /** Absolute path. */
  path: string;
  size: number;
  sha256: string;
  data: Buffer;
}

export interface TestFirmware {
  dir: string;
  flasherArgs: string;
  projectDescription: string;
  images: FirmwareImage[];
  app: FirmwareImage;
  flash: { mode: FlashMode; freq: FlashFreq; size: FlashSizeName };
}

/** mulberry32: a small seeded PRNG, enough for deterministic filler. */
function prng(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic bytes that compress like firmware (~55-60 % of original with zlib at
 * level 9): code is drawn from a library of ~1150 short snippets that fits in deflate's
 * 32 KiB window, with ~5 % of bytes changed (immediates, addresses).
 */
export function firmwareFiller(size: number, seed: string): Buffer {
  const r = prng(seed);
  const lib: Buffer[] = [];
  for (let i = 0; i < 1150; i++) {
    const len = 6 + Math.floor(r() * 40);
    const b = Buffer.allocUnsafe(len);
    for (let j = 0; j < len; j++) b[j] = Math.floor(r() * 256);
    lib.push(b);
  }
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  while (o < size) {
    const s = lib[Math.floor(Math.pow(r(), 1.5) * lib.length)]!;
    for (let i = 0; i < s.length && o < size; i++)
      out[o++] = r() < 0.05 ? Math.floor(r() * 256) : s[i]!;
  }
  return out;
}

const round16 = (n: number) => Math.ceil(n / 16) * 16;

export interface AppImageOptions {
  script?: string;
  projectName?: string;
  version?: string;
  appSize?: number;
  seed?: string;
  flashMode?: FlashMode;
  flashFreq?: FlashFreq;
  flashSize?: FlashSizeName;
  buildTime?: Date;
  /** Check the script at build time (default true; false only to test the simulator's own error path). */
  validateScript?: boolean;
}

/**
 * An ESP32 app image shaped like an ESP-IDF build: esp_app_desc_t at the start of the
 * DROM segment (followed by the console script section), DRAM and IRAM segments, the
 * IROM segment 64 KiB-aligned so flash offset and address agree, checksum and SHA-256.
 */
export function buildAppImage(o: AppImageOptions = {}): Buffer {
  const size = round16(o.appSize ?? DEFAULT_APP_SIZE);
  if (size < MIN_APP_SIZE)
    throw new ConfigurationError(
      `App size ${size} is too small; the smallest is ${MIN_APP_SIZE} bytes.`,
    );
  if (o.script !== undefined && o.validateScript !== false) parseScript(o.script); // refuse a broken script at build time
  const projectName = o.projectName ?? "hil_test_app";
  const version = o.version ?? "1.0.0";
  const seed = o.seed ?? `${projectName}@${version}`;
  const when = o.buildTime ?? new Date("2026-01-01T00:00:00Z");
  const months = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  const desc = buildAppDescription({
    version,
    projectName,
    time: when.toISOString().slice(11, 19),
    date: `${months[when.getUTCMonth()]} ${String(when.getUTCDate()).padStart(2, " ")} ${when.getUTCFullYear()}`,
    idfVersion: IDF_VERSION,
    elfSha256: createHash("sha256")
      .update(`${seed}\n${o.script ?? ""}`)
      .digest(),
  });
  const script = o.script !== undefined ? buildScriptSection(o.script) : Buffer.alloc(0);
  const fill = firmwareFiller(size, seed);
  let used = 0;
  const take = (n: number) => {
    const b = fill.subarray(used, used + n);
    used += n;
    return b.length === n ? b : Buffer.concat([b, Buffer.alloc(n - b.length)]);
  };
  const rodata = Math.max(0x400, Math.floor(size * 0.12) & ~3);
  const seg0 = Buffer.concat([desc, script, take(rodata)]);
  const seg1 = take(0x1000);
  // seg2 (IRAM) pads so seg3's data lands where flash offset ≡ vaddr (mod 64 KiB).
  const afterSeg1 = 24 + 8 + seg0.length + 8 + seg1.length;
  let l2 = (0x20 - (afterSeg1 + 16)) & 0xffff;
  if (l2 < 0x400) l2 += 0x10000;
  const seg3Start = afterSeg1 + 16 + l2;
  const l3 = size - 48 - seg3Start;
  if (l3 < 4)
    throw new ConfigurationError(
      `App size ${size} leaves no room for code after a ${script.length}-byte script; give a larger appSize.`,
    );
  const image = buildImage({
    flashMode: o.flashMode ?? "dio",
    flashFreq: o.flashFreq ?? "40m",
    flashSize: o.flashSize ?? "4MB",
    entry: 0x40081000 + 0x1c,
    segments: [
      { addr: 0x3f400020, data: seg0 },
      { addr: 0x3ffb0000, data: seg1 },
      { addr: 0x40080000, data: take(l2) },
      { addr: 0x400d0020, data: take(l3) },
    ],
  });
  if (image.length !== size)
    throw new Error(`internal: app image is ${image.length}, wanted ${size}`);
  return image;
}

/** A 2nd-stage bootloader image with the segment layout of an ESP-IDF v5 ESP32 build. */
export function buildBootloaderImage(
  o: { flashMode?: FlashMode; flashFreq?: FlashFreq; flashSize?: FlashSizeName } = {},
): Buffer {
  const fill = firmwareFiller(6276 + 15748 + 3860, "bootloader");
  return buildImage({
    flashMode: o.flashMode ?? "dio",
    flashFreq: o.flashFreq ?? "40m",
    flashSize: o.flashSize ?? "4MB",
    entry: 0x4008063c,
    segments: [
      { addr: 0x3fff0030, data: fill.subarray(0, 6276) },
      { addr: 0x40078000, data: fill.subarray(6276, 6276 + 15748) },
      { addr: 0x40080400, data: fill.subarray(6276 + 15748) },
    ],
  });
}

/** ESP-IDF's "Single factory app, no OTA" table, the factory partition grown to fit the app. */
export function defaultPartitions(appSize: number): Partition[] {
  const factory = Math.max(0x100000, Math.ceil(appSize / 0x10000) * 0x10000);
  return [
    {
      label: "nvs",
      type: PartitionType.DATA,
      subtype: DataSubtype.NVS,
      offset: 0x9000,
      size: 0x6000,
    },
    {
      label: "phy_init",
      type: PartitionType.DATA,
      subtype: DataSubtype.PHY,
      offset: 0xf000,
      size: 0x1000,
    },
    {
      label: "factory",
      type: PartitionType.APP,
      subtype: AppSubtype.FACTORY,
      offset: APP_OFFSET,
      size: factory,
    },
  ];
}

const sizeBytes = (s: FlashSizeName) => Number(s.replace("MB", "")) * 1024 * 1024;

/**
 * Write an ESP-IDF-shaped build directory for the simulator: flasher_args.json,
 * flash_args, project_description.json, bootloader/bootloader.bin,
 * partition_table/partition-table.bin and `<project>.bin` carrying the console script.
 */
export function buildTestFirmware(o: TestFirmwareOptions): TestFirmware {
  const projectName = o.projectName ?? "hil_test_app";
  const flash = {
    mode: o.flashMode ?? "dio",
    freq: o.flashFreq ?? "40m",
    size: o.flashSize ?? "4MB",
  } as const;
  const app = buildAppImage({
    ...o,
    projectName,
    flashMode: flash.mode,
    flashFreq: flash.freq,
    flashSize: flash.size,
  });
  const parts = defaultPartitions(app.length);
  const factory = parts.find((p) => p.type === PartitionType.APP)!;
  if (factory.offset + factory.size > sizeBytes(flash.size))
    throw new ConfigurationError(
      `An app of ${app.length} bytes does not fit a ${flash.size} flash.`,
    );
  const table = buildPartitionTable(parts);
  const bootloader = buildBootloaderImage({
    flashMode: flash.mode,
    flashFreq: flash.freq,
    flashSize: flash.size,
  });
  const dir = o.dir;
  mkdirSync(join(dir, "bootloader"), { recursive: true });
  mkdirSync(join(dir, "partition_table"), { recursive: true });
  const img = (
    name: FirmwareImage["name"],
    offset: number,
    file: string,
    data: Buffer,
  ): FirmwareImage => {
    const path = join(dir, file);
    writeFileSync(path, data);
    return {
      name,
      offset,
      file,
      path,
      size: data.length,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    };
  };
  const images = [
    img("bootloader", BOOTLOADER_OFFSET, "bootloader/bootloader.bin", bootloader),
    img("partition-table", PARTITION_TABLE_OFFSET, "partition_table/partition-table.bin", table),
    img("app", APP_OFFSET, `${projectName}.bin`, app),
  ];
  const hex = (n: number) => `0x${n.toString(16)}`;
  const entry = (i: FirmwareImage) => ({ offset: hex(i.offset), file: i.file, encrypted: "false" });
  const [bl, pt, ap] = images as [FirmwareImage, FirmwareImage, FirmwareImage];
  const flasherArgs = {
    write_flash_args: [
      "--flash_mode",
      flash.mode,
      "--flash_size",
      flash.size,
      "--flash_freq",
      flash.freq,
    ],
    flash_settings: { flash_mode: flash.mode, flash_size: flash.size, flash_freq: flash.freq },
    flash_files: {
      [hex(bl.offset)]: bl.file,
      [hex(ap.offset)]: ap.file,
      [hex(pt.offset)]: pt.file,
    },
    bootloader: entry(bl),
    app: entry(ap),
    "partition-table": entry(pt),
    extra_esptool_args: { after: "hard_reset", before: "default_reset", stub: true, chip: "esp32" },
  };
  const flasherArgsPath = join(dir, "flasher_args.json");
  writeFileSync(flasherArgsPath, `${JSON.stringify(flasherArgs, null, 4)}\n`);
  writeFileSync(
    join(dir, "flash_args"),
    `--flash_mode ${flash.mode} --flash_freq ${flash.freq} --flash_size ${flash.size}\n` +
      [bl, pt, ap].map((i) => `${hex(i.offset)} ${i.file}`).join("\n") +
      "\n",
  );
  const projectDescription = {
    project_name: projectName,
    project_version: o.version ?? "1.0.0",
    project_path: `/project/${projectName}`,
    idf_path: "/opt/esp/idf",
    build_dir: dir,
    config_file: `/project/${projectName}/sdkconfig`,
    config_defaults: "",
    bootloader_elf: join(dir, "bootloader", "bootloader.elf"),
    app_elf: `${projectName}.elf`,
    app_bin: ap.file,
    build_type: "flash_app",
    git_revision: IDF_VERSION,
    target: "esp32",
    rev: "0",
    min_rev: "0",
    max_rev: "399",
    phy_data_partition: "",
    monitor_baud: "115200",
    monitor_toolprefix: "xtensa-esp32-elf-",
    c_compiler: "/opt/esp/tools/xtensa-esp-elf/bin/xtensa-esp32-elf-gcc",
    config_environment: { COMPONENT_KCONFIGS: "", COMPONENT_KCONFIGS_PROJBUILD: "" },
    common_component_reqs: [
      "cxx",
      "newlib",
      "freertos",
      "esp_hw_support",
      "heap",
      "log",
      "soc",
      "hal",
      "esp_rom",
      "esp_common",
      "esp_system",
    ],
    build_components: ["bootloader", "esptool_py", "main", "partition_table", "unity"],
    build_component_paths: [],
    debug_prefix_map_gdbinit: "",
  };
  const projectDescriptionPath = join(dir, "project_description.json");
  writeFileSync(projectDescriptionPath, `${JSON.stringify(projectDescription, null, 4)}\n`);
  return {
    dir,
    flasherArgs: flasherArgsPath,
    projectDescription: projectDescriptionPath,
    images,
    app: ap,
    flash,
  };
}

/** Put firmware straight into a board's flash (no serial traffic), as a factory programmer would. */
export function installFirmware(
  flash: FlashMemory,
  images: { offset: number; data: Buffer }[],
): void {
  for (const i of images) {
    flash.erase(i.offset, i.data.length);
    flash.write(i.offset, i.data);
  }
  flash.sync();
}
