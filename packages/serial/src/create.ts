import type { SerialDevice } from "./device";
import { LocalSerialDevice, type LocalPortOptions } from "./node-device";
import { Rfc2217Device, type Rfc2217Options } from "./rfc2217";

export type SerialDeviceOptions = LocalPortOptions & Rfc2217Options;

/**
 * The device for a slot's `port:`: a local path (`/dev/serial/by-id/...`, a pty) or
 * `rfc2217://host:port`. Not opened yet: esptool-js's `Transport.connect()` (or
 * `device.open({ baudRate })`) opens it.
 */
export function createSerialDevice(port: string, options: SerialDeviceOptions = {}): SerialDevice {
  return port.startsWith("rfc2217://")
    ? new Rfc2217Device(port, options)
    : new LocalSerialDevice(port, options);
}
