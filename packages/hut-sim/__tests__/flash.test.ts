import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FlashMemory } from "../src/flash";

describe("FlashMemory", () => {
  it("starts erased and reports honest MD5s", () => {
    const f = new FlashMemory({ size: 64 * 1024 });
    expect(f.read(0, 4).equals(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toBe(true);
    f.write(0x100, Buffer.from("hello"));
    expect(f.md5(0x100, 5).toString("hex")).toBe(createHash("md5").update("hello").digest("hex"));
  });

  it("programs like NOR flash: bits only clear until the sector is erased", () => {
    const f = new FlashMemory({ size: 8192 });
    f.write(0, Buffer.from([0b1010_1010]));
    f.write(0, Buffer.from([0b1100_1100]));
    expect(f.read(0, 1)[0]).toBe(0b1000_1000);
    f.erase(0x10, 1); // erases the whole 4 KiB sector
    expect(f.read(0, 1)[0]).toBe(0xff);
    f.write(0x1000, Buffer.from([0]));
    f.erase(0, 0x1000);
    expect(f.read(0x1000, 1)[0]).toBe(0); // the next sector is untouched
  });

  it("refuses access past the end", () => {
    const f = new FlashMemory({ size: 4096 });
    expect(() => f.write(4090, Buffer.alloc(10))).toThrow(RangeError);
  });

  it("keeps its contents in a file across instances", () => {
    const file = join(mkdtempSync(join(tmpdir(), "flash-")), "hut.bin");
    const a = new FlashMemory({ size: 16384, file });
    expect(statSync(file).size).toBe(16384);
    a.erase(0x2000, 0x1000);
    a.write(0x2000, Buffer.from("persist me"));
    a.close();
    const b = new FlashMemory({ size: 16384, file });
    expect(b.read(0x2000, 10).toString()).toBe("persist me");
    b.close();
  });

  it("refuses a backing file of the wrong size, saying what to do", () => {
    const file = join(mkdtempSync(join(tmpdir(), "flash-")), "bad.bin");
    writeFileSync(file, Buffer.alloc(100));
    expect(() => new FlashMemory({ size: 4096, file })).toThrow(
      /is 100 bytes but the board has 4096/,
    );
  });
});
