/** SLIP framing (RFC 1055) as the ESP32 serial bootloader uses it. */
export const SLIP_END = 0xc0;
export const SLIP_ESC = 0xdb;
export const SLIP_ESC_END = 0xdc;
export const SLIP_ESC_ESC = 0xdd;

/** Frame `payload`: a leading and trailing 0xC0, 0xC0/0xDB escaped inside. */
export function slipEncode(payload: Uint8Array): Buffer {
  let extra = 0;
  for (const b of payload) if (b === SLIP_END || b === SLIP_ESC) extra++;
  const out = Buffer.allocUnsafe(payload.length + extra + 2);
  let o = 0;
  out[o++] = SLIP_END;
  for (const b of payload) {
    if (b === SLIP_END) {
      out[o++] = SLIP_ESC;
      out[o++] = SLIP_ESC_END;
    } else if (b === SLIP_ESC) {
      out[o++] = SLIP_ESC;
      out[o++] = SLIP_ESC_ESC;
    } else out[o++] = b;
  }
  out[o] = SLIP_END;
  return out;
}

export type SlipEvent =
  | { type: "frame"; payload: Buffer }
  /** A frame with a bad escape or over the size limit; dropped. */
  | { type: "error"; reason: string };

/**
 * Streaming SLIP decoder. Bytes outside a frame (console noise, a terminal typing
 * into the port) are ignored. A frame ends at its closing 0xC0 and the next one starts
 * at the following 0xC0; an empty frame (0xC0 0xC0) counts as a start delimiter.
 */
export class SlipDecoder {
  private buf: Buffer;
  private len = 0;
  private inFrame = false;
  private escaping = false;
  private broken: string | undefined;

  constructor(
    private readonly onEvent: (e: SlipEvent) => void,
    private readonly maxFrame = 0x4000 + 64 + 4096,
  ) {
    this.buf = Buffer.allocUnsafe(maxFrame);
  }

  /** Forget a partial frame (after a reset). */
  reset(): void {
    this.len = 0;
    this.inFrame = false;
    this.escaping = false;
    this.broken = undefined;
  }

  push(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (!this.inFrame) {
        if (b === SLIP_END) this.startFrame();
        continue;
      }
      if (b === SLIP_END) {
        // 0xC0 0xC0 is an empty frame: treat the second one as the start delimiter.
        if (this.len === 0 && !this.broken && !this.escaping) continue;
        if (this.broken || this.escaping)
          this.onEvent({ type: "error", reason: this.broken ?? "frame ends inside an escape" });
        else this.onEvent({ type: "frame", payload: Buffer.from(this.buf.subarray(0, this.len)) });
        // Back to idle: bytes until the next 0xC0 are noise.
        this.inFrame = false;
        continue;
      }
      if (this.broken) continue;
      if (this.escaping) {
        this.escaping = false;
        if (b === SLIP_ESC_END) this.append(SLIP_END);
        else if (b === SLIP_ESC_ESC) this.append(SLIP_ESC);
        else this.broken = `invalid SLIP escape 0xdb 0x${b.toString(16).padStart(2, "0")}`;
      } else if (b === SLIP_ESC) this.escaping = true;
      else this.append(b);
    }
  }

  private startFrame(): void {
    this.inFrame = true;
    this.len = 0;
    this.escaping = false;
    this.broken = undefined;
  }

  private append(b: number): void {
    if (this.len >= this.maxFrame) {
      this.broken = `frame longer than ${this.maxFrame} bytes`;
      return;
    }
    this.buf[this.len++] = b;
  }
}
