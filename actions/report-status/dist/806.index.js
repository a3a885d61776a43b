export const id = 806;
export const ids = [806];
export const modules = {

/***/ 1446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QL: () => (/* binding */ inputs),
/* harmony export */   hr: () => (/* binding */ ACTION)
/* harmony export */ });
/* unused harmony export OUTPUTS */
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(104);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);


const ACTION = "report-status";
const inputs = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    slot: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    inventory: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "job-dir": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "github-token": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    context: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(255).optional(),
    "check-run": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(false),
    "job-status": zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(["success", "failure", "cancelled"], {
        error: "expected success, failure or cancelled (pass ${{ job.status }})",
    })
        .optional(),
    "report-path": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "fail-on-publish-error": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .booleanInput */ .tE.default(true),
});
const OUTPUTS = (/* unused pure expression or super */ null && (["status", "state", "report-path", "published"]));


/***/ }),

/***/ 5762:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(104);
/* harmony import */ var _hil_ci__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1287);
/* harmony import */ var _hil_contracts__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6115);
/* harmony import */ var _hil_inventory__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9842);
/* harmony import */ var _hil_lease__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3857);
/* harmony import */ var _hil_report__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2982);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1446);








/**
 * The job to report on: the job-dir input, else the lease's job lookup (findCurrentJob):
 * HIL_JOB_DIR first (set by the hooks on GitLab, and on GitHub when GITHUB_ENV carried it; no
 * inventory needed), then the slot's lease holder record when it is this CI job.
 */
function jobDirToReport(i, env) {
    if (i["job-dir"])
        return i["job-dir"];
    const what = "No job directory to report on: HIL_JOB_DIR is not set";
    const hint = "Run on a hil runner whose job-started hook claimed the slot for this job, or pass job-dir: <state_dir>/jobs/<job-key>.";
    if (env.HIL_JOB_DIR)
        return env.HIL_JOB_DIR; // findCurrentJob's first rule; no inventory needed
    let loaded;
    let slot;
    try {
        loaded = (0,_hil_inventory__WEBPACK_IMPORTED_MODULE_4__/* .loadInventory */ .pl)(i.inventory, env);
        slot = (0,_hil_inventory__WEBPACK_IMPORTED_MODULE_4__/* .selectSlot */ .TD)(loaded.inventory, loaded.file, i.slot, env).id;
    }
    catch (e) {
        throw new _hil_contracts__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${what}, and the slot's lease cannot be looked up: ${(0,_hil_contracts__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(e)}`, { hint });
    }
    const job = (0,_hil_lease__WEBPACK_IMPORTED_MODULE_5__/* .findCurrentJob */ .G5)({ inventory: loaded.inventory, slot, env });
    if (job)
        return job.jobDir;
    const holder = (0,_hil_lease__WEBPACK_IMPORTED_MODULE_5__/* .leaseStatus */ .pt)(loaded.inventory, slot).holder;
    throw new _hil_contracts__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${what}, and slot ${slot}'s lease ${holder ? `belongs to ${holder.job_id}, not this job` : "is free"}.`, { hint });
}
await (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_1__/* .runAction */ .Cs)(async (host) => {
    const i = (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)(_inputs__WEBPACK_IMPORTED_MODULE_7__/* .inputs */ .QL, _inputs__WEBPACK_IMPORTED_MODULE_7__/* .ACTION */ .hr, ["github-token"]);
    const env = process.env;
    const jobDir = jobDirToReport(i, env);
    // Without a readable invocation.json the job is named from the environment and the slot.
    let slot = i.slot || env.HIL_SLOT;
    if (!slot && !(0,_hil_report__WEBPACK_IMPORTED_MODULE_6__/* .loadJob */ ._6)(jobDir).invocation) {
        const inv = (0,_hil_inventory__WEBPACK_IMPORTED_MODULE_4__/* .loadInventory */ .pl)(i.inventory, env);
        slot = (0,_hil_inventory__WEBPACK_IMPORTED_MODULE_4__/* .selectSlot */ .TD)(inv.inventory, inv.file, undefined, env).id;
    }
    const ci = (0,_hil_ci__WEBPACK_IMPORTED_MODULE_2__/* .ciContext */ .U)(env);
    const identity = (0,_hil_report__WEBPACK_IMPORTED_MODULE_6__/* .identityFromCi */ .jg)(ci, slot);
    const workspace = ci.workspace ?? process.cwd();
    const res = await (0,_hil_report__WEBPACK_IMPORTED_MODULE_6__/* .finishJob */ .xK)({
        jobDir,
        host,
        env,
        forge: (0,_hil_report__WEBPACK_IMPORTED_MODULE_6__/* .forgeFromCi */ .mE)(ci, { token: i["github-token"], checkRun: i["check-run"] }) ?? null,
        reportPath: (r) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, i["report-path"] || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)("hil-out", r.slot ?? r.lock_key, "ws2-report.json")),
        ...(i.context ? { context: i.context } : {}),
        ...(i["job-status"] ? { jobStatus: i["job-status"] } : {}),
        ...(identity ? { identity } : {}),
    });
    const status = res.outcomes.find((o) => o.what === "commit status");
    host.setOutput("status", res.report.status);
    host.setOutput("state", status?.state ?? "");
    host.setOutput("report-path", res.reportPath);
    host.setOutput("published", res.outcomes.length > 0 && !res.publishFailed);
    if (res.publishFailed) {
        const failed = res.outcomes.filter((o) => !o.ok);
        const message = `The report was written to ${res.reportPath}, but ${failed.map((o) => `the ${o.what}`).join(" and ")} could not be posted.`;
        if (i["fail-on-publish-error"]) {
            throw new _hil_contracts__WEBPACK_IMPORTED_MODULE_3__/* .HilError */ .ee(message, {
                hint: `${failed[0].hint ?? ""} (Set fail-on-publish-error: false to only warn.)`.trim(),
            });
        }
        host.warn(message);
    }
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tE: () => (/* reexport */ booleanInput),
  Ko: () => (/* reexport */ readInputs),
  Cs: () => (/* reexport */ runAction)
});

// UNUSED EXPORTS: GitHubHost, intInput, secondsInput

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var src = __webpack_require__(1287);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./packages/host/src/index.ts + 5 modules
var host_src = __webpack_require__(4056);
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
var contracts_src = __webpack_require__(6115);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/coerce.js
var coerce = __webpack_require__(9567);
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

/***/ 1287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* reexport */ ciContext)
});

// UNUSED EXPORTS: PULL_REQUEST_EVENTS

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(6115);
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

