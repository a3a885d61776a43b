import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { benchTable, runBench } from "@hil/lab";

/**
 * `hil bench [--json FILE]`: the performance table of DESIGN.md section 8, measured in one run on
 * the simulated line (ratios against the line-rate limit and against a baseline of the same run).
 * Exits 1 when a target is missed.
 */
export async function benchCommand(o: { json?: string }): Promise<number> {
  const { figures, rows } = await runBench({ log: (l) => process.stderr.write(`bench: ${l}\n`) });
  process.stdout.write(benchTable(rows).join("\n") + "\n");
  if (o.json) {
    writeFileSync(o.json, JSON.stringify(figures, null, 2) + "\n");
    process.stdout.write(`figures written to ${o.json}\n`);
  }
  return rows.every((r) => r.met !== false) ? 0 : 1;
}

export function registerBench(program: Command): void {
  program
    .command("bench")
    .description(
      "measure the performance table on the simulated line (flash, re-flash, 8 slots, lease, job overhead, console)",
    )
    .option("--json <file>", "also write the figures as one JSON object")
    .action(async (o: { json?: string }) => {
      process.exitCode = await benchCommand(o);
    });
}
