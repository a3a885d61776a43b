import {
  chip as chipSchema,
  ConfigurationError,
  HilError,
  InfrastructureError,
  type ResetStrategyName,
} from "@hil/contracts";
import { createSerialDevice, hardReset, resetToApp, type SerialDevice } from "@hil/serial";
import {
  ESPLoader,
  Transport,
  UnexpectedChipIdError,
  UnexpectedChipMagicError,
  type IEspLoaderTerminal,
  type ResetStrategy,
} from "esptool-js";
import { BaudError, BoardSilentError, WrongChipError } from "./errors";
import type { BoardIdentity, DeflatedRun, Flasher, LoaderSession } from "./protocol";
import { resetPlan, runResetSequence, type ResetPlan } from "./reset";

/** The ROM bootloader's speed after reset. */
export const ROM_BAUD = 115200;

/** esptool's per-megabyte time-outs (ms per MB) for writes and MD5s. */
const ERASE_WRITE_MS_PER_MB = 40_000;
const MIN_TIMEOUT_MS = 3000;
const SPI_SET_PARAMS = 0x0b;
const CHANGE_BAUDRATE = 0x0f;
const SPI_FLASH_MD5 = 0x13;
const CHIP_MAGIC_REG = 0x40001000;

export interface EsptoolFlasherOptions {
  /** The slot's port: a device path or rfc2217://host:port. */
  port: string;
  /** The slot's reset strategy and, for `custom`, its sequence (esptool notation, seconds). */
  reset: ResetStrategyName;
  resetSequence?: string;
  /** Names the slot in errors. */
  slotId: string;
  /**
   * Connection attempts per connect(), each with a reset and five SYNCs (default 2, the short
   * and the long GPIO0 hold; 4 for reset: none, whose attempts cost no reset).
   */
  attempts?: number;
  /** esptool-js's own chatter (debug level). */
  debug?: (line: string) => void;
  /** Open this instead of `createSerialDevice(port)` (tests, other transports). */
  createDevice?: (port: string) => SerialDevice;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const u32 = (...values: number[]) => {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setUint32(i * 4, x >>> 0, true));
  return b;
};

/** `ESP32-S3` → `esp32s3`, when the contracts know the chip. */
export function chipFamily(chipName: string): BoardIdentity["chip"] {
  const r = chipSchema.safeParse(chipName.toLowerCase().replace(/-/g, ""));
  return r.success ? r.data : undefined;
}

/** `4MB` / `256KB` → bytes. */
function sizeBytes(size: string | undefined): number | undefined {
  const m = /^(\d+)(KB|MB)$/.exec(size ?? "");
  return m ? Number(m[1]) * (m[2] === "MB" ? 1024 * 1024 : 1024) : undefined;
}

/**
 * The flasher driver over esptool-js 0.7 and @hil/serial: resets with the slot's strategy
 * (run here, so custom sequences keep esptool's seconds), syncs, identifies the chip and
 * reads its MAC in the ROM bootloader. Writing happens block by block through
 * `flashDeflBegin`/`flashDeflBlock`/`flashDeflFinish` (esptool-js's `writeFlash` re-inflates
 * every block byte by byte just to report progress), and the baud switch is done here so a
 * refused speed is an error rather than a silent fall-back to 115200.
 */
export class EsptoolFlasher implements Flasher {
  readonly port: string;
  readonly resetDescription: string;
  readonly hardReset: (() => Promise<void>) | undefined;
  private readonly plan: ResetPlan;

  constructor(private readonly o: EsptoolFlasherOptions) {
    this.port = o.port;
    this.plan = resetPlan(o.reset, o.resetSequence, o.slotId);
    this.resetDescription = this.plan.description;
    this.hardReset = this.plan.canPulseEn ? () => this.pulseEn() : undefined;
  }

  private get attempts(): number {
    return this.o.attempts ?? (this.plan.sequences.length ? 2 : 4);
  }

  private device(): SerialDevice {
    return (this.o.createDevice ?? createSerialDevice)(this.o.port);
  }

  private terminal(): IEspLoaderTerminal {
    const debug = this.o.debug ?? (() => undefined);
    let partial = "";
    return {
      clean: () => undefined,
      write: (s: string) => {
        partial += s;
      },
      writeLine: (s: string) => {
        const line = (partial + s).trim();
        partial = "";
        if (line) debug(line);
      },
    };
  }

