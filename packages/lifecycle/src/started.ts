import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  commitSha,
  describeError,
  EXIT_CODES,
  HilError,
  INVOCATION_SCHEMA_VERSION,
  InfrastructureError,
  invocation as invocationSchema,
  parseWith,
  type Invocation,
  type Inventory,
} from "@hil/contracts";
import type { Host } from "@hil/host";
import { loadInventory, selectSlot } from "@hil/inventory";
import { Journal } from "@hil/journal";
import {
  assertHealthy,
  claimJobLease,
  createJobDir,
  describeHolder,
  findAncestorPid,
  JOB_FILES,
  jobDirFor,
  leaseStatus,
  releaseJobLease,
  writeJsonAtomic,
  type HolderRecord,
  type JobLease,
  type KeeperCommand,
} from "@hil/lease";
import type { PublishOutcome } from "@hil/report";
import { ciContext, type CiContext } from "@hil/ci";
import { completeJobDir, STARTED_STEP } from "./completed";
import { assertForkAllowed, type ForkDecision } from "./fork";
import { loadBundle, loadReport } from "./heavy";
import { publishQuietly } from "./publish";
import { hookSettings, type HookSettings } from "./settings";
import {
  readCompleted,
  readHookState,
  readSlotPointer,
  writeHookState,
  writeSlotPointer,
  type HookState,
} from "./state";

export interface JobStartedOptions {
  env?: NodeJS.ProcessEnv;
  host: Host;
  /** Inventory file (default HIL_SLOTS or /etc/hil/slots.yaml). */
  inventoryFile?: string;
  /**
   * Where the job's steps should find HIL_SLOT, HIL_JOB_ID, HIL_JOB_DIR, HIL_LEASE_TOKEN and
   * HIL_SLOTS: GITHUB_ENV on GitHub, the job's shell on GitLab. Steps do not depend on it: they
   * find the job through the slot's lease too.
   */
  exportEnv?: (vars: Record<string, string>) => void;
  /** How to start the lease keeper (default: this script with KEEPER_ARG). */
  keeper?: KeeperCommand;
  /** Release the lease when this process exits (default on GitHub: the Runner.Worker ancestor). */
  watchPid?: number;
  fetch?: typeof fetch;
  /** When the hook process started (default: performance.timeOrigin), for the timings. */
  startedAt?: number;
}

export interface JobStartedResult {
  jobId: string;
  slot: string;
  jobDir: string;
  invocation: Invocation;
  lease: HolderRecord;
  keeperPid: number;
  fork: ForkDecision;
  /** What the steps get (see exportEnv). */
  env: Record<string, string>;
  pending: PublishOutcome[];
  bundle?: { digest: string; cacheHit: boolean; sha: string };
  /** The job of this runner whose completed hook never ran, completed now. */
  recovered?: string;
  /**
   * Milliseconds since the hook process started: `loaded` (this function entered), `checked`
   * (fork gate, health, job dir), `leaseHeld`, `ready` (invocation, pending, bundle, env).
   */
  timings: { loaded: number; checked: number; leaseHeld: number; ready: number };
}

/**
 * If the last job started on this slot never completed (its completed hook did not run: the
 * runner service stopped, a GitLab job without the after_script), complete it now, when that
 * is safe: its lease has ended, or it is still held by this very runner process (which runs one
 * job at a time, so that job is over). A job of another runner sharing the slot is left alone.
 */
async function recoverPrevious(
  inv: Inventory,
  slot: string,
  ci: CiContext,
  host: Host,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const p = readSlotPointer(inv.state_dir, slot);
  if (!p || p.job_id === ci.jobId || !existsSync(p.job_dir) || readCompleted(p.job_dir)) {
    return undefined;
  }
  const status = leaseStatus(inv, slot);
  const h = status.holder;
  const stillHeld = h?.job_id === p.job_id && status.state === "held";
  if (stillHeld && !(p.runner_key === ci.runnerKey && p.host === ci.host)) return undefined;
  host.warn(
    `The previous job on ${slot}, ${p.job_id}, never completed (its job-completed hook did not run${stillHeld ? "; this runner has moved on, so it is over" : ""}): completing it now.`,
  );
  // Publish only to the same repository; its status link would point at this run, so drop it.
  const prev = readHookState(p.job_dir);
  let forge =
    prev?.repo && prev.repo === ci.repo ? (await loadReport()).forgeFromCi(ci) : undefined;
  if (forge) {
    forge = { ...forge };
    delete forge.targetUrl;
    if (forge.kind === "gitlab") delete forge.pipelineId;
  }
  await completeJobDir({
    inventory: inv,
    jobDir: p.job_dir,
    host,
    env,
    by: "next-start",
    slot,
    ...(forge ? { forge } : {}),
  });
  return p.job_id;
}

