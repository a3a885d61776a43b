// @hil/flasher: write a firmware bundle to a slot's ESP32 (DESIGN.md section 2, docs/flashing.md).
export type { BoardIdentity, DeflatedRun, Flasher, LoaderSession, PowerCycleFn } from "./protocol";
export { EsptoolFlasher, ROM_BAUD, chipFamily, type EsptoolFlasherOptions } from "./esptool";
export {
  CLASSIC_SEQUENCE,
  CLASSIC_SLOW_SEQUENCE,
  USB_JTAG_SERIAL_SEQUENCE,
  parseResetSequence,
  resetPlan,
  runResetSequence,
  type ResetOp,
  type ResetPlan,
} from "./reset";
export { deflateRun, SECTOR } from "./deflate";
export { loadImages, checkFits, sectorImage, type FlashImage } from "./images";
export {
  differingSectors,
  runsOf,
  wholeImage,
  BLOCK,
  type Run,
  type DiffStats,
  type Md5Source,
} from "./plan";
export { ProgressLog } from "./progress";
export {
  climbLadder,
  recoveryRungs,
  type Rung,
  type RungOutcome,
  type LadderOptions,
} from "./ladder";
export { flashBoard, type FlashBoardOptions, type FlashReport, type ImageReport } from "./flash";
export {
  BoardSilentError,
  BoardUnreachableError,
  WrongChipError,
  MacMismatchError,
  ImageError,
  BaudError,
  failureKindOf,
} from "./errors";
export { openBundle, type OpenBundleOptions, type OpenedBundle } from "./bundle";
export {
  flashSlot,
  flashSummaryLine,
  flashSummaryMarkdown,
  FLASH_STEP,
  type FlashSlotOptions,
  type FlashSlotResult,
} from "./step";
