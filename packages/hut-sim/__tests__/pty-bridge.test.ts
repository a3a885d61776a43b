import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialPort } from "serialport";
import { afterEach, describe, expect, it } from "vitest";
import { SimBoard } from "../src/board";
import { PtyBridge } from "../src/pty-bridge";
import { boardWith, sleep } from "./helpers";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(path: string): Promise<{ port: SerialPort; text: () => string }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  let text = "";
  port.on("data", (b: Buffer) => (text += b.toString("latin1")));
  cleanups.push(() => new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r())));
  return { port, text: () => text };
}

describe("pty bridge (socat)", () => {
  it("gives the board a real pseudo-terminal that serialport opens, closes and opens again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pty-"));
    const { board } = boardWith({ script: "loop:\ninput\nprint echo:${input}\ngoto loop" });
    const bridge = await new PtyBridge(board, join(dir, "hut-01")).start();
    cleanups.push(
      () => board.close(),
      () => bridge.close(),
    );
    expect(lstatSync(bridge.path).isSymbolicLink()).toBe(true);
    expect(readlinkSync(bridge.path)).toMatch(/^\/dev\/pts\/\d+$/);
    board.powerOn();
    for (let i = 0; i < 2000 && board.mode !== "app"; i++) await sleep(10);
    for (const round of [1, 2]) {
      const { port, text } = await open(bridge.path);
      port.write(`round ${round}\n`);
      for (let i = 0; i < 400 && !text().includes(`echo:round ${round}`); i++) await sleep(10);
      expect(text()).toContain(`echo:round ${round}\r\n`);
      await new Promise<void>((r) => port.close(() => r()));
    }
  });

  it("refuses a path another simulator serves, and replaces a stale link", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pty-"));
    const a = new SimBoard({ id: "a", poweredOn: false });
    const b = new SimBoard({ id: "b", poweredOn: false });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const first = await new PtyBridge(a, join(dir, "hut")).start();
    cleanups.push(() => first.close());
    await expect(new PtyBridge(b, join(dir, "hut")).start()).rejects.toThrow(
      /already served by another simulator/,
    );
    symlinkSync("/dev/pts/999999", join(dir, "stale"));
    const second = await new PtyBridge(b, join(dir, "stale")).start();
    cleanups.push(() => second.close());
    expect(readlinkSync(second.path)).not.toBe("/dev/pts/999999");
    writeFileSync(join(dir, "file"), "x");
    await expect(new PtyBridge(b, join(dir, "file")).start()).rejects.toThrow(
      /is not a simulator pty link/,
    );
  });

  it("stops its socat child and removes the link on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pty-"));
    const board = new SimBoard({ id: "c", poweredOn: false });
    cleanups.push(() => board.close());
    const bridge = await new PtyBridge(board, join(dir, "hut")).start();
    const child = (bridge as unknown as { child: { pid: number } }).child;
    expect(child.pid).toBeGreaterThan(0);
    await bridge.close();
    expect(existsSync(join(dir, "hut"))).toBe(false);
    expect(() => process.kill(child.pid, 0)).toThrow(); // reaped
  });

  it("says how to get socat when it is missing", async () => {
    const board = new SimBoard({ id: "d", poweredOn: false });
    cleanups.push(() => board.close());
    const dir = mkdtempSync(join(tmpdir(), "pty-"));
    await expect(
      new PtyBridge(board, join(dir, "x"), { socat: join(dir, "no-socat-here") }).start(),
    ).rejects.toThrow(/Cannot start socat/);
  });
});
