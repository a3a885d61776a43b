import type { FlashMemory } from "./flash";
import { FlashWriteSession } from "./flash-writer";
import {
  buildResponse,
  checksum,
  OHAI,
  Op,
  parseCommand,
  ROM_SYNC_VALUE,
  RomError,
  romStatus,
  StubStatus,
  stubStatus,
  SYNC_PAYLOAD,
  type Command,
} from "./protocol";
import type { Esp32Registers } from "./registers";

/** What the loader needs from the board it runs on. */
export interface LoaderHost {
  readonly flash: FlashMemory;
  readonly registers: Esp32Registers;
  /** SLIP-frame and transmit a packet. */
  send(payload: Buffer): void;
  /** Resolves once everything sent so far has left the UART. */
  txDrained(): Promise<void>;
  setBaud(baud: number): void;
  /** FLASH_END from the ROM: 0 reboots, 1 runs the user code (boots from flash). */
  leaveLoader(how: "reboot" | "run"): void;
  /** The flasher stub has started (after its OHAI). */
  stubStarted?(): void;
  /** Something worth a line in the simulator's debug log. */
  trace?(msg: string): void;
}

interface RamSegment {
  addr: number;
  size: number;
}

/**
 * The ESP32 serial bootloader, as the ROM and then the flasher stub run it. Commands
 * are handled one at a time in arrival order; work a real loader does after answering
 * (the stub's decompress-and-write, a baud change) completes before the next command
 * is looked at, as on the chip.
 */
export class Loader {
  mode: "rom" | "stub" = "rom";
  private queue: Buffer[] = [];
  private frameWaiter: ((f: Buffer) => void) | undefined;
  private running = false;
  private disposed = false;
  private session: FlashWriteSession | undefined;
  private mem: { remaining: number; segments: RamSegment[]; cur?: RamSegment } | undefined;
  private ram: RamSegment[] = [];
  /** Stub: an error from the last post-process, reported on the next command. */
  private pendingError = StubStatus.SUCCESS as number;

  constructor(private readonly host: LoaderHost) {}

  /** A complete SLIP frame arrived from the host. */
  onFrame(frame: Buffer): void {
    if (this.disposed) return;
    if (this.frameWaiter) {
      const w = this.frameWaiter;
      this.frameWaiter = undefined;
      w(frame);
      return;
    }
    this.queue.push(frame);
    void this.pump();
  }

  /** The chip reset or lost power: forget everything. */
  dispose(): void {
    this.disposed = true;
    this.queue = [];
    this.session?.close();
    this.session = undefined;
  }

  private pumping: Promise<void> = Promise.resolve();

  /** Resolves once every command received so far has been handled (post-processing included). */
  async whenIdle(): Promise<void> {
    while (this.running || this.queue.length) await this.pumping;
  }

