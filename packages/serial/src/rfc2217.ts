import { connect, type Socket } from "node:net";
import { ConfigurationError, InfrastructureError } from "@hil/contracts";
import {
  deviceLostError,
  StreamedDevice,
  type SerialInputSignals,
  type SerialOpenOptions,
  type SerialOutputSignals,
  type SerialPortInfo,
} from "./device";
import { rfc2217Error } from "./errors";

// Telnet (RFC 854) commands and options.
const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const SE = 240;
const OPT_BINARY = 0;
const OPT_SGA = 3;
const OPT_COM_PORT = 44;

// RFC 2217 COM-PORT-OPTION commands (client to server; replies add 100).
const SET_BAUDRATE = 1;
const SET_DATASIZE = 2;
const SET_PARITY = 3;
const SET_STOPSIZE = 4;
const SET_CONTROL = 5;
const SERVER = 100;
const NOTIFY_MODEMSTATE = 7;
// SET-CONTROL values.
const FLOW_NONE = 1;
const FLOW_HARDWARE = 3;
const BREAK_ON = 5;
const BREAK_OFF = 6;
const DTR_ON = 8;
const DTR_OFF = 9;
const RTS_ON = 11;
const RTS_OFF = 12;
const PARITY = { none: 1, odd: 2, even: 3 } as const;

/** Parse `rfc2217://host:port`. */
export function parseRfc2217Url(url: string): { host: string; port: number } {
  const m = /^rfc2217:\/\/(\[[^\]]+\]|[^/:\s]+):(\d{1,5})\/?$/.exec(url);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535)
    throw new ConfigurationError(`"${url}" is not an RFC 2217 URL.`, {
      hint: "Write it as rfc2217://host:port, e.g. rfc2217://ser2net.lab:4001.",
    });
  return { host: m[1]!.replace(/^\[|\]$/g, ""), port };
}

/** Escape IAC (0xFF) in data by doubling it. */
export function escapeIac(data: Uint8Array): Buffer {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
  let at = buf.indexOf(IAC);
  if (at < 0) return buf;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(buf.subarray(from, at + 1), IAC_BYTE);
    from = at + 1;
    at = buf.indexOf(IAC, from);
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}
const IAC_BYTE = Buffer.from([IAC]);

export interface Rfc2217Options {
  /** TCP connect timeout, ms (default 5000). */
  connectTimeoutMs?: number;
  /** Time to wait for each negotiation answer, ms (default 3000). */
  answerTimeoutMs?: number;
}

/**
 * A serial port on a remote RFC 2217 server (ser2net and the like): Telnet with the
 * COM-PORT-OPTION, baud rate through SET-BAUDRATE, DTR/RTS/BREAK through SET-CONTROL,
 * 0xFF escaped as IAC IAC both ways. Notifications and option offers from the server
 * are accepted or politely refused.
 */
export class Rfc2217Device extends StreamedDevice {
  private sock: Socket | undefined;
  private readonly host: string;
  private readonly tcpPort: number;
  private lines = { dtr: true, rts: true, brk: false };
  private modem = 0;
  private waiters: {
    match: (cmd: number, data: Buffer) => boolean;
    resolve: (d: Buffer) => void;
  }[] = [];
  private comPortAgreed: ((ok: boolean) => void) | undefined;
  private parser = {
    state: "data" as "data" | "iac" | "neg" | "sb" | "sb-iac",
    neg: 0,
    sb: [] as number[],
  };
  private textSeen = "";
  private closing = false;

  constructor(
    readonly port: string,
    private readonly options: Rfc2217Options = {},
  ) {
    super();
    const { host, port: p } = parseRfc2217Url(port);
    this.host = host;
    this.tcpPort = p;
  }

  private get where(): string {
    return `${this.host}:${this.tcpPort}`;
  }

