import { ConfigurationError } from "@hil/contracts";
import type { SerialDevice, SerialOutputSignals } from "@hil/serial";
import { describe, expect, it } from "vitest";
import {
  CLASSIC_SEQUENCE,
  parseResetSequence,
  resetPlan,
  runResetSequence,
  USB_JTAG_SERIAL_SEQUENCE,
} from "../src/reset";

describe("reset sequences (esptool notation, seconds)", () => {
  it("reads W in seconds, as esptool's --custom-reset-sequence and the inventory do", () => {
    expect(parseResetSequence("D0|R1|W0.1|D1|R0|W0.05|D0", "x")).toEqual([
      { op: "D", on: false },
      { op: "R", on: true },
      { op: "W", ms: 100 },
      { op: "D", on: true },
      { op: "R", on: false },
      { op: "W", ms: 50 },
      { op: "D", on: false },
    ]);
    expect(parseResetSequence("U0,1|W1|U1,0", "x")).toEqual([
      { op: "U", dtr: false, rts: true },
      { op: "W", ms: 1000 },
      { op: "U", dtr: true, rts: false },
    ]);
  });

  it("refuses a W that was meant as milliseconds, and anything malformed, naming the slot", () => {
    const bad = (seq: string) => {
      try {
        parseResetSequence(seq, "slot hut-03's reset_sequence");
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigurationError);
        return (e as Error).message;
      }
      throw new Error(`${seq} was accepted`);
    };
    expect(bad("D0|R1|W100|D1|R0|W50|D0")).toBe(
      `slot hut-03's reset_sequence "D0|R1|W100|D1|R0|W50|D0" is not a valid reset sequence: W100 waits 100 s; waits are in seconds as in esptool (W0.1 is 100 ms), not milliseconds.`,
    );
    expect(bad("D2")).toContain("D2 needs 0 or 1");
    expect(bad("U1")).toContain("U1 needs two bits");
    expect(bad("W0")).toContain("W0 needs a positive number of seconds");
    expect(bad("X1")).toContain("X1 is not a command");
  });

  it("plans each strategy: classic alternates the short and long GPIO0 hold, none resets nothing", () => {
    const classic = resetPlan("classic", undefined, "hut-01");
    expect(classic.sequences).toEqual([
      parseResetSequence(CLASSIC_SEQUENCE, ""),
      parseResetSequence("D0|R1|W0.1|D1|R0|W0.55|D0", ""),
    ]);
    expect(classic.canPulseEn).toBe(true);
    expect(resetPlan("usb-jtag-serial", undefined, "hut-01").sequences).toEqual([
      parseResetSequence(USB_JTAG_SERIAL_SEQUENCE, ""),
    ]);
    expect(resetPlan("custom", "D0|R1|W0.2|R0", "hut-01").description).toBe(
      "the custom reset sequence D0|R1|W0.2|R0",
    );
    expect(() => resetPlan("custom", undefined, "hut-01")).toThrow(
      /reset: custom but no reset_sequence/,
    );
    const none = resetPlan("none", undefined, "hut-01");
    expect(none).toMatchObject({ sequences: [], canPulseEn: false });
  });

  it("drives DTR/RTS in order and waits as told", async () => {
    const seen: (SerialOutputSignals | number)[] = [];
    const device = {
      setSignals: async (s: SerialOutputSignals) => void seen.push(s),
    } as unknown as SerialDevice;
    const t0 = Date.now();
    await runResetSequence(device, parseResetSequence("D0|R1|W0.05|U1,0", ""));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(seen).toEqual([
      { dataTerminalReady: false },
      { requestToSend: true },
      { dataTerminalReady: true, requestToSend: false },
    ]);
  });
});
