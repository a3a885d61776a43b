import type { Command } from "commander";
import { ConfigurationError } from "@hil/contracts";
import { DEFAULT_SIM_DIR, SimLab } from "@hil/hut-sim";

export interface SimCommandOptions {
  slots: string;
  inventory?: string;
  dir: string;
  port: string;
  persist?: boolean;
  /** commander's --no-pty sets this to false. */
  pty?: boolean;
  start: string;
  trace?: boolean;
}

/**
 * `hil sim`: serve simulated boards on 127.0.0.1 until SIGINT/SIGTERM. Prints one JSON
 * line per board once everything is ready (pty path, rfc2217 URL, Home Assistant URL,
 * entity, token, slot, MAC); with --inventory also writes a matching slot inventory.
 */
export async function runSim(
  o: SimCommandOptions,
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
  stop: Promise<string> = untilSignal(),
): Promise<void> {
  const slots = Number(o.slots);
  if (!Number.isInteger(slots) || slots < 1 || slots > 64)
    throw new ConfigurationError(`--slots must be a whole number from 1 to 64, got "${o.slots}".`);
  if (o.port !== "pty" && o.port !== "rfc2217")
    throw new ConfigurationError(`--port must be pty or rfc2217, got "${o.port}".`);
  if (o.pty === false && o.port === "pty")
    throw new ConfigurationError(
      "--port pty needs the pty doors; drop --no-pty or use --port rfc2217.",
    );
  if (o.start !== "app" && o.start !== "download")
    throw new ConfigurationError(`--start must be app or download, got "${o.start}".`);
  const lab = await SimLab.start({
    slots,
    dir: o.dir,
    ...(o.persist ? { persist: true } : {}),
    ...(o.pty === false ? { pty: false } : {}),
    ...(o.start === "download" ? { startInDownloadMode: true } : {}),
    ...(o.trace ? { trace: (m: string) => io.err(`hil sim: ${m}\n`) } : {}),
  });
  try {
    if (o.inventory) lab.writeInventory(o.inventory, { port: o.port, baseDir: o.dir });
    for (const e of lab.endpoints()) io.out(`${JSON.stringify(e)}\n`);
    const sig = await stop;
    io.err(`hil sim: ${sig}, shutting down\n`);
  } finally {
    await lab.close();
  }
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(sig);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

export function registerSim(p: Command): void {
  p.command("sim")
    .description("serve simulated ESP32 boards on 127.0.0.1 until killed")
    .option("--slots <n>", "number of boards", "2")
    .option("--inventory <file>", "also write a matching slot inventory (use it with HIL_SLOTS)")
    .option(
      "--dir <dir>",
      "where pty links, the inventory's lock/cache/state dirs and flash files go",
      DEFAULT_SIM_DIR,
    )
    .option(
      "--port <door>",
      "which door the inventory's slots use: rfc2217 (DTR/RTS reset) or pty (reset: none)",
      "rfc2217",
    )
    .option("--persist", "keep each board's flash in <dir>/flash/<slot>.bin across runs")
    .option("--no-pty", "serve RFC 2217 only (no socat needed)")
    .option(
      "--start <mode>",
      "first power-on boots the app, or download mode (GPIO0 held low once)",
      "app",
    )
    .option("--trace", "log simulator events to stderr")
    .action((opts: SimCommandOptions) => runSim(opts));
}
