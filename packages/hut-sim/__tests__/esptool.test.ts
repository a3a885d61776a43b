import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createSerialDevice, hardReset, SerialConsole, type SerialDevice } from "@hil/serial";
import { ESPLoader, Transport } from "esptool-js";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimBoard } from "../src/board";
import { buildAppImage, buildTestFirmware, installFirmware } from "../src/firmware";
import { PtyBridge } from "../src/pty-bridge";
import { Rfc2217Server } from "../src/rfc2217-server";
import { unityRunScript } from "../src/scripts";
import { lineTimeMs } from "../src/wire";

/**
 * esptool-js 0.7, through @hil/serial, against the simulated board: what the flasher
 * will do to a real board. 1 MiB images at 921600 baud take ~7 s each on the simulated
 * line, so these tests are slower than the rest.
 */
const BAUD = 921600;
const MiB = 1024 * 1024;
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

function loaderFor(device: SerialDevice) {
  const log: string[] = [];
  const transport = new Transport(device as never, false);
  const terminal = {
    clean: () => undefined,
    writeLine: (s: string) => log.push(s),
    write: (s: string) => log.push(s),
  };
  const loader = new ESPLoader({ transport, baudrate: BAUD, romBaudrate: 115200, terminal });
  return { loader, transport, log };
}

describe("esptool-js over RFC 2217", () => {
  let board: SimBoard;
  let server: Rfc2217Server;
  let fw: ReturnType<typeof buildTestFirmware>;
  let esp: ReturnType<typeof loaderFor>;

  beforeAll(async () => {
    fw = buildTestFirmware({
      dir: mkdtempSync(join(tmpdir(), "fw-")),
      script: unityRunScript([{ name: "boots", result: "pass" }]),
    });
    board = new SimBoard({ id: "hut-01", poweredOn: false });
    installFirmware(board.flash, fw.images);
    board.powerOn(); // it runs the app until esptool resets it
    server = await new Rfc2217Server(board).start();
    esp = loaderFor(createSerialDevice(server.url));
  });
  afterAll(async () => {
    await esp?.transport.disconnect().catch(() => undefined);
    await server?.close();
    board?.close();
  });

  it("connects with the classic reset: chip detected, MAC read, stub running at 921600", async () => {
    const chip = await esp.loader.main("default_reset");
    expect(chip).toBe("ESP32-D0WD-V3 (revision 3)");
    expect(esp.log).toContain(`MAC: ${board.mac}`);
    expect(esp.log).toContain("Stub running...");
    expect(board.mode).toBe("stub");
    expect(board.uartBaud).toBe(BAUD);
    expect(board.status().boot).toBe(1); // the classic reset made a fresh boot into download mode
  });

  it("flashes a 1 MiB image compressed, verified by MD5, no faster than the line allows", async () => {
    const app = buildAppImage({ appSize: MiB, script: "print new firmware" });
    const rx0 = board.lineStats.rxBytes;
    let t0 = 0;
    let compressed = 0;
    await esp.loader.writeFlash({
      fileArray: [{ data: new Uint8Array(app), address: 0x10000 }],
      flashSize: "keep",
      flashMode: "keep",
      flashFreq: "keep",
      eraseAll: false,
      compress: true,
      reportProgress: (_i: number, sent: number, total: number) => {
        if (sent === 0 && !t0) t0 = performance.now();
        compressed = total;
      },
      calculateMD5Hash: (img: Uint8Array) => md5(img),
    });
    const elapsed = performance.now() - t0;
    const crossed = board.lineStats.rxBytes - rx0;
    expect(esp.log).toContain("Hash of data verified.");
    expect(md5(board.flash.read(0x10000, app.length))).toBe(md5(app));
    // The simulator never flatters: at least the time the bytes that crossed need.
    expect(crossed).toBeGreaterThan(compressed);
    expect(elapsed).toBeGreaterThanOrEqual(lineTimeMs(crossed, BAUD));
    const efficiency = lineTimeMs(compressed, BAUD) / elapsed;
    console.log(
      `esptool-js writeFlash, 1 MiB (${compressed} B compressed) at ${BAUD} baud over RFC 2217: ` +
        `${elapsed.toFixed(0)} ms, line-rate limit ${lineTimeMs(compressed, BAUD).toFixed(0)} ms, efficiency ${efficiency.toFixed(3)}`,
    );
  });

  it("block-level flash (no esptool-js progress inflate) measures the simulated line itself", async () => {
    const app = buildAppImage({ appSize: MiB, seed: "block-level" });
    const z = deflateSync(app, { level: 9 });
    const rx0 = board.lineStats.rxBytes;
    const t0 = performance.now();
    const blocks = await esp.loader.flashDeflBegin(app.length, z.length, 0x10000);
    const bs = esp.loader.FLASH_WRITE_SIZE;
    for (let i = 0; i < blocks; i++)
      await esp.loader.flashDeflBlock(z.slice(i * bs, (i + 1) * bs), i, 3000);
    await esp.loader.flashDeflFinish(false);
    const flashMd5 = await esp.loader.flashMd5sum(0x10000, app.length);
    const elapsed = performance.now() - t0;
    const crossed = board.lineStats.rxBytes - rx0;
    expect(flashMd5).toBe(md5(app));
    expect(elapsed).toBeGreaterThanOrEqual(lineTimeMs(crossed, BAUD));
    const efficiency = lineTimeMs(z.length, BAUD) / elapsed;
    console.log(
      `block-level flash, 1 MiB (${z.length} B compressed) at ${BAUD} baud over RFC 2217: ` +
        `${elapsed.toFixed(0)} ms, line-rate limit ${lineTimeMs(z.length, BAUD).toFixed(0)} ms, efficiency ${efficiency.toFixed(3)}`,
    );
    // Leave the board with the test firmware for the next test.
    for (const img of fw.images) {
      const zz = deflateSync(img.data, { level: 9 });
      const n = await esp.loader.flashDeflBegin(img.data.length, zz.length, img.offset);
      for (let i = 0; i < n; i++)
        await esp.loader.flashDeflBlock(zz.slice(i * bs, (i + 1) * bs), i, 3000);
      await esp.loader.flashDeflFinish(false);
    }
  });

  it("a hard reset boots the app and its console script appears; the classic reset enters download mode", async () => {
    await esp.transport.disconnect();
    const con = await SerialConsole.open({ port: server.url, baud: 115200, reset: "classic" });
    try {
      let mark = con.received;
      await con.resetToApp();
      await con.waitFor(/^OK$/, { from: mark, timeoutMs: 20_000 });
      const run = con.transcript.slice(mark).map((l) => l.text);
      expect(run).toContain("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)");
      expect(run.some((t) => /:boots:PASS$/.test(t))).toBe(true);
      expect(run).toContain("1 Tests 0 Failures 0 Ignored ");
      mark = con.received;
      const { classicReset } = await import("@hil/serial");
      await classicReset(con.device);
      await con.waitFor(/^waiting for download$/, { from: mark, timeoutMs: 10_000 });
      expect(con.transcript.slice(mark).map((l) => l.text)).toContain(
        "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))",
      );
      expect(board.mode).toBe("rom");
      // esptool-js's own after("hard_reset") only releases RTS; @hil/serial's hardReset pulses EN.
      await hardReset(con.device);
      await con.waitFor(/^OK$/, { from: mark, timeoutMs: 20_000 });
    } finally {
      await con.close();
    }
  });
});