  private pump(): Promise<void> {
    if (this.running) return this.pumping;
    this.pumping = this.drain();
    return this.pumping;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length && !this.disposed) {
        const frame = this.queue.shift()!;
        try {
          if (this.mode === "rom") await this.handleRom(frame);
          else await this.handleStub(frame);
        } catch (e) {
          this.host.trace?.(`loader: ${(e as Error).message}`);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private nextFrame(timeoutMs: number): Promise<Buffer | undefined> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.frameWaiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.frameWaiter = (f) => {
        clearTimeout(t);
        resolve(f);
      };
    });
  }

  // ---------------------------------------------------------------- ROM loader

  private romReply(op: number, error?: number, value = 0, data?: Buffer): void {
    const body = data ? Buffer.concat([data, romStatus(error)]) : romStatus(error);
    this.host.send(buildResponse(op, value, body));
  }

  private async handleRom(frame: Buffer): Promise<void> {
    const cmd = parseCommand(frame);
    if (!cmd || cmd.direction !== 0x00) return; // not a request: the ROM ignores it
    if (cmd.size !== cmd.data.length) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
    const d = cmd.data;
    switch (cmd.op) {
      case Op.SYNC: {
        if (!d.equals(SYNC_PAYLOAD)) return;
        // The ROM answers a SYNC with eight identical responses.
        for (let i = 0; i < 8; i++) this.romReply(Op.SYNC, undefined, ROM_SYNC_VALUE);
        return;
      }
      case Op.READ_REG:
        if (d.length !== 4) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        return this.romReply(cmd.op, undefined, this.host.registers.read(d.readUInt32LE(0)));
      case Op.WRITE_REG:
        if (d.length === 0 || d.length % 16 !== 0)
          return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        this.writeRegs(d);
        return this.romReply(cmd.op);
      case Op.SPI_ATTACH:
        if (d.length !== 8 && d.length !== 4)
          return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        return this.romReply(cmd.op);
      case Op.SPI_SET_PARAMS:
        if (d.length !== 24) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        return this.romReply(cmd.op);
      case Op.CHANGE_BAUDRATE: {
        if (d.length !== 8) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        this.romReply(cmd.op);
        await this.host.txDrained();
        this.host.setBaud(d.readUInt32LE(0));
        return;
      }
      case Op.FLASH_BEGIN:
      case Op.FLASH_DEFL_BEGIN: {
        if (d.length !== 16 && d.length !== 20)
          return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        const size = d.readUInt32LE(0);
        const offset = d.readUInt32LE(12);
        if (offset + size > this.host.flash.size)
          return this.romReply(cmd.op, RomError.INVALID_PARAM);
        this.session?.close();
        // The ROM erases the whole announced region before it answers.
        this.session = new FlashWriteSession(this.host.flash, {
          offset,
          size,
          compressed: cmd.op === Op.FLASH_DEFL_BEGIN,
          erase: "upfront",
        });
        return this.romReply(cmd.op);
      }
      case Op.FLASH_DATA:
      case Op.FLASH_DEFL_DATA: {
        const block = dataBlock(cmd);
        if (!block) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        if (checksum(block) !== (cmd.checksum & 0xff))
          return this.romReply(cmd.op, RomError.BAD_CHECKSUM);
        const s = this.session;
        const wantCompressed = cmd.op === Op.FLASH_DEFL_DATA;
        if (!s || s.options.compressed !== wantCompressed)
          return this.romReply(cmd.op, RomError.RESULT_WRONG);
        try {
          // The ROM writes the block before it acknowledges it.
          if (wantCompressed) await s.writeCompressed(block);
          else s.writePlain(block, false);
        } catch {
          return this.romReply(cmd.op, wantCompressed ? RomError.DEFLATE : RomError.FLASH_WRITE);
        }
        return this.romReply(cmd.op);
      }
      case Op.FLASH_END:
      case Op.FLASH_DEFL_END: {
        if (d.length !== 4) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        this.session?.close();
        this.session = undefined;
        this.romReply(cmd.op);
        const how = d.readUInt32LE(0) === 0 ? "reboot" : "run";
        await this.host.txDrained();
        if (!this.disposed) this.host.leaveLoader(how);
        return;
      }
      case Op.SPI_FLASH_MD5: {
        if (d.length !== 16) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        const addr = d.readUInt32LE(0);
        const size = d.readUInt32LE(4);
        if (addr + size > this.host.flash.size) return this.romReply(cmd.op, RomError.FLASH_READ);
        // The ROM answers with 32 hex digits in ASCII.
        const hex = Buffer.from(this.host.flash.md5(addr, size).toString("hex"), "ascii");
        return this.romReply(cmd.op, undefined, 0, hex);
      }
      case Op.MEM_BEGIN: {
        if (d.length !== 16) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        const seg = { addr: d.readUInt32LE(12), size: d.readUInt32LE(0) };
        this.mem = { remaining: seg.size, segments: [], cur: seg };
        return this.romReply(cmd.op);
      }
      case Op.MEM_DATA: {
        const block = dataBlock(cmd);
        if (!block) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        if (checksum(block) !== (cmd.checksum & 0xff))
          return this.romReply(cmd.op, RomError.BAD_CHECKSUM);
        if (!this.mem?.cur) return this.romReply(cmd.op, RomError.RESULT_WRONG);
        if (block.length > this.mem.remaining) return this.romReply(cmd.op, RomError.RAM_SIZE);
        this.mem.remaining -= block.length;
        if (this.mem.remaining === 0) this.ram.push(this.mem.cur);
        return this.romReply(cmd.op);
      }
      case Op.MEM_END: {
        if (d.length !== 8) return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        const execute = d.readUInt32LE(0) === 0;
        const entry = d.readUInt32LE(4);
        this.romReply(cmd.op);
        if (execute) {
          await this.host.txDrained();
          if (this.disposed) return;
          const loaded = this.ram.some((s) => entry >= s.addr && entry < s.addr + s.size);
          if (!loaded) {
            // Jumping into memory nothing was loaded to: the chip is lost until reset.
            this.host.trace?.(`MEM_END jumps to 0x${entry.toString(16)}, nothing loaded there`);
            this.dispose();
            return;
          }
          this.startStub();
        }
        return;
      }
      default:
        // Unsupported on the ESP32 ROM (GET_SECURITY_INFO, the stub-only commands):
        // eight "invalid message" responses that do not echo the command.
        for (let i = 0; i < 8; i++) this.romReply(0x00, RomError.INVALID_MESSAGE);
        return;
    }
  }

  private writeRegs(d: Buffer): void {
    for (let o = 0; o + 16 <= d.length; o += 16) {
      this.host.registers.write(d.readUInt32LE(o), d.readUInt32LE(o + 4), d.readUInt32LE(o + 8));
    }
  }

  private startStub(): void {
    this.mode = "stub";
    this.session?.close();
    this.session = undefined;
    this.mem = undefined;
    this.pendingError = StubStatus.SUCCESS;
    this.host.send(OHAI);
    this.host.stubStarted?.();
  }

  // ---------------------------------------------------------------- flasher stub

  private stubReply(op: number, code: number, value = 0, data?: Buffer): void {
    const body = data ? Buffer.concat([data, stubStatus(code)]) : stubStatus(code);
    this.host.send(buildResponse(op, value, body));
  }

  private async handleStub(frame: Buffer): Promise<void> {
    const cmd = parseCommand(frame);
    if (!cmd) return;
    if (cmd.direction !== 0x00) return this.stubReply(cmd.op, StubStatus.INVALID_COMMAND);
    if (cmd.size !== cmd.data.length) return this.stubReply(cmd.op, StubStatus.BAD_DATA_LEN);
    if (this.pendingError !== StubStatus.SUCCESS) {
      const e = this.pendingError;
      this.pendingError = StubStatus.SUCCESS;
      return this.stubReply(cmd.op, e);
    }
    let post: (() => Promise<number>) | undefined;
    let value = 0;
    let data: Buffer | undefined;
    const code = ((): number => {
      const d = cmd.data;
      switch (cmd.op) {
        case Op.SYNC:
          if (d.length !== 36) return StubStatus.BAD_DATA_LEN;
          for (let i = 0; i < 7; i++) this.stubReply(Op.SYNC, StubStatus.SUCCESS);
          return StubStatus.SUCCESS;
        case Op.READ_REG:
          if (d.length !== 4) return StubStatus.BAD_DATA_LEN;
          value = this.host.registers.read(d.readUInt32LE(0));
          return StubStatus.SUCCESS;
        case Op.WRITE_REG:
          if (d.length === 0 || d.length % 16 !== 0) return StubStatus.NOT_ENOUGH_DATA;
          this.writeRegs(d);
          return StubStatus.SUCCESS;
        case Op.SPI_ATTACH:
          return d.length === 4 ? StubStatus.SUCCESS : StubStatus.BAD_DATA_LEN;
        case Op.SPI_SET_PARAMS:
          return d.length === 24 ? StubStatus.SUCCESS : StubStatus.BAD_DATA_LEN;
        case Op.CHANGE_BAUDRATE: {
          if (d.length !== 8) return StubStatus.BAD_DATA_LEN;
          const baud = d.readUInt32LE(0);
          post = async () => {
            await this.host.txDrained();
            this.host.setBaud(baud);
            return StubStatus.SUCCESS;
          };
          return StubStatus.SUCCESS;
        }
        case Op.FLASH_BEGIN:
        case Op.FLASH_DEFL_BEGIN: {
          if (d.length !== 16 && d.length !== 20) return StubStatus.BAD_DATA_LEN;
          const size = d.readUInt32LE(0);
          const offset = d.readUInt32LE(12);
          if (offset + size > this.host.flash.size) return StubStatus.FAILED_SPI_OP;
          this.session?.close();
          this.session = new FlashWriteSession(this.host.flash, {
            offset,
            size,
            compressed: cmd.op === Op.FLASH_DEFL_BEGIN,
            erase: "lazy",
          });
          return StubStatus.SUCCESS;
        }
        case Op.FLASH_DATA:
        case Op.FLASH_DEFL_DATA: {
          const compressed = cmd.op === Op.FLASH_DEFL_DATA;
          if (d.length < 16)
            return compressed ? StubStatus.BAD_DATA_LEN : StubStatus.NOT_ENOUGH_DATA;
          const s = this.session;
          if (!s) return StubStatus.NOT_IN_FLASH_MODE;
          const len = d.readUInt32LE(0);
          if (!compressed && len !== d.length - 16) return StubStatus.TOO_MUCH_DATA;
          const block = d.subarray(16, 16 + len);
          if (checksum(block) !== (cmd.checksum & 0xff)) return StubStatus.BAD_DATA_CHECKSUM;
          // Acknowledge on receipt; decompress and write while the next block arrives.
          post = async () => {
            try {
              if (compressed) await s.writeCompressed(Buffer.from(block));
              else s.writePlain(block);
              return StubStatus.SUCCESS;
            } catch {
              return compressed ? StubStatus.INFLATE_ERROR : StubStatus.FAILED_SPI_OP;
            }
          };
          return StubStatus.SUCCESS;
        }
        case Op.FLASH_END:
        case Op.FLASH_DEFL_END: {
          if (d.length !== 4) return StubStatus.BAD_DATA_LEN;
          if (!this.session) return StubStatus.NOT_IN_FLASH_MODE;
          if (this.session.remaining !== 0) return StubStatus.BAD_DATA_LEN;
          this.session.close();
          this.session = undefined;
          // The stub (esp-flasher-stub 1.x) does not act on the reboot flag.
          return StubStatus.SUCCESS;
        }
        case Op.SPI_FLASH_MD5: {
          if (d.length !== 16) return StubStatus.BAD_DATA_LEN;
          const addr = d.readUInt32LE(0);
          const size = d.readUInt32LE(4);
          if (addr + size > this.host.flash.size) return StubStatus.FAILED_SPI_OP;
          data = this.host.flash.md5(addr, size);
          return StubStatus.SUCCESS;
        }
        case Op.MEM_BEGIN:
          if (d.length !== 16) return StubStatus.BAD_DATA_LEN;
          this.mem = {
            remaining: d.readUInt32LE(0),
            segments: [],
            cur: { addr: d.readUInt32LE(12), size: d.readUInt32LE(0) },
          };
          return StubStatus.SUCCESS;
        case Op.MEM_DATA: {
          if (d.length < 16) return StubStatus.NOT_ENOUGH_DATA;
          if (!this.mem) return StubStatus.NOT_IN_FLASH_MODE;
          const len = d.readUInt32LE(0);
          if (len > this.mem.remaining || len !== d.length - 16) return StubStatus.TOO_MUCH_DATA;
          this.mem.remaining -= len;
          return StubStatus.SUCCESS;
        }
        case Op.MEM_END: {
          if (d.length !== 8) return StubStatus.BAD_DATA_LEN;
          if (!this.mem) return StubStatus.NOT_IN_FLASH_MODE;
          this.mem = undefined;
          if (d.readUInt32LE(0) === 0) {
            post = async () => {
              await this.host.txDrained();
              if (!this.disposed) this.startStub();
              return StubStatus.SUCCESS;
            };
          }
          return StubStatus.SUCCESS;
        }
        case Op.GET_SECURITY_INFO:
          // The ESP32 has no security-info ROM call; the stub reports it unimplemented.
          return d.length === 0 ? StubStatus.CMD_NOT_IMPLEMENTED : StubStatus.BAD_DATA_LEN;
        case Op.ERASE_FLASH:
          this.host.flash.eraseAll();
          return StubStatus.SUCCESS;
        case Op.ERASE_REGION: {
          if (d.length !== 8) return StubStatus.BAD_DATA_LEN;
          const addr = d.readUInt32LE(0);
          const size = d.readUInt32LE(4);
          if (addr % 0x1000 || size % 0x1000 || addr + size > this.host.flash.size)
            return StubStatus.BAD_DATA_LEN;
          this.host.flash.erase(addr, size);
          return StubStatus.SUCCESS;
        }
        case Op.READ_FLASH: {
          if (d.length !== 16) return StubStatus.BAD_DATA_LEN;
          const addr = d.readUInt32LE(0);
          const size = d.readUInt32LE(4);
          const packet = d.readUInt32LE(8);
          if (packet === 0 || packet > 4096 || addr + size > this.host.flash.size)
            return StubStatus.BAD_DATA_LEN;
          post = () => this.readFlash(addr, size, packet);
          return StubStatus.SUCCESS;
        }
        case Op.RUN_USER_CODE:
          // No response; esp-flasher-stub 1.x does not implement it either.
          return -1;
        default:
          return StubStatus.INVALID_COMMAND;
      }
    })();
    if (code === -1) return;
    if (code === StubStatus.SUCCESS) this.stubReply(cmd.op, code, value, data);
    else {
      this.stubReply(cmd.op, code);
      post = undefined;
    }
    if (post) this.pendingError = await post();
  }

  /** READ_FLASH: raw data frames, one in flight, each acknowledged; then the MD5. */
  private async readFlash(addr: number, size: number, packet: number): Promise<number> {
    const flash = this.host.flash;
    let sent = 0;
    while (sent < size && !this.disposed) {
      const n = Math.min(packet, size - sent);
      this.host.send(Buffer.from(flash.read(addr + sent, n)));
      sent += n;
      const ack = await this.nextFrame(10_000);
      if (!ack || ack.length !== 4) return StubStatus.SUCCESS; // the host gave up
    }
    this.host.send(flash.md5(addr, size));
    return StubStatus.SUCCESS;
  }
}

/** The payload of a *_DATA command (`len seq 0 0 data`), or undefined if malformed. */
function dataBlock(cmd: Command): Buffer | undefined {
  if (cmd.data.length < 16) return undefined;
  const len = cmd.data.readUInt32LE(0);
  if (len !== cmd.data.length - 16) return undefined;
  return cmd.data.subarray(16);
}
