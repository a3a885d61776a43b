import { ConfigurationError, type ResetStrategyName } from "@hil/contracts";
import type { SerialDevice } from "./device";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Hard reset into the app through a DevKit's auto-reset circuit: RTS asserted with DTR
 * released pulls EN low for `holdMs`, then RTS is released with GPIO0 high, so the chip
 * boots from flash. (esptool's "hard_reset"; esptool-js 0.7's HardReset only releases
 * RTS and so never pulls EN low.)
 */
export async function hardReset(device: SerialDevice, holdMs = 100): Promise<void> {
  await device.setSignals({ dataTerminalReady: false, requestToSend: true });
  await sleep(holdMs);
  await device.setSignals({ requestToSend: false });
}

/**
 * esptool's classic reset into the ROM bootloader: EN low, then EN high while GPIO0 is
 * held low for `delayMs`, then both released.
 */
export async function classicReset(device: SerialDevice, delayMs = 50): Promise<void> {
  await device.setSignals({ dataTerminalReady: false, requestToSend: true });
  await sleep(100);
  await device.setSignals({ dataTerminalReady: true, requestToSend: false });
  await sleep(delayMs);
  await device.setSignals({ dataTerminalReady: false, requestToSend: false });
}

/** Reset the board into its app the way the slot's reset strategy allows. */
export async function resetToApp(device: SerialDevice, strategy: ResetStrategyName): Promise<void> {
  if (strategy === "none")
    throw new ConfigurationError(
      `The slot's reset strategy is "none": ${device.port} cannot reset the board.`,
      {
        hint: "Reset it through its power (power: in the inventory, hil power-cycle), or set reset: classic if the adapter has DTR/RTS.",
      },
    );
  // classic, custom and usb-jtag-serial all boot the app with an RTS pulse on EN.
  await hardReset(device, strategy === "usb-jtag-serial" ? 200 : 100);
}
