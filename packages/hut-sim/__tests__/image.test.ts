import { describe, expect, it } from "vitest";
import { loadFirmwareImage } from "esptool-js/lib/image/index.js";
import { ESP32ROM } from "esptool-js/lib/targets/esp32.js";
import { buildAppImage, buildBootloaderImage, defaultPartitions } from "../src/firmware";
import {
  buildAppDescription,
  buildImage,
  buildPartitionTable,
  buildScriptSection,
  findScript,
  parseAppDescription,
  parseImage,
  parsePartitionTable,
  verifyImage,
} from "../src/image";

describe("ESP32 image format", () => {
  it("round-trips header fields, segments, checksum and SHA-256", () => {
    const img = buildImage({
      flashMode: "qio",
      flashFreq: "80m",
      flashSize: "8MB",
      entry: 0x40080000,
      segments: [
        { addr: 0x3ffb0000, data: Buffer.from([1, 2, 3]) },
        { addr: 0x40080000, data: Buffer.alloc(16, 9) },
      ],
    });
    expect(img.length % 16).toBe(0);
    const r = parseImage(img);
    if (!("image" in r)) throw new Error("did not parse");
    expect(r.image).toMatchObject({
      flashMode: "qio",
      flashFreq: "80m",
      flashSize: "8MB",
      entry: 0x40080000,
      length: img.length,
    });
    expect(r.image.segments.map((s) => [s.addr, s.length])).toEqual([
      [0x3ffb0000, 4],
      [0x40080000, 16],
    ]);
    expect(verifyImage(r.image)).toBeUndefined();
  });

  it("detects a flipped byte (checksum) and a wrong digest (hash)", () => {
    const img = buildAppImage();
    const flipped = Buffer.from(img);
    flipped[0x5000] = flipped[0x5000]! ^ 0x01;
    const a = parseImage(flipped);
    expect("image" in a && verifyImage(a.image)).toMatchObject({ kind: "checksum" });
    const badHash = Buffer.from(img);
    badHash[img.length - 1] = badHash[img.length - 1]! ^ 0xff;
    const b = parseImage(badHash);
    expect("image" in b && verifyImage(b.image)).toEqual({ kind: "hash" });
    expect(parseImage(Buffer.alloc(64, 0xff))).toEqual({
      problem: { kind: "magic", word: 0xffffffff },
    });
  });

  it("builds images esptool-js itself accepts (bootloader and app)", async () => {
    for (const img of [buildBootloaderImage(), buildAppImage({ appSize: 200 * 1024 })]) {
      const parsed = await loadFirmwareImage(new ESP32ROM(), new Uint8Array(img));
      // loadFromFile is async inside the constructor: give it a turn to finish.
      await new Promise((r) => setTimeout(r, 10));
      expect(() => parsed.verify()).not.toThrow();
      // (esptool-js 0.7 reads the appended digest one byte early, so compare segments and
      // checksum with it; our own parser checks the SHA-256.)
      const p = parsed as unknown as {
        segments: { addr: number; data: Uint8Array }[];
        checksum: number;
        calculateChecksum(): number;
      };
      expect(p.checksum).toBe(p.calculateChecksum());
      const ours = parseImage(img);
      if (!("image" in ours)) throw new Error("did not parse");
      expect(p.segments.map((s) => [s.addr, s.data.length])).toEqual(
        ours.image.segments.map((s) => [s.addr, s.length]),
      );
      expect(verifyImage(ours.image)).toBeUndefined();
    }
  });

  it("lays out the app like ESP-IDF: IROM data where flash offset and address agree mod 64 KiB", () => {
    const img = buildAppImage({ appSize: 300 * 1024 });
    expect(img.length).toBe(300 * 1024);
    const r = parseImage(img);
    if (!("image" in r)) throw new Error("did not parse");
    for (const s of r.image.segments) {
      const flashMapped =
        (s.addr >= 0x3f400000 && s.addr < 0x3f800000) ||
        (s.addr >= 0x400d0000 && s.addr < 0x40400000);
      if (flashMapped) expect(s.fileOffset % 0x10000).toBe(s.addr % 0x10000);
    }
  });

  it("carries esp_app_desc_t and the console script", () => {
    const img = buildAppImage({ projectName: "blinky", version: "2.3.4", script: "print hi\n" });
    const r = parseImage(img);
    if (!("image" in r)) throw new Error("did not parse");
    const first = r.image.segments[0]!;
    const desc = parseAppDescription(img.subarray(first.fileOffset, first.fileOffset + 256));
    expect(desc).toMatchObject({ projectName: "blinky", version: "2.3.4", idfVersion: "v5.2.1" });
    expect(findScript(img, 0, r.image)).toEqual({ script: "print hi\n" });
    const plain = buildAppImage();
    const p = parseImage(plain);
    expect("image" in p && findScript(plain, 0, p.image)).toBeUndefined();
    expect(buildScriptSection("abc").subarray(0, 8).toString()).toBe("HILSCRPT");
    expect(
      buildAppDescription({
        version: "x".repeat(40),
        projectName: "p",
        time: "t",
        date: "d",
        idfVersion: "i",
        elfSha256: Buffer.alloc(32),
      }),
    ).toHaveLength(256);
  });
});

describe("partition table", () => {
  it("round-trips and checks its MD5 entry", () => {
    const parts = defaultPartitions(0x180000);
    const bin = buildPartitionTable(parts);
    expect(bin).toHaveLength(0xc00);
    expect(bin.readUInt16LE(0)).toBe(0x50aa);
    const r = parsePartitionTable(bin);
    expect(r).toEqual({ partitions: parts.map((p) => ({ ...p, flags: 0 })) });
    expect(parts.at(-1)!.size).toBe(0x180000); // the factory partition grows to fit the app
    const tampered = Buffer.from(bin);
    tampered[40] = tampered[40]! ^ 1; // the second entry's offset
    expect(parsePartitionTable(tampered)).toEqual({ error: "partition table MD5 mismatch" });
  });

  it("reports an erased table as the bootloader does", () => {
    expect(parsePartitionTable(Buffer.alloc(0xc00, 0xff))).toMatchObject({
      error: "partition 0 invalid magic number 0xffff",
    });
    expect(parsePartitionTable(Buffer.alloc(0xc00, 0x12))).toMatchObject({
      error: "partition 0 invalid magic number 0x1212",
    });
  });
});
