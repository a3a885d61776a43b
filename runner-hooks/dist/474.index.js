export const id = 474;
export const ids = [474];
export const modules = {

/***/ 12982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  REPORT_FILE: () => (/* reexport */ REPORT_FILE),
  assembleReport: () => (/* reexport */ assembleReport),
  checkConclusion: () => (/* reexport */ checkConclusion),
  currentExecutor: () => (/* reexport */ currentExecutor),
  decideStatus: () => (/* reexport */ decideStatus),
  explainForgeError: () => (/* reexport */ explainForgeError),
  finishJob: () => (/* reexport */ finishJob),
  fit: () => (/* reexport */ fit),
  forgeFromCi: () => (/* reexport */ forgeFromCi),
  githubState: () => (/* reexport */ githubState),
  gitlabState: () => (/* reexport */ gitlabState),
  humanSummary: () => (/* reexport */ humanSummary),
  identityFromCi: () => (/* reexport */ identityFromCi),
  loadJob: () => (/* reexport */ loadJob),
  nextAction: () => (/* reexport */ nextAction),
  publishGitHub: () => (/* reexport */ publishGitHub),
  publishGitLab: () => (/* reexport */ publishGitLab),
  publishPending: () => (/* reexport */ publishPending),
  publishReport: () => (/* reexport */ publishReport),
  reportMarkdown: () => (/* reexport */ reportMarkdown),
  statusContext: () => (/* reexport */ statusContext),
  testsLine: () => (/* reexport */ testsLine),
  whereLine: () => (/* reexport */ whereLine),
  writeReport: () => (/* reexport */ writeReport)
});

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
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
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/journal/src/index.ts + 2 modules
var journal_src = __webpack_require__(23825);
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
function statusContext(slot, lockKey, configured) {
    return configured || `hil/${slot ?? lockKey}`;
}
/**
 * The forge this job runs under, from the CI context: GitHub Actions (repository, API, run link)
 * or GitLab CI (server, project, job link, pipeline, ref). Tokens: the explicit one, else the
 * runner host's (HIL_GITHUB_TOKEN / HIL_GITLAB_TOKEN, else GITHUB_TOKEN / GITLAB_TOKEN).
 * Undefined when neither forge is in the environment (a person at a terminal).
 */
function forgeFromCi(ci, o = {}) {
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

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
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
async function publishGitHub(target, post, host, retry = {}) {
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
    const octokit = (0,github.getOctokit)(target.token, {
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
var dist = __webpack_require__(80342);
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
async function publishGitLab(target, post, host, retry = {}) {
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
var host_src = __webpack_require__(24056);
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
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
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
    const forge = o.forge === undefined ? forgeFromCi((0,ci_src/* ciContext */.U)(o.env)) : o.forge;
    if (!forge)
        return [];
    const context = statusContext(report.slot, report.lock_key, o.context);
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
        return publishGitHub(forge, {
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
    return publishGitLab(forge, {
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
    const forge = o.forge === undefined ? forgeFromCi((0,ci_src/* ciContext */.U)(o.env)) : o.forge;
    if (!forge)
        return [];
    const context = statusContext(invocation.slot, invocation.lock_key, o.context);
    const description = o.description ??
        `hardware test running on ${invocation.slot ?? invocation.lock_key} since ${invocation.request_utc}`;
    const sha = (0,src/* namedCommit */.t5)(invocation.commit_sha);
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
		85202
	],
	"./component/BlockedKeys/BlockedKeys.js": [
		85202
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
