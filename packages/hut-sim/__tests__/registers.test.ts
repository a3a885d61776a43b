import { describe, expect, it } from "vitest";
import { ESP32ROM } from "esptool-js/lib/targets/esp32.js";
import { Esp32Registers } from "../src/registers";

function loaderOver(regs: Esp32Registers, baud = 115200) {
  // The slice of ESPLoader that esptool-js's ESP32ROM methods use.
  return {
    readReg: async (a: number) => regs.read(a),
    debug: () => undefined,
    info: () => undefined,
    transport: { baudrate: baud },
  };
}

describe("ESP32 registers, as esptool-js reads them", () => {
  const mac = Buffer.from([0x24, 0x6f, 0x28, 0xab, 0xcd, 0xef]);
  const regs = new Esp32Registers({
    mac,
    flashSize: 4 << 20,
    baud: () => 115200,
    strap: () => 0x13,
  });
  const rom = new ESP32ROM();

  it("identifies an ESP32-D0WD-V3, revision 3, dual core, 240 MHz, with BT", async () => {
    const l = loaderOver(regs) as never;
    expect(await rom.getChipDescription(l)).toBe("ESP32-D0WD-V3 (revision 3)");
    const features = (await rom.getChipFeatures(l)).join(",");
    expect(features).toContain("BT");
    expect(features).toContain("Dual Core");
    expect(features).toContain("240MHz");
  });

  it("reads the MAC burned in eFuse", async () => {
    expect(await rom.readMac(loaderOver(regs) as never)).toBe("24:6f:28:ab:cd:ef");
  });

  it("reports a 40 MHz crystal through the UART divider at the current baud", async () => {
    expect(await rom.getCrystalFreq(loaderOver(regs) as never)).toBe(40);
  });

  it("answers the SPI flash RDID user command with the JEDEC id of a 4 MiB part", () => {
    const base = 0x3ff42000;
    regs.write(base + 0x24, (7 << 28) | 0x9f); // USR2: 8-bit command 0x9F
    regs.write(base + 0x00, 1 << 18); // CMD: USR
    expect(regs.read(base + 0x00) & (1 << 18)).toBe(0); // done at once
    const id = regs.read(base + 0x80);
    expect(id & 0xff).toBe(0xc8);
    expect((id >> 16) & 0xff).toBe(0x16); // 2^22 = 4 MiB
  });

  it("keeps what is written elsewhere, honouring the mask", () => {
    regs.write(0x3ff00000, 0xffff0000);
    regs.write(0x3ff00000, 0x0000ffff, 0x000000ff);
    expect(regs.read(0x3ff00000)).toBe(0xffff00ff);
  });
});
