import { afterEach, describe, expect, it } from "vitest";
import { garble, macForSlot, type SimBoard } from "../src/board";
import { buildCommand, Op, SYNC_PAYLOAD } from "../src/protocol";
import { slipEncode } from "../src/slip";
import { unityMenuScript, unityRunScript } from "../src/scripts";
import { boardWith, sleep } from "./helpers";

const boards: SimBoard[] = [];
afterEach(() => {
  for (const b of boards.splice(0)) b.close();
});
function make(...args: Parameters<typeof boardWith>) {
  const h = boardWith(...args);
  boards.push(h.board);
  return h;
}

describe("booting from flash", () => {
  it("prints the ROM, 2nd-stage bootloader and app start logs, then the script", async () => {
    const { board, waitFor } = make({ script: "log I app: hello from ${reset_reason}\nend" });
    board.powerOn();
    const out = await waitFor(/Returned from app_main\(\)/);
    const lines = out.split("\r\n");
    expect(lines[0]).toBe("ets Jul 29 2019 12:21:46");
    expect(lines[2]).toBe("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)");
    expect(out).toContain("load:0x3fff0030,len:6276");
    expect(out).toContain("entry 0x4008063c");
    expect(out).toMatch(/I \(\d+\) boot: ESP-IDF v5\.2\.1 2nd stage bootloader/);
    expect(out).toMatch(/I \(\d+\) boot: {2}2 factory {10}factory app {6}00 00 00010000 00100000/);
    expect(out).toMatch(/I \(\d+\) boot: Loaded app from partition at offset 0x10000/);
    expect(out).toMatch(/I \(\d+\) cpu_start: Project name: {5}hil_test_app/);
    expect(out).toMatch(
      /I \(\d+\) main_task: Calling app_main\(\)\r\nI \(\d+\) app: hello from POWERON_RESET\r\n/,
    );
    expect(board.mode).toBe("idle");
  });

  it("with erased flash prints `invalid header: 0xffffffff` over and over", async () => {
    const { board, waitFor } = make(undefined);
    board.powerOn();
    const out = await waitFor(/(invalid header: 0xffffffff\r\n){3}/);
    expect(out).toContain("mode:DIO, clock div:2");
    expect(board.mode).toBe("bootloop");
  });

  it("reports a corrupt app and resets, as the bootloader does", async () => {
    const { board, waitFor } = make({ script: "end" });
    const at = 0x10000 + 0x4000;
    board.flash.data[at] = board.flash.data[at]! ^ 0x55; // a bit flipped in the app
    board.powerOn();
    const out = await waitFor(/rst:0x3 \(SW_RESET\)/);
    expect(out).toMatch(
      /E \(\d+\) esp_image: Checksum failed\. Calculated 0x[0-9a-f]+ read 0x[0-9a-f]+/,
    );
    expect(out).toMatch(/E \(\d+\) boot: Factory app partition is not bootable/);
    expect(out).toMatch(/E \(\d+\) boot: No bootable app partitions in the partition table/);
  });

  it("reports an erased partition table", async () => {
    const { board, waitFor } = make({ script: "end" });
    board.flash.erase(0x8000, 0x1000);
    board.powerOn();
    const out = await waitFor(/load partition table error!/);
    expect(out).toMatch(/E \(\d+\) flash_parts: partition 0 invalid magic number 0xffff/);
  });

  it("refuses a script with a mistake by logging it, not by crashing the simulator", async () => {
    const { board, waitFor } = make({ script: "print fine\nfrobnicate", validateScript: false });
    board.powerOn();
    const out = await waitFor(/hil-sim: .*frobnicate"\r\n/);
    expect(out).toMatch(/E \(\d+\) hil-sim: console script line 2: unknown statement "frobnicate"/);
    expect(out).not.toContain("\r\nfine\r\n");
  });
});

describe("console scripts on the board", () => {
  it("runs a passing Unity run in ESP-IDF format", async () => {
    const { board, waitFor } = make({
      script: unityRunScript([
        { name: "adds", result: "pass" },
        { name: "later", result: "ignore" },
      ]),
    });
    board.powerOn();
    const out = await waitFor(/\r\nOK\r\n/);
    expect(out).toMatch(/main\/test_app_main\.c:\d+:adds:PASS\r\n/);
    expect(out).toMatch(/main\/test_app_main\.c:\d+:later:IGNORE\r\n/);
    expect(out).toContain("-----------------------\r\n2 Tests 0 Failures 1 Ignored \r\nOK\r\n");
  });

  it("runs a failing Unity run", async () => {
    const { board, waitFor } = make({
      script: unityRunScript([
        {
          name: "divides",
          result: "fail",
          message: "Expected 2 Was 3",
          file: "main/div.c",
          line: 17,
        },
      ]),
    });
    board.powerOn();
    const out = await waitFor(/\r\nFAIL\r\n/);
    expect(out).toContain("main/div.c:17:divides:FAIL: Expected 2 Was 3\r\n");
    expect(out).toContain("1 Tests 1 Failures 0 Ignored \r\nFAIL\r\n");
  });

  it("waits for input and branches on it (the Unity menu)", async () => {
    const { board, waitFor, send, peer } = make({
      script: unityMenuScript([
        { name: "first", result: "pass" },
        { name: "second", result: "fail", message: "boom" },
      ]),
    });
    board.powerOn();
    await waitFor(/Press ENTER to see the list of tests\.\r\n/);
    await sleep(50);
    expect(peer.text()).not.toContain("Here's the test menu"); // it waits
    send("\r\n");
    await waitFor(
      /\(1\)\t"first" \[test\]\r\n\(2\)\t"second" \[test\]\r\n\r\nEnter test for running\./,
    );
    send("2\n");
    const out = await waitFor(/Enter next test, or 'enter' to see menu/);
    expect(out).toContain("Running second...");
    expect(out).toMatch(/:second:FAIL: boom\r\n/);
    expect(out).not.toMatch(/:first:PASS/);
    expect(out).toContain("1 Tests 1 Failures 0 Ignored \r\nFAIL");
  });

  it("times out an input and goes on", async () => {
    const { board, waitFor } = make({
      script:
        "input timeout 50ms\nif timed_out goto late\nprint got\nend\nlate:\nprint nobody answered\nend",
    });
    board.powerOn();
    await waitFor(/nobody answered/);
  });

  it("hangs: output stops and input is ignored", async () => {
    const { board, waitFor, send, peer } = make({ script: "print last words\nhang\nprint never" });
    board.powerOn();
    await waitFor(/last words\r\n/);
    await sleep(50);
    const before = peer.text();
    send("anything\n");
    await sleep(100);
    expect(peer.text()).toBe(before);
    expect(board.mode).toBe("hung");
  });

  it.each([
    [
      "panic LoadProhibited",
      /Guru Meditation Error: Core {2}0 panic'ed \(LoadProhibited\)\. Exception was unhandled\.\r\n\r\nCore {2}0 register dump:\r\nPC {6}: 0x400[d-f][0-9a-f]{4} {2}PS/,
    ],
    ["abort", /abort\(\) was called at PC 0x400[d-f][0-9a-f]{4} on core 0/],
    [
      'assert "count > 0" in do_work at main/work.c:33',
      /assert failed: do_work work\.c:33 \(count > 0\)/,
    ],
    [
      "task_wdt main",
      /E \(\d+\) task_wdt: Task watchdog got triggered\. The following tasks\/users did not reset the watchdog in time:\r\nE \(\d+\) task_wdt: {2}- IDLE0 \(CPU 0\)/,
    ],
    ["int_wdt", /Guru Meditation Error: Core {2}0 panic'ed \(Interrupt wdt timeout on CPU0\)\./],
  ])("crashes with a real signature (%s) and reboots", async (stmt, signature) => {
    const { board, waitFor } = make({
      script: `if boot > 1 goto after\n${stmt}\nafter:\nprint up again on boot \${boot} after \${reset_reason}\nend`,
    });
    board.powerOn();
    const out = await waitFor(/up again on boot 2 after SW_CPU_RESET/);
    expect(out).toMatch(signature);
    if (!stmt.startsWith("task"))
      expect(out).toMatch(/Backtrace: (0x[0-9a-f]{8}:0x[0-9a-f]{8} ?)+\r\n/);
    expect(out).toMatch(
      /ELF file SHA256: [0-9a-f]{16}\r\n\r\nRebooting\.\.\.\r\nets Jul 29 2019 12:21:46\r\n\r\nrst:0xc \(SW_CPU_RESET\),boot:0x13 \(SPI_FAST_FLASH_BOOT\)/,
    );
  });

  it("brown-out: prints the detector's message and restarts", async () => {
    const { board, waitFor } = make({
      script: "if boot > 1 goto ok\nbrownout\nok:\nprint recovered\nend",
    });
    board.powerOn();
    const out = await waitFor(/recovered/);
    expect(out).toContain(
      "\r\nBrownout detector was triggered\r\n\r\nets Jul 29 2019 12:21:46\r\n\r\nrst:0xc (SW_CPU_RESET)",
    );
  });

  it("boot loops when the app crashes on every boot", async () => {
    const { board, waitFor } = make({ script: "panic" });
    board.powerOn();
    const out = await waitFor(/(rst:0xc \(SW_CPU_RESET\)[\s\S]*){3}/, 30_000);
    expect(out.match(/Guru Meditation Error/g)!.length).toBeGreaterThanOrEqual(3);
    expect(board.status().boot).toBeGreaterThanOrEqual(3);
  });

  it("software restarts between stages, counting boots until power is cut", async () => {
    const { board, waitFor } = make({
      script:
        "if boot == 2 goto stage2\nprint stage 1 done\nrestart\nstage2:\nprint stage 2 after ${reset_reason}\nend",
    });
    board.powerOn();
    await waitFor(/stage 2 after SW_CPU_RESET/);
    expect(board.status().boot).toBe(2);
    board.powerOff();
    board.powerOn();
    await waitFor(/stage 1 done[\s\S]*stage 1 done/); // power loss starts the count again
  });
});

describe("power and the auto-reset circuit", () => {
  it("goes silent when powered off and boots like a power-on when powered on", async () => {
    const { board, waitFor, peer } = make({ script: "loop:\nprint tick\nsleep 20ms\ngoto loop" });
    board.powerOn();
    await waitFor(/tick\r\n/);
    board.powerOff();
    expect(board.mode).toBe("off");
    await sleep(20);
    const before = peer.text();
    await sleep(150);
    expect(peer.text()).toBe(before);
    peer.clear();
    board.powerOn();
    await waitFor(/rst:0x1 \(POWERON_RESET\)[\s\S]*tick/);
  });

  it("enters download mode on esptool's classic reset sequence", async () => {
    const { board, waitFor, peer } = make({ script: "print app running\nend" });
    board.powerOn();
    await waitFor(/app running/);
    peer.clear();
    // ClassicReset: (DTR=0, RTS=1) EN low, then (DTR=1, RTS=0) EN high with GPIO0 low, then release.
    board.setLines({ dtr: false, rts: true });
    expect(board.mode).toBe("reset");
    await sleep(100);
    board.setLines({ dtr: true, rts: false });
    await sleep(50);
    board.setLines({ dtr: false, rts: false });
    const out = await waitFor(/waiting for download/);
    expect(out).toContain(
      "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))",
    );
    expect(board.mode).toBe("rom");
    expect(board.status().lines).toEqual({ dtr: false, rts: false });
  });

  it("does not reset when both lines change together (port open/close)", async () => {
    const { board, waitFor } = make({ script: "print up\nend" });
    board.powerOn();
    await waitFor(/Returned from app_main/);
    board.setLines({ dtr: true, rts: true });
    board.setLines({ dtr: false, rts: false });
    await sleep(50);
    expect(board.mode).toBe("idle");
    expect(board.status().boot).toBe(1);
  });

  it("boots the app after a hard reset (RTS pulse with DTR released)", async () => {
    const { board, waitFor, peer } = make({ script: "print app running\nend" });
    board.setBootButton(true);
    board.powerOn();
    await waitFor(/waiting for download/);
    board.setBootButton(false);
    peer.clear();
    board.setLines({ dtr: false, rts: true });
    await sleep(100);
    board.setLines({ rts: false });
    const out = await waitFor(/app running/);
    expect(out).toContain("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)");
  });

  it("starts in download mode once when asked, later power-ons boot the app", async () => {
    const { board, waitFor, peer } = make(
      { script: "print app\nend" },
      { startInDownloadMode: true },
    );
    board.powerOn();
    await waitFor(
      /rst:0x1 \(POWERON_RESET\),boot:0x3 \(DOWNLOAD_BOOT\(UART0\/UART1\/SDIO_REI_REO_V2\)\)\r\nwaiting for download/,
    );
    board.powerOff();
    peer.clear();
    board.powerOn();
    await waitFor(/\r\napp\r\n/);
  });
});

describe("faults", () => {
  it("hang after boot: the app starts and then nothing", async () => {
    const { board, waitFor, peer } = make({ script: "print should not appear\nend" });
    board.setFaults({ hangAfterBoot: true });
    board.powerOn();
    await waitFor(/Calling app_main\(\)\r\n/);
    await sleep(100);
    expect(peer.text()).not.toContain("should not appear");
    expect(board.mode).toBe("hung");
  });

  it("brown-out loop: every boot ends in a brown-out reset", async () => {
    const { board, waitFor } = make({ script: "print fine\nend" });
    board.setFaults({ brownoutLoop: true });
    board.powerOn();
    const out = await waitFor(/(Brownout detector was triggered[\s\S]*){2}/, 30_000);
    expect(out).not.toContain("\r\nfine\r\n");
  });

  it("a brown-out on demand restarts a running app", async () => {
    const { board, waitFor } = make({ script: "print up ${boot}\nend" });
    board.powerOn();
    await waitFor(/up 1/);
    board.brownout();
    await waitFor(/Brownout detector was triggered[\s\S]*up 2/);
  });

  it("no answer: nothing the host sends reaches the board", async () => {
    const { board, waitFor, send, peer } = make({ script: "input\nprint got ${input}\nend" });
    board.setFaults({ noAnswer: true });
    board.powerOn();
    await waitFor(/Calling app_main/);
    send("hello\n");
    await sleep(100);
    expect(peer.text()).not.toContain("got hello");
    board.clearFaults();
    send("again\n");
    await waitFor(/got again/);
  });
});

describe("a wedged board", () => {
  it("is silent both ways through resets, and a power cut clears it", async () => {
    const { board, waitFor, send, peer } = make({
      script: "print up ${boot}\ninput\nprint got ${input}\nend",
    });
    board.powerOn();
    await waitFor(/up 1/);
    board.setFaults({ wedged: true });
    peer.clear();
    send("hello\n");
    board.setLines({ dtr: false, rts: true }); // EN low: a hard reset...
    board.setLines({ dtr: false, rts: false }); // ...and released
    await sleep(300);
    expect(peer.text()).toBe("");
    board.powerOff();
    board.powerOn();
    await waitFor(/up 1/);
    send("again\n");
    await waitFor(/got again/);
  });
});

describe("corrupted frames", () => {
  const syncFrame = slipEncode(buildCommand(Op.SYNC, SYNC_PAYLOAD));
  const goodAnswer = slipEncode(Buffer.from("010804000707122000000000", "hex")).toString("latin1");

  it("without the fault the ROM answers SYNC eight times", async () => {
    const { board, waitFor, send, peer } = make(undefined, { startInDownloadMode: true });
    board.powerOn();
    await waitFor(/waiting for download\r\n/);
    peer.clear();
    send(syncFrame);
    const answers = () => peer.text().split(goodAnswer).length - 1;
    for (let i = 0; i < 500 && answers() < 8; i++) await sleep(10);
    expect(answers()).toBe(8);
  });

  it("with corrupt_frames at 1 no intact answer ever comes back", async () => {
    const { board, waitFor, send, peer } = make(undefined, { startInDownloadMode: true });
    board.setFaults({ corruptFrames: 1 });
    board.powerOn();
    await waitFor(/waiting for download\r\n/);
    peer.clear();
    for (let i = 0; i < 5; i++) {
      send(syncFrame);
      await sleep(30);
    }
    expect(peer.text()).not.toContain(goodAnswer);
  });
});

describe("line details", () => {
  it("garbles bytes sent at the wrong baud into junk of the receiver's length, never SLIP delimiters", () => {
    const g = garble(Buffer.alloc(100, 0x41), 921600, 115200);
    expect(g.length).toBe(13);
    expect(g.includes(0xc0)).toBe(false);
  });

  it("gives each slot a distinct, stable MAC", () => {
    expect(macForSlot("hut-01")).toBe(macForSlot("hut-01"));
    expect(macForSlot("hut-01")).not.toBe(macForSlot("hut-02"));
    expect(macForSlot("hut-01")).toMatch(/^24:6f:28(:[0-9a-f]{2}){3}$/);
  });
});
