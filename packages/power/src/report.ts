import {
  ConfigurationError,
  InfrastructureError,
  type FailureKind,
  type HilError,
  type JournalEntry,
  type PowerCycleResult,
} from "@hil/contracts";
import { markdownTable } from "@hil/host";

const ms = (v: number | undefined) => (v === undefined ? "" : `${Math.round(v)} ms`);

/** Whether a failed result is the user's set-up (token, entity, URL) rather than the lab. */
export function isConfigurationFailure(r: PowerCycleResult): boolean {
  const s = r.http_status;
  return s !== undefined && s >= 400 && s < 500 && s !== 408 && s !== 429;
}

export function failureKindOf(r: PowerCycleResult): FailureKind | undefined {
  if (r.result === "ok") return undefined;
  return isConfigurationFailure(r) ? "configuration" : "infrastructure";
}

/** One line for logs and step summaries. */
export function resultLine(r: PowerCycleResult): string {
  const tries = `${r.attempts} attempt${r.attempts === 1 ? "" : "s"}`;
  if (r.result === "ok")
    return `Power-cycled ${r.slot} (${r.entity}) in ${(r.timings.total_ms / 1000).toFixed(2)} s, ${tries}.`;
  const restored =
    r.power_restored === true
      ? " Power was restored."
      : r.power_restored === false
        ? ` Power could NOT be restored: switch ${r.entity} on by hand.`
        : "";
  return `Power cycle of ${r.slot} (${r.entity}): ${r.result} after ${tries}: ${r.error}${restored}`;
}

/** What to do about a failed result. */
export function resultHint(r: PowerCycleResult, tokenSource = "the Home Assistant token"): string {
  const s = r.http_status;
  if (s === 401)
    return `The token in ${tokenSource} is wrong, revoked or expired: create a new long-lived access token in Home Assistant (your profile → Security) and store it there.`;
  if (s === 403)
    return `Use a token (${tokenSource}) of a Home Assistant user allowed to control ${r.entity}.`;
  if (s === 404)
    return `Check the slot's power.entity (${r.entity}) against Home Assistant's entity list, and that power.url is its base URL.`;
  if (r.result === "timeout")
    return "Check the relay and Home Assistant (is the device online, does its state follow commands?); raise power.timeout_sec if it is only slow.";
  if (s === undefined)
    return "Check that Home Assistant runs and that the slot's power.url names it and is reachable from this host (hil doctor checks it).";
  return "Look at Home Assistant's system log (Settings → System → Logs).";
}

/** The error an entry point fails with for a result that is not ok. */
export function resultError(r: PowerCycleResult, tokenSource?: string): HilError {
  const Cls = isConfigurationFailure(r) ? ConfigurationError : InfrastructureError;
  return new Cls(resultLine(r), { hint: resultHint(r, tokenSource) });
}

/** The job summary section: what happened, attempts and timings. */
export function resultMarkdown(r: PowerCycleResult): string {
  const t = r.timings;
  const rows: unknown[][] = [
    ["result", `\`${r.result}\``],
    ["slot", r.slot],
    ["relay", `\`${r.entity}\``],
  ];
  if (r.reason) rows.push(["reason", r.reason]);
  rows.push(["attempts", r.attempts]);
  if (r.http_status !== undefined) rows.push(["HTTP status", r.http_status]);
  if (r.error) rows.push(["error", r.error]);
  if (r.power_restored !== undefined)
    rows.push(["power restored", r.power_restored ? "yes" : "**no**: switch it on by hand"]);
  const timing: [string, number | undefined][] = [
    ["cooldown wait", t.cooldown_ms],
    ["off confirmed", t.off_ms],
    ["unpowered", t.unpowered_ms],
    ["on confirmed", t.on_ms],
    ["settle", t.settle_ms],
    ["boot banner", t.boot_ms],
    ["total", t.total_ms],
  ];
  for (const [k, v] of timing) if (v !== undefined) rows.push([k, ms(v)]);
  const icon = r.result === "ok" ? "✅" : "❌";
  return `### ${icon} Power cycle of ${r.slot}\n\n${markdownTable(["", "power cycle"], rows)}`;
}

/** The `step` journal entry an entry point (action, CLI) appends after a cycle. */
export function stepEntry(
  step: string,
  r: PowerCycleResult,
  o: { failed: boolean; tokenSource?: string },
): Extract<JournalEntry, { type: "step" }> {
  const kind = failureKindOf(r);
  return {
    type: "step",
    at: r.ended_utc,
    step,
    // A relay that timed out fails the step; the job's own `timeout` status means its deadline passed.
    status: o.failed ? "failed" : "success",
    exit_code: o.failed ? 1 : 0,
    summary: resultLine(r) + (r.result !== "ok" && !o.failed ? " (not failing the step)" : ""),
    started_utc: r.started_utc,
    ...(o.failed && kind ? { failure_kind: kind } : {}),
    ...(o.failed ? { next_action: resultHint(r, o.tokenSource) } : {}),
  };
}
