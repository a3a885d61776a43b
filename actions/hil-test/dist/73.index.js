export const id = 73;
export const ids = [73];
export const modules = {

/***/ 10457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QL: () => (/* binding */ inputs),
/* harmony export */   hr: () => (/* binding */ ACTION)
/* harmony export */ });
/* unused harmony export OUTPUTS */
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10104);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);


const ACTION = "hil-test";
const inputs = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    slot: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    inventory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    timeout: _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .secondsInput */ .oA.pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive().max(14400)).default(300),
    "inactivity-timeout": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .secondsInput */ .oA.pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive()).default(60),
    expect: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    fail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    unity: _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(true),
    "unity-menu": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "power-cycle": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(false),
    "out-dir": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "source-root": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "show-console": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(true),
    "slot-wait": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .secondsInput */ .oA.pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().max(14400)).default(60),
});
const OUTPUTS = (/* unused pure expression or super */ null && ([
    "status",
    "tests",
    "passed",
    "failed",
    "ignored",
    "junit",
    "console-log",
    "failure-kind",
]));


/***/ }),

/***/ 96073:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10104);
/* harmony import */ var _hil_hil_test__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77069);
/* harmony import */ var _hil_lifecycle__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(47248);
/* harmony import */ var _hil_power__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(68814);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(10457);





await (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(async (host) => {
    const i = (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .readInputs */ .Ko)(_inputs__WEBPACK_IMPORTED_MODULE_4__/* .inputs */ .QL, _inputs__WEBPACK_IMPORTED_MODULE_4__/* .ACTION */ .hr, []);
    const env = process.env;
    // The fork gate and the job's cancellation flag, before the board is touched.
    const where = {
        ...(i.slot ? { slot: i.slot } : {}),
        ...(i.inventory ? { inventory: i.inventory } : {}),
    };
    try {
        await (0,_hil_lifecycle__WEBPACK_IMPORTED_MODULE_2__/* .withHardwareStep */ .Jx)({ name: _inputs__WEBPACK_IMPORTED_MODULE_4__/* .ACTION */ .hr, host, env, ...where }, async ({ inventory, slot, context }) => {
            // A slot with `power:` can be power-cycled: for `power-cycle: true`, and once for a silent board.
            const power = (0,_hil_power__WEBPACK_IMPORTED_MODULE_3__/* .powerCycler */ .IK)({ inventory, slot, step: _inputs__WEBPACK_IMPORTED_MODULE_4__/* .ACTION */ .hr, host, env });
            const interrupt = (0,_hil_hil_test__WEBPACK_IMPORTED_MODULE_1__/* .interruptSignal */ .CW)();
            try {
                const run = await (0,_hil_hil_test__WEBPACK_IMPORTED_MODULE_1__/* .runHilTest */ .hD)({
                    inventory,
                    slot,
                    job: context.job,
                    host,
                    env,
                    timeoutSec: i.timeout,
                    inactivitySec: i["inactivity-timeout"],
                    unity: i.unity,
                    powerCycle: i["power-cycle"],
                    echo: i["show-console"],
                    waitSec: i["slot-wait"],
                    workspace: context.ci.workspace ?? process.cwd(),
                    signal: interrupt.signal,
                    ...(i.expect ? { expect: i.expect } : {}),
                    ...(i.fail ? { fail: i.fail } : {}),
                    ...(i["unity-menu"] ? { unityMenu: i["unity-menu"] } : {}),
                    ...(i["out-dir"] ? { outDir: i["out-dir"] } : {}),
                    ...(i["source-root"] ? { sourceRoots: [i["source-root"]] } : {}),
                    ...(power ? { power } : {}),
                });
                process.exitCode = run.exitCode;
            }
            finally {
                interrupt.dispose();
            }
        });
    }
    catch (e) {
        // A cancelled job refuses the step before the board is touched: say so in the outputs too.
        if (e instanceof _hil_lifecycle__WEBPACK_IMPORTED_MODULE_2__/* .JobCancelledError */ .D0) {
            host.setOutput("status", e.status);
            for (const n of ["tests", "passed", "failed", "ignored"])
                host.setOutput(n, 0);
            await host.writeSummary(`### ⏹️ ${_inputs__WEBPACK_IMPORTED_MODULE_4__/* .ACTION */ .hr}: not started: ${e.message}\n`);
        }
        throw e;
    }
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 10104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tE: () => (/* reexport */ booleanInput),
  Ko: () => (/* reexport */ readInputs),
  Cs: () => (/* reexport */ runAction),
  oA: () => (/* reexport */ secondsInput)
});

// UNUSED EXPORTS: GitHubHost, intInput

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var src = __webpack_require__(11287);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
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
  Uc: () => (/* reexport */ describeError),
  pf: () => (/* reexport */ inventory),
  He: () => (/* reexport */ invocation),
  Ur: () => (/* reexport */ journalEntry),
  Ku: () => (/* reexport */ parseWith),
  nz: () => (/* reexport */ powerCycleResult),
  $A: () => (/* reexport */ utcTimestamp)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, FLASH_SECTOR, INVOCATION_SCHEMA_VERSION, MANIFEST_SCHEMA_VERSION, MAX_TIMEOUT_SEC, PUBLISHED_SCHEMAS, REPORT_SCHEMA_VERSION, ValidationError, boardIdentity, chip, commitSha, contractCommitSha, failureKind, flashSize, flashSizeBytes, formatPath, jsonSchemaText, lane, macAddress, manifest, manifestImage, namedCommit, powerConfig, powerCycleOutcome, problemsOf, recoveryAction, recoveryEvent, report, reportStatus, resetStrategy, role, safeRelativePath, sha256Hex, slot, testCounts, testFailure

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

/***/ 77069:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CW: () => (/* reexport */ interruptSignal),
  hD: () => (/* reexport */ runHilTest)
});

// UNUSED EXPORTS: BoardConsole, STEP, benchBoardSession, runBoardSession, sourcePaths

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var src = __webpack_require__(11287);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var contracts_src = __webpack_require__(36115);
;// CONCATENATED MODULE: ./packages/judge/src/esp.ts
/**
 * What an ESP32 prints that the judge has to recognise: the ROM's boot banner with its reset
 * reason, the second-stage bootloader, the app starting, and the panic handler's crash
 * signatures. Pure functions over one console line (ANSI colours already stripped).
 */
const BOOT_RE = /rst:0x([0-9a-fA-F]+) \(([A-Z0-9_]+)\)/;
/**
 * The ROM's reset line, printed once per boot by every ESP32 family chip:
 * `rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)` (ESP32) or
 * `rst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)` (S3, C3, …).
 */
function parseBootLine(line) {
    if (!line.includes("rst:0x"))
        return undefined;
    const m = BOOT_RE.exec(line);
    if (!m)
        return undefined;
    const reason = m[2];
    return { code: parseInt(m[1], 16), reason, resetClass: classifyReset(reason) };
}
/** Sort a reset reason into what it means for a test run. */
function classifyReset(reason) {
    if (reason.includes("BROWN"))
        return "brownout";
    if (reason.includes("WDT"))
        return "watchdog";
    if (reason.includes("DEEPSLEEP") || reason.includes("DSLEEP"))
        return "deepsleep";
    if (reason.includes("SW"))
        return "software";
    if (reason.includes("POWERON") || reason.includes("GLITCH"))
        return "power";
    // EXT_CPU_RESET, USB_UART_CHIP_RESET, USB_JTAG_CHIP_RESET: the host pulled a reset line.
    if (reason.includes("EXT") || reason.includes("USB"))
        return "external";
    return "other";
}
/** Lines the ROM prints between the reset and the bootloader. */
const ROM_LINE = /^(ets [A-Z][a-z]{2} |ESP-ROM:|Build:|rst:0x|configsip:|clk_drv:|mode:|load:0x|ho \d|entry 0x|SPIWP:|invalid header|flash read err|waiting for download|Saved PC:)/;
/** Log tags of the second-stage bootloader (`I (31) boot: ESP-IDF v5.1 2nd stage bootloader`). */
const BOOTLOADER_LOG = /^[IWEDV] \(\d+\) (boot(\.[a-z0-9]+)?|esp_image|bootloader_[a-z_]+|qio_mode|flash_encrypt|secure_boot[a-z_]*|efuse|boot_comm):/;
/** Is this line from the ROM or the second-stage bootloader (not yet the app)? */
function isBootChatter(line) {
    return line === "" || ROM_LINE.test(line) || BOOTLOADER_LOG.test(line);
}
const GURU_RE = /Guru Meditation Error: Core\s+\d+ panic'ed \(([^)]*)\)/;
const ASSERT_IDF_RE = /assert failed: (\S+) (\S+?):(\d+) \((.*)\)\s*$/;
const ASSERT_NEWLIB_RE = /assertion "(.*)" failed: file "([^"]+)", line (\d+)/;
/** Cheap first check: a line without any of these words cannot carry a signature. */
const MAYBE_CRASH = /Guru Meditation|abort\(\) was called|assert|\*\*\*ERROR\*\*\*|Stack smashing|CORRUPT HEAP|Task watchdog got triggered|Brownout detector|Backtrace:/;
/** Does this line start a crash block? */
function crashSignature(line) {
    if (!MAYBE_CRASH.test(line))
        return undefined;
    let m = GURU_RE.exec(line);
    if (m) {
        const reason = m[1];
        return { kind: /wdt/i.test(reason) ? "interrupt_wdt" : "panic", reason };
    }
    if (line.includes("abort() was called"))
        return { kind: "abort", reason: "abort()" };
    if ((m = ASSERT_IDF_RE.exec(line))) {
        return { kind: "assert", reason: m[4], file: m[2], line: Number(m[3]) };
    }
    if ((m = ASSERT_NEWLIB_RE.exec(line))) {
        return { kind: "assert", reason: m[1], file: m[2], line: Number(m[3]) };
    }
    if (line.includes("***ERROR*** A stack overflow")) {
        return { kind: "stack_overflow", reason: line.replace(/^.*\*\*\*ERROR\*\*\* /, "") };
    }
    if (line.includes("Stack smashing protect failure"))
        return { kind: "stack_smashing" };
    if (line.includes("CORRUPT HEAP"))
        return { kind: "heap_corruption" };
    if (line.includes("Task watchdog got triggered"))
        return { kind: "task_wdt" };
    if (line.includes("Brownout detector was triggered"))
        return { kind: "brownout" };
    // A backtrace with no crash line before it: the first line was lost, or the app printed one.
    if (backtraceOf(line))
        return { kind: "backtrace" };
    return undefined;
}
/** The panic handler's `Backtrace: 0x400d2c4b:0x3ffb26f0 0x…` line (addresses only). */
function backtraceOf(line) {
    const i = line.indexOf("Backtrace:");
    if (i < 0)
        return undefined;
    const rest = line.slice(i + "Backtrace:".length).trim();
    return rest || undefined;
}
/** The panic handler is done and the chip restarts (or halts). */
function endsCrashBlock(line) {
    return line.startsWith("Rebooting...") || line.startsWith("CPU halted.");
}
/** What kind of crash an unplanned reset is, by its reset reason. */
function crashKindOfReset(reset) {
    switch (reset.resetClass) {
        case "watchdog":
            return "watchdog_reset";
        case "brownout":
            return "brownout";
        case "power":
        case "external":
            return "external_reset";
        default:
            return "reset";
    }
}
/**
 * Crashes caused by the lab rather than the firmware: a brown-out (the supply sags: USB port,
 * cable, relay) or a reset from outside while the app ran (power cut, someone else's reset).
 */
function isInfrastructureCrash(kind) {
    return kind === "brownout" || kind === "external_reset";
}
/** One-line description of a crash kind, for summaries. */
const CRASH_TITLES = {
    panic: "panic (Guru Meditation Error)",
    abort: "abort() called",
    assert: "assert failed",
    stack_overflow: "stack overflow",
    stack_smashing: "stack smashing detected",
    heap_corruption: "heap corruption",
    task_wdt: "task watchdog triggered",
    interrupt_wdt: "interrupt watchdog timeout",
    brownout: "brown-out: the supply voltage dropped",
    watchdog_reset: "watchdog reset",
    reset: "unexpected reset",
    external_reset: "reset from outside (power or EN line) while the app ran",
    backtrace: "backtrace printed",
};

;// CONCATENATED MODULE: ./packages/judge/src/lines.ts
/**
 * Bytes from a serial console to lines, streaming: each chunk is scanned once for newlines
 * (no rescans of what came before), UTF-8 sequences split across chunks are decoded whole,
 * and a line that never ends is cut at `maxLine` characters so memory stays bounded.
 */
