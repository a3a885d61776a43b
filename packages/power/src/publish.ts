import { ConfigurationError, type HilError, type PowerCycleResult } from "@hil/contracts";
import type { Host } from "@hil/host";
import type { JobContext } from "@hil/lease";
import { resultError, resultLine, resultMarkdown, stepEntry } from "./report";

export interface PublishOptions {
  /** The step as the journal names it: `ha-power-cycle`, `hil power-cycle`. */
  step: string;
  /** A result other than ok fails the step (returns its error). */
  failOnError: boolean;
  /** Where the token came from, for the hint of a 401. */
  tokenSource?: string;
  /** The job to add the step's entry to, when the step is part of one. */
  job?: JobContext;
}

/**
 * What an entry point (the action, `hil power-cycle`) shows of a result: outputs (`result`,
 * `attempts`, `http-status`, `power-restored`, `duration-ms`, `result-json`), the summary table,
 * the job's `step` entry. Returns the error to fail with when the result is not ok and
 * `failOnError`; otherwise warns. Everything passes through the host's redaction.
 */
export async function publishPowerCycle(
  r: PowerCycleResult,
  host: Host,
  o: PublishOptions,
): Promise<HilError | undefined> {
  host.setOutput("result", r.result);
  host.setOutput("attempts", r.attempts);
  host.setOutput("http-status", r.http_status ?? "");
  host.setOutput("power-restored", r.power_restored ?? "");
  host.setOutput("duration-ms", r.timings.total_ms);
  host.setOutput("result-json", JSON.stringify(r));
  await host.writeSummary(resultMarkdown(r));
  const failed = r.result !== "ok" && o.failOnError;
  if (o.job) {
    const entry = stepEntry(o.step, r, {
      failed,
      ...(o.tokenSource ? { tokenSource: o.tokenSource } : {}),
    });
    try {
      o.job.journal.append({
        ...entry,
        summary: host.redact(entry.summary),
        ...(entry.next_action ? { next_action: host.redact(entry.next_action) } : {}),
      });
    } catch (e) {
      host.warn(`Could not add the step to ${o.job.journal.path}: ${(e as Error).message}`);
    }
  }
  if (r.result === "ok") return undefined;
  if (failed) return resultError(r, o.tokenSource);
  host.warn(`${resultLine(r)} (not failing the step: fail-on-error is false)`);
  return undefined;
}

/** The boot banner pattern from an input or option (a regular expression), or a ConfigurationError. */
export function bootPattern(source: string, where = "boot-pattern"): RegExp {
  try {
    return new RegExp(source);
  } catch (e) {
    throw new ConfigurationError(
      `${where} "${source}" is not a valid regular expression (${(e as Error).message}).`,
      { hint: "For example rst:0x1 \\(POWERON for the ROM's power-on reset line." },
    );
  }
}
