import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { SerialPeer, SimBoard } from "./board";

/** Telnet (RFC 854/855) and COM-PORT-OPTION (RFC 2217) codes. */
export const T = {
  IAC: 255,
  DONT: 254,
  DO: 253,
  WONT: 252,
  WILL: 251,
  SB: 250,
  SE: 240,
  BINARY: 0,
  ECHO: 1,
  SGA: 3,
  COM_PORT: 44,
} as const;

/** COM-PORT-OPTION commands, client to server; the server answers with the code + 100. */
export const Cpo = {
  SIGNATURE: 0,
  SET_BAUDRATE: 1,
  SET_DATASIZE: 2,
  SET_PARITY: 3,
  SET_STOPSIZE: 4,
  SET_CONTROL: 5,
  NOTIFY_LINESTATE: 6,
  NOTIFY_MODEMSTATE: 7,
  FLOWCONTROL_SUSPEND: 8,
  FLOWCONTROL_RESUME: 9,
  SET_LINESTATE_MASK: 10,
  SET_MODEMSTATE_MASK: 11,
  PURGE_DATA: 12,
  SERVER_OFFSET: 100,
} as const;

/** SET-CONTROL values. */
export const Ctl = {
  FLOW_REQUEST: 0,
  FLOW_NONE: 1,
  FLOW_XONXOFF: 2,
  FLOW_HARDWARE: 3,
  BREAK_REQUEST: 4,
  BREAK_ON: 5,
  BREAK_OFF: 6,
  DTR_REQUEST: 7,
  DTR_ON: 8,
  DTR_OFF: 9,
  RTS_REQUEST: 10,
  RTS_ON: 11,
  RTS_OFF: 12,
} as const;

/** Escape 0xFF in data as IAC IAC. */
export function iacEscape(data: Buffer): Buffer {
  let n = 0;
  for (const b of data) if (b === T.IAC) n++;
  if (n === 0) return data;
  const out = Buffer.allocUnsafe(data.length + n);
  let o = 0;
  for (const b of data) {
    out[o++] = b;
    if (b === T.IAC) out[o++] = T.IAC;
  }
  return out;
}

/** Incremental telnet decoder: data bytes, option negotiations, sub-negotiations. */
export class TelnetDecoder {
  private state: "data" | "iac" | "neg" | "sb" | "sb-iac" = "data";
  private neg = 0;
  private sb: number[] = [];

  constructor(
    private readonly handlers: {
      data(bytes: Buffer): void;
      negotiate(cmd: number, option: number): void;
      subnegotiation(bytes: Buffer): void;
    },
  ) {}

  push(chunk: Buffer): void {
    let runStart = -1;
    const flush = (end: number) => {
      if (runStart >= 0 && end > runStart) this.handlers.data(chunk.subarray(runStart, end));
      runStart = -1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case "data":
          if (b === T.IAC) {
            flush(i);
            this.state = "iac";
          } else if (runStart < 0) runStart = i;
          break;
        case "iac":
          if (b === T.IAC) {
            this.handlers.data(Buffer.from([T.IAC]));
            this.state = "data";
          } else if (b === T.DO || b === T.DONT || b === T.WILL || b === T.WONT) {
            this.neg = b;
            this.state = "neg";
          } else if (b === T.SB) {
            this.sb = [];
            this.state = "sb";
          } else this.state = "data"; // NOP, GA, AYT…: nothing to do
          break;
        case "neg":
          this.handlers.negotiate(this.neg, b);
          this.state = "data";
          break;
        case "sb":
          if (b === T.IAC) this.state = "sb-iac";
          else this.sb.push(b);
          break;
        case "sb-iac":
          if (b === T.SE) {
            this.handlers.subnegotiation(Buffer.from(this.sb));
            this.state = "data";
          } else if (b === T.IAC) {
            this.sb.push(T.IAC);
            this.state = "sb";
          } else this.state = "data"; // malformed; drop it
          break;
      }
    }
    flush(chunk.length);
  }
}

export interface Rfc2217ServerOptions {
  /** Text the server gives as its SIGNATURE. */
  signature?: string;
  /**
   * The fastest speed the server's serial adapter supports: SET-BAUDRATE above it is answered
   * with the speed the port keeps, as ser2net does when the adapter refuses (a test of the
   * client's handling of a refused baud).
   */
  maxBaud?: number;
}

/**
 * An RFC 2217 (Telnet COM-PORT-OPTION) server for one board, on 127.0.0.1 only, one
 * client at a time like ser2net. Baud rate and DTR/RTS are honoured: the baud sets the
 * speed of the host's side of the line, DTR/RTS drive the board's auto-reset circuit.
 * While the client is connected DTR and RTS are asserted unless it says otherwise
 * (the port is open), and both drop together when it leaves.
 */
export class Rfc2217Server {
  private server: Server | undefined;
  private client: Socket | undefined;
  port = 0;

  constructor(
    private readonly board: SimBoard,
    private readonly options: Rfc2217ServerOptions = {},
  ) {}