/***/ 6115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ ConfigurationError),
  ai: () => (/* reexport */ EXIT_CODES),
  ee: () => (/* reexport */ HilError),
  EN: () => (/* reexport */ InfrastructureError),
  WI: () => (/* reexport */ REPORT_SCHEMA_VERSION),
  Uc: () => (/* reexport */ describeError),
  pf: () => (/* reexport */ inventory),
  He: () => (/* reexport */ invocation),
  Ur: () => (/* reexport */ journalEntry),
  t5: () => (/* reexport */ namedCommit),
  Ku: () => (/* reexport */ parseWith),
  z8: () => (/* reexport */ report),
  $A: () => (/* reexport */ utcTimestamp)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, FLASH_SECTOR, INVOCATION_SCHEMA_VERSION, MANIFEST_SCHEMA_VERSION, MAX_TIMEOUT_SEC, POWER_DOMAINS, PUBLISHED_SCHEMAS, ValidationError, boardIdentity, chip, commitSha, contractCommitSha, failureKind, flashSize, flashSizeBytes, formatPath, jsonSchemaText, lane, macAddress, manifest, manifestImage, powerConfig, powerCycleOutcome, powerCycleResult, problemsOf, recoveryAction, recoveryEvent, reportStatus, resetStrategy, role, safeRelativePath, sha256Hex, slot, testCounts, testFailure

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
var iso = __webpack_require__(4377);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
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

/***/ 4056:
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
var external_node_fs_ = __webpack_require__(3024);
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

/***/ 9842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pl: () => (/* reexport */ loadInventory),
  TD: () => (/* reexport */ selectSlot)
});

// UNUSED EXPORTS: DEFAULT_INVENTORY, checkHost, inventoryPath, parseInventory, runnerLabels

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(6115);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
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
var ci_src = __webpack_require__(1287);
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
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
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

/***/ 3825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e0: () => (/* reexport */ JOB_FILES),
  CQ: () => (/* reexport */ Journal),
  A0: () => (/* reexport */ jobDirFor),
  Bg: () => (/* reexport */ readCancelFlag),
  rm: () => (/* reexport */ readInvocation)
});

// UNUSED EXPORTS: jobKey, parseCancelFlag, timeoutFlagText, writeJsonAtomic

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(6115);
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
var external_node_crypto_ = __webpack_require__(7598);
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
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n");
    renameSync(tmp, file);
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

/***/ 3857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G5: () => (/* reexport */ job_findCurrentJob),
  pt: () => (/* reexport */ lease_leaseStatus)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, DEFAULT_UNHEALTHY_AFTER, HOLDER_PREFIX, JOB_FILES, JobContext, KEEPER_ARG, KEEPER_ENV, LEASE_ENV, LEASE_SCHEMA_VERSION, Lease, LeaseBusyError, LeaseLostError, MAX_TIMEOUT_SEC, SlotUnhealthyError, acquireLease, assertHealthy, callerIdentity, claimJobLease, createJobDir, currentJob, currentUser, defaultKeeperCommand, describeAge, describeHolder, findAncestorPid, forceRelease, health, holderFileName, holderIsCaller, holderKind, holderRecord, holderWho, isHolderFile, jobDirFor, jobKey, leaseEnv, leasePath, lockSelfTest, measureClaimLatency, newToken, pidAlive, readJobLease, readLeaseEnded, recordHealth, releaseJobLease, resetHealth, resolveJobTimeout, runKeeper, staleMs, sweepClaimLeftovers, thisHost, underSlotLease, writeJsonAtomic

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(6115);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./packages/lease/src/record.ts




const record_LEASE_SCHEMA_VERSION = "hil.lease.v1";
/** Who holds a lease: a job's keeper, a `hil lock` session, or a single step that claimed it for itself. */
const holderKind = schemas/* enum */.k5n(["job", "lock", "step"]);
/**
 * The holder record, `<lock_dir>/<slot>.lock/holder.<token>.json`. It is written before the lease
 * dir is published (atomically, by rename), so a held lease always names its holder, and it
 * goes with the lease dir when the lease ends. Unknown fields are kept (a newer hil on another
 * host sharing the lock dir over NFS may add some).
 */