describe("esptool-js over the pty", () => {
  let board: SimBoard;
  let bridge: PtyBridge;

  beforeAll(async () => {
    board = new SimBoard({ id: "hut-02", startInDownloadMode: true });
    bridge = await new PtyBridge(
      board,
      join(mkdtempSync(join(tmpdir(), "pty-")), "hut-02"),
    ).start();
  });
  afterAll(async () => {
    await bridge?.close();
    board?.close();
  });

  it("connects without reset, flashes 1 MiB compressed with MD5 verify, and does it again after reopening", async () => {
    const app = buildAppImage({ appSize: MiB, seed: "pty" });
    for (const round of [1, 2]) {
      const device = createSerialDevice(bridge.path);
      const esp = loaderFor(device);
      try {
        const chip = await esp.loader.main("no_reset");
        expect(chip).toBe("ESP32-D0WD-V3 (revision 3)");
        expect(esp.log).toContain(`MAC: ${board.mac}`);
        if (round === 1) {
          await esp.loader.writeFlash({
            fileArray: [{ data: new Uint8Array(app), address: 0x10000 }],
            flashSize: "keep",
            flashMode: "keep",
            flashFreq: "keep",
            eraseAll: false,
            compress: true,
            calculateMD5Hash: (img: Uint8Array) => md5(img),
          });
          expect(esp.log).toContain("Hash of data verified.");
        } else {
          // Second session on the same pty: the stub still runs and answers.
          expect(esp.log).toContain("Stub is already running. No upload is necessary.");
          expect(await esp.loader.flashMd5sum(0x10000, app.length)).toBe(md5(app));
        }
        // A pty has no modem lines: the error says so and what to do.
        await expect(device.setSignals({ requestToSend: true })).rejects.toThrow(
          /cannot drive DTR\/RTS/,
        );
      } finally {
        await esp.transport.disconnect();
      }
    }
  });
});
