import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildAppImage, buildTestFirmware, firmwareFiller } from "../src/firmware";
import { parsePartitionTable } from "../src/image";
import { ScriptError } from "../src/script";

const tmp = () => mkdtempSync(join(tmpdir(), "fw-"));

describe("buildTestFirmware", () => {
  it("writes an ESP-IDF-shaped build directory", () => {
    const dir = tmp();
    const fw = buildTestFirmware({ dir, projectName: "unit_tests", script: "print hello\n" });
    const args = JSON.parse(readFileSync(join(dir, "flasher_args.json"), "utf8"));
    expect(args).toEqual({
      write_flash_args: ["--flash_mode", "dio", "--flash_size", "4MB", "--flash_freq", "40m"],
      flash_settings: { flash_mode: "dio", flash_size: "4MB", flash_freq: "40m" },
      flash_files: {
        "0x1000": "bootloader/bootloader.bin",
        "0x10000": "unit_tests.bin",
        "0x8000": "partition_table/partition-table.bin",
      },
      bootloader: { offset: "0x1000", file: "bootloader/bootloader.bin", encrypted: "false" },
      app: { offset: "0x10000", file: "unit_tests.bin", encrypted: "false" },
      "partition-table": {
        offset: "0x8000",
        file: "partition_table/partition-table.bin",
        encrypted: "false",
      },
      extra_esptool_args: {
        after: "hard_reset",
        before: "default_reset",
        stub: true,
        chip: "esp32",
      },
    });
    for (const f of Object.values(args.flash_files) as string[])
      expect(existsSync(join(dir, f))).toBe(true);
    const desc = JSON.parse(readFileSync(join(dir, "project_description.json"), "utf8"));
    expect(desc).toMatchObject({
      project_name: "unit_tests",
      app_bin: "unit_tests.bin",
      target: "esp32",
    });
    expect(readFileSync(join(dir, "flash_args"), "utf8")).toContain("0x10000 unit_tests.bin");
    expect(
      parsePartitionTable(readFileSync(join(dir, "partition_table/partition-table.bin"))),
    ).toHaveProperty("partitions");
    expect(fw.app.size).toBe(96 * 1024);
    expect(fw.images.map((i) => i.name)).toEqual(["bootloader", "partition-table", "app"]);
  });

  it("makes an app of the size asked for, which compresses like real firmware", () => {
    const app = buildAppImage({ appSize: 1024 * 1024, script: "print x" });
    expect(app.length).toBe(1024 * 1024);
    const ratio = deflateSync(app, { level: 9 }).length / app.length;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.65);
  });

  it("is deterministic and differs when the script or seed does", () => {
    const a = buildAppImage({ script: "print a" });
    expect(buildAppImage({ script: "print a" }).equals(a)).toBe(true);
    expect(buildAppImage({ script: "print b" }).equals(a)).toBe(false);
    expect(firmwareFiller(1000, "x").equals(firmwareFiller(1000, "y"))).toBe(false);
  });

  it("refuses a broken script at build time, naming the line", () => {
    expect(() => buildTestFirmware({ dir: tmp(), script: "print ok\nfrobnicate\n" })).toThrow(
      ScriptError,
    );
    expect(() => buildAppImage({ script: "goto nowhere" })).toThrow(
      /line 1: goto to undefined label "nowhere"/,
    );
  });

  it("refuses sizes it cannot lay out", () => {
    expect(() => buildAppImage({ appSize: 4096 })).toThrow(/too small/);
    expect(() => buildTestFirmware({ dir: tmp(), appSize: 5 * 1024 * 1024 })).toThrow(
      /does not fit a 4MB flash/,
    );
  });
});