  async open(o: SerialOpenOptions): Promise<void> {
    if (this.open_) throw new InfrastructureError(`${this.port} is already open.`);
    const tried = [`TCP connect to ${this.where}`];
    const sock = await this.connectSocket(tried);
    this.sock = sock;
    this.closing = false;
    sock.on("data", (b: Buffer) => this.parse(b));
    const closedEarly = new Promise<never>((_, reject) =>
      sock.once("close", () =>
        reject(
          rfc2217Error(
            this.where,
            "closed",
            tried,
            this.textSeen.trim() || "during the RFC 2217 negotiation",
          ),
        ),
      ),
    );
    closedEarly.catch(() => undefined);
    try {
      // Offer COM-PORT-OPTION and an 8-bit clean line both ways.
      tried.push("WILL COM-PORT-OPTION");
      const agreed = new Promise<boolean>((r) => (this.comPortAgreed = r));
      this.send([
        IAC,
        WILL,
        OPT_COM_PORT,
        IAC,
        WILL,
        OPT_BINARY,
        IAC,
        DO,
        OPT_BINARY,
        IAC,
        WILL,
        OPT_SGA,
        IAC,
        DO,
        OPT_SGA,
      ]);
      const ok = await Promise.race([agreed, this.timeout<boolean>(tried), closedEarly]);
      if (!ok)
        throw rfc2217Error(
          this.where,
          "negotiation",
          tried,
          "it refused COM-PORT-OPTION (DONT 44)",
        );
      tried.push(`SET-BAUDRATE ${o.baudRate}`);
      await Promise.race([this.setBaud(o.baudRate), closedEarly]);
      this.subneg(SET_DATASIZE, [o.dataBits ?? 8]);
      this.subneg(SET_PARITY, [PARITY[o.parity ?? "none"]]);
      this.subneg(SET_STOPSIZE, [o.stopBits === 2 ? 2 : 1]);
      this.subneg(SET_CONTROL, [o.flowControl === "hardware" ? FLOW_HARDWARE : FLOW_NONE]);
      // An open port asserts DTR and RTS; DTR first so EN never dips on a DevKit.
      this.subneg(SET_CONTROL, [DTR_ON]);
      this.subneg(SET_CONTROL, [RTS_ON]);
      this.lines = { dtr: true, rts: true, brk: false };
    } catch (e) {
      sock.destroy();
      this.sock = undefined;
      throw e;
    }
    this.opened(o.baudRate);
    sock.removeAllListeners("close");
    sock.on("close", () => {
      if (this.sock !== sock) return;
      this.sock = undefined;
      if (this.closing) this.closed();
      else this.lost(deviceLostError(`${this.port}: the RFC 2217 server closed the connection.`));
    });
  }