async function prefetchBundle(
  env: NodeJS.ProcessEnv,
  inv: Inventory,
  jobId: string,
  settings: HookSettings,
  host: Host,
  journal: Journal,
): Promise<JobStartedResult["bundle"]> {
  if (!settings.prefetch) return undefined;
  const ci = ciContext(env);
  const github = ci.forge === "github";
  const configured =
    env.HIL_BUNDLE ||
    (github && env.HIL_GITHUB_TOKEN) ||
    (ci.forge === "gitlab" &&
      (env.HIL_GITLAB_TOKEN || (ci.gitlab.jobToken && env.HIL_BUNDLE_JOB_ID)));
  if (!configured) {
    host.info(
      `Not fetching the bundle now (no ${github ? "HIL_GITHUB_TOKEN" : "HIL_GITLAB_TOKEN"} in the runner's environment): hil-flash fetches it.`,
    );
    return undefined;
  }
  try {
    const { BundleCache, fetchBundle, sourceFromEnv } = await loadBundle();
    const { source, sha } = sourceFromEnv({ env });
    const b = await fetchBundle({
      source,
      sha,
      cache: new BundleCache({ dir: inv.cache_dir }),
      holder: jobId,
      host,
    });
    host.info(
      `Bundle ${b.digest.slice(0, 12)} of ${sha} ${b.cacheHit ? "was already in" : "is now in"} the host cache (${b.source}).`,
    );
    journal.append({
      type: "note",
      step: STARTED_STEP,
      text: `bundle ${b.digest} of ${sha} in the host cache (${b.cacheHit ? "hit" : "fetched"})`,
    });
    return { digest: b.digest, cacheHit: b.cacheHit, sha };
  } catch (e) {
    // Not fatal: in a workflow_run set-up only the steps may know the SHA, or the build may
    // still be uploading. hil-flash fetches it and fails loudly if it really is missing.
    host.warn(`Not fetching the bundle now: ${describeError(e)}\nhil-flash fetches it itself.`);
    return undefined;
  }
}

/**
 * The job-started hook (ACTIONS_RUNNER_HOOK_JOB_STARTED, GitLab's pre_build_script). In order:
 * refuse a fork's pull request without an opt-in, refuse an unhealthy slot, create the job dir,
 * complete this slot's previous job if its completed hook never ran, claim the slot's lease for
 * the job (waiting up to HIL_LEASE_WAIT_SEC, then failing with the holder named), write
 * ws2.invocation.v1, post `pending` (a forge failure only warns), fetch the job's bundle into
 * the host cache when a token is configured (never fatal), and export the steps' variables.
 * Any refusal releases what was taken: before the lease nothing is left behind; after it, the
 * lease and the bundle pins are released and the failure is journaled for the completed hook.
 */
