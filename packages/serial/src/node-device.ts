import { existsSync } from "node:fs";
import { InfrastructureError } from "@hil/contracts";
// Must come before serialport: lets its native binding load from our ESM bundles.
import "./internal/bundled-require";
import { SerialPort } from "serialport";
import {
  deviceLostError,
  StreamedDevice,
  type SerialInputSignals,
  type SerialOpenOptions,
  type SerialOutputSignals,
  type SerialPortInfo,
} from "./device";
import {
  busyPortError,
  isLinesUnsupported,
  LinesUnsupportedError,
  missingPortError,
  permissionError,
} from "./errors";
import { usbIds } from "./usb";

export interface LocalPortOptions {
  /** Directory listed when the port is missing (default /dev/serial/by-id). */
  byIdDir?: string;
  /** sysfs root for USB vendor/product lookup (default /sys). */
  sysRoot?: string;
}

/**
 * A local serial device (a /dev/serial/by-id/... path, /dev/ttyUSB0, a pty) through
 * `serialport`. The port is opened with an exclusive lock so two programs cannot talk
 * to one board at once. DTR and RTS are tracked here because serialport's `set()`
 * resets any line it is not given to its default.
 */
export class LocalSerialDevice extends StreamedDevice {
  private sp: SerialPort | undefined;
  private lines = { dtr: true, rts: true, brk: false };
  private info: SerialPortInfo | undefined;

  constructor(
    readonly port: string,
    private readonly options: LocalPortOptions = {},
  ) {
    super();
  }

  async open(o: SerialOpenOptions): Promise<void> {
    if (this.open_) throw new InfrastructureError(`${this.port} is already open.`);
    if (!existsSync(this.port)) throw missingPortError(this.port, this.options.byIdDir);
    const sp = new SerialPort({
      path: this.port,
      baudRate: o.baudRate,
      dataBits: o.dataBits ?? 8,
      stopBits: o.stopBits ?? 1,
      parity: o.parity ?? "none",
      rtscts: o.flowControl === "hardware",
      autoOpen: false,
      lock: true,
      hupcl: true,
    });
    await new Promise<void>((resolve, reject) =>
      sp.open((err) => (err ? reject(this.openError(err)) : resolve())),
    );
    this.sp = sp;
    // Opening a tty asserts DTR and RTS.
    this.lines = { dtr: true, rts: true, brk: false };
    this.opened(o.baudRate);
    sp.on("data", (b: Buffer) => this.received(new Uint8Array(b.buffer, b.byteOffset, b.length)));
    sp.on("close", (err: (Error & { disconnected?: boolean }) | null) => {
      if (this.sp !== sp) return;
      this.sp = undefined;
      if (err?.disconnected) this.lost(deviceLostError(`${this.port}: the device has been lost.`));
      else this.closed();
    });
    sp.on("error", () => undefined);
  }

  private openError(err: Error): Error {
    const code = (err as NodeJS.ErrnoException).code;
    const msg = err.message;
    if (code === "ENOENT" || /ENOENT|No such file/.test(msg))
      return missingPortError(this.port, this.options.byIdDir);
    if (code === "EACCES" || /EACCES|Permission denied/.test(msg))
      return permissionError(this.port);
    if (code === "EBUSY" || /EBUSY|Cannot lock port|Resource temporarily unavailable/.test(msg))
      return busyPortError(this.port, msg.replace(/^Error:?\s*/, ""));
    return new InfrastructureError(`Cannot open ${this.port}: ${msg}`, {
      hint: "Check the adapter (dmesg shows USB errors) and that nothing else uses the port.",
    });
  }

  async close(): Promise<void> {
    const sp = this.sp;
    this.sp = undefined;
    if (sp?.isOpen) await new Promise<void>((resolve) => sp.close(() => resolve()));
    this.closed();
  }

  protected transmit(bytes: Uint8Array): Promise<void> {
    const sp = this.sp;
    if (!sp) return Promise.reject(deviceLostError(`${this.port} is not open`));
    return new Promise((resolve, reject) =>
      sp.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), (err) =>
        err ? reject(deviceLostError(`${this.port}: ${err.message}`)) : resolve(),
      ),
    );
  }

  async setSignals(s: SerialOutputSignals): Promise<void> {
    const sp = this.requireOpen();
    const next = {
      dtr: s.dataTerminalReady ?? this.lines.dtr,
      rts: s.requestToSend ?? this.lines.rts,
      brk: s.break ?? this.lines.brk,
    };
    await new Promise<void>((resolve, reject) =>
      sp.set(next, (err) => {
        if (!err) return resolve();
        reject(isLinesUnsupported(err) ? new LinesUnsupportedError(this.port, err.message) : err);
      }),
    );
    this.lines = next;
  }

  async getSignals(): Promise<SerialInputSignals> {
    const sp = this.requireOpen();
    return new Promise((resolve, reject) =>
      sp.get((err, st) => {
        if (err || !st)
          return reject(
            isLinesUnsupported(err) ? new LinesUnsupportedError(this.port, err!.message) : err,
          );
        resolve({
          dataCarrierDetect: st.dcd,
          clearToSend: st.cts,
          dataSetReady: st.dsr,
          ringIndicator: false,
        });
      }),
    );
  }

  getInfo(): SerialPortInfo {
    this.info ??= usbIds(this.port, this.options.sysRoot);
    return this.info;
  }

  async setBaudRate(baudRate: number): Promise<void> {
    const sp = this.requireOpen();
    await new Promise<void>((resolve, reject) =>
      sp.update({ baudRate }, (err) => (err ? reject(err) : resolve())),
    );
    this.baud = baudRate;
  }

  private requireOpen(): SerialPort {
    if (!this.sp) throw new InfrastructureError(`${this.port} is not open.`);
    return this.sp;
  }
}
