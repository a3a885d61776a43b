// @hil/serial: a slot's serial port as esptool-js's Web Serial device, and the app console.
export { createSerialDevice, type SerialDeviceOptions } from "./create";
export {
  StreamedDevice,
  deviceLostError,
  type SerialDevice,
  type SerialOpenOptions,
  type SerialOutputSignals,
  type SerialInputSignals,
  type SerialPortInfo,
} from "./device";
export { LocalSerialDevice, type LocalPortOptions } from "./node-device";
export { Rfc2217Device, parseRfc2217Url, type Rfc2217Options } from "./rfc2217";
export { hardReset, classicReset, resetToApp } from "./reset";
export {
  SerialConsole,
  type Console,
  type ConsoleLine,
  type SerialConsoleOptions,
} from "./console";
export {
  missingPortError,
  busyPortError,
  permissionError,
  LinesUnsupportedError,
  rfc2217Error,
  BY_ID_DIR,
} from "./errors";
export { usbIds } from "./usb";