class LineSplitter {
    maxLine;
    emit;
    decoder = new TextDecoder("utf-8");
    partial = "";
    partialAt = 0;
    /** Characters decoded, and how many of them were not valid UTF-8 (U+FFFD): a wrong baud rate shows. */
    chars = 0;
    badChars = 0;
    constructor(maxLine, 
    /** Called with each complete line (cleaned) and the time its first byte arrived. */
    emit) {
        this.maxLine = maxLine;
        this.emit = emit;
    }
    push(chunk, at) {
        const s = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
        this.chars += s.length;
        if (s.includes("\ufffd"))
            this.badChars += s.split("\ufffd").length - 1;
        let pos = 0;
        for (let nl = s.indexOf("\n"); nl >= 0; nl = s.indexOf("\n", pos)) {
            // Drop the CR of a CRLF here, so the common line costs a single slice.
            const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
            if (this.partial) {
                const text = this.partial + s.slice(pos, end);
                this.partial = "";
                this.emit(cleanLine(text), this.partialAt);
            }
            else {
                this.emit(cleanLine(s.slice(pos, end)), at);
            }
            pos = nl + 1;
        }
        if (pos < s.length) {
            if (!this.partial)
                this.partialAt = at;
            this.partial += pos === 0 ? s : s.slice(pos);
            while (this.partial.length > this.maxLine) {
                this.emit(cleanLine(this.partial.slice(0, this.maxLine)), this.partialAt);
                this.partial = this.partial.slice(this.maxLine);
                this.partialAt = at;
            }
        }
    }
    /** The unfinished last line, if any (e.g. a prompt without a newline). */
    get pending() {
        return this.partial;
    }
    /** Emit the unfinished last line, if any. */
    flush() {
        const rest = this.partial + this.decoder.decode();
        this.partial = "";
        if (rest)
            this.emit(cleanLine(rest), this.partialAt);
    }
}
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
// eslint-disable-next-line no-control-regex
const LEADING_JUNK = /^[\u0000-\u0008\u000b-\u001f\u00ff\ufffd]+/;
/**
 * A console line as the judge reads it: no trailing CR, no ANSI colour codes (ESP-IDF logs
 * are coloured), no reset glitch bytes in front (a reset often leaves `\xff\x00` before the
 * ROM's `ets Jun  8 2016`).
 */
function cleanLine(raw) {
    let text = raw;
    if (text.endsWith("\r"))
        text = text.slice(0, -1);
    if (text.includes("\u001b"))
        text = text.replace(ANSI, "");
    const c = text.charCodeAt(0);
    if (c < 0x20 || c === 0xff || c === 0xfffd)
        text = text.replace(LEADING_JUNK, "");
    return text;
}

;// CONCATENATED MODULE: ./packages/judge/src/patterns.ts

const REGEX_LITERAL = /^\/(.*)\/([a-z]*)$/s;
const ALLOWED_FLAGS = new Set(["i", "m", "s", "u", "v"]);
/**
 * One pattern as the action input gives it: `/regex/flags` is a regular expression (flags
 * from `imsuv`; `g` and `y` make no sense on single lines and are refused), anything else is
 * plain text matched as a substring. Surrounding whitespace is ignored.
 */
function parsePattern(raw, input = "pattern") {
    const source = raw.trim();
    if (!source)
        throw new contracts_src/* ConfigurationError */.j1(`An empty ${input} was given.`);
    const m = REGEX_LITERAL.exec(source);
    if (!m || m[1] === "") {
        return { source, test: (line) => line.includes(source) };
    }
    const [, body, flags] = m;
    const bad = [...flags].filter((f) => !ALLOWED_FLAGS.has(f));
    if (bad.length) {
        throw new contracts_src/* ConfigurationError */.j1(`The ${input} ${source} has flag${bad.length > 1 ? "s" : ""} ${bad.join("")} that a line match cannot use.`, { hint: "Use only the flags i, m, s, u or v (each line is matched on its own)." });
    }
    let re;
    try {
        re = new RegExp(body, flags);
    }
    catch (e) {
        throw new contracts_src/* ConfigurationError */.j1(`The ${input} ${source} is not a valid regular expression: ${e.message}.`, {
            hint: "Fix the expression, or drop the surrounding slashes to match the text literally.",
        });
    }
    return { source, test: (line) => re.test(line) };
}
/**
 * Patterns one per line, as a multi-line action input gives them (blank lines are skipped;
 * a `#` is ordinary text, as ESP-IDF banners start with it), or already a list.
 */
function parsePatterns(spec, input = "pattern") {
    if (spec === undefined)
        return [];
    const lines = typeof spec === "string" ? spec.split(/\r?\n/) : spec;
    return lines
        .map((l) => l.trim())
        .filter((l) => l !== "")
        .map((l) => parsePattern(l, input));
}

;// CONCATENATED MODULE: ./packages/judge/src/unity.ts
/**
 * Unity's console output as ESP-IDF's unity component prints it. Pure parsers of one line.
 *
 *   Running gpio output test...
 *   /builds/fw/main/test_gpio.c:42:gpio output test:PASS
 *   /builds/fw/main/test_pwm.c:88:pwm duty:FAIL: Expected 50 Was 49
 *   /builds/fw/main/test_adc.c:17:adc cal:IGNORE: needs eFuse
 *
 *   -----------------------
 *   3 Tests 1 Failures 1 Ignored
 *   FAIL
 *
 * and the interactive menu (`unity_run_menu()`):
 *
 *   Press ENTER to see the list of tests.
 *   Here's the test menu, pick your combo:
 *   (1)	"gpio output test" [gpio]
 *   (2)	"deep sleep wake" [deepsleep][reset=DEEPSLEEP_RESET]
 *   	(1)	"enter sleep"
 *   	(2)	"check wake cause"
 *
 *   Enter test for running.
 *   …
 *   Enter next test, or 'enter' to see menu
 */
const EXEC_TIME = / \((\d+) ms\)$/;
// Greedy name for PASS so a test name may contain colons; lazy for FAIL/IGNORE, whose
// message (which may contain colons too) follows the first status word.
const PASS_RE = /^(.+?):(\d+):(.+):PASS$/;
const OTHER_RE = /^(.+?):(\d+):(.+?):(FAIL|IGNORE)(?::(.*))?$/;
/** `file:line:name:PASS|FAIL[:msg]|IGNORE[:msg]`, or undefined for any other line. */
function parseUnityResult(text) {
    // Cheap gate first: almost every console line fails it.
    if (!(text.includes(":PASS") || text.includes(":FAIL") || text.includes(":IGNORE"))) {
        return undefined;
    }
    let line = text;
    let execMs;
    const t = EXEC_TIME.exec(line);
    if (t) {
        execMs = Number(t[1]);
        line = line.slice(0, t.index);
    }
    let m = PASS_RE.exec(line);
    if (m) {
        const r = { file: m[1], line: Number(m[2]), name: m[3], status: "passed" };
        if (execMs !== undefined)
            r.execMs = execMs;
        return r;
    }
    m = OTHER_RE.exec(line);
    if (!m)
        return undefined;
    const r = {
        file: m[1],
        line: Number(m[2]),
        name: m[3],
        status: m[4] === "FAIL" ? "failed" : "ignored",
    };
    const msg = m[5]?.trim();
    if (msg)
        r.message = msg;
    if (execMs !== undefined)
        r.execMs = execMs;
    return r;
}
/** `Running <name>...`: ESP-IDF's runner announces each test before it starts. */
function parseRunning(text) {
    if (!text.startsWith("Running ") || !text.endsWith("..."))
        return undefined;
    // `Running tests matching '[gpio]'...` announces a tag run, not a test.
    if (text.startsWith("Running tests ") && text.includes("matching '"))
        return undefined;
    return text.slice("Running ".length, -3);
}
const SUMMARY_RE = /^(\d+) Tests (\d+) Failures (\d+) Ignored\s*$/;
/** `13 Tests 1 Failures 0 Ignored` (Unity prints a trailing space). */
function parseSummary(text) {
    if (!text.includes(" Tests "))
        return undefined;
    const m = SUMMARY_RE.exec(text);
    return m ? { tests: Number(m[1]), failures: Number(m[2]), ignored: Number(m[3]) } : undefined;
}
const SEPARATOR = "-----------------------";
/** The menu's prompts: the driver answers them (see UnityMenu in judge.ts). */
function parseMenuPrompt(text) {
    if (text === "Press ENTER to see the list of tests.")
        return "press-enter";
    if (text === "Enter test for running.")
        return "enter-test";
    if (text.startsWith("Enter next test, or 'enter' to see menu"))
        return "enter-next";
    return undefined;
}
const MENU_HEADER = "Here's the test menu, pick your combo:";
// The runner prints `(N)<TAB>"name" desc`; desc (the tags) may itself hold quotes.
const MENU_ENTRY_RE = /^\((\d+)\)\t"(.*?)"(?: (.*))?$/;
const MENU_STAGE_RE = /^\t\((\d+)\)\t"(.*)"$/;
function parseMenuEntry(text) {
    const m = MENU_ENTRY_RE.exec(text);
    return m ? { index: Number(m[1]), name: m[2], desc: (m[3] ?? "").trim() } : undefined;
}
function parseMenuStage(text) {
    const m = MENU_STAGE_RE.exec(text);
    return m ? { index: Number(m[1]), name: m[2] } : undefined;
}
/**
 * The tokens of a test's `[reset=...]` tag: `[reset="abort,SW_CPU_RESET"]` →
 * `["abort", "SW_CPU_RESET"]`. The test expects these crashes/resets; they are not failures.
 */
function resetTokens(desc) {
    const m = /\[reset=("?)([^\]"]*)\1\]/.exec(desc);
    if (!m)
        return [];
    return m[2]
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
}

;// CONCATENATED MODULE: ./packages/judge/src/judge.ts




const DEFAULTS = {
    timeoutMs: 300_000,
    inactivityMs: 60_000,
    bootLoopBoots: 3,
    bootLoopWindowMs: 30_000,
    initialBootMs: 5_000,
    unitySettleMs: 3_000,
    crashGraceMs: 2_000,
    maxCrashLines: 80,
    maxLineLength: 16_384,
};
const LAST_LINES = 30;
/**
 * The streaming judge: feed it console bytes (or lines) with the time they arrived, and it
 * returns what happened (events) and, once it can tell, the verdict. No I/O and no timers:
 * time only moves through the timestamps given to `feed`/`tick`, so it judges a recorded
 * transcript exactly as it judges a live board.
 */
