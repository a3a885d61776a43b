import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { escapeIac, parseRfc2217Url, Rfc2217Device } from "../src/rfc2217";

const IAC = 255,
  DO = 253,
  DONT = 254,
  WILL = 251,
  SB = 250,
  SE = 240;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A TCP server on 127.0.0.1 whose behaviour the test scripts; records what the client sent. */
async function fakeServer(onConnect: (s: Socket, received: () => Buffer) => void) {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => {
    sockets.push(s);
    let got = Buffer.alloc(0);
    s.on("data", (b) => (got = Buffer.concat([got, b])));
    s.on("error", () => undefined);
    onConnect(s, () => got);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { port: (server.address() as AddressInfo).port, sockets };
}

/** A cooperative RFC 2217 server: agrees, acks baud, answers with some extra chatter. */
function cooperative(s: Socket, received: () => Buffer) {
  let acked = 0;
  s.on("data", () => {
    const got = received();
    if (got.includes(Buffer.from([IAC, WILL, 44])) && acked === 0) {
      acked = 1;
      // Unsolicited things a real server may send: WILL ECHO, a modem-state notification.
      s.write(Buffer.from([IAC, WILL, 1, IAC, DO, 44, IAC, SB, 44, 107, 0xb0, IAC, SE]));
    }
    const baudAt = got.indexOf(Buffer.from([IAC, SB, 44, 1]), acked === 2 ? got.length : 0);
    if (baudAt >= 0 && acked === 1) {
      acked = 2;
      s.write(
        Buffer.concat([
          Buffer.from([IAC, SB, 44, 101]),
          got.subarray(baudAt + 4, baudAt + 8),
          Buffer.from([IAC, SE]),
        ]),
      );
    }
  });
}

describe("RFC 2217 client", () => {
  it("parses rfc2217://host:port and refuses anything else, saying how to write it", () => {
    expect(parseRfc2217Url("rfc2217://ser2net.lab:4001")).toEqual({
      host: "ser2net.lab",
      port: 4001,
    });
    expect(parseRfc2217Url("rfc2217://[::1]:4001/")).toEqual({ host: "::1", port: 4001 });
    expect(() => parseRfc2217Url("rfc2217://host")).toThrow(
      /"rfc2217:\/\/host" is not an RFC 2217 URL/,
    );
    expect(() => parseRfc2217Url("rfc2217://host")).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/rfc2217:\/\/host:port/) }),
    );
    expect(() => parseRfc2217Url("rfc2217://host:99999")).toThrow(/not an RFC 2217 URL/);
  });

  it("escapes 0xFF as IAC IAC", () => {
    expect([...escapeIac(new Uint8Array([0xff, 1, 0xff, 0xff]))]).toEqual([
      0xff, 0xff, 1, 0xff, 0xff, 0xff, 0xff,
    ]);
    expect([...escapeIac(new Uint8Array([1, 2]))]).toEqual([1, 2]);
  });

  it("negotiates, sets the line up, tolerates chatter, and moves data with IAC escaping both ways", async () => {
    const srv = await fakeServer(cooperative);
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${srv.port}`);
    await d.open({ baudRate: 115200 });
    const s = srv.sockets[0]!;
    // Data from the board, with an escaped 0xFF, reaches the reader unescaped.
    s.write(Buffer.from([0x41, IAC, IAC, 0x42]));
    const reader = d.readable!.getReader();
    const bytes: number[] = [];
    while (bytes.length < 3) bytes.push(...(await reader.read()).value!);
    expect(bytes).toEqual([0x41, 0xff, 0x42]);
    reader.releaseLock();
    expect(await d.getSignals()).toMatchObject({
      dataCarrierDetect: true,
      dataSetReady: true,
      clearToSend: true,
    });
    await d.close();
  });

  it("sends the right COM-PORT-OPTION commands and orders DTR/RTS so EN never dips", async () => {
    let received: () => Buffer = () => Buffer.alloc(0);
    const srv = await fakeServer((s, r) => {
      received = r;
      cooperative(s, r);
    });
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${srv.port}`);
    await d.open({ baudRate: 115200 });
    await new Promise((r) => setTimeout(r, 30));
    const sb = (...b: number[]) => Buffer.from([IAC, SB, 44, ...b, IAC, SE]);
    const open = received();
    expect(open.includes(Buffer.from([IAC, WILL, 44]))).toBe(true);
    expect(open.includes(sb(1, 0x00, 0x01, 0xc2, 0x00))).toBe(true); // SET-BAUDRATE 115200
    expect(open.includes(sb(2, 8))).toBe(true);
    expect(open.includes(sb(3, 1))).toBe(true);
    expect(open.includes(sb(4, 1))).toBe(true);
    expect(open.indexOf(sb(5, 8))).toBeLessThan(open.indexOf(sb(5, 11))); // DTR on before RTS on
    // esptool's classic reset: (DTR=0,RTS=1) then (DTR=1,RTS=0) then (0,0).
    const mark = received().length;
    await d.setSignals({ dataTerminalReady: false, requestToSend: true });
    await d.setSignals({ dataTerminalReady: true, requestToSend: false });
    await d.setSignals({ dataTerminalReady: false, requestToSend: false });
    await d.setSignals({ break: true });
    await new Promise((r) => setTimeout(r, 30));
    const seq = received().subarray(mark);
    const order: number[] = [];
    for (let i = 0; i < seq.length; i++)
      if (seq[i] === IAC && seq[i + 1] === SB && seq[i + 2] === 44 && seq[i + 3] === 5)
        order.push(seq[i + 4]!);
    // From (1,1): DTR off first (RTS already on), then RTS on is a no-op;
    // then RTS off before DTR on; then DTR off; then BREAK on.
    expect(order).toEqual([9, 12, 8, 9, 5]);
    await d.close();
  });

  it("says which host:port refused, and what was tried", async () => {
    const srv = await fakeServer(() => undefined);
    const port = srv.port;
    await cleanups.pop()!(); // close it: now nothing listens there
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${port}`);
    await expect(d.open({ baudRate: 115200 })).rejects.toThrow(
      new RegExp(
        `RFC 2217 server at 127\\.0\\.0\\.1:${port} refused the connection\\. Tried: TCP connect to 127\\.0\\.0\\.1:${port}\\.`,
      ),
    );
  });

  it("times out a server that accepts but never answers the negotiation", async () => {
    const srv = await fakeServer(() => undefined);
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${srv.port}`, { answerTimeoutMs: 300 });
    const err = await d.open({ baudRate: 115200 }).catch((e: Error) => e);
    expect(String(err)).toMatch(
      /127\.0\.0\.1:\d+ accepted the connection but does not speak RFC 2217: no answer to WILL COM-PORT-OPTION within 0\.3 s/,
    );
    expect((err as { hint?: string }).hint).toMatch(/telnet\(rfc2217\)/);
  });

  it("reports a server that refuses COM-PORT-OPTION", async () => {
    const srv = await fakeServer((s) =>
      s.once("data", () => s.write(Buffer.from([IAC, DONT, 44]))),
    );
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${srv.port}`);
    await expect(d.open({ baudRate: 115200 })).rejects.toThrow(/refused COM-PORT-OPTION/);
  });

  it("passes on what a busy server says before it hangs up", async () => {
    const srv = await fakeServer((s) => s.end("Port already in use\r\n"));
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${srv.port}`);
    const err = await d.open({ baudRate: 115200 }).catch((e: Error) => e);
    expect(String(err)).toMatch(/closed the connection: Port already in use/);
    expect((err as { hint?: string }).hint).toMatch(/Another client may be using the port/);
  });

  it("turns a server that goes away into a lost device", async () => {
    const srv = await fakeServer(cooperative);
    const d = new Rfc2217Device(`rfc2217://127.0.0.1:${srv.port}`);
    await d.open({ baudRate: 115200 });
    const reader = d.readable!.getReader();
    const pending = reader.read();
    srv.sockets[0]!.destroy();
    await expect(pending).rejects.toMatchObject({ name: "NetworkError" });
    expect(d.isOpen).toBe(false);
  });
});
