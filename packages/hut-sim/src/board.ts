import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { runScript } from "./app";
import {
  bootFromFlash,
  elfShaShort,
  printAppStart,
  printDownloadBanner,
  STRAP_DOWNLOAD_BOOT,
  STRAP_FLASH_BOOT,
  type BootOutput,
} from "./boot";
import type { Crash } from "./crash";
import { FlashMemory } from "./flash";
import { Loader } from "./loader";
import { Esp32Registers } from "./registers";
import { parseScript, ScriptError, type ResetReason } from "./script";
import { slipEncode, SlipDecoder } from "./slip";
import { Wire } from "./wire";

/** The ESP32 ROM talks at 115200 baud after reset (40 MHz crystal). */
export const ROM_BAUD = 115200;

export type BoardMode =
  /** No power. */
  | "off"
  /** EN held low (or waiting for EN to rise): the chip is in reset. */
  | "reset"
  /** ROM serial bootloader, waiting for or serving esptool. */
  | "rom"
  /** The flasher stub runs. */
  | "stub"
  /** ROM and 2nd-stage bootloader printing, loading the app. */
  | "booting"
  /** The app (its console script) runs. */
  | "app"
  /** The app finished its script or hung: alive, silent, deaf. */
  | "idle"
  | "hung"
  /** No bootable image: the ROM or bootloader loops. */
  | "bootloop";

/** Faults a test can switch on per board (docs/simulator.md "Faults"). */
export interface BoardFaults {
  /** The board receives nothing: the loader never answers, console input is lost. */
  noAnswer?: boolean;
  /** Share (0..1) of loader frames corrupted, in both directions. */
  corruptFrames?: number;
  /** The app stops right after app_main() starts: no output, no answers. */
  hangAfterBoot?: boolean;
  /** Every app boot ends in a brown-out reset shortly after app_main() starts. */
  brownoutLoop?: boolean;
  /**
   * Wedged (a locked-up USB-UART bridge or chip): nothing crosses the line either way, and an
   * EN reset does not help; cutting the power clears it, as it does on a real bench.
   */
  wedged?: boolean;
}

/** One end of the board's UART: a pty bridge or an RFC 2217 connection. */
export interface SerialPeer {
  /** Bytes from the board, after crossing the line. */
  receive(bytes: Buffer): void;
  /** The host side's line speed when it is known (RFC 2217); undefined means "matches". */
  readonly hostBaud: number | undefined;
}

export interface SimBoardOptions {
  /** Slot id, e.g. `hut-01`; the MAC derives from it unless given. */
  id: string;
  mac?: string;
  /** Flash size in bytes (default 4 MiB). */
  flashSize?: number;
  /** Keep the flash contents in this file across restarts. */
  flashFile?: string;
  /** Power on at creation (default true). */
  poweredOn?: boolean;
  /** Hold GPIO0 low for the first power-on so the board starts in download mode. */
  startInDownloadMode?: boolean;
  /** How long EN must be high before the chip leaves reset (the EN RC delay), ms. Default 5. */
  enDelayMs?: number;
  /** Debug trace. */
  trace?: (msg: string) => void;
}

export interface BoardStatus {
  id: string;
  mac: string;
  power: boolean;
  mode: BoardMode;
  baud: number;
  boot: number;
  resetReason: ResetReason | undefined;
  bootButton: boolean;
  lines: { dtr: boolean; rts: boolean };
  faults: BoardFaults;
  rxBytes: number;
  txBytes: number;
}

/** A stable, distinct MAC per slot id, in Espressif's 24:6f:28 block. */
export function macForSlot(id: string): string {
  const h = createHash("sha256").update(`hil-sim:${id}`).digest();
  return [
    "24",
    "6f",
    "28",
    ...[...h.subarray(0, 3)].map((b) => b.toString(16).padStart(2, "0")),
  ].join(":");
}

class Aborted extends Error {
  override name = "Aborted";
}

/** One run of the chip between two resets. */
class Run {
  readonly ac = new AbortController();
  readonly startedAt = performance.now();
  loader: Loader | undefined;
  slip: SlipDecoder | undefined;
  partial = "";
  lastWasCr = false;
  lines: string[] = [];
  lineWaiter: (() => void) | undefined;
  acceptInput = false;
  /** The app hung: nothing more runs until the next reset. */
  hung = false;
  get aborted(): boolean {
    return this.ac.signal.aborted;
  }
}

