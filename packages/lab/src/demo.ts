import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseWith, report as reportSchema, type Report } from "@hil/contracts";
import { leaseStatus, jobDirFor } from "@hil/lease";
import type { GitHubStep, JobResult } from "./github-runner";
import { HilLab, LAB_REPO } from "./hil-lab";
import { actionsNode, repoRoot } from "./root";

/**
 * `hil demo`: the whole loop on one machine, through the code the actions use. An upstream job
 * packs the sample ESP-IDF build (examples/esp-idf-build) with the bundled `build` action and
 * uploads fw-<sha> to a local GitHub; two self-hosted runners (esp32-hut-01, esp32-hut-02) with
 * the runner hooks run the hardware job on two simulated boards: job-started hook (fork gate,
 * lease, ws2.invocation, pending status, bundle fetch) → hil-flash → hil-test → report-status →
 * job-completed hook (ws2.report, final status, lease released). The second board wedges just
 * before its test, so hil-test finds it silent and power-cycles it through the Home Assistant
 * relay. Reports, JUnit and console logs are copied into `out`.
 */

export const DEMO_SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
export const DEMO_REPO = LAB_REPO;
const RUN_ID = 8121934471;
const SLOTS = ["hut-01", "hut-02"] as const;

export interface DemoOptions {
  /** Where the reports, JUnit and console logs go (default `hil-out/demo`). */
  out?: string;
  /** Repository root holding actions/ and runner-hooks/ (default: found from here). */
  root?: string;
  /** The Node that runs the actions and hooks (default: this one). */
  node?: string;
  /** Every line the jobs print (for --verbose). */
  onLine?: (source: string, line: string) => void;
}

export interface DemoSlot {
  slot: string;
  job: JobResult;
  report?: Report;
  /** The commit status GitHub shows for `hil/<slot>`. */
  status?: { state: string; description?: string };
  /** Whether a `pending` status was posted while the job ran. */
  sawPending: boolean;
  seconds: number;
}

export interface DemoResult {
  ok: boolean;
  /** What did not go as the loop should (empty when ok). */
  problems: string[];
  out: string;
  build: JobResult;
  artifact?: { name: string; bytes: number };
  slots: DemoSlot[];
  seconds: number;
}

function stepOutputs(job: JobResult, uses: string): Record<string, string> {
  return job.steps.find((s) => s.name === uses)?.outputs ?? {};
}