  get url(): string {
    return `rfc2217://127.0.0.1:${this.port}`;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.client?.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(sock: Socket): void {
    if (this.client) {
      sock.end("Port already in use\r\n");
      return;
    }
    this.client = sock;
    sock.setNoDelay(true);
    const board = this.board;
    let hostBaud = 115200;
    let lines = { dtr: true, rts: true };
    let suspended = false;
    const held: Buffer[] = [];
    const options = {
      comPort: false,
      binaryIn: false,
      binaryOut: false,
      sgaIn: false,
      sgaOut: false,
    };
    const send = (bytes: Buffer) => {
      if (!sock.destroyed) sock.write(bytes);
    };
    const cpo = (cmd: number, payload: number[] | Buffer) =>
      send(
        Buffer.concat([
          Buffer.from([T.IAC, T.SB, T.COM_PORT, cmd]),
          iacEscape(Buffer.from(payload)),
          Buffer.from([T.IAC, T.SE]),
        ]),
      );
    const peer: SerialPeer = {
      get hostBaud() {
        return hostBaud;
      },
      receive(bytes) {
        if (suspended) held.push(bytes);
        else send(iacEscape(bytes));
      },
    };
    const detach = board.attach(peer);
    board.setLines(lines);

    const decoder = new TelnetDecoder({
      data: (bytes) => board.hostWrite(Buffer.from(bytes), peer),
      negotiate: (cmd, opt) => {
        const reply = (c: number) => send(Buffer.from([T.IAC, c, opt]));
        if (cmd === T.WILL) {
          if (opt === T.COM_PORT) {
            if (!options.comPort) {
              options.comPort = true;
              reply(T.DO);
              // Tell the client the modem lines (CD, DSR, CTS up): a notification it must tolerate.
              cpo(Cpo.NOTIFY_MODEMSTATE + Cpo.SERVER_OFFSET, [0xb0]);
            }
          } else if (opt === T.BINARY || opt === T.SGA) {
            const key = opt === T.BINARY ? "binaryIn" : "sgaIn";
            if (!options[key]) {
              options[key] = true;
              reply(T.DO);
            }
          } else reply(T.DONT);
        } else if (cmd === T.DO) {
          if (opt === T.BINARY || opt === T.SGA) {
            const key = opt === T.BINARY ? "binaryOut" : "sgaOut";
            if (!options[key]) {
              options[key] = true;
              reply(T.WILL);
            }
          } else reply(T.WONT);
        } else if (cmd === T.WONT || cmd === T.DONT) {
          const key =
            opt === T.COM_PORT
              ? "comPort"
              : opt === T.BINARY
                ? cmd === T.WONT
                  ? "binaryIn"
                  : "binaryOut"
                : opt === T.SGA
                  ? cmd === T.WONT
                    ? "sgaIn"
                    : "sgaOut"
                  : undefined;
          if (key && options[key]) {
            options[key] = false;
            reply(cmd === T.WONT ? T.DONT : T.WONT);
          }
        }
      },
      subnegotiation: (sb) => {
        if (sb[0] !== T.COM_PORT || sb.length < 2) return;
        const cmd = sb[1]!;
        const arg = sb.subarray(2);
        const answer = cmd + Cpo.SERVER_OFFSET;
        switch (cmd) {
          case Cpo.SIGNATURE:
            if (arg.length === 0)
              cpo(answer, Buffer.from(this.options.signature ?? "hil-sim RFC 2217", "utf8"));
            return;
          case Cpo.SET_BAUDRATE: {
            if (arg.length !== 4) return;
            const v = arg.readUInt32BE(0);
            if (v !== 0 && v <= (this.options.maxBaud ?? Infinity)) hostBaud = v;
            const out = Buffer.alloc(4);
            out.writeUInt32BE(hostBaud, 0);
            cpo(answer, out);
            return;
          }
          case Cpo.SET_DATASIZE:
            return cpo(answer, [8]);
          case Cpo.SET_PARITY:
            return cpo(answer, [1]);
          case Cpo.SET_STOPSIZE:
            return cpo(answer, [1]);
          case Cpo.SET_CONTROL: {
            const v = arg[0] ?? 0;
            switch (v) {
              case Ctl.DTR_ON:
              case Ctl.DTR_OFF:
                lines = { ...lines, dtr: v === Ctl.DTR_ON };
                board.setLines(lines);
                return cpo(answer, [v]);
              case Ctl.RTS_ON:
              case Ctl.RTS_OFF:
                lines = { ...lines, rts: v === Ctl.RTS_ON };
                board.setLines(lines);
                return cpo(answer, [v]);
              case Ctl.DTR_REQUEST:
                return cpo(answer, [lines.dtr ? Ctl.DTR_ON : Ctl.DTR_OFF]);
              case Ctl.RTS_REQUEST:
                return cpo(answer, [lines.rts ? Ctl.RTS_ON : Ctl.RTS_OFF]);
              case Ctl.FLOW_REQUEST:
                return cpo(answer, [Ctl.FLOW_NONE]);
              case Ctl.BREAK_REQUEST:
                return cpo(answer, [Ctl.BREAK_OFF]);
              default:
                return cpo(answer, [v]);
            }
          }
          case Cpo.FLOWCONTROL_SUSPEND:
            suspended = true;
            return;
          case Cpo.FLOWCONTROL_RESUME:
            suspended = false;
            for (const b of held.splice(0)) send(iacEscape(b));
            return;
          case Cpo.SET_LINESTATE_MASK:
          case Cpo.SET_MODEMSTATE_MASK:
          case Cpo.PURGE_DATA:
            return cpo(answer, [arg[0] ?? 0]);
          default:
            return;
        }
      },
    });

    sock.on("data", (chunk: Buffer) => decoder.push(chunk));
    const gone = () => {
      if (this.client !== sock) return;
      this.client = undefined;
      detach();
      // The port closes: DTR and RTS drop together (no reset through the circuit).
      board.setLines({ dtr: false, rts: false });
    };
    sock.on("close", gone);
    sock.on("error", () => sock.destroy());
  }
}