  async connect(): Promise<LoaderSession> {
    const device = this.device();
    const transport = new Transport(device as never, false);
    // esptool-js's Transport prints "Serial port done"/"readLoop exited" with console.log
    // whatever its tracing flag says; in an Actions log that is noise.
    (transport as unknown as { trace: (m: string) => void }).trace = () => undefined;
    const sequences = this.plan.sequences;
    const strategy = (i: number): ResetStrategy => ({
      transport,
      reset: () => runResetSequence(device, sequences[i % sequences.length]!),
    });
    const loader = new ESPLoader({
      transport,
      baudrate: ROM_BAUD,
      romBaudrate: ROM_BAUD,
      terminal: this.terminal(),
      // esptool-js asks for a 50 ms and a 550 ms classic reset and alternates them; both (and
      // its USB-JTAG reset) run the slot's sequences instead. Its types want its own classes.
      resetConstructors: {
        classicReset: ((_t: Transport, delayMs: number) =>
          strategy(delayMs > 100 ? 1 : 0)) as never,
        usbJTAGSerialReset: (() => strategy(0)) as never,
      },
    });
    const mode = sequences.length ? "default_reset" : "no_reset";
    try {
      await loader.connect(mode, this.attempts, true);
      if (loader.secureDownloadMode)
        throw new ConfigurationError(
          `The board on ${this.port} is in Secure Download Mode: its MAC cannot be read and the flasher stub cannot run.`,
          { hint: "hil-flash does not flash boards in Secure Download Mode; use esptool by hand." },
        );
      const chipName = loader.chip.CHIP_NAME;
      const description = await loader.chip.getChipDescription(loader);
      const mac = (await loader.chip.readMac(loader)).toLowerCase();
      const board: BoardIdentity = {
        chip: chipFamily(chipName),
        description,
        mac,
        port: this.port,
      };
      return new EsptoolSession(loader, transport, device, board, this.plan, this.o.reset);
    } catch (e) {
      await device.close().catch(() => undefined);
      if (e instanceof HilError) throw e;
      if (e instanceof UnexpectedChipMagicError || e instanceof UnexpectedChipIdError)
        throw new WrongChipError(
          `The board on ${this.port} answers in download mode, but is no chip esptool-js knows (${e.message}).`,
          { hint: "Check that the slot's port leads to an Espressif board." },
        );
      const msg = e instanceof Error ? e.message : String(e);
      const attempts = this.attempts;
      throw new BoardSilentError(
        this.port,
        msg === "Failed to connect with the device"
          ? `no answer to SYNC in ${attempts} attempt${attempts === 1 ? "" : "s"}`
          : msg,
      );
    }
  }

  /** EN low through RTS, then released with GPIO0 high: the chip restarts into its app. */
  private async pulseEn(): Promise<void> {
    const device = this.device();
    await device.open({ baudRate: ROM_BAUD });
    try {
      await hardReset(device, this.o.reset === "usb-jtag-serial" ? 200 : 100);
      await sleep(100);
    } finally {
      await device.close().catch(() => undefined);
    }
  }
}

class EsptoolSession implements LoaderSession {
  private closed = false;
  private flashSize: number | undefined;

  constructor(
    private readonly loader: ESPLoader,
    private readonly transport: Transport,
    private readonly device: SerialDevice,
    readonly board: BoardIdentity,
    private readonly plan: ResetPlan,
    private readonly strategy: ResetStrategyName,
  ) {}

  get baud(): number {
    return this.device.baudRate ?? ROM_BAUD;
  }

  async attachFlash(fallbackSize?: number): Promise<number | undefined> {
    // The ROM needs the SPI flash attached before flash commands; the stub attaches it itself.
    if (!this.loader.IS_STUB) await this.loader.flashSpiAttach(0);
    this.flashSize = sizeBytes(await this.loader.detectFlashSize()) ?? fallbackSize;
    await this.setFlashParams();
    return this.flashSize;
  }

  /** SPI_SET_PARAMS: tell the loader the flash geometry, as esptool does before flash commands. */
  private async setFlashParams(): Promise<void> {
    if (!this.flashSize) return;
    await this.loader.checkCommand(
      "set SPI flash parameters",
      SPI_SET_PARAMS,
      u32(0, this.flashSize, 64 * 1024, 4096, 256, 0xffff),
    );
  }

  async md5(offset: number, size: number): Promise<string> {
    const loader = this.loader;
    if (loader.IS_STUB) return loader.flashMd5sum(offset, size);
    // Not our stub (yet): the ROM answers with 32 ASCII hex digits and 4 status bytes (which
    // esptool-js 0.7 would hex-encode again); a stub left running by an earlier session of a
    // reset: none slot answers with 16 raw bytes and 2 status bytes. The length tells them apart.
    const [, data] = await loader.command(
      SPI_FLASH_MD5,
      u32(offset, size, 0, 0),
      0,
      true,
      loader.timeoutPerMb(loader.MD5_TIMEOUT_PER_MB, size),
    );
    const rom = data.length >= 34;
    const status = rom ? data[32] : data[16];
    if (data.length < 18 || status !== 0)
      throw new Error(
        `MD5 of 0x${offset.toString(16)}+${size} failed (status ${rom ? `${data[32]},${data[33]}` : `${data[16]},${data[17]}`}).`,
      );
    return rom
      ? Buffer.from(data.subarray(0, 32)).toString("latin1").toLowerCase()
      : Buffer.from(data.subarray(0, 16)).toString("hex");
  }

