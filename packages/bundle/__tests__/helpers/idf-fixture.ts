import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yazl from "yazl";

/**
 * A small, deterministic ESP-IDF build directory: the images `idf.py build` leaves (bootloader,
 * partition table, app, optionally otadata) and the real-format flasher_args.json and
 * project_description.json. Same options, same bytes.
 */
export interface IdfFixtureOptions {
  project?: string;
  version?: string;
  idfVersion?: string;
  chip?: string;
  appSize?: number;
  seed?: number;
  /** Add ota_data_initial.bin at 0xd000 (an OTA partition table). */
  ota?: boolean;
  flash?: { mode?: string; freq?: string; size?: string };
}

/** xorshift32: deterministic bytes that compress like code (low-entropy nibbles, some runs). */
export function fwBytes(size: number, seed: number, magic = 0xe9): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = i % 64 < 48 ? x & 0x3f : 0xff;
  }
  b[0] = magic;
  return b;
}

export function makeIdfBuild(dir: string, opts: IdfFixtureOptions = {}): string {
  const project = opts.project ?? "thermostat";
  const chip = opts.chip ?? "esp32";
  const seed = opts.seed ?? 7;
  const flash = { mode: "dio", freq: "40m", size: "4MB", ...opts.flash };
  const bootOffset = chip === "esp32" || chip === "esp32s2" ? 0x1000 : 0x0;
  mkdirSync(join(dir, "bootloader"), { recursive: true });
  mkdirSync(join(dir, "partition_table"), { recursive: true });
  writeFileSync(join(dir, "bootloader", "bootloader.bin"), fwBytes(26_640, seed));
  writeFileSync(join(dir, "partition_table", "partition-table.bin"), fwBytes(3072, seed + 1, 0xaa));
  writeFileSync(join(dir, `${project}.bin`), fwBytes(opts.appSize ?? 181_456, seed + 2));
  if (opts.ota) writeFileSync(join(dir, "ota_data_initial.bin"), Buffer.alloc(8192, 0xff));

  const entry = (offset: string, file: string) => ({ offset, file, encrypted: "false" });
  const files: Record<string, string> = {
    [`0x${bootOffset.toString(16)}`]: "bootloader/bootloader.bin",
    "0x10000": `${project}.bin`,
    "0x8000": "partition_table/partition-table.bin",
  };
  if (opts.ota) files["0xd000"] = "ota_data_initial.bin";
  const flasherArgs: Record<string, unknown> = {
    write_flash_args: [
      "--flash_mode",
      flash.mode,
      "--flash_size",
      flash.size,
      "--flash_freq",
      flash.freq,
    ],
    flash_settings: { flash_mode: flash.mode, flash_size: flash.size, flash_freq: flash.freq },
    flash_files: files,
    bootloader: entry(`0x${bootOffset.toString(16)}`, "bootloader/bootloader.bin"),
    app: entry("0x10000", `${project}.bin`),
    "partition-table": entry("0x8000", "partition_table/partition-table.bin"),
    ...(opts.ota ? { otadata: entry("0xd000", "ota_data_initial.bin") } : {}),
    extra_esptool_args: { after: "hard_reset", before: "default_reset", stub: true, chip },
  };
  writeFileSync(join(dir, "flasher_args.json"), JSON.stringify(flasherArgs, null, 4) + "\n");

  const projectPath = join(dir, "..");
  const description = {
    version: "1.2",
    project_name: project,
    project_version: opts.version ?? "1.4.0-3-g9fceb02",
    project_path: projectPath,
    idf_path: "/opt/esp/idf",
    build_dir: dir,
    config_file: join(projectPath, "sdkconfig"),
    config_defaults: "",
    bootloader_elf: join(dir, "bootloader", "bootloader.elf"),
    app_elf: `${project}.elf`,
    app_bin: `${project}.bin`,
    build_type: "flash_app",
    git_revision: opts.idfVersion ?? "v5.3.1",
    target: chip,
    rev: "0",
    min_rev: "0",
    max_rev: "399",
    phy_data_partition: "",
    monitor_baud: "115200",
    monitor_toolprefix: "xtensa-esp32-elf-",
    c_compiler: "/opt/esp/tools/xtensa-esp-elf/bin/xtensa-esp32-elf-gcc",
    config_environment: { COMPONENT_KCONFIGS: "", COMPONENT_KCONFIGS_PROJBUILD: "" },
    common_component_reqs: ["cxx", "newlib", "freertos", "esp_hw_support"],
    build_components: ["app_update", "bootloader", "esptool_py", "main", "partition_table"],
    build_component_paths: [],
    debug_prefix_map_gdbinit: "",
  };
  writeFileSync(join(dir, "project_description.json"), JSON.stringify(description, null, 4) + "\n");
  return dir;
}

export interface RawEntry {
  name: string;
  data?: Buffer;
  /** Unix mode, e.g. 0o120777 for a symlink (its data is the link target). */
  mode?: number;
}

/**
 * Write a zip with arbitrary entry names, including ones yazl refuses (`../x`, `/etc/x`): each
 * name is written under a same-length placeholder and patched in the finished bytes (the CRC
 * covers the data, not the name). For building hostile archives in tests only.
 */
export async function writeRawZip(path: string, entries: RawEntry[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const patches: [string, string][] = [];
  entries.forEach((e, i) => {
    const placeholder = `${String(i).padStart(2, "0")}`.padEnd(e.name.length, "q");
    if (placeholder.length !== e.name.length) throw new Error(`name too short: ${e.name}`);
    patches.push([placeholder, e.name]);
    zip.addBuffer(e.data ?? Buffer.from("x"), placeholder, {
      mtime: new Date(Date.UTC(2026, 0, 1)),
      ...(e.mode !== undefined ? { mode: e.mode } : {}),
    });
  });
  zip.end();
  const chunks: Buffer[] = [];
  zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
  await new Promise<void>((resolve) => zip.outputStream.on("end", () => resolve()));
  const bytes = Buffer.concat(chunks);
  for (const [from, to] of patches) {
    const src = Buffer.from(from);
    const dst = Buffer.from(to);
    let at = bytes.indexOf(src);
    let n = 0;
    while (at !== -1) {
      dst.copy(bytes, at);
      n++;
      at = bytes.indexOf(src, at + 1);
    }
    if (n < 2) throw new Error(`placeholder ${from} found ${n} times`);
  }
  writeFileSync(path, bytes);
}