/**
 * A simulated ESP32 DevKit: the chip (ROM loader, flasher stub, 2nd-stage bootloader,
 * an app that runs the console script from its image), its flash, its UART with
 * line-rate pacing, and the auto-reset circuit that lets DTR/RTS drive EN and GPIO0.
 *
 * Events: `mode` (BoardMode), `power` (boolean), `boot` ({ reason, download }).
 */
export class SimBoard extends EventEmitter {
  readonly id: string;
  readonly mac: string;
  readonly flash: FlashMemory;
  readonly registers: Esp32Registers;
  faults: BoardFaults = {};

  private powered = false;
  private _mode: BoardMode = "off";
  private baud = ROM_BAUD;
  private lines = { dtr: false, rts: false };
  private bootButton = false;
  private strap = STRAP_FLASH_BOOT;
  private releaseTimer: NodeJS.Timeout | undefined;
  private run: Run | undefined;
  private bootCount = 0;
  private lastReason: ResetReason | undefined;
  private readonly peers = new Set<SerialPeer>();
  private readonly tx: Wire;
  private readonly rx: Wire;
  private readonly enDelayMs: number;
  private rngState: number;
  private firstPowerOn = true;
  private readonly startInDownloadMode: boolean;

  constructor(private readonly options: SimBoardOptions) {
    super();
    this.id = options.id;
    this.mac = (options.mac ?? macForSlot(options.id)).toLowerCase();
    this.flash = new FlashMemory({
      ...(options.flashSize ? { size: options.flashSize } : {}),
      ...(options.flashFile ? { file: options.flashFile } : {}),
    });
    const macBytes = Buffer.from(this.mac.split(":").map((h) => parseInt(h, 16)));
    this.registers = new Esp32Registers({
      mac: macBytes,
      flashSize: this.flash.size,
      baud: () => this.baud,
      strap: () => this.strap,
    });
    this.enDelayMs = options.enDelayMs ?? 5;
    this.startInDownloadMode = options.startInDownloadMode ?? false;
    this.rngState = macBytes.readUInt32BE(2) || 1;
    this.tx = new Wire((b) => this.deliverTx(b));
    this.rx = new Wire((b) => this.deliverRx(b));
    if (options.poweredOn !== false) this.powerOn();
  }

