import { existsSync } from "node:fs";
import { ConfigurationError, InfrastructureError, type ResetStrategyName } from "@hil/contracts";
import type { ConsoleChunk } from "@hil/judge";
import {
  createSerialDevice,
  missingPortError,
  resetToApp,
  type SerialDevice,
  type SerialDeviceOptions,
} from "@hil/serial";

/** A chunk of console bytes stamped with the time it arrived (ms since the epoch). */
export interface StampedChunk {
  data: Uint8Array;
  at: number;
}

export interface BoardConsoleOptions {
  /** The slot's port: a device path or rfc2217://host:port. */
  port: string;
  /** The slot's console_baud. */
  baud: number;
  /** Use this device instead of opening `port` (tests, or a device the caller already has). */
  device?: SerialDevice;
  deviceOptions?: SerialDeviceOptions;
  /** The clock the stamps come from (default Date.now). */
  now?: () => number;
}

/**
 * A board's application console as raw bytes: a background reader takes every chunk off the
 * port the moment it arrives and stamps it, so the judge sees when each byte came even while it
 * is busy, and nothing is split into lines twice (the judge does that, once). The consumer
 * reads the chunks with `chunks()`; `write` sends text; `resetToApp` resets through the
 * slot's reset strategy.
 */
export class BoardConsole {
  /** Bytes received since the port opened (after `discard`, only those kept count). */
  bytes = 0;
  /** When the first kept byte arrived. */
  firstByteAt: number | undefined;
  /** When the first byte arrived after `mark()` (the boot after a reset). */
  firstByteAfterMark: number | undefined;
  private markAt: number | undefined;
  private queue: StampedChunk[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private closing = false;
  private failure: Error | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readonly pump: Promise<void>;
  private readonly now: () => number;
  private readonly encoder = new TextEncoder();

  private constructor(
    readonly device: SerialDevice,
    now: () => number,
  ) {
    this.now = now;
    this.pump = this.readLoop();
  }

  /**
   * Open the port at the console baud. A device path that does not exist is an
   * InfrastructureError listing what /dev/serial/by-id has (an unplugged or swapped adapter);
   * the other errors are the serial layer's (busy, permission, RFC 2217 refused…).
   */
  static async open(o: BoardConsoleOptions): Promise<BoardConsole> {
    const device = o.device ?? createSerialDevice(o.port, o.deviceOptions);
    if (!o.device && !o.port.startsWith("rfc2217://") && !existsSync(o.port)) {
      const e = missingPortError(o.port, o.deviceOptions?.byIdDir);
      throw new InfrastructureError(e.message, e.hint ? { hint: e.hint } : {});
    }
    if (!device.isOpen) await device.open({ baudRate: o.baud });
    return new BoardConsole(device, o.now ?? Date.now);
  }

  get port(): string {
    return this.device.port;
  }

  /** The port failed or went away while reading (not closed by us). */
  get lost(): boolean {
    return this.ended && !this.closing;
  }

  private async readLoop(): Promise<void> {
    const readable = this.device.readable;
    if (!readable) {
      this.end();
      return;
    }
    const reader = readable.getReader();
    this.reader = reader;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!value?.length) continue;
        const at = this.now();
        this.bytes += value.length;
        this.firstByteAt ??= at;
        if (this.markAt !== undefined && at >= this.markAt) this.firstByteAfterMark ??= at;
        this.queue.push({ data: value, at });
        this.notify();
      }
    } catch (e) {
      this.failure = e as Error;
    } finally {
      reader.releaseLock();
      this.end();
    }
  }

  private end(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Note when the next byte arrives (`firstByteAfterMark`): the reset is done now. */
  mark(): void {
    this.markAt = this.now();
    this.firstByteAfterMark = undefined;
  }

  /** Drop what arrived so far (output from before a reset); returns how many bytes. */
  discard(): number {
    const n = this.queue.reduce((s, c) => s + c.data.length, 0);
    this.queue = [];
    this.bytes -= n;
    if (this.bytes === 0) this.firstByteAt = undefined;
    return n;
  }

  /**
   * Drop the backlog a port may hold from before it was opened (a pty buffers what the board
   * printed while nobody read it; so can a remote bridge): read and drop until a `windowMs`
   * window brings no more than the line itself could have carried in that time at `baud`
   * (live output, not a backlog), or `maxMs` passed. Returns the bytes dropped.
   */
  async settle(baud: number, o: { windowMs?: number; maxMs?: number } = {}): Promise<number> {
    const windowMs = o.windowMs ?? 50;
    const until = this.now() + (o.maxMs ?? 2000);
    // 10 bits per byte on the line; half again for scheduling jitter.
    const live = Math.ceil(((baud / 10) * windowMs * 1.5) / 1000);
    let dropped = this.discard();
    for (;;) {
      const before = this.bytes;
      await new Promise((r) => setTimeout(r, windowMs));
      const got = this.bytes - before;
      dropped += this.discard();
      if (got <= live || this.now() >= until || this.ended) return dropped;
    }
  }

  /**
   * The console's chunks as they arrive, each once: ends when the port closes, throws when it
   * fails (USB unplugged, RFC 2217 server gone). One reader at a time.
   */
  async *chunks(): AsyncGenerator<ConsoleChunk & StampedChunk> {
    for (;;) {
      const c = this.queue.shift();
      if (c) {
        yield c;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** Send text to the board as it is (the judge's menu replies carry their newline). */
  async write(text: string): Promise<void> {
    const writable = this.device.writable;
    if (!writable) throw new InfrastructureError(`${this.device.port} is not open.`);
    const writer = writable.getWriter();
    try {
      await writer.write(this.encoder.encode(text));
    } finally {
      writer.releaseLock();
    }
  }

  /**
   * Reset the board into its app through the slot's reset strategy (an RTS pulse on EN).
   * `none` cannot: that is a ConfigurationError saying to reset by power.
   */
  async resetToApp(strategy: ResetStrategyName): Promise<void> {
    if (strategy === "none") {
      throw new ConfigurationError(
        `The slot's reset strategy is "none": ${this.device.port} cannot reset the board.`,
        {
          hint: "Reset it by power (power-cycle: true, with power: in the inventory), or judge the running board as it is.",
        },
      );
    }
    await resetToApp(this.device, strategy);
  }

  /** Stop reading and close the port; safe to call twice. */
  async close(): Promise<void> {
    this.closing = true;
    await this.reader?.cancel().catch(() => undefined);
    await this.pump;
    await this.device.close().catch(() => undefined);
  }
}