  private connectSocket(tried: string[]): Promise<Socket> {
    const timeoutMs = this.options.connectTimeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const sock = connect({ host: this.host, port: this.tcpPort });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(rfc2217Error(this.where, "timeout", tried, `within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      sock.once("connect", () => {
        clearTimeout(timer);
        sock.setNoDelay(true);
        sock.removeAllListeners("error");
        sock.on("error", () => undefined);
        resolve(sock);
      });
      sock.once("error", (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const kind =
          err.code === "ECONNREFUSED"
            ? "refused"
            : err.code === "ENOTFOUND" || err.code === "EAI_AGAIN"
              ? "unresolved"
              : err.code === "ETIMEDOUT" ||
                  err.code === "EHOSTUNREACH" ||
                  err.code === "ENETUNREACH"
                ? "timeout"
                : "other";
        reject(
          rfc2217Error(
            this.where,
            kind,
            tried,
            kind === "other" || kind === "unresolved" ? err.message : "",
          ),
        );
      });
    });
  }

  private timeout<T>(tried: string[]): Promise<T> {
    const ms = this.options.answerTimeoutMs ?? 3000;
    return new Promise<T>((_, reject) => {
      const t = setTimeout(
        () =>
          reject(
            rfc2217Error(
              this.where,
              "negotiation",
              tried,
              `no answer to ${tried.at(-1)} within ${ms / 1000} s`,
            ),
          ),
        ms,
      );
      t.unref();
    });
  }

  private async setBaud(baud: number): Promise<void> {
    const value = Buffer.alloc(4);
    value.writeUInt32BE(baud, 0);
    const answer = this.expect((cmd) => cmd === SET_BAUDRATE + SERVER);
    this.subneg(SET_BAUDRATE, [...value]);
    const got = await Promise.race([answer, this.timeout<Buffer>([`SET-BAUDRATE ${baud}`])]);
    const actual = got.length >= 4 ? got.readUInt32BE(0) : 0;
    if (actual !== baud)
      throw new InfrastructureError(
        `The RFC 2217 server at ${this.where} set ${actual} baud instead of ${baud}.`,
        {
          hint: "Use a baud rate the server's serial port supports.",
        },
      );
  }

  async close(): Promise<void> {
    const sock = this.sock;
    this.closing = true;
    if (sock && !sock.destroyed) {
      const done = new Promise<void>((r) => sock.once("close", () => r()));
      sock.end();
      const t = setTimeout(() => sock.destroy(), 500);
      await done;
      clearTimeout(t);
    }
    this.sock = undefined;
    this.closed();
  }

  protected transmit(bytes: Uint8Array): Promise<void> {
    const sock = this.sock;
    if (!sock || sock.destroyed)
      return Promise.reject(deviceLostError(`${this.port} is not connected`));
    return new Promise((resolve, reject) =>
      sock.write(escapeIac(bytes), (err) =>
        err ? reject(deviceLostError(`${this.port}: ${err.message}`)) : resolve(),
      ),
    );
  }

  async setSignals(s: SerialOutputSignals): Promise<void> {
    if (!this.sock) throw new InfrastructureError(`${this.port} is not open.`);
    const want = {
      dtr: s.dataTerminalReady ?? this.lines.dtr,
      rts: s.requestToSend ?? this.lines.rts,
      brk: s.break ?? this.lines.brk,
    };
    const dtr = () =>
      want.dtr !== this.lines.dtr && this.subneg(SET_CONTROL, [want.dtr ? DTR_ON : DTR_OFF]);
    const rts = () =>
      want.rts !== this.lines.rts && this.subneg(SET_CONTROL, [want.rts ? RTS_ON : RTS_OFF]);
    // Each line is its own command, so order them to keep EN from dipping through a
    // DevKit's auto-reset circuit: RTS going up waits for DTR, RTS going down goes first.
    if (want.rts && !this.lines.rts) {
      dtr();
      rts();
    } else {
      rts();
      dtr();
    }
    if (want.brk !== this.lines.brk) this.subneg(SET_CONTROL, [want.brk ? BREAK_ON : BREAK_OFF]);
    this.lines = want;
  }

  async getSignals(): Promise<SerialInputSignals> {
    return {
      dataCarrierDetect: (this.modem & 0x80) !== 0,
      ringIndicator: (this.modem & 0x40) !== 0,
      dataSetReady: (this.modem & 0x20) !== 0,
      clearToSend: (this.modem & 0x10) !== 0,
    };
  }

  getInfo(): SerialPortInfo {
    return {};
  }

  async setBaudRate(baudRate: number): Promise<void> {
    if (!this.sock) throw new InfrastructureError(`${this.port} is not open.`);
    await this.setBaud(baudRate);
    this.baud = baudRate;
  }

  // ------------------------------------------------------------------ telnet

  private send(bytes: number[] | Buffer): void {
    if (this.sock && !this.sock.destroyed) this.sock.write(Buffer.from(bytes));
  }

  private subneg(cmd: number, payload: number[]): void {
    this.send([IAC, SB, OPT_COM_PORT, cmd, ...escapeIac(Buffer.from(payload)), IAC, SE]);
  }

  private expect(match: (cmd: number, data: Buffer) => boolean): Promise<Buffer> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  private parse(chunk: Buffer): void {
    const p = this.parser;
    let start = -1;
    const flush = (end: number) => {
      if (start >= 0 && end > start) this.data(chunk.subarray(start, end));
      start = -1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (p.state === "data") {
        if (b === IAC) {
          flush(i);
          p.state = "iac";
        } else if (start < 0) start = i;
      } else if (p.state === "iac") {
        if (b === IAC) {
          this.data(Buffer.from([IAC]));
          p.state = "data";
        } else if (b === DO || b === DONT || b === WILL || b === WONT) {
          p.neg = b;
          p.state = "neg";
        } else if (b === SB) {
          p.sb = [];
          p.state = "sb";
        } else p.state = "data";
      } else if (p.state === "neg") {
        this.negotiation(p.neg, b);
        p.state = "data";
      } else if (p.state === "sb") {
        if (b === IAC) p.state = "sb-iac";
        else p.sb.push(b);
      } else {
        if (b === SE) {
          this.subnegotiation(Buffer.from(p.sb));
          p.state = "data";
        } else if (b === IAC) {
          p.sb.push(IAC);
          p.state = "sb";
        } else p.state = "data";
      }
    }
    flush(chunk.length);
  }

  private data(bytes: Buffer): void {
    if (!this.open_) {
      // Text before the negotiation finished, e.g. ser2net's "Port already in use".
      this.textSeen = (this.textSeen + bytes.toString("latin1")).slice(-200);
      return;
    }
    this.received(new Uint8Array(bytes));
  }

  private readonly agreed = new Set<string>();

  private negotiation(cmd: number, opt: number): void {
    if (opt === OPT_COM_PORT && (cmd === DO || cmd === DONT)) {
      this.comPortAgreed?.(cmd === DO);
      this.comPortAgreed = undefined;
      return;
    }
    const key = `${cmd}:${opt}`;
    const ours = opt === OPT_BINARY || opt === OPT_SGA;
    // Answer each offer once; accept the options we asked for, refuse the rest.
    if (this.agreed.has(key)) return;
    this.agreed.add(key);
    if (cmd === WILL) {
      if (!ours) this.send([IAC, DONT, opt]);
    } else if (cmd === DO) {
      if (!ours) this.send([IAC, WONT, opt]);
    }
  }

  private subnegotiation(sb: Buffer): void {
    if (sb[0] !== OPT_COM_PORT || sb.length < 2) return;
    const cmd = sb[1]!;
    const data = sb.subarray(2);
    if (cmd === NOTIFY_MODEMSTATE + SERVER) this.modem = data[0] ?? 0;
    const i = this.waiters.findIndex((w) => w.match(cmd, data));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(Buffer.from(data));
  }
}