const holderRecord = schemas/* looseObject */._H3({
    schema_version: schemas/* literal */.euz(record_LEASE_SCHEMA_VERSION),
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
const record_isHolderFile = (name) => name.startsWith(HOLDER_PREFIX) && name.endsWith(".json");
/** `<lock_dir>/<slot>.lock`: the lease dir proper-lockfile manages. */
function record_leasePath(site, slot) {
    return (0,external_node_path_.join)(site.lock_dir, `${slot}.lock`);
}
function record_staleMs(site) {
    // proper-lockfile refuses anything under 2 s.
    return Math.max(2000, Math.round(site.stale_sec * 1000));
}
/** The user name, without failing on hosts where the uid has no passwd entry (containers). */
function record_currentUser(env = process.env) {
    try {
        return userInfo().username;
    }
    catch {
        return env.USER || env.LOGNAME || `uid-${process.getuid?.() ?? "?"}`;
    }
}
const record_thisHost = () => hostname();
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
function record_describeHolder(h, now = Date.now()) {
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
        const who = status.holder ? record_describeHolder(status.holder) : "an unknown holder";
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
class errors_LeaseLostError extends src/* InfrastructureError */.EN {
    slot;
    name = "LeaseLostError";
    constructor(slot, detail, hint = "Re-run the job. If this repeats, check that the lock dir is on a healthy disk (hil doctor) and that the host is not overloaded.") {
        super(`The lease on slot ${slot} was lost: ${detail}. Hardware steps stop here.`, { hint });
        this.slot = slot;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(3648);
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
class guard_fs_GuardFs {
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
        this.file = join(leasePath, holderFileName(token));
        this.tmp = join(dirname(leasePath), `.claim.${basename(leasePath)}.${token}`);
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
            return this.done(cb, () => void mkdirSync(path));
        this.done(cb, () => {
            try {
                mkdirSync(this.tmp);
                writeFileSync(join(this.tmp, holderFileName(this.token)), this.recordText, { flag: "wx" });
                renameSync(this.tmp, this.leasePath);
            }
            catch (e) {
                rmSync(this.tmp, { recursive: true, force: true });
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
            return this.done(cb, () => statSync(path));
        this.done(cb, () => (this.held ? statSync(this.file) : freshestHolderStat(this.leasePath)));
    };
    utimes = (path, atime, mtime, cb) => {
        this.done(cb, () => void utimesSync(path === this.leasePath ? this.file : path, atime, mtime));
    };
    rmdir = (path, cb) => {
        if (path !== this.leasePath)
            return this.done(cb, () => void rmdirSync(path));
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
            rmdirSync(path);
    };
    realpath = (path, cb) => cb(null, path);
    releaseSync() {
        this.held = false;
        try {
            unlinkSync(this.file);
        }
        catch (e) {
            if (!guard_fs_isCode(e, "ENOENT"))
                throw e;
            // Someone took the lease over; the dir (if any) is theirs now.
            this.lost = true;
            return undefined;
        }
        try {
            rmdirSync(this.leasePath);
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
            names = readdirSync(this.leasePath);
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
                rmdirSync(this.leasePath);
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
                staleFor = Math.min(staleFor, now - statSync(join(this.leasePath, name)).mtimeMs);
            }
            catch (e) {
                if (guard_fs_isCode(e, "ENOENT"))
                    throw busy(); // another claimant is taking it over
                throw e;
            }
        }
        if (staleFor <= this.staleMs)
            throw busy();
        const previous = readHolder(join(this.leasePath, holders[0]));
        await this.pause?.("reclaim:judged-stale");
        for (const name of holders) {
            try {
                unlinkSync(join(this.leasePath, name));
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
            rmdirSync(this.leasePath);
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
    const holders = (0,external_node_fs_.readdirSync)(leasePath).filter(record_isHolderFile);
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
            if (isCode(e, "ERELEASED"))
                return { released: false, heldMs }; // compromised meanwhile
            throw new InfrastructureError(`Could not release the lease ${this.path}: ${e.message}`, {
                hint: "It goes stale and is taken over after the stale window; check the lock dir with hil doctor.",
            });
        }
        return { released: !this.guard.lost, heldMs };
    }
}
function newToken() {
    return randomBytes(12).toString("hex");
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
        mkdirSync(site.lock_dir, { recursive: true });
    }
    catch (e) {
        throw new ConfigurationError(`Cannot create the lock dir ${site.lock_dir} (${e.code}).`, {
            hint: `Create it writable for the runner's user and group, e.g. sudo install -d -m 2775 -g hil ${site.lock_dir}, then run hil doctor.`,
        });
    }
}
function fsProblem(site, slot, e) {
    const code = e.code;
    const path = leasePath(site, slot);
    if (code === "EFOREIGN") {
        return new ConfigurationError(e.message + ".", {
            hint: `If no other tool uses it, remove it (rm -r ${path}); hil leases hold a holder.*.json record.`,
        });
    }
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
        return new ConfigurationError(`Cannot write the lease ${path} (${code}).`, {
            hint: `Make ${site.lock_dir} writable for the runner's user (group hil, mode 2775); hil doctor checks it.`,
        });
    }
    return new InfrastructureError(`Cannot take the lease ${path}: ${e.message}`, {
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
    const path = leasePath(site, slot);
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
            const unlock = await lockfile.lock(`${path}#${token}`, {
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
            if (isCode(e, "ENOENT", "ENOTDIR") && !lockDirChecked) {
                lockDirChecked = true;
                ensureLockDir(site);
                continue;
            }
            if (!isCode(e, "ELOCKED", "EEXIST"))
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
            throw new LeaseBusyError(status, waitSec, site.stale_sec);
        }
        // Jittered backoff so waiters on one slot do not move in lockstep.
        try {
            await sleep(Math.min(left, delay * (0.5 + Math.random())), undefined, {
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
    const holderName = names.find(record_isHolderFile);
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
        if (st.mtimeMs < Date.now() - record_staleMs(site))
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
        names = readdirSync(site.lock_dir);
    }
    catch {
        return 0;
    }
    const cutoff = Date.now() - 2 * staleMs(site);
    for (const name of names) {
        if (!name.startsWith(".claim."))
            continue;
        const p = join(site.lock_dir, name);
        try {
            if (statSync(p).mtimeMs < cutoff) {
                rmSync(p, { recursive: true, force: true });
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
var journal_src = __webpack_require__(3825);
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
var external_node_child_process_ = __webpack_require__(1421);
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
var ci_src = __webpack_require__(1287);
;// CONCATENATED MODULE: ./packages/lease/src/job.ts








/**
 * The caller's job identity. HIL_JOB_ID (exported under a lease) wins; then GitHub
 * (GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT/GITHUB_JOB), GitLab (CI_JOB_ID), else a local session
 * `local-<host>-<pid>`.
 */
function job_callerIdentity(env = process.env, pid = process.pid) {
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
function job_holderIsCaller(holder, who) {
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
function job_findCurrentJob(opts) {
    const env = opts.env ?? process.env;
    const who = job_callerIdentity(env);
    let status;
    const ownHolder = () => {
        if (!opts.slot)
            return undefined;
        status ??= lease_leaseStatus(opts.inventory, opts.slot);
        return status.holder && job_holderIsCaller(status.holder, who) ? status.holder : undefined;
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
    const job = job_findCurrentJob(opts);
    if (job)
        return job;
    const who = job_callerIdentity(opts.env ?? process.env);
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
var external_node_async_hooks_ = __webpack_require__(6698);
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
    const status = leaseStatus(inventory, slot);
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
    const lease = await acquireLease(inventory, slot, {
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
    const file = join(leasePath(site, slot), holderFileName(holder.token));
    const check = () => {
        if (existsSync(file))
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
        env: leaseEnv(holder),
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
const file = (site, slot) => join(site.state_dir, "health", `${slot}.json`);
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
        stored = JSON.parse(readFileSync(file(site, slot), "utf8"));
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
    mkdirSync(join(site.state_dir, "health"), { recursive: true });
    writeJsonAtomic(file(site, h.slot), h);
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

/***/ 2982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xK: () => (/* reexport */ finishJob),
  mE: () => (/* reexport */ forge_forgeFromCi),
  jg: () => (/* reexport */ identityFromCi),
  _6: () => (/* reexport */ loadJob)
});

// UNUSED EXPORTS: REPORT_FILE, assembleReport, checkConclusion, currentExecutor, decideStatus, explainForgeError, fit, githubState, gitlabState, humanSummary, nextAction, publishGitHub, publishGitLab, publishPending, publishReport, reportMarkdown, statusContext, testsLine, whereLine, writeReport

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(6115);
;// CONCATENATED MODULE: ./packages/report/src/text.ts
const WORD = {
    success: "passed",
    failed: "failed",
    timeout: "timed out",
    cancelled: "was cancelled",
};
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** `12 passed, 1 failed` (`, 2 ignored` when any were). */
function testsLine(t) {
    return `${t.passed} passed, ${t.failed} failed${t.ignored ? `, ${t.ignored} ignored` : ""}`;
}
/** `hut-02 (esp32, MAC 24:6f:28:aa:bb:02)`. */
function whereLine(slot, board) {
    const facts = [board?.chip, board?.mac ? `MAC ${board.mac}` : undefined].filter(Boolean);
    if (!slot)
        return facts.length ? `(${facts.join(", ")})` : "";
    return facts.length ? `${slot} (${facts.join(", ")})` : slot;
}
/**
 * The report's one-line account for people and for the commit status:
 * `12 passed, 1 failed on hut-02 (esp32, MAC 24:6f:28:aa:bb:02) after 1 power cycle`,
 * `hil-flash failed: board not answering on hut-01 (esp32)`.
 */
function humanSummary(o) {
    const { cause, tests } = o;
    const parts = [];
    const step = cause.step;
    const testFailureOnly = cause.failureKind === "test" &&
        tests &&
        tests.failed > 0 &&
        /tests? failed$/.test(step?.summary ?? "");
    if (tests)
        parts.push(testsLine(tests));
    if (cause.status === "success") {
        if (!tests) {
            const steps = [...new Set(o.entries.flatMap((e) => (e.type === "step" ? [e.step] : [])))];
            parts.push(steps.length ? `${steps.join(", ")} passed` : "passed");
        }
    }
    else if (step && !testFailureOnly) {
        const said = step.summary.trim();
        const word = WORD[cause.status];
        // "hil-test: timed out: no console output…", not "hil-test timed out: timed out: …".
        const saysItself = /^(failed|timed out|timeout|cancelled)\b/i.test(said);
        if (saysItself)
            parts.push(`${step.step}: ${said}`);
        else
            parts.push(`${step.step} ${word}${said ? `: ${said}` : ""}`);
    }
    else if (!step) {
        parts.push(cause.status === "cancelled" ? "cancelled" : `${WORD[cause.status]}: ${cause.why}`);
    }
    let text = parts.join("; ");
    const where = whereLine(o.slot, o.board);
    if (where)
        text += ` on ${where}`;
    if (o.powerCycles > 0)
        text += ` after ${plural(o.powerCycles, "power cycle")}`;
    return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}
function fixLine(failures) {
    const f = failures[0];
    if (!f)
        return undefined;
    const where = f.file ? ` (${f.file}${f.line ? `:${f.line}` : ""})` : "";
    const more = failures.length > 1 ? ` and ${plural(failures.length - 1, "more failing test")}` : "";
    return `Fix ${JSON.stringify(f.name)}${where}${f.message ? `: ${f.message}` : ""}${more}, then push.`;
}
/** What a person should do next, or nothing when the job passed. */
function nextAction(o) {
    const { cause } = o;
    const step = cause.step;
    const said = step ? `${step.step}: ${step.summary}` : cause.why;
    const slot = o.slot ?? "the slot";
    switch (cause.status) {
        case "success":
            return undefined;
        case "cancelled":
            return `Re-run the job if it should still run (it was cancelled${step ? ` during ${step.step}` : ""}).`;
        case "timeout":
            if (step?.next_action)
                return step.next_action;
            return `Re-run the job; if it times out again, look at the console log for where the board hung (${said}).`;
        case "failed":
            if (cause.failureKind === "test") {
                const fix = fixLine(o.failures);
                const testsFailed = (o.tests?.failed ?? 0) > 0 && /tests? failed$/.test(step?.summary ?? "");
                if (fix && testsFailed)
                    return fix;
                return step?.next_action ?? `Fix the firmware: ${said}; the console log has the details.`;
            }
            if (cause.failureKind === "infrastructure") {
                return `${step?.next_action ?? `Check the lab: ${slot}'s board, serial port and power relay (${said}).`} This is a lab problem, not a firmware failure; re-run once it is fixed.`;
            }
            if (cause.failureKind === "configuration") {
                return (step?.next_action ??
                    `Fix the job's set-up (workflow inputs, slot inventory, tokens): ${said}.`);
            }
            return step?.next_action ?? `See the log of the failing step (${said}).`;
    }
}

;// CONCATENATED MODULE: ./packages/report/src/assemble.ts


const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
/**
 * Decide the job's status from its steps (DESIGN.md section 5): the cancellation flag or a
 * cancelled step makes it `cancelled`; otherwise the first step that did not succeed decides
 * (`failed` for any non-zero exit, `timeout`); a workflow failure outside the hil steps, a
 * job that ran past its timeout, or a job where no step recorded anything is not `success`.
 */
function decideStatus(input, tests) {
    const steps = input.entries.filter((e) => e.type === "step");
    const cancelled = steps.find((s) => s.status === "cancelled");
    const deadline = input.cancel?.status === "timeout";
    if (input.cancel?.status === "cancelled" || cancelled || input.jobStatus === "cancelled") {
        return {
            status: "cancelled",
            exitCode: cancelled?.exit_code || src/* EXIT_CODES */.ai.cancelled,
            ...(cancelled ? { step: cancelled } : { why: "the job was cancelled" }),
        };
    }
    const bad = steps.find((s) => s.status !== "success" || s.exit_code !== 0);
    if (bad) {
        const status = bad.status === "success" ? "failed" : bad.status;
        const kind = bad.failure_kind ?? (tests && tests.failed > 0 ? "test" : undefined);
        return {
            status,
            exitCode: bad.exit_code || src/* EXIT_CODES */.ai[status],
            step: bad,
            ...(kind ? { failureKind: kind } : {}),
        };
    }
    if (deadline) {
        const why = input.cancel?.detail || "the job's deadline passed";
        return { status: "timeout", exitCode: src/* EXIT_CODES */.ai.timeout, why };
    }
    const inv = input.invocation;
    if (inv) {
        const elapsed = (input.now.getTime() - Date.parse(inv.request_utc)) / 1000;
        if (elapsed > inv.timeout_sec) {
            return {
                status: "timeout",
                exitCode: src/* EXIT_CODES */.ai.timeout,
                why: `the job ran ${Math.round(elapsed)} s, past its ${inv.timeout_sec} s timeout`,
            };
        }
    }
    if (input.jobStatus === "failure") {
        return {
            status: "failed",
            exitCode: src/* EXIT_CODES */.ai.failed,
            why: "a workflow step outside the hil steps failed",
        };
    }
    if (steps.length === 0 && input.jobStatus !== "success") {
        return {
            status: "failed",
            exitCode: src/* EXIT_CODES */.ai.failed,
            failureKind: "configuration",
            why: "no hil step recorded a result in the job's journal",
        };
    }
    return { status: "success", exitCode: 0 };
}
function sumTests(entries) {
    let counts;
    const failures = [];
    for (const e of entries) {
        if (e.type !== "tests")
            continue;
        counts ??= { total: 0, passed: 0, failed: 0, ignored: 0 };
        counts.total += e.counts.total;
        counts.passed += e.counts.passed;
        counts.failed += e.counts.failed;
        counts.ignored += e.counts.ignored;
        failures.push(...(e.failures ?? []));
    }
    return counts ? { counts, failures } : { failures };
}
/**
 * Fold a job's journal and invocation into its `ws2.report.v1`. Pure: the caller reads the
 * files (see `loadJob`). The result is validated against the contract before it is returned.
 */
function assembleReport(input) {
    const inv = input.invocation;
    const id = input.identity;
    const jobId = inv?.job_id ?? id?.jobId;
    const lockKey = inv?.lock_key ?? id?.lockKey;
    if (!jobId || !lockKey) {
        throw new Error("assembleReport needs the invocation or the job's identity (job id, lock key)");
    }
    const entries = input.entries;
    const { counts: tests, failures } = sumTests(entries);
    const cause = decideStatus(input, tests);
    const firstAt = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b)[0];
    const start = new Date(inv ? Date.parse(inv.request_utc) : (firstAt ?? input.now.getTime()));
    const end = input.now.getTime() < start.getTime() ? start : input.now;
    const recovery = entries
        .filter((e) => e.type === "recovery")
        .map((e) => e.event)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const board = {};
    for (const e of entries) {
        if (e.type !== "board")
            continue;
        if (e.chip)
            board.chip = e.chip;
        if (e.mac)
            board.mac = e.mac;
        if (e.port)
            board.port = e.port;
    }
    const artifacts = [
        ...new Set([
            ...entries.flatMap((e) => (e.type === "artifact" ? [e.path] : [])),
            ...(input.existingArtifacts ?? []),
        ]),
    ];
    const slot = inv?.slot ?? id?.slot;
    const lane = inv?.lane ?? (slot ? "local-hil" : undefined);
    const commit = inv?.commit_sha ?? id?.commitSha;
    const powerCycles = recovery.filter((e) => e.action === "power_cycle").length;
    const r = {
        schema_version: src/* REPORT_SCHEMA_VERSION */.WI,
        job_id: jobId,
        agent_role: input.agentRole ?? "runner",
        status: cause.status,
        start_utc: iso(start),
        end_utc: iso(end),
        duration_sec: Math.round((end.getTime() - start.getTime()) / 1000),
        exit_code: cause.exitCode,
        lock_key: lockKey,
        human_summary: humanSummary({ cause, tests, slot, board, powerCycles, entries }),
    };
    if (input.executor)
        r.executor = input.executor;
    if (commit)
        r.commit_sha = commit;
    if (artifacts.length)
        r.artifact_paths = artifacts;
    const next = nextAction({ cause, failures, slot, tests });
    if (next)
        r.next_action = next;
    if (lane)
        r.lane = lane;
    if (slot)
        r.slot = slot;
    if (lane === "local-hil" || recovery.length) {
        r.power_cycles = powerCycles;
        r.recovery_events = recovery;
    }
    if (tests)
        r.tests = tests;
    if (Object.keys(board).length)
        r.board = board;
    if (cause.failureKind && cause.status !== "success")
        r.failure_kind = cause.failureKind;
    return (0,src/* parseWith */.Ku)(src/* report */.z8, r, `the ws2.report.v1 of job ${jobId}`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/journal/src/index.ts + 2 modules
var journal_src = __webpack_require__(3825);
;// CONCATENATED MODULE: ./packages/report/src/job.ts




/**
 * Read a job directory. Never throws for what a dying job leaves behind (a torn journal
 * line, a missing or half-written invocation.json): the report must still be written, so
 * those come back as `skipped` / `invocationProblem`. Only a missing directory is an error.
 */
function loadJob(dir) {
    if (!(0,external_node_fs_.existsSync)(dir)) {
        throw new src/* ConfigurationError */.j1(`The job directory ${dir} does not exist.`, {
            hint: "Point HIL_JOB_DIR (or --job-dir / the job-dir input) at <state_dir>/jobs/<job-key>, where the job-started hook wrote invocation.json.",
        });
    }
    const read = (0,journal_src/* readInvocation */.rm)(dir);
    const cancel = (0,journal_src/* readCancelFlag */.Bg)(dir);
    const { entries, skipped } = new journal_src/* Journal */.CQ((0,external_node_path_.join)(dir, journal_src/* JOB_FILES */.e0.journal)).read();
    const base = read.invocation?.workdir ?? process.cwd();
    return {
        dir,
        ...(read.invocation ? { invocation: read.invocation } : { invocationProblem: read.problem }),
        entries,
        skipped,
        ...(cancel ? { cancel } : {}),
        existingArtifacts: (read.invocation?.expected_artifacts ?? []).filter((a) => (0,external_node_fs_.existsSync)((0,external_node_path_.isAbsolute)(a) ? a : (0,external_node_path_.resolve)(base, a))),
    };
}
/**
 * Who the job is, from the CI context, for when invocation.json is unusable: the job id the
 * lease uses (`gh-<run id>-<attempt>-<job>@<runner>`, `gl-<job id>`); the lock key is the slot.
 */
function identityFromCi(ci, slot) {
    if (ci.forge === "local" || !slot)
        return undefined;
    const sha = ci.commitSha;
    return {
        jobId: ci.jobId,
        lockKey: slot,
        slot,
        ...(sha && /^[0-9a-f]{40}$/.test(sha) ? { commitSha: sha } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/report/src/forge.ts
/**
 * GitHub's commit state for a report: `failure` means the firmware failed (tests, crash,
 * hang); `error` means the run could not be judged (the lab, the set-up) or was cancelled.
 */
function githubState(r) {
    if (r.status === "success")
        return "success";
    if (r.status === "cancelled")
        return "error";
    return r.failure_kind === "infrastructure" || r.failure_kind === "configuration"
        ? "error"
        : "failure";
}
/** A check run's conclusion for a report. */
function checkConclusion(status) {
    return status === "success"
        ? "success"
        : status === "timeout"
            ? "timed_out"
            : status === "cancelled"
                ? "cancelled"
                : "failure";
}
/** GitLab's commit status state for a report. */
function gitlabState(status) {
    return status === "success" ? "success" : status === "cancelled" ? "canceled" : "failed";
}
/** Cut text to a forge's limit, marking the cut. */
function fit(text, max) {
    const oneLine = text.replace(/\s+/g, " ").trim();
    return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
/** The commit status context: `hil/<slot>` unless configured. */
function forge_statusContext(slot, lockKey, configured) {
    return configured || `hil/${slot ?? lockKey}`;
}
/**
 * The forge this job runs under, from the CI context: GitHub Actions (repository, API, run link)
 * or GitLab CI (server, project, job link, pipeline, ref). Tokens: the explicit one, else the
 * runner host's (HIL_GITHUB_TOKEN / HIL_GITLAB_TOKEN, else GITHUB_TOKEN / GITLAB_TOKEN).
 * Undefined when neither forge is in the environment (a person at a terminal).
 */
function forge_forgeFromCi(ci, o = {}) {
    if (ci.forge === "github" && ci.repo) {
        const token = o.token || ci.tokens.github;
        return {
            kind: "github",
            apiUrl: ci.apiUrl ?? "https://api.github.com",
            repository: ci.repo,
            ...(token ? { token } : {}),
            ...(ci.url ? { targetUrl: ci.url } : {}),
            ...(o.checkRun ? { checkRun: true } : {}),
        };
    }
    if (ci.forge === "gitlab" && ci.serverUrl && ci.gitlab.projectId) {
        const token = o.token || ci.tokens.gitlab;
        return {
            kind: "gitlab",
            url: ci.serverUrl,
            projectId: ci.gitlab.projectId,
            ...(token ? { token } : {}),
            ...(ci.url ? { targetUrl: ci.url } : {}),
            ...(ci.gitlab.pipelineId ? { pipelineId: ci.gitlab.pipelineId } : {}),
            ...(ci.ref ? { ref: ci.ref } : {}),
        };
    }
    return undefined;
}
/** A forge error as a person can act on it: what happened and what to do. */
function explainForgeError(forge, what, where, status, message) {
    const name = forge === "github" ? "GitHub" : "GitLab";
    const tokenVar = forge === "github" ? "HIL_GITHUB_TOKEN" : "HIL_GITLAB_TOKEN";
    if (status === undefined) {
        return {
            error: `Could not reach ${name} at ${where} to post the ${what}: ${message}.`,
            hint: `Check the runner's network and proxy settings and the API URL (${forge === "github" ? "GITHUB_API_URL" : "CI_SERVER_URL"}); the report was still written.`,
        };
    }
    const said = `${name} answered ${status} (${message}) to the ${what}`;
    switch (status) {
        case 401:
            return {
                error: `${said}: the token was refused.`,
                hint: `The token is missing, expired or revoked: pass a valid one (the github-token input, --token) or set ${tokenVar} in the runner's environment for the hooks.`,
            };
        case 403:
            return {
                error: `${said}: the token may not do this.`,
                hint: forge === "github"
                    ? `Give the job \`permissions: { statuses: write${what === "check run" ? ", checks: write" : ""} }\` (tokens of pull requests from forks are read-only), or use a token with the repo:status scope.`
                    : "Use a project access token (role Developer or above, scope `api`); a job token (CI_JOB_TOKEN) may not post commit statuses.",
            };
        case 404:
            return {
                error: `${said}: the ${forge === "github" ? "repository" : "project or commit"} was not found.`,
                hint: `Check the ${forge === "github" ? "repository (GITHUB_REPOSITORY) and that the token can see it" : "project id (CI_PROJECT_ID), the commit SHA and that the token's project is this one"}.`,
            };
        case 422:
            return {
                error: `${said}.`,
                hint: "The commit SHA must exist in the repository (check commit_sha in the invocation / GITHUB_SHA); GitHub also stops taking statuses after 1000 per SHA and context.",
            };
        default:
            return {
                error: `${said}.`,
                hint: status >= 500
                    ? `${name} had trouble; re-run the report later (hil report).`
                    : `Check the request against the ${name} API documentation.`,
            };
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./packages/report/src/retry.ts
const DEFAULT_DELAYS = [1_000, 3_000];
/** Run `fn` with retries while `retryable(error)` says the error may pass. */
async function withRetries(fn, retryable, delays = DEFAULT_DELAYS) {
    for (let attempt = 0;; attempt++) {
        try {
            return await fn();
        }
        catch (e) {
            if (attempt >= delays.length || !retryable(e))
                throw e;
            await new Promise((r) => setTimeout(r, delays[attempt]));
        }
    }
}

;// CONCATENATED MODULE: ./packages/report/src/github.ts



const retryable = (e) => {
    const err = e;
    return !err.response || (err.status ?? 0) >= 500;
};
function failure(what, target, post, e) {
    const err = e;
    const status = err.response ? err.status : undefined;
    const message = err.response?.data?.message ?? err.message;
    const { error, hint } = explainForgeError("github", what, target.apiUrl, status, message);
    return {
        forge: "github",
        what,
        ok: false,
        state: post.state,
        context: post.context,
        ...(status !== undefined ? { httpStatus: status } : {}),
        error,
        hint,
    };
}
/**
 * Post a commit status for the SHA through @actions/github's Octokit (baseUrl from the
 * target, so GHES and the test fakes work), and a check run when the target asks for one.
 * Never throws: each publication comes back as an outcome, failures with what to do.
 */
async function github_publishGitHub(target, post, host, retry = {}) {
    const base = { forge: "github", state: post.state, context: post.context };
    if (!target.token) {
        return [
            {
                ...base,
                what: "commit status",
                ok: false,
                error: `No GitHub token to post the commit status ${post.context} with.`,
                hint: "Pass github-token (default ${{ github.token }}, needs `permissions: statuses: write`), or set HIL_GITHUB_TOKEN in the runner's environment for the hooks.",
            },
        ];
    }
    host.maskSecret(target.token);
    const [owner, repo] = target.repository.split("/");
    const octokit = (0,github/* getOctokit */.Q)(target.token, {
        baseUrl: target.apiUrl,
        log: {
            debug: () => { },
            info: () => { },
            warn: (m) => host.debug(m),
            error: (m) => host.debug(m),
        },
    });
    const delays = retry.delaysMs ?? DEFAULT_DELAYS;
    const signal = () => AbortSignal.timeout(retry.timeoutMs ?? 20_000);
    const outcomes = [];
    try {
        await withRetries(() => octokit.rest.repos.createCommitStatus({
            owner,
            repo,
            sha: post.sha,
            state: post.state,
            context: post.context,
            description: fit(host.redact(post.description), 140),
            ...(target.targetUrl ? { target_url: target.targetUrl } : {}),
            request: { signal: signal() },
        }), retryable, delays);
        outcomes.push({ ...base, what: "commit status", ok: true });
    }
    catch (e) {
        outcomes.push(failure("commit status", target, post, e));
    }
    if (target.checkRun && post.check) {
        const c = post.check;
        try {
            await withRetries(() => octokit.rest.checks.create({
                owner,
                repo,
                name: post.context,
                head_sha: post.sha,
                status: "completed",
                conclusion: c.conclusion,
                ...(target.targetUrl ? { details_url: target.targetUrl } : {}),
                output: {
                    title: fit(host.redact(c.title), 255),
                    summary: host.redact(c.summary).slice(0, 65_535),
                },
                request: { signal: signal() },
            }), retryable, delays);
            outcomes.push({ ...base, what: "check run", ok: true, state: c.conclusion });
        }
        catch (e) {
            outcomes.push({ ...failure("check run", target, post, e), state: c.conclusion });
        }
    }
    return outcomes;
}

// EXTERNAL MODULE: ./node_modules/@gitbeaker/rest/dist/index.mjs + 2 modules
var dist = __webpack_require__(342);
;// CONCATENATED MODULE: ./packages/report/src/gitlab.ts



function statusOf(e) {
    const err = e;
    const res = err.cause?.response;
    return err.name === "GitbeakerRequestError" ? res?.status : undefined;
}
function messageOf(e) {
    const err = e;
    if (err.name === "GitbeakerRequestError")
        return err.message;
    const cause = err.cause;
    return cause?.code ?? cause?.message ?? err.message;
}
const gitlab_retryable = (e) => {
    const s = statusOf(e);
    return s === undefined || s >= 500;
};
/**
 * Post a commit status on GitLab through @gitbeaker/rest (`Commits.editStatus`) with a
 * project token. A status that is already in the posted state (GitLab answers 400 "Cannot
 * transition status") counts as posted. Never throws.
 */
async function gitlab_publishGitLab(target, post, host, retry = {}) {
    const base = {
        forge: "gitlab",
        what: "commit status",
        state: post.state,
        context: post.context,
    };
    if (!target.token) {
        return [
            {
                ...base,
                ok: false,
                error: `No GitLab token to post the commit status ${post.context} with.`,
                hint: "Set HIL_GITLAB_TOKEN (a project access token with the api scope) as a CI/CD variable or in the runner's environment; CI_JOB_TOKEN may not post commit statuses.",
            },
        ];
    }
    host.maskSecret(target.token);
    const api = new dist/* Gitlab */.mJr({
        host: target.url,
        token: target.token,
        queryTimeout: retry.timeoutMs ?? 20_000,
    });
    try {
        await withRetries(() => api.Commits.editStatus(target.projectId, post.sha, post.state, {
            name: post.context,
            description: fit(host.redact(post.description), 255),
            ...(target.targetUrl ? { targetUrl: target.targetUrl } : {}),
            ...(target.pipelineId ? { pipelineId: target.pipelineId } : {}),
            ...(target.ref ? { ref: target.ref } : {}),
        }), gitlab_retryable, retry.delaysMs ?? DEFAULT_DELAYS);
        return [{ ...base, ok: true }];
    }
    catch (e) {
        const status = statusOf(e);
        const message = messageOf(e);
        if (status === 400 && /Cannot transition status/i.test(message)) {
            host.debug(`GitLab: ${post.context} is already ${post.state} (${message})`);
            return [{ ...base, ok: true, httpStatus: 400 }];
        }
        const { error, hint } = explainForgeError("gitlab", "commit status", target.url, status, message);
        return [
            { ...base, ok: false, ...(status !== undefined ? { httpStatus: status } : {}), error, hint },
        ];
    }
}

// EXTERNAL MODULE: ./packages/host/src/index.ts + 5 modules
var host_src = __webpack_require__(4056);
;// CONCATENATED MODULE: ./packages/report/src/markdown.ts


const ICON = { success: "✅", failed: "❌", timeout: "⏱️", cancelled: "🚫" };
/** The report as a job summary (and a check run's summary). */
function reportMarkdown(r, outcomes = [], title) {
    const out = [];
    out.push(`### ${ICON[r.status]} ${title ?? `hil report${r.slot ? ` for ${r.slot}` : ""}`}: ${r.status}`, "");
    out.push((0,host_src/* cell */.Hn)(r.human_summary), "");
    if (r.next_action)
        out.push(`**Next:** ${(0,host_src/* cell */.Hn)(r.next_action)}`, "");
    const rows = [
        [
            "status",
            `${r.status} (exit ${r.exit_code}${r.failure_kind ? `, failure kind \`${r.failure_kind}\`` : ""})`,
        ],
        ["job", `\`${r.job_id}\``],
    ];
    if (r.commit_sha)
        rows.push(["commit", `\`${r.commit_sha}\``]);
    if (r.slot || r.lane)
        rows.push(["slot", `${r.slot ?? "-"} (lane ${r.lane ?? "-"}, lock \`${r.lock_key}\`)`]);
    if (r.board) {
        rows.push([
            "board",
            [r.board.chip, r.board.mac && `MAC ${r.board.mac}`, r.board.port].filter(Boolean).join(", "),
        ]);
    }
    if (r.tests)
        rows.push(["tests", `${r.tests.total}: ${testsLine(r.tests)}`]);
    rows.push(["time", `${r.start_utc} → ${r.end_utc} (${r.duration_sec} s)`]);
    if (r.executor)
        rows.push(["executor", `${r.executor.user}@${r.executor.hostname}`]);
    if (r.power_cycles !== undefined)
        rows.push(["power cycles", r.power_cycles]);
    out.push((0,host_src/* markdownTable */.Qj)(["", ""], rows));
    if (r.recovery_events?.length) {
        out.push("Recovery:", "", (0,host_src/* markdownTable */.Qj)(["at", "step", "action", "result", "detail"], r.recovery_events.map((e) => [e.at, e.step, e.action, e.result, e.detail ?? ""])));
    }
    if (r.artifact_paths?.length) {
        out.push("Artifacts:", "", ...r.artifact_paths.map((p) => `- \`${p}\``), "");
    }
    if (outcomes.length) {
        out.push("Published:", "", (0,host_src/* markdownTable */.Qj)(["forge", "what", "context", "state", "result"], outcomes.map((o) => [
            o.forge,
            o.what,
            `\`${o.context}\``,
            o.state,
            o.ok ? "✅ posted" : `❌ ${o.error ?? "failed"} ${o.hint ?? ""}`,
        ])));
    }
    return out.join("\n");
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(1287);
;// CONCATENATED MODULE: ./packages/report/src/finish.ts











const REPORT_FILE = "report.json";
/** The user and host this process runs as, for the report's executor. */
function currentExecutor() {
    let user = process.env.USER ?? process.env.USERNAME ?? "unknown";
    try {
        user = (0,external_node_os_.userInfo)().username || user;
    }
    catch {
        // no passwd entry (containers): keep the environment's idea
    }
    return { hostname: (0,external_node_os_.hostname)() || "unknown", user };
}
/** Write the report as JSON, redacted, atomically (a reader never sees half a report). */
function writeReport(report, path, host) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    (0,external_node_fs_.writeFileSync)(tmp, host.redact(JSON.stringify(report, null, 2)) + "\n");
    (0,external_node_fs_.renameSync)(tmp, path);
}
/** Publish a finished report as a commit status (and a check run when the target asks for one). */
async function publishReport(report, host, o = {}) {
    const forge = o.forge === undefined ? forge_forgeFromCi((0,ci_src/* ciContext */.U)(o.env)) : o.forge;
    if (!forge)
        return [];
    const context = forge_statusContext(report.slot, report.lock_key, o.context);
    const sha = (0,src/* namedCommit */.t5)(report.commit_sha);
    if (!sha) {
        return [
            {
                forge: forge.kind,
                what: "commit status",
                ok: false,
                state: forge.kind === "github" ? githubState(report) : gitlabState(report.status),
                context,
                error: `The report of ${report.job_id} names no commit, so no commit status can be posted.`,
                hint: "Record commit_sha in the job's invocation.json (the job-started hook takes it from GITHUB_SHA / CI_COMMIT_SHA).",
            },
        ];
    }
    if (forge.kind === "github") {
        return github_publishGitHub(forge, {
            sha,
            state: githubState(report),
            context,
            description: report.human_summary,
            check: {
                conclusion: checkConclusion(report.status),
                title: `${context}: ${report.status}`,
                summary: reportMarkdown(report),
            },
        }, host, o.retry);
    }
    return gitlab_publishGitLab(forge, {
        sha,
        state: gitlabState(report.status),
        context,
        description: report.human_summary,
    }, host, o.retry);
}
/**
 * Post `pending` on the commit when a job claims its slot, so the commit shows hardware
 * testing in progress (the job-started hook calls this).
 */
async function publishPending(invocation, host, o = {}) {
    const forge = o.forge === undefined ? forgeFromCi(ciContext(o.env)) : o.forge;
    if (!forge)
        return [];
    const context = statusContext(invocation.slot, invocation.lock_key, o.context);
    const description = o.description ??
        `hardware test running on ${invocation.slot ?? invocation.lock_key} since ${invocation.request_utc}`;
    const sha = namedCommit(invocation.commit_sha);
    if (!sha) {
        return [
            {
                forge: forge.kind,
                what: "commit status",
                ok: false,
                state: "pending",
                context,
                error: `The invocation of ${invocation.job_id} names no commit, so no pending status can be posted.`,
                hint: "Record commit_sha in invocation.json (from GITHUB_SHA / CI_COMMIT_SHA).",
            },
        ];
    }
    const post = { sha, state: "pending", context, description };
    return forge.kind === "github"
        ? publishGitHub({ ...forge, checkRun: false }, post, host, o.retry)
        : publishGitLab(forge, post, host, o.retry);
}
/**
 * End a job: fold its journal into the `ws2.report.v1`, write it to disk, publish it as a
 * commit status (and check run), and put it in the job summary. The report is written
 * before anything is published, so a forge that refuses (401, 403, 422) or cannot be reached
 * never loses it; each failed publication is logged as an error saying what to do and comes
 * back in `outcomes`. Called by the job-completed hook and the report-status action.
 */
async function finishJob(o) {
    const { host } = o;
    const env = o.env ?? process.env;
    const job = loadJob(o.jobDir);
    if (job.skipped) {
        host.warn(`${job.skipped} line(s) of ${(0,external_node_path_.join)(o.jobDir, "journal.jsonl")} could not be read (a step killed while writing?); the report is folded from the rest.`);
    }
    let identity = o.identity;
    if (!job.invocation) {
        identity ??= identityFromCi((0,ci_src/* ciContext */.U)(env), env.HIL_SLOT);
        if (!identity) {
            throw new src/* ConfigurationError */.j1(`Cannot write the report: ${job.invocationProblem}, and the environment does not say which job this is.`, {
                hint: "Run this inside the job (GITHUB_RUN_ID / CI_JOB_ID and HIL_SLOT set), or restore invocation.json.",
            });
        }
        host.warn(`${job.invocationProblem}; reporting as job ${identity.jobId} on ${identity.lockKey}.`);
    }
    const report = assembleReport({
        ...(job.invocation ? { invocation: job.invocation } : {}),
        ...(identity ? { identity } : {}),
        entries: job.entries,
        now: o.now ?? new Date(),
        executor: o.executor ?? currentExecutor(),
        ...(job.cancel ? { cancel: job.cancel } : {}),
        existingArtifacts: job.existingArtifacts,
        ...(o.jobStatus ? { jobStatus: o.jobStatus } : {}),
    });
    const reportPath = typeof o.reportPath === "function"
        ? o.reportPath(report)
        : (o.reportPath ?? (0,external_node_path_.join)(o.jobDir, REPORT_FILE));
    writeReport(report, reportPath, host);
    host.info(`${report.status}: ${report.human_summary} (report: ${reportPath})`);
    const outcomes = await publishReport(report, host, { ...o, env });
    for (const x of outcomes) {
        if (x.ok)
            host.info(`posted ${x.forge} ${x.what} ${x.context}: ${x.state}`);
        else
            host.error(`${x.error}\n${x.hint ?? ""}`.trim(), {
                title: `${x.forge} ${x.what} not posted`,
            });
    }
    if (o.summary !== false)
        await host.writeSummary(reportMarkdown(report, outcomes, o.title));
    return { report, reportPath, outcomes, publishFailed: outcomes.some((x) => !x.ok) };
}

;// CONCATENATED MODULE: ./packages/report/src/index.ts










/***/ }),

/***/ 5407:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

var map = {
	"./BurstyRateLimiter": [
		5860
	],
	"./BurstyRateLimiter.js": [
		5860
	],
	"./ExpressBruteFlexible": [
		3966,
		966
	],
	"./ExpressBruteFlexible.js": [
		3966,
		966
	],
	"./RLWrapperBlackAndWhite": [
		7383
	],
	"./RLWrapperBlackAndWhite.js": [
		7383
	],
	"./RLWrapperTimeouts": [
		4016
	],
	"./RLWrapperTimeouts.js": [
		4016
	],
	"./RateLimiterAbstract": [
		8569
	],
	"./RateLimiterAbstract.js": [
		8569
	],
	"./RateLimiterCluster": [
		565
	],
	"./RateLimiterCluster.js": [
		565
	],
	"./RateLimiterDrizzle": [
		673
	],
	"./RateLimiterDrizzle.js": [
		673
	],
	"./RateLimiterDrizzleNonAtomic": [
		5347
	],
	"./RateLimiterDrizzleNonAtomic.js": [
		5347
	],
	"./RateLimiterDynamo": [
		2309
	],
	"./RateLimiterDynamo.js": [
		2309
	],
	"./RateLimiterEtcd": [
		6481
	],
	"./RateLimiterEtcd.js": [
		6481
	],
	"./RateLimiterEtcdNonAtomic": [
		5299
	],
	"./RateLimiterEtcdNonAtomic.js": [
		5299
	],
	"./RateLimiterInsuredAbstract": [
		3847
	],
	"./RateLimiterInsuredAbstract.js": [
		3847
	],
	"./RateLimiterMemcache": [
		3250
	],
	"./RateLimiterMemcache.js": [
		3250
	],
	"./RateLimiterMemory": [
		4544
	],
	"./RateLimiterMemory.js": [
		4544
	],
	"./RateLimiterMongo": [
		8439
	],
	"./RateLimiterMongo.js": [
		8439
	],
	"./RateLimiterMySQL": [
		7793
	],
	"./RateLimiterMySQL.js": [
		7793
	],
	"./RateLimiterPostgres": [
		3740
	],
	"./RateLimiterPostgres.js": [
		3740
	],
	"./RateLimiterPrisma": [
		6323
	],
	"./RateLimiterPrisma.js": [
		6323
	],
	"./RateLimiterQueue": [
		2860
	],
	"./RateLimiterQueue.js": [
		2860
	],
	"./RateLimiterRedis": [
		4336
	],
	"./RateLimiterRedis.js": [
		4336
	],
	"./RateLimiterRes": [
		449
	],
	"./RateLimiterRes.js": [
		449
	],
	"./RateLimiterSQLite": [
		3283
	],
	"./RateLimiterSQLite.js": [
		3283
	],
	"./RateLimiterStoreAbstract": [
		5140
	],
	"./RateLimiterStoreAbstract.js": [
		5140
	],
	"./RateLimiterUnion": [
		244
	],
	"./RateLimiterUnion.js": [
		244
	],
	"./RateLimiterValkey": [
		2193
	],
	"./RateLimiterValkey.js": [
		2193
	],
	"./RateLimiterValkeyGlide": [
		3756
	],
	"./RateLimiterValkeyGlide.js": [
		3756
	],
	"./component/BlockedKeys": [
		8830
	],
	"./component/BlockedKeys/": [
		8830
	],
	"./component/BlockedKeys/BlockedKeys": [
		5202
	],
	"./component/BlockedKeys/BlockedKeys.js": [
		5202
	],
	"./component/BlockedKeys/index": [
		8830
	],
	"./component/BlockedKeys/index.js": [
		8830
	],
	"./component/MemoryStorage": [
		8178,
		178
	],
	"./component/MemoryStorage/": [
		8178,
		178
	],
	"./component/MemoryStorage/MemoryStorage": [
		1534
	],
	"./component/MemoryStorage/MemoryStorage.js": [
		1534
	],
	"./component/MemoryStorage/Record": [
		749
	],
	"./component/MemoryStorage/Record.js": [
		749
	],
	"./component/MemoryStorage/index": [
		8178,
		178
	],
	"./component/MemoryStorage/index.js": [
		8178,
		178
	],
	"./component/RateLimiterEtcdTransactionFailedError": [
		3184
	],
	"./component/RateLimiterEtcdTransactionFailedError.js": [
		3184
	],
	"./component/RateLimiterQueueError": [
		7948
	],
	"./component/RateLimiterQueueError.js": [
		7948
	],
	"./component/RateLimiterSetupError": [
		2922
	],
	"./component/RateLimiterSetupError.js": [
		2922
	],
	"./constants": [
		3880,
		880
	],
	"./constants.js": [
		3880,
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
webpackAsyncContext.id = 5407;
module.exports = webpackAsyncContext;

/***/ })

};