export async function jobStarted(o: JobStartedOptions): Promise<JobStartedResult> {
  const env = o.env ?? process.env;
  const host = o.host;
  const t0 = o.startedAt ?? performance.timeOrigin;
  const since = () => Math.round(Date.now() - t0);
  const loaded = since();
  const settings = hookSettings(env);
  const { file, inventory } = loadInventory(o.inventoryFile, env);
  const slot = selectSlot(inventory, file, undefined, env);
  const ci = ciContext(env);
  host.info(
    `hil: job ${ci.jobId} on slot ${slot.id} (${slot.label}, ${slot.chip}), runner ${ci.runner} on ${ci.host}.`,
  );

  // Refusals that take nothing.
  const fork = await assertForkAllowed({
    env,
    host,
    label: settings.forkLabel ?? "",
    ...(settings.forkEnvironment ? { environment: settings.forkEnvironment } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  host.info(`Fork gate: ${fork.why}.`);
  assertHealthy(inventory, slot.id);

  let jobDir = jobDirFor(inventory, ci.jobId);
  if (existsSync(jobDir)) {
    // The same job started twice on this host: finish what the first start left, keep it aside.
    if (!readCompleted(jobDir)) {
      await completeJobDir({ inventory, jobDir, host, env, by: "next-start", slot: slot.id });
    }
    renameSync(jobDir, `${jobDir}.${Date.now()}`);
  }
  jobDir = createJobDir(inventory, ci.jobId);
  const journal = new Journal(join(jobDir, JOB_FILES.journal));
  const state: HookState = {
    schema_version: "hil.hook.v1",
    job_id: ci.jobId,
    slot: slot.id,
    runner: ci.runner,
    runner_key: ci.runnerKey,
    host: ci.host,
    ...(ci.repo ? { repo: ci.repo } : {}),
    started_utc: new Date().toISOString(),
    phase: "starting",
    fork,
  };
  writeHookState(jobDir, state);

  const checked = since();
  let lease: JobLease | undefined;
  try {
    const recovered = await recoverPrevious(inventory, slot.id, ci, host, env);
    const watchPid =
      o.watchPid ?? (ci.forge === "github" ? findAncestorPid(/^Runner\.Worker$/) : undefined);
    lease = await claimJobLease(inventory, {
      slot: slot.id,
      jobId: ci.jobId,
      runner: ci.runner,
      jobDir,
      timeoutSec: settings.timeoutSec,
      waitSec: settings.leaseWaitSec,
      env,
      ...(ci.commitSha ? { commitSha: ci.commitSha } : {}),
      ...(watchPid ? { watchPid } : {}),
      ...(o.keeper ? { keeper: o.keeper } : {}),
      onWait: (s) =>
        host.info(
          `Waiting up to ${settings.leaseWaitSec} s for slot ${slot.id}: held by ${s.holder ? describeHolder(s.holder) : "someone"}.`,
        ),
    });
    const leaseHeldMs = since();
    host.info(
      `Holding ${slot.id} for ${ci.jobId} until ${lease.record.deadline} (timeout ${settings.timeoutSec} s, lease keeper pid ${lease.keeperPid}); ${leaseHeldMs} ms after the hook started.`,
    );
    if (lease.tookOver) {
      host.warn(
        `Took ${slot.id} over from ${lease.tookOver.holder ? describeHolder(lease.tookOver.holder) : "a dead holder"}, whose lease had gone stale.`,
      );
    }

    const inv: Invocation = parseWith(
      invocationSchema,
      {
        schema_version: INVOCATION_SCHEMA_VERSION,
        job_id: ci.jobId,
        target_role: "runner",
        requested_by: ci.requestedBy,
        request_utc: new Date(t0).toISOString(),
        command: ci.command,
        timeout_sec: settings.timeoutSec,
        lock_key: slot.id,
        lane: "local-hil",
        slot: slot.id,
        ...(ci.commitSha && commitSha.safeParse(ci.commitSha).success
          ? { commit_sha: ci.commitSha }
          : {}),
        ...(ci.repo ? { repo: ci.repo } : {}),
        ...(ci.workspace ? { workdir: ci.workspace } : {}),
        notes: [
          `runner ${ci.runner} on ${ci.host}`,
          ci.url,
          ci.jobSha && ci.jobSha !== ci.commitSha ? `checks out ${ci.jobSha}` : undefined,
          fork.why,
        ]
          .filter(Boolean)
          .join("; "),
      },
      join(jobDir, JOB_FILES.invocation),
    );
    writeJsonAtomic(join(jobDir, JOB_FILES.invocation), inv);
    journal.append({
      type: "note",
      step: STARTED_STEP,
      text: `${ci.jobId} holds ${slot.id} (timeout ${settings.timeoutSec} s); fork gate: ${fork.why}`,
    });
    writeSlotPointer(inventory.state_dir, slot.id, {
      job_id: ci.jobId,
      job_dir: jobDir,
      runner_key: ci.runnerKey,
      host: ci.host,
      at: new Date().toISOString(),
    });

    // The pending status and the bundle are independent round trips to the forge: at once.
    const [pending, bundle] = await Promise.all([
      loadReport().then(({ forgeFromCi, publishPending }) =>
        publishQuietly(
          forgeFromCi(ci),
          "pending",
          (forge) => publishPending(inv, host, { env, forge }),
          host,
        ),
      ),
      prefetchBundle(env, inventory, ci.jobId, settings, host, journal),
    ]);
    const vars = { ...lease.env, HIL_SLOTS: file };
    o.exportEnv?.(vars);
    writeHookState(jobDir, {
      ...state,
      phase: "started",
      pending_posted: pending.some((x) => x.ok),
    });
    const timings = { loaded, checked, leaseHeld: leaseHeldMs, ready: since() };
    host.info(`Job ${ci.jobId} is ready on ${slot.id} (${timings.ready} ms).`);
    host.debug(
      `timings since the hook process started: loaded ${loaded} ms, checked ${checked} ms, lease held ${leaseHeldMs} ms, ready ${timings.ready} ms`,
    );
    return {
      jobId: ci.jobId,
      slot: slot.id,
      jobDir,
      invocation: inv,
      lease: lease.record,
      keeperPid: lease.keeperPid,
      fork,
      env: vars,
      pending,
      ...(bundle ? { bundle } : {}),
      ...(recovered ? { recovered } : {}),
      timings,
    };
  } catch (e) {
    if (!lease) {
      // Nothing was taken: leave nothing behind, so the completed hook has nothing to do.
      rmSync(jobDir, { recursive: true, force: true });
      throw e;
    }
    const hint = e instanceof HilError ? e.hint : undefined;
    journal.append({
      type: "step",
      step: STARTED_STEP,
      status: "failed",
      exit_code: EXIT_CODES.failed,
      failure_kind: e instanceof InfrastructureError ? "infrastructure" : "configuration",
      summary: describeError(e).split("\n")[0]!,
      ...(hint ? { next_action: hint } : {}),
    });
    try {
      await releaseJobLease(inventory, slot.id, { jobDir });
    } catch (r) {
      host.error(`Could not release ${slot.id} after the failure: ${describeError(r)}`);
    }
    await loadBundle()
      .then(({ BundleCache }) =>
        new BundleCache({ dir: inventory.cache_dir }).releaseHolder(ci.jobId),
      )
      .catch(() => 0);
    writeHookState(jobDir, { ...state, phase: "start-failed", error: describeError(e) });
    throw e;
  }
}