  get mode(): BoardMode {
    return this._mode;
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** Current UART baud of the chip. */
  get uartBaud(): number {
    return this.baud;
  }

  status(): BoardStatus {
    return {
      id: this.id,
      mac: this.mac,
      power: this.powered,
      mode: this._mode,
      baud: this.baud,
      boot: this.bootCount,
      resetReason: this.lastReason,
      bootButton: this.bootButton,
      lines: { ...this.lines },
      faults: { ...this.faults },
      rxBytes: this.rx.stats.delivered,
      txBytes: this.tx.stats.delivered,
    };
  }

  /** Bytes that have crossed the line towards the board (rx) and from it (tx). */
  get lineStats(): { rxBytes: number; txBytes: number } {
    return { rxBytes: this.rx.stats.delivered, txBytes: this.tx.stats.delivered };
  }

  setFaults(f: BoardFaults): void {
    this.faults = { ...this.faults, ...f };
    for (const k of Object.keys(this.faults) as (keyof BoardFaults)[])
      if (this.faults[k] === undefined || this.faults[k] === false || this.faults[k] === 0)
        delete this.faults[k];
  }

  clearFaults(): void {
    this.faults = {};
  }

  // ------------------------------------------------------------------ serial peers

  /** Connect a door (pty bridge, RFC 2217 connection); returns the function that detaches it. */
  attach(peer: SerialPeer): () => void {
    this.peers.add(peer);
    return () => this.peers.delete(peer);
  }

  /** Bytes the host sends towards the board through `peer`. */
  hostWrite(bytes: Buffer, peer?: SerialPeer): void {
    if (!this.powered || this.faults.noAnswer || this.faults.wedged || bytes.length === 0) return;
    const hostBaud = peer?.hostBaud ?? this.baud;
    const data = baudMismatch(hostBaud, this.baud) ? garble(bytes, hostBaud, this.baud) : bytes;
    this.rx.send(data, hostBaud);
  }

  /**
   * The adapter's DTR/RTS outputs, through the DevKit's two-transistor auto-reset
   * circuit: EN is pulled low only when RTS is asserted and DTR is not; GPIO0 only
   * when DTR is asserted and RTS is not.
   */
  setLines(lines: { dtr?: boolean; rts?: boolean }): void {
    this.lines = { dtr: lines.dtr ?? this.lines.dtr, rts: lines.rts ?? this.lines.rts };
    this.applyEn();
  }

  /** Hold or release the BOOT button (GPIO0 to ground). */
  setBootButton(held: boolean): void {
    this.bootButton = held;
  }

  private get enHigh(): boolean {
    return !(this.lines.rts && !this.lines.dtr);
  }

  private get gpio0Low(): boolean {
    return this.bootButton || (this.lines.dtr && !this.lines.rts);
  }

  // ------------------------------------------------------------------ power and reset

  powerOn(): void {
    if (this.powered) return;
    this.powered = true;
    this.bootCount = 0;
    this.emit("power", true);
    this.setMode("reset");
    if (this.firstPowerOn && this.startInDownloadMode) this.bootButton = true;
    this.scheduleRelease("POWERON_RESET");
  }

  powerOff(): void {
    if (!this.powered) return;
    this.powered = false;
    // A power cut is what unwedges a wedged board.
    delete this.faults.wedged;
    this.stopRun();
    this.clearRelease();
    this.baud = ROM_BAUD;
    this.bootCount = 0;
    this.emit("power", false);
    this.setMode("off");
  }

  /** A brown-out now: the app's detector restarts it; elsewhere the chip resets in hardware. */
  brownout(): void {
    if (!this.powered) return;
    // Once the app runs (even idle or stuck), ESP-IDF's brown-out ISR reports it and restarts.
    if ((this._mode === "app" || this._mode === "idle" || this._mode === "hung") && this.run) {
      const run = this.run;
      void this.crashRun(run, {
        lines: ["", "Brownout detector was triggered", ""],
        reset: "SW_CPU_RESET",
      });
    } else this.chipReset("RTCWDT_BROWN_OUT_RESET");
  }

  /** Release resources (timers, the flash file). */
  close(): void {
    this.stopRun();
    this.clearRelease();
    this.tx.clear();
    this.rx.clear();
    this.flash.close();
    this.removeAllListeners();
  }

  private applyEn(): void {
    if (!this.powered) return;
    if (!this.enHigh) {
      if (this._mode !== "reset" || this.releaseTimer) {
        this.stopRun();
        this.clearRelease();
        this.setMode("reset");
      }
      return;
    }
    if (this._mode === "reset" && !this.releaseTimer) this.scheduleRelease("POWERON_RESET");
  }

  private scheduleRelease(reason: ResetReason): void {
    this.clearRelease();
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      if (!this.powered || !this.enHigh) return;
      this.startChip(reason);
    }, this.enDelayMs);
  }

  private clearRelease(): void {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
  }

  /** A reset the chip does to itself (software, watchdog, brown-out). */
  private chipReset(reason: ResetReason): void {
    this.stopRun();
    this.setMode("reset");
    setImmediate(() => {
      if (this.powered && this.enHigh && this._mode === "reset" && !this.releaseTimer)
        this.startChip(reason);
    });
  }

  private stopRun(): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    run.ac.abort();
    run.loader?.dispose();
    run.lineWaiter?.();
    // Bytes still in the chip's FIFO or on their way in are lost with the reset.
    this.tx.clear();
    this.rx.clear();
  }

  private setMode(m: BoardMode): void {
    if (this._mode === m) return;
    this._mode = m;
    this.emit("mode", m);
  }

  /** The chip leaves reset: the ROM samples GPIO0 and either waits for download or boots. */
  private startChip(reason: ResetReason): void {
    this.stopRun();
    this.baud = ROM_BAUD;
    this.bootCount = reason === "POWERON_RESET" ? 1 : this.bootCount + 1;
    this.lastReason = reason;
    const download = this.gpio0Low;
    if (this.firstPowerOn) {
      this.firstPowerOn = false;
      if (this.startInDownloadMode) this.bootButton = false;
    }
    this.strap = download ? STRAP_DOWNLOAD_BOOT : STRAP_FLASH_BOOT;
    const run = new Run();
    this.run = run;
    this.emit("boot", { reason, download });
    if (download) void this.runDownload(run, reason);
    else void this.runFlashBoot(run, reason, true);
  }

  // ------------------------------------------------------------------ UART

  private deliverTx(bytes: Buffer): void {
    if (this.faults.wedged) return;
    for (const p of this.peers) {
      const hb = p.hostBaud;
      p.receive(
        hb !== undefined && baudMismatch(this.baud, hb) ? garble(bytes, this.baud, hb) : bytes,
      );
    }
  }

  private deliverRx(bytes: Buffer): void {
    const run = this.run;
    if (!run || run.aborted) return;
    if (run.slip) run.slip.push(bytes);
    else if (run.acceptInput) this.takeInput(run, bytes);
  }

  private takeInput(run: Run, bytes: Buffer): void {
    for (const ch of bytes.toString("latin1")) {
      if (ch === "\n" || ch === "\r") {
        // "\r\n" is one line end.
        if (ch === "\n" && run.partial === "" && run.lastWasCr) {
          run.lastWasCr = false;
          continue;
        }
        run.lastWasCr = ch === "\r";
        run.lines.push(run.partial);
        run.partial = "";
      } else {
        run.lastWasCr = false;
        run.partial += ch;
      }
    }
    if (run.lines.length && run.lineWaiter) {
      const w = run.lineWaiter;
      run.lineWaiter = undefined;
      w();
    }
  }

  /** Queue bytes on the TX line; resolves once they have crossed it (and were delivered). */
  private async transmit(run: Run, bytes: Buffer): Promise<void> {
    if (run.aborted) throw new Aborted();
    this.tx.send(bytes, this.baud);
    await this.tx.drained();
    if (run.aborted) throw new Aborted();
  }

  private sleep(run: Run, ms: number): Promise<void> {
    return this.sleepUntil(run, performance.now() + ms);
  }

  private sleepUntil(run: Run, due: number): Promise<void> {
    if (run.aborted) return Promise.reject(new Aborted());
    const wait = due - performance.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        reject(new Aborted());
      };
      const t = setTimeout(() => {
        run.ac.signal.removeEventListener("abort", onAbort);
        resolve();
      }, Math.ceil(wait));
      run.ac.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private output(run: Run): BootOutput & { write(text: string): Promise<void> } {
    const write = (text: string) => this.transmit(run, Buffer.from(text, "utf8"));
    return {
      write,
      line: (text) => write(`${text}\r\n`),
      log: (level, tag, text) =>
        write(`${level} (${Math.round(performance.now() - run.startedAt)}) ${tag}: ${text}\r\n`),
    };
  }

  private random(): number {
    let x = this.rngState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rngState = x >>> 0;
    return this.rngState / 0x100000000;
  }

  private maybeCorrupt(frame: Buffer): Buffer {
    const rate = this.faults.corruptFrames ?? 0;
    if (rate <= 0 || this.random() >= rate || frame.length === 0) return frame;
    const copy = Buffer.from(frame);
    const i = Math.floor(this.random() * copy.length);
    copy[i] = copy[i]! ^ (1 + Math.floor(this.random() * 255));
    return copy;
  }

  // ------------------------------------------------------------------ download mode

  private async runDownload(run: Run, reason: ResetReason): Promise<void> {
    this.setMode("rom");
    const out = this.output(run);
    const loader = new Loader({
      flash: this.flash,
      registers: this.registers,
      send: (payload) => {
        if (run.aborted) return;
        this.tx.send(slipEncode(this.maybeCorrupt(payload)), this.baud);
      },
      txDrained: () => this.tx.drained(),
      setBaud: (b) => {
        if (!run.aborted) this.baud = b;
      },
      leaveLoader: (how) => {
        if (run.aborted) return;
        if (how === "reboot") this.chipReset("SW_RESET");
        else {
          this.stopRun();
          const next = new Run();
          this.run = next;
          void this.runFlashBoot(next, reason, false);
        }
      },
      stubStarted: () => {
        if (!run.aborted) this.setMode("stub");
      },
      trace: (m) => this.options.trace?.(`${this.id}: ${m}`),
    });
    run.loader = loader;
    // The UART receiver is live while the banner goes out.
    run.slip = new SlipDecoder((ev) => {
      if (ev.type === "frame") loader.onFrame(this.maybeCorrupt(ev.payload));
    });
    try {
      await printDownloadBanner(out, reason);
    } catch (e) {
      if (!(e instanceof Aborted)) throw e;
    }
  }

  // ------------------------------------------------------------------ flash boot and app

  private async runFlashBoot(run: Run, reason: ResetReason, romBanner: boolean): Promise<void> {
    this.setMode("booting");
    const out = this.output(run);
    try {
      const outcome = await bootFromFlash(this.flash, reason, out, romBanner);
      if (outcome.kind === "invalid-header") {
        this.setMode("bootloop");
        const line = `invalid header: 0x${outcome.word.toString(16).padStart(8, "0")}`;
        for (;;) {
          await out.line(line);
          await this.sleep(run, 20);
        }
      }
      if (outcome.kind === "reset") {
        this.setMode("bootloop");
        await this.sleep(run, 10);
        this.chipReset(outcome.reason);
        return;
      }
      await printAppStart(out, outcome.desc);
      this.setMode("app");
      const elfSha = elfShaShort(outcome.desc);
      if (this.faults.brownoutLoop) {
        await this.sleep(run, 50);
        return this.crashRun(run, {
          lines: ["", "Brownout detector was triggered", ""],
          reset: "SW_CPU_RESET",
        });
      }
      if (this.faults.hangAfterBoot) return this.hangRun(run);
      run.acceptInput = true;
      let scriptText = outcome.script;
      if (outcome.scriptError) {
        await out.log("E", "hil-sim", outcome.scriptError);
        scriptText = undefined;
      }
      if (scriptText !== undefined) {
        let script;
        try {
          script = parseScript(scriptText);
        } catch (e) {
          if (!(e instanceof ScriptError)) throw e;
          await out.log("E", "hil-sim", e.message);
        }
        if (script) {
          await runScript(script, {
            write: out.write,
            line: out.line,
            log: (level, tag, text) => out.log(level as "E", tag, text),
            sleep: (ms) => this.sleep(run, ms),
            readLine: (t) => this.readLine(run, t),
            uptimeMs: () => Math.round(performance.now() - run.startedAt),
            crash: (c) => this.crashRun(run, c),
            restart: () => this.crashRun(run, { lines: [], reset: "SW_CPU_RESET" }),
            hang: () => this.hangRun(run),
            boot: this.bootCount,
            resetReason: reason,
            mac: this.mac,
            elfSha,
          });
          if (run.aborted || run.hung || this.run !== run) return;
        }
      }
      await out.log("I", "main_task", "Returned from app_main()");
      this.setMode("idle");
    } catch (e) {
      if (e instanceof Aborted) return;
      this.options.trace?.(`${this.id}: boot failed: ${(e as Error).stack}`);
    }
  }

  private async crashRun(run: Run, crash: Crash): Promise<void> {
    if (run.aborted) return;
    run.acceptInput = false;
    const out = this.output(run);
    try {
      for (const l of crash.lines) await out.line(l);
    } catch (e) {
      if (e instanceof Aborted) return;
      throw e;
    }
    if (this.run === run) this.chipReset(crash.reset);
  }

  private async hangRun(run: Run): Promise<void> {
    run.hung = true;
    run.acceptInput = false;
    run.lines = [];
    this.setMode("hung");
  }

  private readLine(run: Run, timeoutMs?: number): Promise<string | undefined> {
    if (run.lines.length) return Promise.resolve(run.lines.shift());
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        if (run.aborted) reject(new Aborted());
        else resolve(run.lines.shift());
      };
      run.lineWaiter = done;
      if (timeoutMs !== undefined)
        timer = setTimeout(() => {
          run.lineWaiter = undefined;
          resolve(undefined);
        }, timeoutMs);
    });
  }
}

/** A UART receiver more than ~3 % off the sender's rate sees framing errors, not data. */
export function baudMismatch(sender: number, receiver: number): boolean {
  return Math.abs(sender - receiver) / receiver > 0.03;
}

/** What a receiver at the wrong baud makes of `bytes`: a different number of junk bytes. */
export function garble(bytes: Buffer, sender: number, receiver: number): Buffer {
  const n = Math.max(1, Math.round((bytes.length * receiver) / sender));
  const out = Buffer.alloc(n);
  let h = 0x811c9dc5 ^ bytes.length;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ (bytes[i % bytes.length] ?? 0), 16777619) >>> 0;
    // Never produce SLIP delimiters, so junk cannot pass for a frame boundary by luck.
    const b = h & 0xff;
    out[i] = b === 0xc0 || b === 0xdb ? b ^ 0x01 : b;
  }
  return out;
}
