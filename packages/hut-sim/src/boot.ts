import type { FlashMemory } from "./flash";
import {
  AppSubtype,
  findScript,
  PARTITION_TABLE_MAX,
  PARTITION_TABLE_OFFSET,
  parseAppDescription,
  parseImage,
  parsePartitionTable,
  partitionUsage,
  PartitionType,
  verifyImage,
  type AppDescription,
  type ImageProblem,
  type ParsedImage,
  type Partition,
} from "./image";
import { RESET_REASONS, type ResetReason } from "./script";

/** The ESP32 ECO3 ROM's build date, first line of every boot. */
export const ROM_DATE_LINE = "ets Jul 29 2019 12:21:46";
export const BOOTLOADER_OFFSET = 0x1000;
export const STRAP_FLASH_BOOT = 0x13;
export const STRAP_DOWNLOAD_BOOT = 0x03;
/** The ESP-IDF release the simulated bootloader and apps claim to be built with. */
export const IDF_VERSION = "v5.2.1";

/** Where the boot sequence prints: whole lines, and ESP-IDF log lines stamped at print time. */
export interface BootOutput {
  line(text: string): Promise<void>;
  log(level: "E" | "W" | "I", tag: string, text: string): Promise<void>;
}

export function resetLine(reason: ResetReason, download: boolean): string {
  const boot = download
    ? `boot:0x${STRAP_DOWNLOAD_BOOT.toString(16)} (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))`
    : `boot:0x${STRAP_FLASH_BOOT.toString(16)} (SPI_FAST_FLASH_BOOT)`;
  return `rst:0x${RESET_REASONS[reason].toString(16)} (${reason}),${boot}`;
}

/** The ROM's first words after a reset into the serial bootloader. */
export async function printDownloadBanner(out: BootOutput, reason: ResetReason): Promise<void> {
  await out.line(ROM_DATE_LINE);
  await out.line("");
  await out.line(resetLine(reason, true));
  await out.line("waiting for download");
}

export type BootOutcome =
  | {
      kind: "app";
      partition: Partition;
      image: ParsedImage;
      desc: AppDescription | undefined;
      script: string | undefined;
      scriptError: string | undefined;
    }
  /** The ROM finds no bootloader: it prints `invalid header` over and over. */
  | { kind: "invalid-header"; word: number }
  /** The 2nd-stage bootloader gives up and resets the chip. */
  | { kind: "reset"; reason: ResetReason };

const MODE_NAMES = { qio: "QIO", qout: "QOUT", dio: "DIO", dout: "DOUT" } as const;
const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/** Boot from flash as the ROM and the ESP-IDF 2nd-stage bootloader do, printing what they print. */
export async function bootFromFlash(
  flash: FlashMemory,
  reason: ResetReason,
  out: BootOutput,
  romBanner = true,
): Promise<BootOutcome> {
  // ---- ROM (after FLASH_END "run user code" the ROM goes straight to loading)
  if (romBanner) {
    await out.line(ROM_DATE_LINE);
    await out.line("");
    await out.line(resetLine(reason, false));
  }
  await out.line("configsip: 0, SPIWP:0xee");
  await out.line("clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00");
  const parsed = parseImage(
    flash.data,
    BOOTLOADER_OFFSET,
    PARTITION_TABLE_OFFSET - BOOTLOADER_OFFSET,
  );
  const header = "image" in parsed ? parsed.image : undefined;
  const mode = header?.flashMode ? MODE_NAMES[header.flashMode] : "DIO";
  const div = header?.flashFreq === "80m" ? 1 : 2;
  await out.line(`mode:${mode}, clock div:${div}`);
  if (!header) {
    return { kind: "invalid-header", word: flash.data.readUInt32LE(BOOTLOADER_OFFSET) };
  }
  for (const s of header.segments) await out.line(`load:0x${hex8(s.addr)},len:${s.length}`);
  await out.line(`entry 0x${hex8(header.entry)}`);

  // ---- 2nd-stage bootloader
  await out.log("I", "boot", `ESP-IDF ${IDF_VERSION} 2nd stage bootloader`);
  await out.log("I", "boot", "compile time Mar 19 2024 10:00:00");
  await out.log("I", "boot", "Multicore bootloader");
  await out.log("I", "boot", "chip revision: v3.0");
  await out.log(
    "I",
    "boot.esp32",
    `SPI Speed      : ${header.flashFreq === "80m" ? "80" : (header.flashFreq ?? "40m").replace("m", "")}MHz`,
  );
  await out.log("I", "boot.esp32", `SPI Mode       : ${mode}`);
  await out.log("I", "boot.esp32", `SPI Flash Size : ${header.flashSize ?? "4MB"}`);
  await out.log("I", "boot", "Enabling RNG early entropy source...");
  const table = parsePartitionTable(flash.read(PARTITION_TABLE_OFFSET, PARTITION_TABLE_MAX));
  if ("error" in table) {
    await out.log("E", "flash_parts", table.error);
    await out.log("E", "boot", "Failed to verify partition table");
    await out.log("E", "boot", "load partition table error!");
    return { kind: "reset", reason: "SW_RESET" };
  }
  await out.log("I", "boot", "Partition Table:");
  await out.log("I", "boot", "## Label            Usage          Type ST Offset   Length");
  for (const [i, p] of table.partitions.entries()) {
    await out.log(
      "I",
      "boot",
      `${String(i).padStart(2)} ${p.label.padEnd(16)} ${partitionUsage(p).padEnd(16)} ${p.type.toString(16).padStart(2, "0")} ${p.subtype.toString(16).padStart(2, "0")} ${hex8(p.offset)} ${hex8(p.size)}`,
    );
  }
  await out.log("I", "boot", "End of partition table");

  const apps = table.partitions.filter((p) => p.type === PartitionType.APP);
  const factory = apps.find((p) => p.subtype === AppSubtype.FACTORY);
  const candidates = factory ? [factory, ...apps.filter((p) => p !== factory)] : apps;
  for (const p of candidates) {
    if (p.offset + p.size > flash.size) continue;
    const res = parseImage(flash.data, p.offset, p.size);
    const problem: ImageProblem | undefined =
      "problem" in res ? res.problem : verifyImage(res.image);
    if (problem || !("image" in res)) {
      await out.log("E", "esp_image", describeProblem(problem!, p.offset));
      await out.log(
        "E",
        "boot",
        `${p.subtype === AppSubtype.FACTORY ? "Factory" : "OTA"} app partition is not bootable`,
      );
      continue;
    }
    const image = res.image;
    for (const [i, s] of image.segments.entries()) {
      const mapped =
        (s.addr >= 0x3f400000 && s.addr < 0x3f800000) ||
        (s.addr >= 0x400d0000 && s.addr < 0x40400000);
      await out.log(
        "I",
        "esp_image",
        `segment ${i}: paddr=${hex8(p.offset + s.fileOffset)} vaddr=${hex8(s.addr)} size=${s.length.toString(16).padStart(5, "0")}h (${String(s.length).padStart(6)}) ${mapped ? "map" : "load"}`,
      );
    }
    await out.log("I", "boot", `Loaded app from partition at offset 0x${p.offset.toString(16)}`);
    await out.log("I", "boot", "Disabling RNG early entropy source...");
    const first = image.segments[0];
    const desc = first
      ? parseAppDescription(flash.read(p.offset + first.fileOffset, Math.min(first.length, 256)))
      : undefined;
    const script = findScript(flash.data, p.offset, image);
    return {
      kind: "app",
      partition: p,
      image,
      desc,
      script: script && "script" in script ? script.script : undefined,
      scriptError: script && "error" in script ? script.error : undefined,
    };
  }
  await out.log("E", "boot", "No bootable app partitions in the partition table");
  return { kind: "reset", reason: "SW_RESET" };
}

