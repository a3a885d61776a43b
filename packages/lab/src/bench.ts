import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { measureFlashEfficiency, measureParallel, measureReflash } from "@hil/flasher/bench";
import { benchJudgeDetailed } from "@hil/judge";
import { measureClaimLatency } from "@hil/lease";
import { DEMO_SHA } from "./demo";
import { HilLab } from "./hil-lab";

/** The figures `npm run bench -- --json FILE` writes, so runs can be compared across commits. */
export interface BenchFigures {
  flash_efficiency: number;
  reflash_unchanged_ratio: number;
  reflash_one_sector_ratio: number;
  parallel8_ratio: number;
  lease_p50_ms: number;
  lease_p99_ms: number;
  job_overhead_s: number;
  console_mb_s: number;
}

export interface BenchRow {
  figure: string;
  value: string;
  target: string;
  /** undefined: no target. */
  met?: boolean;
  how: string;
}

export interface JobOverhead {
  /** Median over the runs: job-started hook spawned → first byte the board's flash changes. */
  seconds: number;
  runs: number[];
  /** The Node that ran the actions and hooks. */
  node: string;
}

const RUN_ID = 9100000001;

/**
 * Job overhead with a cached bundle: a GitHub runner (emulated, with the real hook scripts) runs
 * the hardware job's start and hil-flash on a simulated board whose flash was erased, and the
 * time from spawning the job-started hook to the first byte the board's flash changes is taken.
 * A first job fills the host cache from the (local) GitHub; the measured jobs hit it.
 */
export async function measureJobOverhead(
  o: { runs?: number; root?: string; node?: string } = {},
): Promise<JobOverhead> {
  const lab = await HilLab.start({
    slots: 1,
    ...(o.root ? { root: o.root } : {}),
    ...(o.node ? { node: o.node } : {}),
  });
  try {
    const build = await lab.build(DEMO_SHA, RUN_ID);
    if (build.conclusion !== "success") throw new Error("bench: the upstream build job failed");
    const runner = lab.runner("hut-01");
    const flash = lab.sim.board("hut-01").flash;
    const runs: number[] = [];
    for (let i = 0; i <= (o.runs ?? 3); i++) {
      flash.eraseAll();
      let first: number | undefined;
      flash.onChange = () => (first ??= performance.now());
      const t0 = performance.now();
      const r = await runner.runJob(lab.job("hil", DEMO_SHA, RUN_ID), [
        { name: "hil-flash", uses: "hil-flash" },
      ]);
      flash.onChange = undefined;
      if (r.conclusion !== "success" || first === undefined) {
        throw new Error(
          `bench: the hardware job ended ${r.conclusion}${first === undefined ? " without writing the flash" : ""}`,
        );
      }
      if (i > 0) runs.push((first - t0) / 1000); // the first job filled the cache
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { seconds: sorted[Math.floor(sorted.length / 2)]!, runs, node: lab.node };
  } finally {
    await lab.close();
  }
}

const f2 = (n: number) => n.toFixed(2);
const nodeVersion = (node: string) =>
  execFileSync(node, ["--version"], { encoding: "utf8" }).trim().replace(/^v/, "");

/** Every figure of DESIGN.md section 8, measured in this run, with the table `hil bench` prints. */
export async function runBench(
  o: { log?: (line: string) => void; root?: string; node?: string } = {},
): Promise<{ figures: BenchFigures; rows: BenchRow[] }> {
  const log = o.log ?? (() => {});
  log("flash efficiency: 1 MiB app at 921600 baud…");
  const eff = await measureFlashEfficiency();
  log("re-flash: unchanged and one sector changed…");
  const re = await measureReflash();
  log("8 slots at once…");
  const par = await measureParallel(8);
  log("lease claims of a free slot…");
  const lease = await measureClaimLatency(500);
  log("job overhead: hook start → first flash byte, bundle cached…");
  const job = await measureJobOverhead({
    ...(o.root ? { root: o.root } : {}),
    ...(o.node ? { node: o.node } : {}),
  });
  log("console judging…");
  const judge = benchJudgeDetailed(32 * 1024 * 1024);

  const figures: BenchFigures = {
    flash_efficiency: eff.efficiency,
    reflash_unchanged_ratio: re.unchangedRatio,
    reflash_one_sector_ratio: re.oneSectorRatio,
    parallel8_ratio: par.ratio,
    lease_p50_ms: lease.p50Ms,
    lease_p99_ms: lease.p99Ms,
    job_overhead_s: job.seconds,
    console_mb_s: judge.mbPerSec,
  };
  const rows: BenchRow[] = [
    {
      figure: "flash efficiency (1 MiB, 921600 baud)",
      value: f2(eff.efficiency),
      target: "≥ 0.90",
      met: eff.efficiency >= 0.9,
      how: `line-rate limit of the ${(eff.compressedBytes / 1024).toFixed(0)} KiB that crossed (${f2(eff.lineLimitSeconds)} s) / write + verify (${f2(eff.seconds)} s)`,
    },
    {
      figure: "re-flash, unchanged / full flash",
      value: f2(re.unchangedRatio),
      target: "≤ 0.10",
      met: re.unchangedRatio <= 0.1,
      how: `${f2(re.unchangedSeconds)} s / ${f2(re.fullSeconds)} s, reset to app running`,
    },
    {
      figure: "re-flash, one sector changed / full flash",
      value: f2(re.oneSectorRatio),
      target: "—",
      how: `${f2(re.oneSectorSeconds)} s / ${f2(re.fullSeconds)} s`,
    },
    {
      figure: "8 slots in parallel / 1 slot",
      value: f2(par.ratio),
      target: "≤ 1.25",
      met: par.ratio <= 1.25,
      how: `${f2(par.parallelSeconds)} s / ${f2(par.singleSeconds)} s, one host`,
    },
    {
      figure: "lease claim, free slot p50 / p99",
      value: `${f2(lease.p50Ms)} / ${f2(lease.p99Ms)} ms`,
      target: "p99 ≤ 50 ms",
      met: lease.p99Ms <= 50,
      how: `${lease.samples} claims`,
    },
    {
      figure: "job overhead, hook start → first flash byte",
      value: `${f2(job.seconds)} s`,
      target: "≤ 1 s",
      met: job.seconds <= 1,
      how: `median of ${job.runs.length} jobs with a cached bundle (${job.runs.map(f2).join(", ")} s), Node ${nodeVersion(job.node)}`,
    },
    {
      figure: "console judged",
      value: `${judge.mbPerSec.toFixed(1)} MB/s`,
      target: "—",
      how: `${(judge.bytes / 1e6).toFixed(0)} MB of Unity console, ${judge.tests} tests; a 921600-baud line is 0.09 MB/s`,
    },
  ];
  return { figures, rows };
}

/** The table as `hil bench` prints it. */
export function benchTable(rows: BenchRow[]): string[] {
  const head = ["figure", "measured", "target", "", "how"];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.target,
    r.met === undefined ? "" : r.met ? "ok" : "MISSED",
    r.how,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
}