class judge_ConsoleJudge {
    o;
    startedAt;
    splitter;
    onLine;
    rel;
    expectPatterns;
    failPatterns;
    expectOutcomes;
    expectRemaining;
    expectsDoneAt;
    failMatches = [];
    menuSelection;
    events = [];
    finalResult;
    bytes = 0;
    lineNo = 0;
    lastByteAt;
    ring = new Array(LAST_LINES);
    ringNext = 0;
    warnings = [];
    // boots
    boots = [];
    loopWindow = [];
    appRunning = false;
    appEverRan = false;
    /** The app came up after a boot this run saw (so the driver's reset is done). */
    appAfterBoot = false;
    driverResets = 0;
    /** `ringNext` just after the last boot line: the lines since then are in the ring. */
    bootMark = 0;
    // crashes
    crash;
    expectedCrashes = [];
    lastCrashExpected = false;
    // unity
    tests = [];
    failedTests = 0;
    running;
    lastResultAt;
    unitySeen = false;
    /** The summary of the Unity run in progress (cleared when another run starts). */
    summary;
    /** The last summary printed, for the result. */
    lastSummary;
    leaksResetAllowed;
    // menu
    inListing = false;
    menu = new Map();
    lastEntry;
    selectionSent = false;
    queue = [];
    started = new Set();
    multi;
    constructor(options) {
        this.o = {
            timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
            inactivityMs: options.inactivityMs ?? DEFAULTS.inactivityMs,
            unity: options.unity ?? true,
            initialReset: options.initialReset ?? true,
            initialBootMs: options.initialBootMs ?? DEFAULTS.initialBootMs,
            unitySettleMs: options.unitySettleMs ?? DEFAULTS.unitySettleMs,
            bootLoopBoots: options.bootLoopBoots ?? DEFAULTS.bootLoopBoots,
            bootLoopWindowMs: options.bootLoopWindowMs ?? DEFAULTS.bootLoopWindowMs,
            crashGraceMs: options.crashGraceMs ?? DEFAULTS.crashGraceMs,
            maxCrashLines: options.maxCrashLines ?? DEFAULTS.maxCrashLines,
            maxLineLength: options.maxLineLength ?? DEFAULTS.maxLineLength,
        };
        this.startedAt = options.startedAt;
        this.lastByteAt = options.startedAt;
        if (options.onLine)
            this.onLine = options.onLine;
        this.rel = options.relativize ?? ((f) => f);
        if (options.unityMenu?.trim())
            this.menuSelection = options.unityMenu.trim();
        this.expectPatterns = parsePatterns(options.expect, "expect pattern");
        this.failPatterns = parsePatterns(options.fail, "fail pattern");
        this.expectOutcomes = this.expectPatterns.map((p) => ({ pattern: p.source, matched: false }));
        this.expectRemaining = this.expectOutcomes.length;
        this.splitter = new LineSplitter(this.o.maxLineLength, (text, at) => this.line(text, at));
    }
    /** The verdict, once there is one. */
    get result() {
        return this.finalResult;
    }
    get done() {
        return this.finalResult !== undefined;
    }
    /** Console bytes (or already decoded text) that arrived at `at`. */
    feed(chunk, at) {
        if (this.done) {
            this.splitter.push(chunk, at); // still logged
            return [];
        }
        this.checkTime(at);
        if (!this.done) {
            const size = typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
            if (size > 0) {
                this.bytes += size;
                this.lastByteAt = at;
            }
            this.splitter.push(chunk, at);
            // A crash block or a Unity summary may be waiting for more lines that never come.
            this.checkTime(at);
        }
        else {
            this.splitter.push(chunk, at);
        }
        return this.take();
    }
    /** One whole line from a line-oriented console (no newline). */
    feedLine(text, at) {
        return this.feed(text + "\n", at);
    }
    /** Let time pass without console output: time-outs and grace periods are checked against `at`. */
    tick(at) {
        if (!this.done)
            this.checkTime(at);
        return this.take();
    }
    /**
     * When `tick` next has something to decide (a time-out or grace period ends): the driver
     * can sleep until then instead of polling.
     */
    nextDeadline() {
        let t = Math.min(this.startedAt + this.o.timeoutMs, this.lastByteAt + this.o.inactivityMs);
        if (this.crash)
            t = Math.min(t, this.crash.at + this.o.crashGraceMs);
        if (this.summary && !this.summary.closed)
            t = Math.min(t, this.summary.at + this.o.crashGraceMs);
        if (this.settling())
            t = Math.min(t, this.expectsDoneAt + this.o.unitySettleMs);
        return t;
    }
    /** The driver is about to reset or power-cycle the board itself: the next boot is not a crash. */
    expectReset() {
        this.driverResets++;
    }
    /** The job's cancellation flag was raised. */
    cancel(at, why = "the job was cancelled") {
        if (!this.done) {
            this.finish(at, "cancelled", undefined, `cancelled: ${why}`, {
                hint: "Re-run the job when it should run again.",
            });
        }
        return this.take();
    }
    /** The console went away (port closed, USB device gone, RFC 2217 server down). */
    portLost(at, detail = "the console closed") {
        if (!this.done) {
            this.splitter.flush();
            if (!this.done) {
                this.finish(at, "failed", "infrastructure", `lost the console: ${detail}`, {
                    hint: "Check the slot's USB cable and hub (or the RFC 2217 server), and that the board " +
                        "keeps its /dev/serial/by-id name; re-run once the port is back.",
                });
            }
        }
        return this.take();
    }
    /** Any other lab trouble the driver ran into while reading (reset failed, power relay down). */
    infrastructureFailure(at, message, hint) {
        if (!this.done)
            this.finish(at, "failed", "infrastructure", message, hint ? { hint } : {});
        return this.take();
    }
    // ---------------------------------------------------------------------------------------
    take() {
        const e = this.events;
        this.events = [];
        return e;
    }
    emit(e) {
        this.events.push(e);
    }
    checkTime(at) {
        if (this.crash && at - this.crash.at >= this.o.crashGraceMs) {
            this.closeCrash(this.crash.at + this.o.crashGraceMs);
            if (this.done)
                return;
        }
        if (this.summary && !this.summary.closed && at - this.summary.at >= this.o.crashGraceMs) {
            this.summary.closed = true;
            this.checkComplete(this.summary.at + this.o.crashGraceMs);
            if (this.done)
                return;
        }
        if (this.settling() && at >= this.expectsDoneAt + this.o.unitySettleMs) {
            this.checkComplete(this.expectsDoneAt + this.o.unitySettleMs);
            if (this.done)
                return;
        }
        const overall = this.startedAt + this.o.timeoutMs;
        const quiet = this.lastByteAt + this.o.inactivityMs;
        if (at >= overall || at >= quiet) {
            if (overall <= quiet)
                this.timeUp(overall, "overall");
            else
                this.timeUp(quiet, "inactivity");
        }
    }
    line(text, at) {
        this.lineNo++;
        this.onLine?.({ n: this.lineNo, at, text });
        if (this.done)
            return;
        this.ring[this.ringNext++ % LAST_LINES] = text;
        if (this.crash) {
            if (at - this.crash.at >= this.o.crashGraceMs) {
                this.closeCrash(at);
                if (this.done)
                    return;
            }
            else if (!parseBootLine(text)) {
                this.crashLine(text, at);
                return;
            }
            else {
                this.closeCrash(at);
                if (this.done)
                    return;
            }
        }
        // An info/warning/debug log line (`I (1234) tag: ...`) carries no boot line, crash
        // signature or Unity output: most of a console is these, so they skip those parsers.
        const c0 = text.charCodeAt(0);
        const quietLog = text.charCodeAt(2) === 40 &&
            text.charCodeAt(1) === 32 &&
            (c0 === 73 || c0 === 87 || c0 === 68 || c0 === 86);
        const boot = quietLog ? undefined : parseBootLine(text);
        if (boot) {
            this.onBoot(boot, at);
            return;
        }
        const sig = quietLog ? undefined : crashSignature(text);
        if (sig) {
            const bt = backtraceOf(text);
            this.crash = {
                sig,
                headline: text,
                at,
                lines: [text],
                backtraces: bt ? [bt] : [],
                ...(this.running ? { test: this.running.name } : {}),
            };
            return;
        }
        if (!this.appRunning && !isBootChatter(text)) {
            this.appRunning = true;
            this.appEverRan = true;
            if (this.boots.length)
                this.appAfterBoot = true;
            this.loopWindow = [];
            this.emit({ type: "app-started", at });
        }
        if (this.o.unity) {
            if (quietLog) {
                if (this.summary && !this.summary.closed)
                    this.summary.closed = true;
            }
            else {
                this.unityLine(text, at);
            }
        }
        if (this.done)
            return;
        this.patterns(text, at);
        if (this.done)
            return;
        this.checkComplete(at);
    }
    // --- boots and crashes ------------------------------------------------------------------
    onBoot(boot, at) {
        // Who planned this boot: the driver (its reset as the run starts, or one it announced),
        // the running test (multi-stage, `[reset=...]`), or deep sleep. Planned boots by the
        // driver or a test do not count towards a boot loop; the initial one does.
        let by;
        // Boots right after the start, before the app came up from one of them, are the driver's
        // reset (opening a port can reset a DevKit once more before the driver's own reset does).
        const initial = this.o.initialReset && !this.appAfterBoot && at - this.startedAt <= this.o.initialBootMs;
        if (initial)
            by = "initial";
        else if (this.driverResets > 0) {
            this.driverResets--;
            by = "driver";
        }
        else if (this.testAllowsReset(boot))
            by = "test";
        else if (boot.resetClass === "deepsleep")
            by = "deepsleep";
        const expected = by !== undefined;
        const wasRunning = this.appRunning;
        this.appRunning = false;
        this.boots.push({ at, reason: boot.reason, resetClass: boot.resetClass, expected });
        this.emit({ type: "boot", at, reason: boot.reason, resetClass: boot.resetClass, expected });
        // The lines between the previous boot and this one (the boot line itself excluded).
        const since = Math.min(this.ringNext - 1 - this.bootMark, LAST_LINES - 1);
        const before = this.lastLines().slice(-1 - since, -1);
        this.bootMark = this.ringNext;
        this.inListing = false;
        this.lastCrashExpected = false;
        if (by === "test")
            return this.testResetAsExpected(boot, at);
        if (by === "driver" || by === "deepsleep") {
            this.running = undefined;
            return;
        }
        if (!expected && wasRunning) {
            // The app was up and the chip restarted with nothing printed first: an unplanned reset.
            const kind = crashKindOfReset(boot);
            this.crash = {
                sig: { kind, reason: boot.reason },
                headline: `rst:0x${boot.code.toString(16)} (${boot.reason})`,
                at,
                lines: before.slice(-10),
                backtraces: [],
                resetReason: boot.reason,
                ...(this.running ? { test: this.running.name } : {}),
            };
            this.closeCrash(at);
            return;
        }
        this.loopWindow.push(at);
        this.loopWindow = this.loopWindow.filter((t) => at - t < this.o.bootLoopWindowMs);
        if (this.loopWindow.length >= this.o.bootLoopBoots) {
            const errors = before.filter((l) => /^E \(\d+\)|invalid header|error|fail/i.test(l));
            const shown = (errors.length ? errors : before.filter((l) => l !== "")).slice(-8);
            const reasons = [
                ...new Set(this.boots.slice(-this.o.bootLoopBoots).map((b) => b.reason)),
            ].join(", ");
            const secs = Math.round((at - this.loopWindow[0]) / 1000);
            this.finish(at, "failed", "test", `boot loop: ${this.loopWindow.length} boots in ${secs} s without the app coming up (reset reason ${reasons})`, {
                hint: shown.some((l) => /invalid header|invalid magic|No bootable app/.test(l))
                    ? "The flash holds no valid image at the boot address: re-flash the bundle (check hil-flash's offsets and flash size)."
                    : "The firmware does not boot: see the lines before each reboot (bootloader or early-init errors) in the console log.",
                detail: shown,
            });
        }
    }
    /** Does the running test (or the multi-stage test in progress) announce this reset? */
    testAllowsReset(boot) {
        const t = this.running?.menu ?? this.multi?.test ?? this.leaksResetAllowed;
        if (!t)
            return false;
        const tokens = resetTokens(t.desc);
        if (tokens.includes(boot.reason))
            return true;
        const resets = t.stages.length > 1 || tokens.length > 0 || t.desc.includes("[leaks");
        if (!resets)
            return false;
        return (boot.resetClass === "software" || boot.resetClass === "deepsleep" || this.lastCrashExpected);
    }
    /** A test reset the board as it said it would: move the multi-stage test on, or pass a reset test. */
    testResetAsExpected(boot, at) {
        if (this.leaksResetAllowed && !this.running) {
            this.leaksResetAllowed = undefined;
            return;
        }
        const r = this.running;
        this.running = undefined;
        if (!r)
            return;
        if (this.multi && this.multi.test.name === r.name) {
            if (this.multi.running < this.multi.test.stages.length)
                return; // next stage after the boot
            this.multi = undefined;
        }
        // A single-stage test that resets by design passes when it resets as announced.
        this.record({
            name: r.name,
            status: "passed",
            message: `reset as expected (${boot.reason})`,
            startedAt: r.startedAt,
            endedAt: at,
            durationMs: at - r.startedAt,
            cutShort: "reset",
        }, at);
    }
    crashLine(text, at) {
        const c = this.crash;
        if (c.lines.length < this.o.maxCrashLines)
            c.lines.push(text);
        const bt = backtraceOf(text);
        if (bt)
            c.backtraces.push(bt);
        if (endsCrashBlock(text) || c.lines.length >= this.o.maxCrashLines)
            this.closeCrash(at);
    }
    closeCrash(at) {
        const c = this.crash;
        this.crash = undefined;
        const kind = c.sig.kind;
        const title = CRASH_TITLES[kind] + (c.sig.reason && kind !== "abort" ? `: ${c.sig.reason}` : "");
        const t = this.running?.menu ?? this.multi?.test;
        const tokens = t ? resetTokens(t.desc) : [];
        const hay = `${c.headline} ${kind}`.toLowerCase();
        const expected = tokens.some((tok) => hay.includes(tok.toLowerCase()));
        const crash = {
            kind,
            title,
            headline: c.headline,
            at: c.at,
            lines: c.lines,
            backtraces: c.backtraces,
            expected,
            failureKind: isInfrastructureCrash(kind) ? "infrastructure" : "test",
            ...(c.sig.reason ? { reason: c.sig.reason } : {}),
            ...(c.test ? { test: c.test } : {}),
            ...(c.sig.file ? { file: this.rel(c.sig.file) } : {}),
            ...(c.sig.line ? { line: c.sig.line } : {}),
            ...(c.resetReason ? { resetReason: c.resetReason } : {}),
        };
        this.emit({ type: "crash", at: c.at, crash });
        if (expected) {
            this.expectedCrashes.push(crash);
            this.lastCrashExpected = true;
            return;
        }
        if (this.running)
            this.cutShort(this.running, at, "crash", crash.title, crash);
        const where = crash.test ? ` in "${crash.test}"` : "";
        this.finish(at, "failed", crash.failureKind, `crashed: ${title}${where}`, {
            crash,
            hint: crashHint(crash, where),
        });
    }
    // --- Unity --------------------------------------------------------------------------------
    unityLine(text, at) {
        if (this.summary && !this.summary.closed) {
            // The OK / FAIL line after the summary, or whatever comes instead.
            this.summary.closed = true;
            if (text === "OK" || text === "FAIL") {
                this.summary.ok = this.lastSummary.ok = text === "OK";
                return;
            }
        }
        const result = parseUnityResult(text);
        if (result) {
            this.unitySeen = true;
            if (this.summary?.closed)
                this.summary = undefined; // a new run after a summary
            const r = this.running && this.running.name === result.name ? this.running : undefined;
            const startedAt = this.multi && this.multi.test.name === result.name
                ? this.multi.startedAt
                : (r?.startedAt ?? this.lastResultAt ?? this.startedAt);
            const tc = {
                name: result.name,
                status: result.status,
                file: this.rel(result.file),
                line: result.line,
                startedAt,
                endedAt: at,
                durationMs: result.execMs ?? at - startedAt,
            };
            if (result.message)
                tc.message = result.message;
            if (this.multi && this.multi.test.name === result.name) {
                tc.stages = this.multi.running || 1;
                this.multi = undefined;
            }
            if (this.running?.menu?.desc.includes("[leaks"))
                this.leaksResetAllowed = this.running.menu;
            this.running = undefined;
            this.record(tc, at);
            return;
        }
        const name = parseRunning(text);
        if (name !== undefined) {
            // Not proof of Unity by itself: any app may print "Running self-test...".
            if (this.summary?.closed)
                this.summary = undefined; // a new run after a summary
            const menu = this.menu.size ? this.findMenuTest(name) : undefined;
            const continuing = this.multi && this.multi.test.name === name;
            this.running = {
                name,
                startedAt: continuing ? this.multi.startedAt : at,
                ...(menu ? { menu } : {}),
            };
            this.leaksResetAllowed = undefined;
            if (this.menuSelection !== undefined)
                this.started.add(name);
            if (menu && menu.stages.length > 1 && !continuing) {
                this.multi = { test: menu, startedAt: at, running: 0 };
            }
            this.emit({ type: "test-started", at, name });
            return;
        }
        if (text.startsWith("-----"))
            return;
        const summary = text.charCodeAt(0) <= 57 ? parseSummary(text) : undefined;
        if (summary) {
            this.unitySeen = true;
            this.summary = { ...summary, ok: summary.failures === 0, at, closed: false };
            this.lastSummary = { ...summary, ok: summary.failures === 0 };
            this.emit({ type: "summary", at, summary });
            return;
        }
        this.menuLine(text, at);
    }
    record(tc, at) {
        this.tests.push(tc);
        if (tc.status === "failed")
            this.failedTests++;
        this.lastResultAt = at;
        this.emit({ type: "test", at, test: tc });
    }
    cutShort(r, at, why, message, where) {
        this.running = undefined;
        const startedAt = r.startedAt;
        const tc = {
            name: r.name,
            status: "failed",
            message,
            startedAt,
            endedAt: at,
            durationMs: at - startedAt,
            cutShort: why,
        };
        if (where?.file)
            tc.file = where.file;
        if (where?.line)
            tc.line = where.line;
        this.record(tc, at);
    }
    findMenuTest(name) {
        for (const t of this.menu.values())
            if (t.name === name)
                return t;
        return undefined;
    }
    // --- the menu -----------------------------------------------------------------------------
    menuLine(text, at) {
        if (text === MENU_HEADER) {
            this.inListing = true;
            this.menu.clear();
            this.lastEntry = undefined;
            return;
        }
        const prompt = parseMenuPrompt(text);
        if (prompt) {
            this.inListing = false;
            this.unitySeen = true;
            const reply = this.replyTo(prompt);
            this.emit({ type: "menu", at, prompt, ...reply });
            // Back at the menu with nothing left to select (a test ended the run by resetting).
            if (reply.reply === undefined && this.selectionSent && prompt !== "press-enter") {
                if (!this.menuHasMore())
                    this.verdictFromTests(at);
            }
            return;
        }
        if (this.inListing) {
            const entry = parseMenuEntry(text);
            if (entry) {
                this.lastEntry = { ...entry, stages: [] };
                this.menu.set(entry.index, this.lastEntry);
                return;
            }
            const stage = parseMenuStage(text);
            if (stage && this.lastEntry)
                this.lastEntry.stages.push(stage.name);
            return;
        }
        // The stage sub-menu of a multi-stage test: its name, then `\t(k)\t"stage"` lines.
        const stage = this.multi ? parseMenuStage(text) : undefined;
        if (stage && this.multi && stage.index === this.multi.test.stages.length) {
            const reply = this.menuSelection !== undefined ? this.nextStage() : undefined;
            this.emit({ type: "menu", at, prompt: "stage", ...(reply ? { reply } : {}) });
        }
    }
    nextStage() {
        const m = this.multi;
        m.running = Math.min(m.running + 1, m.test.stages.length);
        return `${m.running}\n`;
    }
    /** What to type at a menu prompt when the judge drives the menu. */
    replyTo(prompt) {
        if (this.menuSelection === undefined)
            return {};
        if (prompt === "press-enter")
            return { reply: "\n" };
        if (!this.selectionSent) {
            if (prompt !== "enter-test")
                return { reply: "\n" };
            this.selectionSent = true;
            this.queue = resolveSelection(this.menuSelection, [...this.menu.values()]);
            return { reply: `${this.menuSelection}\n` };
        }
        // After a reset (or a run cut into pieces by one): continue where the selection left off.
        if (this.multi)
            return { reply: `${this.multi.test.index}\n` };
        const next = this.queue.find((t) => !this.started.has(t.name));
        if (next)
            return { reply: `${next.index}\n` };
        return {};
    }
    /** More tests of the selection still to run (multi-stage in progress, or tests a reset cut off). */
    menuHasMore() {
        if (this.menuSelection === undefined)
            return false;
        if (!this.selectionSent)
            return true;
        if (this.multi)
            return true;
        return this.queue.some((t) => !this.started.has(t.name));
    }
    // --- patterns and completion --------------------------------------------------------------
    patterns(text, at) {
        for (let i = 0; i < this.expectPatterns.length; i++) {
            const o = this.expectOutcomes[i];
            if (o.matched || !this.expectPatterns[i].test(text))
                continue;
            Object.assign(o, { matched: true, at, lineNo: this.lineNo, line: text });
            if (--this.expectRemaining === 0)
                this.expectsDoneAt = at;
            this.emit({ type: "expect", at, pattern: o.pattern, line: text });
        }
        for (const p of this.failPatterns) {
            if (!p.test(text))
                continue;
            this.failMatches.push({
                pattern: p.source,
                matched: true,
                at,
                lineNo: this.lineNo,
                line: text,
            });
            this.emit({ type: "fail-pattern", at, pattern: p.source, line: text });
            const msg = `console matched fail pattern ${p.source}: ${text}`;
            if (this.running)
                this.cutShort(this.running, at, "fail-pattern", msg);
            this.finish(at, "failed", "test", msg, {
                hint: `Find what printed it at line ${this.lineNo} of the console log and fix it.`,
            });
            return;
        }
    }
    unityInPlay() {
        return this.o.unity && (this.unitySeen || this.menuSelection !== undefined);
    }
    checkComplete(at) {
        const unity = this.unityInPlay();
        // Cheap tests first: this runs after every line.
        if (unity && (!this.summary?.closed || this.menuHasMore()))
            return;
        const anyFailed = this.failedTests > 0 || (this.lastSummary?.failures ?? 0) > 0;
        if (unity && anyFailed)
            return this.verdictFromTests(at);
        if (this.expectRemaining > 0)
            return;
        if (!unity && this.expectOutcomes.length === 0)
            return; // nothing to wait for: runs to the time-out
        if (this.settling() && at < this.expectsDoneAt + this.o.unitySettleMs)
            return;
        this.verdictFromTests(at);
    }
    /** Every pattern seen, Unity on but silent so far: give a Unity run the chance to start. */
    settling() {
        return (this.o.unity &&
            !this.unityInPlay() &&
            this.expectsDoneAt !== undefined &&
            this.expectRemaining === 0);
    }
    verdictFromTests(at) {
        const failed = this.tests.filter((t) => t.status === "failed");
        const s = this.lastSummary;
        if (s && this.tests.length < s.tests && !this.multiSegments()) {
            this.warnings.push(`Unity reported ${s.tests} tests but ${this.tests.length} results were read: console lines were lost or garbled.`);
        }
        if (failed.length || (s && s.failures > 0)) {
            const n = Math.max(failed.length, s?.failures ?? 0);
            const total = Math.max(this.tests.length, s?.tests ?? 0);
            const first = failed[0];
            this.finish(at, "failed", "test", `${n} of ${total} tests failed`, {
                hint: first
                    ? `Fix "${first.name}"${first.file ? ` (${first.file}${first.line ? `:${first.line}` : ""})` : ""}${first.message ? `: ${first.message}` : ""}.`
                    : "See the console log for the failing test.",
            });
            return;
        }
        if (this.unityInPlay() && this.tests.length === 0) {
            this.finish(at, "failed", "configuration", "Unity ran no tests", {
                hint: "Check the unity-menu selection against the menu in the console log, and that the " +
                    "test components are linked into the app (TEST_CASE files in the build).",
            });
            return;
        }
        const parts = [];
        if (this.unityInPlay())
            parts.push(`${this.tests.length} tests passed`);
        if (this.expectOutcomes.length)
            parts.push(`all ${this.expectOutcomes.length} expected patterns seen`);
        this.finish(at, "success", undefined, parts.join("; "));
    }
    multiSegments() {
        return this.tests.some((t) => t.stages !== undefined || t.cutShort === "reset");
    }
    timeUp(at, which) {
        const secs = (ms) => `${Math.round(ms / 1000)} s`;
        const limit = which === "overall"
            ? `the run did not finish within ${secs(this.o.timeoutMs)}`
            : `no console output for ${secs(this.o.inactivityMs)}`;
        if (this.bytes === 0) {
            this.finish(at, "failed", "infrastructure", `the board printed nothing (${limit})`, {
                hint: "Check the slot's console: the port and console_baud in the inventory, the USB cable, " +
                    "and that the board is powered (a power cycle may bring it back).",
            });
            return;
        }
        if (this.boots.length === 0 && this.splitter.badChars * 5 >= this.splitter.chars) {
            this.finish(at, "failed", "infrastructure", `the console output is unreadable (${limit})`, {
                hint: "The bytes do not decode as text: check console_baud for this slot (ESP-IDF apps default to 115200).",
            });
            return;
        }
        const missing = this.expectOutcomes.filter((o) => !o.matched).map((o) => o.pattern);
        if (which === "overall" && !this.o.unity && this.expectOutcomes.length === 0) {
            this.finish(at, "success", undefined, `ran ${secs(this.o.timeoutMs)} with no crash`);
            return;
        }
        const last = this.lastLines()
            .reverse()
            .find((l) => l.trim() !== "");
        const prompt = last ? parseMenuPrompt(last) : undefined;
        if (prompt && this.menuSelection === undefined) {
            this.finish(at, "timeout", "configuration", `the app waits at the Unity menu (${limit})`, {
                hint: "Set the unity-menu input (e.g. `*`, `[tag]` or a test's index) so hil-test selects the tests to run.",
            });
            return;
        }
        if (this.running) {
            this.cutShort(this.running, at, "timeout", `did not finish: ${limit}`);
        }
        const what = [limit];
        if (this.o.unity && !this.lastSummary && !this.expectOutcomes.length) {
            what.push(this.unitySeen ? "no Unity summary" : "no Unity output");
        }
        if (missing.length)
            what.push(`not seen: ${missing.join(", ")}`);
        this.finish(at, "timeout", "test", `timed out: ${what.join("; ")}`, {
            hint: `The board went quiet after: ${last ? JSON.stringify(last.slice(0, 200)) : "(nothing)"}. ` +
                "Look at the end of the console log for where it hung; re-run if it was a one-off, " +
                "or raise timeout / inactivity-timeout if the run is just slow.",
        });
    }
    lastLines() {
        const n = Math.min(this.ringNext, LAST_LINES);
        const out = [];
        for (let i = this.ringNext - n; i < this.ringNext; i++)
            out.push(this.ring[i % LAST_LINES]);
        return out;
    }
    finish(at, status, failureKind, reason, extra = {}) {
        if (this.done)
            return;
        const counts = {
            total: this.tests.length,
            passed: this.tests.filter((t) => t.status === "passed").length,
            failed: this.tests.filter((t) => t.status === "failed").length,
            ignored: this.tests.filter((t) => t.status === "ignored").length,
        };
        const lastLines = this.lastLines();
        const result = {
            status,
            reason,
            tests: this.tests,
            counts,
            expect: this.expectOutcomes,
            failMatches: this.failMatches,
            expectedCrashes: this.expectedCrashes,
            boots: this.boots,
            warnings: this.warnings,
            startedAt: this.startedAt,
            endedAt: at,
            durationMs: Math.max(0, at - this.startedAt),
            bytes: this.bytes,
            lines: this.lineNo,
            lastLines,
        };
        if (failureKind)
            result.failureKind = failureKind;
        if (extra.hint)
            result.hint = extra.hint;
        if (extra.crash)
            result.crash = extra.crash;
        if (extra.detail?.length)
            result.detail = extra.detail;
        if (this.lastSummary)
            result.unitySummary = { ...this.lastSummary };
        this.finalResult = result;
        this.emit({ type: "done", at, result });
    }
}
/** What to do about a crash, by its kind. */
function crashHint(c, where) {
    const decode = "decode the backtrace with `idf.py monitor` or `xtensa-esp32-elf-addr2line -pfiaC -e build/<app>.elf <addresses>`";
    switch (c.kind) {
        case "brownout":
            return "The board's supply sagged: check the USB port/cable or the relay's supply for this slot, then re-run.";
        case "external_reset":
            return "Something outside the app reset the board while it ran (power, EN line, another job on the slot): check the slot's lease and power, then re-run.";
        case "reset":
            return `The app restarted${where} with nothing printed first (esp_restart() or a software reset, ${c.resetReason}): see the lines before the reset in the console log.`;
        case "watchdog_reset":
            return `A hardware watchdog (${c.resetReason}) reset the chip${where}: something kept interrupts off or starved the watchdog; see the lines before the reset in the console log.`;
        case "assert":
            return `Fix the failed assertion${c.file ? ` at ${c.file}${c.line ? `:${c.line}` : ""}` : ""} (${c.reason})${where}; ${decode}.`;
        default:
            return `Fix the crash${where}: the backtrace is in the job summary and the console log; ${decode}.`;
    }
}
/** The tests a menu selection runs, in menu order (as ESP-IDF's `unity_run_menu` picks them). */
function resolveSelection(selection, menu) {
    let s = selection.trim();
    let invert = false;
    if (s.startsWith("!")) {
        invert = true;
        s = s.slice(1);
    }
    if (s.startsWith("*"))
        return menu;
    if (s.startsWith("["))
        return menu.filter((t) => t.desc.includes(s) !== invert);
    if (s.startsWith('"')) {
        const name = s.slice(1, s.lastIndexOf('"') > 0 ? s.lastIndexOf('"') : undefined);
        return menu.filter((t) => t.name === name);
    }
    const n = parseInt(s, 10);
    return Number.isFinite(n) ? menu.filter((t) => t.index === n) : [];
}

