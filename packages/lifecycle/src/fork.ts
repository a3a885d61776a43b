import { ConfigurationError } from "@hil/contracts";
import type { Host } from "@hil/host";
import { ciContext, type CiContext, type GitHubEvent, PULL_REQUEST_EVENTS } from "@hil/ci";
import { DEFAULT_FORK_LABEL } from "./settings";

/**
 * The fork pull request gate (DESIGN.md section 7). A self-hosted runner with boards must not run
 * a stranger's code: a fork's pull request can change the workflow itself, so nothing the
 * workflow says can open the gate. Only what the fork cannot forge can:
 *
 * - GitHub, a label on the pull request (`HIL_FORK_LABEL`, default `hil-ok`), read from the event
 *   payload: only people with triage or write access can label;
 * - GitHub, an approval of a deployment environment in this run (`HIL_FORK_ENVIRONMENT`, an
 *   environment with required reviewers), read from the GitHub API;
 * - GitLab, a fork's merge request pipeline that runs in the parent project: GitLab lets only
 *   parent project members (Developer or higher) start it. A pipeline in the fork itself is refused.
 *
 * Both settings are runner-level (the runner's environment), never the job's.
 */

export type ForkDecision =
  | {
      allowed: true;
      fork: false;
      /** One line for the log and the journal. */
      why: string;
    }
  | {
      allowed: true;
      fork: true;
      via: "label" | "environment" | "parent-pipeline";
      why: string;
      /** The fork, `alice/thermostat-fw`. */
      source: string;
      /** Who opened the gate (the approver, the user who ran the pipeline), when known. */
      by?: string;
    }
  | { allowed: false; fork: true; why: string; hint: string; source: string };

export interface ForkGateOptions {
  env?: NodeJS.ProcessEnv;
  /** The event payload (default: read GITHUB_EVENT_PATH). */
  event?: GitHubEvent;
  /** The opt-in label (default HIL_FORK_LABEL, else `hil-ok`; empty: no label opt-in). */
  label?: string;
  /** The opt-in environment (default HIL_FORK_ENVIRONMENT). */
  environment?: string;
  /** A token that can read the run's approvals (default HIL_GITHUB_TOKEN). */
  token?: string;
  fetch?: typeof fetch;
}

/** The job runs a fork's code and nobody with the right to opened the gate. */
export class ForkRefusedError extends ConfigurationError {
  override name = "ForkRefusedError";
  constructor(readonly decision: Extract<ForkDecision, { allowed: false }>) {
    super(decision.why, { hint: decision.hint });
  }
}

function howToOptIn(
  label: string | undefined,
  environment: string | undefined,
  kind: "pr" | "run",
) {
  const ways: string[] = [];
  if (label && kind === "pr") {
    ways.push(
      `a maintainer who has reviewed the change adds the label "${label}" to the pull request: the run its \`labeled\` event starts carries it (the workflow needs \`pull_request: types: [opened, synchronize, reopened, labeled]\`; a re-run of this run keeps this event's labels)`,
    );
  }
  if (environment) {
    ways.push(
      `the job uses \`environment: ${environment}\` (an environment with required reviewers) and a reviewer approves the run`,
    );
  }
  if (!ways.length) {
    return kind === "pr"
      ? "This runner takes no opt-in for forks: its administrator can set HIL_FORK_LABEL (a label maintainers add after review) or HIL_FORK_ENVIRONMENT (an environment with required reviewers) in the runner's environment."
      : "This runner takes no opt-in for forks' workflow_run jobs: its administrator can set HIL_FORK_ENVIRONMENT (an environment with required reviewers) in the runner's environment.";
  }
  return `To run it anyway, ${ways.join(", or ")}. Review the pull request (including .github/workflows) first: it runs with the lab's boards and host.`;
}

interface Approval {
  state?: string;
  user?: { login?: string };
  environments?: { name?: string }[];
}

async function environmentApproval(
  ci: CiContext,
  environment: string,
  token: string | undefined,
  doFetch: typeof fetch,
): Promise<{ by?: string } | { problem: string }> {
  if (!token) {
    return {
      problem: `HIL_GITHUB_TOKEN is not set, so the approval of environment "${environment}" cannot be checked`,
    };
  }
  const url = `${ci.apiUrl}/repos/${ci.repo}/actions/runs/${ci.runId}/approvals`;
  let res: Response;
  try {
    res = await doFetch(url, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${token}`,
        "x-github-api-version": "2022-11-28",
      },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    return {
      problem: `GitHub could not be asked for the run's approvals (${(e as Error).message})`,
    };
  }
  if (!res.ok) {
    return {
      problem: `GitHub answered ${res.status} when asked for the run's approvals${res.status === 401 || res.status === 403 || res.status === 404 ? " (HIL_GITHUB_TOKEN needs actions: read on the repository)" : ""}`,
    };
  }
  const approvals = (await res.json()) as Approval[];
  const ok = approvals.find(
    (a) => a.state === "approved" && (a.environments ?? []).some((e) => e.name === environment),
  );
  return ok ? { ...(ok.user?.login ? { by: ok.user.login } : {}) } : { problem: "" };
}

/**
 * Decide whether this job may run on the lab's hardware. Pure reading (plus one API call for an
 * environment gate); `assertForkAllowed` throws the refusal.
 */
