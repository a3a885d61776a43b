import { ConfigurationError } from "@hil/contracts";

/** `--inventory <file>` as every slot command declares it. */
export const inventoryOption = [
  "--inventory <file>",
  "slot inventory (default: HIL_SLOTS or /etc/hil/slots.yaml)",
] as const;

export const slotOption = [
  "--slot <id>",
  "slot id (default: HIL_SLOT or the runner's esp32-hut-NN label)",
] as const;

/** A non-negative number of seconds from an option, or a ConfigurationError naming the option. */
export function seconds(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new ConfigurationError(`${option}: expected a number of seconds, got "${value}".`, {
      hint: `For example ${option} 60.`,
    });
  }
  return n;
}

/** Left-aligned plain-text table for terminals. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
