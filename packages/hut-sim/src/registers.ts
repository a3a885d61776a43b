import { jedecCapacity } from "./flash";

/** Addresses esptool reads to identify an ESP32 (esptool targets/esp32.py, esptool-js targets/esp32). */
export const Reg = {
  CHIP_DETECT_MAGIC: 0x40001000,
  EFUSE_RD_BASE: 0x3ff5a000,
  APB_CTL_DATE: 0x3ff66000 + 0x7c,
  UART_CLKDIV: 0x3ff40014,
  GPIO_STRAP: 0x3ff44038,
  SPI1_BASE: 0x3ff42000,
} as const;

export const ESP32_MAGIC = 0x00f01d83;

/** SPI1 (the flash controller) register offsets esptool's runSpiflashCommand uses. */
const SPI = {
  CMD: 0x00,
  ADDR: 0x04,
  USR: 0x1c,
  USR1: 0x20,
  USR2: 0x24,
  MOSI_DLEN: 0x28,
  MISO_DLEN: 0x2c,
  W0: 0x80,
} as const;
const SPI_CMD_USR = 1 << 18;

/** JEDEC id of the simulated flash part: GigaDevice (0xC8), GD25Q family (0x40). */
export const FLASH_MANUFACTURER = 0xc8;
export const FLASH_MEMORY_TYPE = 0x40;

export interface RegisterContext {
  /** The six MAC bytes burned in eFuse. */
  mac: Buffer;
  flashSize: number;
  /** Current UART baud of the chip (the ROM's divider follows it). */
  baud(): number;
  /** The strapping byte latched at reset (0x13 flash boot, 0x03 download). */
  strap(): number;
}

/**
 * The registers of an ESP32-D0WD-V3 (revision 3) that esptool touches: the chip magic,
 * eFuse words (package, revision, features, factory MAC), APB date, the UART divider
 * (crystal detection) and the SPI1 user-command engine (flash JEDEC id). Any other
 * address reads back what was last written, or 0.
 */
export class Esp32Registers {
  private readonly mem = new Map<number, number>();

  constructor(private readonly ctx: RegisterContext) {}

  /** The eFuse block-0 words esptool reads (EFUSE_BLK0_RDATA0..6). */
  efuseWord(n: number): number {
    const m = this.ctx.mac;
    switch (n) {
      case 1:
        return ((m[2]! << 24) | (m[3]! << 16) | (m[4]! << 8) | m[5]!) >>> 0;
      case 2:
        return ((m[0]! << 8) | m[1]!) >>> 0;
      case 3:
        // CHIP_VER_PKG=1 (ESP32-D0WD), CHIP_VER_REV1, CPU rated 240 MHz, dual core, BT on.
        return (1 << 9) | (1 << 15) | (1 << 13);
      case 5:
        // CHIP_VER_REV2
        return 1 << 20;
      default:
        return 0;
    }
  }

  read(addr: number): number {
    addr >>>= 0;
    if (addr === Reg.CHIP_DETECT_MAGIC) return ESP32_MAGIC;
    if (addr >= Reg.EFUSE_RD_BASE && addr < Reg.EFUSE_RD_BASE + 0x80 && addr % 4 === 0)
      return this.efuseWord((addr - Reg.EFUSE_RD_BASE) / 4);
    // Bit 31 of APB_CTL_DATE marks an ECO3 (revision 3) chip.
    if (addr === Reg.APB_CTL_DATE) return 0x96042000;
    if (addr === Reg.UART_CLKDIV) return Math.round(40_000_000 / this.ctx.baud()) & 0xfffff;
    if (addr === Reg.GPIO_STRAP) return this.ctx.strap();
    return this.mem.get(addr) ?? 0;
  }

  write(addr: number, value: number, mask = 0xffffffff): void {
    addr >>>= 0;
    const old = this.read(addr);
    const next = ((value & mask) | (old & ~mask)) >>> 0;
    if (addr === Reg.SPI1_BASE + SPI.CMD && next & SPI_CMD_USR) {
      this.runSpiUserCommand();
      return;
    }
    this.mem.set(addr, next);
  }

  /** Execute the SPI flash command set up in USR2 (the opcode) and leave the answer in W0. */
  private runSpiUserCommand(): void {
    const opcode = (this.mem.get(Reg.SPI1_BASE + SPI.USR2) ?? 0) & 0xffff;
    let w0 = 0;
    if (opcode === 0x9f) {
      // RDID: manufacturer, memory type, capacity, read back little-endian.
      w0 =
        FLASH_MANUFACTURER | (FLASH_MEMORY_TYPE << 8) | (jedecCapacity(this.ctx.flashSize) << 16);
    }
    // RDSR/RDSR2 (0x05/0x35): the part is idle and unprotected, status 0.
    this.mem.set(Reg.SPI1_BASE + SPI.W0, w0 >>> 0);
    // The engine finishes at once: USR bit reads back clear.
    this.mem.set(Reg.SPI1_BASE + SPI.CMD, 0);
  }
}
