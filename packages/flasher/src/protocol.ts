import type { Chip, PowerCycleResult } from "@hil/contracts";

/**
 * The flasher protocol (STYLE.md "Hardware behind small interfaces"): what the flashing
 * strategy and the recovery ladder see of a board. `EsptoolFlasher` is the driver over
 * esptool-js and @hil/serial; tests may implement these over anything.
 */

/** The board as read in download mode. */
export interface BoardIdentity {
  /** The chip family as the contracts name it (`esp32`), when it is one of them. */
  chip: Chip | undefined;
  /** What esptool calls it, e.g. `ESP32-D0WD-V3 (revision 3)`. */
  description: string;
  /** Factory MAC from the eFuses, lower case, colon-separated. */
  mac: string;
  /** The serial port or rfc2217:// URL it answered on. */
  port: string;
}

/** A board in its ROM bootloader, identified but not yet flashed. */
export interface LoaderSession {
  readonly board: BoardIdentity;
  /** Attach the SPI flash and read its size from the JEDEC id (bytes; undefined if unknown). */
  attachFlash(fallbackSize?: number): Promise<number | undefined>;
  /** MD5 (hex) of a flash region, computed on the board. Cheap: one round trip. */
  md5(offset: number, size: number): Promise<string>;
  /**
   * Get ready to write: upload the flasher stub and switch the line to `baud`. Throws a
   * HilError when the adapter refuses the speed or the board stops answering at it.
   */
  prepareToWrite(baud: number): Promise<void>;
  /** The line's current speed. */
  readonly baud: number;
  /** Write one sector-aligned run from its zlib stream. */
  writeDeflated(
    run: DeflatedRun,
    options?: { progress?: (sentCompressed: number) => void; signal?: AbortSignal },
  ): Promise<void>;
  /**
   * Leave download mode: into the app when the slot's reset strategy can ("app"); a
   * `reset: none` board stays in the flasher stub, back at the ROM's speed ("stub").
   */
  finish(): Promise<"app" | "stub">;
  /** Close the port without resetting. Idempotent. */
  close(): Promise<void>;
}

/** A region's bytes as the zlib stream that crosses the wire. */
export interface DeflatedRun {
  /** Flash offset (a multiple of 4 KiB). */
  offset: number;
  /** Uncompressed bytes. */
  size: number;
  /** zlib stream of those bytes. */
  deflated: Uint8Array;
  /** Uncompressed bytes carried in full by the first `pos` compressed bytes (to 32 KiB). */
  uncompressedAt(pos: number): number;
}

/** Reaches a board's bootloader. */
export interface Flasher {
  /** The port, as named in messages. */
  readonly port: string;
  /** How `connect` resets the board, in words (`the classic DTR/RTS reset`). */
  readonly resetDescription: string;
  /**
   * Reset the board into download mode (per the slot's strategy), sync and identify it.
   * Throws `BoardSilentError` when the board does not answer (the ladder may retry), any
   * other HilError (port missing, busy, no modem lines) when retrying cannot help.
   */
  connect(): Promise<LoaderSession>;
  /** Pulse EN through RTS so the chip restarts from scratch; undefined when the slot cannot (reset: none). */
  hardReset?: () => Promise<void>;
}

/**
 * Power-cycles the slot's board (the Home Assistant library provides it) and says how it went.
 * `reason` is logged and kept with the power cycle.
 */
export type PowerCycleFn = (reason: string) => Promise<PowerCycleResult>;
