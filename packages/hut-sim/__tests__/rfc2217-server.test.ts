import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SimBoard } from "../src/board";
import { iacEscape, Rfc2217Server, T, TelnetDecoder } from "../src/rfc2217-server";
import { sleep } from "./helpers";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(board = new SimBoard({ id: "hut-01", poweredOn: false })) {
  const srv = await new Rfc2217Server(board).start();
  cleanups.push(
    () => board.close(),
    () => srv.close(),
  );
  return { board, srv };
}

/** A raw Telnet client that records data, negotiations and sub-negotiations. */
async function client(port: number) {
  const sock: Socket = connect({ host: "127.0.0.1", port });
  await new Promise((r) => sock.once("connect", r));
  cleanups.push(() => void sock.destroy());
  const seen = { data: [] as Buffer[], neg: [] as [number, number][], sb: [] as number[][] };
  const dec = new TelnetDecoder({
    data: (b) => seen.data.push(Buffer.from(b)),
    negotiate: (c, o) => seen.neg.push([c, o]),
    subnegotiation: (b) => seen.sb.push([...b]),
  });
  sock.on("data", (b: Buffer) => dec.push(b));
  const sb = (...bytes: number[]) =>
    sock.write(Buffer.from([T.IAC, T.SB, T.COM_PORT, ...bytes, T.IAC, T.SE]));
  return { sock, seen, sb };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(5);
  }
};

describe("RFC 2217 server", () => {
  it("listens on 127.0.0.1 only", async () => {
    const { srv } = await serve();
    expect(srv.url).toMatch(/^rfc2217:\/\/127\.0\.0\.1:\d+$/);
  });

  it("agrees to COM-PORT-OPTION, BINARY and SGA, refuses the rest, and sends the modem state", async () => {
    const { srv } = await serve();
    const c = await client(srv.port);
    c.sock.write(
      Buffer.from([
        T.IAC,
        T.WILL,
        T.COM_PORT,
        T.IAC,
        T.DO,
        T.BINARY,
        T.IAC,
        T.WILL,
        T.BINARY,
        T.IAC,
        T.DO,
        T.ECHO,
        T.IAC,
        T.WILL,
        24,
      ]),
    );
    await until(() => c.seen.neg.length >= 5);
    expect(c.seen.neg).toEqual([
      [T.DO, T.COM_PORT],
      [T.WILL, T.BINARY],
      [T.DO, T.BINARY],
      [T.WONT, T.ECHO],
      [T.DONT, 24],
    ]);
    expect(c.seen.sb).toContainEqual([T.COM_PORT, 107, 0xb0]); // NOTIFY-MODEMSTATE: CD, DSR, CTS
  });

  it("acknowledges SET-BAUDRATE (and answers a query) and uses it as the host's line speed", async () => {
    const { srv } = await serve();
    const c = await client(srv.port);
    c.sb(1, 0x00, 0x0e, 0x10, 0x00); // 921600
    c.sb(1, 0, 0, 0, 0); // query
    await until(() => c.seen.sb.filter((s) => s[1] === 101).length === 2);
    expect(c.seen.sb.filter((s) => s[1] === 101)).toEqual([
      [T.COM_PORT, 101, 0x00, 0x0e, 0x10, 0x00],
      [T.COM_PORT, 101, 0x00, 0x0e, 0x10, 0x00],
    ]);
  });

  it("drives the board's DTR/RTS through SET-CONTROL and drops both together on disconnect", async () => {
    const { srv, board } = await serve();
    board.powerOn();
    const c = await client(srv.port);
    await until(() => board.status().lines.dtr && board.status().lines.rts); // open port: both asserted
    c.sb(5, 9); // DTR off
    c.sb(5, 7); // query DTR
    await until(() => c.seen.sb.filter((s) => s[1] === 105).length === 2);
    expect(c.seen.sb.filter((s) => s[1] === 105)).toEqual([
      [T.COM_PORT, 105, 9],
      [T.COM_PORT, 105, 9],
    ]);
    expect(board.status().lines).toEqual({ dtr: false, rts: true });
    expect(board.mode).toBe("reset"); // RTS without DTR holds EN low
    c.sock.destroy();
    await until(() => !srv.connected);
    expect(board.status().lines).toEqual({ dtr: false, rts: false });
  });

  it("escapes 0xFF both ways", async () => {
    const { srv, board } = await serve();
    board.powerOn();
    const c = await client(srv.port);
    await until(() => srv.connected);
    const got: Buffer[] = [];
    board.attach({ hostBaud: undefined, receive: () => undefined });
    // Host to board: IAC IAC arrives as one 0xFF.
    const orig = board.hostWrite.bind(board);
    board.hostWrite = (b, p) => {
      got.push(Buffer.from(b));
      orig(b, p);
    };
    c.sock.write(Buffer.from([0x41, T.IAC, T.IAC, 0x42]));
    await until(() => Buffer.concat(got).length >= 3);
    expect([...Buffer.concat(got)]).toEqual([0x41, 0xff, 0x42]);
    expect([...iacEscape(Buffer.from([1, 0xff, 2]))]).toEqual([1, 0xff, 0xff, 2]);
  });

  it("serves one client at a time, like ser2net", async () => {
    const { srv } = await serve();
    await client(srv.port);
    await until(() => srv.connected);
    const second = connect({ host: "127.0.0.1", port: srv.port });
    cleanups.push(() => void second.destroy());
    const text = await new Promise<string>((resolve) => {
      let t = "";
      second.on("data", (b) => (t += b.toString()));
      second.on("close", () => resolve(t));
    });
    expect(text).toBe("Port already in use\r\n");
  });
});