// EXTERNAL MODULE: ./node_modules/xmlbuilder2/lib/index.js
var lib = __webpack_require__(54697);
;// CONCATENATED MODULE: ./packages/judge/src/junit.ts

const secs = (ms) => (Math.max(0, ms) / 1000).toFixed(3);
function classname(file) {
    if (!file)
        return "unity";
    const base = file.split(/[\\/]/).pop() ?? file;
    return base.replace(/\.[^.]+$/, "") || "unity";
}
/** Where a test failed, as `file:line`. */
function testLocation(t) {
    if (!t.file)
        return undefined;
    return t.line ? `${t.file}:${t.line}` : t.file;
}
/**
 * JUnit XML for test reporters: suite `unity` has one testcase per Unity test (failures with
 * file:line and Unity's message), suite `console` has one testcase per `expect` pattern and a
 * `run` testcase that carries a crash, boot loop, time-out or lab failure that no Unity test
 * already shows (as `<failure>` for the firmware, `<error>` for the lab or the set-up).
 */
function junitXml(result, options = {}) {
    const doc = (0,lib/* create */.vt)({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\ufffd" });
    const timestamp = new Date(result.startedAt).toISOString();
    const unity = result.tests;
    const unityFailed = unity.filter((t) => t.status === "failed").length;
    const unitySkipped = unity.filter((t) => t.status === "ignored").length;
    const consoleCases = result.expect.map((e) => e.matched
        ? { name: `expect ${e.pattern}` }
        : {
            name: `expect ${e.pattern}`,
            kind: "failure",
            message: `not seen in ${secs(result.durationMs)} s`,
        });
    const run = { name: "run" };
    if (result.status === "cancelled") {
        Object.assign(run, { kind: "skipped", message: result.reason });
    }
    else if (result.status !== "success" && unityFailed === 0) {
        const body = [result.reason];
        if (result.hint)
            body.push("", result.hint);
        if (result.crash)
            body.push("", ...result.crash.lines);
        if (result.detail?.length)
            body.push("", ...result.detail);
        if (!result.crash && result.lastLines.length) {
            body.push("", "last console lines:", ...result.lastLines.slice(-10));
        }
        Object.assign(run, {
            kind: result.failureKind === "test" ? "failure" : "error",
            message: result.reason,
            text: body.join("\n"),
        });
    }
    consoleCases.push(run);
    const count = (k) => consoleCases.filter((c) => c.kind === k).length;
    const root = doc.ele("testsuites", {
        name: options.name ?? "hil-test",
        tests: unity.length + consoleCases.length,
        failures: unityFailed + count("failure"),
        errors: count("error"),
        skipped: unitySkipped + count("skipped"),
        time: secs(result.durationMs),
        timestamp,
    });
    const suite = root.ele("testsuite", {
        name: "unity",
        tests: unity.length,
        failures: unityFailed,
        errors: 0,
        skipped: unitySkipped,
        time: secs(unity.reduce((s, t) => s + t.durationMs, 0)),
        timestamp,
        ...(options.hostname ? { hostname: options.hostname } : {}),
    });
    const props = Object.entries(options.properties ?? {}).filter(([, v]) => v !== undefined);
    if (props.length) {
        const p = suite.ele("properties");
        for (const [name, value] of props)
            p.ele("property", { name, value: String(value) });
    }
    for (const t of unity) {
        const file = t.file;
        const tc = suite.ele("testcase", {
            name: t.name,
            classname: classname(t.file),
            time: secs(t.durationMs),
            ...(file ? { file } : {}),
            ...(t.line ? { line: t.line } : {}),
        });
        if (t.status === "failed") {
            const where = testLocation(t);
            const text = [where ? `${where}: ${t.message ?? "failed"}` : (t.message ?? "failed")];
            if (t.cutShort === "crash" && result.crash)
                text.push("", ...result.crash.lines);
            tc.ele("failure", { message: t.message ?? "failed", type: t.cutShort ?? "unity" }).txt(text.join("\n"));
        }
        else if (t.status === "ignored") {
            tc.ele("skipped", t.message ? { message: t.message } : {});
        }
    }
    const cs = root.ele("testsuite", {
        name: "console",
        tests: consoleCases.length,
        failures: count("failure"),
        errors: count("error"),
        skipped: count("skipped"),
        time: secs(result.durationMs),
        timestamp,
        ...(options.hostname ? { hostname: options.hostname } : {}),
    });
    for (const c of consoleCases) {
        const tc = cs.ele("testcase", { name: c.name, classname: "console", time: "0.000" });
        if (c.kind === "skipped")
            tc.ele("skipped", { message: c.message ?? "" });
        else if (c.kind)
            tc.ele(c.kind, { message: c.message ?? "", type: result.status }).txt(c.text ?? c.message ?? "");
    }
    return doc.end({ prettyPrint: true }) + "\n";
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./packages/host/src/index.ts + 5 modules
var host_src = __webpack_require__(24056);
;// CONCATENATED MODULE: ./packages/judge/src/publish.ts





/**
 * A `relativize` (JudgeOptions) for Unity's paths: strips the longest of `roots` (the workspace, the
 * ESP-IDF project dir of the build) so `/builds/acme/fw/main/test_pwm.c` becomes
 * `main/test_pwm.c`, which GitHub can annotate. Paths under no root are kept.
 */
function relativeTo(roots) {
    const rs = roots
        .filter((r) => !!r)
        .map((r) => (r.endsWith("/") ? r : `${r}/`))
        .sort((a, b) => b.length - a.length);
    return (file) => {
        const r = rs.find((root) => file.startsWith(root));
        return r ? file.slice(r.length) : file;
    };
}
const ICON = { passed: "✅", failed: "❌", ignored: "⏭️" };
const STATUS_ICON = { success: "✅", failed: "❌", timeout: "⏱️", cancelled: "🚫" };
const fmtSecs = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
/** A one-line account of the counts: `12 passed, 1 failed, 0 ignored`. */
function countsLine(r) {
    const c = r.counts;
    return `${c.passed} passed, ${c.failed} failed, ${c.ignored} ignored`;
}
/** The job summary in Markdown: heading, counts, what to do, the tests table, crash and patterns. */
function summaryMarkdown(r, paths = {}, o = {}) {
    const out = [];
    out.push(`### ${STATUS_ICON[r.status]} ${o.title ?? "hil-test"}: ${r.reason}`, "");
    const facts = [`**${countsLine(r)}**`, `in ${fmtSecs(r.durationMs)}`];
    if (r.failureKind)
        facts.push(`failure kind: \`${r.failureKind}\``);
    if (paths.consoleLog)
        facts.push(`console log: \`${paths.consoleLog}\``);
    if (paths.junit)
        facts.push(`JUnit: \`${paths.junit}\``);
    out.push(facts.join(" · "), "");
    if (r.hint)
        out.push(`> ${r.hint.replace(/\n/g, "\n> ")}`, "");
    if (r.tests.length) {
        const order = { failed: 0, ignored: 1, passed: 2 };
        const sorted = [...r.tests].sort((a, b) => order[a.status] - order[b.status]);
        const maxPassed = o.maxPassedRows ?? 50;
        const passed = sorted.filter((t) => t.status === "passed");
        const shown = sorted.filter((t) => t.status !== "passed").concat(passed.slice(0, maxPassed));
        out.push((0,host_src/* markdownTable */.Qj)(["", "test", "where", "time", "message"], shown.map((t) => [
            ICON[t.status],
            t.name + (t.stages ? ` (${t.stages} stages)` : ""),
            testLocation(t) ?? "",
            fmtSecs(t.durationMs),
            t.message ?? "",
        ])));
        if (passed.length > maxPassed)
            out.push(`… and ${passed.length - maxPassed} more passed.`, "");
    }
    if (r.crash) {
        out.push(`<details open><summary>Crash: ${(0,host_src/* cell */.Hn)(r.crash.title)}${r.crash.test ? ` in "${(0,host_src/* cell */.Hn)(r.crash.test)}"` : ""}</summary>`, "", "```text", ...r.crash.lines.map((l) => l.replace(/```/g, "'''")), "```", "</details>", "");
    }
    if (r.detail?.length) {
        out.push("```text", ...r.detail.map((l) => l.replace(/```/g, "'''")), "```", "");
    }
    if (r.expect.length || r.failMatches.length) {
        const rows = r.expect.map((e) => [
            "expect",
            `\`${e.pattern}\``,
            e.matched ? `✅ line ${e.lineNo}` : "❌ not seen",
        ]);
        for (const f of r.failMatches)
            rows.push(["fail", `\`${f.pattern}\``, `❌ line ${f.lineNo}: ${f.line}`]);
        out.push((0,host_src/* markdownTable */.Qj)(["", "pattern", "seen"], rows));
    }
    if (r.expectedCrashes.length) {
        out.push(`Expected by the tests' \`[reset=...]\` tags: ${r.expectedCrashes.map((c) => `${c.title}${c.test ? ` (${c.test})` : ""}`).join("; ")}.`, "");
    }
    for (const w of r.warnings)
        out.push(`> ⚠️ ${w}`, "");
    if (r.status !== "success" && !r.crash && r.lastLines.length) {
        out.push("<details><summary>Last console lines</summary>", "", "```text", ...r.lastLines.slice(-15).map((l) => l.replace(/```/g, "'''")), "```", "</details>", "");
    }
    return out.join("\n");
}
/**
 * Failed tests as error annotations at their file and line (GitHub shows them on the diff),
 * the crash with its backtrace, fail-pattern matches, and warnings.
 */
function annotate(host, r) {
    for (const t of r.tests) {
        if (t.status !== "failed")
            continue;
        const where = t.file ? { file: t.file, ...(t.line ? { line: t.line } : {}) } : {};
        host.error(`${t.name}: ${t.message ?? "failed"}`, {
            ...where,
            title: `test failed: ${t.name}`,
        });
    }
    if (r.crash) {
        const c = r.crash;
        const bt = c.backtraces.length
            ? `\n${c.backtraces.map((b) => `Backtrace: ${b}`).join("\n")}`
            : "";
        const where = c.file ? { file: c.file, ...(c.line ? { line: c.line } : {}) } : {};
        host.error(`${c.headline}${bt}`, { ...where, title: `crash: ${c.title}` });
    }
    for (const w of r.warnings)
        host.warn(w);
}
/** The hil-test action's outputs. */
function setOutputs(host, r, paths = {}) {
    host.setOutput("status", r.status);
    host.setOutput("tests", r.counts.total);
    host.setOutput("passed", r.counts.passed);
    host.setOutput("failed", r.counts.failed);
    host.setOutput("ignored", r.counts.ignored);
    if (paths.junit)
        host.setOutput("junit", paths.junit);
    if (paths.consoleLog)
        host.setOutput("console-log", paths.consoleLog);
}
/** The step's exit code: 0 success, 1 failed, 124 timeout, 130 cancelled. */
function exitCodeOf(r) {
    return contracts_src/* EXIT_CODES */.ai[r.status];
}
/**
 * What a judged run adds to the job's journal (append each with `Journal.append`): the test
 * counts with the first failures, the files it wrote, and the step's outcome. The report
 * is folded from these.
 */
function journalEntries(r, o = {}) {
    const step = o.step ?? "hil-test";
    const at = new Date(r.endedAt).toISOString();
    const out = [];
    if (r.tests.length) {
        const failures = r.tests
            .filter((t) => t.status === "failed")
            .slice(0, 50)
            .map((t) => ({
            name: t.name,
            ...(t.file ? { file: t.file } : {}),
            ...(t.line ? { line: t.line } : {}),
            ...(t.message ? { message: t.message.slice(0, 500) } : {}),
        }));
        out.push({
            type: "tests",
            at,
            step,
            counts: r.counts,
            ...(failures.length ? { failures } : {}),
        });
    }
    for (const path of [o.paths?.consoleLog, o.paths?.junit]) {
        if (path)
            out.push({ type: "artifact", at, step, path });
    }
    out.push({
        type: "step",
        at,
        step,
        status: r.status,
        exit_code: exitCodeOf(r),
        summary: r.reason,
        started_utc: new Date(r.startedAt).toISOString(),
        ...(r.failureKind ? { failure_kind: r.failureKind } : {}),
        ...(r.hint ? { next_action: r.hint } : {}),
    });
    return out;
}
/**
 * Everything a judged run shows, in one call for the hil-test action (and `hil test`):
 * writes `<outDir>/junit.xml` (redacted), appends the job summary, annotates failed tests
 * and the crash, sets the step's outputs, and returns the files for the journal
 * (`journalEntries(result, { paths })`).
 */
async function publishJudgement(r, host, o) {
    (0,external_node_fs_.mkdirSync)(o.outDir, { recursive: true });
    const junit = (0,external_node_path_.join)(o.outDir, "junit.xml");
    (0,external_node_fs_.writeFileSync)(junit, host.redact(junitXml(r, o.junit)));
    const paths = { junit, ...(o.consoleLog ? { consoleLog: o.consoleLog } : {}) };
    annotate(host, r);
    setOutputs(host, r, paths);
    await host.writeSummary(summaryMarkdown(r, paths, o.title ? { title: o.title } : {}));
    return paths;
}

;// CONCATENATED MODULE: ./packages/judge/src/console-log.ts


/** One log line: `2026-11-21T10:15:02.123Z <text>`. */
function formatLogLine(at, text) {
    return `${new Date(at).toISOString()} ${text}\n`;
}
/**
 * The full console log of a run, one line per console line with the time its first byte
 * arrived, plus `#hil` notes for what the driver did (reset, menu replies). Buffered, so
 * logging never slows the judge; `redact` removes masked secrets before anything hits disk.
 */
class console_log_ConsoleLog {
    path;
    redact;
    fd;
    buf = [];
    size = 0;
    closed = false;
    // Lines of one chunk share a timestamp: format it once.
    lastAt = NaN;
    lastIso = "";
    constructor(path, redact = (t) => t) {
        this.path = path;
        this.redact = redact;
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
        this.fd = (0,external_node_fs_.openSync)(path, "w");
    }
    /** Pass as the judge's `onLine`. */
    line = (l) => {
        if (l.at !== this.lastAt) {
            this.lastAt = l.at;
            this.lastIso = new Date(l.at).toISOString();
        }
        this.push(`${this.lastIso} ${l.text}\n`);
    };
    /** Something the driver did, e.g. `sent "*\n" at the Unity menu`. */
    note(at, text) {
        this.push(formatLogLine(at, `#hil ${text}`));
    }
    push(s) {
        if (this.closed)
            return;
        this.buf.push(s);
        this.size += s.length;
        if (this.size >= 64 * 1024)
            this.flush();
    }
    flush() {
        if (!this.buf.length)
            return;
        (0,external_node_fs_.writeSync)(this.fd, this.redact(this.buf.join("")));
        this.buf = [];
        this.size = 0;
    }
    close() {
        if (this.closed)
            return;
        this.flush();
        this.closed = true;
        (0,external_node_fs_.closeSync)(this.fd);
    }
}

;// CONCATENATED MODULE: ./packages/judge/src/drive.ts
/**
 * Run a judge against a live console: feed it what arrives, answer the Unity menu when it
 * says so, wake it at its deadlines (time-outs) and when the job is cancelled, and stop
 * reading once there is a verdict. The judge stays pure; this is the only place with timers.
 */
async function judgeConsole(o) {
    const now = o.now ?? Date.now;
    const poll = o.pollMs ?? 250;
    const it = o.read[Symbol.asyncIterator]();
    let pending;
    let timer;
    const handle = async (events) => {
        for (const e of events) {
            o.onEvent?.(e);
            if (e.type === "menu" && e.reply !== undefined && o.write)
                await o.write(e.reply);
        }
    };
    try {
        while (!o.judge.done) {
            if (o.cancelled?.()) {
                await handle(o.judge.cancel(now()));
                break;
            }
            pending ??= it.next();
            const wait = Math.max(0, Math.min(poll, o.judge.nextDeadline() - now()));
            const next = await Promise.race([
                pending,
                new Promise((resolve) => {
                    timer = setTimeout(() => resolve("tick"), wait);
                }),
            ]);
            clearTimeout(timer);
            if (next === "tick") {
                await handle(o.judge.tick(now()));
                continue;
            }
            pending = undefined;
            if (next.done) {
                await handle(o.judge.portLost(now(), "the console stream ended"));
                break;
            }
            const c = next.value;
            const [data, at] = typeof c === "string" || c instanceof Uint8Array ? [c, now()] : [c.data, c.at];
            await handle(o.judge.feed(data, at));
        }
    }
    catch (e) {
        await handle(o.judge.portLost(now(), e.message));
    }
    finally {
        clearTimeout(timer);
        // Stop the source; a read still in flight is abandoned.
        void it.return?.()?.catch(() => undefined);
    }
    return o.judge.result;
}

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
;// CONCATENATED MODULE: ./packages/judge/src/bench.ts


const BOOT = (/* unused pure expression or super */ null && ([
    "ets Jun  8 2016 00:22:57",
    "",
    "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
    "configsip: 0, SPIWP:0xee",
    "mode:DIO, clock div:2",
    "load:0x3fff0030,len:7104",
    "entry 0x4008064c",
    "\u001b[0;32mI (31) boot: ESP-IDF v5.2.1 2nd stage bootloader\u001b[0m",
    "\u001b[0;32mI (245) cpu_start: Pro cpu start user code\u001b[0m",
    "\u001b[0;32mI (305) main_task: Calling app_main()\u001b[0m",
]));
/**
 * A console transcript of about `bytes` bytes shaped like an ESP-IDF Unity run: boot log,
 * coloured log lines from the tests, `Running …` and PASS lines, then the summary.
 */
function bench_syntheticConsole(bytes) {
    const parts = [BOOT.join("\r\n") + "\r\n"];
    let size = parts[0].length;
    let tests = 0;
    while (size < bytes) {
        tests++;
        const block = `Running sensor sample ${tests}...\r\n` +
            `\u001b[0;32mI (${1000 + tests}) sensor: sample ${tests} ok: t=21.5C rh=40% p=1013hPa\u001b[0m\r\n` +
            `\u001b[0;33mW (${1001 + tests}) i2c: bus busy, retrying transaction on port 0 (attempt 1)\u001b[0m\r\n` +
            `I (${1002 + tests}) wifi: state: run -> run (0x0), rssi -61, channel 6, beacon ok\r\n` +
            `/builds/acme/fw/components/sensor/test/test_sensor.c:${40 + (tests % 200)}:sensor sample ${tests}:PASS\r\n`;
        parts.push(block);
        size += block.length;
    }
    parts.push(`\r\n-----------------------\r\n${tests} Tests 0 Failures 0 Ignored \r\nOK\r\n`);
    return { text: parts.join(""), tests };
}
/**
 * Judge about `bytes` of synthetic ESP-IDF console in 4 KiB chunks (as a serial port
 * delivers them), with an expect and two fail patterns, and measure the throughput.
 */
function bench_benchJudgeDetailed(bytes = 32 * 1024 * 1024, chunkSize = 4096) {
    const { text, tests } = bench_syntheticConsole(bytes);
    const data = new TextEncoder().encode(text);
    const t0 = 1_800_000_000_000;
    const judge = new ConsoleJudge({
        startedAt: t0,
        timeoutMs: 86_400_000,
        inactivityMs: 86_400_000,
        expect: "/main_task: Calling app_main/",
        fail: ["/E \\(\\d+\\) sensor:/", "HEAP CORRUPTED"],
    });
    const started = performance.now();
    let at = t0;
    for (let i = 0; i < data.length && !judge.done; i += chunkSize) {
        judge.feed(data.subarray(i, i + chunkSize), (at += 1));
    }
    judge.tick(at + 10_000);
    const ms = performance.now() - started;
    const r = judge.result;
    if (!r || r.status !== "success" || r.counts.passed !== tests) {
        throw new Error(`benchJudge: the synthetic run was judged ${r?.status ?? "not at all"} (${r?.reason}), expected ${tests} passes`);
    }
    return {
        mbPerSec: data.length / 1e6 / (ms / 1000),
        bytes: data.length,
        lines: r.lines,
        ms,
        tests,
    };
}
/** MB/s of console judged (see benchJudgeDetailed). */
function benchJudge(bytes) {
    return bench_benchJudgeDetailed(bytes).mbPerSec;
}

;// CONCATENATED MODULE: ./packages/judge/src/index.ts











// EXTERNAL MODULE: ./packages/lease/src/index.ts + 12 modules
var lease_src = __webpack_require__(23857);
// EXTERNAL MODULE: ./packages/serial/src/index.ts + 9 modules
var serial_src = __webpack_require__(94750);
;// CONCATENATED MODULE: ./packages/hil-test/src/console.ts



/**
 * A board's application console as raw bytes: a background reader takes every chunk off the
 * port the moment it arrives and stamps it, so the judge sees when each byte came even while it
 * is busy, and nothing is split into lines twice (the judge does that, once). The consumer
 * reads the chunks with `chunks()`; `write` sends text; `resetToApp` resets through the
 * slot's reset strategy.
 */
class BoardConsole {
    device;
    /** Bytes received since the port opened (after `discard`, only those kept count). */
    bytes = 0;
    /** When the first kept byte arrived. */
    firstByteAt;
    /** When the first byte arrived after `mark()` (the boot after a reset). */
    firstByteAfterMark;
    markAt;
    queue = [];
    wake;
    ended = false;
    closing = false;
    failure;
    reader;
    pump;
    now;
    encoder = new TextEncoder();
    constructor(device, now) {
        this.device = device;
        this.now = now;
        this.pump = this.readLoop();
    }
    /**
     * Open the port at the console baud. A device path that does not exist is an
     * InfrastructureError listing what /dev/serial/by-id has (an unplugged or swapped adapter);
     * the other errors are the serial layer's (busy, permission, RFC 2217 refused…).
     */
    static async open(o) {
        const device = o.device ?? (0,serial_src/* createSerialDevice */.HA)(o.port, o.deviceOptions);
        if (!o.device && !o.port.startsWith("rfc2217://") && !(0,external_node_fs_.existsSync)(o.port)) {
            const e = (0,serial_src/* missingPortError */.Mk)(o.port, o.deviceOptions?.byIdDir);
            throw new contracts_src/* InfrastructureError */.EN(e.message, e.hint ? { hint: e.hint } : {});
        }
        if (!device.isOpen)
            await device.open({ baudRate: o.baud });
        return new BoardConsole(device, o.now ?? Date.now);
    }
    get port() {
        return this.device.port;
    }
    /** The port failed or went away while reading (not closed by us). */
    get lost() {
        return this.ended && !this.closing;
    }
    async readLoop() {
        const readable = this.device.readable;
        if (!readable) {
            this.end();
            return;
        }
        const reader = readable.getReader();
        this.reader = reader;
        try {
            for (;;) {
                const { value, done } = await reader.read();
                if (done)
                    break;
                if (!value?.length)
                    continue;
                const at = this.now();
                this.bytes += value.length;
                this.firstByteAt ??= at;
                if (this.markAt !== undefined && at >= this.markAt)
                    this.firstByteAfterMark ??= at;
                this.queue.push({ data: value, at });
                this.notify();
            }
        }
        catch (e) {
            this.failure = e;
        }
        finally {
            reader.releaseLock();
            this.end();
        }
    }
    end() {
        this.ended = true;
        this.notify();
    }
    notify() {
        const w = this.wake;
        this.wake = undefined;
        w?.();
    }
    /** Note when the next byte arrives (`firstByteAfterMark`): the reset is done now. */
    mark() {
        this.markAt = this.now();
        this.firstByteAfterMark = undefined;
    }
    /** Drop what arrived so far (output from before a reset); returns how many bytes. */
    discard() {
        const n = this.queue.reduce((s, c) => s + c.data.length, 0);
        this.queue = [];
        this.bytes -= n;
        if (this.bytes === 0)
            this.firstByteAt = undefined;
        return n;
    }
    /**
     * Drop the backlog a port may hold from before it was opened (a pty buffers what the board
     * printed while nobody read it; so can a remote bridge): read and drop until a `windowMs`
     * window brings no more than the line itself could have carried in that time at `baud`
     * (live output, not a backlog), or `maxMs` passed. Returns the bytes dropped.
     */
    async settle(baud, o = {}) {
        const windowMs = o.windowMs ?? 50;
        const until = this.now() + (o.maxMs ?? 2000);
        // 10 bits per byte on the line; half again for scheduling jitter.
        const live = Math.ceil(((baud / 10) * windowMs * 1.5) / 1000);
        let dropped = this.discard();
        for (;;) {
            const before = this.bytes;
            await new Promise((r) => setTimeout(r, windowMs));
            const got = this.bytes - before;
            dropped += this.discard();
            if (got <= live || this.now() >= until || this.ended)
                return dropped;
        }
    }
    /**
     * The console's chunks as they arrive, each once: ends when the port closes, throws when it
     * fails (USB unplugged, RFC 2217 server gone). One reader at a time.
     */
    async *chunks() {
        for (;;) {
            const c = this.queue.shift();
            if (c) {
                yield c;
                continue;
            }
            if (this.failure)
                throw this.failure;
            if (this.ended)
                return;
            await new Promise((r) => (this.wake = r));
        }
    }
    /** Send text to the board as it is (the judge's menu replies carry their newline). */
    async write(text) {
        const writable = this.device.writable;
        if (!writable)
            throw new contracts_src/* InfrastructureError */.EN(`${this.device.port} is not open.`);
        const writer = writable.getWriter();
        try {
            await writer.write(this.encoder.encode(text));
        }
        finally {
            writer.releaseLock();
        }
    }
    /**
     * Reset the board into its app through the slot's reset strategy (an RTS pulse on EN).
     * `none` cannot: that is a ConfigurationError saying to reset by power.
     */
    async resetToApp(strategy) {
        if (strategy === "none") {
            throw new contracts_src/* ConfigurationError */.j1(`The slot's reset strategy is "none": ${this.device.port} cannot reset the board.`, {
                hint: "Reset it by power (power-cycle: true, with power: in the inventory), or judge the running board as it is.",
            });
        }
        await (0,serial_src/* resetToApp */.WC)(this.device, strategy);
    }
    /** Stop reading and close the port; safe to call twice. */
    async close() {
        this.closing = true;
        await this.reader?.cancel().catch(() => undefined);
        await this.pump;
        await this.device.close().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./packages/hil-test/src/session.ts



const session_secs = (ms) => `${+(ms / 1000).toFixed(1)} s`;
/**
 * One test run on a board: open its console at `console_baud`, reset it into the app (RTS pulse
 * through the slot's reset strategy, or a power cycle when asked; `reset: none` judges the
 * running board as it is), and judge what it prints with `judgeConsole`, answering the Unity
 * menu. A board that prints nothing after the reset, or does not answer what was sent to it, is
 * an infrastructure failure; with `power` it gets one power cycle first (a `recovery`).
 * A port that cannot be opened, a reset or power cycle that fails, a port lost while reading and
 * a lost lease become infrastructure verdicts too, so they are published like any other run;
 * set-up mistakes (a pty with `reset: classic`, power asked but not configured) throw a
 * ConfigurationError.
 */
async function session_runBoardSession(o) {
    const now = o.now ?? Date.now;
    const t0 = now();
    const timings = {};
    const { slot, host, log } = o;
    const method = o.powerCycle ? "power" : slot.reset === "none" ? "none" : "reset";
    if (method === "power") {
        if (!slot.power)
            throw new contracts_src/* ConfigurationError */.j1(`power-cycle is set, but slot ${slot.id} has no power: in the inventory.`, {
                hint: "Add the slot's Home Assistant relay (power: url, token_env, entity) to the inventory, or drop power-cycle to reset through the serial port.",
            });
        if (!o.power)
            throw new contracts_src/* ConfigurationError */.j1(`power-cycle is set, but this build of hil-test cannot switch power.`, { hint: "Use a hil-actions release with power cycling, or drop power-cycle." });
    }
    const inactivityMs = o.judge.inactivityMs ?? 60_000;
    const answerMs = o.answerMs ?? Math.min(10_000, Math.round(inactivityMs * 0.75));
    const echo = o.echo ?? true;
    let powerCycles = 0;
    const onLine = (l) => {
        log.line(l);
        if (l.n === 1)
            timings.firstLineMs = l.at - t0;
        // Prefixed, so a console line can never read as a workflow command (`::error::`).
        if (echo)
            host.info(`│ ${l.text}`);
    };
    const newJudge = (startedAt, initialReset) => new judge_ConsoleJudge({ ...o.judge, startedAt, initialReset, onLine });
    /** A verdict without reading: the board could not be reached at all. */
    const unreachable = (e, what) => {
        const at = now();
        const judge = newJudge(t0, false);
        const hint = e instanceof contracts_src/* HilError */.ee ? e.hint : undefined;
        judge.infrastructureFailure(at, `${what}: ${e.message ?? String(e)}`, hint);
        log.note(at, `${what}: ${(0,contracts_src/* describeError */.Uc)(e)}`);
        timings.endMs = at - t0;
        return {
            result: judge.result,
            startedAt: t0,
            reset: method,
            portOpened: what !== "cannot open the console",
            bytes: 0,
            portLost: false,
            powerCycles,
            timings,
        };
    };
    const cyclePower = async (reason) => {
        log.note(now(), `power cycle: ${reason}`);
        host.info(`Power-cycling ${slot.id} (${reason}).`);
        let r;
        try {
            r = await o.power(reason);
        }
        catch (e) {
            const at = new Date(now()).toISOString();
            o.onRecovery?.({ at, action: "power_cycle", result: "failed", detail: (0,contracts_src/* describeError */.Uc)(e) });
            throw e;
        }
        powerCycles++;
        o.onRecovery?.({
            at: r.ended_utc,
            action: "power_cycle",
            result: r.result,
            detail: r.error ? `${reason}: ${r.error}` : reason,
        });
        log.note(now(), `power cycle: ${r.result}${r.error ? ` (${r.error})` : ""}`);
        return r;
    };
    log.note(t0, `opening ${slot.port} at ${slot.console_baud} baud`);
    let con;
    try {
        con = await BoardConsole.open({
            port: slot.port,
            baud: slot.console_baud,
            now,
            ...(o.device ? { device: o.device } : {}),
        });
    }
    catch (e) {
        if (e instanceof contracts_src/* ConfigurationError */.j1)
            throw e;
        return unreachable(e, "cannot open the console");
    }
    timings.portOpenMs = now() - t0;
    const timers = new Set();
    let inflight;
    let onLeaseLost;
    try {
        // Output from before the reset belongs to the previous run. Without a reset (or before a
        // power cycle) a port's backlog would pass for the board's output now: wait it out.
        const dropped = method === "reset" ? con.discard() : await con.settle(slot.console_baud);
        if (dropped)
            log.note(now(), `dropped ${dropped} bytes received before the ${method === "none" ? "run" : "reset"}`);
        const mark = con.bytes;
        if (method === "reset") {
            log.note(now(), `reset (${slot.reset}): EN pulled low through RTS`);
            try {
                await con.resetToApp(slot.reset);
            }
            catch (e) {
                if (e instanceof contracts_src/* ConfigurationError */.j1)
                    throw e;
                return unreachable(e, "cannot reset the board");
            }
        }
        else if (method === "power") {
            let r;
            try {
                r = await cyclePower("reset by power (power-cycle)");
            }
            catch (e) {
                if (e instanceof contracts_src/* ConfigurationError */.j1)
                    throw e;
                return unreachable(e, "cannot power-cycle the board");
            }
            if (r.result !== "ok")
                return unreachable(new contracts_src/* HilError */.ee(`${r.result}${r.error ? `: ${r.error}` : ""}`, {
                    hint: "Check the slot's Home Assistant relay (hil doctor checks the url, token and entity).",
                }), "the power cycle failed");
        }
        else {
            host.info(`Slot ${slot.id} has reset: none: judging the running board's console from now on, without a reset ` +
                `(set power-cycle: true to start it from a fresh boot).`);
            log.note(now(), "reset: none: not resetting; judging the running board");
        }
        const startedAt = now();
        con.mark();
        timings.resetDoneMs = startedAt - t0;
        const j = newJudge(startedAt, method !== "none");
        const emit = (events) => {
            for (const e of events)
                onEvent(e);
        };
        const onEvent = (e) => {
            switch (e.type) {
                case "app-started":
                    timings.appStartedMs ??= e.at - t0;
                    break;
                case "boot":
                    if (!e.expected)
                        host.info(`▸ reboot: ${e.reason}`);
                    break;
                case "menu":
                    if (e.reply !== undefined) {
                        log.note(e.at, `sent ${JSON.stringify(e.reply)} at the Unity menu (${e.prompt})`);
                        host.info(`▸ Unity menu (${e.prompt}): sent ${JSON.stringify(e.reply)}`);
                    }
                    break;
                case "test": {
                    const t = e.test;
                    const icon = t.status === "passed" ? "✔" : t.status === "failed" ? "✘" : "○";
                    const where = t.file ? ` (${t.file}${t.line ? `:${t.line}` : ""})` : "";
                    host.info(`▸ ${icon} ${t.name}${t.status === "failed" ? `: ${t.message ?? "failed"}${where}` : ""}`);
                    break;
                }
                case "crash":
                    host.info(`▸ crash: ${e.crash.title}${e.crash.test ? ` in "${e.crash.test}"` : ""}`);
                    break;
                case "done":
                    log.note(e.at, `verdict: ${e.result.status}: ${e.result.reason}`);
                    break;
                default:
            }
        };
        // Silence watchdogs: no byte since `since` within `ms` → `then` (unless judged already).
        const watch = (since, ms, then) => {
            const t = setTimeout(() => {
                timers.delete(t);
                if (!j.done && con.bytes === since)
                    then();
            }, ms);
            timers.add(t);
            return t;
        };
        const silentAfterReset = (how) => {
            if (o.power && slot.power && powerCycles === 0) {
                // No expectReset(): the board never came up, so its boot is no unplanned reset.
                inflight = (async () => {
                    const cycleMark = con.bytes;
                    try {
                        const r = await cyclePower(`silent board: no output within ${session_secs(answerMs)} of ${how}`);
                        if (j.done)
                            return;
                        if (r.result !== "ok") {
                            emit(j.infrastructureFailure(now(), `the board printed nothing after ${how}, and the power cycle that followed failed (${r.result}${r.error ? `: ${r.error}` : ""})`, "Check the board's supply and the slot's Home Assistant relay."));
                        }
                        else if (con.bytes === cycleMark) {
                            watch(cycleMark, answerMs, () => silentAfterReset("a power cycle"));
                        }
                    }
                    catch (e) {
                        if (!j.done)
                            emit(j.infrastructureFailure(now(), `the board printed nothing after ${how}; the power cycle failed: ${e.message}`, e instanceof contracts_src/* HilError */.ee ? e.hint : undefined));
                    }
                })();
                return;
            }
            emit(j.infrastructureFailure(now(), `the board printed nothing within ${session_secs(answerMs)} of ${how}` +
                (powerCycles ? ` (after ${powerCycles} power cycle${powerCycles > 1 ? "s" : ""})` : ""), `Check that the board is powered and its USB cable or serial adapter works, that ${slot.port} is the board's console ` +
                `and console_baud (${slot.console_baud}) is the app's baud rate` +
                (slot.power ? "; hil power-cycle restarts it." : ".")));
        };
        if (method !== "none") {
            const how = method === "power" ? "a power cycle" : "the reset";
            watch(mark, answerMs, () => silentAfterReset(how));
        }
        let answerTimer;
        const write = async (text) => {
            const since = con.bytes;
            await con.write(text);
            if (answerTimer) {
                clearTimeout(answerTimer);
                timers.delete(answerTimer);
            }
            answerTimer = watch(since, answerMs, () => emit(j.infrastructureFailure(now(), `the board did not answer: nothing came back within ${session_secs(answerMs)} of sending ${JSON.stringify(text)}`, "What is sent does not reach the board: check the serial adapter's TX line to the board's RX, and that " +
                "the app reads its console on this UART (CONFIG_ESP_CONSOLE_UART). A firmware that hung exactly then looks the same: re-run to tell.")));
        };
        if (o.leaseSignal) {
            const signal = o.leaseSignal;
            onLeaseLost = () => emit(j.infrastructureFailure(now(), `the slot's lease was lost while testing: ${(0,contracts_src/* describeError */.Uc)(signal.reason)}`, "Someone else may have used the board meanwhile; re-run the job."));
            if (signal.aborted)
                onLeaseLost();
            else
                signal.addEventListener("abort", onLeaseLost, { once: true });
        }
        if (o.cancelled) {
            const cancelled = o.cancelled;
            const poll = setInterval(() => {
                const why = j.done ? undefined : cancelled();
                if (why !== undefined)
                    emit(j.cancel(now(), why));
            }, o.pollMs ?? 250);
            timers.add(poll);
        }
        const result = await judgeConsole({ judge: j, read: con.chunks(), write, now, onEvent });
        timings.endMs = now() - t0;
        if (con.firstByteAt !== undefined)
            timings.firstByteMs = con.firstByteAt - t0;
        if (con.firstByteAfterMark !== undefined)
            timings.bootByteMs = con.firstByteAfterMark - t0;
        return {
            result,
            startedAt: t0,
            reset: method,
            portOpened: true,
            bytes: con.bytes,
            portLost: con.lost,
            powerCycles,
            timings,
        };
    }
    finally {
        for (const t of timers)
            clearTimeout(t);
        if (onLeaseLost)
            o.leaseSignal?.removeEventListener("abort", onLeaseLost);
        // A power cycle still under way finishes before the port closes: never leave the board off.
        await inflight?.catch(() => undefined);
        await con.close();
    }
}

;// CONCATENATED MODULE: ./packages/hil-test/src/source-paths.ts



/**
 * The judge's `relativize` for a hardware runner: Unity and asserts print the absolute paths
 * of the machine that BUILT the firmware (`/home/runner/work/fw/fw/main/test_pwm.c` on a
 * GitHub-hosted runner, `/builds/acme/fw/...` on GitLab), which is not where the hardware
 * runner checked the repository out. So:
 *
 * 1. strip the longest of `roots` (the build's source dir when known, the workspace);
 * 2. else, when a workspace is known, the longest tail of the path that exists in it
 *    (`main/test_pwm.c`), so annotations land on the file in the repository;
 * 3. else keep the path as printed.
 *
 * Answers are cached: a run prints few distinct files.
 */
function sourcePaths(o) {
    const strip = relativeTo([...(o.roots ?? []), o.workspace]);
    const cache = new Map();
    return (file) => {
        let out = cache.get(file);
        if (out !== undefined)
            return out;
        out = strip(file);
        if (out === file && o.workspace && (0,external_node_path_.isAbsolute)(file)) {
            const parts = file.split(/[\\/]+/).filter(Boolean);
            for (let i = 1; i < parts.length; i++) {
                const tail = parts.slice(i).join("/");
                if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(o.workspace, tail))) {
                    out = tail;
                    break;
                }
            }
        }
        cache.set(file, out);
        return out;
    };
}

;// CONCATENATED MODULE: ./packages/hil-test/src/run.ts







const STEP = "hil-test";
/**
 * The hil-test step: reset the slot's board into the app, read its console and judge it, then
 * publish everything a run leaves (console log, JUnit, job summary, annotations, outputs), journal
 * the `board`, `recovery`, `tests`, `artifact` and `step` entries when it runs in a job, and
 * record the slot's health. The board is used under the slot's lease (the job's, else claimed
 * for the run). A job whose cancellation flag is set ends `cancelled` without touching the
 * board. Set-up mistakes throw a ConfigurationError (journaled first); everything else,
 * including a dead board, ends in a verdict.
 */
async function runHilTest(o) {
    const started = Date.now();
    const env = o.env ?? process.env;
    const step = o.step ?? STEP;
    const { slot, host, inventory } = o;
    const workspace = (0,external_node_path_.resolve)(o.workspace ?? process.cwd());
    const outDir = (0,external_node_path_.resolve)(workspace, o.outDir ?? (0,external_node_path_.join)("hil-out", slot.id));
    const judge = {
        timeoutMs: (o.timeoutSec ?? 300) * 1000,
        inactivityMs: (o.inactivitySec ?? 60) * 1000,
        unity: o.unity ?? true,
        relativize: sourcePaths({ workspace, roots: o.sourceRoots ?? [] }),
        ...(o.expect !== undefined ? { expect: o.expect } : {}),
        ...(o.fail !== undefined ? { fail: o.fail } : {}),
        ...(o.unityMenu ? { unityMenu: o.unityMenu } : {}),
    };
    // Bad patterns are the user's to fix before any hardware is touched.
    new judge_ConsoleJudge({ ...judge, startedAt: started });
    const job = o.job !== undefined ? (o.job ?? undefined) : (0,lease_src/* findCurrentJob */.G5)({ inventory, slot: slot.id, env });
    const interrupted = () => o.signal?.aborted ? `the step was interrupted (${(0,contracts_src/* describeError */.Uc)(o.signal.reason)})` : undefined;
    const cancelled = () => interrupted() ??
        ((flag) => (flag ? `the job's cancellation flag is set (${flag.reason})` : undefined))(job?.cancelFlag());
    const title = `${step} on ${slot.id}`;
    const timings = {};
    const finish = async (result, session, logPath) => {
        const paths = await publishJudgement(result, host, {
            outDir,
            ...(logPath ? { consoleLog: logPath } : {}),
            title,
            junit: {
                name: `${step} ${slot.id}`,
                hostname: slot.id,
                properties: {
                    slot: slot.id,
                    port: slot.port,
                    chip: slot.chip,
                    mac: slot.mac,
                    commit: (0,src/* ciContext */.U)(env).jobSha,
                    console_log: logPath,
                },
            },
        });
        host.setOutput("failure-kind", result.failureKind ?? "");
        if (job) {
            if (session?.portOpened)
                job.journal.append({
                    type: "board",
                    step,
                    chip: slot.chip,
                    port: slot.port,
                    ...(slot.mac ? { mac: slot.mac } : {}),
                });
            for (const e of journalEntries(result, { step, paths }))
                job.journal.append(e);
        }
        if (result.status !== "success") {
            host.error(`${title}: ${result.reason}${result.hint ? `\n${result.hint}` : ""}`);
        }
        if (session?.timings.firstLineMs !== undefined)
            host.info(`First console line ${timings.stepStartToFirstLineMs} ms after the step started; the boot's first byte ` +
                `${timings.stepStartToBootByteMs ?? "-"} ms (port open ${session.timings.portOpenMs} ms, reset done ${session.timings.resetDoneMs} ms).`);
        return {
            slot: slot.id,
            result,
            exitCode: exitCodeOf(result),
            paths,
            ...(job ? { job: { id: job.jobId, dir: job.jobDir } } : {}),
            ...(session ? { reset: session.reset } : {}),
            powerCycles: session?.powerCycles ?? 0,
            timings,
        };
    };
    // Cancelled before the step: a verdict, without the lease or the board.
    const early = cancelled();
    if (early !== undefined) {
        host.info(`${title}: cancelled before touching the board: ${early}.`);
        const j = new judge_ConsoleJudge({ ...judge, startedAt: started });
        j.cancel(Date.now(), early);
        return finish(j.result);
    }
    let session;
    let logPath;
    try {
        await (0,lease_src/* underSlotLease */.tE)(inventory, slot.id, {
            waitSec: o.waitSec ?? 0,
            env,
            host,
            job: job ?? null,
            ...(o.signal ? { signal: o.signal } : {}),
        }, async (scope) => {
            logPath = (0,external_node_path_.join)(outDir, "console.log");
            const log = new console_log_ConsoleLog(logPath, (t) => host.redact(t));
            try {
                session = await host.group(`Console of ${slot.id} (${slot.port}, ${slot.console_baud} baud)`, () => session_runBoardSession({
                    slot,
                    host,
                    judge,
                    log,
                    cancelled,
                    leaseSignal: scope.signal,
                    onRecovery: (e) => journalRecovery(scope.job ?? job, step, e),
                    ...(o.powerCycle ? { powerCycle: true } : {}),
                    ...(o.power ? { power: o.power } : {}),
                    ...(o.echo !== undefined ? { echo: o.echo } : {}),
                    ...(o.answerMs !== undefined ? { answerMs: o.answerMs } : {}),
                    ...(o.device ? { device: o.device } : {}),
                }));
            }
            finally {
                log.close();
            }
            // Under the lease, as health writers should be.
            recordSlotHealth(inventory, slot.id, session.result, session, host);
        });
    }
    catch (e) {
        if (!session && o.signal?.aborted) {
            // Interrupted while waiting for the slot: cancelled, like an interrupt while reading.
            const j = new judge_ConsoleJudge({ ...judge, startedAt: started });
            j.cancel(Date.now(), interrupted());
            return finish(j.result);
        }
        if (!session) {
            failStep(host, job, step, e, started);
            throw e;
        }
        // The run finished before the lease was found lost: its verdict stands, with a warning.
        host.warn((0,contracts_src/* describeError */.Uc)(e));
    }
    const s = session;
    const t = s.timings;
    Object.assign(timings, t);
    if (t.firstLineMs !== undefined)
        timings.stepStartToFirstLineMs = s.startedAt + t.firstLineMs - started;
    if (t.bootByteMs !== undefined)
        timings.stepStartToBootByteMs = s.startedAt + t.bootByteMs - started;
    return finish(s.result, s, logPath);
}
function journalRecovery(job, step, e) {
    job?.journal.append({ type: "recovery", step, event: { ...e, step } });
}
/**
 * Health, as the lease part keeps it: a board that talked records `ok`; one that could not be
 * reached, stayed silent (after the power cycle, when there is power) or whose port went away
 * an `infra_failure`.
 */
function recordSlotHealth(inventory, slot, r, s, host) {
    if (r.status === "cancelled" && s.bytes === 0)
        return;
    const unreachable = r.failureKind === "infrastructure" && (s.bytes === 0 || !s.portOpened || s.portLost);
    try {
        (0,lease_src/* recordHealth */.Kp)(inventory, slot, unreachable ? "infra_failure" : "ok", unreachable ? `${STEP}: ${r.reason}` : undefined);
    }
    catch (e) {
        host.warn(`Could not record slot ${slot}'s health: ${(0,contracts_src/* describeError */.Uc)(e)}`);
    }
}
/** A step that could not run: journal why (so the report tells set-up from lab), then rethrow. */
function failStep(host, job, step, e, started) {
    const kind = e instanceof contracts_src/* ConfigurationError */.j1 ? "configuration" : "infrastructure";
    host.setOutput("status", "failed");
    host.setOutput("failure-kind", kind);
    if (!job)
        return;
    const message = e instanceof Error ? e.message : String(e);
    job.journal.append({
        type: "step",
        step,
        status: "failed",
        exit_code: 1,
        failure_kind: kind,
        summary: message.split("\n")[0].slice(0, 500),
        started_utc: new Date(started).toISOString(),
        ...(e instanceof contracts_src/* HilError */.ee && e.hint ? { next_action: e.hint } : {}),
    });
}

;// CONCATENATED MODULE: ./packages/hil-test/src/interrupt.ts
/**
 * An AbortSignal raised by SIGINT/SIGTERM (the runner cancelling the step, Ctrl-C at a
 * terminal), so the run ends as `cancelled` with its outputs written instead of dying mid-read.
 * `dispose()` removes the handlers, after which the signals act as usual again.
 */
function interruptSignal(signals = ["SIGINT", "SIGTERM"]) {
    const controller = new AbortController();
    const handlers = signals.map((name) => {
        const h = () => controller.abort(new Error(`received ${name}`));
        process.once(name, h);
        return [name, h];
    });
    return {
        signal: controller.signal,
        dispose: () => {
            for (const [name, h] of handlers)
                process.removeListener(name, h);
        },
    };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./packages/hil-test/src/bench.ts







/**
 * A port that delivers a whole console in `chunk`-byte pieces as fast as the reader takes them,
 * starting when the reset releases EN: the session's pipeline is the only limit.
 */
class FloodDevice extends serial_src/* StreamedDevice */.gk {
    data;
    chunk;
    port = "bench://flood";
    rts = false;
    constructor(data, chunk) {
        super();
        this.data = data;
        this.chunk = chunk;
    }
    async open(o) {
        this.opened(o.baudRate);
    }
    async close() {
        this.closed();
    }
    async setSignals(s) {
        const released = this.rts && s.requestToSend === false;
        if (s.requestToSend !== undefined)
            this.rts = s.requestToSend;
        if (released)
            for (let i = 0; i < this.data.length; i += this.chunk)
                this.received(this.data.subarray(i, i + this.chunk));
    }
    async getSignals() {
        return { dataCarrierDetect: true, clearToSend: true, ringIndicator: false, dataSetReady: true };
    }
    getInfo() {
        return {};
    }
    async setBaudRate() { }
    async transmit() { }
}
/**
 * How fast a test run takes console output in, end to end (the reader that stamps chunks, the
 * judge, the timestamped log; the live echo off), against the judge alone: a session that keeps
 * up is far above any serial line's rate (921600 baud is 0.09 MB/s).
 */
async function benchBoardSession(bytes = 16 * 1024 * 1024, chunk = 4096) {
    const { text, tests } = syntheticConsole(bytes);
    const data = new TextEncoder().encode(text);
    const dir = mkdtempSync(join(tmpdir(), "hil-bench-"));
    const slot = {
        id: "bench",
        label: "bench",
        chip: "esp32",
        port: "bench://flood",
        baud: 921600,
        console_baud: 115200,
        reset: "classic",
    };
    try {
        const log = new ConsoleLog(join(dir, "console.log"));
        const started = performance.now();
        const s = await runBoardSession({
            slot,
            host: new RecordingHost(),
            log,
            echo: false,
            device: new FloodDevice(data, chunk),
            judge: { timeoutMs: 600_000, inactivityMs: 600_000, crashGraceMs: 1, unitySettleMs: 1 },
        });
        log.close();
        const ms = performance.now() - started - (s.timings.resetDoneMs ?? 0);
        if (s.result.status !== "success" || s.result.counts.passed !== tests)
            throw new Error(`benchBoardSession: judged ${s.result.status} (${s.result.reason})`);
        return {
            mbPerSec: data.length / 1e6 / (ms / 1000),
            judgeMbPerSec: benchJudgeDetailed(bytes, chunk).mbPerSec,
            bytes: data.length,
            ms,
        };
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./packages/hil-test/src/index.ts
// @hil/hil-test: run a test on a slot's board (reset → read the console → judge → outputs).
// The hil-test action, `hil test`, the demo and the runner hooks are thin doors onto this.








/***/ }),

/***/ 24056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pO: () => (/* reexport */ Redactor),
  Hn: () => (/* reexport */ cell),
  Qj: () => (/* reexport */ markdownTable)
});

// UNUSED EXPORTS: GitLabHost, RecordingHost, TerminalHost, hostForCi

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

/***/ 47248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  D0: () => (/* reexport */ JobCancelledError),
  Jx: () => (/* reexport */ withHardwareStep)
});

// UNUSED EXPORTS: DEFAULT_FORK_LABEL, DEFAULT_LEASE_WAIT_SEC, DEFAULT_RETENTION_DAYS, ForkRefusedError, HOOK_ENV, HOOK_FILES, JobStep, STARTED_STEP, STEPS_DIR, assertForkAllowed, assertNotCancelled, beginStep, cancelSlotJob, cancelState, ciJobStatus, closeDanglingSteps, completeJobDir, enterHardwareStep, exportToEnvFiles, forkGate, hookSettings, jobCompleted, jobStarted, locateJob, openStep, pruneJobDirs, raiseCancelFlag, readCompleted, readHookState, readSlotPointer, resultOf, runHook

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
function load_loadInventory(explicit, env = process.env) {
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
function select_selectSlot(inv, file, explicit, env = process.env) {
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
    const { file, inventory } = load_loadInventory(o.inventory, env);
    try {
        return { inventory, inventoryFile: file, slot: select_selectSlot(inventory, file, o.slot, env) };
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

/***/ 68814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IK: () => (/* reexport */ powerCycler)
});

// UNUSED EXPORTS: DEFAULT_BOOT_PATTERN, DEFAULT_BOOT_TIMEOUT_SEC, DEFAULT_LEASE_WAIT_SEC, HomeAssistantClient, HomeAssistantPower, PowerError, bootPattern, cooldownLeftMs, cycleBudgetMs, cycleSlotPower, cycleWith, defaultRetryDelayMs, entityState, failureKindOf, findSlot, hasPower, homeAssistantBaseUrl, isConfigurationFailure, lastCycle, powerDomain, powerStateFile, publishPowerCycle, recordCycleEnd, resultError, resultHint, resultLine, resultMarkdown, runPowerCycle, sleep, slotPower, slotPowerConfig, stepEntry, withCycleLock

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
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
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
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
function sleep(ms, signal) {
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
    await sleep(o.offMs, o.signal);
    o.beforeOn?.();
    const unpoweredMs = Date.now() - dark;
    const onMs = await power.on(call);
    const settled = Date.now();
    await sleep(o.settleMs, o.signal);
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
            await sleep(Math.min(this.pollMs, Math.max(0, left())), o.signal);
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
            await sleep(o.offMs, o.signal);
            const mark = o.boot?.console.received;
            t.unpowered_ms = Date.now() - darkAt;
            const onAt = Date.now();
            t.on_ms = await power.on(call);
            dark = false;
            host.info(`${o.slot}: on (confirmed in ${t.on_ms} ms); settling ${secs(o.settleMs)}`);
            const settleAt = Date.now();
            await sleep(o.settleMs, o.signal);
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
                await sleep(delay(attempts), o.signal);
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
// EXTERNAL MODULE: ./packages/serial/src/index.ts + 9 modules
var serial_src = __webpack_require__(94750);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(83648);
var proper_lockfile_default = /*#__PURE__*/__webpack_require__.n(proper_lockfile);
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
        await sleep(Math.min(left, delay * (0.5 + Math.random())), o.signal);
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
                        (opened = await serial_src/* SerialConsole */.oc.open({
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
                            await sleep(left, sig);
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

// EXTERNAL MODULE: ./packages/host/src/index.ts + 5 modules
var host_src = __webpack_require__(24056);
;// CONCATENATED MODULE: ./packages/power/src/report.ts


const ms = (v) => (v === undefined ? "" : `${Math.round(v)} ms`);
/** Whether a failed result is the user's set-up (token, entity, URL) rather than the lab. */
function isConfigurationFailure(r) {
    const s = r.http_status;
    return s !== undefined && s >= 400 && s < 500 && s !== 408 && s !== 429;
}
function failureKindOf(r) {
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
    const kind = failureKindOf(r);
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











/***/ }),

/***/ 94750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oc: () => (/* reexport */ SerialConsole),
  gk: () => (/* reexport */ StreamedDevice),
  HA: () => (/* reexport */ createSerialDevice),
  Mk: () => (/* reexport */ missingPortError),
  WC: () => (/* reexport */ resetToApp)
});

// UNUSED EXPORTS: BY_ID_DIR, LinesUnsupportedError, LocalSerialDevice, Rfc2217Device, busyPortError, classicReset, deviceLostError, hardReset, parseRfc2217Url, permissionError, rfc2217Error, usbIds

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
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










/***/ })

};
