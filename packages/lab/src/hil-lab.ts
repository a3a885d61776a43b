import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimLab } from "@hil/hut-sim";
import { loadInventory } from "@hil/inventory";
import type { Inventory } from "@hil/contracts";
import { FakeGitHub } from "./fake-github";
import { GitHubRunner, type GitHubJob, type JobResult } from "./github-runner";
import { actionsNode, repoRoot } from "./root";

export const LAB_REPO = "acme/thermostat-fw";

export interface HilLabOptions {
  /** Simulated slots hut-01… (default 2). */
  slots?: number;
  /** Repository root holding actions/ and runner-hooks/ (default: found from here). */
  root?: string;
  /** The Node that runs the actions and hooks (default: Node 24 if installed, else this one). */
  node?: string;
  /** Every line a job prints. */
  onLine?: (source: string, line: string) => void;
}

/**
 * A whole lab on one machine, for the demo, the bench and the end-to-end tests: simulated boards
 * (RFC 2217 on 127.0.0.1, relays behind a local Home Assistant), a local GitHub (artifacts,
 * commit statuses), a slot inventory and host dirs in a temp dir, and GitHub runners that run the
 * bundled actions and the real hook scripts. Nothing in the product knows it is simulated.
 */
export class HilLab {
  readonly inventoryFile: string;
  readonly inventory: Inventory;
  readonly root: string;
  readonly node: string;

  private constructor(
    readonly work: string,
    readonly sim: SimLab,
    readonly gh: FakeGitHub,
    private readonly o: HilLabOptions,
  ) {
    this.root = o.root ?? repoRoot();
    this.node = o.node ?? actionsNode(this.root);
    this.inventoryFile = join(work, "slots.yaml");
    sim.writeInventory(this.inventoryFile, { baseDir: join(work, "host") });
    this.inventory = loadInventory(this.inventoryFile, {}).inventory;
  }

  static async start(o: HilLabOptions = {}): Promise<HilLab> {
    const work = mkdtempSync(join(tmpdir(), "hil-lab-"));
    const sim = await SimLab.start({ slots: o.slots ?? 2, dir: join(work, "sim"), pty: false });
    const gh = await new FakeGitHub().start().catch(async (e: unknown) => {
      await sim.close();
      throw e;
    });
    return new HilLab(work, sim, gh, o);
  }

  async close(): Promise<void> {
    await this.gh.stop();
    await this.sim.close();
    rmSync(this.work, { recursive: true, force: true });
  }

  /** A job of LAB_REPO at `sha` in workflow run `runId`, pushed to main unless `over` says. */
  job(name: string, sha: string, runId: number, over: Partial<GitHubJob> = {}): GitHubJob {
    return {
      repository: LAB_REPO,
      sha,
      runId,
      job: name,
      eventName: "push",
      event: {
        ref: "refs/heads/main",
        after: sha,
        repository: { id: 1, full_name: LAB_REPO, fork: false },
      },
      token: this.gh.jobToken,
      apiUrl: this.gh.apiUrl,
      ...over,
    };
  }

  /**
   * The upstream lane: a GitHub-hosted runner packs an ESP-IDF build dir (the sample unless
   * `writeBuild` writes another) with the bundled `build` action and uploads it as an artifact
   * of run `runId`. `sha` is the commit the build job runs for.
   */
  async build(
    sha: string,
    runId: number,
    o: { writeBuild?: (dir: string) => void; with?: Record<string, string> } = {},
  ): Promise<JobResult> {
    const { runtimeToken } = this.gh.run(runId, sha);
    const checkout = mkdtempSync(join(this.work, "checkout-"));
    const buildDir = join(checkout, "build");
    mkdirSync(buildDir);
    if (o.writeBuild) o.writeBuild(buildDir);
    else cpSync(join(this.root, "examples", "esp-idf-build"), buildDir, { recursive: true });
    const cloud = new GitHubRunner({
      root: this.root,
      name: "GitHub Actions 2",
      node: this.node,
      workDir: mkdtempSync(join(this.work, "cloud-")),
      env: { ACTIONS_RESULTS_URL: `${this.gh.apiUrl}/`, ACTIONS_RUNTIME_TOKEN: runtimeToken },
      ...(this.o.onLine ? { onLine: (s, l) => this.o.onLine!(`build ${s}`, l) } : {}),
    });
    return cloud.runJob({ ...this.job("build", sha, runId), checkout }, [
      { name: "build", uses: "build", with: { "build-dir": "build", ...o.with } },
    ]);
  }

  /**
   * The self-hosted runner of a slot (named esp32-<slot>), with the job-started and
   * job-completed hooks installed and the lab's tokens in its `.env`.
   */
  runner(slot: string, env: Record<string, string> = {}): GitHubRunner {
    const hooks = join(this.root, "runner-hooks");
    return new GitHubRunner({
      root: this.root,
      name: `esp32-${slot}`,
      node: this.node,
      workDir: mkdtempSync(join(this.work, `${slot}-`)),
      env: {
        ACTIONS_RUNNER_HOOK_JOB_STARTED: join(hooks, "github-job-started.sh"),
        ACTIONS_RUNNER_HOOK_JOB_COMPLETED: join(hooks, "github-job-completed.sh"),
        HIL_SLOTS: this.inventoryFile,
        HIL_SLOT: slot,
        HIL_NODE: this.node,
        HIL_GITHUB_TOKEN: this.gh.labToken,
        HIL_SIM_HA_TOKEN: this.sim.token,
        HIL_JOB_TIMEOUT_SEC: "600",
        HIL_LEASE_WAIT_SEC: "60",
        ...env,
      },
      ...(this.o.onLine ? { onLine: (s, l) => this.o.onLine!(`${slot} ${s}`, l) } : {}),
    });
  }
}
