import { InfrastructureError, type ResetStrategyName } from "@hil/contracts";
import type { SerialDevice } from "./device";
import { resetToApp } from "./reset";
import { createSerialDevice, type SerialDeviceOptions } from "./create";

/** One line of the application console, stamped when its last byte arrived. */
export interface ConsoleLine {
  text: string;
  /** Receive time, epoch milliseconds. */
  at: number;
  /** True when the line was flushed unterminated after the line went idle. */
  partial?: boolean;
}

/** The application console of a board (protocol; SerialConsole is the serial driver). */
export interface Console {
  /** Lines received so far (a mark to pass as `from`). */
  readonly received: number;
  /** Every line from index `from` (default 0) on, then new ones as they arrive; ends when the console closes. */
  lines(options?: { from?: number; signal?: AbortSignal }): AsyncIterableIterator<ConsoleLine>;
  /** The first line from `from` (default: lines arriving from now on) that matches; rejects after `timeoutMs`. */
  waitFor(
    pattern: RegExp | string,
    options?: { timeoutMs?: number; from?: number },
  ): Promise<ConsoleLine>;
  /** Send a line of input (a newline is appended). */
  write(line: string): Promise<void>;
  /** Reset the board into its app through the slot's reset strategy. */
  resetToApp(): Promise<void>;
  close(): Promise<void>;
}

export interface SerialConsoleOptions {
  /** The slot's port: a device path or rfc2217://host:port. */
  port: string;
  /** Console baud (the slot's console_baud). Default 115200. */
  baud?: number;
  /** The slot's reset strategy. Default classic. */
  reset?: ResetStrategyName;
  /** Flush an unterminated line after this much silence, ms. Default 200. */
  idleFlushMs?: number;
  /** Appended to written lines. Default "\n". */
  lineEnding?: string;
  /** Use this device instead of opening `port` (tests). */
  device?: SerialDevice;
  deviceOptions?: SerialDeviceOptions;
}

/**
 * The app console over a serial device: a background reader turns bytes into lines
 * with receive timestamps; a line left unterminated is flushed as `partial` once the
 * port has been idle for `idleFlushMs` (a prompt, or a board that hung mid-line).
 */
export class SerialConsole implements Console {
  readonly transcript: ConsoleLine[] = [];
  private partial = "";
  private decoder = new TextDecoder("utf-8");
  private idle: NodeJS.Timeout | undefined;
  private wake: (() => void)[] = [];
  private ended = false;
  private failure: Error | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readonly pump: Promise<void>;

  private constructor(
    readonly device: SerialDevice,
    private readonly options: SerialConsoleOptions,
  ) {
    this.pump = this.readLoop();
  }

  static async open(options: SerialConsoleOptions): Promise<SerialConsole> {
    const device = options.device ?? createSerialDevice(options.port, options.deviceOptions);
    if (!device.isOpen) await device.open({ baudRate: options.baud ?? 115200 });
    return new SerialConsole(device, options);
  }

  get received(): number {
    return this.transcript.length;
  }

  private async readLoop(): Promise<void> {
    const readable = this.device.readable;
    if (!readable) {
      this.finish();
      return;
    }
    const reader = readable.getReader();
    this.reader = reader;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (value?.length) this.onBytes(value, Date.now());
      }
    } catch (e) {
      this.failure = e as Error;
    } finally {
      reader.releaseLock();
      this.flushPartial(Date.now());
      this.finish();
    }
  }

  private onBytes(bytes: Uint8Array, at: number): void {
    this.partial += this.decoder.decode(bytes, { stream: true });
    let nl = this.partial.indexOf("\n");
    while (nl >= 0) {
      this.push({ text: this.partial.slice(0, nl).replace(/\r+$/, ""), at });
      this.partial = this.partial.slice(nl + 1);
      nl = this.partial.indexOf("\n");
    }
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (this.partial !== "")
      this.idle = setTimeout(() => this.flushPartial(Date.now()), this.options.idleFlushMs ?? 200);
  }

  private flushPartial(at: number): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const text = this.partial.replace(/\r+$/, "");
    this.partial = "";
    if (text !== "") this.push({ text, at, partial: true });
  }

  private push(line: ConsoleLine): void {
    this.transcript.push(line);
    this.notify();
  }

  private finish(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = [];
    for (const f of w) f();
  }

  private changed(): Promise<void> {
    return new Promise((r) => this.wake.push(r));
  }

  async *lines(
    options: { from?: number; signal?: AbortSignal } = {},
  ): AsyncIterableIterator<ConsoleLine> {
    let i = options.from ?? 0;
    const signal = options.signal;
    const aborted = signal
      ? new Promise<void>((r) => signal.addEventListener("abort", () => r(), { once: true }))
      : undefined;
    for (;;) {
      while (i < this.transcript.length) yield this.transcript[i++]!;
      if (this.ended || signal?.aborted) return;
      const next = this.changed();
      await (aborted ? Promise.race([next, aborted]) : next);
    }
  }

  async waitFor(
    pattern: RegExp | string,
    options: { timeoutMs?: number; from?: number } = {},
  ): Promise<ConsoleLine> {
    const match = (t: string) =>
      typeof pattern === "string" ? t.includes(pattern) : pattern.test(t);
    const ac = new AbortController();
    const timeoutMs = options.timeoutMs ?? 10_000;
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      for await (const line of this.lines({
        from: options.from ?? this.received,
        signal: ac.signal,
      }))
        if (match(line.text)) return line;
    } finally {
      clearTimeout(timer);
    }
    const why = this.failure
      ? `the port failed (${this.failure.message})`
      : this.ended
        ? "the console closed"
        : `nothing matched within ${timeoutMs / 1000} s`;
    throw new InfrastructureError(
      `Waiting for ${String(pattern)} on ${this.device.port}: ${why}.`,
      {
        hint: "Look at the console transcript: is the board powered and running the expected firmware?",
      },
    );
  }

  async write(line: string): Promise<void> {
    const writable = this.device.writable;
    if (!writable) throw new InfrastructureError(`${this.device.port} is not open.`);
    const writer = writable.getWriter();
    try {
      await writer.write(new TextEncoder().encode(line + (this.options.lineEnding ?? "\n")));
    } finally {
      writer.releaseLock();
    }
  }

  async resetToApp(): Promise<void> {
    await resetToApp(this.device, this.options.reset ?? "classic");
  }

  async close(): Promise<void> {
    await this.reader?.cancel().catch(() => undefined);
    await this.pump;
    await this.device.close();
  }
}
