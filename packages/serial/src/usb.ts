import { existsSync, readFileSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { SerialPortInfo } from "./device";

/**
 * USB vendor/product id of the adapter behind a tty, read from sysfs
 * (`/sys/class/tty/<name>/device` → the USB device's idVendor/idProduct). Empty for
 * anything that is not a USB device (a pty, a built-in UART) or when sysfs is absent.
 * esptool-js uses these to pick the USB-JTAG-serial reset for Espressif's own USB port.
 */
export function usbIds(port: string, sysRoot = "/sys"): SerialPortInfo {
  try {
    const tty = basename(realpathSync(port));
    let dir = realpathSync(join(sysRoot, "class", "tty", tty, "device"));
    for (let i = 0; i < 6 && dir.startsWith(sysRoot) && dir !== sysRoot; i++) {
      const v = join(dir, "idVendor");
      const p = join(dir, "idProduct");
      if (existsSync(v) && existsSync(p)) {
        return {
          usbVendorId: parseInt(readFileSync(v, "utf8").trim(), 16),
          usbProductId: parseInt(readFileSync(p, "utf8").trim(), 16),
        };
      }
      dir = dirname(dir);
    }
  } catch {
    // not a USB tty
  }
  return {};
}
