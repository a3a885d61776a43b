import type { Report } from "@hil/contracts";
import { cell, markdownTable } from "@hil/host";
import type { PublishOutcome } from "./forge";
import { testsLine } from "./text";

const ICON = { success: "✅", failed: "❌", timeout: "⏱️", cancelled: "🚫" } as const;

/** The report as a job summary (and a check run's summary). */
export function reportMarkdown(r: Report, outcomes: PublishOutcome[] = [], title?: string): string {
  const out: string[] = [];
  out.push(
    `### ${ICON[r.status]} ${title ?? `hil report${r.slot ? ` for ${r.slot}` : ""}`}: ${r.status}`,
    "",
  );
  out.push(cell(r.human_summary), "");
  if (r.next_action) out.push(`**Next:** ${cell(r.next_action)}`, "");

  const rows: unknown[][] = [
    [
      "status",
      `${r.status} (exit ${r.exit_code}${r.failure_kind ? `, failure kind \`${r.failure_kind}\`` : ""})`,
    ],
    ["job", `\`${r.job_id}\``],
  ];
  if (r.commit_sha) rows.push(["commit", `\`${r.commit_sha}\``]);
  if (r.slot || r.lane)
    rows.push(["slot", `${r.slot ?? "-"} (lane ${r.lane ?? "-"}, lock \`${r.lock_key}\`)`]);
  if (r.board) {
    rows.push([
      "board",
      [r.board.chip, r.board.mac && `MAC ${r.board.mac}`, r.board.port].filter(Boolean).join(", "),
    ]);
  }
  if (r.tests) rows.push(["tests", `${r.tests.total}: ${testsLine(r.tests)}`]);
  rows.push(["time", `${r.start_utc} → ${r.end_utc} (${r.duration_sec} s)`]);
  if (r.executor) rows.push(["executor", `${r.executor.user}@${r.executor.hostname}`]);
  if (r.power_cycles !== undefined) rows.push(["power cycles", r.power_cycles]);
  out.push(markdownTable(["", ""], rows));

  if (r.recovery_events?.length) {
    out.push(
      "Recovery:",
      "",
      markdownTable(
        ["at", "step", "action", "result", "detail"],
        r.recovery_events.map((e) => [e.at, e.step, e.action, e.result, e.detail ?? ""]),
      ),
    );
  }
  if (r.artifact_paths?.length) {
    out.push("Artifacts:", "", ...r.artifact_paths.map((p) => `- \`${p}\``), "");
  }
  if (outcomes.length) {
    out.push(
      "Published:",
      "",
      markdownTable(
        ["forge", "what", "context", "state", "result"],
        outcomes.map((o) => [
          o.forge,
          o.what,
          `\`${o.context}\``,
          o.state,
          o.ok ? "✅ posted" : `❌ ${o.error ?? "failed"} ${o.hint ?? ""}`,
        ]),
      ),
    );
  }
  return out.join("\n");
}
