import { readdirSync } from "node:fs";
import { ConfigurationError, InfrastructureError } from "@hil/contracts";

export const BY_ID_DIR = "/dev/serial/by-id";

/** The port is not there: say what is, so a swapped or unplugged adapter is obvious. */
export function missingPortError(port: string, byIdDir = BY_ID_DIR): ConfigurationError {
  let listing: string;
  try {
    const names = readdirSync(byIdDir).sort();
    listing = names.length
      ? `${byIdDir} has:\n${names.map((n) => `  ${byIdDir}/${n}`).join("\n")}`
      : `${byIdDir} is empty: no USB serial adapter is plugged in.`;
  } catch {
    listing = `${byIdDir} does not exist: no USB serial adapter is plugged in (or udev is not running).`;
  }
  return new ConfigurationError(`No serial port at ${port}.\n${listing}`, {
    hint: "Check the board's USB cable, then set the slot's port: in the inventory to its /dev/serial/by-id/ path.",
  });
}

/** Another process has the port open (serialport's exclusive lock, or EBUSY). */
export function busyPortError(port: string, detail: string): InfrastructureError {
  return new InfrastructureError(
    `Serial port ${port} is busy: another process has it open (${detail}).`,
    {
      hint: `Find it with "fuser ${port}" or "lsof ${port}"; on a runner, another job may hold this slot (see hil slots).`,
    },
  );
}

export function permissionError(port: string): ConfigurationError {
  return new ConfigurationError(`Not allowed to open ${port}.`, {
    hint: 'Add the runner\'s user to the group that owns the port (usually "dialout": sudo usermod -aG dialout $USER), then log in again.',
  });
}

/** DTR/RTS cannot be driven on this port (a pseudo-terminal, some adapters). */
export class LinesUnsupportedError extends ConfigurationError {
  override name = "LinesUnsupportedError";
  constructor(port: string, detail: string) {
    super(
      `${port} cannot drive DTR/RTS (${detail}), so the board cannot be reset from the serial port.`,
      {
        hint: "Set reset: none for this slot in the inventory and reset the board through its power (power: with a Home Assistant relay).",
      },
    );
  }
}

export function isLinesUnsupported(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (
    code === "ENOTTY" ||
    code === "EINVAL" ||
    /ENOTTY|Inappropriate ioctl|EINVAL|Invalid argument/i.test(msg)
  );
}

/** What an RFC 2217 connection attempt could run into, worded for the person reading the log. */
export function rfc2217Error(
  hostPort: string,
  what: "refused" | "timeout" | "unresolved" | "negotiation" | "closed" | "other",
  tried: string[],
  detail = "",
): InfrastructureError {
  const triedText = `Tried: ${tried.join(", ")}.`;
  const messages = {
    refused: `The RFC 2217 server at ${hostPort} refused the connection.`,
    timeout: `The RFC 2217 server at ${hostPort} did not answer${detail ? ` ${detail}` : ""}.`,
    unresolved: `Cannot resolve the RFC 2217 server's host in ${hostPort}${detail ? ` (${detail})` : ""}.`,
    negotiation: `${hostPort} accepted the connection but does not speak RFC 2217${detail ? `: ${detail}` : ""}.`,
    closed: `The RFC 2217 server at ${hostPort} closed the connection${detail ? `: ${detail}` : ""}.`,
    other: `Cannot use the RFC 2217 server at ${hostPort}${detail ? `: ${detail}` : ""}.`,
  } as const;
  const hints = {
    refused:
      "Check that the serial server (e.g. ser2net) runs on that host and port, and that the slot's port: is right.",
    timeout:
      "Check the host is up and reachable from this runner (firewall, VPN), and the serial server runs.",
    unresolved: "Check the host name in the slot's port: (rfc2217://host:port).",
    negotiation:
      "Configure the serial server for RFC 2217 (ser2net: telnet(rfc2217) / 'telnet' with rfc2217 enabled), not raw TCP.",
    closed:
      "Another client may be using the port (ser2net allows one); check who is connected, then retry.",
    other: "Check the serial server's log.",
  } as const;
  return new InfrastructureError(`${messages[what]} ${triedText}`, { hint: hints[what] });
}
