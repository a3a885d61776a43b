// @hil/hut-sim: an ESP32 that exists in software (DESIGN.md section 6, docs/simulator.md).
export {
  SimBoard,
  macForSlot,
  ROM_BAUD,
  type BoardFaults,
  type BoardMode,
  type BoardStatus,
  type SerialPeer,
  type SimBoardOptions,
} from "./board";
export {
  SimLab,
  entityFor,
  slotIds,
  SIM_TOKEN_ENV,
  DEFAULT_SIM_DIR,
  type SimLabOptions,
  type SimInventoryOptions,
  type SlotEndpoints,
} from "./lab";
export {
  buildTestFirmware,
  buildAppImage,
  buildBootloaderImage,
  defaultPartitions,
  firmwareFiller,
  installFirmware,
  APP_OFFSET,
  DEFAULT_APP_SIZE,
  type AppImageOptions,
  type FirmwareImage,
  type TestFirmware,
  type TestFirmwareOptions,
} from "./firmware";
export {
  unityMenuScript,
  unityRunScript,
  bootLoopScript,
  quote,
  printable,
  type UnityTest,
} from "./scripts";
export {
  parseScript,
  ScriptError,
  RESET_REASONS,
  PANIC_CAUSES,
  type Script,
  type ResetReason,
} from "./script";
export {
  HomeAssistantRelay,
  applyFaults,
  faultRequest,
  type FaultRequest,
  type RelayFaults,
} from "./relay";
export { Rfc2217Server } from "./rfc2217-server";
export { PtyBridge } from "./pty-bridge";
export { FlashMemory, DEFAULT_FLASH_SIZE, SECTOR_SIZE } from "./flash";
export { Wire, lineTimeMs, BITS_PER_BYTE } from "./wire";
export {
  buildImage,
  parseImage,
  verifyImage,
  buildPartitionTable,
  parsePartitionTable,
  buildAppDescription,
  parseAppDescription,
  buildScriptSection,
  findScript,
  SCRIPT_MAGIC,
  PARTITION_TABLE_OFFSET,
  type Partition,
  type ParsedImage,
} from "./image";
export { BOOTLOADER_OFFSET, ROM_DATE_LINE } from "./boot";
