export const id = 89;
export const ids = [89];
export const modules = {

/***/ 24056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pO: () => (/* reexport */ Redactor),
  LQ: () => (/* reexport */ TerminalHost),
  Hn: () => (/* reexport */ cell),
  CH: () => (/* reexport */ hostForCi),
  Qj: () => (/* reexport */ markdownTable)
});

// UNUSED EXPORTS: GitLabHost, RecordingHost

;// CONCATENATED MODULE: ./packages/host/src/redactor.ts
const MASK = "***";
/** Replaces registered secrets in text. Shared by every Host so no output path forgets one. */
class Redactor {
    secrets = [];
    add(secret) {
        // Very short values would mask ordinary words; real tokens are long.
        if (secret.length < 4 || this.secrets.includes(secret))
            return;
        this.secrets.push(secret);
        // Longest first, so a secret containing another is masked whole.
        this.secrets.sort((a, b) => b.length - a.length);
    }
    redact(text) {
        let out = text;
        for (const s of this.secrets)
            out = out.split(s).join(MASK);
        return out;
    }
}

;// CONCATENATED MODULE: ./packages/host/src/markdown.ts
/** Escape text for a Markdown table cell. */
function cell(value) {
    return String(value ?? "")
        .replace(/\|/g, "\\|")
        .replace(/\r?\n/g, "<br>");
}
/** A GitHub-flavoured Markdown table. */
function markdownTable(header, rows) {
    const line = (cells) => `| ${cells.map(cell).join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n") + "\n";
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./packages/host/src/terminal.ts


function where(a) {
    if (!a?.file)
        return "";
    return `${a.file}${a.line ? `:${a.line}` : ""}: `;
}
/** A Host for people at a terminal and for scripts (the `hil` CLI, runner hooks). */
class TerminalHost {
    options;
    outputs = new Map();
    redactor = new Redactor();
    depth = 0;
    out;
    err;
    constructor(options = {}) {
        this.options = options;
        this.out = options.out ?? ((l) => process.stdout.write(l + "\n"));
        this.err = options.err ?? ((l) => process.stderr.write(l + "\n"));
    }
    indent(msg) {
        const pad = "  ".repeat(this.depth);
        return this.redactor.redact(msg).replace(/^/gm, pad);
    }
    info(message) {
        this.out(this.indent(message));
    }
    debug(message) {
        if (this.options.verbose)
            this.out(this.indent(`debug: ${message}`));
    }
    warn(message, a) {
        this.err(this.indent(`warning: ${where(a)}${message}`));
    }
    error(message, a) {
        this.err(this.indent(`error: ${where(a)}${message}`));
    }
    async group(name, fn) {
        this.out(this.indent(`▸ ${name}`));
        this.depth++;
        try {
            return await fn();
        }
        finally {
            this.depth--;
        }
    }
    maskSecret(secret) {
        this.redactor.add(secret);
    }
    redact(text) {
        return this.redactor.redact(text);
    }
    setOutput(name, value) {
        this.outputs.set(name, this.redactor.redact(String(value)));
    }
    async writeSummary(markdown) {
        if (this.options.summaryFile)
            (0,external_node_fs_.appendFileSync)(this.options.summaryFile, this.redactor.redact(markdown) + "\n");
    }
}

;// CONCATENATED MODULE: ./packages/host/src/gitlab.ts


const ESC = "\u001b";
/**
 * A Host for GitLab CI jobs: collapsible log sections, outputs as a dotenv report,
 * the summary as a Markdown artifact. Secrets are redacted here as well, because
 * GitLab masks only variables it was told about in the project settings.
 */
class GitLabHost extends TerminalHost {
    gl;
    section = 0;
    constructor(gl = {}) {
        super({
            ...(gl.summaryFile ? { summaryFile: gl.summaryFile } : {}),
            ...(gl.verbose ? { verbose: gl.verbose } : {}),
            ...(gl.out ? { out: gl.out } : {}),
            ...(gl.err ? { err: gl.err } : {}),
        });
        this.gl = gl;
    }
    async group(name, fn) {
        const id = `hil_${++this.section}`;
        const now = () => Math.floor(Date.now() / 1000);
        this.info(`${ESC}[0Ksection_start:${now()}:${id}[collapsed=false]\r${ESC}[0K${name}`);
        try {
            return await fn();
        }
        finally {
            this.info(`${ESC}[0Ksection_end:${now()}:${id}\r${ESC}[0K`);
        }
    }
    setOutput(name, value) {
        super.setOutput(name, value);
        if (this.gl.dotenvFile) {
            const key = name.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
            const v = this.redact(String(value)).replace(/\n/g, " ");
            (0,external_node_fs_.appendFileSync)(this.gl.dotenvFile, `HIL_${key}=${v}\n`);
        }
    }
    warn(message, a) {
        super.warn(`${ESC}[33m${message}${ESC}[0m`, a);
    }
    error(message, a) {
        super.error(`${ESC}[31m${message}${ESC}[0m`, a);
    }
}

;// CONCATENATED MODULE: ./packages/host/src/for-ci.ts


/**
 * The Host of a command run from a CI script or a terminal: GitLab's collapsible sections in a
 * GitLab job, plain lines elsewhere; the summary goes to the given file, else (on GitHub) the
 * step summary. (Actions use GitHubHost from @hil/actions-kit.)
 */
function hostForCi(ci, o = {}) {
    const summaryFile = o.summaryFile ?? ci.files.summary;
    const options = { ...o, ...(summaryFile ? { summaryFile } : {}) };
    return ci.forge === "gitlab" ? new GitLabHost(options) : new TerminalHost(options);
}

;// CONCATENATED MODULE: ./packages/host/src/index.ts








/***/ }),

/***/ 92089:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runHooks: () => (/* binding */ runHooks)
});

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var src = __webpack_require__(11287);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var lib_core = __webpack_require__(91659);
// EXTERNAL MODULE: ./packages/host/src/index.ts + 5 modules
var host_src = __webpack_require__(24056);
;// CONCATENATED MODULE: ./packages/actions-kit/src/github-host.ts



function props(a) {
    const p = {};
    if (a?.file)
        p.file = a.file;
    if (a?.line)
        p.startLine = a.line;
    if (a?.title)
        p.title = a.title;
    return p;
}
/** The Host of a GitHub Actions step: workflow commands, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY. */
class github_host_GitHubHost {
    redactor = new host_src/* Redactor */.pO();
    info(message) {
        lib_core/* info */.pq(this.redactor.redact(message));
    }
    debug(message) {
        lib_core/* debug */.Yz(this.redactor.redact(message));
    }
    warn(message, where) {
        lib_core/* warning */.$e(this.redactor.redact(message), props(where));
    }
    error(message, where) {
        lib_core/* error */.z3(this.redactor.redact(message), props(where));
    }
    group(name, fn) {
        return lib_core/* group */.Os(this.redactor.redact(name), fn);
    }
    maskSecret(secret) {
        lib_core/* setSecret */.Pq(secret);
        this.redactor.add(secret);
    }
    redact(text) {
        return this.redactor.redact(text);
    }
    setOutput(name, value) {
        lib_core/* setOutput */.uH(name, this.redactor.redact(String(value)));
    }
    async writeSummary(markdown) {
        if (!(0,src/* ciContext */.U)().files.summary)
            return;
        await lib_core/* summary */.z.addRaw(this.redactor.redact(markdown), true).write();
    }
}

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var contracts_src = __webpack_require__(36115);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/coerce.js
var coerce = __webpack_require__(49567);
;// CONCATENATED MODULE: ./packages/actions-kit/src/inputs.ts



/** A boolean input as `core.getBooleanInput` reads it (true/True/TRUE, false/False/FALSE). */
const booleanInput = schemas/* enum */.k5n(["true", "True", "TRUE", "false", "False", "FALSE"], {
    error: "expected true or false",
})
    .transform((v) => v.toLowerCase() === "true");
/** A whole-number input. */
const intInput = coerce/* number */.ai({ error: "expected a number" })
    .int("expected a whole number");
/** A non-negative number of seconds. */
const secondsInput = coerce/* number */.ai({ error: "expected a number of seconds" }).min(0);
/**
 * Read every input the schema names (kebab-case keys, as in action.yml) and validate them.
 * An empty input is absent, so zod defaults apply. `secrets` are masked before anything is logged.
 */
function readInputs(schema, action, secrets = []) {
    const raw = {};
    for (const name of Object.keys(schema.shape)) {
        const v = core.getInput(name);
        if (v !== "")
            raw[name] = v;
    }
    for (const name of secrets)
        if (raw[name])
            core.setSecret(raw[name]);
    return parseWith(schema, raw, `the inputs of ${action}`, "Fix the step's `with:` block in the workflow.");
}

;// CONCATENATED MODULE: ./packages/actions-kit/src/run.ts



/**
 * The one error boundary of an action: run `main`, turn any error into `setFailed`
 * with the message and what to do, never a stack trace a user has to decode.
 */
async function runAction(main) {
    const host = new GitHubHost();
    try {
        await main(host);
    }
    catch (e) {
        if (e instanceof Error && e.stack)
            host.debug(e.stack);
        core.setFailed(host.redact(describeError(e)));
        // Errors that carry their own exit code (a cancelled job: 130, a timeout: 124) keep it.
        const code = e.exitCode;
        if (typeof code === "number" && code > 0)
            process.exitCode = code;
    }
}

;// CONCATENATED MODULE: ./packages/actions-kit/src/index.ts




// EXTERNAL MODULE: ./packages/lease/src/index.ts + 12 modules
var lease_src = __webpack_require__(23857);
;// CONCATENATED MODULE: ./packages/lifecycle/src/settings.ts



const DEFAULT_LEASE_WAIT_SEC = 300;
const DEFAULT_FORK_LABEL = "hil-ok";
const DEFAULT_RETENTION_DAYS = 14;
/** The variables HookSettings come from, for docs and `hil doctor`-style listings. */
const HOOK_ENV = (/* unused pure expression or super */ null && ([
    "HIL_JOB_TIMEOUT_SEC",
    "HIL_LEASE_WAIT_SEC",
    "HIL_FORK_LABEL",
    "HIL_FORK_ENVIRONMENT",
    "HIL_PREFETCH",
    "HIL_JOB_RETENTION_DAYS",
]));
function wholeNumber(env, name, fallback, max) {
    const text = env[name]?.trim();
    if (!text)
        return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > max) {
        throw new contracts_src/* ConfigurationError */.j1(`${name}: expected a whole number from 0 to ${max}, got ${JSON.stringify(env[name])}.`, {
            hint: `Fix ${name} in the runner's environment (.env / config.toml), or remove it for ${fallback}.`,
        });
    }
    return n;
}
function flag(env, name, fallback) {
    const v = env[name]?.trim().toLowerCase();
    if (!v)
        return fallback;
    if (["1", "true", "yes", "on"].includes(v))
        return true;
    if (["0", "false", "no", "off"].includes(v))
        return false;
    throw new contracts_src/* ConfigurationError */.j1(`${name}: expected true or false, got ${JSON.stringify(env[name])}.`, {
        hint: `Set ${name}=true or ${name}=false in the runner's environment.`,
    });
}
function hookSettings(env = process.env) {
    let timeoutSec = (0,lease_src/* resolveJobTimeout */.D3)(env.HIL_JOB_TIMEOUT_SEC, "HIL_JOB_TIMEOUT_SEC");
    // GitLab stops the job at CI_JOB_TIMEOUT: the slot must not stay leased past it.
    const ciTimeout = (0,src/* ciContext */.U)(env).gitlab.jobTimeoutSec;
    if (ciTimeout)
        timeoutSec = Math.min(timeoutSec, ciTimeout);
    const label = env.HIL_FORK_LABEL === undefined ? DEFAULT_FORK_LABEL : env.HIL_FORK_LABEL.trim();
    const environment = env.HIL_FORK_ENVIRONMENT?.trim();
    return {
        timeoutSec,
        leaseWaitSec: wholeNumber(env, "HIL_LEASE_WAIT_SEC", DEFAULT_LEASE_WAIT_SEC, 14400),
        forkLabel: label || undefined,
        forkEnvironment: environment || undefined,
        prefetch: flag(env, "HIL_PREFETCH", true),
        retentionDays: wholeNumber(env, "HIL_JOB_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, 3650),
    };
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/fork.ts



/** The job runs a fork's code and nobody with the right to opened the gate. */
class ForkRefusedError extends contracts_src/* ConfigurationError */.j1 {
    decision;
    name = "ForkRefusedError";
    constructor(decision) {
        super(decision.why, { hint: decision.hint });
        this.decision = decision;
    }
}
function howToOptIn(label, environment, kind) {
    const ways = [];
    if (label && kind === "pr") {
        ways.push(`a maintainer who has reviewed the change adds the label "${label}" to the pull request: the run its \`labeled\` event starts carries it (the workflow needs \`pull_request: types: [opened, synchronize, reopened, labeled]\`; a re-run of this run keeps this event's labels)`);
    }
    if (environment) {
        ways.push(`the job uses \`environment: ${environment}\` (an environment with required reviewers) and a reviewer approves the run`);
    }
    if (!ways.length) {
        return kind === "pr"
            ? "This runner takes no opt-in for forks: its administrator can set HIL_FORK_LABEL (a label maintainers add after review) or HIL_FORK_ENVIRONMENT (an environment with required reviewers) in the runner's environment."
            : "This runner takes no opt-in for forks' workflow_run jobs: its administrator can set HIL_FORK_ENVIRONMENT (an environment with required reviewers) in the runner's environment.";
    }
    return `To run it anyway, ${ways.join(", or ")}. Review the pull request (including .github/workflows) first: it runs with the lab's boards and host.`;
}
async function environmentApproval(ci, environment, token, doFetch) {
    if (!token) {
        return {
            problem: `HIL_GITHUB_TOKEN is not set, so the approval of environment "${environment}" cannot be checked`,
        };
    }
    const url = `${ci.apiUrl}/repos/${ci.repo}/actions/runs/${ci.runId}/approvals`;
    let res;
    try {
        res = await doFetch(url, {
            headers: {
                accept: "application/vnd.github+json",
                authorization: `Bearer ${token}`,
                "x-github-api-version": "2022-11-28",
            },
            signal: AbortSignal.timeout(15_000),
        });
    }
    catch (e) {
        return {
            problem: `GitHub could not be asked for the run's approvals (${e.message})`,
        };
    }
    if (!res.ok) {
        return {
            problem: `GitHub answered ${res.status} when asked for the run's approvals${res.status === 401 || res.status === 403 || res.status === 404 ? " (HIL_GITHUB_TOKEN needs actions: read on the repository)" : ""}`,
        };
    }
    const approvals = (await res.json());
    const ok = approvals.find((a) => a.state === "approved" && (a.environments ?? []).some((e) => e.name === environment));
    return ok ? { ...(ok.user?.login ? { by: ok.user.login } : {}) } : { problem: "" };
}
/**
 * Decide whether this job may run on the lab's hardware. Pure reading (plus one API call for an
 * environment gate); `assertForkAllowed` throws the refusal.
 */
async function forkGate(o = {}) {
    const env = o.env ?? process.env;
    const label = o.label !== undefined
        ? o.label || undefined
        : env.HIL_FORK_LABEL === undefined
            ? DEFAULT_FORK_LABEL
            : env.HIL_FORK_LABEL.trim() || undefined;
    const environment = o.environment ?? (env.HIL_FORK_ENVIRONMENT?.trim() || undefined);
    const ci = (0,src/* ciContext */.U)(env);
    if (ci.forge === "gitlab")
        return gitlabGate(ci);
    const ev = o.event ?? ci.event();
    if (!ev)
        return { allowed: true, fork: false, why: "not a GitHub or GitLab job" };
    const name = ci.eventName ?? "";
    const repo = ci.repo;
    let source;
    let kind;
    let what;
    let labels = [];
    if (src/* PULL_REQUEST_EVENTS */.m.includes(name) && ev.pull_request) {
        const pr = ev.pull_request;
        const head = pr.head?.repo;
        const base = pr.base?.repo ?? ev.repository;
        const same = head != null &&
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
    }
    else if (name === "workflow_run" && ev.workflow_run) {
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
    }
    else {
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
        const r = await environmentApproval(ci, environment, o.token ?? env.HIL_GITHUB_TOKEN, o.fetch ?? fetch);
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
function gitlabGate(ci) {
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
async function fork_assertForkAllowed(o = {}) {
    const d = await forkGate(o);
    if (!d.allowed)
        throw new ForkRefusedError(d);
    if (d.fork)
        o.host?.warn(`${d.why}.`);
    return d;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/journal/src/index.ts + 2 modules
var journal_src = __webpack_require__(23825);
;// CONCATENATED MODULE: ./packages/lifecycle/src/cancel.ts





const flagPath = (jobDir) => join(jobDir, JOB_FILES.cancel);
/** Whether the job's flag is raised, and what it means. */
const cancel_cancelState = (jobDir) => (0,journal_src/* readCancelFlag */.Bg)(jobDir);
/** The job was cancelled (or ran past its deadline) and this step must not touch the board. */
class cancel_JobCancelledError extends contracts_src/* HilError */.ee {
    jobId;
    reason;
    name = "JobCancelledError";
    status;
    exitCode;
    /** The reason without the deadline marker (what follows "ran past its deadline"). */
    detail;
    constructor(jobId, reason, state) {
        super(state.status === "timeout"
            ? `Job ${jobId} ran past its deadline (${(0,journal_src/* parseCancelFlag */.iS)(reason).detail}); this step does not start.`
            : `Job ${jobId} was cancelled (${reason}); this step does not start.`, {
            hint: state.status === "timeout"
                ? "Raise HIL_JOB_TIMEOUT_SEC in the runner's environment (at most 14400 s) if the job needs longer, or make it shorter."
                : "Re-run the job if it should still run.",
        });
        this.jobId = jobId;
        this.reason = reason;
        this.status = state.status;
        this.exitCode = state.exitCode;
        this.detail = (0,journal_src/* parseCancelFlag */.iS)(reason).detail;
    }
}
/**
 * The check every hardware step makes first, and between its phases: throws JobCancelledError
 * when the job's cancellation flag is raised.
 */
function assertNotCancelled(job) {
    const s = cancel_cancelState(job.jobDir);
    if (s)
        throw new cancel_JobCancelledError(job.jobId, s.reason, s);
}
/**
 * Raise a job's flag (once: the first reason stays) and note it in the journal. Returns false
 * when it was already raised.
 */
function cancel_raiseCancelFlag(jobDir, reason, step = "hil cancel") {
    try {
        writeFileSync(flagPath(jobDir), `${reason}\n`, { flag: "wx" });
    }
    catch (e) {
        if (e.code === "EEXIST")
            return false;
        throw e;
    }
    try {
        new Journal(join(jobDir, JOB_FILES.journal)).append({ type: "note", step, text: reason });
    }
    catch {
        // the flag is what counts
    }
    return true;
}
/**
 * `hil cancel --slot hut-01`: raise the flag of the job that holds the slot. Its steps stop before
 * the next one; a running `hil step` stops its command at once. Refuses a slot that is free or
 * held by a `hil lock` session (there is no job to cancel: the person holding it ends it).
 */
function cancelSlotJob(site, slot, o = {}) {
    const status = leaseStatus(site, slot);
    const holder = status.holder;
    if (!holder) {
        throw new ConfigurationError(`Slot ${slot} is free: there is no job to cancel.`, {
            hint: "See what runs where with: hil slots.",
        });
    }
    if (!holder.job_dir || holder.kind !== "job") {
        throw new ConfigurationError(`Slot ${slot} is held by ${holderWho(holder)}, which is not a CI job: there is no job to cancel.`, {
            hint: holder.kind === "lock"
                ? `Ask ${holder.user ?? "its owner"} to end the session (Ctrl-C in their terminal), or stop pid ${holder.pid} on ${holder.host}.`
                : "It ends by itself when its step finishes.",
        });
    }
    if (!existsSync(holder.job_dir)) {
        throw new ConfigurationError(`Slot ${slot} is held by ${holderWho(holder)}, but its job directory ${holder.job_dir} is not on this host.`, { hint: `Run hil cancel on ${holder.host}, where the job runs.` });
    }
    const by = o.by ?? currentUser();
    const reason = `cancelled by ${by} (hil cancel)${o.reason ? `: ${o.reason}` : ""}`;
    const raised = cancel_raiseCancelFlag(holder.job_dir, reason);
    return {
        slot,
        holder,
        jobDir: holder.job_dir,
        reason: raised ? reason : (cancel_cancelState(holder.job_dir)?.reason ?? reason),
        raised,
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./packages/inventory/src/load.ts




const DEFAULT_INVENTORY = "/etc/hil/slots.yaml";
/** The inventory file to use: an explicit path, else HIL_SLOTS, else /etc/hil/slots.yaml. */
function inventoryPath(explicit, env = process.env) {
    return (0,external_node_path_.resolve)(explicit || env.HIL_SLOTS || DEFAULT_INVENTORY);
}
/** Parse inventory YAML text; errors name `file`, the line of a YAML mistake, or the bad field. */
function parseInventory(text, file) {
    const doc = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: true });
    if (doc.errors.length) {
        throw new contracts_src/* ConfigurationError */.j1(`${file} is not valid YAML:\n${doc.errors.map((e) => `  - ${e.message.split("\n")[0]}`).join("\n")}`, { hint: "Fix the YAML syntax (indentation, quoting) at the line shown." });
    }
    return (0,contracts_src/* parseWith */.Ku)(contracts_src/* inventory */.pf, doc.toJS(), file, "See docs/contracts.md#slot-inventory for the fields.");
}
/** Read and validate the host's slot inventory. */
function load_loadInventory(explicit, env = process.env) {
    const file = inventoryPath(explicit, env);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, "utf8");
    }
    catch (e) {
        const code = e.code;
        throw new contracts_src/* ConfigurationError */.j1(code === "ENOENT"
            ? `No slot inventory at ${file}.`
            : `Cannot read the slot inventory ${file} (${code}).`, {
            hint: code === "ENOENT"
                ? "Create it (see packages/contracts/examples/slots.yaml) or point HIL_SLOTS at one."
                : "Make it readable by the runner's user.",
        });
    }
    return { file, inventory: parseInventory(text, file) };
}

;// CONCATENATED MODULE: ./packages/inventory/src/select.ts


/**
 * The runner's labels as the CI context tells them: HIL_RUNNER_LABELS (comma-separated, set in
 * the runner's .env), GitLab's CI_RUNNER_TAGS, and the runner's name.
 */
function runnerLabels(env = process.env) {
    return (0,src/* ciContext */.U)(env).runnerLabels;
}
/**
 * Pick a slot: the explicit id, else HIL_SLOT, else the one slot whose label this runner
 * carries. Errors list what is known, so the fix is obvious.
 */
function select_selectSlot(inv, file, explicit, env = process.env) {
    const known = inv.slots.map((s) => `${s.id} (${s.label})`).join(", ");
    const wanted = explicit || env.HIL_SLOT;
    if (wanted) {
        const slot = inv.slots.find((s) => s.id === wanted || s.label === wanted);
        if (!slot) {
            throw new contracts_src/* ConfigurationError */.j1(`Slot "${wanted}" is not in ${file}; it has ${known}.`, {
                hint: "Use one of those ids (input `slot`, --slot or HIL_SLOT).",
            });
        }
        return slot;
    }
    const labels = runnerLabels(env);
    const matches = inv.slots.filter((s) => labels.includes(s.label));
    if (matches.length === 1)
        return matches[0];
    if (matches.length > 1) {
        throw new contracts_src/* ConfigurationError */.j1(`This runner carries the labels of several slots (${matches.map((s) => s.label).join(", ")}).`, { hint: "Give each runner one slot label, or set HIL_SLOT in the runner's .env." });
    }
    throw new contracts_src/* ConfigurationError */.j1(`No slot chosen: HIL_SLOT is not set and no slot in ${file} has a label of this runner${labels.length ? ` (${labels.join(", ")})` : ""}.`, {
        hint: `Set HIL_SLOT (or HIL_RUNNER_LABELS) in the runner's .env, or pass the slot; slots here: ${known}.`,
    });
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./packages/inventory/src/doctor.ts




function user(env) {
    try {
        return userInfo().username;
    }
    catch {
        return env.USER || `uid ${process.getuid?.()}`;
    }
}
function groupName(gid) {
    try {
        for (const line of readFileSync("/etc/group", "utf8").split("\n")) {
            const [name, , id] = line.split(":");
            if (Number(id) === gid)
                return name;
        }
    }
    catch {
        // no /etc/group
    }
    return String(gid);
}
const code = (e) => e.code ?? e.message;
function listDir(dir) {
    try {
        const names = readdirSync(dir);
        return names.length ? `${dir} has: ${names.join(", ")}` : `${dir} is empty`;
    }
    catch (e) {
        return code(e) === "ENOENT"
            ? `${dir} does not exist: no USB serial adapter is plugged in (or udev has not created the links)`
            : `${dir} cannot be listed (${code(e)})`;
    }
}
function checkDevice(slot, env) {
    const subject = `${slot.id} port`;
    const base = { subject, slot: slot.id };
    let st;
    try {
        st = statSync(slot.port);
    }
    catch (e) {
        return [
            {
                ...base,
                status: "fail",
                message: `${slot.port} is missing (${code(e)})`,
                hint: `${listDir(dirname(slot.port))}. Plug the board in, or point slots[].port of ${slot.id} at one of those.`,
            },
        ];
    }
    const out = [];
    if (!st.isCharacterDevice()) {
        out.push({
            ...base,
            status: "warn",
            message: `${slot.port} is not a character device`,
            hint: "A serial port is a character device (/dev/serial/by-id/... links to /dev/ttyUSB*/ttyACM*).",
        });
    }
    try {
        accessSync(slot.port, constants.R_OK | constants.W_OK);
    }
    catch {
        const group = groupName(st.gid);
        out.push({
            ...base,
            status: "fail",
            message: `${slot.port} is not readable and writable by ${user(env)} (owner group ${group}, mode ${(st.mode & 0o777).toString(8)})`,
            hint: `Add the runner's user to that group (sudo usermod -aG ${group} ${user(env)}; usually dialout), then restart the runner service: group changes need a new login.`,
        });
        return out;
    }
    if (!slot.port.startsWith("/dev/serial/by-id/") && /^\/dev\/tty/.test(slot.port)) {
        out.push({
            ...base,
            status: "warn",
            message: `${slot.port} can name another board after a replug or reboot`,
            hint: `Use its stable link: ${listDir("/dev/serial/by-id")}.`,
        });
    }
    out.unshift({
        ...base,
        status: "ok",
        message: `${slot.port} is present, read/write for ${user(env)}`,
    });
    return out;
}
function rfc2217(port) {
    const u = new URL(port);
    return { host: u.hostname, port: Number(u.port) };
}
function tcpConnect(host, port, timeoutMs) {
    return new Promise((resolve) => {
        const socket = connect({ host, port });
        const done = (err) => {
            socket.destroy();
            resolve(err);
        };
        socket.setTimeout(timeoutMs, () => done(`timed out after ${timeoutMs / 1000} s`));
        socket.once("connect", () => done());
        socket.once("error", (e) => done(code(e)));
    });
}
async function checkRfc2217(slot, timeoutMs) {
    const { host, port } = rfc2217(slot.port);
    const err = await tcpConnect(host, port, timeoutMs);
    const base = { subject: `${slot.id} port`, slot: slot.id };
    return err
        ? {
            ...base,
            status: "fail",
            message: `cannot connect to ${host}:${port} for ${slot.port} (${err})`,
            hint: "Is the RFC 2217 serial server (ser2net, esp_rfc2217_server) running and listening there? Check the host, port and firewall.",
        }
        : { ...base, status: "ok", message: `${slot.port} accepts connections` };
}
/** Slots whose ports are the same device (two by-id links to one tty) or the same server port. */
function sharedPorts(slots) {
    const byTarget = new Map();
    for (const s of slots) {
        let key;
        if (s.port.startsWith("/")) {
            try {
                key = realpathSync(s.port);
            }
            catch {
                continue; // missing: reported by its own check
            }
        }
        else {
            const { host, port } = rfc2217(s.port);
            key = `rfc2217://${host.toLowerCase()}:${port}`;
        }
        byTarget.set(key, [...(byTarget.get(key) ?? []), s]);
    }
    const out = [];
    for (const [target, users] of byTarget) {
        if (users.length < 2)
            continue;
        out.push({
            status: "fail",
            subject: "ports",
            message: `slots ${users.map((s) => `${s.id} (${s.port})`).join(" and ")} share one port, ${target}`,
            hint: "Each slot needs its own board and port; two slots on one port flash and reset each other's board.",
        });
    }
    return out;
}
function checkWritableDir(subject, dir, env) {
    try {
        mkdirSync(dir, { recursive: true });
        const probe = join(dir, `.doctor-${process.pid}`);
        mkdirSync(probe);
        rmdirSync(probe);
        return { status: "ok", subject, message: `${dir} is writable` };
    }
    catch (e) {
        return {
            status: "fail",
            subject,
            message: `${dir} is not writable by ${user(env)} (${code(e)})`,
            hint: `Create it for the runner's group: sudo install -d -m 2775 -g hil ${dir}, and add the runner's user to group hil (sudo usermod -aG hil ${user(env)}).`,
        };
    }
}
async function checkHomeAssistant(power, slots, env, opts) {
    const subject = `${slots.map((s) => s.id).join(", ")} power`;
    const base = { subject, ...(slots.length === 1 ? { slot: slots[0].id } : {}) };
    const token = env[power.token_env];
    if (!token) {
        return [
            {
                ...base,
                status: "fail",
                message: `the Home Assistant token variable ${power.token_env} is not set`,
                hint: `Put a long-lived access token (Home Assistant: your profile → Security → Long-lived access tokens) in the runner's .env as ${power.token_env}=…`,
            },
        ];
    }
    opts.maskSecret?.(token);
    const timeoutMs = opts.timeoutMs ?? 3000;
    const url = power.url.replace(/\/+$/, "");
    const get = (path) => fetch(`${url}${path}`, {
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
    });
    let res;
    try {
        res = await get("/api/");
    }
    catch (e) {
        const cause = e.cause;
        const why = e.name === "TimeoutError"
            ? `timed out after ${timeoutMs / 1000} s`
            : code(cause ?? e);
        return [
            {
                ...base,
                status: "fail",
                message: `Home Assistant at ${url} is unreachable (${why})`,
                hint: "Check the url in the inventory, that Home Assistant runs, and that this host can reach it.",
            },
        ];
    }
    if (res.status === 401 || res.status === 403) {
        return [
            {
                ...base,
                status: "fail",
                message: `Home Assistant at ${url} refused the token in ${power.token_env} (HTTP ${res.status})`,
                hint: `The token is wrong, revoked or expired: create a new long-lived access token and put it in ${power.token_env}.`,
            },
        ];
    }
    if (!res.ok) {
        return [
            {
                ...base,
                status: "fail",
                message: `Home Assistant at ${url} answered HTTP ${res.status} to GET /api/`,
                hint: "Is that the Home Assistant base URL (http://host:8123)? Check its logs.",
            },
        ];
    }
    const out = [
        {
            ...base,
            status: "ok",
            message: `Home Assistant at ${url} accepts the token in ${power.token_env}`,
        },
    ];
    for (const s of slots) {
        const entity = s.power.entity;
        try {
            const r = await get(`/api/states/${encodeURIComponent(entity)}`);
            if (r.status === 404) {
                out.push({
                    status: "fail",
                    subject: `${s.id} power`,
                    slot: s.id,
                    message: `Home Assistant has no entity ${entity}`,
                    hint: "Check slots[].power.entity against Home Assistant's entity list (Settings → Entities).",
                });
            }
        }
        catch {
            // reachability was reported above
        }
    }
    return out;
}
/** Run every host check for a loaded inventory. */
async function checkHost(inv, opts = {}) {
    const env = opts.env ?? process.env;
    const timeoutMs = opts.timeoutMs ?? 3000;
    const slots = opts.slot ? inv.slots.filter((s) => s.id === opts.slot) : inv.slots;
    const checks = [];
    for (const s of slots) {
        checks.push(...(s.port.startsWith("/") ? checkDevice(s, env) : [await checkRfc2217(s, timeoutMs)]));
    }
    checks.push(...sharedPorts(inv.slots));
    checks.push(checkWritableDir("lock dir", inv.lock_dir, env));
    checks.push(checkWritableDir("state dir", inv.state_dir, env));
    checks.push(checkWritableDir("cache dir", inv.cache_dir, env));
    // One Home Assistant check per (url, token variable), naming the slots that use it.
    const groups = new Map();
    for (const s of slots) {
        if (!s.power)
            continue;
        const key = `${s.power.url} ${s.power.token_env}`;
        groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const group of groups.values()) {
        checks.push(...(await checkHomeAssistant(group[0].power, group, env, { ...opts, timeoutMs })));
    }
    return checks;
}

;// CONCATENATED MODULE: ./packages/inventory/src/index.ts




;// CONCATENATED MODULE: ./packages/lifecycle/src/state.ts



/**
 * What the hooks keep beside the job's own files in `<state_dir>/jobs/<job key>/`:
 *
 * - `hook.json`: who started the job (runner key, host, repository) and how far the started
 *   hook got (`starting` → `started`, or `start-failed` with the error);
 * - `completed.json`: the completed hook finished (the report, how the lease ended);
 *
 * and, per slot, `<state_dir>/slots/<slot>.last-job.json`: the last job a hook started there,
 * so the next start can finish a job whose completed hook never ran.
 */
const HOOK_FILES = { hook: journal_src/* JOB_FILES */.e0.hook, completed: journal_src/* JOB_FILES */.e0.completed };
function readJson(file) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(file, "utf8"));
    }
    catch {
        return undefined;
    }
}
const readHookState = (jobDir) => readJson((0,external_node_path_.join)(jobDir, HOOK_FILES.hook));
const writeHookState = (jobDir, s) => (0,journal_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(jobDir, HOOK_FILES.hook), s);
const readCompleted = (jobDir) => readJson((0,external_node_path_.join)(jobDir, HOOK_FILES.completed));
const writeCompleted = (jobDir, s) => (0,journal_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(jobDir, HOOK_FILES.completed), s);
/** The gate decision the started hook recorded for `jobId`, if it did. */
function state_readForkDecision(jobDir, jobId) {
    const s = readHookState(jobDir);
    return s?.job_id === jobId && s.fork?.allowed ? s.fork : undefined;
}
const pointerPath = (stateDir, slot) => (0,external_node_path_.join)(stateDir, "slots", `${slot}.last-job.json`);
const readSlotPointer = (stateDir, slot) => readJson(pointerPath(stateDir, slot));
function writeSlotPointer(stateDir, slot, p) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(stateDir, "slots"), { recursive: true });
    (0,journal_src/* writeJsonAtomic */.ZJ)(pointerPath(stateDir, slot), p);
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/step.ts











/**
 * A hardware step as the job sees it: it checks the cancellation flag before it starts, leaves a
 * "running" marker in `<job dir>/steps/` while it runs, and ends with one `step` journal entry.
 * A step killed before it could write that entry (SIGKILL, out of memory, a crashed runner)
 * leaves its marker, and the job-completed hook records it as failed. SIGINT / SIGTERM (the
 * runner cancelling the job) are recorded at once as `cancelled` and raise the job's flag, so
 * the report says cancelled even if a SIGKILL follows.
 */
const STEPS_DIR = journal_src/* JOB_FILES */.e0.steps;
/** The step result an error stands for: cancellation, a lab failure, a set-up mistake or a crash. */
function resultOf(e) {
    if (e instanceof JobCancelledError) {
        return {
            status: e.status,
            exit_code: e.exitCode,
            summary: e.message,
            ...(e.hint ? { next_action: e.hint } : {}),
        };
    }
    const kind = e instanceof ConfigurationError
        ? "configuration"
        : e instanceof InfrastructureError
            ? "infrastructure"
            : undefined;
    const hint = e instanceof HilError ? e.hint : undefined;
    return {
        status: "failed",
        exit_code: EXIT_CODES.failed,
        summary: e instanceof Error ? e.message : String(e),
        ...(kind ? { failure_kind: kind } : {}),
        ...(hint ? { next_action: hint } : {}),
    };
}
/** The signals the runner (or a person at a terminal) stops a step with. */
const STOP_SIGNALS = (/* unused pure expression or super */ null && (["SIGINT", "SIGTERM", "SIGHUP"]));
/** A running step of a hardware job. End it with finish(), fail() or close(). */
class JobStep {
    job;
    name;
    markerPath;
    o;
    startedUtc = new Date().toISOString();
    controller = new AbortController();
    ended = false;
    timer;
    onSignal;
    signalled = 0;
    /** @internal use beginStep */
    constructor(job, name, markerPath, o) {
        this.job = job;
        this.name = name;
        this.markerPath = markerPath;
        this.o = o;
        this.timer = setInterval(() => this.poll(), o.pollMs ?? 500);
        this.timer.unref();
        if (o.signals !== false) {
            this.onSignal = (sig) => this.interrupted(sig);
            for (const sig of STOP_SIGNALS)
                process.on(sig, this.onSignal);
        }
    }
    get journal() {
        return this.job.journal;
    }
    /** Aborts (reason: JobCancelledError) when the job's flag goes up or the runner cancels the job. */
    get signal() {
        return this.controller.signal;
    }
    /** Whether the step has recorded how it ended. */
    get done() {
        return this.ended;
    }
    /** Throws JobCancelledError if the job was cancelled meanwhile: call it between phases. */
    check() {
        this.poll();
        if (this.controller.signal.aborted)
            throw this.controller.signal.reason;
    }
    /** A file the step produced (listed in the report's artifact_paths even when the step fails). */
    artifact(path) {
        this.job.journal.append({ type: "artifact", step: this.name, path });
    }
    /** Record how the step ended (once; later calls are ignored) and clear its marker. */
    finish(r) {
        if (this.ended)
            return;
        this.ended = true;
        this.job.journal.append({
            type: "step",
            step: this.name,
            status: r.status,
            exit_code: r.exit_code ?? (r.status === "success" ? 0 : EXIT_CODES[r.status]),
            summary: r.summary,
            started_utc: this.startedUtc,
            ...(r.failure_kind ? { failure_kind: r.failure_kind } : {}),
            ...(r.next_action ? { next_action: r.next_action } : {}),
        });
        this.close();
    }
    /** Record the step as ended by `e` (see resultOf) and return the result (its exit_code). */
    fail(e) {
        const r = resultOf(e);
        this.finish(r);
        return r;
    }
    /**
     * End a step whose library may have journaled its own `step` entry (flashSlot, runHilTest,
     * the power cycle): keep that entry; else record `error` (see resultOf), or success. So a
     * step that failed before its library could say so still fails the report.
     */
    end(error) {
        if (this.ended)
            return;
        const since = Date.parse(this.startedUtc);
        const own = this.job.journal
            .read()
            .entries.some((e) => e.type === "step" && e.step === this.name && Date.parse(e.at) >= since);
        if (own)
            this.close();
        else if (error === undefined)
            this.finish({ status: "success", summary: `${this.name} done` });
        else
            this.fail(error);
    }
    /**
     * Clear the marker without a step entry: for a step that appended its own `step` entry
     * (e.g. hil-test's journalEntries), or that was recorded by a signal.
     */
    close() {
        this.ended = true;
        clearInterval(this.timer);
        if (this.onSignal && this.signalled === 0) {
            for (const sig of STOP_SIGNALS)
                process.off(sig, this.onSignal);
        }
        try {
            unlinkSync(this.markerPath);
        }
        catch {
            // already gone
        }
    }
    poll() {
        if (this.controller.signal.aborted)
            return;
        const s = cancelState(this.job.jobDir);
        if (s)
            this.controller.abort(new JobCancelledError(this.job.jobId, s.reason, s));
    }
    /** Stop listening for stop signals (the process is about to end by itself). */
    release() {
        if (this.onSignal)
            for (const sig of STOP_SIGNALS)
                process.off(sig, this.onSignal);
    }
    interrupted(sig) {
        this.signalled++;
        if (this.signalled > 1) {
            if (this.o.onSignal)
                this.o.onSignal(sig, this.signalled);
            else
                process.exit(EXIT_CODES.cancelled);
            return;
        }
        const reason = `cancelled: ${this.name} received ${sig} (the job was cancelled)`;
        try {
            raiseCancelFlag(this.job.jobDir, reason, this.name);
        }
        catch {
            // the step entry below still says it
        }
        // Record first: whatever listens to the abort may end the process at once.
        if (!this.ended) {
            this.finish({
                status: "cancelled",
                exit_code: EXIT_CODES.cancelled,
                summary: `cancelled: received ${sig} while running`,
            });
        }
        this.o.host?.warn(`${this.name}: ${sig}: the job is being cancelled; recorded as cancelled.`);
        const state = cancelState(this.job.jobDir) ?? {
            reason,
            status: "cancelled",
            exitCode: EXIT_CODES.cancelled,
        };
        if (!this.controller.signal.aborted) {
            this.controller.abort(new JobCancelledError(this.job.jobId, state.reason, state));
        }
        if (this.o.onSignal) {
            this.o.onSignal(sig, 1);
            return;
        }
        const grace = this.o.exitGraceMs ?? 5000;
        if (grace > 0)
            setTimeout(() => process.exit(EXIT_CODES.cancelled), grace).unref();
    }
}
/**
 * Start a step of `job`: refuses (JobCancelledError, recorded as a `cancelled` / `timeout` step
 * entry "not started") when the job's flag is up; otherwise leaves the running marker.
 */
function beginStep(job, name, o = {}) {
    const s = cancelState(job.jobDir);
    if (s) {
        const e = new JobCancelledError(job.jobId, s.reason, s);
        job.journal.append({
            type: "step",
            step: name,
            status: s.status,
            exit_code: s.exitCode,
            summary: `not started: ${s.status === "timeout" ? "the job ran past its deadline" : s.reason}`,
        });
        throw e;
    }
    const dir = join(job.jobDir, STEPS_DIR);
    mkdirSync(dir, { recursive: true });
    const marker = {
        step: name,
        pid: process.pid,
        host: thisHost(),
        started_utc: new Date().toISOString(),
    };
    const file = join(dir, `${Date.now()}-${process.pid}-${randomBytes(3).toString("hex")}-${name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60)}.running.json`);
    writeFileSync(file, JSON.stringify(marker) + "\n");
    return new JobStep(job, name, file, o);
}
/**
 * Steps that started and never recorded how they ended (their markers are still there): append
 * a `step` entry for each and remove the marker. The job-completed hook calls this.
 */
function closeDanglingSteps(job) {
    const dir = (0,external_node_path_.join)(job.jobDir, STEPS_DIR);
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(dir)
            .filter((n) => n.endsWith(".running.json"))
            .sort();
    }
    catch {
        return [];
    }
    const cancel = cancel_cancelState(job.jobDir);
    const closed = [];
    for (const n of names) {
        const path = (0,external_node_path_.join)(dir, n);
        let m = {};
        try {
            m = JSON.parse((0,external_node_fs_.readFileSync)(path, "utf8"));
        }
        catch {
            // a marker torn by the kill: the file name still names the step
        }
        const step = m.step ?? n.replace(/^\d+-\d+-[0-9a-f]+-/, "").replace(/\.running\.json$/, "");
        const alive = m.pid !== undefined && m.host === (0,lease_src/* thisHost */.vk)() && (0,lease_src/* pidAlive */.pl)(m.pid);
        const what = alive
            ? `was still running (pid ${m.pid}) when the job ended`
            : `ended without recording a result (killed${m.pid ? `, pid ${m.pid}` : ""}: SIGKILL, out of memory, or the runner stopped)`;
        job.journal.append({
            type: "step",
            step,
            status: cancel ? cancel.status : "failed",
            exit_code: cancel ? cancel.exitCode : contracts_src/* EXIT_CODES */.ai.failed,
            summary: cancel ? `${what}; ${cancel.reason}` : what,
            ...(m.started_utc ? { started_utc: m.started_utc } : {}),
            ...(cancel
                ? {}
                : {
                    next_action: "Re-run the job; if the step is killed again, look at the runner host's memory and logs (journalctl, dmesg).",
                }),
        });
        try {
            (0,external_node_fs_.unlinkSync)(path);
        }
        catch {
            // another completion got it
        }
        closed.push(step);
    }
    return closed;
}
/**
 * A step's inventory and slot: the given slot, HIL_SLOT, the runner's label, else the slot whose
 * lease this CI job holds (GitHub does not tell steps the runner's labels).
 */
function locateSlot(o, env) {
    const { file, inventory } = loadInventory(o.inventory, env);
    try {
        return { inventory, inventoryFile: file, slot: selectSlot(inventory, file, o.slot, env) };
    }
    catch (e) {
        const who = callerIdentity(env);
        const held = o.slot
            ? undefined
            : inventory.slots.find((s) => {
                const h = leaseStatus(inventory, s.id).holder;
                return h !== undefined && holderIsCaller(h, who);
            });
        if (!held)
            throw e;
        return { inventory, inventoryFile: file, slot: held };
    }
}
/**
 * The job a step belongs to: HIL_JOB_DIR when set, else the slot's lease holder when it is this
 * CI job (or lease token), else the CI job's own job dir. The slot is found by locateSlot.
 * Throws saying what was looked for.
 */
function locateJob(o = {}) {
    const env = o.env ?? process.env;
    const where = locateSlot(o, env);
    return { ...where, job: currentJob({ inventory: where.inventory, slot: where.slot.id, env }) };
}
/**
 * What every hardware step calls first: find the job (locateJob), pass the fork gate (the
 * hook's recorded decision, else decided here), check the cancellation flag, and start the step.
 */
async function openStep(o) {
    return opened(o, locateJob(o));
}
async function opened(o, found) {
    const recorded = readForkDecision(found.job.jobDir, found.job.jobId);
    const fork = recorded ?? (await step_forkGate(o));
    const step = beginStep(found.job, o.name, o);
    return { ...found, step, fork };
}
function step_forkGate(o) {
    return assertForkAllowed({
        ...o.fork,
        env: o.env ?? process.env,
        ...(o.host ? { host: { info: o.host.info.bind(o.host), warn: o.host.warn.bind(o.host) } } : {}),
    });
}
/**
 * What the hardware actions (hil-flash, hil-test, ha-power-cycle) call first. Inside a hardware
 * job it is openStep. Outside one (a runner without the hooks, a person at a terminal) there is
 * no job to journal to or cancel, but the fork gate still guards the board.
 */
async function enterHardwareStep(o) {
    const env = o.env ?? process.env;
    const where = locateSlot(o, env);
    const job = findCurrentJob({ inventory: where.inventory, slot: where.slot.id, env });
    const opened_ = job ? await opened(o, { ...where, job }) : { ...where, fork: await step_forkGate(o) };
    const context = {
        inventory: where.inventory,
        inventoryFile: where.inventoryFile,
        slot: where.slot,
        job: job ?? null,
        ci: ciContext(env),
        ...("step" in opened_ ? { signal: opened_.step.signal } : {}),
    };
    return { ...opened_, context };
}
/**
 * Run a hardware action inside enterHardwareStep: `fn` gets the step's context (slot, inventory,
 * job, CI) and, in a job, the step; the step is ended when `fn` returns or throws (JobStep.end),
 * whatever its library journaled itself.
 */
async function withHardwareStep(o, fn) {
    const s = await enterHardwareStep(o);
    try {
        const r = await fn(s);
        s.step?.end();
        return r;
    }
    catch (e) {
        s.step?.end(e);
        throw e;
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/ci.ts
/**
 * The job's status as the CI says it, when it says it: GitLab's after_script sees
 * CI_JOB_STATUS (success, failed, canceled); GitHub's completed hook is told nothing.
 */
function ciJobStatus(ci) {
    switch (ci.gitlab.jobStatus) {
        case "success":
            return "success";
        case "failed":
            return "failure";
        case "canceled":
        case "canceling":
            return "cancelled";
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/heavy.ts
/**
 * The forge and bundle libraries (octokit, gitbeaker, @actions/artifact) are most of the hooks'
 * bundle. They are loaded on first use, after the started hook holds the slot (ncc puts them in
 * their own chunk). Loading them while the keeper starts was measured slower on a busy 2-core
 * host: both processes compete for the CPU.
 */
const loadReport = () => Promise.all(/* import() */[__webpack_require__.e(672), __webpack_require__.e(474)]).then(__webpack_require__.bind(__webpack_require__, 12982));
const loadBundle = () => Promise.all(/* import() */[__webpack_require__.e(672), __webpack_require__.e(250), __webpack_require__.e(301)]).then(__webpack_require__.bind(__webpack_require__, 34523));

;// CONCATENATED MODULE: ./packages/lifecycle/src/publish.ts

/**
 * Post `what` (the pending status, the report) to the job's forge, or say why not. The hooks
 * never fail a job over this: a missing token is a note, a refusal or an unreachable forge a
 * warning with what to do.
 */
async function publishQuietly(forge, what, post, host) {
    if (!forge)
        return [];
    if (!forge.token) {
        const token = forge.kind === "github" ? "HIL_GITHUB_TOKEN" : "HIL_GITLAB_TOKEN";
        host.info(`Not posting ${what}: no ${token} in the runner's environment.`);
        return [];
    }
    try {
        const out = await post(forge);
        for (const x of out) {
            if (x.ok)
                host.info(`posted ${x.forge} ${x.what} ${x.context}: ${x.state}`);
            else
                host.warn(`${x.error}\n${x.hint ?? ""}`.trim(), {
                    title: `${x.forge} ${x.what} (${x.state}) not posted`,
                });
        }
        return out;
    }
    catch (e) {
        host.warn(`${what} was not posted: ${(0,contracts_src/* describeError */.Uc)(e)}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/completed.ts













/** The step name the hooks journal under. */
const STARTED_STEP = "job-started hook";
function describeRelease(slot, r) {
    switch (r.how) {
        case "keeper":
            return `Released ${slot}: the lease keeper let it go.`;
        case "forced":
            return `Released ${slot}: the lease keeper was gone, so its lease was removed by its token.`;
        case "other-holder":
            return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; ${r.holder ? (0,lease_src/* describeHolder */.sG)(r.holder) : "someone else"} holds it now and was not touched.`;
        case "already-ended":
            return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; nothing to release.`;
    }
}
/** The job's invocation.json when it is there and valid (finishJob says what is wrong with it). */
const validInvocation = (jobDir) => (0,journal_src/* readInvocation */.rm)(jobDir).invocation;
/** Release the job's lease, whatever state the keeper and lease.json are in. */
async function releaseJobSlot(inv, slot, jobDir, jobId) {
    if ((0,lease_src/* readJobLease */._$)(jobDir))
        return (0,lease_src/* releaseJobLease */.HL)(inv, slot, { jobDir });
    // No lease.json (the started hook died right after the keeper claimed): find it by job id.
    const h = (0,lease_src/* leaseStatus */.pt)(inv, slot).holder;
    if (h && h.job_id === jobId && h.kind === "job") {
        return (0,lease_src/* releaseJobLease */.HL)(inv, slot, { token: h.token, jobDir });
    }
    const ended = (0,lease_src/* readLeaseEnded */.kG)(jobDir);
    return { released: false, how: "already-ended", ...(ended ? { ended } : {}) };
}
/**
 * End a job: record what its steps could not (a started hook that died half-way, steps killed
 * before they wrote their result), write its ws2.report.v1, release its bundle pins and its
 * lease, then publish. Each part runs whatever happened to the ones before; the lease is
 * released before publishing so the slot is free while the forge is slow. Idempotent: a job
 * already completed only has its lease checked.
 */
async function completeJobDir(o) {
    const { host, jobDir, inventory: inv } = o;
    const { finishJob, identityFromCi, publishReport, reportMarkdown, writeReport } = await loadReport();
    const state = readHookState(jobDir);
    const journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, lease_src/* JOB_FILES */.e0.journal));
    const invocation = validInvocation(jobDir);
    const jobId = state?.job_id ?? invocation?.job_id ?? (0,src/* ciContext */.U)(o.env).jobId;
    const slot = state?.slot ?? invocation?.slot ?? (0,lease_src/* readJobLease */._$)(jobDir)?.slot ?? o.slot;
    const result = {
        jobId,
        jobDir,
        outcome: "completed",
        outcomes: [],
        problems: [],
        leaseStuck: false,
        ...(slot ? { slot } : {}),
    };
    const problem = (what, e) => {
        const text = `${what}: ${(0,contracts_src/* describeError */.Uc)(e)}`;
        result.problems.push(text);
        host.error(text);
    };
    const release = async () => {
        if (!slot) {
            problem("Cannot release the lease", new Error("the job's slot is unknown (no hook.json, invocation.json or lease.json, and HIL_SLOT is not set)"));
            result.leaseStuck = true;
            return;
        }
        try {
            result.lease = await releaseJobSlot(inv, slot, jobDir, jobId);
            host.info(describeRelease(slot, result.lease));
        }
        catch (e) {
            result.leaseStuck = true;
            problem(`Could not release ${slot}`, e);
        }
    };
    const done = readCompleted(jobDir);
    if (done) {
        result.outcome = "already-completed";
        host.info(`Job ${jobId} was already completed at ${done.at} (${done.status ?? "no report"}${done.report_path ? `, ${done.report_path}` : ""}); nothing more to report.`);
        await release();
        return result;
    }
    // What the steps could not say themselves.
    if (state?.phase === "starting") {
        journal.append({
            type: "step",
            step: STARTED_STEP,
            status: "failed",
            exit_code: contracts_src/* EXIT_CODES */.ai.failed,
            failure_kind: "infrastructure",
            summary: "the job-started hook ended before it finished (killed?)",
            next_action: "Re-run the job; if it happens again, look at the runner's log for the job-started hook.",
        });
    }
    for (const step of closeDanglingSteps({ jobDir, journal })) {
        host.warn(`Step ${step} of job ${jobId} never recorded how it ended; recorded as failed.`);
    }
    let report;
    try {
        // Only needed when invocation.json is unusable (the started hook died before writing it).
        const fromEnv = identityFromCi((0,src/* ciContext */.U)(o.env), slot);
        const identity = fromEnv?.jobId === jobId ? fromEnv : slot ? { jobId, lockKey: slot, slot } : undefined;
        const res = await finishJob({
            jobDir,
            host,
            env: o.env,
            forge: null,
            summary: false,
            ...(o.jobStatus ? { jobStatus: o.jobStatus } : {}),
            ...(identity ? { identity } : {}),
        });
        report = res.report;
        result.report = res.report;
        result.reportPath = res.reportPath;
    }
    catch (e) {
        problem(`Could not write the report of ${jobId}`, e);
    }
    // A copy in the job's workspace, where GitLab's `artifacts: paths: [hil-out/]` (uploaded after
    // after_script) picks it up, as report-status leaves it on GitHub.
    const workdir = invocation?.workdir;
    if (report && o.by === "completed-hook" && workdir && (0,external_node_fs_.existsSync)(workdir)) {
        const copy = (0,external_node_path_.join)(workdir, "hil-out", report.slot ?? report.lock_key, "ws2-report.json");
        try {
            writeReport(report, copy, host);
        }
        catch (e) {
            host.warn(`Could not copy the report to ${copy}: ${(0,contracts_src/* describeError */.Uc)(e)}`);
        }
    }
    try {
        const { BundleCache } = await loadBundle();
        const n = await new BundleCache({ dir: inv.cache_dir }).releaseHolder(jobId);
        if (n)
            host.info(`Released ${n} bundle pin(s) of ${jobId} in ${inv.cache_dir}.`);
    }
    catch (e) {
        host.warn(`Could not release the bundle pins of ${jobId}: ${(0,contracts_src/* describeError */.Uc)(e)} (they expire by themselves).`);
    }
    await release();
    if (report) {
        const r = report;
        result.outcomes = await publishQuietly(o.forge, "the report", (forge) => publishReport(r, host, { forge, env: o.env }), host);
    }
    if (report && o.by === "completed-hook") {
        try {
            await host.writeSummary(reportMarkdown(report, result.outcomes, `hil ${report.slot ?? ""}`.trim()));
        }
        catch {
            // the summary is a courtesy
        }
    }
    writeCompleted(jobDir, {
        at: new Date().toISOString(),
        ...(report ? { status: report.status } : {}),
        ...(result.reportPath ? { report_path: result.reportPath } : {}),
        lease: result.lease?.how ?? "none",
        published: result.outcomes.length > 0 && result.outcomes.every((x) => x.ok),
        by: o.by,
    });
    if (state && state.phase === "starting")
        writeHookState(jobDir, { ...state, phase: "start-failed" });
    return result;
}
/**
 * The job-completed hook (ACTIONS_RUNNER_HOOK_JOB_COMPLETED, GitLab's after_script): find this
 * CI job's directory by its job id (the hooks' environment does not carry what the started
 * hook exported) and complete it. Runs after a failed, cancelled or crashed job and after a
 * failed started hook alike; a second run, or a run after the keeper already ended the lease at
 * the deadline, says so and does nothing else.
 */
async function jobCompleted(o) {
    const env = o.env ?? process.env;
    const host = o.host;
    const { file, inventory } = load_loadInventory(o.inventoryFile, env);
    const ci = (0,src/* ciContext */.U)(env);
    const jobDir = env.HIL_JOB_DIR || (0,lease_src/* jobDirFor */.A0)(inventory, ci.jobId);
    const jobStatus = o.jobStatus ?? ciJobStatus(ci);
    let slot;
    try {
        slot = select_selectSlot(inventory, file, undefined, env).id;
    }
    catch {
        // the job dir names it
    }
    if (!(0,external_node_fs_.existsSync)(jobDir)) {
        const result = {
            jobId: ci.jobId,
            outcome: "not-started",
            outcomes: [],
            problems: [],
            leaseStuck: false,
            ...(slot ? { slot } : {}),
        };
        // The job dir is gone but the slot may still be ours (removed by hand): release by job id.
        const h = slot ? (0,lease_src/* leaseStatus */.pt)(inventory, slot).holder : undefined;
        if (slot && h && h.kind === "job" && h.job_id === ci.jobId) {
            result.lease = await (0,lease_src/* releaseJobLease */.HL)(inventory, slot, { token: h.token });
            host.info(describeRelease(slot, result.lease));
        }
        host.info(`Nothing to complete for job ${ci.jobId}: the job-started hook did not start it (no ${jobDir}).` +
            (slot
                ? ` Slot ${slot} is ${(0,lease_src/* leaseStatus */.pt)(inventory, slot).holder ? "held by another job" : "free"}.`
                : ""));
        return result;
    }
    const forge = (await loadReport()).forgeFromCi(ci);
    const res = await completeJobDir({
        inventory,
        jobDir,
        host,
        env,
        by: "completed-hook",
        ...(forge ? { forge } : {}),
        ...(jobStatus ? { jobStatus } : {}),
        ...(slot ? { slot } : {}),
    });
    try {
        pruneJobDirs(inventory, hookSettings(env).retentionDays, jobDir);
    }
    catch (e) {
        host.debug(`pruning old job dirs: ${(0,contracts_src/* describeError */.Uc)(e)}`);
    }
    return res;
}
/**
 * Remove completed job directories older than `days` (their completed.json is older), never
 * `keep`. Returns how many were removed.
 */
function pruneJobDirs(site, days, keep) {
    if (days <= 0)
        return 0;
    const root = (0,external_node_path_.join)(site.state_dir, "jobs");
    const cutoff = Date.now() - days * 86_400_000;
    let removed = 0;
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(root);
    }
    catch {
        return 0;
    }
    for (const name of names) {
        const dir = (0,external_node_path_.join)(root, name);
        if (dir === keep)
            continue;
        try {
            if ((0,external_node_fs_.statSync)((0,external_node_path_.join)(dir, HOOK_FILES.completed)).mtimeMs < cutoff) {
                (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
                removed++;
            }
        }
        catch {
            // not completed (still running, or a crashed job the next start completes)
        }
    }
    return removed;
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/started.ts













/**
 * If the last job started on this slot never completed (its completed hook did not run: the
 * runner service stopped, a GitLab job without the after_script), complete it now, when that
 * is safe: its lease has ended, or it is still held by this very runner process (which runs one
 * job at a time, so that job is over). A job of another runner sharing the slot is left alone.
 */
async function recoverPrevious(inv, slot, ci, host, env) {
    const p = readSlotPointer(inv.state_dir, slot);
    if (!p || p.job_id === ci.jobId || !(0,external_node_fs_.existsSync)(p.job_dir) || readCompleted(p.job_dir)) {
        return undefined;
    }
    const status = (0,lease_src/* leaseStatus */.pt)(inv, slot);
    const h = status.holder;
    const stillHeld = h?.job_id === p.job_id && status.state === "held";
    if (stillHeld && !(p.runner_key === ci.runnerKey && p.host === ci.host))
        return undefined;
    host.warn(`The previous job on ${slot}, ${p.job_id}, never completed (its job-completed hook did not run${stillHeld ? "; this runner has moved on, so it is over" : ""}): completing it now.`);
    // Publish only to the same repository; its status link would point at this run, so drop it.
    const prev = readHookState(p.job_dir);
    let forge = prev?.repo && prev.repo === ci.repo ? (await loadReport()).forgeFromCi(ci) : undefined;
    if (forge) {
        forge = { ...forge };
        delete forge.targetUrl;
        if (forge.kind === "gitlab")
            delete forge.pipelineId;
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
async function prefetchBundle(env, inv, jobId, settings, host, journal) {
    if (!settings.prefetch)
        return undefined;
    const ci = (0,src/* ciContext */.U)(env);
    const github = ci.forge === "github";
    const configured = env.HIL_BUNDLE ||
        (github && env.HIL_GITHUB_TOKEN) ||
        (ci.forge === "gitlab" &&
            (env.HIL_GITLAB_TOKEN || (ci.gitlab.jobToken && env.HIL_BUNDLE_JOB_ID)));
    if (!configured) {
        host.info(`Not fetching the bundle now (no ${github ? "HIL_GITHUB_TOKEN" : "HIL_GITLAB_TOKEN"} in the runner's environment): hil-flash fetches it.`);
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
        host.info(`Bundle ${b.digest.slice(0, 12)} of ${sha} ${b.cacheHit ? "was already in" : "is now in"} the host cache (${b.source}).`);
        journal.append({
            type: "note",
            step: STARTED_STEP,
            text: `bundle ${b.digest} of ${sha} in the host cache (${b.cacheHit ? "hit" : "fetched"})`,
        });
        return { digest: b.digest, cacheHit: b.cacheHit, sha };
    }
    catch (e) {
        // Not fatal: in a workflow_run set-up only the steps may know the SHA, or the build may
        // still be uploading. hil-flash fetches it and fails loudly if it really is missing.
        host.warn(`Not fetching the bundle now: ${(0,contracts_src/* describeError */.Uc)(e)}\nhil-flash fetches it itself.`);
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
async function jobStarted(o) {
    const env = o.env ?? process.env;
    const host = o.host;
    const t0 = o.startedAt ?? performance.timeOrigin;
    const since = () => Math.round(Date.now() - t0);
    const loaded = since();
    const settings = hookSettings(env);
    const { file, inventory } = load_loadInventory(o.inventoryFile, env);
    const slot = select_selectSlot(inventory, file, undefined, env);
    const ci = (0,src/* ciContext */.U)(env);
    host.info(`hil: job ${ci.jobId} on slot ${slot.id} (${slot.label}, ${slot.chip}), runner ${ci.runner} on ${ci.host}.`);
    // Refusals that take nothing.
    const fork = await fork_assertForkAllowed({
        env,
        host,
        label: settings.forkLabel ?? "",
        ...(settings.forkEnvironment ? { environment: settings.forkEnvironment } : {}),
        ...(o.fetch ? { fetch: o.fetch } : {}),
    });
    host.info(`Fork gate: ${fork.why}.`);
    (0,lease_src/* assertHealthy */.Eb)(inventory, slot.id);
    let jobDir = (0,lease_src/* jobDirFor */.A0)(inventory, ci.jobId);
    if ((0,external_node_fs_.existsSync)(jobDir)) {
        // The same job started twice on this host: finish what the first start left, keep it aside.
        if (!readCompleted(jobDir)) {
            await completeJobDir({ inventory, jobDir, host, env, by: "next-start", slot: slot.id });
        }
        (0,external_node_fs_.renameSync)(jobDir, `${jobDir}.${Date.now()}`);
    }
    jobDir = (0,lease_src/* createJobDir */.XG)(inventory, ci.jobId);
    const journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, lease_src/* JOB_FILES */.e0.journal));
    const state = {
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
    let lease;
    try {
        const recovered = await recoverPrevious(inventory, slot.id, ci, host, env);
        const watchPid = o.watchPid ?? (ci.forge === "github" ? (0,lease_src/* findAncestorPid */.oJ)(/^Runner\.Worker$/) : undefined);
        lease = await (0,lease_src/* claimJobLease */.O2)(inventory, {
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
            onWait: (s) => host.info(`Waiting up to ${settings.leaseWaitSec} s for slot ${slot.id}: held by ${s.holder ? (0,lease_src/* describeHolder */.sG)(s.holder) : "someone"}.`),
        });
        const leaseHeldMs = since();
        host.info(`Holding ${slot.id} for ${ci.jobId} until ${lease.record.deadline} (timeout ${settings.timeoutSec} s, lease keeper pid ${lease.keeperPid}); ${leaseHeldMs} ms after the hook started.`);
        if (lease.tookOver) {
            host.warn(`Took ${slot.id} over from ${lease.tookOver.holder ? (0,lease_src/* describeHolder */.sG)(lease.tookOver.holder) : "a dead holder"}, whose lease had gone stale.`);
        }
        const inv = (0,contracts_src/* parseWith */.Ku)(contracts_src/* invocation */.He, {
            schema_version: contracts_src/* INVOCATION_SCHEMA_VERSION */.KO,
            job_id: ci.jobId,
            target_role: "runner",
            requested_by: ci.requestedBy,
            request_utc: new Date(t0).toISOString(),
            command: ci.command,
            timeout_sec: settings.timeoutSec,
            lock_key: slot.id,
            lane: "local-hil",
            slot: slot.id,
            ...(ci.commitSha && contracts_src/* commitSha */.mJ.safeParse(ci.commitSha).success
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
        }, (0,external_node_path_.join)(jobDir, lease_src/* JOB_FILES */.e0.invocation));
        (0,lease_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(jobDir, lease_src/* JOB_FILES */.e0.invocation), inv);
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
            loadReport().then(({ forgeFromCi, publishPending }) => publishQuietly(forgeFromCi(ci), "pending", (forge) => publishPending(inv, host, { env, forge }), host)),
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
        host.debug(`timings since the hook process started: loaded ${loaded} ms, checked ${checked} ms, lease held ${leaseHeldMs} ms, ready ${timings.ready} ms`);
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
    }
    catch (e) {
        if (!lease) {
            // Nothing was taken: leave nothing behind, so the completed hook has nothing to do.
            (0,external_node_fs_.rmSync)(jobDir, { recursive: true, force: true });
            throw e;
        }
        const hint = e instanceof contracts_src/* HilError */.ee ? e.hint : undefined;
        journal.append({
            type: "step",
            step: STARTED_STEP,
            status: "failed",
            exit_code: contracts_src/* EXIT_CODES */.ai.failed,
            failure_kind: e instanceof contracts_src/* InfrastructureError */.EN ? "infrastructure" : "configuration",
            summary: (0,contracts_src/* describeError */.Uc)(e).split("\n")[0],
            ...(hint ? { next_action: hint } : {}),
        });
        try {
            await (0,lease_src/* releaseJobLease */.HL)(inventory, slot.id, { jobDir });
        }
        catch (r) {
            host.error(`Could not release ${slot.id} after the failure: ${(0,contracts_src/* describeError */.Uc)(r)}`);
        }
        await loadBundle()
            .then(({ BundleCache }) => new BundleCache({ dir: inventory.cache_dir }).releaseHolder(ci.jobId))
            .catch(() => 0);
        writeHookState(jobDir, { ...state, phase: "start-failed", error: (0,contracts_src/* describeError */.Uc)(e) });
        throw e;
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/hook.ts





/**
 * Where the started hook leaves the steps' variables:
 * - GITHUB_ENV (`NAME=value` lines): the runner documents environment files for hooks; steps
 *   still do not rely on it (they find the job through the slot's lease);
 * - HIL_HOOK_ENV_FILE (`export NAME='value'` lines): the GitLab pre_build_script sources it in
 *   the job's own shell, so the job's script sees the variables.
 */
function exportToEnvFiles(env) {
    return (vars) => {
        const entries = Object.entries(vars).filter(([, v]) => !/[\r\n]/.test(v));
        const githubEnv = (0,src/* ciContext */.U)(env).files.env;
        if (githubEnv) {
            (0,external_node_fs_.appendFileSync)(githubEnv, entries.map(([k, v]) => `${k}=${v}\n`).join(""));
        }
        if (env.HIL_HOOK_ENV_FILE) {
            const q = (v) => `'${v.replace(/'/g, `'\\''`)}'`;
            (0,external_node_fs_.appendFileSync)(env.HIL_HOOK_ENV_FILE, entries.map(([k, v]) => `export ${k}=${q(v)}\n`).join(""));
        }
    };
}
/**
 * One hook run, as the runner-hooks bundle and `hil hook` do it; resolves to the exit code.
 * started: 0 when the job may run, 1 when it was refused or failed (the job then fails, and the
 * message says what to do). completed: 0 whatever the job did (publishing problems only warn),
 * 1 only when the slot's lease could not be released or the job could not be completed at all.
 */
async function runHook(phase, o) {
    const env = o.env ?? process.env;
    const { host } = o;
    const ci = (0,src/* ciContext */.U)(env);
    for (const t of [ci.tokens.github, ci.tokens.gitlab, ci.gitlab.jobToken]) {
        if (t)
            host.maskSecret(t);
    }
    try {
        if (phase === "started") {
            await jobStarted({
                env,
                host,
                exportEnv: exportToEnvFiles(env),
                ...(o.keeper ? { keeper: o.keeper } : {}),
                ...(o.fetch ? { fetch: o.fetch } : {}),
                ...(o.inventoryFile ? { inventoryFile: o.inventoryFile } : {}),
            });
            return 0;
        }
        if (phase === "completed") {
            const r = await jobCompleted({
                env,
                host,
                ...(o.inventoryFile ? { inventoryFile: o.inventoryFile } : {}),
            });
            return r.leaseStuck ? 1 : 0;
        }
        host.error(`The hook phase must be started or completed, not ${phase ?? "nothing"}.`);
        return 2;
    }
    catch (e) {
        host.error(host.redact((0,contracts_src/* describeError */.Uc)(e)));
        if (!(e instanceof contracts_src/* HilError */.ee) && e instanceof Error && e.stack)
            host.debug(e.stack);
        return 1;
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/index.ts
// @hil/lifecycle: a hardware job from start to end. The runner hooks (GitHub's job started /
// completed, GitLab's pre_build_script / after_script), `hil hook`, `hil step`, `hil cancel`
// and the hardware actions are thin doors onto it. See docs/runner-setup.md.










;// CONCATENATED MODULE: ./runner-hooks/src/hooks.ts




/** The Host of a hook: workflow commands on GitHub, sections on GitLab, plain lines elsewhere. */
function hostFor(env) {
    const ci = (0,src/* ciContext */.U)(env);
    return ci.forge === "github" ? new github_host_GitHubHost() : (0,host_src/* hostForCi */.CH)(ci);
}
function runHooks(phase, env) {
    return runHook(phase, { env, host: hostFor(env) });
}


/***/ })

};
