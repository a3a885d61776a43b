export const id = 857;
export const ids = [857];
export const modules = {

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
  sN: () => (/* reexport */ DEFAULT_TIMEOUT_SEC),
  ai: () => (/* reexport */ EXIT_CODES),
  yE: () => (/* reexport */ FLASH_SECTOR),
  ee: () => (/* reexport */ HilError),
  KO: () => (/* reexport */ INVOCATION_SCHEMA_VERSION),
  EN: () => (/* reexport */ InfrastructureError),
  v5: () => (/* reexport */ MANIFEST_SCHEMA_VERSION),
  Jh: () => (/* reexport */ MAX_TIMEOUT_SEC),
  WI: () => (/* reexport */ REPORT_SCHEMA_VERSION),
  jw: () => (/* reexport */ chip),
  mJ: () => (/* reexport */ commitSha),
  Uc: () => (/* reexport */ describeError),
  Ko: () => (/* reexport */ flashSize),
  pf: () => (/* reexport */ inventory),
  He: () => (/* reexport */ invocation),
  Ur: () => (/* reexport */ journalEntry),
  eu: () => (/* reexport */ manifest),
  t5: () => (/* reexport */ namedCommit),
  Ku: () => (/* reexport */ parseWith),
  z8: () => (/* reexport */ report),
  $A: () => (/* reexport */ utcTimestamp)
});

// UNUSED EXPORTS: POWER_DOMAINS, PUBLISHED_SCHEMAS, ValidationError, boardIdentity, contractCommitSha, failureKind, flashSizeBytes, formatPath, jsonSchemaText, lane, macAddress, manifestImage, powerConfig, powerCycleOutcome, powerCycleResult, problemsOf, recoveryAction, recoveryEvent, reportStatus, resetStrategy, role, safeRelativePath, sha256Hex, slot, testCounts, testFailure

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
  RK: () => (/* reexport */ timeoutFlagText),
  ZJ: () => (/* reexport */ writeJsonAtomic)
});

// UNUSED EXPORTS: jobKey

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
  KEEPER_ARG: () => (/* reexport */ KEEPER_ARG),
  Eb: () => (/* reexport */ assertHealthy),
  O2: () => (/* reexport */ claimJobLease),
  XG: () => (/* reexport */ createJobDir),
  sG: () => (/* reexport */ record_describeHolder),
  oJ: () => (/* reexport */ findAncestorPid),
  A0: () => (/* reexport */ journal_src/* jobDirFor */.A0),
  pt: () => (/* reexport */ lease_leaseStatus),
  pl: () => (/* reexport */ pidAlive),
  _$: () => (/* reexport */ keeper_readJobLease),
  kG: () => (/* reexport */ keeper_readLeaseEnded),
  HL: () => (/* reexport */ releaseJobLease),
  D3: () => (/* reexport */ resolveJobTimeout),
  runKeeper: () => (/* reexport */ runKeeper),
  vk: () => (/* reexport */ thisHost),
  ZJ: () => (/* reexport */ journal_src/* writeJsonAtomic */.ZJ)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, DEFAULT_UNHEALTHY_AFTER, HOLDER_PREFIX, JobContext, KEEPER_ENV, LEASE_ENV, LEASE_SCHEMA_VERSION, Lease, LeaseBusyError, LeaseLostError, MAX_TIMEOUT_SEC, SlotUnhealthyError, acquireLease, callerIdentity, currentJob, currentUser, defaultKeeperCommand, describeAge, findCurrentJob, forceRelease, health, holderFileName, holderIsCaller, holderKind, holderRecord, holderWho, isHolderFile, jobKey, leaseEnv, leasePath, lockSelfTest, measureClaimLatency, newToken, recordHealth, resetHealth, staleMs, sweepClaimLeftovers, underSlotLease

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
const isCode = (e, ...codes) => codes.includes(e?.code ?? "");
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
                if (isCode(e, "ENOTEMPTY", "EEXIST")) {
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
            if (!isCode(e, "ENOENT"))
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
            if (!isCode(e, "ENOENT", "ENOTEMPTY", "EEXIST"))
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
            if (isCode(e, "ENOENT"))
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
                if (isCode(e, "ENOTEMPTY", "EEXIST"))
                    throw busy();
                if (!isCode(e, "ENOENT"))
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
                if (isCode(e, "ENOENT"))
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
                if (isCode(e, "ENOENT"))
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
            if (isCode(e, "ENOTEMPTY", "EEXIST"))
                throw busy();
            if (!isCode(e, "ENOENT"))
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
            if (!isCode(e, "ENOENT"))
                throw e;
        }
    }
    return best ?? (0,external_node_fs_.statSync)(leasePath);
}


