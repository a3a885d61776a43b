import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { manifest as manifestSchema } from "@hil/contracts";
import {
  bundleArtifactName,
  LocalSource,
  fetchBundle,
  packBundle,
  readIdfBuild,
} from "../src/index";
import { makeIdfBuild } from "./helpers/idf-fixture";

const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "hil-pack-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("readIdfBuild", () => {
  it("reads offsets, files, names, flash settings, chip and app description", () => {
    const build = makeIdfBuild(join(tmp(), "build"), { ota: true });
    const idf = readIdfBuild(build);
    expect(idf.chip).toBe("esp32");
    expect(idf.flash).toEqual({ mode: "dio", freq: "40m", size: "4MB" });
    expect(idf.images.map((i) => [i.name, i.offset, i.file])).toEqual([
      ["bootloader", 0x1000, "bootloader/bootloader.bin"],
      ["partition-table", 0x8000, "partition_table/partition-table.bin"],
      ["otadata", 0xd000, "ota_data_initial.bin"],
      ["app", 0x10000, "thermostat.bin"],
    ]);
    expect(idf.app).toEqual({
      project_name: "thermostat",
      version: "1.4.0-3-g9fceb02",
      idf_version: "v5.3.1",
    });
  });

  it("puts the bootloader where the chip wants it (0x0 on esp32c3)", () => {
    const idf = readIdfBuild(makeIdfBuild(join(tmp(), "build"), { chip: "esp32c3" }));
    expect(idf.chip).toBe("esp32c3");
    expect(idf.images[0]).toMatchObject({ name: "bootloader", offset: 0 });
  });

  it("refuses a directory without flasher_args.json, saying what to do", () => {
    const d = tmp();
    expect(() => readIdfBuild(d)).toThrow(
      /not an ESP-IDF build directory: flasher_args.json is missing/,
    );
    try {
      readIdfBuild(d);
    } catch (e) {
      expect((e as { hint?: string }).hint).toMatch(/idf.py build/);
    }
  });

  it("refuses a flash file outside the build directory", () => {
    const build = makeIdfBuild(join(tmp(), "build"));
    const args = JSON.parse(readFileSync(join(build, "flasher_args.json"), "utf8"));
    args.flash_files["0x200000"] = "../../etc/passwd";
    writeFileSync(join(build, "flasher_args.json"), JSON.stringify(args));
    expect(() => readIdfBuild(build)).toThrow(
      /lists \.\.\/\.\.\/etc\/passwd, which is outside the build directory/,
    );
  });

  it("refuses a listed image that is missing, naming it and its offset", () => {
    const build = makeIdfBuild(join(tmp(), "build"));
    rmSync(join(build, "thermostat.bin"));
    expect(() => readIdfBuild(build)).toThrow(
      /lists thermostat.bin at 0x10000, but .* does not exist/,
    );
  });

  it("refuses a chip it does not know and a target that disagrees", () => {
    const build = makeIdfBuild(join(tmp(), "build"));
    const args = JSON.parse(readFileSync(join(build, "flasher_args.json"), "utf8"));
    args.extra_esptool_args.chip = "esp8266";
    writeFileSync(join(build, "flasher_args.json"), JSON.stringify(args));
    expect(() => readIdfBuild(build)).toThrow(/extra_esptool_args.chip failed validation/);
    args.extra_esptool_args.chip = "esp32s3";
    writeFileSync(join(build, "flasher_args.json"), JSON.stringify(args));
    expect(() => readIdfBuild(build)).toThrow(/is for esp32s3 but .* says the target is esp32/);
  });
});

