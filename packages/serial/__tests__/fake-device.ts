import {
  StreamedDevice,
  type SerialInputSignals,
  type SerialOpenOptions,
  type SerialOutputSignals,
  type SerialPortInfo,
} from "../src/device";

/** A device whose far end is this test: `feed()` plays the board, `written` records the host. */
export class FakeDevice extends StreamedDevice {
  readonly port = "fake://board";
  written: Buffer[] = [];
  signals: SerialOutputSignals[] = [];
  async open(o: SerialOpenOptions): Promise<void> {
    this.opened(o.baudRate);
  }
  async close(): Promise<void> {
    this.closed();
  }
  feed(s: string | Uint8Array): void {
    this.received(typeof s === "string" ? new TextEncoder().encode(s) : s);
  }
  unplug(): void {
    this.lost(new DOMException("The device has been lost.", "NetworkError"));
  }
  protected async transmit(bytes: Uint8Array): Promise<void> {
    this.written.push(Buffer.from(bytes));
  }
  async setSignals(s: SerialOutputSignals): Promise<void> {
    this.signals.push(s);
  }
  async getSignals(): Promise<SerialInputSignals> {
    return {
      dataCarrierDetect: false,
      clearToSend: false,
      ringIndicator: false,
      dataSetReady: false,
    };
  }
  getInfo(): SerialPortInfo {
    return {};
  }
  async setBaudRate(b: number): Promise<void> {
    this.baud = b;
  }
}
