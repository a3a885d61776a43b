/**
 * The esptool serial protocol as the ESP32 ROM loader and the flasher stub speak it
 * (esptool docs/en/advanced-topics/serial-protocol.rst): a command is
 * `00 op size:u16 checksum:u32 data`, a response `01 op size:u16 value:u32 data status`.
 */
export const Op = {
  FLASH_BEGIN: 0x02,
  FLASH_DATA: 0x03,
  FLASH_END: 0x04,
  MEM_BEGIN: 0x05,
  MEM_END: 0x06,
  MEM_DATA: 0x07,
  SYNC: 0x08,
  WRITE_REG: 0x09,
  READ_REG: 0x0a,
  SPI_SET_PARAMS: 0x0b,
  SPI_ATTACH: 0x0d,
  CHANGE_BAUDRATE: 0x0f,
  FLASH_DEFL_BEGIN: 0x10,
  FLASH_DEFL_DATA: 0x11,
  FLASH_DEFL_END: 0x12,
  SPI_FLASH_MD5: 0x13,
  GET_SECURITY_INFO: 0x14,
  // Stub only
  ERASE_FLASH: 0xd0,
  ERASE_REGION: 0xd1,
  READ_FLASH: 0xd2,
  RUN_USER_CODE: 0xd3,
} as const;

export const OP_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Op).map(([k, v]) => [v, k]),
);

/** ROM loader error codes (second status byte when the first is 1). */
export const RomError = {
  UNDEFINED: 0x00,
  INVALID_PARAM: 0x01,
  INVALID_MESSAGE: 0x05,
  RESULT_WRONG: 0x06,
  BAD_CHECKSUM: 0x07,
  FLASH_WRITE: 0x08,
  FLASH_READ: 0x09,
  DEFLATE: 0x0b,
  DEFLATE_ADLER: 0x0c,
  DEFLATE_PARAM: 0x0d,
  RAM_SIZE: 0x0e,
  RAM_ADDRESS: 0x0f,
} as const;

/** Flasher stub response codes, sent big-endian as the two status bytes. */
export const StubStatus = {
  SUCCESS: 0x0000,
  BAD_DATA_LEN: 0xc000,
  BAD_DATA_CHECKSUM: 0xc100,
  BAD_BLOCKSIZE: 0xc200,
  INVALID_COMMAND: 0xc300,
  FAILED_SPI_OP: 0xc400,
  FAILED_SPI_UNLOCK: 0xc500,
  NOT_IN_FLASH_MODE: 0xc600,
  INFLATE_ERROR: 0xc700,
  NOT_ENOUGH_DATA: 0xc800,
  TOO_MUCH_DATA: 0xc900,
  CMD_NOT_IMPLEMENTED: 0xff00,
} as const;

/** The value the ESP32 ROM puts in its SYNC responses (the stub answers 0). */
export const ROM_SYNC_VALUE = 0x20120707;
export const SYNC_PAYLOAD = Buffer.from([0x07, 0x07, 0x12, 0x20, ...new Array(32).fill(0x55)]);
export const CHECKSUM_SEED = 0xef;
/** The stub's greeting frame once it runs. */
export const OHAI = Buffer.from("OHAI", "ascii");

export interface Command {
  direction: number;
  op: number;
  /** The size field as sent. */
  size: number;
  checksum: number;
  data: Buffer;
}

/** Split a decoded frame into a command; `undefined` if shorter than a header. */
export function parseCommand(frame: Buffer): Command | undefined {
  if (frame.length < 8) return undefined;
  return {
    direction: frame[0]!,
    op: frame[1]!,
    size: frame.readUInt16LE(2),
    checksum: frame.readUInt32LE(4),
    data: frame.subarray(8),
  };
}

/** Build a command packet (host side; used by tests and tools). */
export function buildCommand(op: number, data: Uint8Array = Buffer.alloc(0), checksum = 0): Buffer {
  const out = Buffer.alloc(8 + data.length);
  out[0] = 0x00;
  out[1] = op;
  out.writeUInt16LE(data.length, 2);
  out.writeUInt32LE(checksum >>> 0, 4);
  Buffer.from(data).copy(out, 8);
  return out;
}

/** A response packet: header, data, then the status bytes the caller appends to data. */
export function buildResponse(op: number, value: number, body: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + body.length);
  out[0] = 0x01;
  out[1] = op;
  out.writeUInt16LE(body.length, 2);
  out.writeUInt32LE(value >>> 0, 4);
  Buffer.from(body).copy(out, 8);
  return out;
}

/** ROM status: four bytes, `status error 0 0` (ESP32 ROM; the stub uses two). */
export function romStatus(error?: number): Buffer {
  return error === undefined ? Buffer.from([0, 0, 0, 0]) : Buffer.from([1, error, 0, 0]);
}

/** Stub status: the 16-bit response code, big-endian (`0xC1 0x00` for a bad checksum). */
export function stubStatus(code: number): Buffer {
  return Buffer.from([(code >> 8) & 0xff, code & 0xff]);
}

/** XOR checksum seeded with 0xEF, over the payload of a *_DATA command. */
export function checksum(data: Uint8Array, seed = CHECKSUM_SEED): number {
  let s = seed;
  for (const b of data) s ^= b;
  return s;
}
