import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Slot } from "@hil/contracts";
import { RecordingHost } from "@hil/host";
import { benchJudgeDetailed, ConsoleLog, syntheticConsole } from "@hil/judge";
import {
  StreamedDevice,
  type SerialInputSignals,
  type SerialOpenOptions,
  type SerialOutputSignals,
  type SerialPortInfo,
} from "@hil/serial";
import { runBoardSession } from "./session";

/**
 * A port that delivers a whole console in `chunk`-byte pieces as fast as the reader takes them,
 * starting when the reset releases EN: the session's pipeline is the only limit.
 */
class FloodDevice extends StreamedDevice {
  readonly port = "bench://flood";
  private rts = false;
  constructor(
    private readonly data: Uint8Array,
    private readonly chunk: number,
  ) {
    super();
  }
  async open(o: SerialOpenOptions): Promise<void> {
    this.opened(o.baudRate);
  }
  async close(): Promise<void> {
    this.closed();
  }
  async setSignals(s: SerialOutputSignals): Promise<void> {
    const released = this.rts && s.requestToSend === false;
    if (s.requestToSend !== undefined) this.rts = s.requestToSend;
    if (released)
      for (let i = 0; i < this.data.length; i += this.chunk)
        this.received(this.data.subarray(i, i + this.chunk));
  }
  async getSignals(): Promise<SerialInputSignals> {
    return { dataCarrierDetect: true, clearToSend: true, ringIndicator: false, dataSetReady: true };
  }
  getInfo(): SerialPortInfo {
    return {};
  }
  async setBaudRate(): Promise<void> {}
  protected async transmit(): Promise<void> {}
}

export interface SessionBenchResult {
  /** MB/s through the whole session: port reader → judge → console log. */
  mbPerSec: number;
  /** MB/s of the judge alone on the same console, for comparison. */
  judgeMbPerSec: number;
  bytes: number;
  ms: number;
}

/**
 * How fast a test run takes console output in, end to end (the reader that stamps chunks, the
 * judge, the timestamped log; the live echo off), against the judge alone: a session that keeps
 * up is far above any serial line's rate (921600 baud is 0.09 MB/s).
 */
export async function benchBoardSession(
  bytes = 16 * 1024 * 1024,
  chunk = 4096,
): Promise<SessionBenchResult> {
  const { text, tests } = syntheticConsole(bytes);
  const data = new TextEncoder().encode(text);
  const dir = mkdtempSync(join(tmpdir(), "hil-bench-"));
  const slot: Slot = {
    id: "bench",
    label: "bench",
    chip: "esp32",
    port: "bench://flood",
    baud: 921600,
    console_baud: 115200,
    reset: "classic",
  };
  try {
    const log = new ConsoleLog(join(dir, "console.log"));
    const started = performance.now();
    const s = await runBoardSession({
      slot,
      host: new RecordingHost(),
      log,
      echo: false,
      device: new FloodDevice(data, chunk),
      judge: { timeoutMs: 600_000, inactivityMs: 600_000, crashGraceMs: 1, unitySettleMs: 1 },
    });
    log.close();
    const ms = performance.now() - started - (s.timings.resetDoneMs ?? 0);
    if (s.result.status !== "success" || s.result.counts.passed !== tests)
      throw new Error(`benchBoardSession: judged ${s.result.status} (${s.result.reason})`);
    return {
      mbPerSec: data.length / 1e6 / (ms / 1000),
      judgeMbPerSec: benchJudgeDetailed(bytes, chunk).mbPerSec,
      bytes: data.length,
      ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
