import { createInflate, constants as zc, type Inflate } from "node:zlib";
import { BLOCK_SIZE, SECTOR_SIZE, type FlashMemory } from "./flash";

/**
 * Incremental zlib inflation: feed compressed blocks in order, get back what they
 * decompress to. Backed by node's zlib (native, off the main thread).
 */
export class StreamInflater {
  private readonly z: Inflate;
  private out: Buffer[] = [];
  private failure: Error | undefined;
  private finished = false;

  constructor() {
    this.z = createInflate();
    this.z.on("data", (c: Buffer) => this.out.push(c));
    this.z.on("error", (e: Error) => (this.failure ??= e));
    this.z.on("end", () => (this.finished = true));
  }

  /** True once the zlib stream's end (with a valid Adler-32) has been seen. */
  get done(): boolean {
    return this.finished;
  }

  push(chunk: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
      let settled = false;
      const onError = (e: Error) => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      this.z.once("error", onError);
      this.z.write(chunk);
      this.z.flush(zc.Z_SYNC_FLUSH, () => {
        this.z.off("error", onError);
        if (settled) return;
        settled = true;
        if (this.failure) return reject(this.failure);
        const out = this.out.length === 1 ? this.out[0]! : Buffer.concat(this.out);
        this.out = [];
        resolve(out);
      });
    });
  }

  close(): void {
    this.z.destroy();
  }
}

export interface WriteSessionOptions {
  offset: number;
  /** Bytes the writer was told to expect (uncompressed). */
  size: number;
  compressed: boolean;
  /**
   * `upfront`: erase [offset, offset+eraseSize) at begin (the ROM loader does this).
   * `lazy`: erase sectors just before data reaches them (the stub does this).
   */
  erase: "upfront" | "lazy";
  eraseSize?: number;
}

/** A FLASH_BEGIN / FLASH_DEFL_BEGIN session: where the next bytes go, what is erased. */
export class FlashWriteSession {
  offset: number;
  remaining: number;
  private nextErase: number;
  private readonly eraseEnd: number;
  private readonly inflater: StreamInflater | undefined;

  constructor(
    private readonly flash: FlashMemory,
    readonly options: WriteSessionOptions,
  ) {
    this.offset = options.offset;
    this.remaining = options.size;
    const eraseSize = options.eraseSize ?? options.size;
    const start = Math.floor(options.offset / SECTOR_SIZE) * SECTOR_SIZE;
    this.eraseEnd = Math.min(
      flash.size,
      Math.ceil((options.offset + eraseSize) / SECTOR_SIZE) * SECTOR_SIZE,
    );
    this.nextErase = start;
    if (options.erase === "upfront") this.ensureErasedTo(this.eraseEnd);
    this.inflater = options.compressed ? new StreamInflater() : undefined;
  }

  /** Write one uncompressed block; `limit` caps it to what was announced (the stub does). */
  writePlain(block: Buffer, limit = true): void {
    const n = limit ? Math.min(block.length, Math.max(0, this.remaining)) : block.length;
    this.program(block.subarray(0, n));
  }

  /** Inflate one compressed block and write what it yields. */
  async writeCompressed(block: Buffer): Promise<void> {
    if (!this.inflater) throw new Error("not a compressed session");
    const out = await this.inflater.push(block);
    this.program(out);
  }

  get inflateDone(): boolean {
    return this.inflater?.done ?? true;
  }

  close(): void {
    this.inflater?.close();
  }

  private program(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.offset + bytes.length > this.flash.size)
      throw new RangeError(`write past the end of flash at 0x${this.offset.toString(16)}`);
    this.ensureErasedTo(Math.min(this.eraseEnd, this.offset + bytes.length));
    this.flash.write(this.offset, bytes);
    this.offset += bytes.length;
    this.remaining -= bytes.length;
  }

  private ensureErasedTo(target: number): void {
    while (this.nextErase < target) {
      // 64 KiB block erase where aligned and wanted, else 4 KiB sectors, like the stub.
      const step =
        this.nextErase % BLOCK_SIZE === 0 && this.eraseEnd - this.nextErase >= BLOCK_SIZE
          ? BLOCK_SIZE
          : SECTOR_SIZE;
      this.flash.erase(this.nextErase, step);
      this.nextErase += step;
    }
  }
}
