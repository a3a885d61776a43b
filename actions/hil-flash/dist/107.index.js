export const id = 107;
export const ids = [107];
export const modules = {

/***/ 97309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QL: () => (/* binding */ inputs),
/* harmony export */   hr: () => (/* binding */ ACTION)
/* harmony export */ });
/* unused harmony export OUTPUTS */
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10104);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);


const ACTION = "hil-flash";
const inputs = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    slot: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    inventory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    bundle: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "github-token": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    baud: _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .intInput */ .O1.pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(9600).max(5_000_000)).optional(),
    "skip-unchanged": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(true),
    verify: _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(true),
});
const OUTPUTS = (/* unused pure expression or super */ null && ([
    "chip",
    "mac",
    "port",
    "bytes-written",
    "compressed-bytes",
    "sectors-written",
    "sectors-skipped",
    "seconds",
    "recovery-events",
]));


/***/ }),

/***/ 80197:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10104);
/* harmony import */ var _hil_flasher__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97130);
/* harmony import */ var _hil_lifecycle__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(726);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97309);




await (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(async (host) => {
    const i = (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(_inputs__WEBPACK_IMPORTED_MODULE_3__/* .inputs */ .QL, _inputs__WEBPACK_IMPORTED_MODULE_3__/* .ACTION */ .hr, ["github-token"]);
    // The fork gate and the job's cancellation flag, before the slot is touched.
    const where = {
        ...(i.slot ? { slot: i.slot } : {}),
        ...(i.inventory ? { inventory: i.inventory } : {}),
    };
    await (0,_hil_lifecycle__WEBPACK_IMPORTED_MODULE_2__/* .withHardwareStep */ .Jx)({ name: _inputs__WEBPACK_IMPORTED_MODULE_3__/* .ACTION */ .hr, host, ...where }, async ({ context }) => {
        const events = [];
        let board;
        try {
            const r = await (0,_hil_flasher__WEBPACK_IMPORTED_MODULE_1__/* .flashSlot */ .Pn)({
                host,
                context,
                ...(i.bundle ? { bundle: i.bundle } : {}),
                ...(i["github-token"] ? { token: i["github-token"] } : {}),
                ...(i.baud ? { baud: i.baud } : {}),
                skipUnchanged: i["skip-unchanged"],
                verify: i.verify,
                onRecovery: (e) => events.push(e),
                onBoard: (b) => (board = b),
            });
            host.setOutput("bytes-written", r.bytesWritten);
            host.setOutput("compressed-bytes", r.compressedBytes);
            host.setOutput("sectors-written", r.sectorsWritten);
            host.setOutput("sectors-skipped", r.sectorsSkipped);
            host.setOutput("seconds", r.seconds.toFixed(2));
        }
        finally {
            // Also after a failure: which board answered and what the recovery ladder did.
            if (board) {
                host.setOutput("chip", board.chip ?? board.description);
                host.setOutput("mac", board.mac);
                host.setOutput("port", board.port);
            }
            host.setOutput("recovery-events", JSON.stringify(events));
        }
    });
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 10104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tE: () => (/* reexport */ booleanInput),
  O1: () => (/* reexport */ intInput),
  Ko: () => (/* reexport */ readInputs),
  Cs: () => (/* reexport */ runAction)
});

// UNUSED EXPORTS: GitHubHost, secondsInput

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var src = __webpack_require__(11287);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
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
class GitHubHost {
    redactor = new host_src/* Redactor */.pO();
    info(message) {
        core/* info */.pq(this.redactor.redact(message));
    }
    debug(message) {
        core/* debug */.Yz(this.redactor.redact(message));
    }
    warn(message, where) {
        core/* warning */.$e(this.redactor.redact(message), props(where));
    }
    error(message, where) {
        core/* error */.z3(this.redactor.redact(message), props(where));
    }
    group(name, fn) {
        return core/* group */.Os(this.redactor.redact(name), fn);
    }
    maskSecret(secret) {
        core/* setSecret */.Pq(secret);
        this.redactor.add(secret);
    }
    redact(text) {
        return this.redactor.redact(text);
    }
    setOutput(name, value) {
        core/* setOutput */.uH(name, this.redactor.redact(String(value)));
    }
    async writeSummary(markdown) {
        if (!(0,src/* ciContext */.U)().files.summary)
            return;
        await core/* summary */.z.addRaw(this.redactor.redact(markdown), true).write();
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
        const v = core/* getInput */.V4(name);
        if (v !== "")
            raw[name] = v;
    }
    for (const name of secrets)
        if (raw[name])
            core/* setSecret */.Pq(raw[name]);
    return (0,contracts_src/* parseWith */.Ku)(schema, raw, `the inputs of ${action}`, "Fix the step's `with:` block in the workflow.");
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
        core/* setFailed */.C1(host.redact((0,contracts_src/* describeError */.Uc)(e)));
        // Errors that carry their own exit code (a cancelled job: 130, a timeout: 124) keep it.
        const code = e.exitCode;
        if (typeof code === "number" && code > 0)
            process.exitCode = code;
    }
}

;// CONCATENATED MODULE: ./packages/actions-kit/src/index.ts





/***/ }),

/***/ 11287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* reexport */ PULL_REQUEST_EVENTS),
  U: () => (/* reexport */ ciContext)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
;// CONCATENATED MODULE: ./packages/ci/src/event.ts
/** Events whose payload carries `pull_request`, and whose run may execute the PR's code. */
const PULL_REQUEST_EVENTS = [
    "pull_request",
    "pull_request_target",
    "pull_request_review",
    "pull_request_review_comment",
];

;// CONCATENATED MODULE: ./packages/ci/src/context.ts




const nonEmpty = (v) => (v ? v : undefined);
function user(env) {
    try {
        return (0,external_node_os_.userInfo)().username;
    }
    catch {
        return env.USER || env.LOGNAME || `uid-${process.getuid?.() ?? "?"}`;
    }
}
function labelsOf(env) {
    const labels = new Set();
    for (const l of (env.HIL_RUNNER_LABELS ?? "").split(","))
        if (l.trim())
            labels.add(l.trim());
    const tags = [];
    if (env.CI_RUNNER_TAGS) {
        try {
            const parsed = JSON.parse(env.CI_RUNNER_TAGS);
            if (Array.isArray(parsed))
                for (const t of parsed)
                    if (typeof t === "string")
                        tags.push(t);
        }
        catch {
            for (const t of env.CI_RUNNER_TAGS.split(","))
                if (t.trim())
                    tags.push(t.trim());
        }
    }
    for (const t of tags)
        labels.add(t);
    if (env.RUNNER_NAME)
        labels.add(env.RUNNER_NAME);
    return { labels: [...labels], tags };
}
function readEventFile(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path) {
        throw new src/* ConfigurationError */.j1("GITHUB_EVENT_PATH is not set, so hil cannot tell whether this job runs a fork's pull request.", { hint: "The GitHub runner sets it for every job and hook; run this inside a GitHub job." });
    }
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, "utf8"));
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`Cannot read the event payload ${path} (${e.code ?? e.message}), so hil cannot tell whether this job runs a fork's pull request.`, { hint: "The GitHub runner writes it for every job; check the runner's temp dir and disk." });
    }
}
function once(f) {
    let done = false;
    let value;
    let error;
    return () => {
        if (!done) {
            try {
                value = f();
            }
            catch (e) {
                error = e;
            }
            done = true;
        }
        if (error !== undefined)
            throw error;
        return value;
    };
}
function github(env, base) {
    const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    const eventName = nonEmpty(env.GITHUB_EVENT_NAME);
    const event = once(() => readEventFile(env));
    const quietEvent = () => {
        try {
            return event();
        }
        catch {
            return undefined;
        }
    };
    // The legs of a matrix job share GITHUB_JOB; each runs on its own runner (one per slot), so
    // the runner's name tells them apart: gh-8121934471-1-hil@esp32-hut-01.
    const leg = env.RUNNER_NAME ? `@${env.RUNNER_NAME.replace(/[^A-Za-z0-9._-]+/g, "-")}` : "";
    const runId = nonEmpty(env.GITHUB_RUN_ID);
    const runAttempt = env.GITHUB_RUN_ATTEMPT || "1";
    const jobName = nonEmpty(env.GITHUB_JOB);
    const change = once(() => {
        const ev = quietEvent();
        const pr = eventName && PULL_REQUEST_EVENTS.includes(eventName) ? ev?.pull_request : undefined;
        if (!pr)
            return undefined;
        const head = pr.head?.repo;
        const baseRepo = pr.base?.repo ?? ev?.repository;
        const same = head != null &&
            (head.id !== undefined && baseRepo?.id !== undefined
                ? head.id === baseRepo.id
                : head.full_name === (baseRepo?.full_name ?? repo));
        const target = baseRepo?.full_name ?? repo;
        return {
            ...(pr.number !== undefined ? { number: pr.number } : {}),
            ...(pr.head?.sha ? { headSha: pr.head.sha } : {}),
            ...(head?.full_name ? { source: head.full_name } : {}),
            ...(target ? { target } : {}),
            fromFork: !same,
            labels: (pr.labels ?? []).flatMap((l) => (l.name ? [l.name] : [])),
        };
    });
    const jobSha = nonEmpty(env.GITHUB_SHA);
    const run = eventName === "workflow_run" ? quietEvent()?.workflow_run : undefined;
    const commitSha = change()?.headSha ?? run?.head_sha ?? jobSha;
    const buildSha = run?.head_sha ?? jobSha;
    const runner = env.RUNNER_NAME || base.runner;
    return {
        ...base,
        forge: "github",
        ...(repo ? { repo } : {}),
        ...(jobSha ? { jobSha } : {}),
        ...(commitSha ? { commitSha } : {}),
        ...(buildSha ? { buildSha } : {}),
        ...(run?.id ? { buildRunId: String(run.id) } : {}),
        ...(env.GITHUB_REF_NAME ? { ref: env.GITHUB_REF_NAME } : {}),
        ...(runId ? { runId, runAttempt } : {}),
        ...(jobName ? { jobName } : {}),
        jobId: runId && jobName ? `gh-${runId}-${runAttempt}-${jobName}${leg}` : base.jobId,
        runner,
        runnerKey: `gh:${runner}`,
        requestedBy: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || base.requestedBy,
        command: [
            "github-actions",
            env.GITHUB_WORKFLOW || env.GITHUB_WORKFLOW_REF || "workflow",
            env.GITHUB_JOB || "job",
        ],
        ...(env.GITHUB_WORKSPACE ? { workspace: env.GITHUB_WORKSPACE } : {}),
        ...(env.RUNNER_TEMP ? { tempDir: env.RUNNER_TEMP } : {}),
        serverUrl: server,
        apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/$/, ""),
        ...(repo && runId ? { url: `${server}/${repo}/actions/runs/${runId}` } : {}),
        ...(eventName ? { eventName } : {}),
        event,
        change,
        files: {
            ...(env.GITHUB_ENV ? { env: env.GITHUB_ENV } : {}),
            ...(env.GITHUB_OUTPUT ? { output: env.GITHUB_OUTPUT } : {}),
            ...(env.GITHUB_STEP_SUMMARY ? { summary: env.GITHUB_STEP_SUMMARY } : {}),
        },
    };
}
function gitlab(env, base) {
    const repo = nonEmpty(env.CI_PROJECT_PATH);
    const sha = nonEmpty(env.CI_COMMIT_SHA);
    const runner = env.CI_RUNNER_DESCRIPTION || base.runner;
    const mr = env.CI_MERGE_REQUEST_IID
        ? {
            ...(env.CI_MERGE_REQUEST_IID ? { iid: env.CI_MERGE_REQUEST_IID } : {}),
            ...(env.CI_MERGE_REQUEST_PROJECT_ID ? { projectId: env.CI_MERGE_REQUEST_PROJECT_ID } : {}),
            ...(env.CI_MERGE_REQUEST_PROJECT_PATH
                ? { projectPath: env.CI_MERGE_REQUEST_PROJECT_PATH }
                : {}),
            ...(env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID
                ? { sourceProjectId: env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID }
                : {}),
            ...(env.CI_MERGE_REQUEST_SOURCE_PROJECT_PATH
                ? { sourceProjectPath: env.CI_MERGE_REQUEST_SOURCE_PROJECT_PATH }
                : {}),
        }
        : undefined;
    const timeout = Number(env.CI_JOB_TIMEOUT);
    const pipelineId = Number(env.CI_PIPELINE_ID);
    const facts = {
        ...(env.CI_JOB_ID ? { jobId: env.CI_JOB_ID } : {}),
        ...(env.CI_PROJECT_ID ? { projectId: env.CI_PROJECT_ID } : {}),
        ...(Number.isInteger(pipelineId) && pipelineId > 0 ? { pipelineId } : {}),
        ...(env.CI_PIPELINE_URL ? { pipelineUrl: env.CI_PIPELINE_URL } : {}),
        ...(env.CI_PIPELINE_SOURCE ? { pipelineSource: env.CI_PIPELINE_SOURCE } : {}),
        ...(mr ? { mergeRequest: mr } : {}),
        ...(env.CI_RUNNER_ID ? { runnerId: env.CI_RUNNER_ID } : {}),
        ...(env.CI_CONCURRENT_ID ? { concurrentId: env.CI_CONCURRENT_ID } : {}),
        ...(env.CI_JOB_STATUS ? { jobStatus: env.CI_JOB_STATUS } : {}),
        ...(Number.isInteger(timeout) && timeout > 0 ? { jobTimeoutSec: timeout } : {}),
        ...(env.CI_JOB_TOKEN ? { jobToken: env.CI_JOB_TOKEN } : {}),
        runnerTags: base.gitlab.runnerTags,
        ...(env.GITLAB_USER_LOGIN ? { userLogin: env.GITLAB_USER_LOGIN } : {}),
    };
    const change = once(() => {
        if (!mr)
            return undefined;
        const source = mr.sourceProjectPath ?? mr.sourceProjectId;
        const target = mr.projectPath ?? mr.projectId;
        return {
            number: Number(mr.iid),
            ...(sha ? { headSha: sha } : {}),
            ...(source ? { source } : {}),
            ...(target ? { target } : {}),
            fromFork: !!mr.sourceProjectId && !!mr.projectId && mr.sourceProjectId !== mr.projectId,
            labels: (env.CI_MERGE_REQUEST_LABELS ?? "").split(",").filter(Boolean),
        };
    });
    const server = env.CI_SERVER_URL?.replace(/\/$/, "");
    const url = env.CI_JOB_URL || env.CI_PIPELINE_URL;
    return {
        ...base,
        forge: "gitlab",
        ...(repo ? { repo } : {}),
        ...(sha ? { jobSha: sha, commitSha: sha, buildSha: sha } : {}),
        ...(env.CI_COMMIT_REF_NAME ? { ref: env.CI_COMMIT_REF_NAME } : {}),
        ...(env.CI_PIPELINE_ID ? { runId: env.CI_PIPELINE_ID } : {}),
        ...(env.CI_JOB_NAME ? { jobName: env.CI_JOB_NAME } : {}),
        jobId: env.CI_JOB_ID ? `gl-${env.CI_JOB_ID}` : base.jobId,
        runner,
        runnerKey: `gl:${env.CI_RUNNER_ID ?? env.CI_RUNNER_DESCRIPTION ?? runner}:${env.CI_CONCURRENT_ID ?? "0"}`,
        requestedBy: env.GITLAB_USER_LOGIN || base.requestedBy,
        command: ["gitlab-ci", env.CI_PROJECT_PATH || "project", env.CI_JOB_NAME || "job"],
        ...(env.CI_PROJECT_DIR ? { workspace: env.CI_PROJECT_DIR } : {}),
        ...(server ? { serverUrl: server } : {}),
        ...(url ? { url } : {}),
        event: () => undefined,
        change,
        gitlab: facts,
    };
}
/**
 * The CI context of this process, from `env` (default process.env). GitHub Actions when
 * GITHUB_ACTIONS=true (or a run id and job are set), GitLab CI when GITLAB_CI=true (or a job id
 * is set), else a local session. Built once per environment object: call it as often as you
 * like.
 */
function ciContext(env = process.env) {
    const key = fingerprint(env);
    const hit = cache.get(env);
    if (hit?.key === key)
        return hit.ctx;
    const ctx = build(env);
    cache.set(env, { key, ctx });
    return ctx;
}
// An environment object can change under us (process.env): a context is reused only while the
// variables it was built from are the same.
const cache = new WeakMap();
const CI_VARS = /^(GITHUB_|GITLAB_|CI_|RUNNER_|HIL_)/;
function fingerprint(env) {
    let key = "";
    for (const name in env)
        if (CI_VARS.test(name))
            key += `${name}=${env[name]}\0`;
    return key;
}
function build(env) {
    const who = user(env);
    const host = (0,external_node_os_.hostname)();
    const { labels, tags } = labelsOf(env);
    const githubToken = env.HIL_GITHUB_TOKEN || env.GITHUB_TOKEN;
    const gitlabToken = env.HIL_GITLAB_TOKEN || env.GITLAB_TOKEN;
    const base = {
        jobId: `local-${host}-${process.pid}`,
        runner: `${who} (terminal)`,
        runnerKey: "",
        runnerLabels: labels,
        host,
        requestedBy: who,
        command: ["hil"],
        // A payload outside a GitHub job (a replayed event) is still read: the fork gate needs it.
        event: env.GITHUB_EVENT_PATH ? once(() => readEventFile(env)) : () => undefined,
        change: () => undefined,
        gitlab: { runnerTags: tags },
        tokens: {
            ...(githubToken ? { github: githubToken } : {}),
            ...(gitlabToken ? { gitlab: gitlabToken } : {}),
        },
        files: {},
    };
    if (env.GITHUB_ACTIONS === "true" || (env.GITHUB_RUN_ID && env.GITHUB_JOB))
        return github(env, base);
    if (env.GITLAB_CI === "true" || env.CI_JOB_ID)
        return gitlab(env, base);
    return {
        ...base,
        forge: "local",
        runnerKey: `local:${base.jobId}`,
        workspace: process.cwd(),
    };
}

;// CONCATENATED MODULE: ./packages/ci/src/index.ts




/***/ }),

/***/ 36115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ ConfigurationError),
  ai: () => (/* reexport */ EXIT_CODES),
  ee: () => (/* reexport */ HilError),
  EN: () => (/* reexport */ InfrastructureError),
  m: () => (/* reexport */ POWER_DOMAINS),
  jw: () => (/* reexport */ chip),
  mJ: () => (/* reexport */ commitSha),
  Uc: () => (/* reexport */ describeError),
  Lw: () => (/* reexport */ flashSizeBytes),
  pf: () => (/* reexport */ inventory),
  He: () => (/* reexport */ invocation),
  Ur: () => (/* reexport */ journalEntry),
  eu: () => (/* reexport */ manifest),
  Ku: () => (/* reexport */ parseWith),
  nz: () => (/* reexport */ powerCycleResult),
  $A: () => (/* reexport */ utcTimestamp)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, FLASH_SECTOR, INVOCATION_SCHEMA_VERSION, MANIFEST_SCHEMA_VERSION, MAX_TIMEOUT_SEC, PUBLISHED_SCHEMAS, REPORT_SCHEMA_VERSION, ValidationError, boardIdentity, contractCommitSha, failureKind, flashSize, formatPath, jsonSchemaText, lane, macAddress, manifestImage, namedCommit, powerConfig, powerCycleOutcome, problemsOf, recoveryAction, recoveryEvent, report, reportStatus, resetStrategy, role, safeRelativePath, sha256Hex, slot, testCounts, testFailure

;// CONCATENATED MODULE: ./packages/contracts/src/errors.ts
/**
 * Errors a user can act on. Every one says what was wrong and what to do; entry points
 * (actions, hooks, CLI) turn them into `setFailed` / exit codes in one place.
 */
class HilError extends Error {
    name = "HilError";
    /** What to do about it, shown under the message. */
    hint;
    constructor(message, options) {
        super(message, options?.cause === undefined ? undefined : { cause: options.cause });
        if (options?.hint)
            this.hint = options.hint;
    }
}
/** The user's set-up is wrong: inputs, inventory, workflow, tokens. Not a firmware or lab failure. */
class ConfigurationError extends HilError {
    name = "ConfigurationError";
}
/** The lab failed: board unreachable after recovery, relay down, lease compromised. */
class InfrastructureError extends HilError {
    name = "InfrastructureError";
}
/** Message plus hint, as shown to a user. */
function describeError(e) {
    if (e instanceof HilError)
        return e.hint ? `${e.message}\n${e.hint}` : e.message;
    if (e instanceof Error)
        return e.message;
    return String(e);
}

;// CONCATENATED MODULE: ./packages/contracts/src/validate.ts

/**
 * A document (file, environment, action input) failed its contract.
 * The message names the source, the path to each bad field and what was expected,
 * so a user can fix the file without reading our code.
 */
class ValidationError extends ConfigurationError {
    source;
    problems;
    name = "ValidationError";
    constructor(source, problems, hint) {
        super(`${source} failed validation:\n` +
            problems.map((p) => `  - ${p.path || "(document)"}: ${p.message}`).join("\n"), hint ? { hint } : undefined);
        this.source = source;
        this.problems = problems;
    }
}
function at(data, path) {
    let cur = data;
    for (const k of path) {
        if (cur === null || typeof cur !== "object")
            return undefined;
        cur = cur[k];
    }
    return cur;
}
/**
 * Render a zod path as `a.b[2].c`. An array element that is an object with a string `id`
 * is named by it too (`slots[1] (hut-02)`), so inventory errors say which slot.
 */
function formatPath(data, path) {
    let out = "";
    for (let i = 0; i < path.length; i++) {
        const k = path[i];
        if (typeof k === "number") {
            out += `[${k}]`;
            const el = at(data, path.slice(0, i + 1));
            const id = el && typeof el === "object" ? el.id : undefined;
            if (typeof id === "string" && id)
                out += ` (${id})`;
        }
        else {
            out += (out ? "." : "") + String(k);
        }
    }
    return out;
}
function describe(issue, data) {
    if (issue.path.length > 0 && at(data, issue.path) === undefined) {
        if (issue.code === "invalid_type")
            return `is required (expected ${issue.expected})`;
        if (issue.code === "invalid_value") {
            return `is required (expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")})`;
        }
        if (issue.code === "invalid_union")
            return "is required";
    }
    if (issue.code === "invalid_value" && /^Invalid (option|input)/.test(issue.message)) {
        return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${JSON.stringify(at(data, issue.path))}`;
    }
    if (issue.code === "unrecognized_keys") {
        return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (check the spelling against the documented fields)`;
    }
    return issue.message.replace(/^Invalid input: /, "");
}
/** The problems of a failed parse, each with a readable path. */
function problemsOf(error, data) {
    return error.issues.map((issue) => ({
        path: formatPath(data, issue.path),
        message: describe(issue, data),
    }));
}
/** Parse `data` with `schema`, or throw a {@link ValidationError} that names `source`. */
function parseWith(schema, data, source, hint) {
    const r = schema.safeParse(data);
    if (r.success)
        return r.data;
    throw new ValidationError(source, problemsOf(r.error, data), hint);
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./packages/contracts/src/common.ts

/** An instant in UTC, ISO 8601 with a `Z` suffix: `2026-11-21T10:15:00Z` (fractions allowed). */
const utcTimestamp = iso/* datetime */.w$({
    offset: false,
    error: "expected a UTC timestamp like 2026-11-21T10:15:00Z",
});
/** A full git commit id (SHA-1, or SHA-256 for repositories that use it). */
const commitSha = schemas/* string */.YjP()
    .regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/, "expected a full lowercase commit SHA (40 hex digits)");
/**
 * A contract's `commit_sha`: a full SHA, or `none` when the job has no commit (the contracts'
 * words: "<git sha or none>"), e.g. a bench run or an infra job.
 */
const contractCommitSha = schemas/* string */.YjP()
    .regex(/^([0-9a-f]{40}|[0-9a-f]{64}|none)$/, 'expected a full lowercase commit SHA (40 hex digits) or "none"');
/** The commit a contract names, or undefined when it names none. */
const namedCommit = (sha) => sha && sha !== "none" ? sha : undefined;
const sha256Hex = schemas/* string */.YjP()
    .regex(/^[0-9a-f]{64}$/, "expected a sha256 digest (64 lowercase hex digits)");
/** Chips esptool knows; the simulated HUT models `esp32`. */
const chip = schemas/* enum */.k5n([
    "esp32",
    "esp32s2",
    "esp32s3",
    "esp32c2",
    "esp32c3",
    "esp32c5",
    "esp32c6",
    "esp32c61",
    "esp32h2",
    "esp32p4",
]);
/** Which lane a job runs in (DESIGN.md section 1). */
const lane = schemas/* enum */.k5n(["upstream", "local-hil"]);
const role = schemas/* enum */.k5n(["runner", "infra"]);
/** Hardware jobs: default and ceiling of the job timeout (DESIGN.md section 5). */
const DEFAULT_TIMEOUT_SEC = 1800;
const MAX_TIMEOUT_SEC = 14400;
/**
 * A path inside a bundle: relative, forward slashes, no `..` segment, nothing absolute.
 * Bundle extraction and manifests both refuse anything that could escape the target dir.
 */
const safeRelativePath = schemas/* string */.YjP()
    .min(1)
    .refine((p) => !p.startsWith("/") &&
    !p.includes("\\") &&
    !/^[A-Za-z]:/.test(p) &&
    !p.split("/").some((seg) => seg === ".." || seg === ""), "expected a relative path inside the bundle (no leading /, no .., no backslashes)");
const macAddress = schemas/* string */.YjP()
    .regex(/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/, "expected a MAC address like 24:6f:28:aa:bb:cc")
    .transform((m) => m.toLowerCase());

;// CONCATENATED MODULE: ./packages/contracts/src/inventory.ts


/** How the host gets the board into the ROM bootloader (esptool's reset strategies). */
const resetStrategy = schemas/* enum */.k5n(["classic", "usb-jtag-serial", "none", "custom"]);
/** Entity domains a lab uses for relays; all answer `turn_on`/`turn_off` and report `on`/`off`. */
const POWER_DOMAINS = ["switch", "input_boolean", "light"];
const powerConfig = schemas/* object */.Ikc({
    driver: schemas/* literal */.euz("home-assistant").default("home-assistant"),
    /** Home Assistant base URL, e.g. `http://ha.lab:8123`. */
    url: schemas/* url */.OZ5({
        protocol: /^https?$/,
        error: "expected an http(s) URL such as http://homeassistant.local:8123",
    }),
    /** Name of the environment variable that holds the long-lived access token (never the token). */
    token_env: schemas/* string */.YjP()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected the NAME of an environment variable, e.g. HIL_HA_TOKEN"),
    entity: schemas/* string */.YjP()
        .regex(new RegExp(`^(${POWER_DOMAINS.join("|")})\\.[a-z0-9_]+$`), `expected an entity id in one of the domains ${POWER_DOMAINS.join(", ")}, e.g. switch.hut_01_power`),
    /** Seconds the board stays unpowered. */
    off_sec: schemas/* number */.aig().min(0).max(600).default(3),
    /** Seconds to wait after power returns before the board is used. */
    settle_sec: schemas/* number */.aig().min(0).max(600).default(2),
    /** Seconds to wait for Home Assistant to confirm a new state. */
    timeout_sec: schemas/* number */.aig().positive().max(300).default(15),
    /** Further attempts after a failed cycle. */
    max_retries: schemas/* int */.Whr().min(0).max(10).default(2),
    /** Minimum seconds between two cycles of the same slot (remembered across processes). */
    cooldown_sec: schemas/* number */.aig().min(0).max(3600).default(10),
})
    .strict();
const RFC2217 = /^rfc2217:\/\/[^/:\s]+:\d{1,5}\/?$/;
const slot = schemas/* object */.Ikc({
    /** Slot id, e.g. `hut-01`; names the lease `<lock_dir>/hut-01.lock`. */
    id: schemas/* string */.YjP().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "expected a lowercase id such as hut-01"),
    /** Runner label that selects this slot, e.g. `esp32-hut-01`. */
    label: schemas/* string */.YjP().regex(/^[A-Za-z0-9._-]+$/, "expected a runner label such as esp32-hut-01"),
    chip: chip,
    /** A stable device path (`/dev/serial/by-id/...`) or `rfc2217://host:port`. */
    port: schemas/* string */.YjP()
        .refine((p) => p.startsWith("/") || RFC2217.test(p), "expected a device path such as /dev/serial/by-id/usb-Silicon_Labs_CP2102_... or rfc2217://host:port"),
    /** Baud rate for flashing. */
    baud: schemas/* int */.Whr().min(9600).max(5_000_000).default(921600),
    /** Baud rate of the application console. */
    console_baud: schemas/* int */.Whr().min(9600).max(5_000_000).default(115200),
    reset: resetStrategy.default("classic"),
    /** esptool custom reset sequence (`D0|R1|W0.1|D1|R0|W0.05|D0`), required when `reset: custom`. */
    reset_sequence: schemas/* string */.YjP()
        .regex(/^([DRUW][0-9.,]+)(\|([DRUW][0-9.,]+))*$/, "expected an esptool reset sequence like D0|R1|W0.1|D1|R0|W0.05|D0")
        .optional(),
    /** Pin the board: flashing refuses a board whose MAC differs (a swapped cable). */
    mac: macAddress.optional(),
    flash_size: schemas/* enum */.k5n(["1MB", "2MB", "4MB", "8MB", "16MB", "32MB"]).optional(),
    power: powerConfig.optional(),
})
    .strict()
    .superRefine((s, ctx) => {
    if (s.reset === "custom" && !s.reset_sequence) {
        ctx.addIssue({
            code: "custom",
            path: ["reset_sequence"],
            message: "is required when reset is custom",
        });
    }
});
const inventory = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(1).default(1),
    /** Where slot leases live; may be shared over NFS between runner hosts. */
    lock_dir: schemas/* string */.YjP().min(1).default("/var/lock/hil"),
    /** Content-addressed firmware bundle cache shared by the host's slots. */
    cache_dir: schemas/* string */.YjP().min(1).default("/var/cache/hil"),
    /** Journals, slot health and power-cycle cooldowns. */
    state_dir: schemas/* string */.YjP().min(1).default("/var/lib/hil"),
    /** A lease not refreshed for this many seconds is stale and may be taken over. */
    stale_sec: schemas/* number */.aig().min(2).max(3600).default(30),
    /** Consecutive infrastructure failures (board unreachable after recovery) that mark a slot unhealthy. */
    unhealthy_after: schemas/* int */.Whr().min(1).max(100).default(3),
    slots: schemas/* array */.YOg(slot).min(1, "list at least one slot"),
})
    .strict()
    .superRefine((inv, ctx) => {
    for (const field of ["id", "label", "port"]) {
        const seen = new Map();
        inv.slots.forEach((s, i) => {
            const first = seen.get(s[field]);
            if (first !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: ["slots", i, field],
                    message: `"${s[field]}" is already used by slots[${first}] (${inv.slots[first].id}); each slot needs its own ${field}`,
                });
            }
            else
                seen.set(s[field], i);
        });
    }
});

;// CONCATENATED MODULE: ./packages/contracts/src/invocation.ts


const INVOCATION_SCHEMA_VERSION = "ws2.invocation.v1";
/** `ws2.invocation.v1`: written when a job claims a slot (DESIGN.md section 5). */
const invocation = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(INVOCATION_SCHEMA_VERSION),
    job_id: schemas/* string */.YjP().min(1),
    target_role: role,
    requested_by: schemas/* string */.YjP().min(1),
    request_utc: utcTimestamp,
    command: schemas/* array */.YOg(schemas/* string */.YjP()).min(1, "list the command and its arguments"),
    timeout_sec: schemas/* int */.Whr()
        .min(1)
        .max(MAX_TIMEOUT_SEC, `at most ${MAX_TIMEOUT_SEC} s for hardware jobs`),
    lock_key: schemas/* string */.YjP().min(1),
    // optional
    commit_sha: contractCommitSha.optional(),
    repo: schemas/* string */.YjP().min(1).optional(),
    workdir: schemas/* string */.YjP().min(1).optional(),
    expected_artifacts: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    notes: schemas/* string */.YjP().optional(),
    // hardware lane
    lane: lane.optional(),
    slot: schemas/* string */.YjP().min(1).optional(),
})
    .strict();

;// CONCATENATED MODULE: ./packages/contracts/src/report.ts


const REPORT_SCHEMA_VERSION = "ws2.report.v1";
const reportStatus = schemas/* enum */.k5n(["success", "failed", "timeout", "cancelled"]);
/**
 * The exit code a step or job ends with for each status: what `timeout(1)` and a shell use
 * for a time-out (124) and an interrupt (130), so scripts can tell them apart.
 */
const EXIT_CODES = {
    success: 0,
    failed: 1,
    timeout: 124,
    cancelled: 130,
};
/** What the recovery ladder did to get a board back (soft reset → hard reset → power cycle). */
const recoveryAction = schemas/* enum */.k5n([
    "retry",
    "soft_reset",
    "hard_reset",
    "power_cycle",
    "reconnect",
]);
const recoveryEvent = schemas/* object */.Ikc({
    at: utcTimestamp,
    action: recoveryAction,
    /** The step that asked for it, e.g. `hil-flash`. */
    step: schemas/* string */.YjP().min(1),
    result: schemas/* enum */.k5n(["ok", "failed", "timeout", "ha_error"]),
    detail: schemas/* string */.YjP().optional(),
})
    .strict();
const testCounts = schemas/* object */.Ikc({
    total: schemas/* int */.Whr().min(0),
    passed: schemas/* int */.Whr().min(0),
    failed: schemas/* int */.Whr().min(0),
    ignored: schemas/* int */.Whr().min(0),
})
    .strict()
    .refine((t) => t.passed + t.failed + t.ignored === t.total, {
    message: "passed + failed + ignored must equal total",
});
const boardIdentity = schemas/* object */.Ikc({ chip: chip.optional(), mac: schemas/* string */.YjP().optional(), port: schemas/* string */.YjP().optional() })
    .strict();
/**
 * Why a job that did not succeed failed: a firmware bug (`test`), the lab (`infrastructure`:
 * board unreachable, relay, lease) or the job's own set-up (`configuration`).
 */
const failureKind = schemas/* enum */.k5n(["test", "infrastructure", "configuration"]);
/** `ws2.report.v1`: written when a job ends, whatever the outcome (DESIGN.md section 5). */
const report = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(REPORT_SCHEMA_VERSION),
    job_id: schemas/* string */.YjP().min(1),
    agent_role: role,
    status: reportStatus,
    start_utc: utcTimestamp,
    end_utc: utcTimestamp,
    duration_sec: schemas/* number */.aig().min(0),
    exit_code: schemas/* int */.Whr(),
    lock_key: schemas/* string */.YjP().min(1),
    human_summary: schemas/* string */.YjP().min(1),
    // optional
    executor: schemas/* object */.Ikc({ hostname: schemas/* string */.YjP().min(1), user: schemas/* string */.YjP().min(1) })
        .strict()
        .optional(),
    commit_sha: contractCommitSha.optional(),
    artifact_paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    next_action: schemas/* string */.YjP().optional(),
    // hardware lane
    lane: lane.optional(),
    slot: schemas/* string */.YjP().min(1).optional(),
    power_cycles: schemas/* int */.Whr().min(0).optional(),
    recovery_events: schemas/* array */.YOg(recoveryEvent).optional(),
    tests: testCounts.optional(),
    board: boardIdentity.optional(),
    failure_kind: failureKind.optional(),
})
    .strict()
    .superRefine((r, ctx) => {
    if (Date.parse(r.end_utc) < Date.parse(r.start_utc)) {
        ctx.addIssue({ code: "custom", path: ["end_utc"], message: "is before start_utc" });
    }
    if (r.status === "success" && r.exit_code !== 0) {
        ctx.addIssue({
            code: "custom",
            path: ["exit_code"],
            message: "must be 0 when status is success",
        });
    }
    if (r.status !== "success" && r.exit_code === 0) {
        ctx.addIssue({
            code: "custom",
            path: ["exit_code"],
            message: `must be non-zero when status is ${r.status}`,
        });
    }
    if (r.power_cycles !== undefined && r.recovery_events) {
        const cycles = r.recovery_events.filter((e) => e.action === "power_cycle").length;
        if (cycles !== r.power_cycles) {
            ctx.addIssue({
                code: "custom",
                path: ["power_cycles"],
                message: `is ${r.power_cycles} but recovery_events lists ${cycles} power_cycle event(s)`,
            });
        }
    }
});

;// CONCATENATED MODULE: ./packages/contracts/src/manifest.ts


const MANIFEST_SCHEMA_VERSION = "hil.fw-manifest.v1";
const FLASH_SECTOR = 0x1000;
const flashSize = schemas/* enum */.k5n([
    "1MB",
    "2MB",
    "4MB",
    "8MB",
    "16MB",
    "32MB",
    "64MB",
    "128MB",
    "keep",
    "detect",
]);
/** Bytes in a flash size such as `4MB`; `undefined` for `keep`/`detect`. */
function flashSizeBytes(size) {
    const m = /^(\d+)MB$/.exec(size);
    return m ? Number(m[1]) * 1024 * 1024 : undefined;
}
const manifestImage = schemas/* object */.Ikc({
    /** What the image is, e.g. `bootloader`, `partition-table`, `app`. */
    name: schemas/* string */.YjP().min(1).optional(),
    /** Flash offset, a multiple of the 4 KiB sector. */
    offset: schemas/* int */.Whr()
        .min(0)
        .refine((o) => o % FLASH_SECTOR === 0, "expected a multiple of 0x1000 (flash sector)"),
    /** Path of the image inside the bundle. */
    file: safeRelativePath,
    size: schemas/* int */.Whr().positive(),
    sha256: sha256Hex,
})
    .strict();
/** The firmware bundle manifest: what the upstream lane built, for which commit. */
const manifest = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(MANIFEST_SCHEMA_VERSION),
    commit_sha: commitSha,
    repo: schemas/* string */.YjP().min(1).optional(),
    /** Build target name when one commit yields several bundles (e.g. `esp32-devkit`). */
    target: schemas/* string */.YjP().min(1).optional(),
    chip: chip,
    flash: schemas/* object */.Ikc({
        mode: schemas/* enum */.k5n(["qio", "qout", "dio", "dout", "keep"]),
        freq: schemas/* string */.YjP().regex(/^(\d+m|keep)$/, "expected a flash frequency like 40m or 80m"),
        size: flashSize,
    })
        .strict(),
    images: schemas/* array */.YOg(manifestImage).min(1, "a bundle needs at least one image"),
    /** The application's description (ESP-IDF `esp_app_desc_t` / project_description.json). */
    app: schemas/* object */.Ikc({
        project_name: schemas/* string */.YjP().optional(),
        version: schemas/* string */.YjP().optional(),
        idf_version: schemas/* string */.YjP().optional(),
    })
        .strict()
        .optional(),
    /** Tool versions that built the bundle, e.g. `{ "esp-idf": "v5.3.1", "hil-actions": "0.1.0" }`. */
    builder: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    build_time: utcTimestamp,
})
    .strict()
    .superRefine((m, ctx) => {
    const order = m.images
        .map((img, i) => ({ img, i }))
        .sort((a, b) => a.img.offset - b.img.offset);
    for (let k = 1; k < order.length; k++) {
        const prev = order[k - 1];
        const cur = order[k];
        if (prev.img.offset + prev.img.size > cur.img.offset) {
            ctx.addIssue({
                code: "custom",
                path: ["images", cur.i, "offset"],
                message: `0x${cur.img.offset.toString(16)} overlaps ${prev.img.file} (0x${prev.img.offset.toString(16)}..0x${(prev.img.offset + prev.img.size).toString(16)})`,
            });
        }
    }
    const files = new Set();
    m.images.forEach((img, i) => {
        if (files.has(img.file)) {
            ctx.addIssue({
                code: "custom",
                path: ["images", i, "file"],
                message: `"${img.file}" is listed twice`,
            });
        }
        files.add(img.file);
    });
    const bytes = flashSizeBytes(m.flash.size);
    if (bytes !== undefined) {
        m.images.forEach((img, i) => {
            if (img.offset + img.size > bytes) {
                ctx.addIssue({
                    code: "custom",
                    path: ["images", i],
                    message: `${img.file} ends at 0x${(img.offset + img.size).toString(16)}, past the ${m.flash.size} flash`,
                });
            }
        });
    }
});

;// CONCATENATED MODULE: ./packages/contracts/src/power.ts


/** Outcome of a power cycle: exactly one of these (DESIGN.md section 2, ha-power-cycle). */
const powerCycleOutcome = schemas/* enum */.k5n(["ok", "timeout", "ha_error"]);
const powerCycleResult = schemas/* object */.Ikc({
    result: powerCycleOutcome,
    slot: schemas/* string */.YjP().min(1),
    entity: schemas/* string */.YjP().min(1),
    /** Why the cycle was asked for (a recovery ladder's reason, a workflow's note). */
    reason: schemas/* string */.YjP().optional(),
    attempts: schemas/* int */.Whr().min(1),
    /** HTTP status of the failing Home Assistant call, for `ha_error`. */
    http_status: schemas/* int */.Whr().min(100).max(599).optional(),
    /** What went wrong, for `timeout` and `ha_error` (never contains the token). */
    error: schemas/* string */.YjP().optional(),
    /** After a failure: whether power was restored to the board (best effort). */
    power_restored: schemas/* boolean */.zMY().optional(),
    started_utc: utcTimestamp,
    ended_utc: utcTimestamp,
    timings: schemas/* object */.Ikc({
        /** turn_off sent → the relay reports off (last attempt). */
        off_ms: schemas/* number */.aig().min(0).optional(),
        /** The relay reported off → turn_on sent: how long the board was dark. */
        unpowered_ms: schemas/* number */.aig().min(0).optional(),
        /** turn_on sent → the relay reports on. */
        on_ms: schemas/* number */.aig().min(0).optional(),
        /** Waited after power returned (settle time). */
        settle_ms: schemas/* number */.aig().min(0).optional(),
        /** turn_on sent → the boot banner on the console, when it was awaited. */
        boot_ms: schemas/* number */.aig().min(0).optional(),
        /** Waited for the slot's cooldown before cutting power. */
        cooldown_ms: schemas/* number */.aig().min(0).optional(),
        /** The whole call, retries included. */
        total_ms: schemas/* number */.aig().min(0),
    })
        .strict(),
})
    .strict()
    .superRefine((r, ctx) => {
    if (r.result === "ok" && r.error) {
        ctx.addIssue({
            code: "custom",
            path: ["error"],
            message: "must be absent when result is ok",
        });
    }
    if (r.result !== "ok" && !r.error) {
        ctx.addIssue({
            code: "custom",
            path: ["error"],
            message: `is required when result is ${r.result}`,
        });
    }
});

;// CONCATENATED MODULE: ./packages/contracts/src/journal.ts



/**
 * The per-job journal: one JSON object per line, appended by every step of a hardware job
 * (hooks, actions, CLI) and folded into the `ws2.report.v1` when the job ends.
 */
const base = { at: utcTimestamp, step: schemas/* string */.YjP().min(1) };
/** A failed test as the report names it: `fix test_pwm_duty (main/test_pwm.c:88)`. */
const testFailure = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().min(1),
    file: schemas/* string */.YjP().min(1).optional(),
    line: schemas/* int */.Whr().min(1).optional(),
    message: schemas/* string */.YjP().optional(),
})
    .strict();
const journalEntry = schemas/* discriminatedUnion */.gMt("type", [
    /** A step finished (or was cut short). */
    schemas/* object */.Ikc({
        type: schemas/* literal */.euz("step"),
        ...base,
        status: reportStatus,
        exit_code: schemas/* int */.Whr(),
        failure_kind: failureKind.optional(),
        summary: schemas/* string */.YjP(),
        started_utc: utcTimestamp.optional(),
        /** What a person should do about it (an error's hint), carried into the report's next_action. */
        next_action: schemas/* string */.YjP().optional(),
    })
        .strict(),
    /** A recovery ladder rung (retry, reset, power cycle). */
    schemas/* object */.Ikc({ type: schemas/* literal */.euz("recovery"), ...base, event: recoveryEvent }).strict(),
    /** A file the step produced, listed in the report's artifact_paths. */
    schemas/* object */.Ikc({ type: schemas/* literal */.euz("artifact"), ...base, path: schemas/* string */.YjP().min(1) }).strict(),
    /** The board the step talked to. */
    schemas/* object */.Ikc({
        type: schemas/* literal */.euz("board"),
        ...base,
        chip: chip.optional(),
        mac: schemas/* string */.YjP().optional(),
        port: schemas/* string */.YjP().optional(),
    })
        .strict(),
    /** Test counts from a judged console run, with where the first failures are. */
    schemas/* object */.Ikc({
        type: schemas/* literal */.euz("tests"),
        ...base,
        counts: testCounts,
        failures: schemas/* array */.YOg(testFailure).max(50).optional(),
    })
        .strict(),
    /** Figures from a flash. */
    schemas/* object */.Ikc({
        type: schemas/* literal */.euz("flash"),
        ...base,
        bytes: schemas/* int */.Whr().min(0),
        compressed_bytes: schemas/* int */.Whr().min(0),
        sectors_written: schemas/* int */.Whr().min(0),
        sectors_skipped: schemas/* int */.Whr().min(0),
        seconds: schemas/* number */.aig().min(0),
    })
        .strict(),
    /** Free text worth keeping in the report's summary. */
    schemas/* object */.Ikc({ type: schemas/* literal */.euz("note"), ...base, text: schemas/* string */.YjP() }).strict(),
]);

;// CONCATENATED MODULE: ./packages/contracts/src/json-schema.ts







/** The contracts published as JSON Schema files under `schemas/`, for validators in other languages. */
const PUBLISHED_SCHEMAS = {
    "slots.schema.json": { schema: inventory, title: "hil slot inventory (/etc/hil/slots.yaml)" },
    "ws2.invocation.v1.schema.json": { schema: invocation, title: "ws2.invocation.v1" },
    "ws2.report.v1.schema.json": { schema: report, title: "ws2.report.v1" },
    "hil.fw-manifest.v1.schema.json": { schema: manifest, title: "hil.fw-manifest.v1" },
    "power-cycle-result.schema.json": { schema: powerCycleResult, title: "ha-power-cycle result" },
    "journal-entry.schema.json": {
        schema: journalEntry,
        title: "hil job journal entry (one JSON line)",
    },
};
/** JSON Schema text of one published contract (the shape a document is written in). */
function jsonSchemaText(file) {
    const { schema, title } = PUBLISHED_SCHEMAS[file];
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    return JSON.stringify({ title, ...json }, null, 2) + "\n";
}

;// CONCATENATED MODULE: ./packages/contracts/src/index.ts












/***/ }),

/***/ 97130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Pn: () => (/* reexport */ flashSlot)
});

// UNUSED EXPORTS: BLOCK, BaudError, BoardSilentError, BoardUnreachableError, CLASSIC_SEQUENCE, CLASSIC_SLOW_SEQUENCE, EsptoolFlasher, FLASH_STEP, ImageError, MacMismatchError, ProgressLog, ROM_BAUD, SECTOR, USB_JTAG_SERIAL_SEQUENCE, WrongChipError, checkFits, chipFamily, climbLadder, deflateRun, differingSectors, failureKindOf, flashBoard, flashSummaryLine, flashSummaryMarkdown, loadImages, openBundle, parseResetSequence, recoveryRungs, resetPlan, runResetSequence, runsOf, sectorImage, wholeImage

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./packages/serial/src/internal/bundled-require.ts



/*
 * serialport's native binding is found by node-gyp-build, which calls `eval("require")` and
 * looks in `join(__dirname, "../")/prebuilds/<platform>-<arch>/`. Inside our ESM ncc bundles
 * neither `require` nor `__dirname` exist, so the binding would fail to load. Give them the
 * values node-gyp-build needs: a `require` for this file, and a `__dirname` one level below
 * the bundle, so it searches `<dist>/prebuilds/` — where scripts/build.mjs copies the
 * prebuilt binaries. Unbundled (tests, tsx), serialport is CommonJS with its own `require` and
 * `__dirname`, and these globals are never consulted.
 */
const g = globalThis;
if (typeof g.require !== "function")
    g.require = (0,external_node_module_.createRequire)(import.meta.url);
if (typeof g.__dirname !== "string")
    g.__dirname = (0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url)), "native");

// EXTERNAL MODULE: ./node_modules/serialport/dist/index.js
var dist = __webpack_require__(88740);
;// CONCATENATED MODULE: ./packages/serial/src/device.ts
/** What the Web Serial API raises when the device goes away while open. */
function deviceLostError(message) {
    return new DOMException(message, "NetworkError");
}
/**
 * Shared stream plumbing: subclasses push received bytes with `received()` and send
 * with `transmit()`. Bytes that arrive while nobody reads are kept (as the OS would),
 * a cancelled `readable` or closed `writable` is replaced by a fresh one on next access
 * while the port is open, as in Web Serial.
 */
class StreamedDevice {
    open_ = false;
    baud;
    queue = [];
    wake;
    failure;
    readable_;
    writable_;
    get isOpen() {
        return this.open_;
    }
    get baudRate() {
        return this.baud;
    }
    get readable() {
        if (!this.open_ && this.queue.length === 0)
            return this.readable_ ?? null;
        if (!this.readable_) {
            const stream = new ReadableStream({
                pull: async (controller) => {
                    for (;;) {
                        if (this.readable_ !== stream)
                            return;
                        const chunk = this.queue.shift();
                        if (chunk) {
                            controller.enqueue(chunk);
                            return;
                        }
                        if (this.failure) {
                            const e = this.failure;
                            this.readable_ = undefined;
                            controller.error(e);
                            return;
                        }
                        if (!this.open_) {
                            this.readable_ = undefined;
                            controller.close();
                            return;
                        }
                        await new Promise((r) => (this.wake = r));
                    }
                },
                cancel: () => {
                    if (this.readable_ === stream)
                        this.readable_ = undefined;
                    this.notify();
                },
            }, { highWaterMark: 0 });
            this.readable_ = stream;
        }
        return this.readable_;
    }
    get writable() {
        if (!this.open_)
            return null;
        if (!this.writable_) {
            const stream = new WritableStream({
                write: (chunk) => {
                    if (!this.open_)
                        throw deviceLostError(`${this.port} is not open`);
                    return this.transmit(chunk);
                },
                close: () => {
                    if (this.writable_ === stream)
                        this.writable_ = undefined;
                },
                abort: () => {
                    if (this.writable_ === stream)
                        this.writable_ = undefined;
                },
            });
            this.writable_ = stream;
        }
        return this.writable_;
    }
    /** Drop bytes received but not yet read. */
    discardInput() {
        this.queue = [];
    }
    received(bytes) {
        if (bytes.length === 0)
            return;
        this.queue.push(bytes);
        this.notify();
    }
    /** The port went away under us (cable pulled, server closed the connection). */
    lost(error) {
        this.failure = error;
        this.open_ = false;
        this.writable_ = undefined;
        this.notify();
    }
    /** Called by subclasses when open succeeded. */
    opened(baud) {
        this.open_ = true;
        this.baud = baud;
        this.failure = undefined;
        this.queue = [];
        this.readable_ = undefined;
        this.writable_ = undefined;
    }
    /** Called by subclasses on close: readers see the end of the stream. */
    closed() {
        this.open_ = false;
        this.queue = [];
        this.writable_ = undefined;
        this.notify();
    }
    notify() {
        const w = this.wake;
        this.wake = undefined;
        w?.();
    }
}

;// CONCATENATED MODULE: ./packages/serial/src/errors.ts


const BY_ID_DIR = "/dev/serial/by-id";
/** The port is not there: say what is, so a swapped or unplugged adapter is obvious. */
function missingPortError(port, byIdDir = BY_ID_DIR) {
    let listing;
    try {
        const names = (0,external_node_fs_.readdirSync)(byIdDir).sort();
        listing = names.length
            ? `${byIdDir} has:\n${names.map((n) => `  ${byIdDir}/${n}`).join("\n")}`
            : `${byIdDir} is empty: no USB serial adapter is plugged in.`;
    }
    catch {
        listing = `${byIdDir} does not exist: no USB serial adapter is plugged in (or udev is not running).`;
    }
    return new src/* ConfigurationError */.j1(`No serial port at ${port}.\n${listing}`, {
        hint: "Check the board's USB cable, then set the slot's port: in the inventory to its /dev/serial/by-id/ path.",
    });
}
/** Another process has the port open (serialport's exclusive lock, or EBUSY). */
function busyPortError(port, detail) {
    return new src/* InfrastructureError */.EN(`Serial port ${port} is busy: another process has it open (${detail}).`, {
        hint: `Find it with "fuser ${port}" or "lsof ${port}"; on a runner, another job may hold this slot (see hil slots).`,
    });
}
function permissionError(port) {
    return new src/* ConfigurationError */.j1(`Not allowed to open ${port}.`, {
        hint: 'Add the runner\'s user to the group that owns the port (usually "dialout": sudo usermod -aG dialout $USER), then log in again.',
    });
}
/** DTR/RTS cannot be driven on this port (a pseudo-terminal, some adapters). */
class LinesUnsupportedError extends src/* ConfigurationError */.j1 {
    name = "LinesUnsupportedError";
    constructor(port, detail) {
        super(`${port} cannot drive DTR/RTS (${detail}), so the board cannot be reset from the serial port.`, {
            hint: "Set reset: none for this slot in the inventory and reset the board through its power (power: with a Home Assistant relay).",
        });
    }
}
function isLinesUnsupported(e) {
    const msg = e instanceof Error ? e.message : String(e);
    const code = e?.code;
    return (code === "ENOTTY" ||
        code === "EINVAL" ||
        /ENOTTY|Inappropriate ioctl|EINVAL|Invalid argument/i.test(msg));
}
/** What an RFC 2217 connection attempt could run into, worded for the person reading the log. */
function rfc2217Error(hostPort, what, tried, detail = "") {
    const triedText = `Tried: ${tried.join(", ")}.`;
    const messages = {
        refused: `The RFC 2217 server at ${hostPort} refused the connection.`,
        timeout: `The RFC 2217 server at ${hostPort} did not answer${detail ? ` ${detail}` : ""}.`,
        unresolved: `Cannot resolve the RFC 2217 server's host in ${hostPort}${detail ? ` (${detail})` : ""}.`,
        negotiation: `${hostPort} accepted the connection but does not speak RFC 2217${detail ? `: ${detail}` : ""}.`,
        closed: `The RFC 2217 server at ${hostPort} closed the connection${detail ? `: ${detail}` : ""}.`,
        other: `Cannot use the RFC 2217 server at ${hostPort}${detail ? `: ${detail}` : ""}.`,
    };
    const hints = {
        refused: "Check that the serial server (e.g. ser2net) runs on that host and port, and that the slot's port: is right.",
        timeout: "Check the host is up and reachable from this runner (firewall, VPN), and the serial server runs.",
        unresolved: "Check the host name in the slot's port: (rfc2217://host:port).",
        negotiation: "Configure the serial server for RFC 2217 (ser2net: telnet(rfc2217) / 'telnet' with rfc2217 enabled), not raw TCP.",
        closed: "Another client may be using the port (ser2net allows one); check who is connected, then retry.",
        other: "Check the serial server's log.",
    };
    return new src/* InfrastructureError */.EN(`${messages[what]} ${triedText}`, { hint: hints[what] });
}

;// CONCATENATED MODULE: ./packages/serial/src/usb.ts


/**
 * USB vendor/product id of the adapter behind a tty, read from sysfs
 * (`/sys/class/tty/<name>/device` → the USB device's idVendor/idProduct). Empty for
 * anything that is not a USB device (a pty, a built-in UART) or when sysfs is absent.
 * esptool-js uses these to pick the USB-JTAG-serial reset for Espressif's own USB port.
 */
function usbIds(port, sysRoot = "/sys") {
    try {
        const tty = (0,external_node_path_.basename)((0,external_node_fs_.realpathSync)(port));
        let dir = (0,external_node_fs_.realpathSync)((0,external_node_path_.join)(sysRoot, "class", "tty", tty, "device"));
        for (let i = 0; i < 6 && dir.startsWith(sysRoot) && dir !== sysRoot; i++) {
            const v = (0,external_node_path_.join)(dir, "idVendor");
            const p = (0,external_node_path_.join)(dir, "idProduct");
            if ((0,external_node_fs_.existsSync)(v) && (0,external_node_fs_.existsSync)(p)) {
                return {
                    usbVendorId: parseInt((0,external_node_fs_.readFileSync)(v, "utf8").trim(), 16),
                    usbProductId: parseInt((0,external_node_fs_.readFileSync)(p, "utf8").trim(), 16),
                };
            }
            dir = (0,external_node_path_.dirname)(dir);
        }
    }
    catch {
        // not a USB tty
    }
    return {};
}

;// CONCATENATED MODULE: ./packages/serial/src/node-device.ts


// Must come before serialport: lets its native binding load from our ESM bundles.





/**
 * A local serial device (a /dev/serial/by-id/... path, /dev/ttyUSB0, a pty) through
 * `serialport`. The port is opened with an exclusive lock so two programs cannot talk
 * to one board at once. DTR and RTS are tracked here because serialport's `set()`
 * resets any line it is not given to its default.
 */
class LocalSerialDevice extends StreamedDevice {
    port;
    options;
    sp;
    lines = { dtr: true, rts: true, brk: false };
    info;
    constructor(port, options = {}) {
        super();
        this.port = port;
        this.options = options;
    }
    async open(o) {
        if (this.open_)
            throw new src/* InfrastructureError */.EN(`${this.port} is already open.`);
        if (!(0,external_node_fs_.existsSync)(this.port))
            throw missingPortError(this.port, this.options.byIdDir);
        const sp = new dist.SerialPort({
            path: this.port,
            baudRate: o.baudRate,
            dataBits: o.dataBits ?? 8,
            stopBits: o.stopBits ?? 1,
            parity: o.parity ?? "none",
            rtscts: o.flowControl === "hardware",
            autoOpen: false,
            lock: true,
            hupcl: true,
        });
        await new Promise((resolve, reject) => sp.open((err) => (err ? reject(this.openError(err)) : resolve())));
        this.sp = sp;
        // Opening a tty asserts DTR and RTS.
        this.lines = { dtr: true, rts: true, brk: false };
        this.opened(o.baudRate);
        sp.on("data", (b) => this.received(new Uint8Array(b.buffer, b.byteOffset, b.length)));
        sp.on("close", (err) => {
            if (this.sp !== sp)
                return;
            this.sp = undefined;
            if (err?.disconnected)
                this.lost(deviceLostError(`${this.port}: the device has been lost.`));
            else
                this.closed();
        });
        sp.on("error", () => undefined);
    }
    openError(err) {
        const code = err.code;
        const msg = err.message;
        if (code === "ENOENT" || /ENOENT|No such file/.test(msg))
            return missingPortError(this.port, this.options.byIdDir);
        if (code === "EACCES" || /EACCES|Permission denied/.test(msg))
            return permissionError(this.port);
        if (code === "EBUSY" || /EBUSY|Cannot lock port|Resource temporarily unavailable/.test(msg))
            return busyPortError(this.port, msg.replace(/^Error:?\s*/, ""));
        return new src/* InfrastructureError */.EN(`Cannot open ${this.port}: ${msg}`, {
            hint: "Check the adapter (dmesg shows USB errors) and that nothing else uses the port.",
        });
    }
    async close() {
        const sp = this.sp;
        this.sp = undefined;
        if (sp?.isOpen)
            await new Promise((resolve) => sp.close(() => resolve()));
        this.closed();
    }
    transmit(bytes) {
        const sp = this.sp;
        if (!sp)
            return Promise.reject(deviceLostError(`${this.port} is not open`));
        return new Promise((resolve, reject) => sp.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), (err) => err ? reject(deviceLostError(`${this.port}: ${err.message}`)) : resolve()));
    }
    async setSignals(s) {
        const sp = this.requireOpen();
        const next = {
            dtr: s.dataTerminalReady ?? this.lines.dtr,
            rts: s.requestToSend ?? this.lines.rts,
            brk: s.break ?? this.lines.brk,
        };
        await new Promise((resolve, reject) => sp.set(next, (err) => {
            if (!err)
                return resolve();
            reject(isLinesUnsupported(err) ? new LinesUnsupportedError(this.port, err.message) : err);
        }));
        this.lines = next;
    }
    async getSignals() {
        const sp = this.requireOpen();
        return new Promise((resolve, reject) => sp.get((err, st) => {
            if (err || !st)
                return reject(isLinesUnsupported(err) ? new LinesUnsupportedError(this.port, err.message) : err);
            resolve({
                dataCarrierDetect: st.dcd,
                clearToSend: st.cts,
                dataSetReady: st.dsr,
                ringIndicator: false,
            });
        }));
    }
    getInfo() {
        this.info ??= usbIds(this.port, this.options.sysRoot);
        return this.info;
    }
    async setBaudRate(baudRate) {
        const sp = this.requireOpen();
        await new Promise((resolve, reject) => sp.update({ baudRate }, (err) => (err ? reject(err) : resolve())));
        this.baud = baudRate;
    }
    requireOpen() {
        if (!this.sp)
            throw new src/* InfrastructureError */.EN(`${this.port} is not open.`);
        return this.sp;
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./packages/serial/src/rfc2217.ts




// Telnet (RFC 854) commands and options.
const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const SE = 240;
const OPT_BINARY = 0;
const OPT_SGA = 3;
const OPT_COM_PORT = 44;
// RFC 2217 COM-PORT-OPTION commands (client to server; replies add 100).
const SET_BAUDRATE = 1;
const SET_DATASIZE = 2;
const SET_PARITY = 3;
const SET_STOPSIZE = 4;
const SET_CONTROL = 5;
const SERVER = 100;
const NOTIFY_MODEMSTATE = 7;
// SET-CONTROL values.
const FLOW_NONE = 1;
const FLOW_HARDWARE = 3;
const BREAK_ON = 5;
const BREAK_OFF = 6;
const DTR_ON = 8;
const DTR_OFF = 9;
const RTS_ON = 11;
const RTS_OFF = 12;
const PARITY = { none: 1, odd: 2, even: 3 };
/** Parse `rfc2217://host:port`. */
function parseRfc2217Url(url) {
    const m = /^rfc2217:\/\/(\[[^\]]+\]|[^/:\s]+):(\d{1,5})\/?$/.exec(url);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535)
        throw new src/* ConfigurationError */.j1(`"${url}" is not an RFC 2217 URL.`, {
            hint: "Write it as rfc2217://host:port, e.g. rfc2217://ser2net.lab:4001.",
        });
    return { host: m[1].replace(/^\[|\]$/g, ""), port };
}
/** Escape IAC (0xFF) in data by doubling it. */
function escapeIac(data) {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
    let at = buf.indexOf(IAC);
    if (at < 0)
        return buf;
    const parts = [];
    let from = 0;
    while (at >= 0) {
        parts.push(buf.subarray(from, at + 1), IAC_BYTE);
        from = at + 1;
        at = buf.indexOf(IAC, from);
    }
    parts.push(buf.subarray(from));
    return Buffer.concat(parts);
}
const IAC_BYTE = Buffer.from([IAC]);
/**
 * A serial port on a remote RFC 2217 server (ser2net and the like): Telnet with the
 * COM-PORT-OPTION, baud rate through SET-BAUDRATE, DTR/RTS/BREAK through SET-CONTROL,
 * 0xFF escaped as IAC IAC both ways. Notifications and option offers from the server
 * are accepted or politely refused.
 */
class Rfc2217Device extends StreamedDevice {
    port;
    options;
    sock;
    host;
    tcpPort;
    lines = { dtr: true, rts: true, brk: false };
    modem = 0;
    waiters = [];
    comPortAgreed;
    parser = {
        state: "data",
        neg: 0,
        sb: [],
    };
    textSeen = "";
    closing = false;
    constructor(port, options = {}) {
        super();
        this.port = port;
        this.options = options;
        const { host, port: p } = parseRfc2217Url(port);
        this.host = host;
        this.tcpPort = p;
    }
    get where() {
        return `${this.host}:${this.tcpPort}`;
    }
    async open(o) {
        if (this.open_)
            throw new src/* InfrastructureError */.EN(`${this.port} is already open.`);
        const tried = [`TCP connect to ${this.where}`];
        const sock = await this.connectSocket(tried);
        this.sock = sock;
        this.closing = false;
        sock.on("data", (b) => this.parse(b));
        const closedEarly = new Promise((_, reject) => sock.once("close", () => reject(rfc2217Error(this.where, "closed", tried, this.textSeen.trim() || "during the RFC 2217 negotiation"))));
        closedEarly.catch(() => undefined);
        try {
            // Offer COM-PORT-OPTION and an 8-bit clean line both ways.
            tried.push("WILL COM-PORT-OPTION");
            const agreed = new Promise((r) => (this.comPortAgreed = r));
            this.send([
                IAC,
                WILL,
                OPT_COM_PORT,
                IAC,
                WILL,
                OPT_BINARY,
                IAC,
                DO,
                OPT_BINARY,
                IAC,
                WILL,
                OPT_SGA,
                IAC,
                DO,
                OPT_SGA,
            ]);
            const ok = await Promise.race([agreed, this.timeout(tried), closedEarly]);
            if (!ok)
                throw rfc2217Error(this.where, "negotiation", tried, "it refused COM-PORT-OPTION (DONT 44)");
            tried.push(`SET-BAUDRATE ${o.baudRate}`);
            await Promise.race([this.setBaud(o.baudRate), closedEarly]);
            this.subneg(SET_DATASIZE, [o.dataBits ?? 8]);
            this.subneg(SET_PARITY, [PARITY[o.parity ?? "none"]]);
            this.subneg(SET_STOPSIZE, [o.stopBits === 2 ? 2 : 1]);
            this.subneg(SET_CONTROL, [o.flowControl === "hardware" ? FLOW_HARDWARE : FLOW_NONE]);
            // An open port asserts DTR and RTS; DTR first so EN never dips on a DevKit.
            this.subneg(SET_CONTROL, [DTR_ON]);
            this.subneg(SET_CONTROL, [RTS_ON]);
            this.lines = { dtr: true, rts: true, brk: false };
        }
        catch (e) {
            sock.destroy();
            this.sock = undefined;
            throw e;
        }
        this.opened(o.baudRate);
        sock.removeAllListeners("close");
        sock.on("close", () => {
            if (this.sock !== sock)
                return;
            this.sock = undefined;
            if (this.closing)
                this.closed();
            else
                this.lost(deviceLostError(`${this.port}: the RFC 2217 server closed the connection.`));
        });
    }
    connectSocket(tried) {
        const timeoutMs = this.options.connectTimeoutMs ?? 5000;
        return new Promise((resolve, reject) => {
            const sock = (0,external_node_net_.connect)({ host: this.host, port: this.tcpPort });
            const timer = setTimeout(() => {
                sock.destroy();
                reject(rfc2217Error(this.where, "timeout", tried, `within ${timeoutMs / 1000} s`));
            }, timeoutMs);
            sock.once("connect", () => {
                clearTimeout(timer);
                sock.setNoDelay(true);
                sock.removeAllListeners("error");
                sock.on("error", () => undefined);
                resolve(sock);
            });
            sock.once("error", (err) => {
                clearTimeout(timer);
                const kind = err.code === "ECONNREFUSED"
                    ? "refused"
                    : err.code === "ENOTFOUND" || err.code === "EAI_AGAIN"
                        ? "unresolved"
                        : err.code === "ETIMEDOUT" ||
                            err.code === "EHOSTUNREACH" ||
                            err.code === "ENETUNREACH"
                            ? "timeout"
                            : "other";
                reject(rfc2217Error(this.where, kind, tried, kind === "other" || kind === "unresolved" ? err.message : ""));
            });
        });
    }
    timeout(tried) {
        const ms = this.options.answerTimeoutMs ?? 3000;
        return new Promise((_, reject) => {
            const t = setTimeout(() => reject(rfc2217Error(this.where, "negotiation", tried, `no answer to ${tried.at(-1)} within ${ms / 1000} s`)), ms);
            t.unref();
        });
    }
    async setBaud(baud) {
        const value = Buffer.alloc(4);
        value.writeUInt32BE(baud, 0);
        const answer = this.expect((cmd) => cmd === SET_BAUDRATE + SERVER);
        this.subneg(SET_BAUDRATE, [...value]);
        const got = await Promise.race([answer, this.timeout([`SET-BAUDRATE ${baud}`])]);
        const actual = got.length >= 4 ? got.readUInt32BE(0) : 0;
        if (actual !== baud)
            throw new src/* InfrastructureError */.EN(`The RFC 2217 server at ${this.where} set ${actual} baud instead of ${baud}.`, {
                hint: "Use a baud rate the server's serial port supports.",
            });
    }
    async close() {
        const sock = this.sock;
        this.closing = true;
        if (sock && !sock.destroyed) {
            const done = new Promise((r) => sock.once("close", () => r()));
            sock.end();
            const t = setTimeout(() => sock.destroy(), 500);
            await done;
            clearTimeout(t);
        }
        this.sock = undefined;
        this.closed();
    }
    transmit(bytes) {
        const sock = this.sock;
        if (!sock || sock.destroyed)
            return Promise.reject(deviceLostError(`${this.port} is not connected`));
        return new Promise((resolve, reject) => sock.write(escapeIac(bytes), (err) => err ? reject(deviceLostError(`${this.port}: ${err.message}`)) : resolve()));
    }
    async setSignals(s) {
        if (!this.sock)
            throw new src/* InfrastructureError */.EN(`${this.port} is not open.`);
        const want = {
            dtr: s.dataTerminalReady ?? this.lines.dtr,
            rts: s.requestToSend ?? this.lines.rts,
            brk: s.break ?? this.lines.brk,
        };
        const dtr = () => want.dtr !== this.lines.dtr && this.subneg(SET_CONTROL, [want.dtr ? DTR_ON : DTR_OFF]);
        const rts = () => want.rts !== this.lines.rts && this.subneg(SET_CONTROL, [want.rts ? RTS_ON : RTS_OFF]);
        // Each line is its own command, so order them to keep EN from dipping through a
        // DevKit's auto-reset circuit: RTS going up waits for DTR, RTS going down goes first.
        if (want.rts && !this.lines.rts) {
            dtr();
            rts();
        }
        else {
            rts();
            dtr();
        }
        if (want.brk !== this.lines.brk)
            this.subneg(SET_CONTROL, [want.brk ? BREAK_ON : BREAK_OFF]);
        this.lines = want;
    }
    async getSignals() {
        return {
            dataCarrierDetect: (this.modem & 0x80) !== 0,
            ringIndicator: (this.modem & 0x40) !== 0,
            dataSetReady: (this.modem & 0x20) !== 0,
            clearToSend: (this.modem & 0x10) !== 0,
        };
    }
    getInfo() {
        return {};
    }
    async setBaudRate(baudRate) {
        if (!this.sock)
            throw new src/* InfrastructureError */.EN(`${this.port} is not open.`);
        await this.setBaud(baudRate);
        this.baud = baudRate;
    }
    // ------------------------------------------------------------------ telnet
    send(bytes) {
        if (this.sock && !this.sock.destroyed)
            this.sock.write(Buffer.from(bytes));
    }
    subneg(cmd, payload) {
        this.send([IAC, SB, OPT_COM_PORT, cmd, ...escapeIac(Buffer.from(payload)), IAC, SE]);
    }
    expect(match) {
        return new Promise((resolve) => this.waiters.push({ match, resolve }));
    }
    parse(chunk) {
        const p = this.parser;
        let start = -1;
        const flush = (end) => {
            if (start >= 0 && end > start)
                this.data(chunk.subarray(start, end));
            start = -1;
        };
        for (let i = 0; i < chunk.length; i++) {
            const b = chunk[i];
            if (p.state === "data") {
                if (b === IAC) {
                    flush(i);
                    p.state = "iac";
                }
                else if (start < 0)
                    start = i;
            }
            else if (p.state === "iac") {
                if (b === IAC) {
                    this.data(Buffer.from([IAC]));
                    p.state = "data";
                }
                else if (b === DO || b === DONT || b === WILL || b === WONT) {
                    p.neg = b;
                    p.state = "neg";
                }
                else if (b === SB) {
                    p.sb = [];
                    p.state = "sb";
                }
                else
                    p.state = "data";
            }
            else if (p.state === "neg") {
                this.negotiation(p.neg, b);
                p.state = "data";
            }
            else if (p.state === "sb") {
                if (b === IAC)
                    p.state = "sb-iac";
                else
                    p.sb.push(b);
            }
            else {
                if (b === SE) {
                    this.subnegotiation(Buffer.from(p.sb));
                    p.state = "data";
                }
                else if (b === IAC) {
                    p.sb.push(IAC);
                    p.state = "sb";
                }
                else
                    p.state = "data";
            }
        }
        flush(chunk.length);
    }
    data(bytes) {
        if (!this.open_) {
            // Text before the negotiation finished, e.g. ser2net's "Port already in use".
            this.textSeen = (this.textSeen + bytes.toString("latin1")).slice(-200);
            return;
        }
        this.received(new Uint8Array(bytes));
    }
    agreed = new Set();
    negotiation(cmd, opt) {
        if (opt === OPT_COM_PORT && (cmd === DO || cmd === DONT)) {
            this.comPortAgreed?.(cmd === DO);
            this.comPortAgreed = undefined;
            return;
        }
        const key = `${cmd}:${opt}`;
        const ours = opt === OPT_BINARY || opt === OPT_SGA;
        // Answer each offer once; accept the options we asked for, refuse the rest.
        if (this.agreed.has(key))
            return;
        this.agreed.add(key);
        if (cmd === WILL) {
            if (!ours)
                this.send([IAC, DONT, opt]);
        }
        else if (cmd === DO) {
            if (!ours)
                this.send([IAC, WONT, opt]);
        }
    }
    subnegotiation(sb) {
        if (sb[0] !== OPT_COM_PORT || sb.length < 2)
            return;
        const cmd = sb[1];
        const data = sb.subarray(2);
        if (cmd === NOTIFY_MODEMSTATE + SERVER)
            this.modem = data[0] ?? 0;
        const i = this.waiters.findIndex((w) => w.match(cmd, data));
        if (i >= 0)
            this.waiters.splice(i, 1)[0].resolve(Buffer.from(data));
    }
}

;// CONCATENATED MODULE: ./packages/serial/src/create.ts


/**
 * The device for a slot's `port:`: a local path (`/dev/serial/by-id/...`, a pty) or
 * `rfc2217://host:port`. Not opened yet: esptool-js's `Transport.connect()` (or
 * `device.open({ baudRate })`) opens it.
 */
function createSerialDevice(port, options = {}) {
    return port.startsWith("rfc2217://")
        ? new Rfc2217Device(port, options)
        : new LocalSerialDevice(port, options);
}

;// CONCATENATED MODULE: ./packages/serial/src/reset.ts

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Hard reset into the app through a DevKit's auto-reset circuit: RTS asserted with DTR
 * released pulls EN low for `holdMs`, then RTS is released with GPIO0 high, so the chip
 * boots from flash. (esptool's "hard_reset"; esptool-js 0.7's HardReset only releases
 * RTS and so never pulls EN low.)
 */
async function hardReset(device, holdMs = 100) {
    await device.setSignals({ dataTerminalReady: false, requestToSend: true });
    await sleep(holdMs);
    await device.setSignals({ requestToSend: false });
}
/**
 * esptool's classic reset into the ROM bootloader: EN low, then EN high while GPIO0 is
 * held low for `delayMs`, then both released.
 */
async function classicReset(device, delayMs = 50) {
    await device.setSignals({ dataTerminalReady: false, requestToSend: true });
    await sleep(100);
    await device.setSignals({ dataTerminalReady: true, requestToSend: false });
    await sleep(delayMs);
    await device.setSignals({ dataTerminalReady: false, requestToSend: false });
}
/** Reset the board into its app the way the slot's reset strategy allows. */
async function resetToApp(device, strategy) {
    if (strategy === "none")
        throw new src/* ConfigurationError */.j1(`The slot's reset strategy is "none": ${device.port} cannot reset the board.`, {
            hint: "Reset it through its power (power: in the inventory, hil power-cycle), or set reset: classic if the adapter has DTR/RTS.",
        });
    // classic, custom and usb-jtag-serial all boot the app with an RTS pulse on EN.
    await hardReset(device, strategy === "usb-jtag-serial" ? 200 : 100);
}

;// CONCATENATED MODULE: ./packages/serial/src/console.ts



/**
 * The app console over a serial device: a background reader turns bytes into lines
 * with receive timestamps; a line left unterminated is flushed as `partial` once the
 * port has been idle for `idleFlushMs` (a prompt, or a board that hung mid-line).
 */
class SerialConsole {
    device;
    options;
    transcript = [];
    partial = "";
    decoder = new TextDecoder("utf-8");
    idle;
    wake = [];
    ended = false;
    failure;
    reader;
    pump;
    constructor(device, options) {
        this.device = device;
        this.options = options;
        this.pump = this.readLoop();
    }
    static async open(options) {
        const device = options.device ?? createSerialDevice(options.port, options.deviceOptions);
        if (!device.isOpen)
            await device.open({ baudRate: options.baud ?? 115200 });
        return new SerialConsole(device, options);
    }
    get received() {
        return this.transcript.length;
    }
    async readLoop() {
        const readable = this.device.readable;
        if (!readable) {
            this.finish();
            return;
        }
        const reader = readable.getReader();
        this.reader = reader;
        try {
            for (;;) {
                const { value, done } = await reader.read();
                if (done)
                    break;
                if (value?.length)
                    this.onBytes(value, Date.now());
            }
        }
        catch (e) {
            this.failure = e;
        }
        finally {
            reader.releaseLock();
            this.flushPartial(Date.now());
            this.finish();
        }
    }
    onBytes(bytes, at) {
        this.partial += this.decoder.decode(bytes, { stream: true });
        let nl = this.partial.indexOf("\n");
        while (nl >= 0) {
            this.push({ text: this.partial.slice(0, nl).replace(/\r+$/, ""), at });
            this.partial = this.partial.slice(nl + 1);
            nl = this.partial.indexOf("\n");
        }
        if (this.idle)
            clearTimeout(this.idle);
        this.idle = undefined;
        if (this.partial !== "")
            this.idle = setTimeout(() => this.flushPartial(Date.now()), this.options.idleFlushMs ?? 200);
    }
    flushPartial(at) {
        if (this.idle)
            clearTimeout(this.idle);
        this.idle = undefined;
        const text = this.partial.replace(/\r+$/, "");
        this.partial = "";
        if (text !== "")
            this.push({ text, at, partial: true });
    }
    push(line) {
        this.transcript.push(line);
        this.notify();
    }
    finish() {
        this.ended = true;
        this.notify();
    }
    notify() {
        const w = this.wake;
        this.wake = [];
        for (const f of w)
            f();
    }
    changed() {
        return new Promise((r) => this.wake.push(r));
    }
    async *lines(options = {}) {
        let i = options.from ?? 0;
        const signal = options.signal;
        const aborted = signal
            ? new Promise((r) => signal.addEventListener("abort", () => r(), { once: true }))
            : undefined;
        for (;;) {
            while (i < this.transcript.length)
                yield this.transcript[i++];
            if (this.ended || signal?.aborted)
                return;
            const next = this.changed();
            await (aborted ? Promise.race([next, aborted]) : next);
        }
    }
    async waitFor(pattern, options = {}) {
        const match = (t) => typeof pattern === "string" ? t.includes(pattern) : pattern.test(t);
        const ac = new AbortController();
        const timeoutMs = options.timeoutMs ?? 10_000;
        const timer = setTimeout(() => ac.abort(), timeoutMs);
        try {
            for await (const line of this.lines({
                from: options.from ?? this.received,
                signal: ac.signal,
            }))
                if (match(line.text))
                    return line;
        }
        finally {
            clearTimeout(timer);
        }
        const why = this.failure
            ? `the port failed (${this.failure.message})`
            : this.ended
                ? "the console closed"
                : `nothing matched within ${timeoutMs / 1000} s`;
        throw new src/* InfrastructureError */.EN(`Waiting for ${String(pattern)} on ${this.device.port}: ${why}.`, {
            hint: "Look at the console transcript: is the board powered and running the expected firmware?",
        });
    }
    async write(line) {
        const writable = this.device.writable;
        if (!writable)
            throw new src/* InfrastructureError */.EN(`${this.device.port} is not open.`);
        const writer = writable.getWriter();
        try {
            await writer.write(new TextEncoder().encode(line + (this.options.lineEnding ?? "\n")));
        }
        finally {
            writer.releaseLock();
        }
    }
    async resetToApp() {
        await resetToApp(this.device, this.options.reset ?? "classic");
    }
    async close() {
        await this.reader?.cancel().catch(() => undefined);
        await this.pump;
        await this.device.close();
    }
}

;// CONCATENATED MODULE: ./packages/serial/src/index.ts
// @hil/serial: a slot's serial port as esptool-js's Web Serial device, and the app console.









// EXTERNAL MODULE: ./node_modules/esptool-js/lib/index.js + 18 modules
var lib = __webpack_require__(91595);
;// CONCATENATED MODULE: ./packages/flasher/src/errors.ts

/**
 * The board did not answer the bootloader's SYNC after a reset. The recovery ladder
 * catches this one (and only this one) and tries the next rung.
 */
class BoardSilentError extends src/* InfrastructureError */.EN {
    port;
    detail;
    name = "BoardSilentError";
    constructor(port, 
    /** What esptool-js said, e.g. `Failed to connect with the device`. */
    detail) {
        super(`The board on ${port} did not answer in download mode (${detail}).`, {
            hint: "Check the board's USB cable and power; a board stuck in its app may need a power cycle.",
        });
        this.port = port;
        this.detail = detail;
    }
}
/** The whole recovery ladder ran and the board still did not answer: counts against slot health. */
class BoardUnreachableError extends src/* InfrastructureError */.EN {
    events;
    name = "BoardUnreachableError";
    constructor(message, hint, events) {
        super(message, { hint });
        this.events = events;
    }
}
/** The board is another chip than the bundle (or the inventory) says. */
class WrongChipError extends src/* ConfigurationError */.j1 {
    name = "WrongChipError";
}
/** The board's MAC is not the one the slot pins: a swapped cable, someone else's board. */
class MacMismatchError extends src/* InfrastructureError */.EN {
    name = "MacMismatchError";
}
/** An image of the bundle cannot be written as it is: damaged, overlapping, too big. */
class ImageError extends src/* ConfigurationError */.j1 {
    name = "ImageError";
}
/** The adapter or serial server refuses the flashing baud, or the board stops answering at it. */
class BaudError extends src/* InfrastructureError */.EN {
    name = "BaudError";
}
/**
 * Which kind of failure an error is, for the journal's step entry: the lab
 * (`infrastructure`: board unreachable, port busy, adapter) or the job's set-up
 * (`configuration`: inventory, inputs, bundle). Errors that are not ours (esptool-js
 * protocol errors mid-flash) are the lab's.
 */
function failureKindOf(e) {
    if (e instanceof src/* InfrastructureError */.EN)
        return "infrastructure";
    if (e instanceof src/* HilError */.ee)
        return "configuration";
    return "infrastructure";
}

;// CONCATENATED MODULE: ./packages/flasher/src/reset.ts

/** esptool's ClassicReset: EN low, then EN high while GPIO0 is held low for 50 ms. */
const CLASSIC_SEQUENCE = "D0|R1|W0.1|D1|R0|W0.05|D0";
/** The same with the longer GPIO0 hold esptool alternates with (some boards' EN RC is slow). */
const CLASSIC_SLOW_SEQUENCE = "D0|R1|W0.1|D1|R0|W0.55|D0";
/** esptool's USBJTAGSerialReset, for chips whose USB-Serial/JTAG peripheral maps DTR/RTS. */
const USB_JTAG_SERIAL_SEQUENCE = "R0|D0|W0.1|D1|R0|W0.1|R1|D0|R1|W0.1|D0|R0";
/** The longest wait a sequence may hold, s (a W100 was meant as milliseconds). */
const MAX_WAIT_SEC = 10;
const bit = (s) => (s === "1" ? true : s === "0" ? false : undefined);
/** Parse an esptool reset sequence; `where` names it in errors (e.g. `slot hut-01's reset_sequence`). */
function parseResetSequence(sequence, where) {
    const ops = [];
    const bad = (cmd, why) => new src/* ConfigurationError */.j1(`${where} "${sequence}" is not a valid reset sequence: ${cmd} ${why}.`, {
        hint: "Use esptool's notation: D0/D1 (DTR), R0/R1 (RTS), U0,1 (DTR and RTS together), W0.1 (wait 0.1 s), joined by |, e.g. D0|R1|W0.1|D1|R0|W0.05|D0.",
    });
    for (const cmd of sequence.split("|")) {
        const code = cmd[0];
        const arg = cmd.slice(1);
        if (code === "D" || code === "R") {
            const on = bit(arg);
            if (on === undefined)
                throw bad(cmd, "needs 0 or 1");
            ops.push({ op: code, on });
        }
        else if (code === "U") {
            const [d, r, ...rest] = arg.split(",");
            const dtr = bit(d ?? "");
            const rts = bit(r ?? "");
            if (dtr === undefined || rts === undefined || rest.length)
                throw bad(cmd, "needs two bits, DTR then RTS, like U0,1");
            ops.push({ op: "U", dtr, rts });
        }
        else if (code === "W") {
            const sec = Number(arg);
            if (!/^\d*\.?\d+$/.test(arg) || !(sec > 0))
                throw bad(cmd, "needs a positive number of seconds");
            if (sec > MAX_WAIT_SEC)
                throw bad(cmd, `waits ${sec} s; waits are in seconds as in esptool (W0.1 is 100 ms), not milliseconds`);
            ops.push({ op: "W", ms: Math.round(sec * 1000) });
        }
        else {
            throw bad(cmd, "is not a command (D, R, U or W)");
        }
    }
    return ops;
}
const reset_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Drive DTR/RTS through a reset sequence. */
async function runResetSequence(device, ops) {
    for (const o of ops) {
        if (o.op === "W")
            await reset_sleep(o.ms);
        else if (o.op === "U")
            await device.setSignals({ dataTerminalReady: o.dtr, requestToSend: o.rts });
        else
            await device.setSignals(o.op === "D" ? { dataTerminalReady: o.on } : { requestToSend: o.on });
    }
}
function resetPlan(strategy, sequence, slotId) {
    switch (strategy) {
        case "classic":
            return {
                sequences: [
                    parseResetSequence(CLASSIC_SEQUENCE, "classic"),
                    parseResetSequence(CLASSIC_SLOW_SEQUENCE, "classic"),
                ],
                description: "the classic DTR/RTS reset",
                canPulseEn: true,
            };
        case "usb-jtag-serial":
            return {
                sequences: [parseResetSequence(USB_JTAG_SERIAL_SEQUENCE, "usb-jtag-serial")],
                description: "the USB-Serial/JTAG reset",
                canPulseEn: true,
            };
        case "custom": {
            if (!sequence)
                throw new src/* ConfigurationError */.j1(`Slot ${slotId} has reset: custom but no reset_sequence.`, {
                    hint: "Add reset_sequence: (esptool notation, e.g. D0|R1|W0.1|D1|R0|W0.05|D0) or use reset: classic.",
                });
            return {
                sequences: [parseResetSequence(sequence, `slot ${slotId}'s reset_sequence`)],
                description: `the custom reset sequence ${sequence}`,
                canPulseEn: true,
            };
        }
        case "none":
            return { sequences: [], description: "no reset (reset: none)", canPulseEn: false };
    }
}

;// CONCATENATED MODULE: ./packages/flasher/src/esptool.ts





/** The ROM bootloader's speed after reset. */
const ROM_BAUD = 115200;
/** esptool's per-megabyte time-outs (ms per MB) for writes and MD5s. */
const ERASE_WRITE_MS_PER_MB = 40_000;
const MIN_TIMEOUT_MS = 3000;
const SPI_SET_PARAMS = 0x0b;
const CHANGE_BAUDRATE = 0x0f;
const SPI_FLASH_MD5 = 0x13;
const CHIP_MAGIC_REG = 0x40001000;
const esptool_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const u32 = (...values) => {
    const b = new Uint8Array(values.length * 4);
    const v = new DataView(b.buffer);
    values.forEach((x, i) => v.setUint32(i * 4, x >>> 0, true));
    return b;
};
/** `ESP32-S3` → `esp32s3`, when the contracts know the chip. */
function chipFamily(chipName) {
    const r = src/* chip */.jw.safeParse(chipName.toLowerCase().replace(/-/g, ""));
    return r.success ? r.data : undefined;
}
/** `4MB` / `256KB` → bytes. */
function sizeBytes(size) {
    const m = /^(\d+)(KB|MB)$/.exec(size ?? "");
    return m ? Number(m[1]) * (m[2] === "MB" ? 1024 * 1024 : 1024) : undefined;
}
/**
 * The flasher driver over esptool-js 0.7 and @hil/serial: resets with the slot's strategy
 * (run here, so custom sequences keep esptool's seconds), syncs, identifies the chip and
 * reads its MAC in the ROM bootloader. Writing happens block by block through
 * `flashDeflBegin`/`flashDeflBlock`/`flashDeflFinish` (esptool-js's `writeFlash` re-inflates
 * every block byte by byte just to report progress), and the baud switch is done here so a
 * refused speed is an error rather than a silent fall-back to 115200.
 */
class EsptoolFlasher {
    o;
    port;
    resetDescription;
    hardReset;
    plan;
    constructor(o) {
        this.o = o;
        this.port = o.port;
        this.plan = resetPlan(o.reset, o.resetSequence, o.slotId);
        this.resetDescription = this.plan.description;
        this.hardReset = this.plan.canPulseEn ? () => this.pulseEn() : undefined;
    }
    get attempts() {
        return this.o.attempts ?? (this.plan.sequences.length ? 2 : 4);
    }
    device() {
        return (this.o.createDevice ?? createSerialDevice)(this.o.port);
    }
    terminal() {
        const debug = this.o.debug ?? (() => undefined);
        let partial = "";
        return {
            clean: () => undefined,
            write: (s) => {
                partial += s;
            },
            writeLine: (s) => {
                const line = (partial + s).trim();
                partial = "";
                if (line)
                    debug(line);
            },
        };
    }
    async connect() {
        const device = this.device();
        const transport = new lib/* Transport */.oK(device, false);
        // esptool-js's Transport prints "Serial port done"/"readLoop exited" with console.log
        // whatever its tracing flag says; in an Actions log that is noise.
        transport.trace = () => undefined;
        const sequences = this.plan.sequences;
        const strategy = (i) => ({
            transport,
            reset: () => runResetSequence(device, sequences[i % sequences.length]),
        });
        const loader = new lib/* ESPLoader */.gl({
            transport,
            baudrate: ROM_BAUD,
            romBaudrate: ROM_BAUD,
            terminal: this.terminal(),
            // esptool-js asks for a 50 ms and a 550 ms classic reset and alternates them; both (and
            // its USB-JTAG reset) run the slot's sequences instead. Its types want its own classes.
            resetConstructors: {
                classicReset: ((_t, delayMs) => strategy(delayMs > 100 ? 1 : 0)),
                usbJTAGSerialReset: (() => strategy(0)),
            },
        });
        const mode = sequences.length ? "default_reset" : "no_reset";
        try {
            await loader.connect(mode, this.attempts, true);
            if (loader.secureDownloadMode)
                throw new src/* ConfigurationError */.j1(`The board on ${this.port} is in Secure Download Mode: its MAC cannot be read and the flasher stub cannot run.`, { hint: "hil-flash does not flash boards in Secure Download Mode; use esptool by hand." });
            const chipName = loader.chip.CHIP_NAME;
            const description = await loader.chip.getChipDescription(loader);
            const mac = (await loader.chip.readMac(loader)).toLowerCase();
            const board = {
                chip: chipFamily(chipName),
                description,
                mac,
                port: this.port,
            };
            return new EsptoolSession(loader, transport, device, board, this.plan, this.o.reset);
        }
        catch (e) {
            await device.close().catch(() => undefined);
            if (e instanceof src/* HilError */.ee)
                throw e;
            if (e instanceof lib/* UnexpectedChipMagicError */.v0 || e instanceof lib/* UnexpectedChipIdError */.pC)
                throw new WrongChipError(`The board on ${this.port} answers in download mode, but is no chip esptool-js knows (${e.message}).`, { hint: "Check that the slot's port leads to an Espressif board." });
            const msg = e instanceof Error ? e.message : String(e);
            const attempts = this.attempts;
            throw new BoardSilentError(this.port, msg === "Failed to connect with the device"
                ? `no answer to SYNC in ${attempts} attempt${attempts === 1 ? "" : "s"}`
                : msg);
        }
    }
    /** EN low through RTS, then released with GPIO0 high: the chip restarts into its app. */
    async pulseEn() {
        const device = this.device();
        await device.open({ baudRate: ROM_BAUD });
        try {
            await hardReset(device, this.o.reset === "usb-jtag-serial" ? 200 : 100);
            await esptool_sleep(100);
        }
        finally {
            await device.close().catch(() => undefined);
        }
    }
}
class EsptoolSession {
    loader;
    transport;
    device;
    board;
    plan;
    strategy;
    closed = false;
    flashSize;
    constructor(loader, transport, device, board, plan, strategy) {
        this.loader = loader;
        this.transport = transport;
        this.device = device;
        this.board = board;
        this.plan = plan;
        this.strategy = strategy;
    }
    get baud() {
        return this.device.baudRate ?? ROM_BAUD;
    }
    async attachFlash(fallbackSize) {
        // The ROM needs the SPI flash attached before flash commands; the stub attaches it itself.
        if (!this.loader.IS_STUB)
            await this.loader.flashSpiAttach(0);
        this.flashSize = sizeBytes(await this.loader.detectFlashSize()) ?? fallbackSize;
        await this.setFlashParams();
        return this.flashSize;
    }
    /** SPI_SET_PARAMS: tell the loader the flash geometry, as esptool does before flash commands. */
    async setFlashParams() {
        if (!this.flashSize)
            return;
        await this.loader.checkCommand("set SPI flash parameters", SPI_SET_PARAMS, u32(0, this.flashSize, 64 * 1024, 4096, 256, 0xffff));
    }
    async md5(offset, size) {
        const loader = this.loader;
        if (loader.IS_STUB)
            return loader.flashMd5sum(offset, size);
        // Not our stub (yet): the ROM answers with 32 ASCII hex digits and 4 status bytes (which
        // esptool-js 0.7 would hex-encode again); a stub left running by an earlier session of a
        // reset: none slot answers with 16 raw bytes and 2 status bytes. The length tells them apart.
        const [, data] = await loader.command(SPI_FLASH_MD5, u32(offset, size, 0, 0), 0, true, loader.timeoutPerMb(loader.MD5_TIMEOUT_PER_MB, size));
        const rom = data.length >= 34;
        const status = rom ? data[32] : data[16];
        if (data.length < 18 || status !== 0)
            throw new Error(`MD5 of 0x${offset.toString(16)}+${size} failed (status ${rom ? `${data[32]},${data[33]}` : `${data[16]},${data[17]}`}).`);
        return rom
            ? Buffer.from(data.subarray(0, 32)).toString("latin1").toLowerCase()
            : Buffer.from(data.subarray(0, 16)).toString("hex");
    }
    async prepareToWrite(baud) {
        if (!this.loader.IS_STUB) {
            // A board that was reset into it runs the ROM loader for sure, and the ESP32 family's ROM
            // takes CHANGE_BAUDRATE (esptool --no-stub relies on it): switching before the stub is
            // uploaded carries its ~10 KiB at the slot's speed instead of 115200 (0.6 s saved).
            if (this.plan.sequences.length && baud !== this.baud)
                await this.changeBaud(baud);
            try {
                await this.loader.runStub();
            }
            catch (e) {
                if (e instanceof src/* HilError */.ee)
                    throw e;
                throw new src/* InfrastructureError */.EN(`The flasher stub did not start on the board on ${this.board.port}: ${e.message}`, {
                    hint: "Flash again; if it repeats, power-cycle the board (a marginal power supply or a noisy line breaks the upload).",
                });
            }
            await this.setFlashParams();
        }
        if (baud !== this.baud)
            await this.changeBaud(baud);
    }
    async changeBaud(baud) {
        const from = this.baud;
        const port = this.board.port;
        // Ask the adapter (or serial server) first: a refusal then leaves the chip where it was.
        try {
            await this.device.setBaudRate(baud);
        }
        catch (e) {
            await this.device.setBaudRate(from).catch(() => undefined);
            throw new BaudError(`The serial adapter at ${port} refused ${baud} baud: ${e.message.replace(/\.$/, "")}.`, {
                hint: "Use a speed the adapter supports: lower the slot's baud: in the inventory (or the action's baud input), e.g. 460800 or 230400.",
            });
        }
        await this.device.setBaudRate(from);
        // The loader answers at the old speed, then switches.
        try {
            await this.loader.command(CHANGE_BAUDRATE, u32(baud, this.loader.IS_STUB ? from : 0));
        }
        catch (e) {
            throw new BaudError(`The board on ${port} did not answer the switch to ${baud} baud: ${e.message}`, { hint: "Flash again; if it repeats, lower the slot's baud: in the inventory." });
        }
        await this.device.setBaudRate(baud);
        this.transport.baudrate = baud;
        await esptool_sleep(50); // what the line carried during the switch is noise
        this.transport.flushInput();
        for (let i = 0; i < 3; i++) {
            try {
                await this.loader.readReg(CHIP_MAGIC_REG, 500);
                return;
            }
            catch {
                this.transport.flushInput();
            }
        }
        throw new BaudError(`The board on ${port} stopped answering after switching to ${baud} baud.`, {
            hint: "The adapter, cable or serial server cannot carry that speed reliably: lower the slot's baud: in the inventory (or the action's baud input), e.g. 460800.",
        });
    }
    async writeDeflated(run, o = {}) {
        const loader = this.loader;
        const { deflated } = run;
        const blocks = await loader.flashDeflBegin(run.size, deflated.length, run.offset);
        const bs = loader.FLASH_WRITE_SIZE;
        // The stub acknowledges a block on receipt and writes it while the next one arrives, so a
        // block's answer can wait for the previous block's erase and write (esptool's time-outs).
        let previous = 0;
        const timeout = (bytes) => Math.max(MIN_TIMEOUT_MS, Math.ceil((ERASE_WRITE_MS_PER_MB * bytes) / 1e6));
        for (let seq = 0; seq < blocks; seq++) {
            o.signal?.throwIfAborted();
            const from = seq * bs;
            const to = Math.min(from + bs, deflated.length);
            // What this block carries, give or take the 32 KiB piece it shares with the next.
            const here = run.uncompressedAt(to) - run.uncompressedAt(from) + 0x8000;
            await loader.flashDeflBlock(deflated.subarray(from, to), seq, timeout(previous + here));
            previous = here;
            o.progress?.(to);
        }
        await loader.flashDeflFinish(false, timeout(previous));
    }
    async finish() {
        try {
            if (this.plan.canPulseEn) {
                await resetToApp(this.device, this.strategy);
                return "app";
            }
            // reset: none: the chip stays in the stub; put the line back to the ROM's speed so the
            // next session, which cannot reset it, finds the stub where it starts looking.
            if (this.loader.IS_STUB && this.baud !== ROM_BAUD) {
                await this.loader.command(CHANGE_BAUDRATE, u32(ROM_BAUD, this.baud));
                await this.device.setBaudRate(ROM_BAUD);
                this.transport.baudrate = ROM_BAUD;
            }
            return "stub";
        }
        finally {
            await this.close();
        }
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.device.close().catch(() => undefined);
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./packages/flasher/src/deflate.ts

const SECTOR = 0x1000;
/** Where the stream is flushed so positions are known: 32 KiB (a flush restarts the Huffman tables, ~60 bytes). */
const MARK = 0x8000;
/**
 * Compress a sector-aligned run with zlib (level 9, as esptool), flushing every 32 KiB so
 * the position of each piece in the stream is known: that gives progress in uncompressed
 * bytes and per-block write time-outs without inflating the stream again (what esptool-js's
 * `writeFlash` spends ~29 ms per 16 KiB block on). A flush costs ~60 bytes (0.3 % of a
 * typical app); flushing every sector would cost 2.4 %. Runs in libuv's thread pool, off
 * the event loop.
 */
async function deflateRun(offset, data) {
    const z = (0,external_node_zlib_.createDeflate)({ level: 9, memLevel: 9 });
    const chunks = [];
    let length = 0;
    z.on("data", (c) => {
        chunks.push(c);
        length += c.length;
    });
    const done = new Promise((resolve, reject) => {
        z.once("end", resolve);
        z.once("error", reject);
    });
    // ends[i]: compressed bytes once the i-th 32 KiB piece is complete.
    const ends = [];
    for (let at = 0; at < data.length; at += MARK) {
        z.write(data.subarray(at, Math.min(at + MARK, data.length)));
        await new Promise((r) => z.flush(external_node_zlib_.constants.Z_SYNC_FLUSH, () => r()));
        ends.push(length);
    }
    z.end();
    await done;
    const deflated = Buffer.concat(chunks, length);
    const size = data.length;
    return {
        offset,
        size,
        deflated,
        uncompressedAt(pos) {
            if (pos >= length)
                return size;
            // Pieces whose compressed bytes all lie before pos (ends is sorted).
            let lo = 0;
            let hi = ends.length;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (ends[mid] <= pos)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return Math.min(size, lo * MARK);
        },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./packages/flasher/src/images.ts





const hex = (n) => `0x${n.toString(16)}`;
const md5 = (b) => (0,external_node_crypto_.createHash)("md5").update(b).digest("hex");
const REBUILD = "Re-run the build for this commit so a fresh bundle is made, then flash again.";
/** A region's bytes as the flash holds them after writing: the image, then erased (0xFF) to the sector's end. */
function sectorImage(image, bytes) {
    const sectors = Math.ceil(bytes.length / SECTOR);
    const data = Buffer.alloc(sectors * SECTOR, 0xff);
    data.set(bytes);
    return { ...image, data, md5: md5(data), sectors };
}
/**
 * Read a verified bundle's images and check them again before any byte is written: each
 * file still has the manifest's size and sha256 (it is read once, and this is the copy
 * that gets written), offsets are sector-aligned and do not overlap, and everything fits
 * the manifest's flash size. The board's own flash size is checked with `checkFits` once
 * it is known.
 */
async function loadImages(images, manifest, label = "the bundle") {
    const loaded = [];
    for (const img of images) {
        let bytes;
        try {
            bytes = await (0,promises_.readFile)(img.path);
        }
        catch (e) {
            throw new ImageError(`Cannot read ${img.file} of ${label} (${e.code ?? e.message}).`, { hint: REBUILD });
        }
        const sha = (0,external_node_crypto_.createHash)("sha256").update(bytes).digest("hex");
        if (bytes.length !== img.size || sha !== img.sha256)
            throw new ImageError(`${img.file} of ${label} does not match its manifest: ${bytes.length} bytes with sha256 ${sha}, the manifest says ${img.size} bytes with sha256 ${img.sha256}. Nothing was written.`, { hint: `The image was damaged or changed after the build. ${REBUILD}` });
        if (img.offset % SECTOR !== 0)
            throw new ImageError(`${img.file} of ${label} starts at ${hex(img.offset)}, not on a 4 KiB sector boundary.`, { hint: REBUILD });
        loaded.push(sectorImage({
            ...(img.name ? { name: img.name } : {}),
            file: img.file,
            offset: img.offset,
            size: img.size,
            sha256: img.sha256,
        }, bytes));
    }
    loaded.sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < loaded.length; i++) {
        const prev = loaded[i - 1];
        const cur = loaded[i];
        if (prev.offset + prev.size > cur.offset)
            throw new ImageError(`${cur.file} (at ${hex(cur.offset)}) overlaps ${prev.file} (${hex(prev.offset)}..${hex(prev.offset + prev.size)}) in ${label}. Nothing was written.`, { hint: `Check the partition table and flasher_args.json of the build. ${REBUILD}` });
    }
    const manifestBytes = (0,src/* flashSizeBytes */.Lw)(manifest.flash.size);
    if (manifestBytes !== undefined)
        checkFits(loaded, manifestBytes, `the ${manifest.flash.size} flash the manifest declares`);
    return loaded;
}
/** Every image ends within `flashBytes`; `what` names whose flash it is. */
function checkFits(images, flashBytes, what) {
    const last = images.reduce((a, b) => (a.offset + a.size >= b.offset + b.size ? a : b));
    const end = last.offset + last.size;
    if (end > flashBytes)
        throw new ImageError(`The bundle does not fit ${what}: ${last.file} ends at ${hex(end)}, past the flash's end at ${hex(flashBytes)} (${flashBytes / 1024 / 1024} MiB). Nothing was written.`, {
            hint: "Build for this board's flash size (CONFIG_ESPTOOLPY_FLASHSIZE, partition table), or put the bundle on a slot whose board has more flash.",
        });
}

;// CONCATENATED MODULE: ./packages/flasher/src/plan.ts


/** 64 KiB: the middle level of the search (a flash block). */
const BLOCK = 0x10000;
const SECTORS_PER_BLOCK = BLOCK / SECTOR;
const plan_md5 = (b) => (0,external_node_crypto_.createHash)("md5").update(b).digest("hex");
/**
 * Which sectors of `image` differ from the board, without asking about each of them: the
 * whole region first (unless the caller already knows it differs), then its 64 KiB blocks,
 * then the sectors of the blocks that differ. A region that mostly matches costs a handful
 * of questions (one changed sector in 1 MiB: 1 + 16 + 16). Descending into a block only pays
 * when some of its sectors match; once two blocks in a row had none (a new build that shifted
 * everything), the remaining differing blocks are written whole instead of asked about sector
 * by sector.
 */
async function differingSectors(board, image, stats, o = {}) {
    const ask = (offset, size) => {
        stats.md5Queries++;
        return board.md5(image.offset + offset, size);
    };
    const region = image.data;
    const differs = new Array(image.sectors).fill(false);
    if (!o.regionDiffers && (await ask(0, region.length)) === image.md5)
        return differs;
    const blocks = [];
    if (region.length <= BLOCK)
        blocks.push({ at: 0, size: region.length });
    else
        for (let at = 0; at < region.length; at += BLOCK)
            blocks.push({ at, size: Math.min(BLOCK, region.length - at) });
    let fruitless = 0;
    for (const b of blocks) {
        const mine = region.subarray(b.at, b.at + b.size);
        // A single block is the region itself, already known to differ.
        if (blocks.length > 1 && (await ask(b.at, b.size)) === plan_md5(mine))
            continue;
        const first = b.at / SECTOR;
        const count = b.size / SECTOR;
        if (fruitless >= 2 && count === SECTORS_PER_BLOCK) {
            for (let s = 0; s < count; s++)
                differs[first + s] = true;
            continue;
        }
        let matched = 0;
        for (let s = 0; s < count; s++) {
            const at = b.at + s * SECTOR;
            const same = (await ask(at, SECTOR)) === plan_md5(region.subarray(at, at + SECTOR));
            if (same)
                matched++;
            else
                differs[first + s] = true;
        }
        fruitless = matched ? 0 : fruitless + 1;
    }
    return differs;
}
/** Coalesce differing sectors into runs of adjacent ones. */
function runsOf(image, differs) {
    const runs = [];
    for (let s = 0; s < differs.length; s++) {
        if (!differs[s])
            continue;
        const last = runs[runs.length - 1];
        if (last && last.first + last.count === s)
            last.count++;
        else
            runs.push({ image, first: s, count: 1 });
    }
    return runs;
}
/** The whole image as one run. */
function wholeImage(image) {
    return { image, first: 0, count: image.sectors };
}

;// CONCATENATED MODULE: ./packages/flasher/src/ladder.ts

/**
 * The recovery ladder (a strategy in labgrid's sense: it sees only interfaces). `attempt`
 * reaches the board; when it throws BoardSilentError, the rungs are climbed in order —
 * each does its action and tries again — until one succeeds. Every rung becomes a recovery
 * event. Any other error ends the climb at once: a missing port or a wrong inventory does
 * not get better by power-cycling. After the last rung: BoardUnreachableError saying what
 * was tried.
 */
async function climbLadder(attempt, o) {
    const events = [];
    const log = o.log ?? (() => undefined);
    const tried = [];
    let last;
    try {
        return { value: await attempt(), events };
    }
    catch (e) {
        if (!(e instanceof BoardSilentError))
            throw e;
        last = e;
        tried.push(`${o.first ?? "connecting"} (${e.detail})`);
    }
    const emit = (action, result, detail) => {
        const event = {
            at: new Date().toISOString(),
            action,
            step: o.step,
            result,
            detail,
        };
        events.push(event);
        o.onEvent?.(event);
    };
    for (const rung of o.rungs) {
        const reason = `${o.subject} did not answer in download mode (${last.detail})`;
        log(`Recovery: ${rung.what}, because ${reason}.`);
        let done = "";
        if (rung.act) {
            const out = await rung.act(reason);
            if (!out.ok) {
                tried.push(`${rung.what}: ${out.result} (${out.detail})`);
                log(`Recovery: ${rung.what} did not work (${out.result}): ${out.detail}.`);
                emit(rung.action, out.result, out.detail);
                continue;
            }
            done = out.detail ? `${out.detail}; ` : "";
        }
        try {
            const value = await attempt();
            log(`Recovery: ${rung.what} worked; the board answers.`);
            emit(rung.action, "ok", `${done}the board answered`);
            return { value, events };
        }
        catch (e) {
            if (!(e instanceof BoardSilentError))
                throw e;
            last = e;
            tried.push(`${rung.what} (${e.detail})`);
            emit(rung.action, "failed", `${done}still no answer: ${e.detail}`);
        }
    }
    throw new BoardUnreachableError(`${o.subject[0].toUpperCase()}${o.subject.slice(1)} did not answer in download mode. Tried: ${tried.join("; ")}.`, o.hint, events);
}
/**
 * The rungs a slot allows, from its protocols: a retry with the slot's reset, a hard reset
 * when RTS reaches EN, a power cycle when the slot has power (the callback) — in that order.
 */
function recoveryRungs(flasher, powerCycle) {
    const rungs = [{ action: "retry", what: `a retry with ${flasher.resetDescription}` }];
    const hardReset = flasher.hardReset;
    if (hardReset)
        rungs.push({
            action: "hard_reset",
            what: "a hard reset (EN pulsed through RTS)",
            act: async () => {
                try {
                    await hardReset();
                    return { ok: true, detail: "EN pulsed" };
                }
                catch (e) {
                    return { ok: false, result: "failed", detail: e.message };
                }
            },
        });
    if (powerCycle)
        rungs.push({
            action: "power_cycle",
            what: "a power cycle",
            act: async (reason) => {
                try {
                    const r = await powerCycle(reason);
                    if (r.result === "ok")
                        return {
                            ok: true,
                            detail: `power cycled in ${(r.timings.total_ms / 1000).toFixed(1)} s`,
                        };
                    return { ok: false, result: r.result, detail: r.error ?? r.result };
                }
                catch (e) {
                    return { ok: false, result: "failed", detail: e.message };
                }
            },
        });
    return rungs;
}

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
;// CONCATENATED MODULE: ./packages/flasher/src/progress.ts
/**
 * Progress for a log that is not a terminal (Actions logs keep every line): one line each
 * time another `stepPct` percent of the bytes to write has gone, never a carriage-return bar.
 */
class ProgressLog {
    total;
    log;
    stepPct;
    next;
    constructor(total, log, stepPct = 10) {
        this.total = total;
        this.log = log;
        this.stepPct = stepPct;
        this.next = stepPct;
    }
    /** `done` of the total uncompressed bytes are written; `compressed` bytes have crossed the line. */
    update(done, compressed) {
        if (this.total <= 0)
            return;
        const pct = Math.floor((done * 100) / this.total);
        if (pct < this.next)
            return;
        this.log(`Writing: ${pct}% (${done} of ${this.total} bytes, ${compressed} compressed sent)`);
        this.next = (Math.floor(pct / this.stepPct) + 1) * this.stepPct;
    }
}

;// CONCATENATED MODULE: ./packages/flasher/src/flash.ts








const flash_hex = (n) => `0x${n.toString(16)}`;
/** `1048576 bytes` → `1.0 MiB` style for log lines. */
function kib(bytes) {
    return bytes >= 1024 * 1024
        ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
        : `${(bytes / 1024).toFixed(1)} KiB`;
}
/** Refuse a board that is not the one this bundle and this slot are for. */
function checkIdentity(board, o, subject) {
    if (o.chip && board.chip !== o.chip)
        throw new WrongChipError(`Wrong chip: ${subject} is an ${board.description}${board.chip ? ` (${board.chip})` : ""}, but the bundle is built for ${o.chip}. Nothing was written.`, {
            hint: `Flash a bundle built for ${board.chip ?? "this chip"} (idf.py set-target), or run the job on a slot whose board is an ${o.chip} (runs-on label / HIL_SLOT); check the slot's chip: in the inventory.`,
        });
    if (o.mac && board.mac !== o.mac.toLowerCase())
        throw new MacMismatchError(`Wrong board: ${subject} has MAC ${board.mac}, but the slot pins ${o.mac.toLowerCase()}. Refusing to flash someone else's board; nothing was written.`, {
            hint: "A USB cable was probably swapped or the port path points at another board: check which board is on this port, fix the cabling or the slot's port:/mac: in the inventory.",
        });
}
/**
 * Flash the images to the board behind `flasher`:
 *
 * 1. connect (the slot's reset, sync) through the recovery ladder; identify the board and
 *    refuse a wrong chip or MAC before anything is written;
 * 2. attach the flash, read its size, refuse images that do not fit;
 * 3. in the ROM, at 115200, MD5 each image's region: when everything matches, nothing
 *    else is needed (no stub, no baud change);
 * 4. otherwise upload the stub, switch to `baud`, find the differing sectors (64 KiB blocks,
 *    then sectors) and write them as compressed runs of adjacent sectors, logging progress;
 * 5. MD5 every written image; leave the board running its app.
 *
 * The board is left in a known state whatever happens: reset into its app (or, for
 * reset: none, in the stub at the ROM's speed), the port closed.
 */
async function flashBoard(o) {
    const log = o.log ?? (() => undefined);
    const step = o.step ?? "hil-flash";
    const subject = o.subject ?? `the board on ${o.flasher.port}`;
    const skip = o.skipUnchanged ?? true;
    const t0 = external_node_perf_hooks_.performance.now();
    // Changed images are compressed whole in the thread pool while the stub is uploaded: when
    // one has to be written whole (a new build), its stream is ready.
    const whole = new Map();
    const compressWhole = (img) => {
        let p = whole.get(img);
        if (!p) {
            p = deflateRun(img.offset, img.data);
            p.catch(() => undefined);
            whole.set(img, p);
        }
        return p;
    };
    log(`Connecting to ${subject} with ${o.flasher.resetDescription}...`);
    let reached;
    try {
        reached = await climbLadder(() => o.flasher.connect(), {
            step,
            first: `connecting with ${o.flasher.resetDescription}`,
            rungs: recoveryRungs(o.flasher, o.powerCycle),
            subject,
            hint: o.unreachableHint ??
                "Check the board's USB cable and power. If it hangs or boot-loops, power-cycle it (power: in the slot lets hil do that itself).",
            log,
            ...(o.onEvent ? { onEvent: o.onEvent } : {}),
        });
    }
    catch (e) {
        // Whatever the resets left it in (download mode, most likely): start its app again.
        if (e instanceof BoardUnreachableError)
            await o.flasher.hardReset?.().catch(() => undefined);
        throw e;
    }
    const { value: session, events } = reached;
    let leftIn;
    try {
        const b = session.board;
        log(`Board: ${b.description}, MAC ${b.mac}, on ${b.port}`);
        // Journaled even when refused below: the report then shows which board was on the port.
        o.onBoard?.(b);
        checkIdentity(b, o, subject);
        const flashSize = await session.attachFlash(o.fallbackFlashSize);
        if (flashSize !== undefined) {
            log(`Flash: ${kib(flashSize)}`);
            checkFits(o.images, flashSize, `${subject}'s ${kib(flashSize)} flash`);
        }
        // Which images differ at all: one MD5 each, in the ROM.
        const stats = { md5Queries: 0 };
        const regionDiffers = new Map();
        if (skip)
            for (const img of o.images) {
                stats.md5Queries++;
                regionDiffers.set(img, (await session.md5(img.offset, img.data.length)) !== img.md5);
            }
        const connectSeconds = (external_node_perf_hooks_.performance.now() - t0) / 1000;
        const tp = external_node_perf_hooks_.performance.now();
        const runs = [];
        const changed = o.images.filter((img) => !skip || regionDiffers.get(img));
        if (changed.length) {
            for (const img of changed)
                void compressWhole(img);
            await session.prepareToWrite(o.baud);
            for (const img of changed) {
                if (!skip)
                    runs.push(wholeImage(img));
                else
                    runs.push(...runsOf(img, await differingSectors(session, img, stats, { regionDiffers: true })));
            }
        }
        const perImage = new Map(o.images.map((img) => [
            img,
            {
                ...(img.name ? { name: img.name } : {}),
                file: img.file,
                offset: img.offset,
                size: img.size,
                sectors: img.sectors,
                sectorsWritten: 0,
                bytesWritten: 0,
                compressedBytes: 0,
            },
        ]));
        const total = runs.reduce((n, r) => n + r.count * SECTOR, 0);
        for (const img of o.images)
            if (!changed.includes(img) || !runs.some((r) => r.image === img))
                log(`${img.file} at ${flash_hex(img.offset)}: unchanged on the board, skipped`);
        // Streams for partial runs are made ahead, in the thread pool, while earlier runs cross.
        const streams = runs.map((r) => r.first === 0 && r.count === r.image.sectors
            ? compressWhole(r.image)
            : deflateRun(r.image.offset + r.first * SECTOR, r.image.data.subarray(r.first * SECTOR, (r.first + r.count) * SECTOR)));
        for (const s of streams)
            s.catch(() => undefined);
        const prepareSeconds = (external_node_perf_hooks_.performance.now() - tp) / 1000;
        const tw = external_node_perf_hooks_.performance.now();
        const progress = new ProgressLog(total, log);
        let doneBytes = 0;
        let sentBytes = 0;
        for (let i = 0; i < runs.length; i++) {
            const r = runs[i];
            const run = await streams[i];
            log(`Writing ${r.image.file}: ${kib(run.size)} at ${flash_hex(run.offset)} (${r.count} sector${r.count === 1 ? "" : "s"}, ${run.deflated.length} bytes compressed)`);
            await session.writeDeflated(run, {
                progress: (sent) => progress.update(doneBytes + run.uncompressedAt(sent), sentBytes + sent),
                ...(o.signal ? { signal: o.signal } : {}),
            });
            doneBytes += run.size;
            sentBytes += run.deflated.length;
            const rep = perImage.get(r.image);
            rep.sectorsWritten += r.count;
            rep.bytesWritten += run.size;
            rep.compressedBytes += run.deflated.length;
        }
        if (o.verify ?? true) {
            for (const img of o.images) {
                if (!perImage.get(img).sectorsWritten)
                    continue;
                const got = await session.md5(img.offset, img.data.length);
                if (got !== img.md5)
                    throw new src/* InfrastructureError */.EN(`Verification failed: ${img.file} at ${flash_hex(img.offset)} reads back with MD5 ${got}, but ${img.md5} was written.`, {
                        hint: "Flash again; if it fails again the board's flash or the serial line is faulty (try a lower baud, another cable, another board).",
                    });
            }
            if (runs.length)
                log("Verified: the MD5 of every written image matches.");
        }
        const writeSeconds = (external_node_perf_hooks_.performance.now() - tw) / 1000;
        const baud = session.baud;
        leftIn = await session.finish();
        log(leftIn === "app"
            ? "Reset the board into its app."
            : "reset: none: the board stays in the flasher stub until it is reset through its power.");
        const images = [...perImage.values()];
        const sectorsWritten = images.reduce((n, i) => n + i.sectorsWritten, 0);
        const sectorsTotal = images.reduce((n, i) => n + i.sectors, 0);
        const report = {
            board: b,
            flashSize,
            bytesWritten: doneBytes,
            compressedBytes: sentBytes,
            sectorsWritten,
            sectorsSkipped: sectorsTotal - sectorsWritten,
            seconds: (external_node_perf_hooks_.performance.now() - t0) / 1000,
            writeSeconds,
            connectSeconds,
            prepareSeconds,
            md5Queries: stats.md5Queries,
            recoveryEvents: events,
            images,
            leftIn,
            baud,
        };
        const kbps = writeSeconds > 0 ? (doneBytes * 8) / writeSeconds / 1000 : 0;
        log(sectorsWritten === 0
            ? `Nothing to write: the board already holds every image (${stats.md5Queries} MD5 checks); ${report.seconds.toFixed(2)} s in all.`
            : `Wrote ${doneBytes} bytes (${sentBytes} compressed) in ${writeSeconds.toFixed(2)} s at ${report.baud} baud, effective ${kbps.toFixed(1)} kbit/s; ` +
                `${sectorsWritten} sectors written, ${report.sectorsSkipped} skipped; ${report.seconds.toFixed(2)} s in all.`);
        return report;
    }
    finally {
        if (leftIn === undefined) {
            // Failed part-way: leave the board running (or at least not mid-command) and the port closed.
            await session.finish().catch(() => session.close());
        }
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
;// CONCATENATED MODULE: ./packages/bundle/package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./packages/bundle/src/version.ts

/** Version of the code that packs and checks bundles; manifests record it under `builder`. */
const version_BUNDLE_TOOL_VERSION = package_namespaceObject.rE;

;// CONCATENATED MODULE: ./packages/bundle/src/names.ts

/** The file at the root of every bundle. */
const names_MANIFEST_FILE = "manifest.json";
/**
 * The artifact name of a commit's bundle: `fw-<sha>`, or `fw-<sha>-<target>` when one commit
 * yields several bundles (one per board or chip).
 */
function bundleArtifactName(sha, target) {
    return target ? `fw-${sha}-${target}` : `fw-${sha}`;
}
/** Refuse anything but a full lowercase commit SHA: the bundle contract is exact. */
function names_requireFullSha(sha, what) {
    const s = (sha ?? "").trim().toLowerCase();
    if (!src/* commitSha */.mJ.safeParse(s).success) {
        throw new src/* ConfigurationError */.j1(`${what} must be a full commit SHA (40 hex digits), got ${JSON.stringify(sha ?? "")}.`, {
            hint: "Pass the job's commit: GITHUB_SHA on GitHub, CI_COMMIT_SHA on GitLab, `git rev-parse HEAD` locally.",
        });
    }
    return s;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./packages/bundle/src/internal/idf.ts




const HINT_REBUILD = "Run `idf.py build` first (or let actions/build or `hil bundle --command` run it), and point the build dir at the directory that holds flasher_args.json.";
const hexOffset = schemas/* string */.YjP()
    .regex(/^(0x[0-9a-fA-F]+|\d+)$/, "expected a flash offset like 0x10000")
    .transform((s) => Number(s));
/** An entry such as `"app": { "offset": "0x10000", "file": "app.bin", "encrypted": "false" }`. */
const namedEntry = schemas/* object */.Ikc({ offset: hexOffset, file: schemas/* string */.YjP().min(1) }).loose();
/** The subset of ESP-IDF's flasher_args.json we use; other fields are kept and ignored. */
const flasherArgs = schemas/* object */.Ikc({
    flash_settings: schemas/* object */.Ikc({
        flash_mode: schemas/* string */.YjP(),
        flash_freq: schemas/* string */.YjP(),
        flash_size: schemas/* string */.YjP(),
    })
        .loose(),
    flash_files: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().min(1)).refine((f) => Object.keys(f).length > 0, {
        message: "lists no files",
    }),
    extra_esptool_args: schemas/* object */.Ikc({ chip: schemas/* string */.YjP().optional(), stub: schemas/* unknown */.L5J().optional() })
        .loose()
        .optional(),
})
    .loose();
const projectDescription = schemas/* object */.Ikc({
    project_name: schemas/* string */.YjP().optional(),
    project_version: schemas/* string */.YjP().optional(),
    /** ESP-IDF writes its own version (IDF_VER) here. */
    git_revision: schemas/* string */.YjP().optional(),
    target: schemas/* string */.YjP().optional(),
})
    .loose();
function readJson(path, what) {
    let text;
    try {
        text = readFileSync(path, "utf8");
    }
    catch (e) {
        throw new ConfigurationError(`Cannot read ${what} ${path}: ${e.message}`, {
            hint: HINT_REBUILD,
        });
    }
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new ConfigurationError(`${path} is not valid JSON: ${e.message}`, {
            hint: "The file is written by ESP-IDF; rebuild to regenerate it.",
        });
    }
}
/** A path from flasher_args.json made relative to the build dir, or refused if it leaves it. */
function inBuildDir(buildDir, file, source) {
    const abs = isAbsolute(file) ? resolve(file) : resolve(buildDir, file);
    const rel = relative(buildDir, abs);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
        throw new ConfigurationError(`${source} lists ${file}, which is outside the build directory ${buildDir}.`, {
            hint: "A bundle only carries files from the build directory; generate extra images (SPIFFS, NVS) into the build dir.",
        });
    }
    return { file: rel.split(sep).join("/"), path: abs };
}
/** Read an ESP-IDF build directory. Every problem names the file and what to do. */
function idf_readIdfBuild(buildDirIn) {
    const buildDir = resolve(buildDirIn);
    const argsPath = join(buildDir, "flasher_args.json");
    if (!existsSync(argsPath)) {
        throw new ConfigurationError(`${buildDir} is not an ESP-IDF build directory: flasher_args.json is missing.`, { hint: HINT_REBUILD });
    }
    const args = parseWith(flasherArgs, readJson(argsPath, "flasher_args.json"), argsPath, "The file is written by ESP-IDF (idf.py build); rebuild to regenerate it.");
    const descPath = join(buildDir, "project_description.json");
    const desc = existsSync(descPath)
        ? parseWith(projectDescription, readJson(descPath, "project_description.json"), descPath)
        : {};
    // Names for offsets, from the named entries (`bootloader`, `app`, `partition-table`, `otadata`, …).
    const names = new Map();
    for (const [key, value] of Object.entries(args)) {
        if (["flash_settings", "flash_files", "extra_esptool_args", "write_flash_args"].includes(key))
            continue;
        const entry = namedEntry.safeParse(value);
        if (entry.success)
            names.set(entry.data.offset, key);
    }
    const images = [];
    for (const [offsetText, fileText] of Object.entries(args.flash_files)) {
        const offset = hexOffset.safeParse(offsetText);
        if (!offset.success) {
            throw new ConfigurationError(`${argsPath}: flash_files has "${offsetText}", which is not a flash offset like 0x10000.`, { hint: "The file is written by ESP-IDF; rebuild to regenerate it." });
        }
        if (offset.data % FLASH_SECTOR !== 0) {
            throw new ConfigurationError(`${argsPath}: ${fileText} is at ${offsetText}, which is not a multiple of 0x1000 (a flash sector).`, { hint: "Fix the partition table so every partition starts on a 4 KiB boundary." });
        }
        const { file, path } = inBuildDir(buildDir, fileText, argsPath);
        if (!existsSync(path)) {
            throw new ConfigurationError(`${argsPath} lists ${file} at ${offsetText}, but ${path} does not exist.`, { hint: HINT_REBUILD });
        }
        const name = names.get(offset.data);
        images.push({ ...(name ? { name } : {}), offset: offset.data, file, path });
    }
    images.sort((a, b) => a.offset - b.offset);
    const chipText = args.extra_esptool_args?.chip ?? desc.target;
    if (!chipText) {
        throw new ConfigurationError(`${argsPath} does not say which chip the firmware is for (extra_esptool_args.chip), and there is no project_description.json target.`, { hint: "Build with ESP-IDF v4.3 or newer, which records the chip, or set IDF_TARGET." });
    }
    const chip = parseWith(chipSchema, chipText, `${argsPath}: extra_esptool_args.chip`);
    if (desc.target && desc.target !== chip) {
        throw new ConfigurationError(`${argsPath} is for ${chip} but ${descPath} says the target is ${desc.target}.`, { hint: "The build directory mixes two targets; run `idf.py fullclean build`." });
    }
    const fs = args.flash_settings;
    const flash = parseWith(z
        .object({
        mode: z.enum(["qio", "qout", "dio", "dout", "keep"]),
        freq: z.string().regex(/^(\d+m|keep)$/, "expected a flash frequency like 40m or 80m"),
        size: flashSize,
    })
        .strict(), { mode: fs.flash_mode, freq: fs.flash_freq, size: fs.flash_size }, `${argsPath}: flash_settings`);
    const app = {};
    if (desc.project_name)
        app.project_name = desc.project_name;
    if (desc.project_version)
        app.version = desc.project_version;
    if (desc.git_revision)
        app.idf_version = desc.git_revision;
    return { buildDir, chip, flash, images, app };
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(20663);
// EXTERNAL MODULE: ./node_modules/yazl/index.js
var node_modules_yazl = __webpack_require__(93044);
;// CONCATENATED MODULE: ./packages/bundle/src/internal/zip.ts







const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/** Why an entry name is unsafe, or undefined when it stays inside the target dir. */
function unsafeEntryReason(name) {
    if (name.includes("\0"))
        return "contains a NUL byte";
    if (name.includes("\\"))
        return "contains a backslash";
    if (name.startsWith("/") || /^[A-Za-z]:/.test(name))
        return "is an absolute path";
    const segs = name.replace(/\/$/, "").split("/");
    if (segs.includes(".."))
        return "escapes the target directory (..)";
    if (segs.some((s) => s === "" || s === "."))
        return "has an empty or . path segment";
    return undefined;
}
// yauzl's low-level name decoding (CP437 / UTF-8 / Info-ZIP unicode path): we decode ourselves so
// our own checks see every name, and the error names the entry.
const getFileNameLowLevel = yauzl.getFileNameLowLevel;
function refuse(zipLabel, message, hint) {
    return new src/* HilError */.ee(`Refusing ${zipLabel}: ${message}.`, {
        hint: hint ??
            "The archive is not a bundle written by actions/build or `hil bundle`; rebuild and upload it again.",
    });
}
/**
 * Extract `zipPath` into `dest` (which must be a new, empty directory the caller removes on
 * failure). Every entry is checked before a byte is written: no absolute paths, no `..`, no
 * symlinks or other special files, no duplicates, sizes within limits. Returns the files
 * written, relative to `dest`.
 */
async function extractZip(zipPath, dest, zipLabel, limits = {}) {
    const maxBytes = limits.maxBytes ?? 1024 * 1024 * 1024;
    const maxEntries = limits.maxEntries ?? 10_000;
    const root = (0,external_node_path_.resolve)(dest);
    let zip;
    try {
        zip = await yauzl.openPromise(zipPath, {
            lazyEntries: true,
            decodeStrings: false,
            validateEntrySizes: true,
            autoClose: false,
        });
    }
    catch (e) {
        throw refuse(zipLabel, `it is not a complete zip archive (${e.message}); the download was probably truncated`, "Fetch it again; if it keeps failing, re-run the build job so the artifact is uploaded again.");
    }
    const written = [];
    try {
        if (zip.entryCount > maxEntries) {
            throw refuse(zipLabel, `it has ${zip.entryCount} entries, more than the limit of ${maxEntries}`);
        }
        const seen = new Set();
        let total = 0;
        for await (const entry of zip.eachEntry()) {
            const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
            const reason = unsafeEntryReason(name);
            if (reason)
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} ${reason}`);
            const madeBy = entry.versionMadeBy >> 8;
            const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
            const isDir = name.endsWith("/");
            // Unix-made entries carry their file type; refuse anything but regular files and dirs.
            if (madeBy === 3 && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
                const kind = mode === S_IFLNK ? "a symbolic link" : "a special file";
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} is ${kind}`);
            }
            if (entry.isEncrypted())
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} is encrypted`);
            const target = (0,external_node_path_.resolve)(root, name);
            const rel = (0,external_node_path_.relative)(root, target);
            if (rel.startsWith("..") || rel.split(external_node_path_.sep).includes("..")) {
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} escapes the target directory`);
            }
            const key = name.replace(/\/$/, "");
            if (seen.has(key))
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} appears twice`);
            seen.add(key);
            if (isDir) {
                await (0,promises_.mkdir)(target, { recursive: true });
                continue;
            }
            total += entry.uncompressedSize;
            if (total > maxBytes) {
                throw refuse(zipLabel, `it unpacks to more than ${maxBytes} bytes`);
            }
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
            let stream;
            try {
                stream = await zip.openReadStreamPromise(entry);
            }
            catch (e) {
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} cannot be read (${e.message})`, "The archive is damaged or truncated; fetch it again.");
            }
            try {
                // `wx`: never follow or overwrite anything already there.
                await (0,external_node_stream_promises_.pipeline)(stream, (0,external_node_fs_.createWriteStream)(target, { flags: "wx", mode: 0o644 }));
            }
            catch (e) {
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} is damaged (${e.message})`, "The archive is damaged or truncated; fetch it again.");
            }
            written.push(key);
        }
    }
    catch (e) {
        if (e instanceof src/* HilError */.ee)
            throw e;
        throw refuse(zipLabel, `it is damaged or truncated (${e.message})`, "Fetch it again; if it keeps failing, re-run the build job so the artifact is uploaded again.");
    }
    finally {
        zip.close();
    }
    return written;
}
/**
 * Write `files` (paths relative to `dir`, forward slashes) into a zip at `zipPath`, in the given
 * order with a fixed timestamp, so the same bundle always gives the same bytes.
 */
async function zip_writeZip(dir, files, zipPath, mtime) {
    const zip = new yazl.ZipFile();
    for (const f of files)
        zip.addFile(join(dir, f), f, { mtime, mode: 0o100644 });
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(zipPath));
}

;// CONCATENATED MODULE: ./packages/bundle/src/verify.ts







function verify_sha256Hex(data) {
    return (0,external_node_crypto_.createHash)("sha256").update(data).digest("hex");
}
async function verify_sha256File(path) {
    const h = (0,external_node_crypto_.createHash)("sha256");
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(path), h);
    return h.digest("hex");
}
const verify_REBUILD = "Re-run the build job for this commit so a fresh bundle is uploaded, then run the hardware job again.";
/** The error for a bundle built from another commit: both SHAs, and what to do. */
function shaMismatch(label, bundleSha, jobSha) {
    return new src/* HilError */.ee(`SHA mismatch: ${label} was built from commit ${bundleSha}, but this job is testing commit ${jobSha}. Refusing to flash firmware from another commit.`, {
        hint: "The hardware lane flashes only the bundle its own commit built. Make the hardware job depend on this commit's build (needs: build) and fetch fw-<sha> for the job's SHA, or re-run the build for this commit.",
    });
}
/**
 * Check a bundle directory: manifest.json validates against `hil.fw-manifest.v1`, its commit is
 * the job's, and every image is a regular file inside the bundle with the recorded size and
 * sha256. Throws a HilError naming what is wrong; returns the verified bundle.
 */
async function verifyBundle(dirIn, opts = {}) {
    const dir = (0,external_node_path_.resolve)(dirIn);
    const label = opts.label ?? `bundle ${dir}`;
    const manifestPath = (0,external_node_path_.join)(dir, names_MANIFEST_FILE);
    let raw;
    try {
        const st = await (0,promises_.lstat)(manifestPath);
        if (!st.isFile())
            throw new Error("not a regular file");
        raw = await (0,promises_.readFile)(manifestPath);
    }
    catch (e) {
        throw new src/* HilError */.ee(`${label} has no ${names_MANIFEST_FILE} (${e.code ?? e.message}); it is not a firmware bundle.`, {
            hint: "Bundles are made by actions/build or `hil bundle <build-dir>`; pass one of those, not a raw build directory.",
        });
    }
    let json;
    try {
        json = JSON.parse(raw.toString("utf8"));
    }
    catch (e) {
        throw new src/* HilError */.ee(`${names_MANIFEST_FILE} of ${label} is not valid JSON: ${e.message}.`, {
            hint: verify_REBUILD,
        });
    }
    const manifest = (0,src/* parseWith */.Ku)(src/* manifest */.eu, json, `${names_MANIFEST_FILE} of ${label}`, verify_REBUILD);
    if (opts.sha !== undefined && manifest.commit_sha !== opts.sha.toLowerCase()) {
        throw shaMismatch(label, manifest.commit_sha, opts.sha.toLowerCase());
    }
    const images = [];
    for (const img of manifest.images) {
        const path = (0,external_node_path_.resolve)(dir, img.file);
        const rel = (0,external_node_path_.relative)(dir, path);
        if (rel.startsWith("..") || rel.split(external_node_path_.sep).includes("..")) {
            throw new src/* HilError */.ee(`${label}: image ${img.file} points outside the bundle.`, {
                hint: verify_REBUILD,
            });
        }
        let st;
        try {
            st = await (0,promises_.lstat)(path);
        }
        catch {
            throw new src/* HilError */.ee(`${label} is incomplete: ${img.file} is listed in the manifest but missing.`, {
                hint: verify_REBUILD,
            });
        }
        if (!st.isFile()) {
            throw new src/* HilError */.ee(`${label}: ${img.file} is ${st.isSymbolicLink() ? "a symbolic link" : "not a regular file"}; refusing it.`, { hint: verify_REBUILD });
        }
        if (st.size !== img.size) {
            throw new src/* HilError */.ee(`${label}: ${img.file} is ${st.size} bytes, but the manifest says ${img.size} (truncated or replaced).`, { hint: verify_REBUILD });
        }
        const actual = await verify_sha256File(path);
        if (actual !== img.sha256) {
            throw new src/* HilError */.ee(`sha256 mismatch in ${label}: ${img.file} has sha256 ${actual}, but the manifest says ${img.sha256}.`, { hint: `The image was corrupted or altered after the build. ${verify_REBUILD}` });
        }
        images.push({
            ...(img.name ? { name: img.name } : {}),
            offset: img.offset,
            file: img.file,
            path,
            size: img.size,
            sha256: img.sha256,
        });
    }
    return {
        dir,
        manifest,
        digest: verify_sha256Hex(raw),
        images,
        bytes: images.reduce((n, i) => n + i.size, 0),
    };
}

;// CONCATENATED MODULE: ./packages/bundle/src/pack.ts








function defaultBuildTime() {
    const epoch = process.env.SOURCE_DATE_EPOCH;
    if (epoch && /^\d+$/.test(epoch))
        return new Date(Number(epoch) * 1000);
    return new Date();
}
/** `2026-11-21T10:09:47Z`: whole seconds, as the manifest contract shows. */
function utc(d) {
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
/** The manifest as stored: stable key order, two-space JSON, trailing newline. */
function serializeManifest(m) {
    return JSON.stringify(m, null, 2) + "\n";
}
/**
 * Package an ESP-IDF build directory into a firmware bundle: the images at their build-dir
 * paths and a `hil.fw-manifest.v1` manifest.json recording the commit, chip, flash settings,
 * every image's offset/size/sha256, the app description, builder versions and build time.
 */
async function packBundle(opts) {
    const sha = requireFullSha(opts.sha, "The bundle's commit SHA");
    const build = readIdfBuild(opts.buildDir);
    const outDir = resolve(opts.outDir);
    try {
        const existing = await readdir(outDir);
        if (existing.length > 0) {
            throw new ConfigurationError(`The bundle output directory ${outDir} is not empty.`, {
                hint: "Give an empty or new directory; a bundle must hold nothing but its own files.",
            });
        }
    }
    catch (e) {
        if (e.code !== "ENOENT")
            throw e;
    }
    await mkdir(outDir, { recursive: true });
    const images = [];
    for (const img of build.images) {
        const dest = join(outDir, img.file);
        await mkdir(dirname(dest), { recursive: true });
        await copyFile(img.path, dest);
        const { size } = await stat(dest);
        if (size === 0) {
            throw new ConfigurationError(`${img.path} is empty.`, {
                hint: "The build did not finish; rebuild.",
            });
        }
        images.push({
            ...(img.name ? { name: img.name } : {}),
            offset: img.offset,
            file: img.file,
            size,
            sha256: await sha256File(dest),
        });
    }
    const builder = {};
    if (build.app.idf_version)
        builder["esp-idf"] = build.app.idf_version;
    builder["hil-actions"] = BUNDLE_TOOL_VERSION;
    Object.assign(builder, opts.builder);
    const buildTime = opts.buildTime ?? defaultBuildTime();
    const draft = {
        schema_version: MANIFEST_SCHEMA_VERSION,
        commit_sha: sha,
        ...(opts.repo ? { repo: opts.repo } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        chip: build.chip,
        flash: build.flash,
        images,
        ...(Object.keys(build.app).length ? { app: build.app } : {}),
        builder,
        build_time: utc(buildTime),
    };
    const manifest = parseWith(manifestSchema, draft, `the manifest for ${build.buildDir}`, "Check the partition table and flash size in sdkconfig (images must not overlap or run past the flash).");
    const text = serializeManifest(manifest);
    await writeFile(join(outDir, MANIFEST_FILE), text);
    const files = [MANIFEST_FILE, ...images.map((i) => i.file)];
    const packed = {
        dir: outDir,
        manifest,
        digest: sha256Hex(text),
        files,
        bytes: images.reduce((n, i) => n + i.size, 0),
    };
    if (opts.zipPath) {
        const zipPath = resolve(opts.zipPath);
        await mkdir(dirname(zipPath), { recursive: true });
        if (!relative(outDir, zipPath).startsWith("..")) {
            throw new ConfigurationError(`The zip ${zipPath} would land inside the bundle ${outDir}.`, {
                hint: "Write the zip next to the bundle directory, not into it.",
            });
        }
        // Zip timestamps start in 1980.
        const mtime = new Date(Math.max(buildTime.getTime(), Date.UTC(1980, 0, 1, 12)));
        await writeZip(outDir, files, zipPath, mtime);
        packed.zipPath = zipPath;
        packed.zipBytes = (await stat(zipPath)).size;
    }
    return packed;
}

;// CONCATENATED MODULE: ./packages/bundle/src/sources/local.ts



/**
 * A bundle on this machine: a bundle directory (verified and used in place) or a zip
 * (extracted safely, and cached like a download). For `hil flash <bundle>`, tests, and GitLab
 * jobs that received the bundle through `needs:`.
 */
class LocalSource {
    kind = "local";
    path;
    constructor(path) {
        this.path = (0,external_node_path_.resolve)(path);
    }
    describe() {
        return `bundle ${this.path}`;
    }
    async probe() {
        let st;
        try {
            st = await (0,promises_.stat)(this.path);
        }
        catch {
            throw new src/* ConfigurationError */.j1(`No bundle at ${this.path}: it does not exist.`, {
                hint: "Pass a bundle directory (holding manifest.json) or its zip, as written by `hil bundle` or downloaded from the build job.",
            });
        }
        if (!st.isDirectory() && !st.isFile()) {
            throw new src/* ConfigurationError */.j1(`${this.path} is neither a bundle directory nor a zip.`, {
                hint: "Pass a bundle directory (holding manifest.json) or its zip.",
            });
        }
        return st;
    }
    async identity(sha) {
        const st = await this.probe();
        // A directory is used in place; a zip is keyed by where it is and what it holds.
        return st.isDirectory() ? undefined : `local|${this.path}|${st.size}|${st.mtimeMs}|${sha}`;
    }
    async download() {
        const st = await this.probe();
        return { kind: st.isDirectory() ? "dir" : "zip", path: this.path };
    }
}

;// CONCATENATED MODULE: ./packages/bundle/src/internal/actions-artifact.ts

let loaded;
const actions_artifact_DEFAULT_API_URL = "https://api.github.com";
/**
 * @actions/artifact refuses (GHESNotSupportedError) a GITHUB_SERVER_URL that is not github.com,
 * *.ghe.com or *.localhost: say so before calling it, with what to do instead.
 */
function actions_artifact_checkArtifactServer(serverUrl) {
    const url = serverUrl || "https://github.com";
    let host;
    try {
        host = new URL(url).hostname.toLowerCase();
    }
    catch {
        throw new src/* ConfigurationError */.j1(`GITHUB_SERVER_URL ${JSON.stringify(url)} is not a URL.`);
    }
    if (host === "github.com" || host.endsWith(".ghe.com") || host.endsWith(".localhost"))
        return;
    throw new src/* ConfigurationError */.j1(`GitHub artifacts v4 (@actions/artifact) do not work on GitHub Enterprise Server (${host}).`, {
        hint: "On GHES, pass the bundle to the hardware job another way (a local bundle directory or zip, e.g. downloaded by actions/download-artifact@v3) and give it to hil-flash as a path.",
    });
}
/**
 * Load @actions/artifact (and the @actions/github it uses) for `apiUrl`. Both read
 * GITHUB_API_URL once, when they load, and use it for every request after: so it is set for
 * the load, and a later call for another API URL in the same process is refused instead of
 * silently talking to the first one.
 */
async function actions_artifact_loadArtifactClient(apiUrl) {
    if (!loaded) {
        const before = process.env.GITHUB_API_URL;
        process.env.GITHUB_API_URL = apiUrl;
        try {
            const [artifact, github, utils] = await Promise.all([
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 9645)),
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 61351)),
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 85555)),
            ]);
            loaded = { apiUrl: utils.defaults.baseUrl ?? actions_artifact_DEFAULT_API_URL, artifact, github };
        }
        finally {
            if (before === undefined)
                delete process.env.GITHUB_API_URL;
            else
                process.env.GITHUB_API_URL = before;
        }
    }
    if (loaded.apiUrl.replace(/\/+$/, "") !== apiUrl.replace(/\/+$/, "")) {
        throw new src/* ConfigurationError */.j1(`@actions/artifact in this process talks to ${loaded.apiUrl} (GITHUB_API_URL when it loaded), not ${apiUrl}.`, {
            hint: "It reads GITHUB_API_URL once per process: set GITHUB_API_URL before starting the process, and use one GitHub API per process.",
        });
    }
    return loaded;
}

;// CONCATENATED MODULE: ./packages/bundle/src/sources/github.ts






function httpStatus(e) {
    const s = e.status;
    return typeof s === "number" ? s : undefined;
}
/**
 * The bundle of a commit as a GitHub Actions artifact (`fw-<sha>`), found through the REST API
 * (by name in a run, or across the repository) and downloaded with @actions/artifact's
 * cross-run download (REST `/actions/artifacts/{id}/zip`, which redirects to blob storage).
 */
class GitHubSource {
    kind = "github";
    owner;
    repo;
    apiUrl;
    opts;
    constructor(opts) {
        const repository = opts.repository ?? (0,ci_src/* ciContext */.U)().repo ?? "";
        const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
        if (!m) {
            throw new src/* ConfigurationError */.j1(`The GitHub repository must be owner/name, got ${JSON.stringify(repository)}.`, { hint: "Set GITHUB_REPOSITORY or pass the repository explicitly." });
        }
        if (!opts.token) {
            throw new src/* ConfigurationError */.j1("No GitHub token to fetch the bundle artifact with.", {
                hint: "Give the runner a token with actions:read on the repository (e.g. HIL_GITHUB_TOKEN), or pass github-token to the step.",
            });
        }
        this.owner = m[1];
        this.repo = m[2];
        this.apiUrl = (opts.apiUrl ?? (0,ci_src/* ciContext */.U)().apiUrl ?? actions_artifact_DEFAULT_API_URL).replace(/\/+$/, "");
        this.opts = opts;
    }
    secrets() {
        return [this.opts.token];
    }
    artifactName(sha) {
        return this.opts.name ?? bundleArtifactName(sha, this.opts.target);
    }
    where() {
        return this.opts.runId !== undefined
            ? `workflow run ${this.opts.runId} of ${this.owner}/${this.repo}`
            : `${this.owner}/${this.repo}`;
    }
    describe(sha) {
        return `GitHub artifact "${this.artifactName(sha)}" in ${this.where()}`;
    }
    async identity(sha) {
        const run = this.opts.runId !== undefined ? `run:${this.opts.runId}` : "repo";
        return `github|${this.apiUrl}|${this.owner}/${this.repo}|${run}|${this.artifactName(sha)}|${sha}`;
    }
    /** The artifact to download: by name, not expired, the build of `sha` preferred, newest first. */
    async find(sha) {
        actions_artifact_checkArtifactServer(this.opts.serverUrl ?? (0,ci_src/* ciContext */.U)().serverUrl);
        const { github } = await actions_artifact_loadArtifactClient(this.apiUrl);
        const octokit = github.getOctokit(this.opts.token, { baseUrl: this.apiUrl });
        const name = this.artifactName(sha);
        let artifacts;
        try {
            const res = this.opts.runId !== undefined
                ? await octokit.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", {
                    owner: this.owner,
                    repo: this.repo,
                    run_id: Number(this.opts.runId),
                    name,
                    per_page: 100,
                })
                : await octokit.request("GET /repos/{owner}/{repo}/actions/artifacts", {
                    owner: this.owner,
                    repo: this.repo,
                    name,
                    per_page: 100,
                });
            artifacts = res.data.artifacts.filter((a) => a.name === name);
        }
        catch (e) {
            const status = httpStatus(e);
            if (status === 401 || status === 403) {
                throw new src/* ConfigurationError */.j1(`GitHub refused to list the artifacts of ${this.where()} (HTTP ${status}): ${e.message}`, {
                    hint: "The token needs actions:read on the repository; check that it is valid and not expired.",
                });
            }
            if (status === 404) {
                throw new src/* ConfigurationError */.j1(`GitHub has no ${this.where()} that this token can see (HTTP 404), so there is no bundle for ${sha}.`, {
                    hint: "Check the repository name and run id, and that the token can read the repository.",
                });
            }
            throw new src/* InfrastructureError */.EN(`Listing the artifacts of ${this.where()} at ${this.apiUrl} failed: ${e.message}`, { hint: "GitHub's API may be unavailable; retry the job." });
        }
        const live = artifacts.filter((a) => !a.expired);
        if (live.length === 0) {
            if (artifacts.length > 0) {
                const newest = artifacts.sort((a, b) => b.id - a.id)[0];
                throw new src/* HilError */.ee(`The bundle for commit ${sha} has expired: ${this.describe(sha)} (id ${newest.id}) expired${newest.expires_at ? ` on ${newest.expires_at}` : ""}.`, {
                    hint: "Re-run the build job of this commit to upload it again, or raise retention-days on actions/build.",
                });
            }
            throw new src/* HilError */.ee(`No bundle for commit ${sha}: looked for ${this.describe(sha)} and found none.`, {
                hint: "Check that this commit's build job ran actions/build and succeeded, that the hardware job runs after it (needs: build), and that both use the same artifact name and target.",
            });
        }
        const ofSha = live.filter((a) => a.workflow_run?.head_sha === sha);
        return (ofSha.length ? ofSha : live).sort((a, b) => b.id - a.id)[0];
    }
    async download(sha, workDir, host) {
        const found = await this.find(sha);
        const runId = found.workflow_run?.id ?? Number(this.opts.runId ?? 0);
        host.info(`Downloading ${this.describe(sha)}: artifact ${found.id}, ${found.size_in_bytes} bytes${runId ? `, from run ${runId}` : ""}`);
        const { artifact } = await actions_artifact_loadArtifactClient(this.apiUrl);
        const client = new artifact.DefaultArtifactClient();
        let digestMismatch;
        try {
            const res = await client.downloadArtifact(found.id, {
                path: workDir,
                skipDecompress: true,
                ...(found.digest ? { expectedHash: found.digest } : {}),
                findBy: {
                    token: this.opts.token,
                    workflowRunId: runId,
                    repositoryOwner: this.owner,
                    repositoryName: this.repo,
                },
            });
            digestMismatch = res.digestMismatch === true;
        }
        catch (e) {
            const msg = e.message;
            if (/\b410\b|expired/i.test(msg)) {
                throw new src/* HilError */.ee(`The bundle for commit ${sha} has expired: ${this.describe(sha)}.`, {
                    hint: "Re-run the build job of this commit to upload it again.",
                });
            }
            throw new src/* InfrastructureError */.EN(`Downloading ${this.describe(sha)} failed: ${msg}`, {
                hint: "The download from GitHub's blob storage did not complete; retry the job.",
            });
        }
        const files = (await (0,promises_.readdir)(workDir)).filter((f) => !f.startsWith("."));
        if (files.length !== 1) {
            throw new src/* InfrastructureError */.EN(`Downloading ${this.describe(sha)} left ${files.length} files instead of one zip.`, { hint: "Retry the job." });
        }
        if (digestMismatch) {
            throw new src/* HilError */.ee(`The download of ${this.describe(sha)} is truncated or corrupted: its sha256 differs from the artifact's digest ${found.digest}.`, {
                hint: "Retry the job; if it keeps failing, re-run the build job to upload the bundle again.",
            });
        }
        return { kind: "zip", path: (0,external_node_path_.join)(workDir, files[0]) };
    }
}

;// CONCATENATED MODULE: ./packages/bundle/src/sources/gitlab.ts




function statusOf(e) {
    const cause = e.cause;
    return cause?.response?.status;
}
/**
 * The bundle of a commit as a GitLab job artifact, downloaded with @gitbeaker/rest: by ref and
 * job name (the latest successful pipeline of that ref), or by job id.
 */
class GitLabSource {
    kind = "gitlab";
    host;
    project;
    opts;
    constructor(opts) {
        this.host = (opts.host ?? (0,ci_src/* ciContext */.U)().serverUrl ?? "").replace(/\/+$/, "");
        this.project = opts.project ?? (0,ci_src/* ciContext */.U)().gitlab.projectId ?? "";
        if (!this.host) {
            throw new src/* ConfigurationError */.j1("No GitLab URL to fetch the bundle from.", {
                hint: "Set CI_SERVER_URL (GitLab sets it in jobs) or pass the GitLab host.",
            });
        }
        if (this.project === "") {
            throw new src/* ConfigurationError */.j1("No GitLab project to fetch the bundle from.", {
                hint: "Set CI_PROJECT_ID (GitLab sets it in jobs) or pass the project id or path.",
            });
        }
        if (opts.jobId === undefined && !opts.job) {
            throw new src/* ConfigurationError */.j1("Which GitLab job uploaded the bundle? No job name or job id.", {
                hint: "Pass the name of the job that ran `hil bundle` (e.g. bundle), or its job id.",
            });
        }
        if (!opts.token && !opts.jobToken) {
            throw new src/* ConfigurationError */.j1("No GitLab token to fetch the bundle with.", {
                hint: "Use the job's CI_JOB_TOKEN, or a project access token with read_api for the runner hook.",
            });
        }
        this.opts = opts;
    }
    secrets() {
        return [this.opts.token, this.opts.jobToken].filter((s) => !!s);
    }
    get ref() {
        return this.opts.ref ?? (0,ci_src/* ciContext */.U)().ref ?? "";
    }
    describe(sha) {
        const where = `project ${this.project} at ${this.host}`;
        if (this.opts.jobId !== undefined)
            return `GitLab artifacts of job ${this.opts.jobId} in ${where} (for ${sha})`;
        return `GitLab artifacts of job "${this.opts.job}" on ref "${this.ref}" in ${where} (for ${sha})`;
    }
    async identity(sha) {
        const which = this.opts.jobId !== undefined
            ? `id:${this.opts.jobId}`
            : `ref:${this.ref}|job:${this.opts.job}`;
        return `gitlab|${this.host}|${this.project}|${which}|${sha}`;
    }
    async download(sha, workDir, host) {
        if (this.opts.jobId === undefined && !this.ref) {
            throw new src/* ConfigurationError */.j1("No ref to look up the bundle's pipeline on.", {
                hint: "Set CI_COMMIT_REF_NAME (GitLab sets it in jobs), pass the ref, or pass the job id.",
            });
        }
        // Loaded on use: most processes (actions, GitHub hooks) never talk to GitLab.
        const { JobArtifacts } = await Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 80342));
        const api = new JobArtifacts({
            host: this.host,
            ...(this.opts.token ? { token: this.opts.token } : { jobToken: this.opts.jobToken }),
        });
        host.info(`Downloading ${this.describe(sha)}`);
        let blob;
        try {
            blob = (await (this.opts.jobId !== undefined
                ? api.downloadArchive(this.project, { jobId: this.opts.jobId })
                : api.downloadArchive(this.project, { ref: this.ref, job: this.opts.job })));
        }
        catch (e) {
            const status = statusOf(e);
            if (status === 404) {
                throw new src/* HilError */.ee(`No bundle for commit ${sha}: ${this.describe(sha)} not found (HTTP 404: the job did not run or fail-free, its artifacts expired, or the ref's latest successful pipeline has no such job).`, {
                    hint: "Check that the bundle job ran for this commit and succeeded, and that its artifacts have not expired (artifacts: expire_in). In the same pipeline, prefer `needs: [bundle]` and a local bundle path.",
                });
            }
            if (status === 401 || status === 403) {
                throw new src/* ConfigurationError */.j1(`GitLab refused the token for ${this.describe(sha)} (HTTP ${status}).`, {
                    hint: "The token needs read_api on the project (CI_JOB_TOKEN only where the project's job token allowlist permits it).",
                });
            }
            throw new src/* InfrastructureError */.EN(`Downloading ${this.describe(sha)} failed: ${e.message}`, { hint: "GitLab may be unavailable, or the download was cut; retry the job." });
        }
        const path = (0,external_node_path_.join)(workDir, "artifacts.zip");
        await (0,promises_.writeFile)(path, Buffer.from(await blob.arrayBuffer()));
        return { kind: "zip", path };
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(83648);
var proper_lockfile_default = /*#__PURE__*/__webpack_require__.n(proper_lockfile);
;// CONCATENATED MODULE: ./packages/bundle/src/internal/lock.ts



/**
 * Run `fn` holding the lock if it is free right now; resolve to `undefined` without running it
 * when someone else holds it.
 */
async function tryWithLock(lockPath, staleMs, fn) {
    let release;
    try {
        release = await proper_lockfile_default().lock(lockPath, {
            realpath: false,
            lockfilePath: lockPath,
            stale: staleMs,
            retries: 0,
            onCompromised: () => undefined,
        });
    }
    catch (e) {
        if (e.code === "ELOCKED")
            return undefined;
        throw e;
    }
    try {
        return await fn();
    }
    finally {
        await release().catch(() => undefined);
    }
}
/**
 * Run `fn` holding the lock `lockPath` (a proper-lockfile mkdir lock, safe across the processes
 * of a host and across hosts on NFS). Waits for other holders up to `timeoutMs`; a crashed
 * holder's lock goes stale after `staleMs` and is taken over.
 */
async function withLock(lockPath, opts, fn) {
    const deadline = Date.now() + opts.timeoutMs;
    let compromised;
    let release;
    let delay = 10;
    for (;;) {
        try {
            release = await proper_lockfile_default().lock(lockPath, {
                realpath: false,
                lockfilePath: lockPath,
                stale: opts.staleMs,
                retries: 0,
                onCompromised: (e) => {
                    compromised = e;
                },
            });
            break;
        }
        catch (e) {
            if (e.code !== "ELOCKED")
                throw e;
            if (Date.now() >= deadline) {
                throw new src/* InfrastructureError */.EN(`Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for the lock on ${opts.what} (${lockPath}).`, {
                    hint: `Another process on this host is holding it (for example a slow download of the same bundle). If no hil process is running, remove ${lockPath}.`,
                });
            }
            await (0,external_node_timers_promises_.setTimeout)(delay + Math.random() * delay);
            delay = Math.min(delay * 2, 100);
        }
    }
    try {
        const result = await fn();
        if (compromised) {
            throw new src/* InfrastructureError */.EN(`The lock on ${opts.what} (${lockPath}) was lost while held: ${compromised.message}.`, { hint: "The host was too busy to refresh it in time, or someone removed it; retry." });
        }
        return result;
    }
    finally {
        await release().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./packages/bundle/src/cache.ts







const DEFAULT_CACHE_DIR = "/var/cache/hil";
const DIGEST = /^[0-9a-f]{64}$/;
/** Work dirs older than this are leftovers of a crashed process. */
const ABANDONED_MS = 6 * 3600 * 1000;
function defaultMaxBytes() {
    const mb = Number(process.env.HIL_CACHE_MAX_MB);
    return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 2 * 1024 * 1024 * 1024;
}
const hashKey = (s) => (0,external_node_crypto_.createHash)("sha256").update(s).digest("hex").slice(0, 40);
const holderFile = (holder) => holder.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) + "-" + hashKey(holder).slice(0, 8);
async function duBytes(dir) {
    let n = 0;
    for (const e of await (0,promises_.readdir)(dir, { withFileTypes: true, recursive: true })) {
        if (e.isFile())
            n += (await (0,promises_.stat)((0,external_node_path_.join)(e.parentPath, e.name))).size;
    }
    return n;
}
async function atomicWrite(path, data) {
    const tmp = `${path}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString("hex")}.tmp`;
    await (0,promises_.writeFile)(tmp, data);
    await (0,promises_.rename)(tmp, path);
}
/**
 * The content-addressed bundle cache of a runner host, shared by its slots:
 *
 * ```
 * <dir>/bundles/store/<digest>/      verified bundles, keyed by manifest digest
 * <dir>/bundles/meta/<digest>.json   size, commit; mtime = last use (LRU)
 * <dir>/bundles/refs/<key>           source identity (artifact of a SHA) -> digest
 * <dir>/bundles/pins/<digest>/<job>  jobs using a bundle: never evicted while pinned
 * <dir>/bundles/locks/               proper-lockfile locks (per ref, per digest, eviction)
 * <dir>/bundles/tmp/                 downloads in progress, renamed into store/ when verified
 * ```
 *
 * A bundle enters `store/` only after it verified, by an atomic rename from `tmp/` on the same
 * filesystem, so readers never see a half-written bundle and a failed fetch leaves nothing.
 */
class BundleCache {
    root;
    maxBytes;
    lockTimeoutMs;
    staleMs;
    pinTtlSec;
    constructor(opts = {}) {
        this.root = (0,external_node_path_.join)(opts.dir ?? DEFAULT_CACHE_DIR, "bundles");
        this.maxBytes = opts.maxBytes ?? defaultMaxBytes();
        this.lockTimeoutMs = opts.lockTimeoutMs ?? 10 * 60 * 1000;
        this.staleMs = Math.max(opts.staleMs ?? 30_000, 5000);
        this.pinTtlSec = opts.pinTtlSec ?? 14400 + 600;
    }
    p(...parts) {
        return (0,external_node_path_.join)(this.root, ...parts);
    }
    /** Create the layout (idempotent) and clear work dirs abandoned by crashed processes. */
    async init() {
        try {
            for (const d of ["store", "meta", "refs", "pins", "locks", "tmp"])
                await (0,promises_.mkdir)(this.p(d), { recursive: true });
        }
        catch (e) {
            throw new src/* HilError */.ee(`Cannot use the bundle cache ${this.root}: ${e.message}.`, {
                hint: "Create the inventory's cache_dir and make it writable by the runner user (e.g. sudo install -d -o runner /var/cache/hil), or set cache_dir in the inventory.",
            });
        }
        const now = Date.now();
        for (const name of await (0,promises_.readdir)(this.p("tmp"))) {
            const st = await (0,promises_.stat)(this.p("tmp", name)).catch(() => undefined);
            if (st && now - st.mtimeMs > ABANDONED_MS)
                await (0,promises_.rm)(this.p("tmp", name), { recursive: true, force: true });
        }
    }
    /** A fresh work dir inside the cache (same filesystem as store/, so installing is a rename). */
    workDir() {
        return (0,promises_.mkdtemp)(this.p("tmp", "fetch-"));
    }
    /** Run `fn` holding the lock of a source identity: one fetch per bundle at a time on this host. */
    withRefLock(identity, fn) {
        return withLock(this.p("locks", `ref-${hashKey(identity)}.lock`), {
            timeoutMs: this.lockTimeoutMs,
            staleMs: this.staleMs,
            what: `the bundle cache entry for ${identity}`,
        }, fn);
    }
    withDigestLock(digest, fn) {
        return withLock(this.p("locks", `bundle-${digest}.lock`), { timeoutMs: this.lockTimeoutMs, staleMs: this.staleMs, what: `cached bundle ${digest}` }, fn);
    }
    /** The digest a source identity resolved to before, if any. */
    async lookup(identity) {
        const text = await (0,promises_.readFile)(this.p("refs", hashKey(identity)), "utf8").catch(() => "");
        const digest = text.trim();
        return DIGEST.test(digest) ? digest : undefined;
    }
    async remember(identity, digest) {
        await atomicWrite(this.p("refs", hashKey(identity)), digest + "\n");
    }
    async pin(digest, holder) {
        await (0,promises_.mkdir)(this.p("pins", digest), { recursive: true });
        const pin = {
            holder,
            pid: process.pid,
            host: (0,external_node_os_.hostname)(),
            since: new Date().toISOString(),
            expires: Date.now() + this.pinTtlSec * 1000,
        };
        await atomicWrite(this.p("pins", digest, holderFile(holder)), JSON.stringify(pin) + "\n");
    }
    /** Holders with a live pin on `digest`; expired pins are removed. */
    async livePins(digest) {
        const dir = this.p("pins", digest);
        const names = await (0,promises_.readdir)(dir).catch(() => []);
        const live = [];
        for (const name of names) {
            if (name.endsWith(".tmp"))
                continue;
            const pin = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), "utf8")
                .then((t) => JSON.parse(t))
                .catch(() => undefined);
            if (pin && pin.expires > Date.now())
                live.push(pin.holder);
            else
                await (0,promises_.unlink)((0,external_node_path_.join)(dir, name)).catch(() => undefined);
        }
        return live;
    }
    /** Stop using `digest` as `holder` (the bundle becomes evictable when nobody else uses it). */
    async release(digest, holder) {
        await (0,promises_.unlink)(this.p("pins", digest, holderFile(holder))).catch(() => undefined);
    }
    /** Release every bundle `holder` (a job id) pinned; the job-completed hook calls this. Returns how many. */
    async releaseHolder(holder) {
        let n = 0;
        for (const digest of await (0,promises_.readdir)(this.p("pins")).catch(() => [])) {
            try {
                await (0,promises_.unlink)(this.p("pins", digest, holderFile(holder)));
                n++;
            }
            catch {
                // not pinned by this holder
            }
        }
        return n;
    }
    /**
     * Use a stored bundle: pin it for `holder`, re-verify it (manifest, SHA, every sha256) and mark
     * it used. A damaged entry is dropped and `undefined` returned, so the caller fetches again.
     */
    async open(digest, opts) {
        return this.withDigestLock(digest, async () => {
            const dir = this.p("store", digest);
            if (!(await (0,promises_.stat)(dir).catch(() => undefined))?.isDirectory())
                return undefined;
            await this.pin(digest, opts.holder);
            let verified;
            try {
                verified = await verifyBundle(dir, { sha: opts.sha, label: opts.label });
            }
            catch (e) {
                await this.release(digest, opts.holder);
                // A SHA mismatch is the caller's to report; anything else means the entry is damaged.
                if (e instanceof src/* HilError */.ee && /^SHA mismatch/.test(e.message))
                    throw e;
                await this.drop(digest);
                return undefined;
            }
            if (verified.digest !== digest) {
                await this.release(digest, opts.holder);
                await this.drop(digest);
                return undefined;
            }
            await this.touch(digest);
            return verified;
        });
    }
    /**
     * Move a verified bundle directory (inside a work dir of this cache) into the store and pin it
     * for `holder`. If the same bundle is already stored (reached through another source), the
     * stored copy is kept.
     */
    async install(bundle, opts) {
        const digest = bundle.digest;
        return this.withDigestLock(digest, async () => {
            const dest = this.p("store", digest);
            if ((await (0,promises_.stat)(dest).catch(() => undefined))?.isDirectory()) {
                const existing = await verifyBundle(dest, {
                    sha: bundle.manifest.commit_sha,
                    label: opts.source,
                }).catch(() => undefined);
                if (existing && existing.digest === digest) {
                    await this.pin(digest, opts.holder);
                    await this.touch(digest);
                    return existing;
                }
                await this.dropUnlocked(digest);
            }
            const meta = {
                digest,
                bytes: await duBytes(bundle.dir),
                commit_sha: bundle.manifest.commit_sha,
                installed_utc: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
                source: opts.source,
            };
            await atomicWrite(this.p("meta", `${digest}.json`), JSON.stringify(meta, null, 2) + "\n");
            await this.pin(digest, opts.holder);
            await (0,promises_.rename)(bundle.dir, dest);
            return verifyBundle(dest, { sha: bundle.manifest.commit_sha, label: opts.source });
        });
    }
    async touch(digest) {
        const now = new Date();
        await (0,promises_.utimes)(this.p("meta", `${digest}.json`), now, now).catch(() => undefined);
    }
    /** Remove a stored bundle (rename away first, so readers never see half a directory). */
    async drop(digest) {
        await this.dropUnlocked(digest);
    }
    async dropUnlocked(digest) {
        const trash = this.p("tmp", `drop-${digest.slice(0, 12)}-${(0,external_node_crypto_.randomBytes)(4).toString("hex")}`);
        await (0,promises_.rename)(this.p("store", digest), trash).catch(() => undefined);
        await (0,promises_.unlink)(this.p("meta", `${digest}.json`)).catch(() => undefined);
        await (0,promises_.rm)(trash, { recursive: true, force: true });
    }
    /** What the cache holds, least recently used first. */
    async entries() {
        const out = [];
        for (const digest of await (0,promises_.readdir)(this.p("store")).catch(() => [])) {
            if (!DIGEST.test(digest))
                continue;
            const dir = this.p("store", digest);
            const metaPath = this.p("meta", `${digest}.json`);
            const meta = await (0,promises_.readFile)(metaPath, "utf8")
                .then((t) => JSON.parse(t))
                .catch(() => undefined);
            const st = await (0,promises_.stat)(metaPath).catch(() => undefined);
            const dst = await (0,promises_.stat)(dir).catch(() => undefined);
            if (!dst)
                continue;
            out.push({
                digest,
                dir,
                bytes: meta?.bytes ?? (await duBytes(dir)),
                ...(meta?.commit_sha ? { commitSha: meta.commit_sha } : {}),
                lastUsed: st?.mtime ?? dst.mtime,
                pins: await this.livePins(digest),
            });
        }
        return out.sort((a, b) => a.lastUsed.getTime() - b.lastUsed.getTime());
    }
    /**
     * Bring the store under `maxBytes` by removing least recently used bundles; a pinned bundle
     * (in use by a job) is never removed, nor any digest in `keep`. One evictor at a time; a busy
     * evictor makes this a no-op.
     */
    async evict(opts = {}) {
        const keep = new Set(opts.keep ?? []);
        const result = await tryWithLock(this.p("locks", "evict.lock"), this.staleMs, async () => {
            const scanStart = Date.now();
            const entries = await this.entries();
            let total = entries.reduce((n, e) => n + e.bytes, 0);
            const evicted = [];
            let freed = 0;
            for (const e of entries) {
                if (total <= this.maxBytes)
                    break;
                if (e.pins.length || keep.has(e.digest))
                    continue;
                const removed = await this.withDigestLock(e.digest, async () => {
                    if ((await this.livePins(e.digest)).length)
                        return false;
                    await this.dropUnlocked(e.digest);
                    await (0,promises_.rm)(this.p("pins", e.digest), { recursive: true, force: true });
                    return true;
                });
                if (removed) {
                    total -= e.bytes;
                    freed += e.bytes;
                    evicted.push(e.digest);
                }
            }
            // Forget refs to bundles that are gone (not ones written since the scan began: their
            // bundle may have been installed after it).
            const stored = new Set((await this.entries().catch(() => [])).map((x) => x.digest));
            for (const ref of await (0,promises_.readdir)(this.p("refs")).catch(() => [])) {
                if (ref.endsWith(".tmp"))
                    continue;
                const path = this.p("refs", ref);
                const st = await (0,promises_.stat)(path).catch(() => undefined);
                if (!st || st.mtimeMs >= scanStart - 1000)
                    continue;
                const d = (await (0,promises_.readFile)(path, "utf8").catch(() => "")).trim();
                if (!stored.has(d))
                    await (0,promises_.unlink)(path).catch(() => undefined);
            }
            return { evicted, freedBytes: freed, totalBytes: total };
        });
        return result ?? { evicted: [], freedBytes: 0, totalBytes: -1 };
    }
}

// EXTERNAL MODULE: ./packages/host/src/index.ts + 5 modules
var host_src = __webpack_require__(24056);
;// CONCATENATED MODULE: ./packages/bundle/src/fetch.ts








/** Find the bundle directory inside an extracted archive. */
async function locateBundle(root, bundlePath, label) {
    if (bundlePath !== undefined && bundlePath !== "" && bundlePath !== ".") {
        const clean = bundlePath.replace(/\/+$/, "");
        const reason = unsafeEntryReason(clean);
        if (reason)
            throw new src/* HilError */.ee(`The bundle path ${JSON.stringify(bundlePath)} ${reason}.`);
        return (0,external_node_path_.join)(root, clean);
    }
    const top = await (0,promises_.readdir)(root);
    if (top.includes(names_MANIFEST_FILE))
        return root;
    const found = [];
    for (const e of await (0,promises_.readdir)(root, { withFileTypes: true, recursive: true })) {
        if (e.isFile() && e.name === names_MANIFEST_FILE)
            found.push(e.parentPath);
    }
    found.sort();
    if (found.length === 1)
        return found[0];
    if (found.length === 0) {
        throw new src/* HilError */.ee(`${label} holds no ${names_MANIFEST_FILE}; it is not a firmware bundle.`, {
            hint: "Upload the directory written by `hil bundle` (or use actions/build), not the raw ESP-IDF build directory.",
        });
    }
    throw new src/* HilError */.ee(`${label} holds ${found.length} bundles (${found.map((f) => f.slice(root.length + 1) || ".").join(", ")}); which one?`, { hint: "Pass the bundle path inside the archive (bundlePath / --bundle-path)." });
}
/** Download into `work`, extract safely, locate and verify: the one path every source takes. */
async function obtain(opts, sha, work, host) {
    const label = opts.source.describe(sha);
    const dl = await opts.source.download(sha, (0,external_node_path_.join)(work, "download"), host);
    let root;
    if (dl.kind === "zip") {
        root = (0,external_node_path_.join)(work, "unpacked");
        await (0,promises_.mkdir)(root);
        await extractZip(dl.path, root, label, opts.limits);
    }
    else {
        root = (0,external_node_path_.join)(work, "copy");
        await (0,promises_.cp)(dl.path, root, { recursive: true, verbatimSymlinks: true });
    }
    const dir = await locateBundle(root, opts.bundlePath, label);
    return verifyBundle(dir, { sha, label });
}
/**
 * Get the verified bundle of the job's commit from `source`, through the host cache when given.
 *
 * Checks, whatever the source: safe extraction (no absolute paths, `..`, symlinks), manifest
 * valid, manifest SHA equal to `sha`, every image's size and sha256. Anything refused leaves
 * nothing behind (no half-extracted files, no cache entry).
 */
async function fetchBundle(opts) {
    const sha = names_requireFullSha(opts.sha, "The job's commit SHA");
    const host = opts.host ?? new host_src/* TerminalHost */.LQ();
    const holder = opts.holder ?? `pid-${process.pid}`;
    // Tokens the source holds never reach a log line through this host.
    const secrets = opts.source.secrets?.() ?? [];
    for (const s of secrets)
        host.maskSecret(s);
    const label = opts.source.describe(sha);
    const identity = await opts.source.identity(sha);
    // A local bundle directory is verified and used where it is.
    if (identity === undefined) {
        const dl = await opts.source.download(sha, "", host);
        const v = await verifyBundle(dl.path, { sha, label });
        return { ...v, source: label, cacheHit: false, release: async () => undefined };
    }
    const cache = opts.cache;
    if (!cache) {
        const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "hil-bundle-"));
        try {
            await (0,promises_.mkdir)((0,external_node_path_.join)(work, "download"));
            const v = await obtain(opts, sha, work, host);
            let released = false;
            return {
                ...v,
                source: label,
                cacheHit: false,
                release: async () => {
                    if (released)
                        return;
                    released = true;
                    await (0,promises_.rm)(work, { recursive: true, force: true });
                },
            };
        }
        catch (e) {
            await (0,promises_.rm)(work, { recursive: true, force: true });
            throw e;
        }
    }
    await cache.init();
    const handle = await cache.withRefLock(identity, async () => {
        const known = await cache.lookup(identity);
        if (known) {
            const hit = await cache.open(known, { sha, label, holder });
            if (hit) {
                host.info(`Using cached bundle ${known.slice(0, 12)} for ${sha} (${label})`);
                return { v: hit, cacheHit: true };
            }
        }
        const work = await cache.workDir();
        try {
            await (0,promises_.mkdir)((0,external_node_path_.join)(work, "download"));
            const v = await obtain(opts, sha, work, host);
            const stored = await cache.install(v, { holder, source: label });
            await cache.remember(identity, stored.digest);
            host.info(`Cached bundle ${stored.digest.slice(0, 12)} for ${sha}: ${stored.images.length} images, ${stored.bytes} bytes`);
            return { v: stored, cacheHit: false };
        }
        finally {
            await (0,promises_.rm)(work, { recursive: true, force: true });
        }
    });
    try {
        const ev = await cache.evict({ keep: [handle.v.digest] });
        if (ev.evicted.length)
            host.info(`Evicted ${ev.evicted.length} least recently used bundle(s) from ${cache.root} (${ev.freedBytes} bytes)`);
    }
    catch (e) {
        host.warn(`Bundle cache eviction failed: ${e.message}`);
    }
    let released = false;
    return {
        ...handle.v,
        source: label,
        cacheHit: handle.cacheHit,
        release: async () => {
            if (released)
                return;
            released = true;
            await cache.release(handle.v.digest, holder);
        },
    };
}

;// CONCATENATED MODULE: ./packages/bundle/src/upload.ts




/**
 * Upload a packed bundle as a GitHub Actions artifact with @actions/artifact (the Actions
 * results service and blob storage of the running job: ACTIONS_RUNTIME_TOKEN and
 * ACTIONS_RESULTS_URL). Only inside a GitHub Actions job.
 */
async function uploadBundle(bundle, opts) {
    if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
        throw new ConfigurationError("Cannot upload the bundle: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not inside a GitHub Actions job step).", {
            hint: "Run actions/build as a step of a GitHub Actions job; outside Actions use `hil bundle --zip` and store the zip yourself.",
        });
    }
    const ci = ciContext();
    checkArtifactServer(ci.serverUrl);
    const { artifact } = await loadArtifactClient(ci.apiUrl ?? DEFAULT_API_URL);
    const client = new artifact.DefaultArtifactClient();
    try {
        const res = await client.uploadArtifact(opts.name, bundle.files.map((f) => join(bundle.dir, f)), bundle.dir, opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {});
        if (res.id === undefined)
            throw new Error("the service returned no artifact id");
        return {
            id: res.id,
            name: opts.name,
            size: res.size ?? 0,
            ...(res.digest ? { zipDigest: res.digest } : {}),
        };
    }
    catch (e) {
        const msg = e.message;
        if (/Conflict|already exists|409/i.test(msg)) {
            throw new ConfigurationError(`An artifact named ${opts.name} already exists in this workflow run.`, {
                hint: "Artifact names are unique per run: when a matrix builds several targets, set `target:` (fw-<sha>-<target>) or `artifact-name:` per job.",
            });
        }
        throw new InfrastructureError(`Uploading the bundle as ${opts.name} failed: ${msg}`, {
            hint: "GitHub's artifact service or blob storage did not accept it; re-run the job.",
        });
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
;// CONCATENATED MODULE: ./packages/bundle/src/build-command.ts




/**
 * Run the user's build command (e.g. `idf.py build`, or `docker run … espressif/idf … idf.py
 * build`) the way a workflow `run:` step does: bash with -eo pipefail, in `cwd`, every output
 * line passed to the host as it comes.
 */
async function runBuildCommand(command, cwd, host) {
    if (!existsSync(cwd)) {
        throw new ConfigurationError(`The build command's working directory ${cwd} does not exist.`, {
            hint: "Fix working-directory (it is relative to the workspace).",
        });
    }
    const run = (shell, args) => new Promise((resolve, reject) => {
        const child = spawn(shell, [...args, command], {
            cwd,
            env: process.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        createInterface({ input: child.stdout }).on("line", (l) => host.info(l));
        createInterface({ input: child.stderr }).on("line", (l) => host.info(l));
        child.on("error", reject);
        child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    let code;
    try {
        code = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c"]);
    }
    catch (e) {
        if (e.code === "ENOENT") {
            // No bash (e.g. a minimal container): POSIX sh.
            try {
                code = await run("sh", ["-e", "-c"]);
            }
            catch (e2) {
                throw new ConfigurationError(`Cannot run the build command in ${cwd}: ${e2.message}.`, { hint: "Check working-directory exists and a shell is installed." });
            }
        }
        else {
            throw new ConfigurationError(`Cannot run the build command in ${cwd}: ${e.message}.`, { hint: "Check working-directory exists." });
        }
    }
    if (code !== 0) {
        throw new HilError(`The build command failed with exit code ${code}: ${command}`, {
            hint: "Fix the build (its output is above); no bundle was made.",
        });
    }
}

;// CONCATENATED MODULE: ./packages/bundle/src/from-env.ts






/** The environment variables `sourceFromEnv` reads (besides the CI's own GITHUB_* / CI_*). */
const BUNDLE_ENV = (/* unused pure expression or super */ null && ([
    "HIL_SHA",
    "HIL_BUNDLE",
    "HIL_BUNDLE_NAME",
    "HIL_BUNDLE_TARGET",
    "HIL_BUNDLE_RUN_ID",
    "HIL_BUNDLE_JOB",
    "HIL_BUNDLE_JOB_ID",
    "HIL_GITHUB_TOKEN",
    "HIL_GITLAB_TOKEN",
]));
/**
 * The job's commit and where its bundle is, from the CI environment: what the runner hook and
 * hil-flash call when nothing more specific is given.
 *
 * - `HIL_BUNDLE` (or `path`): a local bundle directory or zip;
 * - GitHub Actions: artifact `HIL_BUNDLE_NAME` (default `fw-<sha>[-HIL_BUNDLE_TARGET]`) in
 *   GITHUB_REPOSITORY, optionally only in run `HIL_BUNDLE_RUN_ID`; token `HIL_GITHUB_TOKEN`,
 *   else `GITHUB_TOKEN`;
 * - GitLab CI: the artifacts of job `HIL_BUNDLE_JOB_ID`, or of job `HIL_BUNDLE_JOB` (default
 *   `bundle`) on CI_COMMIT_REF_NAME; token `HIL_GITLAB_TOKEN`, else CI_JOB_TOKEN.
 *
 * The SHA is `HIL_SHA`, else GITHUB_SHA / CI_COMMIT_SHA.
 */
function sourceFromEnv(opts = {}) {
    const env = opts.env ?? process.env;
    const ci = (0,ci_src/* ciContext */.U)(env);
    const shaText = env.HIL_SHA ?? ci.buildSha;
    const sha = names_requireFullSha(shaText, "The job's commit SHA (HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA)");
    const path = opts.path ?? env.HIL_BUNDLE;
    if (path)
        return { source: new LocalSource(path), sha };
    const target = opts.target ?? env.HIL_BUNDLE_TARGET;
    if (ci.forge === "github") {
        const token = opts.token ?? ci.tokens.github ?? "";
        const runId = env.HIL_BUNDLE_RUN_ID ?? (env.HIL_SHA ? undefined : ci.buildRunId);
        const source = new GitHubSource({
            token,
            ...(ci.repo ? { repository: ci.repo } : {}),
            ...(ci.apiUrl ? { apiUrl: ci.apiUrl } : {}),
            ...(ci.serverUrl ? { serverUrl: ci.serverUrl } : {}),
            ...(runId ? { runId } : {}),
            ...(env.HIL_BUNDLE_NAME ? { name: env.HIL_BUNDLE_NAME } : {}),
            ...(target ? { target } : {}),
        });
        return { source, sha };
    }
    if (ci.forge === "gitlab") {
        const jobId = env.HIL_BUNDLE_JOB_ID ? Number(env.HIL_BUNDLE_JOB_ID) : undefined;
        if (jobId !== undefined && !Number.isInteger(jobId)) {
            throw new src/* ConfigurationError */.j1(`HIL_BUNDLE_JOB_ID must be a job id, got ${JSON.stringify(env.HIL_BUNDLE_JOB_ID)}.`);
        }
        const token = opts.token ?? env.HIL_GITLAB_TOKEN;
        const source = new GitLabSource({
            ...(ci.serverUrl ? { host: ci.serverUrl } : {}),
            ...(ci.gitlab.projectId ? { project: ci.gitlab.projectId } : {}),
            ...(ci.ref ? { ref: ci.ref } : {}),
            ...(jobId !== undefined ? { jobId } : { job: env.HIL_BUNDLE_JOB ?? "bundle" }),
            ...(token ? { token } : ci.gitlab.jobToken ? { jobToken: ci.gitlab.jobToken } : {}),
        });
        return { source, sha };
    }
    throw new src/* ConfigurationError */.j1("Where is the bundle? Not in GitHub Actions or GitLab CI, and HIL_BUNDLE is not set.", {
        hint: "Pass a bundle directory or zip (HIL_BUNDLE=path, or the command's bundle argument).",
    });
}

;// CONCATENATED MODULE: ./packages/bundle/src/index.ts
// @hil/bundle: firmware bundles between the lanes. The upstream lane packs an ESP-IDF build
// into `fw-<sha>` (packBundle, uploadBundle); the hardware lane fetches exactly that commit's
// bundle (fetchBundle) from GitHub, GitLab or a local path, through the host's shared cache.















;// CONCATENATED MODULE: ./packages/flasher/src/bundle.ts






const jobSha = (o) => o.sha || o.env.HIL_SHA || (0,ci_src/* ciContext */.U)(o.env).buildSha || undefined;
/**
 * The bundle to flash. A given path (the action's `bundle` input, `hil flash <bundle>`) is a
 * LocalSource: a directory is verified in place, a zip is extracted safely to a temp dir;
 * when the job's commit is known the bundle must have been built from it. Without a path it
 * is the job's bundle: `sourceFromEnv` and `fetchBundle` through the host cache, where the
 * job-started hook has already put it (a cache hit), else downloaded now.
 */
async function openBundle(o) {
    const sha = jobSha(o);
    if (o.path) {
        const source = new LocalSource(o.path);
        if (sha) {
            const b = await fetchBundle({ source, sha, host: o.host, holder: o.holder });
            return b;
        }
        // A person at a terminal with no commit in sight: check everything but the commit.
        o.host.warn(`No commit SHA given (--sha, HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA): flashing ${source.path} without checking which commit it was built from.`);
        return openUnpinned(source.path);
    }
    const { source, sha: envSha } = sourceFromEnv({
        env: o.env,
        ...(o.token ? { token: o.token } : {}),
    });
    const cache = new BundleCache({ dir: o.cacheDir });
    return fetchBundle({ source, sha: sha ?? envSha, cache, holder: o.holder, host: o.host });
}
async function openUnpinned(path) {
    const full = (0,external_node_path_.resolve)(path);
    let st;
    try {
        st = await (0,promises_.stat)(full);
    }
    catch {
        throw new src/* ConfigurationError */.j1(`No bundle at ${full}: it does not exist.`, {
            hint: "Pass a bundle directory (holding manifest.json) or its zip.",
        });
    }
    if (st.isDirectory()) {
        const v = await verifyBundle(full);
        return { ...v, source: `bundle ${full}`, cacheHit: false, release: async () => undefined };
    }
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "hil-flash-"));
    const release = () => (0,promises_.rm)(work, { recursive: true, force: true });
    try {
        await extractZip(full, work, `bundle ${full}`);
        let dir = work;
        const top = await (0,promises_.readdir)(work, { withFileTypes: true });
        if (!top.some((e) => e.name === names_MANIFEST_FILE)) {
            const dirs = top.filter((e) => e.isDirectory());
            if (dirs.length === 1)
                dir = (0,external_node_path_.join)(work, dirs[0].name);
        }
        const v = await verifyBundle(dir, { label: `bundle ${full}` });
        return { ...v, source: `bundle ${full}`, cacheHit: false, release };
    }
    catch (e) {
        await release();
        if (e instanceof src/* HilError */.ee)
            throw e;
        throw new src/* HilError */.ee(`Cannot open the bundle ${full}: ${e.message}`);
    }
}

// EXTERNAL MODULE: ./packages/inventory/src/index.ts + 3 modules
var inventory_src = __webpack_require__(69842);
// EXTERNAL MODULE: ./packages/journal/src/index.ts + 2 modules
var journal_src = __webpack_require__(23825);
;// CONCATENATED MODULE: ./packages/power/src/errors.ts

/**
 * A relay that could not be switched or read. Drivers throw it; the power cycle turns it into
 * its result (`timeout` / `ha_error`, HTTP status, retried or not). Never carries the token.
 */
class PowerError extends src/* InfrastructureError */.EN {
    name = "PowerError";
    outcome;
    httpStatus;
    retryable;
    configuration;
    constructor(message, options) {
        super(message, {
            ...(options.hint ? { hint: options.hint } : {}),
            ...(options.cause !== undefined ? { cause: options.cause } : {}),
        });
        this.outcome = options.outcome;
        if (options.httpStatus !== undefined)
            this.httpStatus = options.httpStatus;
        this.retryable = options.retryable;
        this.configuration = options.configuration ?? false;
    }
}

// EXTERNAL MODULE: ./packages/power/node_modules/undici/index.js
var undici = __webpack_require__(51670);
;// CONCATENATED MODULE: ./packages/power/src/home-assistant/client.ts




/** A state object as `GET /api/states/<entity_id>` returns it (the fields hil reads). */
const entityState = schemas/* looseObject */._H3({
    entity_id: schemas/* string */.YjP(),
    state: schemas/* string */.YjP(),
    last_changed: schemas/* string */.YjP().optional(),
    last_updated: schemas/* string */.YjP().optional(),
});
const NETWORK_WORDS = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    EPIPE: "connection closed",
    UND_ERR_SOCKET: "connection closed",
    UND_ERR_CLOSED: "connection closed",
    ENOTFOUND: "host name not found",
    EAI_AGAIN: "host name lookup failed",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    EHOSTDOWN: "host down",
};
const TIMEOUT_CODES = new Set([
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
    "ETIMEDOUT",
]);
/** Check a Home Assistant base URL; returns it without a trailing slash. */
function homeAssistantBaseUrl(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new src/* ConfigurationError */.j1(`The Home Assistant URL "${url}" is not a valid URL.`, {
            hint: "Set slots[].power.url to the base URL, e.g. http://homeassistant.local:8123.",
        });
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
        throw new src/* ConfigurationError */.j1(`The Home Assistant URL "${url}" uses ${u.protocol.replace(/:$/, "")}; expected http or https.`, { hint: "Set slots[].power.url to the base URL, e.g. http://homeassistant.local:8123." });
    }
    if (u.username || u.password) {
        // Say nothing of what is in it: it may be a password.
        throw new src/* ConfigurationError */.j1("The Home Assistant URL carries a user name or password.", {
            hint: "Remove them from slots[].power.url; the long-lived access token goes in the variable named by token_env.",
        });
    }
    if (u.search || u.hash) {
        throw new src/* ConfigurationError */.j1(`The Home Assistant URL "${url}" has a query or fragment; expected a base URL.`, { hint: "Set slots[].power.url to e.g. http://homeassistant.local:8123." });
    }
    return u.toString().replace(/\/+$/, "");
}
const oneLine = (s) => s.replace(/\s+/g, " ").trim().slice(0, 200);
function errorCode(e) {
    let cur = e;
    for (let i = 0; i < 4 && cur; i++) {
        const code = cur.code;
        if (typeof code === "string")
            return code;
        cur = cur.cause;
    }
    return undefined;
}
/**
 * The slice of Home Assistant's REST API hil needs, over undici: `GET /api/`,
 * `GET /api/states/<entity>`, `POST /api/services/<domain>/<service>`. Every call has a
 * deadline; every failure is a PowerError (outcome, HTTP status, retryable, hint) whose text
 * never contains the token.
 */
class HomeAssistantClient {
    baseUrl;
    token;
    tokenSource;
    agent = new undici/* Agent */.g6({ keepAliveTimeout: 4_000, connections: 4 });
    constructor(options) {
        this.baseUrl = homeAssistantBaseUrl(options.url);
        this.tokenSource = options.tokenSource ?? "the configured token";
        const token = options.token.trim();
        if (!token) {
            throw new src/* ConfigurationError */.j1(`The Home Assistant token (${this.tokenSource}) is empty.`, {
                hint: "Create a long-lived access token in Home Assistant (your profile → Security) and store it there.",
            });
        }
        if (!/^[\x21-\x7e]+$/.test(token)) {
            throw new src/* ConfigurationError */.j1(`The Home Assistant token (${this.tokenSource}) contains spaces, line breaks or other characters a token never has.`, { hint: "Copy the long-lived access token again, whole and on one line." });
        }
        this.token = token;
    }
    /** `GET /api/`: `API running.` when the URL and token are right. */
    async ping(o) {
        const body = await this.json("GET", "/api/", undefined, o);
        return String(body?.message ?? "");
    }
    /** `GET /api/states/<entity>`; a 404 names the entity. */
    async getState(entity, o) {
        const body = await this.json("GET", `/api/states/${encodeURIComponent(entity)}`, undefined, o, entity);
        const parsed = entityState.safeParse(body);
        if (!parsed.success) {
            throw new PowerError(`Home Assistant at ${this.baseUrl} answered GET /api/states/${entity} with something that is not a state object.`, {
                outcome: "ha_error",
                retryable: false,
                configuration: true,
                hint: "Is the inventory's url the Home Assistant base URL (http://host:8123)?",
            });
        }
        return parsed.data;
    }
    /** `POST /api/services/<domain>/<service>` with `data` (e.g. `{entity_id}`); the states that changed. */
    async callService(domain, service, data, o) {
        const body = await this.json("POST", `/api/services/${encodeURIComponent(domain)}/${encodeURIComponent(service)}`, data, o);
        return Array.isArray(body) ? body : [];
    }
    async close() {
        await this.agent.close().catch(() => undefined);
    }
    async json(method, path, data, o, entity) {
        const what = `${method} ${path}`;
        const timeoutMs = Math.max(1, Math.round(o.timeoutMs));
        const deadline = AbortSignal.timeout(timeoutMs);
        const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
        let status;
        let text;
        try {
            const res = await (0,undici/* request */.Em)(`${this.baseUrl}${path}`, {
                method,
                dispatcher: this.agent,
                signal,
                headers: {
                    authorization: `Bearer ${this.token}`,
                    accept: "application/json",
                    ...(data === undefined ? {} : { "content-type": "application/json" }),
                },
                ...(data === undefined ? {} : { body: JSON.stringify(data) }),
            });
            status = res.statusCode;
            text = await res.body.text();
        }
        catch (e) {
            if (o.signal?.aborted)
                throw o.signal.reason;
            throw this.networkError(e, what, timeoutMs, deadline.aborted);
        }
        if (status < 200 || status > 299)
            throw this.statusError(status, text, what, entity);
        try {
            return text === "" ? null : JSON.parse(text);
        }
        catch {
            throw new PowerError(`Home Assistant at ${this.baseUrl} answered ${what} with something that is not JSON: ${oneLine(text) || "(empty)"}`, {
                outcome: "ha_error",
                retryable: false,
                configuration: true,
                hint: "Is the inventory's url the Home Assistant base URL (http://host:8123), not a proxy's login page?",
            });
        }
    }
    networkError(e, what, timeoutMs, late) {
        const code = errorCode(e);
        if (late || (code && TIMEOUT_CODES.has(code))) {
            return new PowerError(`Home Assistant at ${this.baseUrl} did not answer ${what} within ${timeoutMs / 1000} s.`, {
                outcome: "timeout",
                retryable: true,
                hint: "Home Assistant is slow, overloaded or hung: look at its system log; raise slots[].power.timeout_sec if it is just slow.",
                cause: e,
            });
        }
        const words = code ? (NETWORK_WORDS[code] ?? code) : e?.message || String(e);
        const tls = code && /CERT|TLS|SSL|SELF_SIGNED/.test(code);
        return new PowerError(`Home Assistant at ${this.baseUrl} is unreachable (${words}) on ${what}.`, {
            outcome: "ha_error",
            retryable: !tls,
            hint: tls
                ? "The server's certificate is not trusted: give Node its CA with NODE_EXTRA_CA_CERTS, or use the http URL on the lab network."
                : "Check that Home Assistant runs, and that slots[].power.url names it and is reachable from this host (hil doctor checks it).",
            cause: e,
        });
    }
    statusError(status, text, what, entity) {
        const body = oneLine(text);
        const said = body ? `: ${body}` : "";
        if (status === 401) {
            return new PowerError(`Home Assistant at ${this.baseUrl} refused the token (HTTP 401 on ${what}).`, {
                outcome: "ha_error",
                httpStatus: status,
                retryable: false,
                configuration: true,
                hint: `The token in ${this.tokenSource} is wrong, revoked or expired: create a new long-lived access token in Home Assistant (your profile → Security) and store it there.`,
            });
        }
        if (status === 403) {
            return new PowerError(`Home Assistant at ${this.baseUrl} does not let the token's user do ${what} (HTTP 403${said}).`, {
                outcome: "ha_error",
                httpStatus: status,
                retryable: false,
                configuration: true,
                hint: `Use a token (${this.tokenSource}) of a Home Assistant user allowed to control the relay.`,
            });
        }
        if (status === 404 && entity) {
            return new PowerError(`Home Assistant at ${this.baseUrl} has no entity ${entity} (HTTP 404 on ${what}).`, {
                outcome: "ha_error",
                httpStatus: status,
                retryable: false,
                configuration: true,
                hint: "Check slots[].power.entity against Home Assistant's entity list (Settings → Devices & services → Entities).",
            });
        }
        const transient = status >= 500 || status === 408 || status === 429;
        return new PowerError(`Home Assistant at ${this.baseUrl} answered HTTP ${status} to ${what}${said}.`, {
            outcome: "ha_error",
            httpStatus: status,
            retryable: transient,
            configuration: !transient,
            hint: transient
                ? "Home Assistant failed: look at its system log (Settings → System → Logs)."
                : status === 404 || status === 405
                    ? "Is the inventory's url the Home Assistant base URL (http://host:8123) with the api integration enabled?"
                    : "Home Assistant refused the request: check slots[].power.entity and its domain (switch, input_boolean, light).",
        });
    }
}

;// CONCATENATED MODULE: ./packages/power/src/power.ts
/**
 * The power protocol (STYLE.md "Hardware behind small interfaces"): what the recovery ladder,
 * hil-test and ha-power-cycle see of a relay. The Home Assistant driver implements it; another
 * relay backend (a PDU, a USB hub's port power) implements the same four calls and nothing
 * that calls them changes.
 */
/** Resolve after `ms`, or reject with the signal's reason when it aborts first. */
function power_sleep(ms, signal) {
    if (signal?.aborted)
        return Promise.reject(signal.reason);
    if (ms <= 0)
        return Promise.resolve();
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}
/** `cycle` for any driver in terms of its on/off: off, wait offMs, on, wait settleMs. */
async function cycleWith(power, o) {
    const call = o.signal ? { signal: o.signal } : {};
    const offMs = await power.off(call);
    const dark = Date.now();
    await power_sleep(o.offMs, o.signal);
    o.beforeOn?.();
    const unpoweredMs = Date.now() - dark;
    const onMs = await power.on(call);
    const settled = Date.now();
    await power_sleep(o.settleMs, o.signal);
    return { offMs, unpoweredMs, onMs, settleMs: Date.now() - settled };
}

;// CONCATENATED MODULE: ./packages/power/src/home-assistant/power.ts




/** The entity's domain, or a ConfigurationError naming the domains a relay may be in. */
function powerDomain(entity) {
    const domain = entity.split(".")[0] ?? "";
    if (!src/* POWER_DOMAINS */.m.includes(domain) ||
        !/^[a-z_]+\.[a-z0-9_]+$/.test(entity))
        throw new src/* ConfigurationError */.j1(`"${entity}" is not a relay entity hil can switch: expected <domain>.<object_id> with domain ${src/* POWER_DOMAINS */.m.join(", ")}.`, { hint: "Set slots[].power.entity to the relay's entity id, e.g. switch.hut_01_power." });
    return domain;
}
function mapState(s) {
    return s === "on" || s === "off" || s === "unavailable" ? s : "unknown";
}
/**
 * The Home Assistant relay driver: `turn_on` / `turn_off` through
 * `POST /api/services/<domain>/<service>`, then `GET /api/states/<entity>` until it reads the
 * new state. One deadline (`timeoutMs`) bounds each switch, call and confirmation together.
 */
class HomeAssistantPower {
    client;
    entity;
    domain;
    label;
    timeoutMs;
    pollMs;
    debug;
    constructor(options) {
        this.domain = powerDomain(options.entity);
        this.entity = options.entity;
        this.client = new HomeAssistantClient(options);
        this.label = `${options.entity} on Home Assistant ${this.client.baseUrl}`;
        this.timeoutMs = options.timeoutMs;
        this.pollMs = options.pollMs ?? 200;
        this.debug = options.debug ?? (() => undefined);
    }
    async state(o = {}) {
        const s = await this.client.getState(this.entity, { timeoutMs: this.timeoutMs, ...o });
        this.debug(`${this.entity} reports ${s.state}`);
        return mapState(s.state);
    }
    on(o = {}) {
        return this.switchTo("on", o);
    }
    off(o = {}) {
        return this.switchTo("off", o);
    }
    cycle(o) {
        return cycleWith(this, o);
    }
    close() {
        return this.client.close();
    }
    async switchTo(want, o) {
        const service = want === "on" ? "turn_on" : "turn_off";
        const started = Date.now();
        const deadline = started + this.timeoutMs;
        const left = () => deadline - Date.now();
        const call = (ms) => ({ timeoutMs: ms, ...(o.signal ? { signal: o.signal } : {}) });
        this.debug(`POST /api/services/${this.domain}/${service} {"entity_id": "${this.entity}"}`);
        await this.client.callService(this.domain, service, { entity_id: this.entity }, call(left()));
        let last = "";
        for (let first = true; first || left() > 0; first = false) {
            // Read at least once, even when the service call used up the time.
            const s = await this.client.getState(this.entity, call(Math.max(left(), 500)));
            if (s.state !== last)
                this.debug(`${this.entity} reports ${s.state}`);
            last = s.state;
            if (s.state === want)
                return Date.now() - started;
            await power_sleep(Math.min(this.pollMs, Math.max(0, left())), o.signal);
        }
        throw new PowerError(`${this.entity} still reports "${last || "nothing"}" ${this.timeoutMs / 1000} s after ${service}: Home Assistant never confirmed it ${want}.`, {
            outcome: "timeout",
            retryable: true,
            hint: `Check the relay in Home Assistant: is its device online, does its state follow commands? Raise slots[].power.timeout_sec if it is only slow.`,
        });
    }
}

;// CONCATENATED MODULE: ./packages/power/src/cycle.ts



const secs = (ms) => `${+(ms / 1000).toFixed(2)} s`;
const defaultRetryDelayMs = (n) => Math.min(1000 * 2 ** (n - 1), 8000);
/**
 * One power cycle of a slot through any Power driver, with the policy around it: read the
 * state first (an unknown entity or a refused token fails before anything is switched), wait out
 * the cooldown, off → off time → on → settle time → (boot banner), retry what may pass (timeouts,
 * 5xx, refused connections) up to `maxRetries` more times, and if it fails while the board is
 * dark, switch it back on when it was on before, saying so in `power_restored` and the log.
 * Resolves with the contract's result (`ok` / `timeout` / `ha_error`); rejects only when
 * `signal` aborts (after restoring power) or on a bug.
 */
async function runPowerCycle(power, o) {
    const started = Date.now();
    const startedUtc = new Date(started).toISOString();
    const host = o.host;
    const call = o.signal ? { signal: o.signal } : {};
    const delay = o.retryDelayMs ?? defaultRetryDelayMs;
    let prior;
    /** Between sending turn_off and a confirmed turn_on: the board may be unpowered because of us. */
    let dark = false;
    let attempts;
    let cooldownMs = 0;
    let t = {};
    let failure;
    const attempt = async () => {
        t = {};
        if (prior === undefined) {
            prior = await power.state(call);
            host.info(`${o.slot}: ${power.label} reports ${prior}`);
        }
        if (o.beforeCut)
            cooldownMs += await o.beforeCut(o.signal);
        let cut = false;
        try {
            dark = cut = true; // the call may switch the relay even if its answer never comes
            t.off_ms = await power.off(call);
            const darkAt = Date.now();
            host.info(`${o.slot}: off (confirmed in ${t.off_ms} ms); power returns in ${secs(o.offMs)}`);
            await power_sleep(o.offMs, o.signal);
            const mark = o.boot?.console.received;
            t.unpowered_ms = Date.now() - darkAt;
            const onAt = Date.now();
            t.on_ms = await power.on(call);
            dark = false;
            host.info(`${o.slot}: on (confirmed in ${t.on_ms} ms); settling ${secs(o.settleMs)}`);
            const settleAt = Date.now();
            await power_sleep(o.settleMs, o.signal);
            t.settle_ms = Date.now() - settleAt;
            if (o.boot) {
                const b = o.boot;
                let line;
                try {
                    line = await b.console.waitFor(b.pattern, {
                        from: mark ?? 0,
                        timeoutMs: Math.max(1, b.timeoutMs - (Date.now() - onAt)),
                    });
                }
                catch (e) {
                    if (o.signal?.aborted)
                        throw o.signal.reason;
                    throw new PowerError(`${o.slot}: power is back, but the board printed no boot banner matching ${b.pattern} within ${secs(b.timeoutMs)} (${e.message})`, {
                        outcome: "timeout",
                        retryable: true,
                        hint: "Is slots[].port the board's console at console_baud, and does its firmware print the ROM banner? Turn the boot check off (wait-for-boot: false) if it cannot be seen.",
                    });
                }
                t.boot_ms = Math.max(0, line.at - onAt);
                host.info(`${o.slot}: booted ${t.boot_ms} ms after power returned: ${line.text}`);
            }
            o.afterCut?.("ok");
        }
        catch (e) {
            if (cut)
                o.afterCut?.(e instanceof PowerError ? e.outcome : "timeout");
            throw e;
        }
    };
    const restore = async () => {
        if (!dark)
            return undefined;
        if (prior === "off") {
            host.warn(`${o.slot}: the cycle failed with the relay possibly off; it was off before, so it is left as it is.`);
            return undefined;
        }
        host.warn(`${o.slot}: the board may be without power because the cycle failed; switching it back on.`);
        try {
            // Not under the caller's signal: a cancelled or lost job must not leave the board dark.
            const ms = await power.on();
            host.info(`${o.slot}: power restored (confirmed in ${ms} ms).`);
            return true;
        }
        catch (e) {
            host.error(`${o.slot}: could not restore power (${e.message}). The board may be off: switch ${power.label} on by hand.`);
            return false;
        }
    };
    try {
        for (attempts = 1;; attempts++) {
            try {
                await attempt();
                failure = undefined;
                break;
            }
            catch (e) {
                if (!(e instanceof PowerError))
                    throw e;
                failure = e;
                const last = !e.retryable || attempts > o.maxRetries;
                const why = !e.retryable
                    ? "not retried: another attempt would fail the same way"
                    : last
                        ? "no retries left"
                        : `retrying in ${secs(delay(attempts))}`;
                host.warn(`${o.slot}: attempt ${attempts} of ${o.maxRetries + 1} failed: ${e.message} (${why})`);
                if (last)
                    break;
                await power_sleep(delay(attempts), o.signal);
            }
        }
    }
    catch (e) {
        await restore();
        throw e;
    }
    const restored = failure ? await restore() : undefined;
    if (failure?.hint)
        host.info(`${o.slot}: ${failure.hint}`);
    const ended = Date.now();
    const timings = { total_ms: ended - started };
    for (const [k, v] of Object.entries(t))
        if (v !== undefined)
            timings[k] = v;
    if (cooldownMs > 0)
        timings.cooldown_ms = cooldownMs;
    const result = {
        result: failure ? failure.outcome : "ok",
        slot: o.slot,
        entity: o.entity,
        ...(o.reason ? { reason: o.reason } : {}),
        attempts,
        ...(failure?.httpStatus !== undefined ? { http_status: failure.httpStatus } : {}),
        ...(failure ? { error: failure.message } : {}),
        ...(restored !== undefined ? { power_restored: restored } : {}),
        started_utc: startedUtc,
        ended_utc: new Date(ended).toISOString(),
        timings,
    };
    return (0,src/* parseWith */.Ku)(src/* powerCycleResult */.nz, result, `the power-cycle result of ${o.slot}`);
}

// EXTERNAL MODULE: ./packages/lease/src/index.ts + 12 modules
var lease_src = __webpack_require__(23857);
;// CONCATENATED MODULE: ./packages/power/src/state.ts







const powerDir = (site) => (0,external_node_path_.join)(site.state_dir, "power");
const powerStateFile = (site, slot) => (0,external_node_path_.join)(powerDir(site), `${slot}.json`);
function ensureDir(site) {
    const dir = powerDir(site);
    try {
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`Cannot create ${dir} for the power-cycle cooldowns (${e.code}).`, {
            hint: `Make ${site.state_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
        });
    }
    return dir;
}
/** The slot's last recorded cycle, if any (an unreadable record counts as none). */
function lastCycle(site, slot) {
    try {
        const v = JSON.parse((0,external_node_fs_.readFileSync)(powerStateFile(site, slot), "utf8"));
        if (typeof v.ended_utc !== "string" || !Number.isFinite(Date.parse(v.ended_utc)))
            return undefined;
        return v;
    }
    catch {
        return undefined;
    }
}
function recordCycleEnd(site, slot, result, jobId) {
    ensureDir(site);
    const rec = {
        slot,
        ended_utc: new Date().toISOString(),
        result,
        host: (0,external_node_os_.hostname)(),
        pid: process.pid,
        ...(jobId ? { job_id: jobId } : {}),
    };
    (0,lease_src/* writeJsonAtomic */.ZJ)(powerStateFile(site, slot), rec);
}
/** Milliseconds left before the slot may be cycled again (0 when it may now). */
function cooldownLeftMs(site, slot, cooldownSec, now = Date.now()) {
    const last = lastCycle(site, slot);
    if (!last || cooldownSec <= 0)
        return 0;
    const left = Date.parse(last.ended_utc) + cooldownSec * 1000 - now;
    // A clock that jumped back must not park the slot for longer than the cooldown itself.
    return Math.max(0, Math.min(left, cooldownSec * 1000));
}
const STALE_MS = 10_000;
/**
 * Run fn holding the slot's power lock (`<state_dir>/power/<slot>.lock`, proper-lockfile). A
 * holder that died leaves a lock that goes stale after 10 s.
 */
async function withCycleLock(site, slot, o, fn) {
    const dir = ensureDir(site);
    const target = (0,external_node_path_.join)(dir, slot);
    const deadline = Date.now() + o.waitMs;
    let announced = false;
    let delay = 5;
    let release;
    for (;;) {
        o.signal?.throwIfAborted();
        try {
            release = await proper_lockfile_default().lock(target, {
                realpath: false,
                lockfilePath: `${target}.lock`,
                stale: STALE_MS,
                update: STALE_MS / 4,
                retries: 0,
                // A lock we could not refresh: nothing to stop here, the cycle's own deadlines bound it.
                onCompromised: () => undefined,
            });
            break;
        }
        catch (e) {
            if (e.code !== "ELOCKED")
                throw e;
        }
        if (!announced) {
            announced = true;
            o.onWait?.();
        }
        const left = deadline - Date.now();
        if (left <= 0) {
            throw new src/* InfrastructureError */.EN(`Another power cycle of slot ${slot} is still running on this host (${target}.lock), past the ${Math.round(o.waitMs / 1000)} s wait.`, {
                hint: "Wait for it to end and try again; a lock whose process died clears itself within 10 s.",
            });
        }
        await power_sleep(Math.min(left, delay * (0.5 + Math.random())), o.signal);
        delay = Math.min(delay * 1.6, 200);
    }
    try {
        return await fn();
    }
    finally {
        await release().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./packages/power/src/slot.ts







/** The ROM's reset line after power-on: `rst:0x1 (POWERON_RESET)` (ESP32), `rst:0x1 (POWERON)` (S3, C3…). */
const DEFAULT_BOOT_PATTERN = /rst:0x1 \(POWERON/;
const DEFAULT_BOOT_TIMEOUT_SEC = 15;
/** How long a cycle requested outside the holding job waits for the slot's lease. */
const DEFAULT_LEASE_WAIT_SEC = 60;
/** The slot's inventory entry, or a ConfigurationError listing the slots there are. */
function findSlot(inventory, slot) {
    if (typeof slot !== "string")
        return slot;
    const s = inventory.slots.find((x) => x.id === slot);
    if (!s)
        throw new src/* ConfigurationError */.j1(`There is no slot "${slot}" in the inventory; it has ${inventory.slots.map((x) => x.id).join(", ")}.`, { hint: "Pass one of those (--slot, the slot input or HIL_SLOT)." });
    return s;
}
/** The slot's power settings with overrides applied, or a ConfigurationError when it has none. */
function slotPowerConfig(slot, overrides = {}) {
    if (!slot.power)
        throw new src/* ConfigurationError */.j1(`Slot ${slot.id} has no power configured, so it cannot be power-cycled.`, {
            hint: `Add a power: block to ${slot.id} in the slot inventory (url, token_env, entity; see docs/power.md), or leave power cycles out for this slot.`,
        });
    const cfg = { ...slot.power };
    for (const [k, v] of Object.entries(overrides))
        if (v !== undefined)
            cfg[k] = v;
    return cfg;
}
/** Whether the slot can be power-cycled at all (it has a `power:` block). */
function hasPower(slot) {
    return slot.power !== undefined;
}
function tokenFor(slot, cfg, o) {
    if (o.token)
        return { token: o.token, source: o.tokenSource ?? "the ha-token input" };
    const env = o.env ?? process.env;
    const token = env[cfg.token_env];
    if (!token)
        throw new src/* ConfigurationError */.j1(`The Home Assistant token variable ${cfg.token_env} (named by ${slot.id}'s power.token_env) is not set.`, {
            hint: `Put a long-lived access token (Home Assistant: your profile → Security → Long-lived access tokens) in the runner's environment as ${cfg.token_env}=…, or pass it as the action's ha-token input from a secret.`,
        });
    return { token, source: o.tokenSource ?? `the variable ${cfg.token_env}` };
}
/**
 * The slot's Power driver (Home Assistant today), built from its `power:` block. The token is
 * masked through `host` before anything can print it. Close it when done.
 */
function slotPower(slot, o = {}) {
    const cfg = slotPowerConfig(slot, o.overrides);
    const { token, source } = tokenFor(slot, cfg, o);
    o.host?.maskSecret(token);
    const debug = o.host ? (l) => o.host.debug(l) : undefined;
    // One case per relay backend the inventory's power.driver can name.
    switch (cfg.driver) {
        case "home-assistant":
            break;
        default:
            throw new src/* ConfigurationError */.j1(`Slot ${slot.id}'s power.driver "${String(cfg.driver)}" is not one this version of hil knows.`, { hint: "Use driver: home-assistant (the default)." });
    }
    return new HomeAssistantPower({
        url: cfg.url,
        token,
        tokenSource: source,
        entity: cfg.entity,
        timeoutMs: cfg.timeout_sec * 1000,
        ...(debug ? { debug } : {}),
    });
}
/** Longest a cycle with these settings can take, ms (for waits that must outlast one). */
function cycleBudgetMs(cfg, bootTimeoutSec = 0) {
    const attempt = (3 * cfg.timeout_sec + cfg.off_sec + cfg.settle_sec + bootTimeoutSec + cfg.cooldown_sec) * 1000;
    return (cfg.max_retries + 1) * (attempt + 8000) + cfg.timeout_sec * 1000;
}
function withSignals(...signals) {
    const s = signals.filter((x) => !!x);
    return s.length === 0 ? undefined : s.length === 1 ? s[0] : AbortSignal.any(s);
}
function journalDetail(r) {
    const head = r.reason ? `${r.reason}: ` : "";
    const tries = `${r.attempts} attempt${r.attempts === 1 ? "" : "s"}`;
    const took = `${(r.timings.total_ms / 1000).toFixed(1)} s`;
    const body = r.result === "ok"
        ? `power cycled in ${took} (${tries})`
        : `${r.result} after ${tries}, ${took}: ${r.error}` +
            (r.power_restored === true
                ? "; power restored"
                : r.power_restored === false
                    ? "; power NOT restored"
                    : "");
    return (head + body).slice(0, 1000);
}
function recordInJournal(job, step, r, host) {
    if (!job)
        return;
    try {
        job.journal.append({
            type: "recovery",
            step,
            event: {
                at: r.ended_utc,
                action: "power_cycle",
                step,
                result: r.result,
                detail: host.redact(journalDetail(r)),
            },
        });
    }
    catch (e) {
        host.warn(`Could not record the power cycle in ${job.journal.path}: ${e.message}`);
    }
}
/**
 * Power-cycle a slot: the one function the ha-power-cycle action, `hil power-cycle`, the
 * flasher's recovery ladder and hil-test call.
 *
 * Under the slot's lease (a step of the holding job runs at once; anyone else waits up to
 * `leaseWaitSec`, then fails naming the holder) and the slot's power lock, after the slot's
 * cooldown (remembered in `<state_dir>/power/<slot>.json`), it runs off → off_sec → on →
 * settle_sec → (boot banner), retried up to max_retries times, restoring power when a failure
 * leaves the board dark, and records a `power_cycle` recovery event in the job's journal when
 * there is a job. Resolves with the contract's result (ok / timeout / ha_error); rejects with a
 * ConfigurationError before touching anything when the slot has no power or no token, with the
 * lease's LeaseBusyError / LeaseLostError, or with `signal`'s reason.
 */
async function cycleSlotPower(o) {
    const slot = findSlot(o.inventory, o.slot);
    const cfg = slotPowerConfig(slot, o.overrides);
    const host = o.host;
    const env = o.env ?? process.env;
    const power = o.power ?? slotPower(slot, { ...o, env });
    const boot = o.waitForBoot ? (o.waitForBoot === true ? {} : o.waitForBoot) : undefined;
    const bootTimeoutSec = boot ? (boot.timeoutSec ?? DEFAULT_BOOT_TIMEOUT_SEC) : 0;
    const leaseWaitSec = o.leaseWaitSec ?? DEFAULT_LEASE_WAIT_SEC;
    try {
        return await (0,lease_src/* underSlotLease */.tE)(o.inventory, slot.id, {
            waitSec: leaseWaitSec,
            env,
            host,
            ...(o.job !== undefined ? { job: o.job } : {}),
            ...(o.signal ? { signal: o.signal } : {}),
        }, async (scope) => {
            const signal = withSignals(o.signal, scope.signal);
            const jobId = scope.job?.jobId;
            const lockWaitMs = leaseWaitSec * 1000 + cycleBudgetMs(cfg, bootTimeoutSec);
            const result = await withCycleLock(o.inventory, slot.id, {
                waitMs: lockWaitMs,
                ...(signal ? { signal } : {}),
                onWait: () => host.info(`${slot.id}: waiting for another power cycle of this slot to end.`),
            }, async () => {
                let watch;
                let opened;
                if (boot) {
                    const con = boot.console ??
                        (opened = await SerialConsole.open({
                            port: slot.port,
                            baud: slot.console_baud,
                            reset: slot.reset,
                        }));
                    watch = {
                        console: con,
                        pattern: boot.pattern ?? DEFAULT_BOOT_PATTERN,
                        timeoutMs: bootTimeoutSec * 1000,
                    };
                }
                host.info(`${slot.id}: power cycle of ${power.label}${o.reason ? ` (${o.reason})` : ""}` +
                    `${scope.mode === "job" ? ` under job ${scope.holder.job_id}'s lease` : ""}: off ${cfg.off_sec} s, settle ${cfg.settle_sec} s, ` +
                    `timeout ${cfg.timeout_sec} s, ${cfg.max_retries} ${cfg.max_retries === 1 ? "retry" : "retries"}, cooldown ${cfg.cooldown_sec} s`);
                try {
                    return await runPowerCycle(power, {
                        slot: slot.id,
                        entity: cfg.entity,
                        offMs: cfg.off_sec * 1000,
                        settleMs: cfg.settle_sec * 1000,
                        maxRetries: cfg.max_retries,
                        host,
                        ...(o.reason ? { reason: o.reason } : {}),
                        ...(signal ? { signal } : {}),
                        ...(watch ? { boot: watch } : {}),
                        ...(o.retryDelayMs ? { retryDelayMs: o.retryDelayMs } : {}),
                        beforeCut: async (sig) => {
                            const left = cooldownLeftMs(o.inventory, slot.id, cfg.cooldown_sec);
                            if (left <= 0)
                                return 0;
                            const last = lastCycle(o.inventory, slot.id);
                            const ago = last ? (Date.now() - Date.parse(last.ended_utc)) / 1000 : 0;
                            host.info(`${slot.id}: last power-cycled ${ago.toFixed(1)} s ago; waiting ${(left / 1000).toFixed(1)} s for its ${cfg.cooldown_sec} s cooldown.`);
                            const at = Date.now();
                            await power_sleep(left, sig);
                            return Date.now() - at;
                        },
                        afterCut: (outcome) => {
                            try {
                                recordCycleEnd(o.inventory, slot.id, outcome, jobId);
                            }
                            catch (e) {
                                host.warn(`${slot.id}: could not record the cycle for the cooldown: ${describe(e)}`);
                            }
                        },
                    });
                }
                finally {
                    await opened?.close().catch(() => undefined);
                }
            });
            if (o.journal !== false)
                recordInJournal(scope.job, o.step, result, host);
            const line = result.result === "ok"
                ? `${slot.id}: power cycle ok in ${(result.timings.total_ms / 1000).toFixed(2)} s (${result.attempts} attempt${result.attempts === 1 ? "" : "s"})`
                : `${slot.id}: power cycle ${result.result} after ${result.attempts} attempt${result.attempts === 1 ? "" : "s"}: ${result.error}`;
            // A line, not an annotation: the caller decides whether a failed cycle fails anything.
            host.info(line);
            return result;
        });
    }
    finally {
        if (!o.power)
            await power.close();
    }
}
const describe = (e) => (e instanceof Error ? e.message : String(e));
/**
 * What the flasher's recovery ladder (and hil-test) hold: `(reason) => cycleSlotPower(...)` with
 * everything but the reason fixed, or undefined when the slot has no power to cycle. The holder
 * journals the cycle as one rung of its own recovery, so the cycle itself is not journaled here.
 */
function powerCycler(o) {
    const slot = findSlot(o.inventory, o.slot);
    if (!hasPower(slot))
        return undefined;
    return (reason) => cycleSlotPower({ ...o, slot, reason, journal: false });
}

;// CONCATENATED MODULE: ./packages/power/src/report.ts


const ms = (v) => (v === undefined ? "" : `${Math.round(v)} ms`);
/** Whether a failed result is the user's set-up (token, entity, URL) rather than the lab. */
function isConfigurationFailure(r) {
    const s = r.http_status;
    return s !== undefined && s >= 400 && s < 500 && s !== 408 && s !== 429;
}
function report_failureKindOf(r) {
    if (r.result === "ok")
        return undefined;
    return isConfigurationFailure(r) ? "configuration" : "infrastructure";
}
/** One line for logs and step summaries. */
function report_resultLine(r) {
    const tries = `${r.attempts} attempt${r.attempts === 1 ? "" : "s"}`;
    if (r.result === "ok")
        return `Power-cycled ${r.slot} (${r.entity}) in ${(r.timings.total_ms / 1000).toFixed(2)} s, ${tries}.`;
    const restored = r.power_restored === true
        ? " Power was restored."
        : r.power_restored === false
            ? ` Power could NOT be restored: switch ${r.entity} on by hand.`
            : "";
    return `Power cycle of ${r.slot} (${r.entity}): ${r.result} after ${tries}: ${r.error}${restored}`;
}
/** What to do about a failed result. */
function resultHint(r, tokenSource = "the Home Assistant token") {
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
function report_resultError(r, tokenSource) {
    const Cls = isConfigurationFailure(r) ? ConfigurationError : InfrastructureError;
    return new Cls(report_resultLine(r), { hint: resultHint(r, tokenSource) });
}
/** The job summary section: what happened, attempts and timings. */
function report_resultMarkdown(r) {
    const t = r.timings;
    const rows = [
        ["result", `\`${r.result}\``],
        ["slot", r.slot],
        ["relay", `\`${r.entity}\``],
    ];
    if (r.reason)
        rows.push(["reason", r.reason]);
    rows.push(["attempts", r.attempts]);
    if (r.http_status !== undefined)
        rows.push(["HTTP status", r.http_status]);
    if (r.error)
        rows.push(["error", r.error]);
    if (r.power_restored !== undefined)
        rows.push(["power restored", r.power_restored ? "yes" : "**no**: switch it on by hand"]);
    const timing = [
        ["cooldown wait", t.cooldown_ms],
        ["off confirmed", t.off_ms],
        ["unpowered", t.unpowered_ms],
        ["on confirmed", t.on_ms],
        ["settle", t.settle_ms],
        ["boot banner", t.boot_ms],
        ["total", t.total_ms],
    ];
    for (const [k, v] of timing)
        if (v !== undefined)
            rows.push([k, ms(v)]);
    const icon = r.result === "ok" ? "✅" : "❌";
    return `### ${icon} Power cycle of ${r.slot}\n\n${markdownTable(["", "power cycle"], rows)}`;
}
/** The `step` journal entry an entry point (action, CLI) appends after a cycle. */
function report_stepEntry(step, r, o) {
    const kind = report_failureKindOf(r);
    return {
        type: "step",
        at: r.ended_utc,
        step,
        // A relay that timed out fails the step; the job's own `timeout` status means its deadline passed.
        status: o.failed ? "failed" : "success",
        exit_code: o.failed ? 1 : 0,
        summary: report_resultLine(r) + (r.result !== "ok" && !o.failed ? " (not failing the step)" : ""),
        started_utc: r.started_utc,
        ...(o.failed && kind ? { failure_kind: kind } : {}),
        ...(o.failed ? { next_action: resultHint(r, o.tokenSource) } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/power/src/publish.ts


/**
 * What an entry point (the action, `hil power-cycle`) shows of a result: outputs (`result`,
 * `attempts`, `http-status`, `power-restored`, `duration-ms`, `result-json`), the summary table,
 * the job's `step` entry. Returns the error to fail with when the result is not ok and
 * `failOnError`; otherwise warns. Everything passes through the host's redaction.
 */
async function publishPowerCycle(r, host, o) {
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
        }
        catch (e) {
            host.warn(`Could not add the step to ${o.job.journal.path}: ${e.message}`);
        }
    }
    if (r.result === "ok")
        return undefined;
    if (failed)
        return resultError(r, o.tokenSource);
    host.warn(`${resultLine(r)} (not failing the step: fail-on-error is false)`);
    return undefined;
}
/** The boot banner pattern from an input or option (a regular expression), or a ConfigurationError. */
function bootPattern(source, where = "boot-pattern") {
    try {
        return new RegExp(source);
    }
    catch (e) {
        throw new ConfigurationError(`${where} "${source}" is not a valid regular expression (${e.message}).`, { hint: "For example rst:0x1 \\(POWERON for the ROM's power-on reset line." });
    }
}

;// CONCATENATED MODULE: ./packages/power/src/index.ts
// @hil/power: the Power protocol, the Home Assistant relay driver, and a slot's power cycle under
// its lease (retries, cooldown, restore, journal). See docs/power.md.










;// CONCATENATED MODULE: ./packages/flasher/src/step.ts













const FLASH_STEP = "hil-flash";
const step_hex = (n) => `0x${n.toString(16)}`;
/** The one-line account of a flash, for the journal and the summary heading. */
function flashSummaryLine(r) {
    const what = r.sectorsWritten === 0
        ? `already on the board (${r.sectorsSkipped} sectors unchanged, nothing written)`
        : `${r.bytesWritten} bytes (${r.compressedBytes} compressed) written, ${r.sectorsWritten} sectors written, ${r.sectorsSkipped} skipped`;
    return `Flashed ${r.bundle.commitSha.slice(0, 12)} to ${r.slot} (${r.board.chip ?? r.board.description}, ${r.board.mac}): ${what} in ${r.seconds.toFixed(1)} s.`;
}
function recoveryRows(events) {
    if (!events.length)
        return "";
    return ("\n**Recovery**\n\n" +
        (0,host_src/* markdownTable */.Qj)(["when", "action", "result", "detail"], events.map((e) => [e.at, e.action, e.result, e.detail ?? ""])));
}
/** The job summary of a flash. */
function flashSummaryMarkdown(r) {
    const lines = [
        `### ✅ hil-flash on ${r.slot}`,
        "",
        flashSummaryLine(r),
        "",
        (0,host_src/* markdownTable */.Qj)(["image", "offset", "size", "sectors written", "skipped", "compressed"], r.images.map((i) => [
            `\`${i.file}\``,
            step_hex(i.offset),
            i.size,
            i.sectorsWritten,
            i.sectors - i.sectorsWritten,
            i.compressedBytes,
        ])),
        `Board: ${r.board.description}, MAC \`${r.board.mac}\`, port \`${r.board.port}\`${r.flashSize ? `, ${r.flashSize / 1024 / 1024} MiB flash` : ""}. ` +
            `Bundle ${r.bundle.digest.slice(0, 12)} (${(0,host_src/* cell */.Hn)(r.bundle.source)}${r.bundle.cacheHit ? ", host cache" : ""}). ` +
            `Connect ${r.connectSeconds.toFixed(2)} s, write + verify ${r.writeSeconds.toFixed(2)} s at ${r.baud} baud.`,
        recoveryRows(r.recoveryEvents),
    ];
    return lines.join("\n") + "\n";
}
function failureMarkdown(slot, e, events) {
    const hint = e instanceof src/* HilError */.ee && e.hint ? `\n> ${e.hint.replace(/\n/g, "\n> ")}\n` : "";
    const msg = (e instanceof Error ? e.message : String(e)).replace(/```/g, "'''");
    return `### ❌ hil-flash on ${slot}\n\n\`\`\`text\n${msg}\n\`\`\`\n${hint}${recoveryRows(events)}\n`;
}
/**
 * The hil-flash step, as the action and `hil flash` run it: pick the slot from the inventory,
 * open the bundle (the given one, else the job's from the host cache), take the slot's lease
 * (the job's own, or claimed for the duration), flash through the recovery ladder, and account
 * for it: the journal gets `recovery` entries as they happen, a `board` entry once the board is
 * identified, a `flash` entry with the figures and a `step` entry whatever the outcome (a
 * failure says whether it was the lab's or the set-up's); slot health records the board
 * answering, or an infrastructure failure when the whole ladder failed; the job summary shows
 * the figures. Errors are rethrown after that, for the entry point to report.
 */
/** The step's context when no step wrapper gave one (a library caller): looked up once here. */
function resolveContext(o, env) {
    const { file, inventory } = (0,inventory_src/* loadInventory */.pl)(o.inventory, env);
    const slot = (0,inventory_src/* selectSlot */.TD)(inventory, file, o.slot, env);
    const job = (0,lease_src/* findCurrentJob */.G5)({ inventory, slot: slot.id, env }) ?? null;
    return { inventory, inventoryFile: file, slot, job, ci: (0,ci_src/* ciContext */.U)(env) };
}
async function flashSlot(o) {
    const host = o.host;
    const env = o.env ?? process.env;
    const stepName = o.step ?? FLASH_STEP;
    const started = new Date().toISOString();
    const events = [];
    let journal;
    let inventory;
    let slot;
    let bundle;
    let boardAnswered = false;
    const note = (entry) => {
        if (!journal)
            return;
        try {
            // Free text in a file: nothing masked may reach it.
            if (entry.type === "step")
                entry = {
                    ...entry,
                    summary: host.redact(entry.summary),
                    ...(entry.next_action ? { next_action: host.redact(entry.next_action) } : {}),
                };
            if (entry.type === "recovery" && entry.event.detail)
                entry = { ...entry, event: { ...entry.event, detail: host.redact(entry.event.detail) } };
            journal.append(entry);
        }
        catch (e) {
            host.warn(`Could not write to the job's journal ${journal.path}: ${e.message}`);
        }
    };
    try {
        const ctx = o.context ?? resolveContext(o, env);
        inventory = ctx.inventory;
        slot = ctx.slot;
        const inv = inventory;
        const theSlot = slot;
        journal = ctx.job?.journal;
        const jobId = ctx.job?.jobId ?? (0,lease_src/* callerIdentity */.IX)(env).jobId;
        bundle = await openBundle({
            ...(o.bundle ? { path: o.bundle } : {}),
            ...(o.sha ? { sha: o.sha } : {}),
            ...(o.token ? { token: o.token } : {}),
            cacheDir: inv.cache_dir,
            holder: `${jobId}:${stepName}`,
            env,
            host,
        });
        const b = bundle;
        host.info(`Bundle ${b.digest.slice(0, 12)} for ${b.manifest.commit_sha} (${b.source}${b.cacheHit ? ", from the host cache" : ""}): ` +
            b.images.map((i) => `${i.file} at ${step_hex(i.offset)}`).join(", "));
        if (b.manifest.chip !== theSlot.chip)
            host.warn(`The bundle is built for ${b.manifest.chip}, but the inventory says slot ${theSlot.id} has an ${theSlot.chip}; the board itself decides.`);
        const images = await loadImages(b.images, b.manifest, b.source);
        const report = await (0,lease_src/* underSlotLease */.tE)(inv, theSlot.id, {
            waitSec: o.waitSec ?? 0,
            env,
            host,
            job: ctx.job,
            ...(ctx.signal ? { signal: ctx.signal } : {}),
        }, async (scope) => {
            journal = scope.job?.journal ?? journal;
            host.info(`Slot ${theSlot.id}: ${scope.mode === "job" ? `under job ${scope.holder.job_id}'s lease` : `leased for this step as ${scope.holder.job_id}`}.`);
            const flasher = new EsptoolFlasher({
                port: theSlot.port,
                reset: theSlot.reset,
                ...(theSlot.reset_sequence ? { resetSequence: theSlot.reset_sequence } : {}),
                slotId: theSlot.id,
                debug: (l) => host.debug(`esptool-js: ${l}`),
                ...(o.createDevice ? { createDevice: o.createDevice } : {}),
            });
            // The ladder's power rung: the slot's Home Assistant relay unless a caller supplies one.
            const powerCycle = theSlot.power
                ? o.powerCycleFor
                    ? o.powerCycleFor(theSlot, inv)
                    : powerCycler({ inventory: inv, slot: theSlot, step: stepName, host, env })
                : undefined;
            const fallback = theSlot.flash_size ? (0,src/* flashSizeBytes */.Lw)(theSlot.flash_size) : undefined;
            return flashBoard({
                flasher,
                images,
                chip: b.manifest.chip,
                ...(theSlot.mac ? { mac: theSlot.mac } : {}),
                baud: o.baud ?? theSlot.baud,
                skipUnchanged: o.skipUnchanged ?? true,
                verify: o.verify ?? true,
                ...(powerCycle ? { powerCycle } : {}),
                ...(fallback ? { fallbackFlashSize: fallback } : {}),
                subject: `the board on ${theSlot.port} (slot ${theSlot.id})`,
                step: stepName,
                log: (l) => host.info(l),
                signal: scope.signal,
                unreachableHint: unreachableHint(theSlot, inv, powerCycle !== undefined),
                onEvent: (e) => {
                    events.push(e);
                    note({ type: "recovery", step: stepName, event: e });
                    o.onRecovery?.(e);
                },
                onBoard: (bd) => {
                    boardAnswered = true;
                    note({
                        type: "board",
                        step: stepName,
                        ...(bd.chip ? { chip: bd.chip } : {}),
                        mac: bd.mac,
                        port: bd.port,
                    });
                    o.onBoard?.(bd);
                },
            });
        });
        const result = {
            ...report,
            slot: theSlot.id,
            bundle: {
                dir: b.dir,
                digest: b.digest,
                commitSha: b.manifest.commit_sha,
                source: b.source,
                cacheHit: b.cacheHit,
            },
        };
        note({
            type: "flash",
            step: stepName,
            bytes: result.bytesWritten,
            compressed_bytes: result.compressedBytes,
            sectors_written: result.sectorsWritten,
            sectors_skipped: result.sectorsSkipped,
            seconds: Number(result.seconds.toFixed(3)),
        });
        note({
            type: "step",
            step: stepName,
            status: "success",
            exit_code: src/* EXIT_CODES */.ai.success,
            summary: flashSummaryLine(result),
            started_utc: started,
        });
        recordSlotHealth(host, inv, theSlot.id, "ok");
        await host.writeSummary(flashSummaryMarkdown(result));
        return result;
    }
    catch (e) {
        // Failed before the job was found (the inventory, say): the job dir may still be known.
        if (!journal && env.HIL_JOB_DIR)
            journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(env.HIL_JOB_DIR, lease_src/* JOB_FILES */.e0.journal));
        const kind = failureKindOf(e);
        const message = e instanceof Error ? e.message : String(e);
        note({
            type: "step",
            step: stepName,
            status: "failed",
            exit_code: src/* EXIT_CODES */.ai.failed,
            failure_kind: kind,
            summary: `hil-flash failed${slot ? ` on ${slot.id}` : ""}: ${message.split("\n")[0]}`,
            started_utc: started,
            ...(e instanceof src/* HilError */.ee && e.hint ? { next_action: e.hint } : {}),
        });
        if (inventory && slot) {
            if (e instanceof BoardUnreachableError)
                recordSlotHealth(host, inventory, slot.id, "infra_failure", message.split("\n")[0]);
            else if (boardAnswered)
                recordSlotHealth(host, inventory, slot.id, "ok");
        }
        await host.writeSummary(failureMarkdown(slot?.id ?? "?", e, events)).catch(() => undefined);
        host.debug(`hil-flash failed: ${(0,src/* describeError */.Uc)(e)}`);
        throw e;
    }
    finally {
        await bundle?.release().catch(() => undefined);
    }
}
function unreachableHint(slot, inv, canPowerCycle) {
    const power = canPowerCycle
        ? ""
        : slot.power
            ? " This step cannot power-cycle the board itself here: run hil power-cycle --slot " +
                `${slot.id} (or the ha-power-cycle action), then flash again.`
            : " With power: configured for the slot, hil would also power-cycle it.";
    return (`Check the board's USB cable and power; a board that hangs or boot-loops needs a power cycle.${power} ` +
        `This counts against slot health: after ${inv.unhealthy_after} such failures in a row the slot is marked unhealthy.`);
}
function recordSlotHealth(host, inv, slot, result, detail) {
    try {
        const h = (0,lease_src/* recordHealth */.Kp)(inv, slot, result, detail);
        if (result === "infra_failure")
            host.warn(`Slot ${slot} health: ${h.consecutive_failures} infrastructure failure(s) in a row (unhealthy at ${h.threshold}).`);
    }
    catch (e) {
        host.warn(`Could not record slot ${slot}'s health: ${e.message}`);
    }
}

;// CONCATENATED MODULE: ./packages/flasher/src/index.ts













/***/ }),

/***/ 24056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pO: () => (/* reexport */ Redactor),
  LQ: () => (/* reexport */ terminal_TerminalHost),
  Hn: () => (/* reexport */ cell),
  Qj: () => (/* reexport */ markdownTable)
});

// UNUSED EXPORTS: GitLabHost, RecordingHost, hostForCi

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
class terminal_TerminalHost {
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
class gitlab_GitLabHost extends terminal_TerminalHost {
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

/***/ 69842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pl: () => (/* reexport */ loadInventory),
  TD: () => (/* reexport */ selectSlot)
});

// UNUSED EXPORTS: DEFAULT_INVENTORY, checkHost, inventoryPath, parseInventory, runnerLabels

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
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
        throw new src/* ConfigurationError */.j1(`${file} is not valid YAML:\n${doc.errors.map((e) => `  - ${e.message.split("\n")[0]}`).join("\n")}`, { hint: "Fix the YAML syntax (indentation, quoting) at the line shown." });
    }
    return (0,src/* parseWith */.Ku)(src/* inventory */.pf, doc.toJS(), file, "See docs/contracts.md#slot-inventory for the fields.");
}
/** Read and validate the host's slot inventory. */
function loadInventory(explicit, env = process.env) {
    const file = inventoryPath(explicit, env);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, "utf8");
    }
    catch (e) {
        const code = e.code;
        throw new src/* ConfigurationError */.j1(code === "ENOENT"
            ? `No slot inventory at ${file}.`
            : `Cannot read the slot inventory ${file} (${code}).`, {
            hint: code === "ENOENT"
                ? "Create it (see packages/contracts/examples/slots.yaml) or point HIL_SLOTS at one."
                : "Make it readable by the runner's user.",
        });
    }
    return { file, inventory: parseInventory(text, file) };
}

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
;// CONCATENATED MODULE: ./packages/inventory/src/select.ts


/**
 * The runner's labels as the CI context tells them: HIL_RUNNER_LABELS (comma-separated, set in
 * the runner's .env), GitLab's CI_RUNNER_TAGS, and the runner's name.
 */
function runnerLabels(env = process.env) {
    return (0,ci_src/* ciContext */.U)(env).runnerLabels;
}
/**
 * Pick a slot: the explicit id, else HIL_SLOT, else the one slot whose label this runner
 * carries. Errors list what is known, so the fix is obvious.
 */
function selectSlot(inv, file, explicit, env = process.env) {
    const known = inv.slots.map((s) => `${s.id} (${s.label})`).join(", ");
    const wanted = explicit || env.HIL_SLOT;
    if (wanted) {
        const slot = inv.slots.find((s) => s.id === wanted || s.label === wanted);
        if (!slot) {
            throw new src/* ConfigurationError */.j1(`Slot "${wanted}" is not in ${file}; it has ${known}.`, {
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
        throw new src/* ConfigurationError */.j1(`This runner carries the labels of several slots (${matches.map((s) => s.label).join(", ")}).`, { hint: "Give each runner one slot label, or set HIL_SLOT in the runner's .env." });
    }
    throw new src/* ConfigurationError */.j1(`No slot chosen: HIL_SLOT is not set and no slot in ${file} has a label of this runner${labels.length ? ` (${labels.join(", ")})` : ""}.`, {
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





/***/ }),

/***/ 23825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e0: () => (/* reexport */ JOB_FILES),
  CQ: () => (/* reexport */ Journal),
  A0: () => (/* reexport */ jobDirFor),
  iS: () => (/* reexport */ parseCancelFlag),
  Bg: () => (/* reexport */ readCancelFlag),
  rm: () => (/* reexport */ readInvocation),
  ZJ: () => (/* reexport */ writeJsonAtomic)
});

// UNUSED EXPORTS: jobKey, timeoutFlagText

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
;// CONCATENATED MODULE: ./packages/journal/src/journal.ts



/**
 * A job's journal: JSON lines appended with O_APPEND, so steps in separate processes
 * (and a hook that runs while a step is being killed) never interleave half lines.
 */
class Journal {
    path;
    constructor(path) {
        this.path = path;
    }
    append(entry) {
        const full = (0,src/* parseWith */.Ku)(src/* journalEntry */.Ur, { at: new Date().toISOString(), ...entry }, `journal entry for ${this.path}`);
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(this.path), { recursive: true });
        // One write() of one line: atomic for appends far below PIPE_BUF-sized pages on local fs.
        (0,external_node_fs_.appendFileSync)(this.path, JSON.stringify(full) + "\n");
        return full;
    }
    /**
     * Every valid entry, in order. A torn last line (a step killed mid-write) or a line from a
     * newer version is skipped and counted, never fatal: the report must still be written.
     */
    read() {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(this.path, "utf8");
        }
        catch (e) {
            if (e.code === "ENOENT")
                return { entries: [], skipped: 0 };
            throw e;
        }
        const entries = [];
        let skipped = 0;
        for (const line of text.split("\n")) {
            if (!line.trim())
                continue;
            try {
                const r = src/* journalEntry */.Ur.safeParse(JSON.parse(line));
                if (r.success)
                    entries.push(r.data);
                else
                    skipped++;
            }
            catch {
                skipped++;
            }
        }
        return { entries, skipped };
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./packages/journal/src/job-dir.ts




/**
 * A job directory, `<state_dir>/jobs/<job key>/`: the one place its file names, its key and the
 * parsers of its contract files are declared. The lease (keeper, claim), the hooks, the steps and
 * the report all read and write it through this module.
 */
const JOB_FILES = {
    /** ws2.invocation.v1, written by the job-started hook. */
    invocation: "invocation.json",
    /** The Journal every step appends to. */
    journal: "journal.jsonl",
    /** Cancellation flag: present means "stop before the next step". Its text says why. */
    cancel: "cancel",
    /** The job's holder record as claimed (token included): the completed hook releases with it. */
    lease: "lease.json",
    /** Written by the lease keeper when the job's lease ends: why and when. */
    leaseEnded: "lease-ended.json",
    /** The lease keeper's log. */
    keeperLog: "lease-keeper.log",
    /** Who started the job and how far the started hook got. */
    hook: "hook.json",
    /** The job was completed (report written and published, lease ended). */
    completed: "completed.json",
    /** Running markers of the steps, `<step>.running.json`. */
    steps: "steps",
};
/** `<state_dir>/jobs/<job key>`: the key is the job id with anything outside [A-Za-z0-9._-] replaced. */
function jobKey(jobId) {
    return jobId.replace(/[^A-Za-z0-9._-]/g, "_");
}
function jobDirFor(site, jobId) {
    return (0,external_node_path_.join)(site.state_dir, "jobs", jobKey(jobId));
}
/** Write JSON so readers never see half a file: a temp file beside it, then rename. */
function writeJsonAtomic(file, value) {
    const tmp = `${file}.${(0,external_node_crypto_.randomBytes)(6).toString("hex")}.tmp`;
    (0,external_node_fs_.writeFileSync)(tmp, JSON.stringify(value, null, 2) + "\n");
    (0,external_node_fs_.renameSync)(tmp, file);
}
/**
 * The job's ws2.invocation.v1, validated. Never throws: a job that died half-way leaves a
 * missing or torn file, and whoever reads it (a step, the report) decides what that means.
 */
function readInvocation(jobDir) {
    const file = (0,external_node_path_.join)(jobDir, JOB_FILES.invocation);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, "utf8");
    }
    catch (e) {
        const missing = e.code === "ENOENT";
        return { problem: missing ? `${file} is missing` : (0,src/* describeError */.Uc)(e), missing };
    }
    try {
        return { invocation: (0,src/* parseWith */.Ku)(src/* invocation */.He, JSON.parse(text), file) };
    }
    catch (e) {
        return {
            problem: e instanceof SyntaxError ? `${file} is not valid JSON (${e.message})` : (0,src/* describeError */.Uc)(e),
            missing: false,
        };
    }
}
/** How the cancellation flag's text marks a deadline (the lease keeper writes it). */
const TIMEOUT_PREFIX = /^timeout\b:?\s*/i;
/** The flag's text for a job that ran past its deadline. */
const timeoutFlagText = (detail) => `timeout: ${detail}\n`;
/** Whether the job's cancellation flag is raised, and what it means. */
function readCancelFlag(jobDir) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(jobDir, JOB_FILES.cancel), "utf8");
    }
    catch {
        return undefined;
    }
    return parseCancelFlag(text);
}
/** What a cancellation flag's text means (readCancelFlag without the file). */
function parseCancelFlag(text) {
    const reason = text.trim() || "cancelled";
    const status = TIMEOUT_PREFIX.test(reason) ? "timeout" : "cancelled";
    return {
        reason,
        detail: status === "timeout" ? reason.replace(TIMEOUT_PREFIX, "").trim() : reason,
        status,
        exitCode: src/* EXIT_CODES */.ai[status],
    };
}

;// CONCATENATED MODULE: ./packages/journal/src/index.ts




/***/ }),

/***/ 23857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e0: () => (/* reexport */ journal_src/* JOB_FILES */.e0),
  IX: () => (/* reexport */ callerIdentity),
  G5: () => (/* reexport */ findCurrentJob),
  Ut: () => (/* reexport */ holderIsCaller),
  pt: () => (/* reexport */ lease_leaseStatus),
  Kp: () => (/* reexport */ recordHealth),
  vk: () => (/* reexport */ thisHost),
  tE: () => (/* reexport */ underSlotLease),
  ZJ: () => (/* reexport */ journal_src/* writeJsonAtomic */.ZJ)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, DEFAULT_UNHEALTHY_AFTER, HOLDER_PREFIX, JobContext, KEEPER_ARG, KEEPER_ENV, LEASE_ENV, LEASE_SCHEMA_VERSION, Lease, LeaseBusyError, LeaseLostError, MAX_TIMEOUT_SEC, SlotUnhealthyError, acquireLease, assertHealthy, claimJobLease, createJobDir, currentJob, currentUser, defaultKeeperCommand, describeAge, describeHolder, findAncestorPid, forceRelease, health, holderFileName, holderKind, holderRecord, holderWho, isHolderFile, jobDirFor, jobKey, leaseEnv, leasePath, lockSelfTest, measureClaimLatency, newToken, pidAlive, readJobLease, readLeaseEnded, releaseJobLease, resetHealth, resolveJobTimeout, runKeeper, staleMs, sweepClaimLeftovers

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./packages/lease/src/record.ts




const LEASE_SCHEMA_VERSION = "hil.lease.v1";
/** Who holds a lease: a job's keeper, a `hil lock` session, or a single step that claimed it for itself. */
const holderKind = schemas/* enum */.k5n(["job", "lock", "step"]);
/**
 * The holder record, `<lock_dir>/<slot>.lock/holder.<token>.json`. It is written before the lease
 * dir is published (atomically, by rename), so a held lease always names its holder, and it
 * goes with the lease dir when the lease ends. Unknown fields are kept (a newer hil on another
 * host sharing the lock dir over NFS may add some).
 */
const holderRecord = schemas/* looseObject */._H3({
    schema_version: schemas/* literal */.euz(LEASE_SCHEMA_VERSION),
    slot: schemas/* string */.YjP().min(1),
    /** Unique per claim; steps prove they act under this lease by presenting it (HIL_LEASE_TOKEN). */
    token: schemas/* string */.YjP().regex(/^[0-9a-f]{24}$/),
    kind: holderKind,
    /** `gh-<run id>-<attempt>-<job>`, `gl-<job id>` or `local-<host>-<pid>`. */
    job_id: schemas/* string */.YjP().min(1),
    /** The runner's name, or `<user> (terminal)` for a person. */
    runner: schemas/* string */.YjP().min(1),
    host: schemas/* string */.YjP().min(1),
    /** The process that holds and refreshes the lease (for a job: its lease keeper). */
    pid: schemas/* int */.Whr().positive(),
    user: schemas/* string */.YjP().optional(),
    commit_sha: schemas/* string */.YjP().optional(),
    since: src/* utcTimestamp */.$A,
    /** A job lease is released at this instant whatever happens (the job's timeout). */
    deadline: src/* utcTimestamp */.$A.optional(),
    /** The job directory (`<state_dir>/jobs/<job key>`) steps of this job use. */
    job_dir: schemas/* string */.YjP().optional(),
    /** The keeper releases the lease when this process exits (the runner's worker). */
    watch_pid: schemas/* int */.Whr().positive().optional(),
    /** What a `hil lock` session runs. */
    command: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
const HOLDER_PREFIX = "holder.";
const record_holderFileName = (token) => `${HOLDER_PREFIX}${token}.json`;
const isHolderFile = (name) => name.startsWith(HOLDER_PREFIX) && name.endsWith(".json");
/** `<lock_dir>/<slot>.lock`: the lease dir proper-lockfile manages. */
function record_leasePath(site, slot) {
    return (0,external_node_path_.join)(site.lock_dir, `${slot}.lock`);
}
function staleMs(site) {
    // proper-lockfile refuses anything under 2 s.
    return Math.max(2000, Math.round(site.stale_sec * 1000));
}
/** The user name, without failing on hosts where the uid has no passwd entry (containers). */
function currentUser(env = process.env) {
    try {
        return (0,external_node_os_.userInfo)().username;
    }
    catch {
        return env.USER || env.LOGNAME || `uid-${process.getuid?.() ?? "?"}`;
    }
}
const thisHost = () => (0,external_node_os_.hostname)();
function ago(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 90)
        return `${s} s ago`;
    if (s < 90 * 60)
        return `${Math.round(s / 60)} min ago`;
    return `${(s / 3600).toFixed(1)} h ago`;
}
/** Who holds it: `job gh-8121934471-1-hil (runner esp32-hut-01 on lab-a, pid 4242)`. */
function holderWho(h) {
    const what = h.kind === "lock" ? "hil lock session" : h.kind === "step" ? "a step of" : "job";
    return `${what} ${h.job_id} (runner ${h.runner} on ${h.host}, pid ${h.pid})`;
}
/**
 * One line naming a holder, as the user needs it when told to wait:
 * `job gh-8121934471-1-hil (runner esp32-hut-01 on lab-a, pid 4242) since 2026-11-21T10:15:00Z (3 min ago) for commit 1a2b3c4d5e6f`.
 */
function describeHolder(h, now = Date.now()) {
    const sha = h.commit_sha ? ` for commit ${h.commit_sha.slice(0, 12)}` : "";
    return `${holderWho(h)} since ${h.since} (${ago(now - Date.parse(h.since))})${sha}`;
}


;// CONCATENATED MODULE: ./packages/lease/src/errors.ts


/**
 * The slot is held by someone else and did not come free within the wait. The message names
 * the holder (job, runner, host, pid, since when, commit), so the user knows whom they wait for.
 */
class errors_LeaseBusyError extends src/* InfrastructureError */.EN {
    status;
    name = "LeaseBusyError";
    slot;
    holder;
    constructor(
    /** The slot's lease as found when the wait ran out. */
    status, waitedSec, staleSec) {
        const who = status.holder ? describeHolder(status.holder) : "an unknown holder";
        const stale = status.state === "stale" && status.refreshedAt
            ? ` The lease is stale (last refreshed ${ago(Date.now() - status.refreshedAt.getTime())}) and is taken over on the next claim.`
            : "";
        super(`Slot ${status.slot} is busy: held by ${who}; waited ${waitedSec} s.${stale}`, {
            hint: `Wait for it to finish or wait longer (--wait / wait-sec). A holder that died leaves a lease ` +
                `that goes stale after ${staleSec} s and is then taken over. See every slot with: hil slots.`,
        });
        this.status = status;
        this.slot = status.slot;
        this.holder = status.holder;
    }
}
/**
 * The lease was lost while work ran under it: taken over after it went stale (the holder was
 * paused or its lock dir stalled for longer than the stale window), removed by hand, released
 * at the job's deadline, or its keeper died. Hardware steps must stop: someone else may own the board.
 */
class LeaseLostError extends src/* InfrastructureError */.EN {
    slot;
    name = "LeaseLostError";
    constructor(slot, detail, hint = "Re-run the job. If this repeats, check that the lock dir is on a healthy disk (hil doctor) and that the host is not overloaded.") {
        super(`The lease on slot ${slot} was lost: ${detail}. Hardware steps stop here.`, { hint });
        this.slot = slot;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(83648);
var proper_lockfile_default = /*#__PURE__*/__webpack_require__.n(proper_lockfile);
;// CONCATENATED MODULE: ./packages/lease/src/internal/guard-fs.ts



function errno(code, message) {
    return Object.assign(new Error(message), { code });
}
/** Whether `e` is a system error with one of these codes. */
const guard_fs_isCode = (e, ...codes) => codes.includes(e?.code ?? "");
/**
 * The file system proper-lockfile works through, made safe against the stale-takeover race
 * (moxystudio/node-proper-lockfile#121): with plain mkdir/rmdir, a claimant that judged a lease
 * stale can be delayed before its rmdir, then remove the fresh lease dir another claimant has
 * just created, and both believe they hold it. Here every lease dir is tied to one claim by the
 * holder file inside it, named by the claim's unique token:
 *
 * - "mkdir" publishes a dir that already contains the holder file, by `rename(tmp, lease)`. The
 *   rename fails on a non-empty dir, so a held lease (never empty) cannot be replaced; it does
 *   replace an empty dir, which only exists mid-release or mid-takeover, when the lease is free.
 * - "stat" / "utimes" act on the holder file, not the dir: the lease is as fresh as its holder's
 *   own file, and a holder whose file is gone sees ENOENT on its next refresh (proper-lockfile
 *   then reports the lease compromised instead of refreshing someone else's).
 * - a stale takeover ("rmdir" while not holding) unlinks the stale holder's file BY NAME: only one
 *   claimant can unlink a given name, and a delayed claimant finds it gone (ENOENT) and backs off
 *   instead of removing a fresh lease. The dir is then removed with rmdir, which refuses (ENOTEMPTY)
 *   if someone has meanwhile published a new lease into it.
 * - releasing ("rmdir" while holding) unlinks our own file by name, then the empty dir.
 *
 * Operations are synchronous system calls (microseconds on a local disk) behind proper-lockfile's
 * callback interface; nothing here sleeps.
 */
class GuardFs {
    leasePath;
    token;
    recordText;
    staleMs;
    pause;
    held = false;
    /** Set when a release found our holder file already gone: someone took the lease over. */
    lost = false;
    tookOver;
    file;
    tmp;
    constructor(leasePath, token, recordText, staleMs, pause) {
        this.leasePath = leasePath;
        this.token = token;
        this.recordText = recordText;
        this.staleMs = staleMs;
        this.pause = pause;
        this.file = (0,external_node_path_.join)(leasePath, record_holderFileName(token));
        this.tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(leasePath), `.claim.${(0,external_node_path_.basename)(leasePath)}.${token}`);
    }
    done(cb, fn) {
        let value;
        try {
            value = fn();
        }
        catch (e) {
            cb(e);
            return;
        }
        cb(null, value);
    }
    mkdir = (path, cb) => {
        if (path !== this.leasePath)
            return this.done(cb, () => void (0,external_node_fs_.mkdirSync)(path));
        this.done(cb, () => {
            try {
                (0,external_node_fs_.mkdirSync)(this.tmp);
                (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(this.tmp, record_holderFileName(this.token)), this.recordText, { flag: "wx" });
                (0,external_node_fs_.renameSync)(this.tmp, this.leasePath);
            }
            catch (e) {
                (0,external_node_fs_.rmSync)(this.tmp, { recursive: true, force: true });
                if (guard_fs_isCode(e, "ENOTEMPTY", "EEXIST")) {
                    throw errno("EEXIST", `${this.leasePath} is held`);
                }
                throw e;
            }
            this.held = true;
            return undefined;
        });
    };
    stat = (path, cb) => {
        if (path !== this.leasePath)
            return this.done(cb, () => (0,external_node_fs_.statSync)(path));
        this.done(cb, () => (this.held ? (0,external_node_fs_.statSync)(this.file) : freshestHolderStat(this.leasePath)));
    };
    utimes = (path, atime, mtime, cb) => {
        this.done(cb, () => void (0,external_node_fs_.utimesSync)(path === this.leasePath ? this.file : path, atime, mtime));
    };
    rmdir = (path, cb) => {
        if (path !== this.leasePath)
            return this.done(cb, () => void (0,external_node_fs_.rmdirSync)(path));
        if (this.held)
            return this.done(cb, () => this.releaseSync());
        this.reclaim().then(() => cb(null), (e) => cb(e));
    };
    /** proper-lockfile's exit handler: release what we hold, never take anything over. */
    rmdirSync = (path) => {
        if (path === this.leasePath) {
            if (this.held)
                this.releaseSync();
        }
        else
            (0,external_node_fs_.rmdirSync)(path);
    };
    realpath = (path, cb) => cb(null, path);
    releaseSync() {
        this.held = false;
        try {
            (0,external_node_fs_.unlinkSync)(this.file);
        }
        catch (e) {
            if (!guard_fs_isCode(e, "ENOENT"))
                throw e;
            // Someone took the lease over; the dir (if any) is theirs now.
            this.lost = true;
            return undefined;
        }
        try {
            (0,external_node_fs_.rmdirSync)(this.leasePath);
        }
        catch (e) {
            // ENOTEMPTY: a claimant published its lease into the emptied dir; it is theirs.
            if (!guard_fs_isCode(e, "ENOENT", "ENOTEMPTY", "EEXIST"))
                throw e;
        }
        return undefined;
    }
    /** Take over a lease proper-lockfile judged stale, without ever removing a fresh one. */
    async reclaim() {
        const busy = () => errno("ELOCKED", `${this.leasePath} is held`);
        let names;
        try {
            names = (0,external_node_fs_.readdirSync)(this.leasePath);
        }
        catch (e) {
            if (guard_fs_isCode(e, "ENOENT"))
                return; // gone meanwhile: free
            throw e;
        }
        const holders = names.filter(isHolderFile);
        if (holders.length === 0) {
            if (names.length > 0) {
                throw errno("EFOREIGN", `${this.leasePath} holds ${names.join(", ")} but no holder record, so it was not made by hil`);
            }
            try {
                (0,external_node_fs_.rmdirSync)(this.leasePath);
            }
            catch (e) {
                if (guard_fs_isCode(e, "ENOTEMPTY", "EEXIST"))
                    throw busy();
                if (!guard_fs_isCode(e, "ENOENT"))
                    throw e;
            }
            return;
        }
        const now = Date.now();
        let staleFor = Infinity;
        for (const name of holders) {
            try {
                staleFor = Math.min(staleFor, now - (0,external_node_fs_.statSync)((0,external_node_path_.join)(this.leasePath, name)).mtimeMs);
            }
            catch (e) {
                if (guard_fs_isCode(e, "ENOENT"))
                    throw busy(); // another claimant is taking it over
                throw e;
            }
        }
        if (staleFor <= this.staleMs)
            throw busy();
        const previous = readHolder((0,external_node_path_.join)(this.leasePath, holders[0]));
        await this.pause?.("reclaim:judged-stale");
        for (const name of holders) {
            try {
                (0,external_node_fs_.unlinkSync)((0,external_node_path_.join)(this.leasePath, name));
            }
            catch (e) {
                // Someone else took this stale holder over first: the lease is theirs.
                if (guard_fs_isCode(e, "ENOENT"))
                    throw busy();
                throw e;
            }
        }
        await this.pause?.("reclaim:before-rmdir");
        try {
            (0,external_node_fs_.rmdirSync)(this.leasePath);
        }
        catch (e) {
            // A claimant published a fresh lease into the emptied dir: it won.
            if (guard_fs_isCode(e, "ENOTEMPTY", "EEXIST"))
                throw busy();
            if (!guard_fs_isCode(e, "ENOENT"))
                throw e;
        }
        this.tookOver = { holder: previous, staleForMs: staleFor };
    }
}
function readHolder(file) {
    try {
        const r = holderRecord.safeParse(JSON.parse((0,external_node_fs_.readFileSync)(file, "utf8")));
        return r.success ? r.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** Stat of the freshest holder file in a lease dir; the dir's own stat when it has none. */
function freshestHolderStat(leasePath) {
    const holders = (0,external_node_fs_.readdirSync)(leasePath).filter(isHolderFile);
    let best;
    for (const name of holders) {
        try {
            const st = (0,external_node_fs_.statSync)((0,external_node_path_.join)(leasePath, name));
            if (!best || st.mtimeMs > best.mtimeMs)
                best = st;
        }
        catch (e) {
            if (!guard_fs_isCode(e, "ENOENT"))
                throw e;
        }
    }
    return best ?? (0,external_node_fs_.statSync)(leasePath);
}


;// CONCATENATED MODULE: ./packages/lease/src/lease.ts









/** Environment variables that let a child process act under a lease (`hil lock`, runner hooks). */
const LEASE_ENV = {
    token: "HIL_LEASE_TOKEN",
    slot: "HIL_SLOT",
    jobId: "HIL_JOB_ID",
    jobDir: "HIL_JOB_DIR",
    inventory: "HIL_SLOTS",
};
/** The LEASE_ENV variables that let a child process act under the lease `record` describes. */
function lease_leaseEnv(record) {
    const env = {
        [LEASE_ENV.token]: record.token,
        [LEASE_ENV.slot]: record.slot,
        [LEASE_ENV.jobId]: record.job_id,
    };
    if (record.job_dir)
        env[LEASE_ENV.jobDir] = record.job_dir;
    return env;
}
/** A held slot lease. Release it in a `finally`; its `signal` aborts if the lease is lost. */
class Lease {
    record;
    path;
    unlock;
    guard;
    acquiredAt;
    tookOver;
    controller = new AbortController();
    lostError;
    releasedAt;
    /** @internal use acquireLease */
    constructor(record, path, unlock, guard, acquiredAt, 
    /** The dead holder this claim took the slot over from, if it did. */
    tookOver) {
        this.record = record;
        this.path = path;
        this.unlock = unlock;
        this.guard = guard;
        this.acquiredAt = acquiredAt;
        this.tookOver = tookOver;
    }
    get token() {
        return this.record.token;
    }
    get slot() {
        return this.record.slot;
    }
    /** Aborted (with a LeaseLostError as reason) when the lease is lost while held. */
    get signal() {
        return this.controller.signal;
    }
    /** Why the lease was lost, if it was. */
    get lost() {
        return this.lostError;
    }
    /** @internal */
    markLost(error) {
        if (this.lostError || this.releasedAt !== undefined)
            return;
        this.lostError = error;
        this.controller.abort(error);
    }
    /** Throws the LeaseLostError if the lease was lost: call it before each hardware action. */
    assertHeld() {
        if (this.lostError)
            throw this.lostError;
        if (this.releasedAt !== undefined) {
            throw new LeaseLostError(this.slot, "it was already released");
        }
    }
    /** Environment for a child process that should act under this lease. */
    env() {
        return lease_leaseEnv(this.record);
    }
    /** Release the lease (idempotent). Resolves `released: false` when it had been lost. */
    async release() {
        const heldMs = Date.now() - this.acquiredAt;
        if (this.releasedAt !== undefined)
            return { released: false, heldMs };
        this.releasedAt = Date.now();
        if (this.lostError)
            return { released: false, heldMs };
        try {
            await this.unlock();
        }
        catch (e) {
            if (guard_fs_isCode(e, "ERELEASED"))
                return { released: false, heldMs }; // compromised meanwhile
            throw new src/* InfrastructureError */.EN(`Could not release the lease ${this.path}: ${e.message}`, {
                hint: "It goes stale and is taken over after the stale window; check the lock dir with hil doctor.",
            });
        }
        return { released: !this.guard.lost, heldMs };
    }
}
function newToken() {
    return (0,external_node_crypto_.randomBytes)(12).toString("hex");
}
function buildRecord(slot, token, h) {
    const record = {
        schema_version: LEASE_SCHEMA_VERSION,
        slot,
        token,
        kind: h.kind,
        job_id: h.jobId,
        runner: h.runner,
        host: thisHost(),
        pid: process.pid,
        user: currentUser(),
        since: "", // set per attempt
    };
    if (h.commitSha)
        record.commit_sha = h.commitSha;
    if (h.deadline)
        record.deadline = h.deadline.toISOString();
    if (h.jobDir)
        record.job_dir = h.jobDir;
    if (h.watchPid)
        record.watch_pid = h.watchPid;
    if (h.command)
        record.command = h.command;
    return record;
}
function ensureLockDir(site) {
    try {
        (0,external_node_fs_.mkdirSync)(site.lock_dir, { recursive: true });
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`Cannot create the lock dir ${site.lock_dir} (${e.code}).`, {
            hint: `Create it writable for the runner's user and group, e.g. sudo install -d -m 2775 -g hil ${site.lock_dir}, then run hil doctor.`,
        });
    }
}
function fsProblem(site, slot, e) {
    const code = e.code;
    const path = record_leasePath(site, slot);
    if (code === "EFOREIGN") {
        return new src/* ConfigurationError */.j1(e.message + ".", {
            hint: `If no other tool uses it, remove it (rm -r ${path}); hil leases hold a holder.*.json record.`,
        });
    }
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
        return new src/* ConfigurationError */.j1(`Cannot write the lease ${path} (${code}).`, {
            hint: `Make ${site.lock_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
        });
    }
    return new src/* InfrastructureError */.EN(`Cannot take the lease ${path}: ${e.message}`, {
        hint: "Check the lock dir's file system (hil doctor); over NFS, check the mount.",
    });
}
/**
 * Claim a slot's lease: `<lock_dir>/<slot>.lock` through proper-lockfile, kept fresh by its timer
 * while this process lives. Waits up to `waitSec` while someone else holds it, polling with a
 * short backoff (no fixed sleep on the fast path), then fails with a LeaseBusyError naming the
 * holder. A lease whose holder died goes stale after `stale_sec` and is taken over, race-free
 * (see GuardFs). Different slots never wait on each other: each is its own directory.
 */
async function lease_acquireLease(site, slot, options) {
    const path = record_leasePath(site, slot);
    const stale = staleMs(site);
    const waitSec = options.waitSec ?? 0;
    const deadline = Date.now() + waitSec * 1000;
    const pollMax = options.pollMaxMs ?? 200;
    const token = newToken();
    const record = buildRecord(slot, token, options.holder);
    let lockDirChecked = false;
    let announced = false;
    let lastTry = false;
    let delay = 2;
    let lease;
    for (;;) {
        options.signal?.throwIfAborted();
        record.since = new Date().toISOString(); // held since the attempt that wins, not the request
        const text = JSON.stringify(record, null, 2) + "\n";
        const guard = new GuardFs(path, token, text, stale, options.pause);
        try {
            const unlock = await proper_lockfile_default().lock(`${path}#${token}`, {
                lockfilePath: path,
                realpath: false,
                stale,
                retries: 0,
                fs: guard,
                onCompromised: (err) => {
                    const gone = /ENOENT/.test(`${err.code} ${err.message}`);
                    const lost = new LeaseLostError(slot, gone
                        ? `its holder record is gone while ${record.job_id} held it (taken over after going stale, or removed by hand)`
                        : `it could not be refreshed within the ${site.stale_sec} s stale window (${err.message}); the process or the lock dir stalled`);
                    lease?.markLost(lost);
                    try {
                        options.onCompromised?.(lost);
                    }
                    catch {
                        // a report callback must never crash the process from inside a timer
                    }
                },
            });
            lease = new Lease(record, path, unlock, guard, Date.now(), guard.tookOver);
            if (guard.tookOver)
                sweepClaimLeftovers(site);
            return lease;
        }
        catch (e) {
            if (guard_fs_isCode(e, "ENOENT", "ENOTDIR") && !lockDirChecked) {
                lockDirChecked = true;
                ensureLockDir(site);
                continue;
            }
            if (!guard_fs_isCode(e, "ELOCKED", "EEXIST"))
                throw fsProblem(site, slot, e);
        }
        const status = lease_leaseStatus(site, slot);
        if (status.state !== "free" && !announced) {
            announced = true;
            options.onWait?.(status);
        }
        const left = deadline - Date.now();
        if (left <= 0) {
            if (status.state === "free" && !lastTry) {
                lastTry = true; // released just now: one more try
                continue;
            }
            throw new errors_LeaseBusyError(status, waitSec, site.stale_sec);
        }
        // Jittered backoff so waiters on one slot do not move in lockstep.
        try {
            await (0,promises_.setTimeout)(Math.min(left, delay * (0.5 + Math.random())), undefined, {
                signal: options.signal,
            });
        }
        catch (e) {
            options.signal?.throwIfAborted(); // the caller's reason, not a bare AbortError
            throw e;
        }
        delay = Math.min(delay * 1.6, pollMax);
    }
}
/** The lease state of one slot, read without taking anything. */
function lease_leaseStatus(site, slot) {
    const path = record_leasePath(site, slot);
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(path);
    }
    catch (e) {
        if (guard_fs_isCode(e, "ENOENT", "ENOTDIR"))
            return { slot, path, state: "free" };
        throw e;
    }
    const status = { slot, path, state: "held" };
    const holderName = names.find(isHolderFile);
    if (holderName) {
        const holder = readHolder((0,external_node_path_.join)(path, holderName));
        if (holder)
            status.holder = holder;
    }
    else if (names.length === 0) {
        // Mid-release or mid-takeover: the next claim publishes into it.
        return { slot, path, state: "free" };
    }
    try {
        const st = freshestHolderStat(path);
        status.refreshedAt = st.mtime;
        if (st.mtimeMs < Date.now() - staleMs(site))
            status.state = "stale";
    }
    catch (e) {
        if (guard_fs_isCode(e, "ENOENT"))
            return { slot, path, state: "free" };
        throw e;
    }
    return status;
}
/**
 * Remove a lease by its token, whoever runs this (the completed hook when the job's keeper is
 * gone). Only the claim that token names is removed: if the slot changed hands, nothing happens.
 * Returns whether it removed something.
 */
function lease_forceRelease(site, slot, token) {
    const path = leasePath(site, slot);
    try {
        unlinkSync(join(path, holderFileName(token)));
    }
    catch (e) {
        if (isCode(e, "ENOENT"))
            return false;
        throw fsProblem(site, slot, e);
    }
    try {
        rmdirSync(path);
    }
    catch (e) {
        if (!isCode(e, "ENOENT", "ENOTEMPTY", "EEXIST"))
            throw fsProblem(site, slot, e);
    }
    return true;
}
/**
 * Remove `.claim.*` dirs left by claimants killed mid-claim (before their rename). Run after a
 * takeover and by hil doctor; only dirs older than twice the stale window are touched.
 */
function sweepClaimLeftovers(site) {
    let removed = 0;
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(site.lock_dir);
    }
    catch {
        return 0;
    }
    const cutoff = Date.now() - 2 * staleMs(site);
    for (const name of names) {
        if (!name.startsWith(".claim."))
            continue;
        const p = (0,external_node_path_.join)(site.lock_dir, name);
        try {
            if ((0,external_node_fs_.statSync)(p).mtimeMs < cutoff) {
                (0,external_node_fs_.rmSync)(p, { recursive: true, force: true });
                removed++;
            }
        }
        catch {
            // raced with its owner or another sweeper
        }
    }
    return removed;
}

// EXTERNAL MODULE: ./packages/journal/src/index.ts + 2 modules
var journal_src = __webpack_require__(23825);
;// CONCATENATED MODULE: ./packages/lease/src/layout.ts
// The job directory's names and writers live in @hil/journal (one module owns the job dir).


;// CONCATENATED MODULE: ./packages/lease/src/guardrails.ts


/**
 * A hardware job's timeout in seconds: `undefined`/empty gives the default (1800 s); anything
 * that is not a whole number of seconds in 1..14400 is refused with an error naming `source`.
 */
function guardrails_resolveJobTimeout(value, source = "HIL_JOB_TIMEOUT_SEC") {
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
        return DEFAULT_TIMEOUT_SEC;
    }
    const n = typeof value === "number" ? value : Number(value.trim());
    if (!Number.isInteger(n) || n < 1) {
        throw new ConfigurationError(`${source}: expected a whole number of seconds, got ${JSON.stringify(value)}.`, { hint: `Give the hardware job's timeout in seconds (default ${DEFAULT_TIMEOUT_SEC}).` });
    }
    if (n > MAX_TIMEOUT_SEC) {
        throw new ConfigurationError(`${source}: ${n} s is more than the ${MAX_TIMEOUT_SEC} s hardware jobs may run.`, {
            hint: `Split the job, or use at most ${MAX_TIMEOUT_SEC} s (4 h): a slot must not be held longer.`,
        });
    }
    return n;
}

;// CONCATENATED MODULE: ./packages/lease/src/proc.ts

/** Whether a process exists (EPERM: it exists but belongs to another user). */
function proc_pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === "EPERM";
    }
}
function procStat(pid) {
    try {
        const text = readFileSync(`/proc/${pid}/stat`, "utf8");
        // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
        const open = text.indexOf("(");
        const close = text.lastIndexOf(")");
        const rest = text.slice(close + 2).split(" ");
        return { comm: text.slice(open + 1, close), ppid: Number(rest[1]) };
    }
    catch {
        return undefined;
    }
}
/**
 * The nearest ancestor of `from` whose command name matches (Linux /proc), e.g. the GitHub
 * runner's `Runner.Worker` that lives exactly as long as the job: a keeper watching it releases
 * the lease when the job's worker dies, even if the completed hook never runs.
 */
function findAncestorPid(match, from = process.pid) {
    const test = typeof match === "function" ? match : (c) => match.test(c);
    let pid = procStat(from)?.ppid;
    for (let hops = 0; pid && pid > 1 && hops < 64; hops++) {
        const st = procStat(pid);
        if (!st)
            return undefined;
        if (test(st.comm))
            return pid;
        pid = st.ppid;
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./packages/lease/src/keeper.ts














/**
 * A job's lease outlives the short job-started hook: the hook spawns a detached lease keeper
 * that claims the lease, reports back over IPC, and then holds and refreshes it until
 *  - the completed hook releases it (SIGTERM, see releaseJobLease), or
 *  - the job's deadline passes (timeout, default 1800 s, max 14400 s): the keeper writes the
 *    job's cancel flag, then releases, or
 *  - the watched process (the runner's worker) exits, or
 *  - the lease is compromised (taken over, removed by hand): steps see it and stop.
 * If the keeper itself is SIGKILLed, the lease goes stale and is taken over after `stale_sec`.
 * It never wedges a slot.
 */
/** argv marker an entry point routes to runKeeper(): `node dist/index.js __hil-lease-keeper`. */
const KEEPER_ARG = "__hil-lease-keeper";
/** The keeper's parameters travel as JSON in this variable (never on the command line). */
const KEEPER_ENV = "HIL_LEASE_KEEPER";
/** This very script with KEEPER_ARG: right for the bundled CLI and hooks, which route it. */
function defaultKeeperCommand() {
    return { command: process.execPath, args: [...process.execArgv, process.argv[1], KEEPER_ARG] };
}
/** A LeaseStatus that crossed the IPC channel (its Date became a string). */
function reviveStatus(s) {
    const { slot, path, state, holder, refreshedAt } = s;
    return {
        slot,
        path,
        state,
        ...(holder ? { holder } : {}),
        ...(refreshedAt ? { refreshedAt: new Date(refreshedAt) } : {}),
    };
}
function tail(file, lines = 15) {
    try {
        return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    }
    catch {
        return "(no log)";
    }
}
/**
 * Claim a slot for a whole job (the job-started hook): spawns the detached lease keeper and
 * resolves once it holds the lease, with the holder record and the env to export to steps.
 * Rejects with LeaseBusyError (holder named) if the slot stayed busy for `waitSec`.
 * Also writes the record to `<jobDir>/lease.json`, which releaseJobLease reads.
 */
async function claimJobLease(site, opts) {
    const timeoutSec = resolveJobTimeout(opts.timeoutSec, "timeout");
    const params = {
        site: { lock_dir: site.lock_dir, stale_sec: site.stale_sec },
        slot: opts.slot,
        holder: {
            kind: "job",
            jobId: opts.jobId,
            runner: opts.runner,
            jobDir: opts.jobDir,
            ...(opts.commitSha ? { commitSha: opts.commitSha } : {}),
            ...(opts.watchPid ? { watchPid: opts.watchPid } : {}),
        },
        waitSec: opts.waitSec ?? 0,
        timeoutSec,
    };
    const keeper = opts.keeper ?? defaultKeeperCommand();
    const env = {
        ...(opts.env ?? process.env),
        [KEEPER_ENV]: JSON.stringify(params),
    };
    // The GitHub runner kills processes carrying its tracking id when the job ends, possibly
    // before the completed hook; the keeper ends itself (release, deadline, watched pid).
    delete env.RUNNER_TRACKING_ID;
    mkdirSync(opts.jobDir, { recursive: true });
    const logFile = join(opts.jobDir, JOB_FILES.keeperLog);
    const log = openSync(logFile, "a");
    const child = spawn(keeper.command, keeper.args, {
        detached: true,
        stdio: ["ignore", log, log, "ipc"],
        env,
        cwd: opts.jobDir,
    });
    closeSync(log);
    const result = await new Promise((resolve, reject) => {
        const limit = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new InfrastructureError(`The lease keeper for ${opts.slot} did not report within ${params.waitSec + 60} s.`, { hint: `Its log, ${logFile}:\n${tail(logFile)}` }));
        }, (params.waitSec + 60) * 1000);
        child.on("message", (m) => {
            if (m.type === "waiting") {
                opts.onWait?.(reviveStatus(m.status));
                return;
            }
            clearTimeout(limit);
            resolve(m);
        });
        child.on("error", (e) => {
            clearTimeout(limit);
            reject(new InfrastructureError(`Cannot start the lease keeper (${keeper.command}): ${e.message}`));
        });
        child.on("exit", (code, signal) => {
            clearTimeout(limit);
            reject(new InfrastructureError(`The lease keeper for ${opts.slot} exited (${signal ?? `code ${code}`}) before it reported.`, { hint: `Its log, ${logFile}:\n${tail(logFile)}` }));
        });
    });
    child.removeAllListeners();
    if (child.connected)
        child.disconnect();
    child.unref();
    if (result.type === "failed") {
        if (result.busy) {
            throw new LeaseBusyError(reviveStatus(result.busy), params.waitSec, site.stale_sec);
        }
        throw new HilError(result.error.message, result.error.hint ? { hint: result.error.hint } : undefined);
    }
    writeJsonAtomic(join(opts.jobDir, JOB_FILES.lease), result.record);
    return {
        record: result.record,
        keeperPid: child.pid,
        env: leaseEnv(result.record),
        ...(result.tookOver ? { tookOver: result.tookOver } : {}),
    };
}
/** The holder record a job claimed (`<jobDir>/lease.json`), if it claimed one. */
function readJobLease(jobDir) {
    try {
        const r = holderRecord.safeParse(JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.lease), "utf8")));
        return r.success ? r.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** Why and when a job's lease ended (`<jobDir>/lease-ended.json`), once it has. */
function readLeaseEnded(jobDir) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.leaseEnded), "utf8"));
    }
    catch {
        return undefined;
    }
}
/**
 * Release a job's lease (the completed hook), whatever state the keeper is in: ask the keeper
 * (SIGTERM) and wait up to `waitMs` for it; if it is gone or stuck, remove the lease by its
 * token. Never touches a lease that has changed hands. `token` defaults to the one in
 * `<jobDir>/lease.json`.
 */
async function releaseJobLease(site, slot, opts) {
    const token = opts.token ?? (opts.jobDir ? readJobLease(opts.jobDir)?.token : undefined);
    if (!token) {
        throw new HilError(`No lease token to release ${slot} with.`, {
            hint: "Pass the token claimJobLease returned, or the job dir holding lease.json.",
        });
    }
    const ended = () => (opts.jobDir ? readLeaseEnded(opts.jobDir) : undefined);
    const mine = () => leaseStatus(site, slot).holder?.token === token;
    const status = leaseStatus(site, slot);
    if (status.holder?.token !== token) {
        const e = ended();
        if (status.holder) {
            return {
                released: false,
                how: "other-holder",
                holder: status.holder,
                ...(e ? { ended: e } : {}),
            };
        }
        return { released: false, how: "already-ended", ...(e ? { ended: e } : {}) };
    }
    const h = status.holder;
    // Ask the keeper when it is alive on this host; a stale lease means it is gone.
    if (h.kind === "job" && status.state === "held" && h.host === hostname() && pidAlive(h.pid)) {
        try {
            process.kill(h.pid, "SIGTERM");
        }
        catch {
            // gone meanwhile
        }
        const until = Date.now() + (opts.waitMs ?? 10_000);
        while (mine() && Date.now() < until)
            await sleep(10);
        if (!mine()) {
            const e = ended();
            return { released: true, how: "keeper", ...(e ? { ended: e } : {}) };
        }
    }
    const removed = forceRelease(site, slot, token);
    return { released: removed, how: removed ? "forced" : "already-ended" };
}
function serializeError(e) {
    if (e instanceof HilError) {
        return { name: e.name, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    }
    return { name: "Error", message: e instanceof Error ? e.message : String(e) };
}
/**
 * The keeper process: route KEEPER_ARG here from an entry point
 * (`if (process.argv[2] === KEEPER_ARG) process.exitCode = await runKeeper()`).
 * Resolves to its exit code once the lease has ended.
 */
async function runKeeper(env = process.env) {
    const params = JSON.parse(env[KEEPER_ENV] ?? "null");
    if (!params) {
        process.stderr.write(`${KEEPER_ARG}: ${KEEPER_ENV} is not set; this is started by claimJobLease\n`);
        return 2;
    }
    const log = (m) => process.stdout.write(`${new Date().toISOString()} keeper ${process.pid}: ${m}\n`);
    const send = (m) => new Promise((resolve) => {
        if (!process.send || !process.connected)
            return resolve();
        process.send(m, undefined, {}, () => resolve());
    });
    const jobDir = params.holder.jobDir;
    const journal = jobDir ? new Journal(join(jobDir, JOB_FILES.journal)) : undefined;
    let finish = () => { };
    const ended = new Promise((resolve) => {
        let lease;
        let done = false;
        const timers = [];
        finish = (reason, detail) => {
            if (done)
                return;
            done = true;
            for (const t of timers)
                clearTimeout(t);
            void (async () => {
                // Tell the job first (cancel flag, journal, lease-ended.json), then let the slot go:
                // whoever sees the slot free can already read why.
                const record = {
                    slot: params.slot,
                    job_id: params.holder.jobId,
                    reason,
                    detail,
                    at: new Date().toISOString(),
                    held_sec: lease
                        ? Math.round((Date.now() - Date.parse(lease.record.since)) / 100) / 10
                        : 0,
                };
                const note = (what, fn) => {
                    try {
                        fn();
                    }
                    catch (e) {
                        log(`could not write ${what}: ${e.message}`);
                    }
                };
                // Order matters: lease-ended.json is the "done" marker readers wait for.
                if (jobDir && reason === "deadline") {
                    note("the cancel flag", () => writeFileSync(join(jobDir, JOB_FILES.cancel), timeoutFlagText(detail)));
                }
                note("the journal", () => journal?.append({
                    type: "note",
                    step: "lease",
                    text: `lease on ${params.slot} ended (${reason}): ${detail}`,
                }));
                if (jobDir) {
                    note(JOB_FILES.leaseEnded, () => writeJsonAtomic(join(jobDir, JOB_FILES.leaseEnded), record));
                }
                if (lease) {
                    try {
                        await lease.release();
                    }
                    catch (e) {
                        log(`release failed (the lease goes stale instead): ${e.message}`);
                    }
                }
                log(`lease ended (${reason}): ${detail}`);
                resolve(reason === "compromised" ? 3 : 0);
            })();
        };
        const start = async () => {
            const deadline = new Date(Date.now() + params.timeoutSec * 1000);
            // The hook that started us died while we waited: nobody will use the lease, do not take it.
            const orphaned = new AbortController();
            const onDisconnect = () => orphaned.abort(new Error("the claiming hook went away"));
            process.once("disconnect", onDisconnect);
            try {
                lease = await acquireLease(params.site, params.slot, {
                    holder: { ...params.holder, deadline },
                    waitSec: params.waitSec,
                    signal: orphaned.signal,
                    onWait: (status) => {
                        log(`waiting up to ${params.waitSec} s: ${params.slot} is held`);
                        void send({ type: "waiting", status });
                    },
                    onCompromised: (e) => finish("compromised", e.message),
                });
            }
            catch (e) {
                log(`claim failed: ${e.message}`);
                await send({
                    type: "failed",
                    error: serializeError(e),
                    ...(e instanceof LeaseBusyError ? { busy: e.status } : {}),
                });
                done = true;
                resolve(1);
                return;
            }
            process.off("disconnect", onDisconnect);
            if (!process.connected) {
                finish("released", "the claiming hook went away before it learned of the lease");
                return;
            }
            log(`holding ${lease.path} for ${params.holder.jobId} until ${deadline.toISOString()}`);
            await send({
                type: "acquired",
                record: lease.record,
                ...(lease.tookOver ? { tookOver: lease.tookOver } : {}),
            });
            if (process.connected)
                process.disconnect();
            for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
                process.on(sig, () => finish("released", `released on request (${sig})`));
            }
            // The timeout counts from the claim request: waiting for the slot is part of the job.
            timers.push(setTimeout(() => finish("deadline", `the job ran past its timeout of ${params.timeoutSec} s`), Math.max(0, deadline.getTime() - Date.now())));
            const watchPid = params.holder.watchPid;
            const watch = setInterval(() => {
                if (watchPid && !pidAlive(watchPid)) {
                    finish("watched-process-exited", `the runner process ${watchPid} it watched has exited`);
                }
            }, 1000);
            timers.push(watch);
        };
        void start();
    });
    return ended;
}

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
;// CONCATENATED MODULE: ./packages/lease/src/job.ts








/**
 * The caller's job identity. HIL_JOB_ID (exported under a lease) wins; then GitHub
 * (GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT/GITHUB_JOB), GitLab (CI_JOB_ID), else a local session
 * `local-<host>-<pid>`.
 */
function callerIdentity(env = process.env, pid = process.pid) {
    const ci = (0,ci_src/* ciContext */.U)(env);
    const base = {
        runner: ci.runner,
        ...(ci.jobSha ? { commitSha: ci.jobSha } : {}),
        ...(env[LEASE_ENV.token] ? { token: env[LEASE_ENV.token] } : {}),
    };
    if (env[LEASE_ENV.jobId])
        return { jobId: env[LEASE_ENV.jobId], source: "hil", ...base };
    if (ci.forge === "local")
        return { jobId: `local-${ci.host}-${pid}`, source: "local", ...base };
    return { jobId: ci.jobId, source: ci.forge, ...base };
}
/** Whether a holder record is the caller's own: same lease token, else same job id. */
function holderIsCaller(holder, who) {
    if (who.token)
        return holder.token === who.token;
    return holder.job_id === who.jobId;
}
/** Create `<state_dir>/jobs/<job key>/` (the job-started hook, hil lock). */
function createJobDir(site, jobId) {
    const dir = jobDirFor(site, jobId);
    try {
        mkdirSync(dir, { recursive: true });
    }
    catch (e) {
        throw new ConfigurationError(`Cannot create the job directory ${dir} (${e.code}).`, {
            hint: `Make ${site.state_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
        });
    }
    return dir;
}
/** A hardware job as one of its steps sees it. */
class JobContext {
    jobId;
    jobDir;
    holder;
    foundBy;
    journal;
    invocationCache;
    constructor(jobId, jobDir, 
    /** The slot's lease holder when it is this job (undefined once the lease has ended). */
    holder, 
    /** How it was found. */
    foundBy) {
        this.jobId = jobId;
        this.jobDir = jobDir;
        this.holder = holder;
        this.foundBy = foundBy;
        this.journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.journal));
    }
    /** The job's ws2.invocation.v1 (undefined until the job-started hook has written it). */
    get invocation() {
        if (this.invocationCache)
            return this.invocationCache;
        const read = (0,journal_src/* readInvocation */.rm)(this.jobDir);
        if (read.missing)
            return undefined;
        if (read.problem !== undefined) {
            throw new src/* ConfigurationError */.j1(`The job's ${read.problem}.`, {
                hint: "The job-started hook writes it; re-run the job, or fix the hook's set-up (hil doctor).",
            });
        }
        this.invocationCache = read.invocation;
        return this.invocationCache;
    }
    /** The job's cancellation flag, when it is raised: stop before the next step. */
    cancelFlag() {
        return (0,journal_src/* readCancelFlag */.Bg)(this.jobDir);
    }
    /** What the job's lease keeper recorded when the lease ended, if it has. */
    leaseEnded() {
        return readLeaseEnded(this.jobDir);
    }
    /** The holder record the job claimed (with its token), if it claimed one. */
    claimedLease() {
        return readJobLease(this.jobDir);
    }
}
/**
 * The job the calling step belongs to, or undefined:
 * 1. HIL_JOB_DIR when set (exported by the hooks and `hil lock`);
 * 2. else the slot's lease holder, when it is the caller's own (HIL_LEASE_TOKEN, else the job id
 *    from GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT/GITHUB_JOB or CI_JOB_ID) and records a job dir;
 * 3. else `<state_dir>/jobs/<job key>` of the caller's CI job id, when it exists (a job whose
 *    lease has already ended: the step must learn that, not act as a stranger).
 */
function findCurrentJob(opts) {
    const env = opts.env ?? process.env;
    const who = callerIdentity(env);
    let status;
    const ownHolder = () => {
        if (!opts.slot)
            return undefined;
        status ??= lease_leaseStatus(opts.inventory, opts.slot);
        return status.holder && holderIsCaller(status.holder, who) ? status.holder : undefined;
    };
    const dirFromEnv = env[LEASE_ENV.jobDir];
    if (dirFromEnv) {
        const holder = ownHolder();
        return new JobContext(holder?.job_id ?? who.jobId, dirFromEnv, holder, "HIL_JOB_DIR");
    }
    const holder = ownHolder();
    if (holder?.job_dir)
        return new JobContext(holder.job_id, holder.job_dir, holder, "lease");
    if (who.source === "github" || who.source === "gitlab") {
        const dir = (0,journal_src/* jobDirFor */.A0)(opts.inventory, who.jobId);
        if ((0,external_node_fs_.existsSync)(dir))
            return new JobContext(who.jobId, dir, holder, "job-id");
    }
    return undefined;
}
/** Like findCurrentJob, but explains what it looked for when there is no job. */
function currentJob(opts) {
    const job = findCurrentJob(opts);
    if (job)
        return job;
    const who = callerIdentity(opts.env ?? process.env);
    const held = opts.slot ? leaseStatus(opts.inventory, opts.slot).holder : undefined;
    throw new ConfigurationError(`This step is not part of a hardware job: HIL_JOB_DIR is not set` +
        (opts.slot
            ? `, and slot ${opts.slot}'s lease ${held ? `belongs to ${held.job_id}, not ${who.jobId}` : "is free"}`
            : "") +
        ".", {
        hint: "Run it in a job whose runner has the hil job-started hook, or under `hil lock --slot <id> -- …`.",
    });
}

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(16698);
;// CONCATENATED MODULE: ./packages/lease/src/under.ts







// Leases held by this async context, so a nested call (a power cycle inside a flash's recovery
// ladder, in one process) runs under the outer lease instead of waiting for itself.
const held = new external_node_async_hooks_.AsyncLocalStorage();
/**
 * Run `fn` under slot `slot`'s lease. When the caller belongs to the job holding the lease
 * (HIL_LEASE_TOKEN, else its CI job id), fn runs at once under the job's lease, watched: if the
 * lease is lost, `signal` aborts and the call rejects with LeaseLostError. When the caller is in
 * a hardware job whose lease on this slot has ended (timeout, lost), it rejects with
 * LeaseLostError instead of claiming as a stranger. Anyone else claims the lease for the duration
 * of fn, waiting up to `waitSec` (LeaseBusyError naming the holder after that), and releases it
 * whatever fn does. The power-cycle and flash steps call this around every hardware action.
 */
async function underSlotLease(inventory, slot, options, fn) {
    const outer = held.getStore()?.get(slot);
    if (outer)
        return fn(outer);
    const env = options.env ?? process.env;
    const who = callerIdentity(env);
    const status = lease_leaseStatus(inventory, slot);
    const job = options.job !== undefined
        ? (options.job ?? undefined)
        : findCurrentJob({ inventory, slot, env });
    if (status.holder && holderIsCaller(status.holder, who)) {
        const holder = status.holder;
        if (status.state === "stale") {
            throw new LeaseLostError(slot, `the job's lease is stale: its keeper (pid ${holder.pid} on ${holder.host}) stopped refreshing it`);
        }
        return watchJobLease(inventory, slot, holder, job, fn);
    }
    // In a job, on the job's own slot, but the lease is not the job's: it ended or was lost.
    const jobSlot = job?.invocation?.slot ?? job?.claimedLease()?.slot ?? job?.leaseEnded()?.slot;
    if (job && jobSlot === slot) {
        const ended = job.leaseEnded();
        const now = status.holder ? `; the slot is now held by ${describeHolder(status.holder)}` : "";
        throw new LeaseLostError(slot, ended
            ? `job ${job.jobId}'s lease ended at ${ended.at} (${ended.reason}: ${ended.detail})${now}`
            : `job ${job.jobId} no longer holds it${now}`);
    }
    const lease = await lease_acquireLease(inventory, slot, {
        holder: {
            kind: options.claimAs?.kind ?? "step",
            jobId: who.jobId,
            runner: who.runner,
            ...(who.commitSha ? { commitSha: who.commitSha } : {}),
            ...(options.claimAs?.command ? { command: options.claimAs.command } : {}),
        },
        waitSec: options.waitSec ?? 0,
        ...(options.signal ? { signal: options.signal } : {}),
        onWait: (s) => options.host?.info(`Waiting up to ${options.waitSec ?? 0} s for slot ${slot}: held by ${s.holder ? describeHolder(s.holder) : "someone"}.`),
    });
    const scope = {
        slot,
        holder: lease.record,
        mode: "claimed",
        job,
        signal: lease.signal,
        env: lease.env(),
    };
    let result;
    try {
        result = await runScoped(scope, fn);
        lease.assertHeld();
    }
    catch (e) {
        await lease.release().catch(() => { }); // fn's failure is the one to report
        throw lease.lost ?? e;
    }
    await lease.release();
    return result;
}
function runScoped(scope, fn) {
    const map = new Map(held.getStore() ?? []);
    map.set(scope.slot, scope);
    return held.run(map, () => fn(scope));
}
/** Run fn under a lease another process (the job's keeper) holds, checking it stays ours. */
async function watchJobLease(site, slot, holder, job, fn) {
    const controller = new AbortController();
    const file = (0,external_node_path_.join)(record_leasePath(site, slot), record_holderFileName(holder.token));
    const check = () => {
        if ((0,external_node_fs_.existsSync)(file))
            return;
        const ended = job?.leaseEnded();
        controller.abort(new LeaseLostError(slot, ended
            ? `job ${holder.job_id}'s lease ended at ${ended.at} (${ended.reason}: ${ended.detail})`
            : `job ${holder.job_id}'s holder record disappeared while the step ran`));
    };
    const timer = setInterval(check, Math.min(1000, (site.stale_sec * 1000) / 4));
    timer.unref();
    const scope = {
        slot,
        holder,
        mode: "job",
        job,
        signal: controller.signal,
        env: lease_leaseEnv(holder),
    };
    try {
        const result = await runScoped(scope, fn);
        check();
        if (controller.signal.aborted)
            throw controller.signal.reason;
        return result;
    }
    catch (e) {
        if (controller.signal.aborted)
            throw controller.signal.reason;
        throw e;
    }
    finally {
        clearInterval(timer);
    }
}

;// CONCATENATED MODULE: ./packages/lease/src/health.ts




const HISTORY = 20;
const DEFAULT_UNHEALTHY_AFTER = 3;
const file = (site, slot) => (0,external_node_path_.join)(site.state_dir, "health", `${slot}.json`);
const thresholdOf = (site) => site.unhealthy_after ?? DEFAULT_UNHEALTHY_AFTER;
function empty(site, slot) {
    return {
        slot,
        healthy: true,
        consecutive_failures: 0,
        threshold: thresholdOf(site),
        history: [],
    };
}
/** A slot's health (healthy with no history when nothing was recorded yet). */
function health(site, slot) {
    let stored;
    try {
        stored = JSON.parse((0,external_node_fs_.readFileSync)(file(site, slot), "utf8"));
    }
    catch {
        return empty(site, slot);
    }
    const threshold = thresholdOf(site);
    const failures = Number(stored.consecutive_failures) || 0;
    const h = {
        slot,
        healthy: failures < threshold,
        consecutive_failures: failures,
        threshold,
        history: Array.isArray(stored.history) ? stored.history : [],
    };
    if (stored.last)
        h.last = stored.last;
    if (!h.healthy && stored.unhealthy_since)
        h.unhealthy_since = stored.unhealthy_since;
    return h;
}
function save(site, h) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(site.state_dir, "health"), { recursive: true });
    (0,journal_src/* writeJsonAtomic */.ZJ)(file(site, h.slot), h);
    return h;
}
function push(h, event) {
    h.last = event;
    h.history = [...h.history, event].slice(-HISTORY);
}
/**
 * Record the outcome of talking to a slot's board: `ok` resets the count, `infra_failure`
 * (unreachable after the whole recovery ladder) adds one. Returns the new health.
 */
function recordHealth(site, slot, result, detail) {
    const h = health(site, slot);
    const event = {
        at: new Date().toISOString(),
        result,
        ...(detail ? { detail } : {}),
    };
    push(h, event);
    if (result === "ok") {
        h.consecutive_failures = 0;
        delete h.unhealthy_since;
    }
    else {
        h.consecutive_failures++;
        if (h.consecutive_failures >= h.threshold && !h.unhealthy_since)
            h.unhealthy_since = event.at;
    }
    h.healthy = h.consecutive_failures < h.threshold;
    return save(site, h);
}
/** Mark a slot healthy again (a person fixed the board or cable). */
function resetHealth(site, slot, by) {
    const h = health(site, slot);
    push(h, { at: new Date().toISOString(), result: "reset", detail: `reset by ${by}` });
    h.consecutive_failures = 0;
    h.healthy = true;
    delete h.unhealthy_since;
    return save(site, h);
}
/** The slot's board keeps failing: the job-started hook fails fast with this. */
class SlotUnhealthyError extends src/* InfrastructureError */.EN {
    health;
    name = "SlotUnhealthyError";
    constructor(health) {
        const last = health.last?.detail ? ` Last failure: ${health.last.detail}.` : "";
        super(`Slot ${health.slot} is marked unhealthy: ${health.consecutive_failures} infrastructure failures in a row` +
            ` (board unreachable after the whole recovery ladder) since ${health.unhealthy_since ?? "?"}.${last}`, {
            hint: `Check the board, its cable and its power, then run: hil doctor --slot ${health.slot} --reset-health ` +
                `(resets when the host checks pass) or hil slots --reset-health ${health.slot}.`,
        });
        this.health = health;
    }
}
/** Throws SlotUnhealthyError when the slot is unhealthy (the job-started hook's fail-fast). */
function assertHealthy(site, slot) {
    const h = health(site, slot);
    if (!h.healthy)
        throw new SlotUnhealthyError(h);
    return h;
}

;// CONCATENATED MODULE: ./packages/lease/src/selftest.ts





const probeHolder = (what) => ({
    kind: "step",
    jobId: `selftest-${process.pid}`,
    runner: what,
});
/**
 * The lock self-test the lab asked for, on the real lock dir (hil doctor runs it): a second claim
 * of a held slot is refused naming the holder, another slot is claimed at once meanwhile, and
 * both come free on release. Uses throw-away slot ids `selftest-<pid>-a|b`.
 */
async function lockSelfTest(site) {
    const a = `selftest-${process.pid}-a`;
    const b = `selftest-${process.pid}-b`;
    const checks = [];
    const held = [];
    try {
        held.push(await acquireLease(site, a, { holder: probeHolder("doctor") }));
        checks.push({ what: `claim ${a}`, ok: true });
        try {
            held.push(await acquireLease(site, a, { holder: probeHolder("doctor (second)") }));
            checks.push({ what: "same slot serializes", ok: false, detail: "a second claim got it too" });
        }
        catch (e) {
            const named = e instanceof LeaseBusyError && e.holder?.token === held[0].token;
            checks.push({
                what: "same slot serializes",
                ok: named,
                ...(named ? {} : { detail: `unexpected: ${e.message}` }),
            });
        }
        held.push(await acquireLease(site, b, { holder: probeHolder("doctor") }));
        checks.push({ what: "different slots run at once", ok: true });
    }
    catch (e) {
        checks.push({ what: "claim", ok: false, detail: e.message });
    }
    finally {
        for (const l of held)
            await l.release();
    }
    const free = [a, b].every((s) => leaseStatus(site, s).state === "free");
    checks.push({ what: "released leases are free", ok: free });
    return { ok: checks.every((c) => c.ok), checks };
}
/**
 * Latency of claiming a free slot (acquire only; the release between samples is not timed),
 * for `npm run bench` (target p99 <= 50 ms). Measures in `lockDir` (default: a temp dir; pass
 * the real lock dir to measure it, e.g. over NFS).
 */
async function measureClaimLatency(n = 200, opts = {}) {
    const tmp = opts.lockDir ? undefined : mkdtempSync(join(tmpdir(), "hil-bench-lease-"));
    const site = { lock_dir: opts.lockDir ?? tmp, stale_sec: opts.staleSec ?? 30 };
    const slot = `bench-${process.pid}`;
    const ms = [];
    try {
        for (let i = -5; i < n; i++) {
            const t = performance.now();
            const lease = await acquireLease(site, slot, { holder: probeHolder("bench") });
            const dt = performance.now() - t;
            await lease.release();
            if (i >= 0)
                ms.push(dt); // the first few warm the module and fs caches
        }
    }
    finally {
        if (tmp)
            rmSync(tmp, { recursive: true, force: true });
    }
    ms.sort((x, y) => x - y);
    const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
    return {
        samples: ms.length,
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        maxMs: ms[ms.length - 1],
        meanMs: ms.reduce((s, x) => s + x, 0) / ms.length,
    };
}

;// CONCATENATED MODULE: ./packages/lease/src/index.ts
// The slot lease (DESIGN.md section 4), the job's lease keeper, the job context steps use and
// slot health. See docs/lab-setup.md for the lab side and the API summary.













/***/ }),

/***/ 726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Jx: () => (/* reexport */ withHardwareStep)
});

// UNUSED EXPORTS: DEFAULT_FORK_LABEL, DEFAULT_LEASE_WAIT_SEC, DEFAULT_RETENTION_DAYS, ForkRefusedError, HOOK_ENV, HOOK_FILES, JobCancelledError, JobStep, STARTED_STEP, STEPS_DIR, assertForkAllowed, assertNotCancelled, beginStep, cancelSlotJob, cancelState, ciJobStatus, closeDanglingSteps, completeJobDir, enterHardwareStep, exportToEnvFiles, forkGate, hookSettings, jobCompleted, jobStarted, locateJob, openStep, pruneJobDirs, raiseCancelFlag, readCompleted, readHookState, readSlotPointer, resultOf, runHook

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
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
        throw new ConfigurationError(`${name}: expected a whole number from 0 to ${max}, got ${JSON.stringify(env[name])}.`, {
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
    throw new ConfigurationError(`${name}: expected true or false, got ${JSON.stringify(env[name])}.`, {
        hint: `Set ${name}=true or ${name}=false in the runner's environment.`,
    });
}
function settings_hookSettings(env = process.env) {
    let timeoutSec = resolveJobTimeout(env.HIL_JOB_TIMEOUT_SEC, "HIL_JOB_TIMEOUT_SEC");
    // GitLab stops the job at CI_JOB_TIMEOUT: the slot must not stay leased past it.
    const ciTimeout = ciContext(env).gitlab.jobTimeoutSec;
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
class ForkRefusedError extends src/* ConfigurationError */.j1 {
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
    const ci = (0,ci_src/* ciContext */.U)(env);
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
    if (ci_src/* PULL_REQUEST_EVENTS */.m.includes(name) && ev.pull_request) {
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





const flagPath = (jobDir) => (0,external_node_path_.join)(jobDir, lease_src/* JOB_FILES */.e0.cancel);
/** Whether the job's flag is raised, and what it means. */
const cancel_cancelState = (jobDir) => (0,journal_src/* readCancelFlag */.Bg)(jobDir);
/** The job was cancelled (or ran past its deadline) and this step must not touch the board. */
class JobCancelledError extends src/* HilError */.ee {
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
        throw new JobCancelledError(job.jobId, s.reason, s);
}
/**
 * Raise a job's flag (once: the first reason stays) and note it in the journal. Returns false
 * when it was already raised.
 */
function raiseCancelFlag(jobDir, reason, step = "hil cancel") {
    try {
        (0,external_node_fs_.writeFileSync)(flagPath(jobDir), `${reason}\n`, { flag: "wx" });
    }
    catch (e) {
        if (e.code === "EEXIST")
            return false;
        throw e;
    }
    try {
        new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, lease_src/* JOB_FILES */.e0.journal)).append({ type: "note", step, text: reason });
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
    const raised = raiseCancelFlag(holder.job_dir, reason);
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
// EXTERNAL MODULE: ./packages/inventory/src/index.ts + 3 modules
var inventory_src = __webpack_require__(69842);
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
const state_HOOK_FILES = { hook: journal_src/* JOB_FILES */.e0.hook, completed: journal_src/* JOB_FILES */.e0.completed };
function readJson(file) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(file, "utf8"));
    }
    catch {
        return undefined;
    }
}
const state_readHookState = (jobDir) => readJson((0,external_node_path_.join)(jobDir, state_HOOK_FILES.hook));
const state_writeHookState = (jobDir, s) => writeJsonAtomic(join(jobDir, state_HOOK_FILES.hook), s);
const state_readCompleted = (jobDir) => readJson(join(jobDir, state_HOOK_FILES.completed));
const state_writeCompleted = (jobDir, s) => writeJsonAtomic(join(jobDir, state_HOOK_FILES.completed), s);
/** The gate decision the started hook recorded for `jobId`, if it did. */
function readForkDecision(jobDir, jobId) {
    const s = state_readHookState(jobDir);
    return s?.job_id === jobId && s.fork?.allowed ? s.fork : undefined;
}
const pointerPath = (stateDir, slot) => join(stateDir, "slots", `${slot}.last-job.json`);
const state_readSlotPointer = (stateDir, slot) => readJson(pointerPath(stateDir, slot));
function state_writeSlotPointer(stateDir, slot, p) {
    mkdirSync(join(stateDir, "slots"), { recursive: true });
    writeJsonAtomic(pointerPath(stateDir, slot), p);
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
    const kind = e instanceof src/* ConfigurationError */.j1
        ? "configuration"
        : e instanceof src/* InfrastructureError */.EN
            ? "infrastructure"
            : undefined;
    const hint = e instanceof src/* HilError */.ee ? e.hint : undefined;
    return {
        status: "failed",
        exit_code: src/* EXIT_CODES */.ai.failed,
        summary: e instanceof Error ? e.message : String(e),
        ...(kind ? { failure_kind: kind } : {}),
        ...(hint ? { next_action: hint } : {}),
    };
}
/** The signals the runner (or a person at a terminal) stops a step with. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
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
            exit_code: r.exit_code ?? (r.status === "success" ? 0 : src/* EXIT_CODES */.ai[r.status]),
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
            (0,external_node_fs_.unlinkSync)(this.markerPath);
        }
        catch {
            // already gone
        }
    }
    poll() {
        if (this.controller.signal.aborted)
            return;
        const s = cancel_cancelState(this.job.jobDir);
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
                process.exit(src/* EXIT_CODES */.ai.cancelled);
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
                exit_code: src/* EXIT_CODES */.ai.cancelled,
                summary: `cancelled: received ${sig} while running`,
            });
        }
        this.o.host?.warn(`${this.name}: ${sig}: the job is being cancelled; recorded as cancelled.`);
        const state = cancel_cancelState(this.job.jobDir) ?? {
            reason,
            status: "cancelled",
            exitCode: src/* EXIT_CODES */.ai.cancelled,
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
            setTimeout(() => process.exit(src/* EXIT_CODES */.ai.cancelled), grace).unref();
    }
}
/**
 * Start a step of `job`: refuses (JobCancelledError, recorded as a `cancelled` / `timeout` step
 * entry "not started") when the job's flag is up; otherwise leaves the running marker.
 */
function beginStep(job, name, o = {}) {
    const s = cancel_cancelState(job.jobDir);
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
    const dir = (0,external_node_path_.join)(job.jobDir, STEPS_DIR);
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const marker = {
        step: name,
        pid: process.pid,
        host: (0,lease_src/* thisHost */.vk)(),
        started_utc: new Date().toISOString(),
    };
    const file = (0,external_node_path_.join)(dir, `${Date.now()}-${process.pid}-${(0,external_node_crypto_.randomBytes)(3).toString("hex")}-${name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60)}.running.json`);
    (0,external_node_fs_.writeFileSync)(file, JSON.stringify(marker) + "\n");
    return new JobStep(job, name, file, o);
}
/**
 * Steps that started and never recorded how they ended (their markers are still there): append
 * a `step` entry for each and remove the marker. The job-completed hook calls this.
 */
function step_closeDanglingSteps(job) {
    const dir = join(job.jobDir, STEPS_DIR);
    let names;
    try {
        names = readdirSync(dir)
            .filter((n) => n.endsWith(".running.json"))
            .sort();
    }
    catch {
        return [];
    }
    const cancel = cancelState(job.jobDir);
    const closed = [];
    for (const n of names) {
        const path = join(dir, n);
        let m = {};
        try {
            m = JSON.parse(readFileSync(path, "utf8"));
        }
        catch {
            // a marker torn by the kill: the file name still names the step
        }
        const step = m.step ?? n.replace(/^\d+-\d+-[0-9a-f]+-/, "").replace(/\.running\.json$/, "");
        const alive = m.pid !== undefined && m.host === thisHost() && pidAlive(m.pid);
        const what = alive
            ? `was still running (pid ${m.pid}) when the job ended`
            : `ended without recording a result (killed${m.pid ? `, pid ${m.pid}` : ""}: SIGKILL, out of memory, or the runner stopped)`;
        job.journal.append({
            type: "step",
            step,
            status: cancel ? cancel.status : "failed",
            exit_code: cancel ? cancel.exitCode : EXIT_CODES.failed,
            summary: cancel ? `${what}; ${cancel.reason}` : what,
            ...(m.started_utc ? { started_utc: m.started_utc } : {}),
            ...(cancel
                ? {}
                : {
                    next_action: "Re-run the job; if the step is killed again, look at the runner host's memory and logs (journalctl, dmesg).",
                }),
        });
        try {
            unlinkSync(path);
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
    const { file, inventory } = (0,inventory_src/* loadInventory */.pl)(o.inventory, env);
    try {
        return { inventory, inventoryFile: file, slot: (0,inventory_src/* selectSlot */.TD)(inventory, file, o.slot, env) };
    }
    catch (e) {
        const who = (0,lease_src/* callerIdentity */.IX)(env);
        const held = o.slot
            ? undefined
            : inventory.slots.find((s) => {
                const h = (0,lease_src/* leaseStatus */.pt)(inventory, s.id).holder;
                return h !== undefined && (0,lease_src/* holderIsCaller */.Ut)(h, who);
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
    return fork_assertForkAllowed({
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
    const job = (0,lease_src/* findCurrentJob */.G5)({ inventory: where.inventory, slot: where.slot.id, env });
    const opened_ = job ? await opened(o, { ...where, job }) : { ...where, fork: await step_forkGate(o) };
    const context = {
        inventory: where.inventory,
        inventoryFile: where.inventoryFile,
        slot: where.slot,
        job: job ?? null,
        ci: (0,ci_src/* ciContext */.U)(env),
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

;// CONCATENATED MODULE: ./packages/lifecycle/src/publish.ts

/**
 * Post `what` (the pending status, the report) to the job's forge, or say why not. The hooks
 * never fail a job over this: a missing token is a note, a refusal or an unreachable forge a
 * warning with what to do.
 */
async function publish_publishQuietly(forge, what, post, host) {
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
        host.warn(`${what} was not posted: ${describeError(e)}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/completed.ts













/** The step name the hooks journal under. */
const completed_STARTED_STEP = "job-started hook";
function describeRelease(slot, r) {
    switch (r.how) {
        case "keeper":
            return `Released ${slot}: the lease keeper let it go.`;
        case "forced":
            return `Released ${slot}: the lease keeper was gone, so its lease was removed by its token.`;
        case "other-holder":
            return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; ${r.holder ? describeHolder(r.holder) : "someone else"} holds it now and was not touched.`;
        case "already-ended":
            return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; nothing to release.`;
    }
}
/** The job's invocation.json when it is there and valid (finishJob says what is wrong with it). */
const validInvocation = (jobDir) => readInvocation(jobDir).invocation;
/** Release the job's lease, whatever state the keeper and lease.json are in. */
async function releaseJobSlot(inv, slot, jobDir, jobId) {
    if (readJobLease(jobDir))
        return releaseJobLease(inv, slot, { jobDir });
    // No lease.json (the started hook died right after the keeper claimed): find it by job id.
    const h = leaseStatus(inv, slot).holder;
    if (h && h.job_id === jobId && h.kind === "job") {
        return releaseJobLease(inv, slot, { token: h.token, jobDir });
    }
    const ended = readLeaseEnded(jobDir);
    return { released: false, how: "already-ended", ...(ended ? { ended } : {}) };
}
/**
 * End a job: record what its steps could not (a started hook that died half-way, steps killed
 * before they wrote their result), write its ws2.report.v1, release its bundle pins and its
 * lease, then publish. Each part runs whatever happened to the ones before; the lease is
 * released before publishing so the slot is free while the forge is slow. Idempotent: a job
 * already completed only has its lease checked.
 */
async function completed_completeJobDir(o) {
    const { host, jobDir, inventory: inv } = o;
    const { finishJob, identityFromCi, publishReport, reportMarkdown, writeReport } = await loadReport();
    const state = readHookState(jobDir);
    const journal = new Journal(join(jobDir, JOB_FILES.journal));
    const invocation = validInvocation(jobDir);
    const jobId = state?.job_id ?? invocation?.job_id ?? ciContext(o.env).jobId;
    const slot = state?.slot ?? invocation?.slot ?? readJobLease(jobDir)?.slot ?? o.slot;
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
        const text = `${what}: ${describeError(e)}`;
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
            step: completed_STARTED_STEP,
            status: "failed",
            exit_code: EXIT_CODES.failed,
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
        const fromEnv = identityFromCi(ciContext(o.env), slot);
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
    if (report && o.by === "completed-hook" && workdir && existsSync(workdir)) {
        const copy = join(workdir, "hil-out", report.slot ?? report.lock_key, "ws2-report.json");
        try {
            writeReport(report, copy, host);
        }
        catch (e) {
            host.warn(`Could not copy the report to ${copy}: ${describeError(e)}`);
        }
    }
    try {
        const { BundleCache } = await loadBundle();
        const n = await new BundleCache({ dir: inv.cache_dir }).releaseHolder(jobId);
        if (n)
            host.info(`Released ${n} bundle pin(s) of ${jobId} in ${inv.cache_dir}.`);
    }
    catch (e) {
        host.warn(`Could not release the bundle pins of ${jobId}: ${describeError(e)} (they expire by themselves).`);
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
async function completed_jobCompleted(o) {
    const env = o.env ?? process.env;
    const host = o.host;
    const { file, inventory } = loadInventory(o.inventoryFile, env);
    const ci = ciContext(env);
    const jobDir = env.HIL_JOB_DIR || jobDirFor(inventory, ci.jobId);
    const jobStatus = o.jobStatus ?? ciJobStatus(ci);
    let slot;
    try {
        slot = selectSlot(inventory, file, undefined, env).id;
    }
    catch {
        // the job dir names it
    }
    if (!existsSync(jobDir)) {
        const result = {
            jobId: ci.jobId,
            outcome: "not-started",
            outcomes: [],
            problems: [],
            leaseStuck: false,
            ...(slot ? { slot } : {}),
        };
        // The job dir is gone but the slot may still be ours (removed by hand): release by job id.
        const h = slot ? leaseStatus(inventory, slot).holder : undefined;
        if (slot && h && h.kind === "job" && h.job_id === ci.jobId) {
            result.lease = await releaseJobLease(inventory, slot, { token: h.token });
            host.info(describeRelease(slot, result.lease));
        }
        host.info(`Nothing to complete for job ${ci.jobId}: the job-started hook did not start it (no ${jobDir}).` +
            (slot
                ? ` Slot ${slot} is ${leaseStatus(inventory, slot).holder ? "held by another job" : "free"}.`
                : ""));
        return result;
    }
    const forge = (await loadReport()).forgeFromCi(ci);
    const res = await completed_completeJobDir({
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
        host.debug(`pruning old job dirs: ${describeError(e)}`);
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
    const root = join(site.state_dir, "jobs");
    const cutoff = Date.now() - days * 86_400_000;
    let removed = 0;
    let names;
    try {
        names = readdirSync(root);
    }
    catch {
        return 0;
    }
    for (const name of names) {
        const dir = join(root, name);
        if (dir === keep)
            continue;
        try {
            if (statSync(join(dir, HOOK_FILES.completed)).mtimeMs < cutoff) {
                rmSync(dir, { recursive: true, force: true });
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
    if (!p || p.job_id === ci.jobId || !existsSync(p.job_dir) || readCompleted(p.job_dir)) {
        return undefined;
    }
    const status = leaseStatus(inv, slot);
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
    const ci = ciContext(env);
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
async function started_jobStarted(o) {
    const env = o.env ?? process.env;
    const host = o.host;
    const t0 = o.startedAt ?? performance.timeOrigin;
    const since = () => Math.round(Date.now() - t0);
    const loaded = since();
    const settings = hookSettings(env);
    const { file, inventory } = loadInventory(o.inventoryFile, env);
    const slot = selectSlot(inventory, file, undefined, env);
    const ci = ciContext(env);
    host.info(`hil: job ${ci.jobId} on slot ${slot.id} (${slot.label}, ${slot.chip}), runner ${ci.runner} on ${ci.host}.`);
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
        const watchPid = o.watchPid ?? (ci.forge === "github" ? findAncestorPid(/^Runner\.Worker$/) : undefined);
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
            onWait: (s) => host.info(`Waiting up to ${settings.leaseWaitSec} s for slot ${slot.id}: held by ${s.holder ? describeHolder(s.holder) : "someone"}.`),
        });
        const leaseHeldMs = since();
        host.info(`Holding ${slot.id} for ${ci.jobId} until ${lease.record.deadline} (timeout ${settings.timeoutSec} s, lease keeper pid ${lease.keeperPid}); ${leaseHeldMs} ms after the hook started.`);
        if (lease.tookOver) {
            host.warn(`Took ${slot.id} over from ${lease.tookOver.holder ? describeHolder(lease.tookOver.holder) : "a dead holder"}, whose lease had gone stale.`);
        }
        const inv = parseWith(invocationSchema, {
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
        }, join(jobDir, JOB_FILES.invocation));
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
            summary: describeError(e).split("\n")[0],
            ...(hint ? { next_action: hint } : {}),
        });
        try {
            await releaseJobLease(inventory, slot.id, { jobDir });
        }
        catch (r) {
            host.error(`Could not release ${slot.id} after the failure: ${describeError(r)}`);
        }
        await loadBundle()
            .then(({ BundleCache }) => new BundleCache({ dir: inventory.cache_dir }).releaseHolder(ci.jobId))
            .catch(() => 0);
        writeHookState(jobDir, { ...state, phase: "start-failed", error: describeError(e) });
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
        const githubEnv = ciContext(env).files.env;
        if (githubEnv) {
            appendFileSync(githubEnv, entries.map(([k, v]) => `${k}=${v}\n`).join(""));
        }
        if (env.HIL_HOOK_ENV_FILE) {
            const q = (v) => `'${v.replace(/'/g, `'\\''`)}'`;
            appendFileSync(env.HIL_HOOK_ENV_FILE, entries.map(([k, v]) => `export ${k}=${q(v)}\n`).join(""));
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
    const ci = ciContext(env);
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
        host.error(host.redact(describeError(e)));
        if (!(e instanceof HilError) && e instanceof Error && e.stack)
            host.debug(e.stack);
        return 1;
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/index.ts
// @hil/lifecycle: a hardware job from start to end. The runner hooks (GitHub's job started /
// completed, GitLab's pre_build_script / after_script), `hil hook`, `hil step`, `hil cancel`
// and the hardware actions are thin doors onto it. See docs/runner-setup.md.











/***/ }),

/***/ 65407:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

var map = {
	"./BurstyRateLimiter": [
		85860
	],
	"./BurstyRateLimiter.js": [
		85860
	],
	"./ExpressBruteFlexible": [
		83966,
		966
	],
	"./ExpressBruteFlexible.js": [
		83966,
		966
	],
	"./RLWrapperBlackAndWhite": [
		87383
	],
	"./RLWrapperBlackAndWhite.js": [
		87383
	],
	"./RLWrapperTimeouts": [
		24016
	],
	"./RLWrapperTimeouts.js": [
		24016
	],
	"./RateLimiterAbstract": [
		88569
	],
	"./RateLimiterAbstract.js": [
		88569
	],
	"./RateLimiterCluster": [
		10565
	],
	"./RateLimiterCluster.js": [
		10565
	],
	"./RateLimiterDrizzle": [
		50673
	],
	"./RateLimiterDrizzle.js": [
		50673
	],
	"./RateLimiterDrizzleNonAtomic": [
		75347
	],
	"./RateLimiterDrizzleNonAtomic.js": [
		75347
	],
	"./RateLimiterDynamo": [
		82309
	],
	"./RateLimiterDynamo.js": [
		82309
	],
	"./RateLimiterEtcd": [
		36481
	],
	"./RateLimiterEtcd.js": [
		36481
	],
	"./RateLimiterEtcdNonAtomic": [
		15299
	],
	"./RateLimiterEtcdNonAtomic.js": [
		15299
	],
	"./RateLimiterInsuredAbstract": [
		33847
	],
	"./RateLimiterInsuredAbstract.js": [
		33847
	],
	"./RateLimiterMemcache": [
		73250
	],
	"./RateLimiterMemcache.js": [
		73250
	],
	"./RateLimiterMemory": [
		24544
	],
	"./RateLimiterMemory.js": [
		24544
	],
	"./RateLimiterMongo": [
		28439
	],
	"./RateLimiterMongo.js": [
		28439
	],
	"./RateLimiterMySQL": [
		67793
	],
	"./RateLimiterMySQL.js": [
		67793
	],
	"./RateLimiterPostgres": [
		3740
	],
	"./RateLimiterPostgres.js": [
		3740
	],
	"./RateLimiterPrisma": [
		16323
	],
	"./RateLimiterPrisma.js": [
		16323
	],
	"./RateLimiterQueue": [
		52860
	],
	"./RateLimiterQueue.js": [
		52860
	],
	"./RateLimiterRedis": [
		54336
	],
	"./RateLimiterRedis.js": [
		54336
	],
	"./RateLimiterRes": [
		80449
	],
	"./RateLimiterRes.js": [
		80449
	],
	"./RateLimiterSQLite": [
		73283
	],
	"./RateLimiterSQLite.js": [
		73283
	],
	"./RateLimiterStoreAbstract": [
		65140
	],
	"./RateLimiterStoreAbstract.js": [
		65140
	],
	"./RateLimiterUnion": [
		10244
	],
	"./RateLimiterUnion.js": [
		10244
	],
	"./RateLimiterValkey": [
		32193
	],
	"./RateLimiterValkey.js": [
		32193
	],
	"./RateLimiterValkeyGlide": [
		53756
	],
	"./RateLimiterValkeyGlide.js": [
		53756
	],
	"./component/BlockedKeys": [
		38830
	],
	"./component/BlockedKeys/": [
		38830
	],
	"./component/BlockedKeys/BlockedKeys": [
		62821
	],
	"./component/BlockedKeys/BlockedKeys.js": [
		62821
	],
	"./component/BlockedKeys/index": [
		38830
	],
	"./component/BlockedKeys/index.js": [
		38830
	],
	"./component/MemoryStorage": [
		28178,
		178
	],
	"./component/MemoryStorage/": [
		28178,
		178
	],
	"./component/MemoryStorage/MemoryStorage": [
		81534
	],
	"./component/MemoryStorage/MemoryStorage.js": [
		81534
	],
	"./component/MemoryStorage/Record": [
		60749
	],
	"./component/MemoryStorage/Record.js": [
		60749
	],
	"./component/MemoryStorage/index": [
		28178,
		178
	],
	"./component/MemoryStorage/index.js": [
		28178,
		178
	],
	"./component/RateLimiterEtcdTransactionFailedError": [
		43184
	],
	"./component/RateLimiterEtcdTransactionFailedError.js": [
		43184
	],
	"./component/RateLimiterQueueError": [
		27948
	],
	"./component/RateLimiterQueueError.js": [
		27948
	],
	"./component/RateLimiterSetupError": [
		72922
	],
	"./component/RateLimiterSetupError.js": [
		72922
	],
	"./constants": [
		13880,
		880
	],
	"./constants.js": [
		13880,
		880
	]
};
function webpackAsyncContext(req) {
	if(!__webpack_require__.o(map, req)) {
		return Promise.resolve().then(() => {
			var e = new Error("Cannot find module '" + req + "'");
			e.code = 'MODULE_NOT_FOUND';
			throw e;
		});
	}

	var ids = map[req], id = ids[0];
	return Promise.all(ids.slice(1).map(__webpack_require__.e)).then(() => {
		return __webpack_require__.t(id, 7 | 16);
	});
}
webpackAsyncContext.keys = () => (Object.keys(map));
webpackAsyncContext.id = 65407;
module.exports = webpackAsyncContext;

/***/ })

};
