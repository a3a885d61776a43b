import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildTestFirmware,
  installFirmware,
  PtyBridge,
  Rfc2217Server,
  SimBoard,
} from "@hil/hut-sim";
import { afterEach, describe, expect, it } from "vitest";
import { SerialConsole } from "../src/console";
import { FakeDevice } from "./fake-device";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeConsole(o: { idleFlushMs?: number; reset?: "none" | "classic" } = {}) {
  const device = new FakeDevice();
  const con = await SerialConsole.open({ port: device.port, device, ...o });
  cleanups.push(() => con.close());
  return { device, con };
}

describe("SerialConsole", () => {
  it("turns bytes into lines with receive timestamps, CRLF or LF, split anywhere", async () => {
    const { device, con } = await fakeConsole();
    const before = Date.now();
    device.feed("I (31) boot: ESP-IDF v5.2.1 2nd st");
    device.feed("age bootloader\r\nplain\nutf-8 ");
    device.feed(new Uint8Array([0xc3])); // a UTF-8 sequence split across chunks
    device.feed(new Uint8Array([0xa9, 0x0d, 0x0a]));
    const got = [];
    for await (const l of con.lines()) {
      got.push(l);
      if (got.length === 3) break;
    }
    expect(got.map((l) => l.text)).toEqual([
      "I (31) boot: ESP-IDF v5.2.1 2nd stage bootloader",
      "plain",
      "utf-8 é",
    ]);
    for (const l of got) {
      expect(l.at).toBeGreaterThanOrEqual(before);
      expect(l.partial).toBeUndefined();
    }
  });

  it("flushes an unterminated line once the port has been idle", async () => {
    const { device, con } = await fakeConsole({ idleFlushMs: 50 });
    device.feed("Press ENTER to see the list of tests.\r\nEnter test for running: ");
    const prompt = await con.waitFor(/Enter test/, { from: 0, timeoutMs: 5000 });
    expect(prompt).toMatchObject({ text: "Enter test for running: ", partial: true });
    expect(con.transcript.map((l) => l.text)).toEqual([
      "Press ENTER to see the list of tests.",
      "Enter test for running: ",
    ]);
  });

  it("writes a line with a newline", async () => {
    const { device, con } = await fakeConsole();
    await con.write("2");
    expect(Buffer.concat(device.written).toString()).toBe("2\n");
  });

  it("waitFor: only new lines by default, a clear message on timeout", async () => {
    const { device, con } = await fakeConsole();
    device.feed("old banner\n");
    await con.waitFor("old banner", { from: 0 });
    const err = await con.waitFor("old banner", { timeoutMs: 100 }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      "Waiting for old banner on fake://board: nothing matched within 0.1 s.",
    );
  });

  it("refuses to reset a slot whose strategy is none", async () => {
    const { con } = await fakeConsole({ reset: "none" });
    await expect(con.resetToApp()).rejects.toThrow(
      /reset strategy is "none": fake:\/\/board cannot reset the board/,
    );
  });

  it("resets a simulated board into its app over RFC 2217 and reads its console", async () => {
    const board = new SimBoard({ id: "hut-01", poweredOn: false });
    installFirmware(
      board.flash,
      buildTestFirmware({
        dir: mkdtempSync(join(tmpdir(), "fw-")),
        script: "print hello ${boot}\nend",
      }).images,
    );
    board.setBootButton(true);
    board.powerOn(); // in download mode until reset
    board.setBootButton(false);
    const srv = await new Rfc2217Server(board).start();
    cleanups.push(
      () => board.close(),
      () => srv.close(),
    );
    const con = await SerialConsole.open({ port: srv.url, baud: 115200 });
    cleanups.push(() => con.close());
    const mark = con.received;
    await con.resetToApp();
    const line = await con.waitFor(/^hello \d$/, { from: mark, timeoutMs: 20_000 });
    expect(line.text).toBe("hello 1");
    expect(
      con.transcript
        .slice(mark)
        .some((l) => /^I \(\d+\) main_task: Calling app_main\(\)$/.test(l.text)),
    ).toBe(true);
  });

  it("over a pty it says the board cannot be reset from the port", async () => {
    const board = new SimBoard({ id: "hut-02" });
    const bridge = await new PtyBridge(
      board,
      join(mkdtempSync(join(tmpdir(), "pty-")), "hut-02"),
    ).start();
    cleanups.push(
      () => board.close(),
      () => bridge.close(),
    );
    const con = await SerialConsole.open({ port: bridge.path });
    cleanups.push(() => con.close());
    await expect(con.resetToApp()).rejects.toThrow(/cannot drive DTR\/RTS/);
  });
});