export async function forkGate(o: ForkGateOptions = {}): Promise<ForkDecision> {
  const env = o.env ?? process.env;
  const label =
    o.label !== undefined
      ? o.label || undefined
      : env.HIL_FORK_LABEL === undefined
        ? DEFAULT_FORK_LABEL
        : env.HIL_FORK_LABEL.trim() || undefined;
  const environment = o.environment ?? (env.HIL_FORK_ENVIRONMENT?.trim() || undefined);

  const ci = ciContext(env);
  if (ci.forge === "gitlab") return gitlabGate(ci);

  const ev = o.event ?? ci.event();
  if (!ev) return { allowed: true, fork: false, why: "not a GitHub or GitLab job" };
  const name = ci.eventName ?? "";
  const repo = ci.repo;

  let source: string | undefined;
  let kind: "pr" | "run";
  let what: string;
  let labels: string[] = [];
  if (PULL_REQUEST_EVENTS.includes(name) && ev.pull_request) {
    const pr = ev.pull_request;
    const head = pr.head?.repo;
    const base = pr.base?.repo ?? ev.repository;
    const same =
      head != null &&
      (head.id !== undefined && base?.id !== undefined
        ? head.id === base.id
        : head.full_name === (base?.full_name ?? repo));
    if (same)
      return {
        allowed: true,
        fork: false,
        why: `pull request #${pr.number} from a branch of ${repo}`,
      };
    source = head?.full_name ?? "a deleted fork";
    kind = "pr";
    what = `pull request #${pr.number ?? "?"} from the fork ${source} (${name})`;
    labels = (pr.labels ?? []).flatMap((l) => (l.name ? [l.name] : []));
  } else if (name === "workflow_run" && ev.workflow_run) {
    const run = ev.workflow_run;
    const head = run.head_repository;
    const base = run.repository ?? ev.repository;
    if (head && head.full_name === (base?.full_name ?? repo)) {
      return {
        allowed: true,
        fork: false,
        why: `workflow_run of ${run.event ?? "a run"} in ${repo}`,
      };
    }
    source = head?.full_name ?? "a deleted fork";
    kind = "run";
    what = `a workflow_run job for code from the fork ${source} (run ${run.id ?? "?"}, ${run.event ?? "?"})`;
  } else {
    return { allowed: true, fork: false, why: `${name || "unknown"} event in ${repo}` };
  }

  if (label && kind === "pr" && labels.includes(label)) {
    return {
      allowed: true,
      fork: true,
      via: "label",
      source,
      why: `${what}: allowed by the label "${label}"`,
    };
  }
  let problem = "";
  if (environment) {
    const r = await environmentApproval(
      ci,
      environment,
      o.token ?? env.HIL_GITHUB_TOKEN,
      o.fetch ?? fetch,
    );
    if (!("problem" in r)) {
      return {
        allowed: true,
        fork: true,
        via: "environment",
        source,
        ...(r.by ? { by: r.by } : {}),
        why: `${what}: allowed by ${r.by ?? "a reviewer"}'s approval of environment "${environment}"`,
      };
    }
    problem = r.problem;
  }
  const missing = [
    label && kind === "pr" ? `it has no "${label}" label` : "",
    environment ? problem || `no reviewer approved environment "${environment}" in this run` : "",
  ].filter(Boolean);
  return {
    allowed: false,
    fork: true,
    source,
    why: `Refusing to run ${what} on the lab's hardware${missing.length ? `: ${missing.join(", and ")}` : ""}. A fork's code would run on this runner's host and boards.`,
    hint: howToOptIn(label, environment, kind),
  };
}

function gitlabGate(ci: CiContext): ForkDecision {
  const m = ci.gitlab.mergeRequest;
  const source = m?.sourceProjectId;
  const target = m?.projectId;
  const here = ci.gitlab.projectId;
  const mr = m?.iid ? `merge request !${m?.iid}` : "merge request";
  if (!source || !target || source === target) {
    return {
      allowed: true,
      fork: false,
      why: m?.iid
        ? `${mr} from a branch of ${ci.repo ?? "this project"}`
        : `${ci.gitlab.pipelineSource ?? "a"} pipeline of ${ci.repo ?? "this project"}`,
    };
  }
  const fork = m?.sourceProjectPath ?? `project ${source}`;
  if (here === target) {
    const by = ci.gitlab.userLogin;
    return {
      allowed: true,
      fork: true,
      via: "parent-pipeline",
      source: fork,
      ...(by ? { by } : {}),
      why: `${mr} from the fork ${fork}, run in the parent project ${m?.projectPath ?? target} by ${by ?? "a project member"} (GitLab lets only parent project members start it)`,
    };
  }
  return {
    allowed: false,
    fork: true,
    source: fork,
    why: `Refusing to run the fork ${fork}'s own pipeline for ${mr} on the lab's hardware. A fork's code would run on this runner's host and boards.`,
    hint: `A member of ${m?.projectPath ?? "the parent project"} (Developer or higher) who has reviewed the change runs the pipeline in the parent project: the merge request's Pipelines tab → Run pipeline. Register hardware runners to the parent project only, never as instance runners.`,
  };
}

/**
 * The gate as a guard: resolves to the decision when the job may run, logs a fork that was let
 * through, and throws ForkRefusedError (what was wrong, how to opt in) when it may not. The
 * job-started hook calls this before it takes anything; hardware steps call it first too
 * (openStep does), so a runner without the hooks is guarded as well.
 */
export async function assertForkAllowed(
  o: ForkGateOptions & { host?: Pick<Host, "info" | "warn"> } = {},
): Promise<ForkDecision> {
  const d = await forkGate(o);
  if (!d.allowed) throw new ForkRefusedError(d);
  if (d.fork) o.host?.warn(`${d.why}.`);
  return d;
}
