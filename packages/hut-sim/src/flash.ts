import { createHash } from "node:crypto";
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { ConfigurationError } from "@hil/contracts";

export const SECTOR_SIZE = 0x1000;
export const BLOCK_SIZE = 0x10000;
export const DEFAULT_FLASH_SIZE = 4 * 1024 * 1024;

/** JEDEC capacity byte for a size (0x16 = 4 MiB), as the RDID command reports it. */
export function jedecCapacity(size: number): number {
  return Math.round(Math.log2(size));
}

export interface FlashOptions {
  size?: number;
  /** Keep the contents in this file (created erased if missing). */
  file?: string;
}

/**
 * A NOR flash chip: erased bytes read 0xFF, programming can only clear bits (so writing
 * over unerased data corrupts it, as on the real part), erase works on 4 KiB sectors.
 * Optionally backed by a file so a board keeps its firmware across restarts; dirty
 * sectors are written back on `sync()` (called shortly after changes and on close).
 */
export class FlashMemory {
  readonly size: number;
  readonly data: Buffer;
  private fd: number | undefined;
  private dirty = new Set<number>();
  private syncTimer: NodeJS.Timeout | undefined;

  constructor(options: FlashOptions = {}) {
    this.size = options.size ?? DEFAULT_FLASH_SIZE;
    if (this.size % SECTOR_SIZE !== 0 || this.size <= 0)
      throw new ConfigurationError(`Flash size ${this.size} is not a multiple of 4 KiB.`);
    this.data = Buffer.alloc(this.size, 0xff);
    if (options.file) this.attach(options.file);
  }

  private attach(file: string): void {
    const existed = existsSync(file);
    this.fd = openSync(file, existed ? "r+" : "w+");
    if (existed) {
      const actual = fstatSync(this.fd).size;
      if (actual !== this.size) {
        closeSync(this.fd);
        this.fd = undefined;
        throw new ConfigurationError(
          `Flash image ${file} is ${actual} bytes but the board has ${this.size} bytes of flash.`,
          { hint: "Delete the file to start with an erased flash, or give the matching size." },
        );
      }
      readSync(this.fd, this.data, 0, this.size, 0);
    } else {
      writeSync(this.fd, this.data, 0, this.size, 0);
    }
  }

  private check(addr: number, len: number): void {
    if (addr < 0 || len < 0 || addr + len > this.size)
      throw new RangeError(
        `flash access 0x${addr.toString(16)}+0x${len.toString(16)} outside 0x${this.size.toString(16)}`,
      );
  }

  read(addr: number, len: number): Buffer {
    this.check(addr, len);
    return this.data.subarray(addr, addr + len);
  }

  /** Told of every program and erase (the bench times the first byte a flash changes). */
  onChange?: (kind: "write" | "erase", addr: number, length: number) => void;

  /** Program bytes: each bit can only go from 1 to 0 without an erase. */
  write(addr: number, bytes: Uint8Array): void {
    this.check(addr, bytes.length);
    this.onChange?.("write", addr, bytes.length);
    for (let i = 0; i < bytes.length; i++) this.data[addr + i]! &= bytes[i]!;
    this.markDirty(addr, bytes.length);
  }

  /** Erase whole sectors covering [addr, addr+len). */
  erase(addr: number, len: number): void {
    if (len === 0) return;
    const start = Math.floor(addr / SECTOR_SIZE) * SECTOR_SIZE;
    const end = Math.ceil((addr + len) / SECTOR_SIZE) * SECTOR_SIZE;
    this.check(start, end - start);
    this.onChange?.("erase", start, end - start);
    this.data.fill(0xff, start, end);
    this.markDirty(start, end - start);
  }

  eraseAll(): void {
    this.erase(0, this.size);
  }

  md5(addr: number, len: number): Buffer {
    return createHash("md5").update(this.read(addr, len)).digest();
  }

  /** Write dirty sectors back to the backing file now. */
  sync(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    if (this.fd === undefined) return;
    for (const s of [...this.dirty].sort((a, b) => a - b)) {
      writeSync(this.fd, this.data, s * SECTOR_SIZE, SECTOR_SIZE, s * SECTOR_SIZE);
    }
    this.dirty.clear();
  }

  close(): void {
    this.sync();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private markDirty(addr: number, len: number): void {
    if (this.fd === undefined || len === 0) return;
    for (let s = Math.floor(addr / SECTOR_SIZE); s * SECTOR_SIZE < addr + len; s++)
      this.dirty.add(s);
    this.syncTimer ??= setTimeout(() => this.sync(), 250).unref();
  }
}