  async prepareToWrite(baud: number): Promise<void> {
    if (!this.loader.IS_STUB) {
      // A board that was reset into it runs the ROM loader for sure, and the ESP32 family's ROM
      // takes CHANGE_BAUDRATE (esptool --no-stub relies on it): switching before the stub is
      // uploaded carries its ~10 KiB at the slot's speed instead of 115200 (0.6 s saved).
      if (this.plan.sequences.length && baud !== this.baud) await this.changeBaud(baud);
      try {
        await this.loader.runStub();
      } catch (e) {
        if (e instanceof HilError) throw e;
        throw new InfrastructureError(
          `The flasher stub did not start on the board on ${this.board.port}: ${(e as Error).message}`,
          {
            hint: "Flash again; if it repeats, power-cycle the board (a marginal power supply or a noisy line breaks the upload).",
          },
        );
      }
      await this.setFlashParams();
    }
    if (baud !== this.baud) await this.changeBaud(baud);
  }

  private async changeBaud(baud: number): Promise<void> {
    const from = this.baud;
    const port = this.board.port;
    // Ask the adapter (or serial server) first: a refusal then leaves the chip where it was.
    try {
      await this.device.setBaudRate(baud);
    } catch (e) {
      await this.device.setBaudRate(from).catch(() => undefined);
      throw new BaudError(
        `The serial adapter at ${port} refused ${baud} baud: ${(e as Error).message.replace(/\.$/, "")}.`,
        {
          hint: "Use a speed the adapter supports: lower the slot's baud: in the inventory (or the action's baud input), e.g. 460800 or 230400.",
        },
      );
    }
    await this.device.setBaudRate(from);
    // The loader answers at the old speed, then switches.
    try {
      await this.loader.command(CHANGE_BAUDRATE, u32(baud, this.loader.IS_STUB ? from : 0));
    } catch (e) {
      throw new BaudError(
        `The board on ${port} did not answer the switch to ${baud} baud: ${(e as Error).message}`,
        { hint: "Flash again; if it repeats, lower the slot's baud: in the inventory." },
      );
    }
    await this.device.setBaudRate(baud);
    this.transport.baudrate = baud;
    await sleep(50); // what the line carried during the switch is noise
    this.transport.flushInput();
    for (let i = 0; i < 3; i++) {
      try {
        await this.loader.readReg(CHIP_MAGIC_REG, 500);
        return;
      } catch {
        this.transport.flushInput();
      }
    }
    throw new BaudError(`The board on ${port} stopped answering after switching to ${baud} baud.`, {
      hint: "The adapter, cable or serial server cannot carry that speed reliably: lower the slot's baud: in the inventory (or the action's baud input), e.g. 460800.",
    });
  }

  async writeDeflated(
    run: DeflatedRun,
    o: { progress?: (sentCompressed: number) => void; signal?: AbortSignal } = {},
  ): Promise<void> {
    const loader = this.loader;
    const { deflated } = run;
    const blocks = await loader.flashDeflBegin(run.size, deflated.length, run.offset);
    const bs = loader.FLASH_WRITE_SIZE;
    // The stub acknowledges a block on receipt and writes it while the next one arrives, so a
    // block's answer can wait for the previous block's erase and write (esptool's time-outs).
    let previous = 0;
    const timeout = (bytes: number) =>
      Math.max(MIN_TIMEOUT_MS, Math.ceil((ERASE_WRITE_MS_PER_MB * bytes) / 1e6));
    for (let seq = 0; seq < blocks; seq++) {
      o.signal?.throwIfAborted();
      const from = seq * bs;
      const to = Math.min(from + bs, deflated.length);
      // What this block carries, give or take the 32 KiB piece it shares with the next.
      const here = run.uncompressedAt(to) - run.uncompressedAt(from) + 0x8000;
      await loader.flashDeflBlock(deflated.subarray(from, to), seq, timeout(previous + here));
      previous = here;
      o.progress?.(to);
    }
    await loader.flashDeflFinish(false, timeout(previous));
  }

  async finish(): Promise<"app" | "stub"> {
    try {
      if (this.plan.canPulseEn) {
        await resetToApp(this.device, this.strategy);
        return "app";
      }
      // reset: none: the chip stays in the stub; put the line back to the ROM's speed so the
      // next session, which cannot reset it, finds the stub where it starts looking.
      if (this.loader.IS_STUB && this.baud !== ROM_BAUD) {
        await this.loader.command(CHANGE_BAUDRATE, u32(ROM_BAUD, this.baud));
        await this.device.setBaudRate(ROM_BAUD);
        this.transport.baudrate = ROM_BAUD;
      }
      return "stub";
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.device.close().catch(() => undefined);
  }
}
