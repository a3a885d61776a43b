import {
  ConfigurationError,
  HilError,
  InfrastructureError,
  type FailureKind,
  type RecoveryEvent,
} from "@hil/contracts";

/**
 * The board did not answer the bootloader's SYNC after a reset. The recovery ladder
 * catches this one (and only this one) and tries the next rung.
 */
export class BoardSilentError extends InfrastructureError {
  override name = "BoardSilentError";
  constructor(
    readonly port: string,
    /** What esptool-js said, e.g. `Failed to connect with the device`. */
    readonly detail: string,
  ) {
    super(`The board on ${port} did not answer in download mode (${detail}).`, {
      hint: "Check the board's USB cable and power; a board stuck in its app may need a power cycle.",
    });
  }
}

/** The whole recovery ladder ran and the board still did not answer: counts against slot health. */
export class BoardUnreachableError extends InfrastructureError {
  override name = "BoardUnreachableError";
  constructor(
    message: string,
    hint: string,
    readonly events: RecoveryEvent[],
  ) {
    super(message, { hint });
  }
}

/** The board is another chip than the bundle (or the inventory) says. */
export class WrongChipError extends ConfigurationError {
  override name = "WrongChipError";
}

/** The board's MAC is not the one the slot pins: a swapped cable, someone else's board. */
export class MacMismatchError extends InfrastructureError {
  override name = "MacMismatchError";
}

/** An image of the bundle cannot be written as it is: damaged, overlapping, too big. */
export class ImageError extends ConfigurationError {
  override name = "ImageError";
}

/** The adapter or serial server refuses the flashing baud, or the board stops answering at it. */
export class BaudError extends InfrastructureError {
  override name = "BaudError";
}

/**
 * Which kind of failure an error is, for the journal's step entry: the lab
 * (`infrastructure`: board unreachable, port busy, adapter) or the job's set-up
 * (`configuration`: inventory, inputs, bundle). Errors that are not ours (esptool-js
 * protocol errors mid-flash) are the lab's.
 */
export function failureKindOf(e: unknown): FailureKind {
  if (e instanceof InfrastructureError) return "infrastructure";
  if (e instanceof HilError) return "configuration";
  return "infrastructure";
}
