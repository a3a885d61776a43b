import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError, InfrastructureError } from "@hil/contracts";
import { benchBoardSession, BoardConsole, sourcePaths } from "../src/index";

describe("sourcePaths", () => {
  const ws = mkdtempSync(join(tmpdir(), "hil-ws-"));
  mkdirSync(join(ws, "components", "pwm", "test"), { recursive: true });
  writeFileSync(join(ws, "components", "pwm", "test", "test_pwm.c"), "");

  it("strips a known build root, else finds the longest tail that exists in the workspace", () => {
    const rel = sourcePaths({ workspace: ws, roots: ["/builds/acme/fw"] });
    expect(rel("/builds/acme/fw/main/app.c")).toBe("main/app.c");
    expect(rel(`${ws}/components/x.c`)).toBe("components/x.c");
    expect(rel("/home/runner/work/fw/fw/components/pwm/test/test_pwm.c")).toBe(
      "components/pwm/test/test_pwm.c",
    );
    // Unknown to the workspace and under no root: kept as printed.
    expect(rel("/opt/esp-idf/components/unity/unity.c")).toBe(
      "/opt/esp-idf/components/unity/unity.c",
    );
    expect(rel("main/test_app_main.c")).toBe("main/test_app_main.c");
  });
});

describe("BoardConsole", () => {
  it("a missing device path is the lab's problem and lists what is plugged in", async () => {
    const byId = mkdtempSync(join(tmpdir(), "by-id-"));
    writeFileSync(join(byId, "usb-Silicon_Labs_CP2102_0001-if00-port0"), "");
    const e = await BoardConsole.open({
      port: "/dev/serial/by-id/usb-FTDI_gone-if00-port0",
      baud: 115200,
      deviceOptions: { byIdDir: byId },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InfrastructureError);
    expect((e as Error).message).toContain(`${byId}/usb-Silicon_Labs_CP2102_0001-if00-port0`);
  });

  it("cannot reset through a slot whose reset strategy is none", async () => {
    const { StreamedDevice } = await import("@hil/serial");
    class Quiet extends StreamedDevice {
      readonly port = "/dev/null-ish";
      async open() {
        this.opened(115200);
      }
      async close() {
        this.closed();
      }
      async setSignals() {}
      async getSignals() {
        return {
          dataCarrierDetect: false,
          clearToSend: false,
          ringIndicator: false,
          dataSetReady: false,
        };
      }
      getInfo() {
        return {};
      }
      async setBaudRate() {}
      protected async transmit() {}
      push(s: string) {
        this.received(new TextEncoder().encode(s));
      }
    }
    const dev = new Quiet();
    const con = await BoardConsole.open({ port: dev.port, baud: 115200, device: dev });
    dev.push("old output\r\n");
    await new Promise((r) => setTimeout(r, 20));
    expect(con.discard()).toBe(12);
    expect(con.bytes).toBe(0);
    await expect(con.resetToApp("none")).rejects.toThrow(ConfigurationError);
    dev.push("new\r\n");
    const it = con.chunks();
    const first = await it.next();
    expect(new TextDecoder().decode((first.value as { data: Uint8Array }).data)).toBe("new\r\n");
    await con.close();
    expect((await it.next()).done).toBe(true);
  });
});

describe("BoardConsole.settle", () => {
  it("drops a port's backlog (a burst faster than the line) and stops at live output", async () => {
    const { StreamedDevice } = await import("@hil/serial");
    class Backlog extends StreamedDevice {
      readonly port = "/dev/pts/backlog";
      private timer: ReturnType<typeof setInterval> | undefined;
      async open() {
        this.opened(115200);
        // What a pty held while nobody read it, then the board's live output.
        this.received(new TextEncoder().encode("invalid header: 0xffffffff\r\n".repeat(400)));
        let n = 0;
        this.timer = setInterval(
          () => this.received(new TextEncoder().encode(`tick ${++n}\r\n`)),
          30,
        );
      }
      async close() {
        clearInterval(this.timer);
        this.closed();
      }
      async setSignals() {}
      async getSignals() {
        return {
          dataCarrierDetect: false,
          clearToSend: false,
          ringIndicator: false,
          dataSetReady: false,
        };
      }
      getInfo() {
        return {};
      }
      async setBaudRate() {}
      protected async transmit() {}
    }
    const dev = new Backlog();
    const con = await BoardConsole.open({ port: dev.port, baud: 115200, device: dev });
    const dropped = await con.settle(115200);
    expect(dropped).toBeGreaterThanOrEqual(400 * 28);
    const next = await con.chunks().next();
    expect(new TextDecoder().decode((next.value as { data: Uint8Array }).data)).toMatch(
      /^tick \d+\r\n$/,
    );
    await con.close();
  });
});

describe("benchBoardSession", () => {
  it("takes a flood of console output through reader, judge and log, and judges it", async () => {
    const r = await benchBoardSession(512 * 1024);
    expect(r.bytes).toBeGreaterThanOrEqual(512 * 1024);
    expect(r.mbPerSec).toBeGreaterThan(0);
    expect(r.judgeMbPerSec).toBeGreaterThan(0);
  });
});
