import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PtyBridge, SimBoard } from "@hil/hut-sim";
import { afterEach, describe, expect, it } from "vitest";
import { createSerialDevice } from "../src/create";
import { LinesUnsupportedError } from "../src/errors";
import { LocalSerialDevice } from "../src/node-device";
import { usbIds } from "../src/usb";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simPty() {
  const board = new SimBoard({ id: "hut-01", startInDownloadMode: true });
  const bridge = await new PtyBridge(
    board,
    join(mkdtempSync(join(tmpdir(), "pty-")), "hut-01"),
  ).start();
  cleanups.push(
    () => board.close(),
    () => bridge.close(),
  );
  return { board, path: bridge.path };
}

describe("local serial device (serialport)", () => {
  it("is what createSerialDevice gives for a path", () => {
    expect(createSerialDevice("/dev/ttyUSB0")).toBeInstanceOf(LocalSerialDevice);
  });

  it("opens a pty, reads what the board sends and writes to it", async () => {
    const { board, path } = await simPty();
    const d = createSerialDevice(path);
    await d.open({ baudRate: 115200 });
    cleanups.push(() => d.close());
    expect(d.getInfo()).toEqual({});
    board.powerOff();
    board.powerOn(); // boots into the app now: the boot log comes through the pty
    const reader = d.readable!.getReader();
    let text = "";
    while (!text.includes("rst:0x1 (POWERON_RESET)"))
      text += new TextDecoder().decode((await reader.read()).value);
    reader.releaseLock();
    const seen: Buffer[] = [];
    const orig = board.hostWrite.bind(board);
    board.hostWrite = (b, p) => {
      seen.push(Buffer.from(b));
      orig(b, p);
    };
    const w = d.writable!.getWriter();
    await w.write(new TextEncoder().encode("ping\n"));
    w.releaseLock();
    for (let i = 0; i < 200 && Buffer.concat(seen).toString() !== "ping\n"; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(Buffer.concat(seen).toString()).toBe("ping\n");
  });

  it("says a pty cannot drive DTR/RTS, and what to do instead", async () => {
    const { path } = await simPty();
    const d = createSerialDevice(path);
    await d.open({ baudRate: 115200 });
    cleanups.push(() => d.close());
    const err = await d
      .setSignals({ dataTerminalReady: false, requestToSend: true })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(LinesUnsupportedError);
    expect((err as Error).message).toMatch(new RegExp(`${path} cannot drive DTR/RTS`));
    expect((err as LinesUnsupportedError).hint).toMatch(/reset: none/);
  });

  it("refuses a second open of the same port: busy, with how to find the holder", async () => {
    const { path } = await simPty();
    const a = createSerialDevice(path);
    await a.open({ baudRate: 115200 });
    cleanups.push(() => a.close());
    const err = await createSerialDevice(path)
      .open({ baudRate: 115200 })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      new RegExp(`Serial port ${path} is busy: another process has it open`),
    );
    expect((err as { hint?: string }).hint).toMatch(/fuser/);
  });

  it("lists /dev/serial/by-id when the port is missing (or says it is empty or absent)", async () => {
    const byId = mkdtempSync(join(tmpdir(), "by-id-"));
    const missing = "/dev/serial/by-id/usb-Silicon_Labs_CP2102N-if00-port0";
    const open = (dir: string) =>
      new LocalSerialDevice(missing, { byIdDir: dir })
        .open({ baudRate: 115200 })
        .catch((e: Error) => e.message);
    expect(await open(byId)).toBe(
      `No serial port at ${missing}.\n${byId} is empty: no USB serial adapter is plugged in.`,
    );
    writeFileSync(join(byId, "usb-FTDI_FT232R-if00-port0"), "");
    writeFileSync(join(byId, "usb-1a86_USB_Serial-if00-port0"), "");
    expect(await open(byId)).toBe(
      `No serial port at ${missing}.\n${byId} has:\n  ${byId}/usb-1a86_USB_Serial-if00-port0\n  ${byId}/usb-FTDI_FT232R-if00-port0`,
    );
    expect(await open(join(byId, "nope"))).toMatch(
      /does not exist: no USB serial adapter is plugged in/,
    );
  });

  it("reads the adapter's USB vendor/product id from sysfs", () => {
    const root = mkdtempSync(join(tmpdir(), "sys-"));
    const usbDev = join(root, "devices", "pci0000:00", "usb1", "1-2");
    const iface = join(usbDev, "1-2:1.0");
    mkdirSync(join(iface, "ttyUSB7"), { recursive: true });
    writeFileSync(join(usbDev, "idVendor"), "10c4\n");
    writeFileSync(join(usbDev, "idProduct"), "ea60\n");
    mkdirSync(join(root, "class", "tty", "ttyUSB7"), { recursive: true });
    symlinkSync(join(iface, "ttyUSB7"), join(root, "class", "tty", "ttyUSB7", "device"));
    const dev = join(root, "ttyUSB7");
    writeFileSync(dev, "");
    expect(usbIds(dev, root)).toEqual({ usbVendorId: 0x10c4, usbProductId: 0xea60 });
    expect(usbIds(join(root, "missing"), root)).toEqual({});
  });
});