describe("packBundle", () => {
  it("writes the images and a manifest that validates, records sha256s and builder versions", async () => {
    const root = tmp();
    const build = makeIdfBuild(join(root, "build"));
    const packed = await packBundle({
      buildDir: build,
      outDir: join(root, "bundle"),
      sha: SHA,
      repo: "acme/thermostat-fw",
      buildTime: new Date("2026-11-21T10:09:47.123Z"),
    });
    const onDisk = readFileSync(join(root, "bundle", "manifest.json"));
    expect(packed.digest).toBe(sha256(onDisk));
    const m = manifestSchema.parse(JSON.parse(onDisk.toString()));
    expect(m).toMatchObject({
      schema_version: "hil.fw-manifest.v1",
      commit_sha: SHA,
      repo: "acme/thermostat-fw",
      chip: "esp32",
      flash: { mode: "dio", freq: "40m", size: "4MB" },
      app: { project_name: "thermostat", idf_version: "v5.3.1" },
      builder: { "esp-idf": "v5.3.1", "hil-actions": "0.1.0" },
      build_time: "2026-11-21T10:09:47Z",
    });
    for (const img of m.images) {
      const bytes = readFileSync(join(root, "bundle", img.file));
      expect(img.size).toBe(bytes.length);
      expect(img.sha256).toBe(sha256(readFileSync(join(build, img.file))));
    }
    expect(packed.files).toEqual([
      "manifest.json",
      "bootloader/bootloader.bin",
      "partition_table/partition-table.bin",
      "thermostat.bin",
    ]);
    expect(packed.bytes).toBe(26_640 + 3072 + 181_456);
  });

  it("writes the same zip bytes for the same build (SOURCE_DATE_EPOCH)", async () => {
    const root = tmp();
    const build = makeIdfBuild(join(root, "build"));
    process.env.SOURCE_DATE_EPOCH = "1790000000";
    try {
      const a = await packBundle({
        buildDir: build,
        outDir: join(root, "a"),
        sha: SHA,
        zipPath: join(root, "a.zip"),
      });
      const b = await packBundle({
        buildDir: build,
        outDir: join(root, "b"),
        sha: SHA,
        zipPath: join(root, "b.zip"),
      });
      expect(a.manifest.build_time).toBe("2026-09-21T14:13:20Z");
      expect(a.digest).toBe(b.digest);
      expect(sha256(readFileSync(a.zipPath!))).toBe(sha256(readFileSync(b.zipPath!)));
      expect(a.zipBytes).toBeLessThan(a.bytes);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });

  it("round-trips: the zip opens as a verified bundle of the same digest", async () => {
    const root = tmp();
    const packed = await packBundle({
      buildDir: makeIdfBuild(join(root, "build")),
      outDir: join(root, "bundle"),
      sha: SHA,
      zipPath: join(root, `${bundleArtifactName(SHA)}.zip`),
    });
    const h = await fetchBundle({ source: new LocalSource(packed.zipPath!), sha: SHA });
    try {
      expect(h.digest).toBe(packed.digest);
      expect(h.images.map((i) => i.offset)).toEqual([0x1000, 0x8000, 0x10000]);
    } finally {
      await h.release();
    }
  });

  it("refuses images that overlap, naming both", async () => {
    const root = tmp();
    const build = makeIdfBuild(join(root, "build"), { appSize: 40_000 });
    const args = JSON.parse(readFileSync(join(build, "flasher_args.json"), "utf8"));
    delete args.flash_files["0x10000"];
    args.flash_files["0x7000"] = "thermostat.bin";
    writeFileSync(join(build, "flasher_args.json"), JSON.stringify(args));
    await expect(
      packBundle({ buildDir: build, outDir: join(root, "b"), sha: SHA }),
    ).rejects.toThrow(/0x7000 overlaps bootloader\/bootloader.bin/);
  });

  it("refuses a short SHA and a non-empty output directory", async () => {
    const root = tmp();
    const build = makeIdfBuild(join(root, "build"));
    await expect(
      packBundle({ buildDir: build, outDir: join(root, "b"), sha: "9fceb02" }),
    ).rejects.toThrow(/must be a full commit SHA/);
    writeFileSync(join(root, "stray"), "x");
    await expect(packBundle({ buildDir: build, outDir: root, sha: SHA })).rejects.toThrow(
      /is not empty/,
    );
  });
});