function describeProblem(p: ImageProblem, offset: number): string {
  switch (p.kind) {
    case "magic":
      return `image at 0x${offset.toString(16)} has invalid magic byte (nothing flashed here?)`;
    case "segments":
      return `image at 0x${offset.toString(16)}: ${p.message}`;
    case "checksum":
      return `Checksum failed. Calculated 0x${p.calculated.toString(16)} read 0x${p.stored.toString(16)}`;
    case "hash":
      return "Image hash failed - image is corrupt";
  }
}

/** What cpu_start/app_init print once the app runs, up to app_main(). */
export async function printAppStart(
  out: BootOutput,
  desc: AppDescription | undefined,
): Promise<void> {
  await out.log("I", "cpu_start", "Multicore app");
  await out.log("I", "cpu_start", "Pro cpu start user code");
  await out.log("I", "cpu_start", "cpu freq: 160000000 Hz");
  await out.log("I", "cpu_start", "Application information:");
  await out.log("I", "cpu_start", `Project name:     ${desc?.projectName ?? "app"}`);
  await out.log("I", "cpu_start", `App version:      ${desc?.version ?? "1"}`);
  await out.log(
    "I",
    "cpu_start",
    `Compile time:     ${desc ? `${desc.date} ${desc.time}` : "Jan  1 2026 00:00:00"}`,
  );
  await out.log("I", "cpu_start", `ELF file SHA256:  ${elfShaShort(desc)}...`);
  await out.log("I", "cpu_start", `ESP-IDF:          ${desc?.idfVersion ?? IDF_VERSION}`);
  await out.log("I", "cpu_start", "Min chip rev:     v0.0");
  await out.log("I", "cpu_start", "Max chip rev:     v3.99 ");
  await out.log("I", "cpu_start", "Chip rev:         v3.0");
  await out.log("I", "heap_init", "Initializing. RAM available for dynamic allocation:");
  await out.log("I", "heap_init", "At 3FFAE6E0 len 00001920 (6 KiB): DRAM");
  await out.log("I", "heap_init", "At 3FFB2A40 len 0002D5C0 (181 KiB): DRAM");
  await out.log("I", "spi_flash", "detected chip: gd");
  await out.log("I", "spi_flash", "flash io: dio");
  await out.log("I", "main_task", "Started on CPU0");
  await out.log("I", "main_task", "Calling app_main()");
}

export function elfShaShort(desc: AppDescription | undefined): string {
  return desc ? desc.elfSha256.toString("hex").slice(0, 16) : "0000000000000000";
}
