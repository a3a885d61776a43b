import { ConfigurationError, type ResetStrategyName } from "@hil/contracts";
import type { SerialDevice } from "@hil/serial";

/**
 * Reset sequences into the ROM bootloader, in esptool's notation: `D0`/`D1` set DTR,
 * `R0`/`R1` set RTS, `U0,1` sets DTR and RTS at once, `W0.1` waits 0.1 **seconds**.
 * The slot inventory's `reset_sequence` uses the same notation as esptool's
 * `--custom-reset-sequence` (seconds); esptool-js's own CustomReset reads `W` as
 * milliseconds, so sequences are run here, not through it.
 */
export type ResetOp =
  | { op: "D" | "R"; on: boolean }
  | { op: "U"; dtr: boolean; rts: boolean }
  | { op: "W"; ms: number };

/** esptool's ClassicReset: EN low, then EN high while GPIO0 is held low for 50 ms. */
export const CLASSIC_SEQUENCE = "D0|R1|W0.1|D1|R0|W0.05|D0";
/** The same with the longer GPIO0 hold esptool alternates with (some boards' EN RC is slow). */
export const CLASSIC_SLOW_SEQUENCE = "D0|R1|W0.1|D1|R0|W0.55|D0";
/** esptool's USBJTAGSerialReset, for chips whose USB-Serial/JTAG peripheral maps DTR/RTS. */
export const USB_JTAG_SERIAL_SEQUENCE = "R0|D0|W0.1|D1|R0|W0.1|R1|D0|R1|W0.1|D0|R0";

/** The longest wait a sequence may hold, s (a W100 was meant as milliseconds). */
const MAX_WAIT_SEC = 10;

const bit = (s: string) => (s === "1" ? true : s === "0" ? false : undefined);

/** Parse an esptool reset sequence; `where` names it in errors (e.g. `slot hut-01's reset_sequence`). */
export function parseResetSequence(sequence: string, where: string): ResetOp[] {
  const ops: ResetOp[] = [];
  const bad = (cmd: string, why: string) =>
    new ConfigurationError(`${where} "${sequence}" is not a valid reset sequence: ${cmd} ${why}.`, {
      hint: "Use esptool's notation: D0/D1 (DTR), R0/R1 (RTS), U0,1 (DTR and RTS together), W0.1 (wait 0.1 s), joined by |, e.g. D0|R1|W0.1|D1|R0|W0.05|D0.",
    });
  for (const cmd of sequence.split("|")) {
    const code = cmd[0];
    const arg = cmd.slice(1);
    if (code === "D" || code === "R") {
      const on = bit(arg);
      if (on === undefined) throw bad(cmd, "needs 0 or 1");
      ops.push({ op: code, on });
    } else if (code === "U") {
      const [d, r, ...rest] = arg.split(",");
      const dtr = bit(d ?? "");
      const rts = bit(r ?? "");
      if (dtr === undefined || rts === undefined || rest.length)
        throw bad(cmd, "needs two bits, DTR then RTS, like U0,1");
      ops.push({ op: "U", dtr, rts });
    } else if (code === "W") {
      const sec = Number(arg);
      if (!/^\d*\.?\d+$/.test(arg) || !(sec > 0))
        throw bad(cmd, "needs a positive number of seconds");
      if (sec > MAX_WAIT_SEC)
        throw bad(
          cmd,
          `waits ${sec} s; waits are in seconds as in esptool (W0.1 is 100 ms), not milliseconds`,
        );
      ops.push({ op: "W", ms: Math.round(sec * 1000) });
    } else {
      throw bad(cmd, "is not a command (D, R, U or W)");
    }
  }
  return ops;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drive DTR/RTS through a reset sequence. */
export async function runResetSequence(device: SerialDevice, ops: ResetOp[]): Promise<void> {
  for (const o of ops) {
    if (o.op === "W") await sleep(o.ms);
    else if (o.op === "U")
      await device.setSignals({ dataTerminalReady: o.dtr, requestToSend: o.rts });
    else
      await device.setSignals(o.op === "D" ? { dataTerminalReady: o.on } : { requestToSend: o.on });
  }
}

/** What a slot's reset strategy needs to connect: the sequences to alternate, and how to say it. */
export interface ResetPlan {
  /** Sequences tried in turn on successive connection attempts; empty for `none`. */
  sequences: ResetOp[][];
  /** In words, for logs and errors. */
  description: string;
  /** Whether RTS can pulse EN (a hard reset into the app). */
  canPulseEn: boolean;
}

export function resetPlan(
  strategy: ResetStrategyName,
  sequence: string | undefined,
  slotId: string,
): ResetPlan {
  switch (strategy) {
    case "classic":
      return {
        sequences: [
          parseResetSequence(CLASSIC_SEQUENCE, "classic"),
          parseResetSequence(CLASSIC_SLOW_SEQUENCE, "classic"),
        ],
        description: "the classic DTR/RTS reset",
        canPulseEn: true,
      };
    case "usb-jtag-serial":
      return {
        sequences: [parseResetSequence(USB_JTAG_SERIAL_SEQUENCE, "usb-jtag-serial")],
        description: "the USB-Serial/JTAG reset",
        canPulseEn: true,
      };
    case "custom": {
      if (!sequence)
        throw new ConfigurationError(`Slot ${slotId} has reset: custom but no reset_sequence.`, {
          hint: "Add reset_sequence: (esptool notation, e.g. D0|R1|W0.1|D1|R0|W0.05|D0) or use reset: classic.",
        });
      return {
        sequences: [parseResetSequence(sequence, `slot ${slotId}'s reset_sequence`)],
        description: `the custom reset sequence ${sequence}`,
        canPulseEn: true,
      };
    }
    case "none":
      return { sequences: [], description: "no reset (reset: none)", canPulseEn: false };
  }
}