;// CONCATENATED MODULE: ./packages/lease/src/lease.ts









/** Environment variables that let a child process act under a lease (`hil lock`, runner hooks). */
const lease_LEASE_ENV = {
    token: "HIL_LEASE_TOKEN",
    slot: "HIL_SLOT",
    jobId: "HIL_JOB_ID",
    jobDir: "HIL_JOB_DIR",
    inventory: "HIL_SLOTS",
};
/** The LEASE_ENV variables that let a child process act under the lease `record` describes. */
function lease_leaseEnv(record) {
    const env = {
        [lease_LEASE_ENV.token]: record.token,
        [lease_LEASE_ENV.slot]: record.slot,
        [lease_LEASE_ENV.jobId]: record.job_id,
    };
    if (record.job_dir)
        env[lease_LEASE_ENV.jobDir] = record.job_dir;
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
            throw new errors_LeaseLostError(this.slot, "it was already released");
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
                    const lost = new errors_LeaseLostError(slot, gone
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
        if (isCode(e, "ENOENT", "ENOTDIR"))
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
        if (isCode(e, "ENOENT"))
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
function forceRelease(site, slot, token) {
    const path = record_leasePath(site, slot);
    try {
        (0,external_node_fs_.unlinkSync)((0,external_node_path_.join)(path, record_holderFileName(token)));
    }
    catch (e) {
        if (isCode(e, "ENOENT"))
            return false;
        throw fsProblem(site, slot, e);
    }
    try {
        (0,external_node_fs_.rmdirSync)(path);
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
function resolveJobTimeout(value, source = "HIL_JOB_TIMEOUT_SEC") {
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
        return src/* DEFAULT_TIMEOUT_SEC */.sN;
    }
    const n = typeof value === "number" ? value : Number(value.trim());
    if (!Number.isInteger(n) || n < 1) {
        throw new src/* ConfigurationError */.j1(`${source}: expected a whole number of seconds, got ${JSON.stringify(value)}.`, { hint: `Give the hardware job's timeout in seconds (default ${src/* DEFAULT_TIMEOUT_SEC */.sN}).` });
    }
    if (n > src/* MAX_TIMEOUT_SEC */.Jh) {
        throw new src/* ConfigurationError */.j1(`${source}: ${n} s is more than the ${src/* MAX_TIMEOUT_SEC */.Jh} s hardware jobs may run.`, {
            hint: `Split the job, or use at most ${src/* MAX_TIMEOUT_SEC */.Jh} s (4 h): a slot must not be held longer.`,
        });
    }
    return n;
}

;// CONCATENATED MODULE: ./packages/lease/src/proc.ts

/** Whether a process exists (EPERM: it exists but belongs to another user). */
function pidAlive(pid) {
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
        const text = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, "utf8");
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
        return (0,external_node_fs_.readFileSync)(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
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
    (0,external_node_fs_.mkdirSync)(opts.jobDir, { recursive: true });
    const logFile = (0,external_node_path_.join)(opts.jobDir, journal_src/* JOB_FILES */.e0.keeperLog);
    const log = (0,external_node_fs_.openSync)(logFile, "a");
    const child = (0,external_node_child_process_.spawn)(keeper.command, keeper.args, {
        detached: true,
        stdio: ["ignore", log, log, "ipc"],
        env,
        cwd: opts.jobDir,
    });
    (0,external_node_fs_.closeSync)(log);
    const result = await new Promise((resolve, reject) => {
        const limit = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new src/* InfrastructureError */.EN(`The lease keeper for ${opts.slot} did not report within ${params.waitSec + 60} s.`, { hint: `Its log, ${logFile}:\n${tail(logFile)}` }));
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
            reject(new src/* InfrastructureError */.EN(`Cannot start the lease keeper (${keeper.command}): ${e.message}`));
        });
        child.on("exit", (code, signal) => {
            clearTimeout(limit);
            reject(new src/* InfrastructureError */.EN(`The lease keeper for ${opts.slot} exited (${signal ?? `code ${code}`}) before it reported.`, { hint: `Its log, ${logFile}:\n${tail(logFile)}` }));
        });
    });
    child.removeAllListeners();
    if (child.connected)
        child.disconnect();
    child.unref();
    if (result.type === "failed") {
        if (result.busy) {
            throw new errors_LeaseBusyError(reviveStatus(result.busy), params.waitSec, site.stale_sec);
        }
        throw new src/* HilError */.ee(result.error.message, result.error.hint ? { hint: result.error.hint } : undefined);
    }
    (0,journal_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(opts.jobDir, journal_src/* JOB_FILES */.e0.lease), result.record);
    return {
        record: result.record,
        keeperPid: child.pid,
        env: lease_leaseEnv(result.record),
        ...(result.tookOver ? { tookOver: result.tookOver } : {}),
    };
}
/** The holder record a job claimed (`<jobDir>/lease.json`), if it claimed one. */
function keeper_readJobLease(jobDir) {
    try {
        const r = holderRecord.safeParse(JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.lease), "utf8")));
        return r.success ? r.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** Why and when a job's lease ended (`<jobDir>/lease-ended.json`), once it has. */