/** Run the demo; resolves with what happened, never throws for a broken loop (see `problems`). */
export async function runDemo(o: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const root = o.root ?? repoRoot();
  const out = resolve(o.out ?? "hil-out/demo");
  const node = o.node ?? actionsNode(root);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const problems: string[] = [];

  const lab = await HilLab.start({
    slots: SLOTS.length,
    root,
    node,
    ...(o.onLine ? { onLine: o.onLine } : {}),
  });
  const gh = lab.gh;
  try {
    const inventory = lab.inventory;

    // Upstream lane: a GitHub-hosted runner packs the build and uploads fw-<sha>.
    const build = await lab.build(DEMO_SHA, RUN_ID);
    const artifact = gh.artifacts.artifacts.find((a) => a.name === `fw-${DEMO_SHA}`);
    if (build.conclusion !== "success" || !artifact) {
      problems.push(`the upstream build job ended ${build.conclusion} without fw-${DEMO_SHA}`);
      return { ok: false, problems, out, build, slots: [], seconds: (Date.now() - started) / 1000 };
    }

    // Hardware lane: one self-hosted runner per slot, with the hooks, in parallel.
    const hardwareJob = async (slot: string): Promise<DemoSlot> => {
      const t0 = Date.now();
      const runner = lab.runner(slot);
      const steps: GitHubStep[] = [
        { name: "hil-flash", uses: "hil-flash" },
        {
          name: "hil-test",
          uses: "hil-test",
          with: { timeout: "120", "inactivity-timeout": "4" },
          // The second board wedges after flashing: it will not say a word until its power is cut.
          ...(slot === "hut-02"
            ? { before: () => lab.sim.board(slot).setFaults({ wedged: true }) }
            : {}),
        },
        { name: "report-status", uses: "report-status", if: "always" },
      ];
      const result = await runner.runJob(lab.job("hil", DEMO_SHA, RUN_ID), steps);
      const jobId = `gh-${RUN_ID}-1-hil@esp32-${slot}`;
      const files = join(out, slot);
      mkdirSync(files, { recursive: true });
      const hilOut = join(result.workspace, "hil-out", slot);
      if (existsSync(hilOut)) cpSync(hilOut, files, { recursive: true });
      const jobDir = jobDirFor(inventory, jobId);
      for (const [from, to] of [
        ["invocation.json", "ws2-invocation.json"],
        ["journal.jsonl", "journal.jsonl"],
      ] as const) {
        if (existsSync(join(jobDir, from))) cpSync(join(jobDir, from), join(files, to));
      }
      writeFileSync(
        join(files, "job-summary.md"),
        result.steps
          .map((s) => s.summary)
          .filter(Boolean)
          .join("\n"),
      );
      let report: Report | undefined;
      const reportFile = join(files, "ws2-report.json");
      try {
        report = parseWith(reportSchema, JSON.parse(readText(reportFile)), reportFile);
      } catch (e) {
        problems.push(`${slot}: no valid ws2 report: ${(e as Error).message.split("\n")[0]}`);
      }
      const latest = gh.latestStatuses(DEMO_SHA).get(`hil/${slot}`);
      const sawPending = gh.statuses.statuses.some(
        (s) => s.context === `hil/${slot}` && s.state === "pending",
      );
      return {
        slot,
        job: result,
        ...(report ? { report } : {}),
        ...(latest
          ? {
              status: {
                state: latest.state,
                ...(latest.description ? { description: latest.description } : {}),
              },
            }
          : {}),
        sawPending,
        seconds: (Date.now() - t0) / 1000,
      };
    };
    const slots = await Promise.all(SLOTS.map(hardwareJob));
    writeFileSync(
      join(out, "commit-statuses.json"),
      JSON.stringify(
        gh.statuses.statuses.map(({ token: _t, ...s }) => s),
        null,
        2,
      ) + "\n",
    );

    // Did the loop do what it should?
    for (const s of slots) {
      if (s.job.started?.exitCode !== 0) problems.push(`${s.slot}: the job-started hook failed`);
      if (s.job.completed?.exitCode !== 0)
        problems.push(`${s.slot}: the job-completed hook failed`);
      for (const step of s.job.steps) {
        if (step.conclusion !== "success")
          problems.push(`${s.slot}: step ${step.name} ended ${step.conclusion}`);
      }
      if (s.report && s.report.status !== "success")
        problems.push(`${s.slot}: the report says ${s.report.status}`);
      if (s.status?.state !== "success")
        problems.push(`${s.slot}: commit status hil/${s.slot} is ${s.status?.state ?? "missing"}`);
      if (!s.sawPending) problems.push(`${s.slot}: no pending status while the job ran`);
      const want = s.slot === "hut-02" ? 1 : 0;
      if (s.report && s.report.power_cycles !== want) {
        problems.push(
          `${s.slot}: ${s.report.power_cycles ?? 0} power cycles reported, expected ${want}`,
        );
      }
      if (leaseStatus(inventory, s.slot).holder)
        problems.push(`${s.slot}: the slot is still leased after the job`);
    }
    return {
      ok: problems.length === 0,
      problems,
      out,
      build,
      artifact: { name: artifact.name, bytes: artifact.zip.length },
      slots,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await lab.close();
  }
}

function readText(file: string): string {
  return readFileSync(file, "utf8");
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

/** The demo's summary, as `hil demo` prints it. */
export function demoSummary(r: DemoResult, cwd = process.cwd()): string[] {
  const lines = [
    `hil demo: the whole loop on two simulated ESP32 slots, commit ${DEMO_SHA.slice(0, 7)}`,
    "",
  ];
  const b = stepOutputs(r.build, "build");
  lines.push(
    `  upstream  build job: ${b["artifact-name"] ?? "?"} (${r.artifact ? kb(r.artifact.bytes) : "?"} zip, manifest ${(b["manifest-digest"] ?? "?").slice(0, 12)}) uploaded`,
  );
  for (const s of r.slots) {
    const f = stepOutputs(s.job, "hil-flash");
    const t = stepOutputs(s.job, "hil-test");
    const events = s.report?.recovery_events ?? [];
    const recovered = (step: string) =>
      events
        .filter((e) => e.step === step)
        .map((e) => `${e.action.replace("_", " ")} ${e.result} → `)
        .join("");
    lines.push(
      `  ${s.slot}    lease → ${recovered("hil-flash")}flash ${f["bytes-written"] ? kb(Number(f["bytes-written"])) : "?"} ` +
        `(${f["compressed-bytes"] ? kb(Number(f["compressed-bytes"])) : "?"} on the wire, ${f.seconds ?? "?"} s, ` +
        `${f["sectors-skipped"] ?? "?"} sectors skipped) → ${recovered("hil-test")}test ${t.passed ?? "?"} passed, ${t.failed ?? "?"} failed` +
        ` → ${s.report?.status ?? "no report"} in ${s.seconds.toFixed(1)} s`,
    );
    lines.push(`            report: ${s.report?.human_summary ?? "missing"}`);
    lines.push(
      `            commit status hil/${s.slot}: ${s.status?.state ?? "missing"}${s.status?.description ? ` "${s.status.description}"` : ""}`,
    );
  }
  lines.push("");
  const rel = r.out.startsWith(cwd) ? relative(cwd, r.out) || "." : r.out;
  lines.push(`Files in ${rel}/:`);
  for (const s of r.slots) {
    const dir = join(r.out, s.slot);
    if (existsSync(dir)) lines.push(`  ${s.slot}/  ${readdirSync(dir).sort().join("  ")}`);
  }
  lines.push(`  commit-statuses.json`);
  lines.push("");
  lines.push(
    r.ok
      ? `The loop works (${r.seconds.toFixed(1)} s).`
      : `The loop is broken:\n${r.problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  return lines;
}
