/**
 * A serial port as the Web Serial API presents it (`open`, `readable`/`writable`
 * WHATWG streams, `setSignals`, `getInfo`, `close`), plus `setBaudRate` for in-place
 * speed changes, which esptool-js uses when present. esptool-js's `Transport` takes one
 * of these as its `device`.
 */
export interface SerialOpenOptions {
  baudRate: number;
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  parity?: "none" | "even" | "odd";
  bufferSize?: number;
  flowControl?: "none" | "hardware";
}

export interface SerialOutputSignals {
  dataTerminalReady?: boolean;
  requestToSend?: boolean;
  break?: boolean;
}

export interface SerialInputSignals {
  dataCarrierDetect: boolean;
  clearToSend: boolean;
  ringIndicator: boolean;
  dataSetReady: boolean;
}

export interface SerialPortInfo {
  usbVendorId?: number;
  usbProductId?: number;
}

export interface SerialDevice {
  /** The port as configured: a device path or `rfc2217://host:port`. */
  readonly port: string;
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  readonly isOpen: boolean;
  /** The speed the port is set to, once open. */
  readonly baudRate: number | undefined;
  open(options: SerialOpenOptions): Promise<void>;
  close(): Promise<void>;
  /** Change DTR/RTS/BREAK; omitted lines keep their state. */
  setSignals(signals: SerialOutputSignals): Promise<void>;
  getSignals(): Promise<SerialInputSignals>;
  getInfo(): SerialPortInfo;
  setBaudRate(baudRate: number): Promise<void>;
}

/** What the Web Serial API raises when the device goes away while open. */
export function deviceLostError(message: string): Error {
  return new DOMException(message, "NetworkError");
}

/**
 * Shared stream plumbing: subclasses push received bytes with `received()` and send
 * with `transmit()`. Bytes that arrive while nobody reads are kept (as the OS would),
 * a cancelled `readable` or closed `writable` is replaced by a fresh one on next access
 * while the port is open, as in Web Serial.
 */
export abstract class StreamedDevice implements SerialDevice {
  abstract readonly port: string;
  protected open_ = false;
  protected baud: number | undefined;
  private queue: Uint8Array[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private readable_: ReadableStream<Uint8Array> | undefined;
  private writable_: WritableStream<Uint8Array> | undefined;

  get isOpen(): boolean {
    return this.open_;
  }

  get baudRate(): number | undefined {
    return this.baud;
  }

  get readable(): ReadableStream<Uint8Array> | null {
    if (!this.open_ && this.queue.length === 0) return this.readable_ ?? null;
    if (!this.readable_) {
      const stream: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>(
        {
          pull: async (controller) => {
            for (;;) {
              if (this.readable_ !== stream) return;
              const chunk = this.queue.shift();
              if (chunk) {
                controller.enqueue(chunk);
                return;
              }
              if (this.failure) {
                const e = this.failure;
                this.readable_ = undefined;
                controller.error(e);
                return;
              }
              if (!this.open_) {
                this.readable_ = undefined;
                controller.close();
                return;
              }
              await new Promise<void>((r) => (this.wake = r));
            }
          },
          cancel: () => {
            if (this.readable_ === stream) this.readable_ = undefined;
            this.notify();
          },
        },
        { highWaterMark: 0 },
      );
      this.readable_ = stream;
    }
    return this.readable_;
  }

  get writable(): WritableStream<Uint8Array> | null {
    if (!this.open_) return null;
    if (!this.writable_) {
      const stream: WritableStream<Uint8Array> = new WritableStream<Uint8Array>({
        write: (chunk) => {
          if (!this.open_) throw deviceLostError(`${this.port} is not open`);
          return this.transmit(chunk);
        },
        close: () => {
          if (this.writable_ === stream) this.writable_ = undefined;
        },
        abort: () => {
          if (this.writable_ === stream) this.writable_ = undefined;
        },
      });
      this.writable_ = stream;
    }
    return this.writable_;
  }

  /** Drop bytes received but not yet read. */
  discardInput(): void {
    this.queue = [];
  }

  protected received(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.queue.push(bytes);
    this.notify();
  }

  /** The port went away under us (cable pulled, server closed the connection). */
  protected lost(error: Error): void {
    this.failure = error;
    this.open_ = false;
    this.writable_ = undefined;
    this.notify();
  }

  /** Called by subclasses when open succeeded. */
  protected opened(baud: number): void {
    this.open_ = true;
    this.baud = baud;
    this.failure = undefined;
    this.queue = [];
    this.readable_ = undefined;
    this.writable_ = undefined;
  }

  /** Called by subclasses on close: readers see the end of the stream. */
  protected closed(): void {
    this.open_ = false;
    this.queue = [];
    this.writable_ = undefined;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  protected abstract transmit(bytes: Uint8Array): Promise<void>;
  abstract open(options: SerialOpenOptions): Promise<void>;
  abstract close(): Promise<void>;
  abstract setSignals(signals: SerialOutputSignals): Promise<void>;
  abstract getSignals(): Promise<SerialInputSignals>;
  abstract getInfo(): SerialPortInfo;
  abstract setBaudRate(baudRate: number): Promise<void>;
}