function keeper_readLeaseEnded(jobDir) {
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
    const token = opts.token ?? (opts.jobDir ? keeper_readJobLease(opts.jobDir)?.token : undefined);
    if (!token) {
        throw new src/* HilError */.ee(`No lease token to release ${slot} with.`, {
            hint: "Pass the token claimJobLease returned, or the job dir holding lease.json.",
        });
    }
    const ended = () => (opts.jobDir ? keeper_readLeaseEnded(opts.jobDir) : undefined);
    const mine = () => lease_leaseStatus(site, slot).holder?.token === token;
    const status = lease_leaseStatus(site, slot);
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
    if (h.kind === "job" && status.state === "held" && h.host === (0,external_node_os_.hostname)() && pidAlive(h.pid)) {
        try {
            process.kill(h.pid, "SIGTERM");
        }
        catch {
            // gone meanwhile
        }
        const until = Date.now() + (opts.waitMs ?? 10_000);
        while (mine() && Date.now() < until)
            await (0,promises_.setTimeout)(10);
        if (!mine()) {
            const e = ended();
            return { released: true, how: "keeper", ...(e ? { ended: e } : {}) };
        }
    }
    const removed = forceRelease(site, slot, token);
    return { released: removed, how: removed ? "forced" : "already-ended" };
}
function serializeError(e) {
    if (e instanceof src/* HilError */.ee) {
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
    const journal = jobDir ? new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.journal)) : undefined;
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
                    note("the cancel flag", () => (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.cancel), (0,journal_src/* timeoutFlagText */.RK)(detail)));
                }
                note("the journal", () => journal?.append({
                    type: "note",
                    step: "lease",
                    text: `lease on ${params.slot} ended (${reason}): ${detail}`,
                }));
                if (jobDir) {
                    note(journal_src/* JOB_FILES */.e0.leaseEnded, () => (0,journal_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.leaseEnded), record));
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
                lease = await lease_acquireLease(params.site, params.slot, {
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
                    ...(e instanceof errors_LeaseBusyError ? { busy: e.status } : {}),
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
function job_callerIdentity(env = process.env, pid = process.pid) {
    const ci = ciContext(env);
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
    const dir = (0,journal_src/* jobDirFor */.A0)(site, jobId);
    try {
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`Cannot create the job directory ${dir} (${e.code}).`, {
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
        this.journal = new Journal(join(jobDir, JOB_FILES.journal));
    }
    /** The job's ws2.invocation.v1 (undefined until the job-started hook has written it). */
    get invocation() {
        if (this.invocationCache)
            return this.invocationCache;
        const read = readInvocation(this.jobDir);
        if (read.missing)
            return undefined;
        if (read.problem !== undefined) {
            throw new ConfigurationError(`The job's ${read.problem}.`, {
                hint: "The job-started hook writes it; re-run the job, or fix the hook's set-up (hil doctor).",
            });
        }
        this.invocationCache = read.invocation;
        return this.invocationCache;
    }
    /** The job's cancellation flag, when it is raised: stop before the next step. */
    cancelFlag() {
        return readCancelFlag(this.jobDir);
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
        status ??= leaseStatus(opts.inventory, opts.slot);
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
        const dir = jobDirFor(opts.inventory, who.jobId);
        if (existsSync(dir))
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













/***/ })

};
