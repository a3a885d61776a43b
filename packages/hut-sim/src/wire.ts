import { performance } from "node:perf_hooks";

/** A UART frame: start bit, 8 data bits, stop bit. */
export const BITS_PER_BYTE = 10;

/** Milliseconds a byte count occupies on a line at `baud`. */
export function lineTimeMs(bytes: number, baud: number): number {
  return (bytes * BITS_PER_BYTE * 1000) / baud;
}

interface Pending {
  bytes: Buffer;
  /** Absolute time (performance.now()) the last byte of this slice has crossed the line. */
  due: number;
}

export interface WireStats {
  /** Bytes handed to the wire. */
  sent: number;
  /** Bytes that have crossed it. */
  delivered: number;
}

/**
 * One direction of a serial line. Bytes cross no faster than the baud rate allows
 * (10 bits per byte): each chunk is scheduled by absolute time against the moment the
 * line becomes free, so timer lateness never accumulates and nothing is delivered
 * early. Large chunks are split into slices of about `sliceMs` so the far end sees a
 * stream, not bursts.
 */
export class Wire {
  private queue: Pending[] = [];
  private freeAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private drainWaiters: (() => void)[] = [];
  readonly stats: WireStats = { sent: 0, delivered: 0 };

  constructor(
    private readonly deliver: (bytes: Buffer) => void,
    private readonly sliceMs = 2,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Queue bytes that leave the sender at `baud`; returns when they will have crossed. */
  send(bytes: Buffer, baud: number): number {
    if (bytes.length === 0) return Math.max(this.freeAt, this.now());
    this.stats.sent += bytes.length;
    let start = Math.max(this.now(), this.freeAt);
    const perSlice = Math.max(16, Math.floor((baud / BITS_PER_BYTE / 1000) * this.sliceMs));
    for (let off = 0; off < bytes.length; off += perSlice) {
      const slice = bytes.subarray(off, Math.min(bytes.length, off + perSlice));
      start += lineTimeMs(slice.length, baud);
      this.queue.push({ bytes: slice, due: start });
    }
    this.freeAt = start;
    this.arm();
    return start;
  }

  /** Absolute time the line is free again (all queued bytes crossed). */
  get busyUntil(): number {
    return Math.max(this.freeAt, this.now());
  }

  /** Bytes queued but not yet delivered. */
  get pending(): number {
    return this.queue.reduce((n, p) => n + p.bytes.length, 0);
  }

  /** Resolves once everything queued so far has crossed. */
  drained(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Drop whatever is still on the line (power loss, reset). Waiters are released. */
  clear(): void {
    this.queue = [];
    this.spinning = false;
    this.freeAt = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.releaseWaiters();
  }

  private arm(): void {
    if (this.timer || this.spinning || this.queue.length === 0) return;
    const wait = this.queue[0]!.due - this.now();
    // Mid-stream slices may be a little late (the schedule is absolute, so lateness
    // never adds up), but the end of a burst is what the far end waits on: finish the
    // last sub-millisecond on the event loop instead of a 1 ms timer tick.
    if (this.queue.length === 1 && wait < 2) {
      this.spinning = true;
      setImmediate(() => this.spin());
      return;
    }
    this.timer = setTimeout(
      () => this.flush(),
      Math.max(0, this.queue.length === 1 ? Math.floor(wait - 1) : Math.ceil(wait)),
    );
  }

  private spinning = false;

  private spin(): void {
    this.spinning = false;
    if (this.queue.length === 0) return;
    if (this.queue[0]!.due <= this.now()) this.flush();
    else {
      this.spinning = true;
      setImmediate(() => this.spin());
    }
  }

  private flush(): void {
    this.timer = undefined;
    const now = this.now();
    const ready: Buffer[] = [];
    while (this.queue.length && this.queue[0]!.due <= now) ready.push(this.queue.shift()!.bytes);
    if (ready.length) {
      const bytes = ready.length === 1 ? ready[0]! : Buffer.concat(ready);
      this.stats.delivered += bytes.length;
      this.deliver(bytes);
    }
    if (this.queue.length === 0) this.releaseWaiters();
    else this.arm();
  }

  private releaseWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }
}
