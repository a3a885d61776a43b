export const id = 541;
export const ids = [541];
export const modules = {

/***/ 15511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QL: () => (/* binding */ inputs),
/* harmony export */   hr: () => (/* binding */ ACTION)
/* harmony export */ });
/* unused harmony export OUTPUTS */
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10104);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);


const ACTION = "build";
const inputs = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    "build-dir": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().default("build"),
    command: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    "working-directory": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().default("."),
    "artifact-name": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[^"<>|*?\\/:\r\n]+$/, 'expected an artifact name without " : < > | * ? \\ / or newlines')
        .optional(),
    target: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[A-Za-z0-9._-]+$/, "expected a target name like esp32-devkit")
        .optional(),
    sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[0-9a-f]{40}$/, "expected a full commit SHA (40 hex digits)")
        .optional(),
    "retention-days": _hil_actions_kit__WEBPACK_IMPORTED_MODULE_0__/* .intInput */ .O1.pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(1).max(90)).optional(),
});
const OUTPUTS = (/* unused pure expression or super */ null && ([
    "artifact-id",
    "artifact-name",
    "manifest-digest",
    "bundle-dir",
    "sha",
]));


/***/ }),

/***/ 81619:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _hil_ci__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(11287);
/* harmony import */ var _hil_actions_kit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(10104);
/* harmony import */ var _hil_bundle__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(34523);
/* harmony import */ var _hil_host__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(24056);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(15511);








const hex = (n) => `0x${n.toString(16)}`;
await (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_4__/* .runAction */ .Cs)(async (host) => {
    const i = (0,_hil_actions_kit__WEBPACK_IMPORTED_MODULE_4__/* .readInputs */ .Ko)(_inputs__WEBPACK_IMPORTED_MODULE_7__/* .inputs */ .QL, _inputs__WEBPACK_IMPORTED_MODULE_7__/* .ACTION */ .hr, []);
    const ci = (0,_hil_ci__WEBPACK_IMPORTED_MODULE_3__/* .ciContext */ .U)();
    const workspace = ci.workspace ?? process.cwd();
    const cwd = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, i["working-directory"]);
    const sha = (0,_hil_bundle__WEBPACK_IMPORTED_MODULE_5__/* .requireFullSha */ .P7)(i.sha ?? ci.jobSha, "The commit SHA (input sha or GITHUB_SHA)");
    const name = i["artifact-name"] ?? (0,_hil_bundle__WEBPACK_IMPORTED_MODULE_5__/* .bundleArtifactName */ .GC)(sha, i.target);
    if (i.command) {
        const command = i.command;
        await host.group(`Build: ${command}`, () => (0,_hil_bundle__WEBPACK_IMPORTED_MODULE_5__/* .runBuildCommand */ .XC)(command, cwd, host));
    }
    const buildDir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cwd, i["build-dir"]);
    const outDir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(ci.tempDir ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), "hil-bundles", name);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(outDir, { recursive: true, force: true });
    const packed = await host.group(`Package ${buildDir} as ${name}`, async () => {
        const p = await (0,_hil_bundle__WEBPACK_IMPORTED_MODULE_5__/* .packBundle */ .ii)({
            buildDir,
            outDir,
            sha,
            ...(ci.repo ? { repo: ci.repo } : {}),
            ...(i.target ? { target: i.target } : {}),
        });
        for (const img of p.manifest.images)
            host.info(`${hex(img.offset).padStart(9)}  ${String(img.size).padStart(8)}  ${img.sha256.slice(0, 16)}  ${img.file}`);
        host.info(`manifest ${p.digest} (${p.manifest.chip}, ${p.manifest.images.length} images, ${p.bytes} bytes)`);
        return p;
    });
    const uploaded = await host.group(`Upload ${name}`, () => (0,_hil_bundle__WEBPACK_IMPORTED_MODULE_5__/* .uploadBundle */ .sd)(packed, {
        name,
        host,
        ...(i["retention-days"] !== undefined ? { retentionDays: i["retention-days"] } : {}),
    }));
    host.info(`Uploaded ${name}: artifact ${uploaded.id}, ${uploaded.size} bytes`);
    host.setOutput("artifact-id", uploaded.id);
    host.setOutput("artifact-name", name);
    host.setOutput("manifest-digest", packed.digest);
    host.setOutput("bundle-dir", packed.dir);
    host.setOutput("sha", sha);
    const m = packed.manifest;
    await host.writeSummary([
        `### Firmware bundle \`${name}\``,
        "",
        `Commit \`${sha}\` · ${m.chip} · flash ${m.flash.mode}/${m.flash.freq}/${m.flash.size}` +
            (m.app?.project_name ? ` · ${m.app.project_name} ${m.app.version ?? ""}` : "") +
            (m.app?.idf_version ? ` · ESP-IDF ${m.app.idf_version}` : ""),
        "",
        (0,_hil_host__WEBPACK_IMPORTED_MODULE_6__/* .markdownTable */ .Qj)(["offset", "image", "bytes", "sha256"], m.images.map((img) => [
            hex(img.offset),
            img.file,
            img.size,
            `\`${img.sha256.slice(0, 16)}…\``,
        ])),
        `Manifest digest \`${packed.digest}\` · artifact ${uploaded.id} (${uploaded.size} bytes zipped)`,
        "",
    ].join("\n"));
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 10104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O1: () => (/* reexport */ intInput),
  Ko: () => (/* reexport */ readInputs),
  Cs: () => (/* reexport */ runAction)
});

// UNUSED EXPORTS: GitHubHost, booleanInput, secondsInput

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

/***/ 34523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GC: () => (/* reexport */ names_bundleArtifactName),
  ii: () => (/* reexport */ packBundle),
  P7: () => (/* reexport */ names_requireFullSha),
  XC: () => (/* reexport */ runBuildCommand),
  sd: () => (/* reexport */ uploadBundle)
});

// UNUSED EXPORTS: BUNDLE_ENV, BUNDLE_TOOL_VERSION, BundleCache, DEFAULT_CACHE_DIR, GitHubSource, GitLabSource, LocalSource, MANIFEST_FILE, extractZip, fetchBundle, readIdfBuild, serializeManifest, sha256File, sha256Hex, shaMismatch, sourceFromEnv, unsafeEntryReason, verifyBundle, writeZip

;// CONCATENATED MODULE: ./packages/bundle/package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./packages/bundle/src/version.ts

/** Version of the code that packs and checks bundles; manifests record it under `builder`. */
const BUNDLE_TOOL_VERSION = package_namespaceObject.rE;

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
;// CONCATENATED MODULE: ./packages/bundle/src/names.ts

/** The file at the root of every bundle. */
const names_MANIFEST_FILE = "manifest.json";
/**
 * The artifact name of a commit's bundle: `fw-<sha>`, or `fw-<sha>-<target>` when one commit
 * yields several bundles (one per board or chip).
 */
function names_bundleArtifactName(sha, target) {
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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
        text = (0,external_node_fs_.readFileSync)(path, "utf8");
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`Cannot read ${what} ${path}: ${e.message}`, {
            hint: HINT_REBUILD,
        });
    }
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`${path} is not valid JSON: ${e.message}`, {
            hint: "The file is written by ESP-IDF; rebuild to regenerate it.",
        });
    }
}
/** A path from flasher_args.json made relative to the build dir, or refused if it leaves it. */
function inBuildDir(buildDir, file, source) {
    const abs = (0,external_node_path_.isAbsolute)(file) ? (0,external_node_path_.resolve)(file) : (0,external_node_path_.resolve)(buildDir, file);
    const rel = (0,external_node_path_.relative)(buildDir, abs);
    if (rel === "" || rel.startsWith("..") || (0,external_node_path_.isAbsolute)(rel)) {
        throw new src/* ConfigurationError */.j1(`${source} lists ${file}, which is outside the build directory ${buildDir}.`, {
            hint: "A bundle only carries files from the build directory; generate extra images (SPIFFS, NVS) into the build dir.",
        });
    }
    return { file: rel.split(external_node_path_.sep).join("/"), path: abs };
}
/** Read an ESP-IDF build directory. Every problem names the file and what to do. */
function readIdfBuild(buildDirIn) {
    const buildDir = (0,external_node_path_.resolve)(buildDirIn);
    const argsPath = (0,external_node_path_.join)(buildDir, "flasher_args.json");
    if (!(0,external_node_fs_.existsSync)(argsPath)) {
        throw new src/* ConfigurationError */.j1(`${buildDir} is not an ESP-IDF build directory: flasher_args.json is missing.`, { hint: HINT_REBUILD });
    }
    const args = (0,src/* parseWith */.Ku)(flasherArgs, readJson(argsPath, "flasher_args.json"), argsPath, "The file is written by ESP-IDF (idf.py build); rebuild to regenerate it.");
    const descPath = (0,external_node_path_.join)(buildDir, "project_description.json");
    const desc = (0,external_node_fs_.existsSync)(descPath)
        ? (0,src/* parseWith */.Ku)(projectDescription, readJson(descPath, "project_description.json"), descPath)
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
            throw new src/* ConfigurationError */.j1(`${argsPath}: flash_files has "${offsetText}", which is not a flash offset like 0x10000.`, { hint: "The file is written by ESP-IDF; rebuild to regenerate it." });
        }
        if (offset.data % src/* FLASH_SECTOR */.yE !== 0) {
            throw new src/* ConfigurationError */.j1(`${argsPath}: ${fileText} is at ${offsetText}, which is not a multiple of 0x1000 (a flash sector).`, { hint: "Fix the partition table so every partition starts on a 4 KiB boundary." });
        }
        const { file, path } = inBuildDir(buildDir, fileText, argsPath);
        if (!(0,external_node_fs_.existsSync)(path)) {
            throw new src/* ConfigurationError */.j1(`${argsPath} lists ${file} at ${offsetText}, but ${path} does not exist.`, { hint: HINT_REBUILD });
        }
        const name = names.get(offset.data);
        images.push({ ...(name ? { name } : {}), offset: offset.data, file, path });
    }
    images.sort((a, b) => a.offset - b.offset);
    const chipText = args.extra_esptool_args?.chip ?? desc.target;
    if (!chipText) {
        throw new src/* ConfigurationError */.j1(`${argsPath} does not say which chip the firmware is for (extra_esptool_args.chip), and there is no project_description.json target.`, { hint: "Build with ESP-IDF v4.3 or newer, which records the chip, or set IDF_TARGET." });
    }
    const chip = (0,src/* parseWith */.Ku)(src/* chip */.jw, chipText, `${argsPath}: extra_esptool_args.chip`);
    if (desc.target && desc.target !== chip) {
        throw new src/* ConfigurationError */.j1(`${argsPath} is for ${chip} but ${descPath} says the target is ${desc.target}.`, { hint: "The build directory mixes two targets; run `idf.py fullclean build`." });
    }
    const fs = args.flash_settings;
    const flash = (0,src/* parseWith */.Ku)(schemas/* object */.Ikc({
        mode: schemas/* enum */.k5n(["qio", "qout", "dio", "dout", "keep"]),
        freq: schemas/* string */.YjP().regex(/^(\d+m|keep)$/, "expected a flash frequency like 40m or 80m"),
        size: src/* flashSize */.Ko,
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var node_modules_yauzl = __webpack_require__(20663);
// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(93044);
;// CONCATENATED MODULE: ./packages/bundle/src/internal/zip.ts







const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/** Why an entry name is unsafe, or undefined when it stays inside the target dir. */
function zip_unsafeEntryReason(name) {
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
const getFileNameLowLevel = node_modules_yauzl/* getFileNameLowLevel */.ax;
function refuse(zipLabel, message, hint) {
    return new HilError(`Refusing ${zipLabel}: ${message}.`, {
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
async function zip_extractZip(zipPath, dest, zipLabel, limits = {}) {
    const maxBytes = limits.maxBytes ?? 1024 * 1024 * 1024;
    const maxEntries = limits.maxEntries ?? 10_000;
    const root = resolve(dest);
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
            const reason = zip_unsafeEntryReason(name);
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
            const target = resolve(root, name);
            const rel = relative(root, target);
            if (rel.startsWith("..") || rel.split(sep).includes("..")) {
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} escapes the target directory`);
            }
            const key = name.replace(/\/$/, "");
            if (seen.has(key))
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} appears twice`);
            seen.add(key);
            if (isDir) {
                await mkdir(target, { recursive: true });
                continue;
            }
            total += entry.uncompressedSize;
            if (total > maxBytes) {
                throw refuse(zipLabel, `it unpacks to more than ${maxBytes} bytes`);
            }
            await mkdir(dirname(target), { recursive: true });
            let stream;
            try {
                stream = await zip.openReadStreamPromise(entry);
            }
            catch (e) {
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} cannot be read (${e.message})`, "The archive is damaged or truncated; fetch it again.");
            }
            try {
                // `wx`: never follow or overwrite anything already there.
                await pipeline(stream, createWriteStream(target, { flags: "wx", mode: 0o644 }));
            }
            catch (e) {
                throw refuse(zipLabel, `entry ${JSON.stringify(name)} is damaged (${e.message})`, "The archive is damaged or truncated; fetch it again.");
            }
            written.push(key);
        }
    }
    catch (e) {
        if (e instanceof HilError)
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
async function writeZip(dir, files, zipPath, mtime) {
    const zip = new yazl/* ZipFile */.u();
    for (const f of files)
        zip.addFile((0,external_node_path_.join)(dir, f), f, { mtime, mode: 0o100644 });
    zip.end();
    await (0,external_node_stream_promises_.pipeline)(zip.outputStream, (0,external_node_fs_.createWriteStream)(zipPath));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./packages/bundle/src/verify.ts







function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)("sha256").update(data).digest("hex");
}
async function sha256File(path) {
    const h = (0,external_node_crypto_.createHash)("sha256");
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(path), h);
    return h.digest("hex");
}
const REBUILD = "Re-run the build job for this commit so a fresh bundle is uploaded, then run the hardware job again.";
/** The error for a bundle built from another commit: both SHAs, and what to do. */
function shaMismatch(label, bundleSha, jobSha) {
    return new HilError(`SHA mismatch: ${label} was built from commit ${bundleSha}, but this job is testing commit ${jobSha}. Refusing to flash firmware from another commit.`, {
        hint: "The hardware lane flashes only the bundle its own commit built. Make the hardware job depend on this commit's build (needs: build) and fetch fw-<sha> for the job's SHA, or re-run the build for this commit.",
    });
}
/**
 * Check a bundle directory: manifest.json validates against `hil.fw-manifest.v1`, its commit is
 * the job's, and every image is a regular file inside the bundle with the recorded size and
 * sha256. Throws a HilError naming what is wrong; returns the verified bundle.
 */
async function verify_verifyBundle(dirIn, opts = {}) {
    const dir = resolve(dirIn);
    const label = opts.label ?? `bundle ${dir}`;
    const manifestPath = join(dir, MANIFEST_FILE);
    let raw;
    try {
        const st = await lstat(manifestPath);
        if (!st.isFile())
            throw new Error("not a regular file");
        raw = await readFile(manifestPath);
    }
    catch (e) {
        throw new HilError(`${label} has no ${MANIFEST_FILE} (${e.code ?? e.message}); it is not a firmware bundle.`, {
            hint: "Bundles are made by actions/build or `hil bundle <build-dir>`; pass one of those, not a raw build directory.",
        });
    }
    let json;
    try {
        json = JSON.parse(raw.toString("utf8"));
    }
    catch (e) {
        throw new HilError(`${MANIFEST_FILE} of ${label} is not valid JSON: ${e.message}.`, {
            hint: REBUILD,
        });
    }
    const manifest = parseWith(manifestSchema, json, `${MANIFEST_FILE} of ${label}`, REBUILD);
    if (opts.sha !== undefined && manifest.commit_sha !== opts.sha.toLowerCase()) {
        throw shaMismatch(label, manifest.commit_sha, opts.sha.toLowerCase());
    }
    const images = [];
    for (const img of manifest.images) {
        const path = resolve(dir, img.file);
        const rel = relative(dir, path);
        if (rel.startsWith("..") || rel.split(sep).includes("..")) {
            throw new HilError(`${label}: image ${img.file} points outside the bundle.`, {
                hint: REBUILD,
            });
        }
        let st;
        try {
            st = await lstat(path);
        }
        catch {
            throw new HilError(`${label} is incomplete: ${img.file} is listed in the manifest but missing.`, {
                hint: REBUILD,
            });
        }
        if (!st.isFile()) {
            throw new HilError(`${label}: ${img.file} is ${st.isSymbolicLink() ? "a symbolic link" : "not a regular file"}; refusing it.`, { hint: REBUILD });
        }
        if (st.size !== img.size) {
            throw new HilError(`${label}: ${img.file} is ${st.size} bytes, but the manifest says ${img.size} (truncated or replaced).`, { hint: REBUILD });
        }
        const actual = await sha256File(path);
        if (actual !== img.sha256) {
            throw new HilError(`sha256 mismatch in ${label}: ${img.file} has sha256 ${actual}, but the manifest says ${img.sha256}.`, { hint: `The image was corrupted or altered after the build. ${REBUILD}` });
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
        digest: sha256Hex(raw),
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
    const sha = names_requireFullSha(opts.sha, "The bundle's commit SHA");
    const build = readIdfBuild(opts.buildDir);
    const outDir = (0,external_node_path_.resolve)(opts.outDir);
    try {
        const existing = await (0,promises_.readdir)(outDir);
        if (existing.length > 0) {
            throw new src/* ConfigurationError */.j1(`The bundle output directory ${outDir} is not empty.`, {
                hint: "Give an empty or new directory; a bundle must hold nothing but its own files.",
            });
        }
    }
    catch (e) {
        if (e.code !== "ENOENT")
            throw e;
    }
    await (0,promises_.mkdir)(outDir, { recursive: true });
    const images = [];
    for (const img of build.images) {
        const dest = (0,external_node_path_.join)(outDir, img.file);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(dest), { recursive: true });
        await (0,promises_.copyFile)(img.path, dest);
        const { size } = await (0,promises_.stat)(dest);
        if (size === 0) {
            throw new src/* ConfigurationError */.j1(`${img.path} is empty.`, {
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
        schema_version: src/* MANIFEST_SCHEMA_VERSION */.v5,
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
    const manifest = (0,src/* parseWith */.Ku)(src/* manifest */.eu, draft, `the manifest for ${build.buildDir}`, "Check the partition table and flash size in sdkconfig (images must not overlap or run past the flash).");
    const text = serializeManifest(manifest);
    await (0,promises_.writeFile)((0,external_node_path_.join)(outDir, names_MANIFEST_FILE), text);
    const files = [names_MANIFEST_FILE, ...images.map((i) => i.file)];
    const packed = {
        dir: outDir,
        manifest,
        digest: sha256Hex(text),
        files,
        bytes: images.reduce((n, i) => n + i.size, 0),
    };
    if (opts.zipPath) {
        const zipPath = (0,external_node_path_.resolve)(opts.zipPath);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(zipPath), { recursive: true });
        if (!(0,external_node_path_.relative)(outDir, zipPath).startsWith("..")) {
            throw new src/* ConfigurationError */.j1(`The zip ${zipPath} would land inside the bundle ${outDir}.`, {
                hint: "Write the zip next to the bundle directory, not into it.",
            });
        }
        // Zip timestamps start in 1980.
        const mtime = new Date(Math.max(buildTime.getTime(), Date.UTC(1980, 0, 1, 12)));
        await writeZip(outDir, files, zipPath, mtime);
        packed.zipPath = zipPath;
        packed.zipBytes = (await (0,promises_.stat)(zipPath)).size;
    }
    return packed;
}

;// CONCATENATED MODULE: ./packages/bundle/src/sources/local.ts



/**
 * A bundle on this machine: a bundle directory (verified and used in place) or a zip
 * (extracted safely, and cached like a download). For `hil flash <bundle>`, tests, and GitLab
 * jobs that received the bundle through `needs:`.
 */
class local_LocalSource {
    kind = "local";
    path;
    constructor(path) {
        this.path = resolve(path);
    }
    describe() {
        return `bundle ${this.path}`;
    }
    async probe() {
        let st;
        try {
            st = await stat(this.path);
        }
        catch {
            throw new ConfigurationError(`No bundle at ${this.path}: it does not exist.`, {
                hint: "Pass a bundle directory (holding manifest.json) or its zip, as written by `hil bundle` or downloaded from the build job.",
            });
        }
        if (!st.isDirectory() && !st.isFile()) {
            throw new ConfigurationError(`${this.path} is neither a bundle directory nor a zip.`, {
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

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
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
class github_GitHubSource {
    kind = "github";
    owner;
    repo;
    apiUrl;
    opts;
    constructor(opts) {
        const repository = opts.repository ?? ciContext().repo ?? "";
        const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
        if (!m) {
            throw new ConfigurationError(`The GitHub repository must be owner/name, got ${JSON.stringify(repository)}.`, { hint: "Set GITHUB_REPOSITORY or pass the repository explicitly." });
        }
        if (!opts.token) {
            throw new ConfigurationError("No GitHub token to fetch the bundle artifact with.", {
                hint: "Give the runner a token with actions:read on the repository (e.g. HIL_GITHUB_TOKEN), or pass github-token to the step.",
            });
        }
        this.owner = m[1];
        this.repo = m[2];
        this.apiUrl = (opts.apiUrl ?? ciContext().apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
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
        checkArtifactServer(this.opts.serverUrl ?? ciContext().serverUrl);
        const { github } = await loadArtifactClient(this.apiUrl);
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
                throw new ConfigurationError(`GitHub refused to list the artifacts of ${this.where()} (HTTP ${status}): ${e.message}`, {
                    hint: "The token needs actions:read on the repository; check that it is valid and not expired.",
                });
            }
            if (status === 404) {
                throw new ConfigurationError(`GitHub has no ${this.where()} that this token can see (HTTP 404), so there is no bundle for ${sha}.`, {
                    hint: "Check the repository name and run id, and that the token can read the repository.",
                });
            }
            throw new InfrastructureError(`Listing the artifacts of ${this.where()} at ${this.apiUrl} failed: ${e.message}`, { hint: "GitHub's API may be unavailable; retry the job." });
        }
        const live = artifacts.filter((a) => !a.expired);
        if (live.length === 0) {
            if (artifacts.length > 0) {
                const newest = artifacts.sort((a, b) => b.id - a.id)[0];
                throw new HilError(`The bundle for commit ${sha} has expired: ${this.describe(sha)} (id ${newest.id}) expired${newest.expires_at ? ` on ${newest.expires_at}` : ""}.`, {
                    hint: "Re-run the build job of this commit to upload it again, or raise retention-days on actions/build.",
                });
            }
            throw new HilError(`No bundle for commit ${sha}: looked for ${this.describe(sha)} and found none.`, {
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
        const { artifact } = await loadArtifactClient(this.apiUrl);
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
                throw new HilError(`The bundle for commit ${sha} has expired: ${this.describe(sha)}.`, {
                    hint: "Re-run the build job of this commit to upload it again.",
                });
            }
            throw new InfrastructureError(`Downloading ${this.describe(sha)} failed: ${msg}`, {
                hint: "The download from GitHub's blob storage did not complete; retry the job.",
            });
        }
        const files = (await readdir(workDir)).filter((f) => !f.startsWith("."));
        if (files.length !== 1) {
            throw new InfrastructureError(`Downloading ${this.describe(sha)} left ${files.length} files instead of one zip.`, { hint: "Retry the job." });
        }
        if (digestMismatch) {
            throw new HilError(`The download of ${this.describe(sha)} is truncated or corrupted: its sha256 differs from the artifact's digest ${found.digest}.`, {
                hint: "Retry the job; if it keeps failing, re-run the build job to upload the bundle again.",
            });
        }
        return { kind: "zip", path: join(workDir, files[0]) };
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
class gitlab_GitLabSource {
    kind = "gitlab";
    host;
    project;
    opts;
    constructor(opts) {
        this.host = (opts.host ?? ciContext().serverUrl ?? "").replace(/\/+$/, "");
        this.project = opts.project ?? ciContext().gitlab.projectId ?? "";
        if (!this.host) {
            throw new ConfigurationError("No GitLab URL to fetch the bundle from.", {
                hint: "Set CI_SERVER_URL (GitLab sets it in jobs) or pass the GitLab host.",
            });
        }
        if (this.project === "") {
            throw new ConfigurationError("No GitLab project to fetch the bundle from.", {
                hint: "Set CI_PROJECT_ID (GitLab sets it in jobs) or pass the project id or path.",
            });
        }
        if (opts.jobId === undefined && !opts.job) {
            throw new ConfigurationError("Which GitLab job uploaded the bundle? No job name or job id.", {
                hint: "Pass the name of the job that ran `hil bundle` (e.g. bundle), or its job id.",
            });
        }
        if (!opts.token && !opts.jobToken) {
            throw new ConfigurationError("No GitLab token to fetch the bundle with.", {
                hint: "Use the job's CI_JOB_TOKEN, or a project access token with read_api for the runner hook.",
            });
        }
        this.opts = opts;
    }
    secrets() {
        return [this.opts.token, this.opts.jobToken].filter((s) => !!s);
    }
    get ref() {
        return this.opts.ref ?? ciContext().ref ?? "";
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
            throw new ConfigurationError("No ref to look up the bundle's pipeline on.", {
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
                throw new HilError(`No bundle for commit ${sha}: ${this.describe(sha)} not found (HTTP 404: the job did not run or fail-free, its artifacts expired, or the ref's latest successful pipeline has no such job).`, {
                    hint: "Check that the bundle job ran for this commit and succeeded, and that its artifacts have not expired (artifacts: expire_in). In the same pipeline, prefer `needs: [bundle]` and a local bundle path.",
                });
            }
            if (status === 401 || status === 403) {
                throw new ConfigurationError(`GitLab refused the token for ${this.describe(sha)} (HTTP ${status}).`, {
                    hint: "The token needs read_api on the project (CI_JOB_TOKEN only where the project's job token allowlist permits it).",
                });
            }
            throw new InfrastructureError(`Downloading ${this.describe(sha)} failed: ${e.message}`, { hint: "GitLab may be unavailable, or the download was cut; retry the job." });
        }
        const path = join(workDir, "artifacts.zip");
        await writeFile(path, Buffer.from(await blob.arrayBuffer()));
        return { kind: "zip", path };
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(83648);
;// CONCATENATED MODULE: ./packages/bundle/src/internal/lock.ts



/**
 * Run `fn` holding the lock if it is free right now; resolve to `undefined` without running it
 * when someone else holds it.
 */
async function lock_tryWithLock(lockPath, staleMs, fn) {
    let release;
    try {
        release = await lockfile.lock(lockPath, {
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
async function lock_withLock(lockPath, opts, fn) {
    const deadline = Date.now() + opts.timeoutMs;
    let compromised;
    let release;
    let delay = 10;
    for (;;) {
        try {
            release = await lockfile.lock(lockPath, {
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
                throw new InfrastructureError(`Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for the lock on ${opts.what} (${lockPath}).`, {
                    hint: `Another process on this host is holding it (for example a slow download of the same bundle). If no hil process is running, remove ${lockPath}.`,
                });
            }
            await sleep(delay + Math.random() * delay);
            delay = Math.min(delay * 2, 100);
        }
    }
    try {
        const result = await fn();
        if (compromised) {
            throw new InfrastructureError(`The lock on ${opts.what} (${lockPath}) was lost while held: ${compromised.message}.`, { hint: "The host was too busy to refresh it in time, or someone removed it; retry." });
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
const ABANDONED_MS = (/* unused pure expression or super */ null && (6 * 3600 * 1000));
function defaultMaxBytes() {
    const mb = Number(process.env.HIL_CACHE_MAX_MB);
    return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 2 * 1024 * 1024 * 1024;
}
const hashKey = (s) => createHash("sha256").update(s).digest("hex").slice(0, 40);
const holderFile = (holder) => holder.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) + "-" + hashKey(holder).slice(0, 8);
async function duBytes(dir) {
    let n = 0;
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
        if (e.isFile())
            n += (await stat(join(e.parentPath, e.name))).size;
    }
    return n;
}
async function atomicWrite(path, data) {
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path);
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
        this.root = join(opts.dir ?? DEFAULT_CACHE_DIR, "bundles");
        this.maxBytes = opts.maxBytes ?? defaultMaxBytes();
        this.lockTimeoutMs = opts.lockTimeoutMs ?? 10 * 60 * 1000;
        this.staleMs = Math.max(opts.staleMs ?? 30_000, 5000);
        this.pinTtlSec = opts.pinTtlSec ?? 14400 + 600;
    }
    p(...parts) {
        return join(this.root, ...parts);
    }
    /** Create the layout (idempotent) and clear work dirs abandoned by crashed processes. */
    async init() {
        try {
            for (const d of ["store", "meta", "refs", "pins", "locks", "tmp"])
                await mkdir(this.p(d), { recursive: true });
        }
        catch (e) {
            throw new HilError(`Cannot use the bundle cache ${this.root}: ${e.message}.`, {
                hint: "Create the inventory's cache_dir and make it writable by the runner user (e.g. sudo install -d -o runner /var/cache/hil), or set cache_dir in the inventory.",
            });
        }
        const now = Date.now();
        for (const name of await readdir(this.p("tmp"))) {
            const st = await stat(this.p("tmp", name)).catch(() => undefined);
            if (st && now - st.mtimeMs > ABANDONED_MS)
                await rm(this.p("tmp", name), { recursive: true, force: true });
        }
    }
    /** A fresh work dir inside the cache (same filesystem as store/, so installing is a rename). */
    workDir() {
        return mkdtemp(this.p("tmp", "fetch-"));
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
        const text = await readFile(this.p("refs", hashKey(identity)), "utf8").catch(() => "");
        const digest = text.trim();
        return DIGEST.test(digest) ? digest : undefined;
    }
    async remember(identity, digest) {
        await atomicWrite(this.p("refs", hashKey(identity)), digest + "\n");
    }
    async pin(digest, holder) {
        await mkdir(this.p("pins", digest), { recursive: true });
        const pin = {
            holder,
            pid: process.pid,
            host: hostname(),
            since: new Date().toISOString(),
            expires: Date.now() + this.pinTtlSec * 1000,
        };
        await atomicWrite(this.p("pins", digest, holderFile(holder)), JSON.stringify(pin) + "\n");
    }
    /** Holders with a live pin on `digest`; expired pins are removed. */
    async livePins(digest) {
        const dir = this.p("pins", digest);
        const names = await readdir(dir).catch(() => []);
        const live = [];
        for (const name of names) {
            if (name.endsWith(".tmp"))
                continue;
            const pin = await readFile(join(dir, name), "utf8")
                .then((t) => JSON.parse(t))
                .catch(() => undefined);
            if (pin && pin.expires > Date.now())
                live.push(pin.holder);
            else
                await unlink(join(dir, name)).catch(() => undefined);
        }
        return live;
    }
    /** Stop using `digest` as `holder` (the bundle becomes evictable when nobody else uses it). */
    async release(digest, holder) {
        await unlink(this.p("pins", digest, holderFile(holder))).catch(() => undefined);
    }
    /** Release every bundle `holder` (a job id) pinned; the job-completed hook calls this. Returns how many. */
    async releaseHolder(holder) {
        let n = 0;
        for (const digest of await readdir(this.p("pins")).catch(() => [])) {
            try {
                await unlink(this.p("pins", digest, holderFile(holder)));
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
            if (!(await stat(dir).catch(() => undefined))?.isDirectory())
                return undefined;
            await this.pin(digest, opts.holder);
            let verified;
            try {
                verified = await verifyBundle(dir, { sha: opts.sha, label: opts.label });
            }
            catch (e) {
                await this.release(digest, opts.holder);
                // A SHA mismatch is the caller's to report; anything else means the entry is damaged.
                if (e instanceof HilError && /^SHA mismatch/.test(e.message))
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
            if ((await stat(dest).catch(() => undefined))?.isDirectory()) {
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
            await rename(bundle.dir, dest);
            return verifyBundle(dest, { sha: bundle.manifest.commit_sha, label: opts.source });
        });
    }
    async touch(digest) {
        const now = new Date();
        await utimes(this.p("meta", `${digest}.json`), now, now).catch(() => undefined);
    }
    /** Remove a stored bundle (rename away first, so readers never see half a directory). */
    async drop(digest) {
        await this.dropUnlocked(digest);
    }
    async dropUnlocked(digest) {
        const trash = this.p("tmp", `drop-${digest.slice(0, 12)}-${randomBytes(4).toString("hex")}`);
        await rename(this.p("store", digest), trash).catch(() => undefined);
        await unlink(this.p("meta", `${digest}.json`)).catch(() => undefined);
        await rm(trash, { recursive: true, force: true });
    }
    /** What the cache holds, least recently used first. */
    async entries() {
        const out = [];
        for (const digest of await readdir(this.p("store")).catch(() => [])) {
            if (!DIGEST.test(digest))
                continue;
            const dir = this.p("store", digest);
            const metaPath = this.p("meta", `${digest}.json`);
            const meta = await readFile(metaPath, "utf8")
                .then((t) => JSON.parse(t))
                .catch(() => undefined);
            const st = await stat(metaPath).catch(() => undefined);
            const dst = await stat(dir).catch(() => undefined);
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
                    await rm(this.p("pins", e.digest), { recursive: true, force: true });
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
            for (const ref of await readdir(this.p("refs")).catch(() => [])) {
                if (ref.endsWith(".tmp"))
                    continue;
                const path = this.p("refs", ref);
                const st = await stat(path).catch(() => undefined);
                if (!st || st.mtimeMs >= scanStart - 1000)
                    continue;
                const d = (await readFile(path, "utf8").catch(() => "")).trim();
                if (!stored.has(d))
                    await unlink(path).catch(() => undefined);
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
            throw new HilError(`The bundle path ${JSON.stringify(bundlePath)} ${reason}.`);
        return join(root, clean);
    }
    const top = await readdir(root);
    if (top.includes(MANIFEST_FILE))
        return root;
    const found = [];
    for (const e of await readdir(root, { withFileTypes: true, recursive: true })) {
        if (e.isFile() && e.name === MANIFEST_FILE)
            found.push(e.parentPath);
    }
    found.sort();
    if (found.length === 1)
        return found[0];
    if (found.length === 0) {
        throw new HilError(`${label} holds no ${MANIFEST_FILE}; it is not a firmware bundle.`, {
            hint: "Upload the directory written by `hil bundle` (or use actions/build), not the raw ESP-IDF build directory.",
        });
    }
    throw new HilError(`${label} holds ${found.length} bundles (${found.map((f) => f.slice(root.length + 1) || ".").join(", ")}); which one?`, { hint: "Pass the bundle path inside the archive (bundlePath / --bundle-path)." });
}
/** Download into `work`, extract safely, locate and verify: the one path every source takes. */
async function obtain(opts, sha, work, host) {
    const label = opts.source.describe(sha);
    const dl = await opts.source.download(sha, join(work, "download"), host);
    let root;
    if (dl.kind === "zip") {
        root = join(work, "unpacked");
        await mkdir(root);
        await extractZip(dl.path, root, label, opts.limits);
    }
    else {
        root = join(work, "copy");
        await cp(dl.path, root, { recursive: true, verbatimSymlinks: true });
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
    const sha = requireFullSha(opts.sha, "The job's commit SHA");
    const host = opts.host ?? new TerminalHost();
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
        const work = await mkdtemp(join(tmpdir(), "hil-bundle-"));
        try {
            await mkdir(join(work, "download"));
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
                    await rm(work, { recursive: true, force: true });
                },
            };
        }
        catch (e) {
            await rm(work, { recursive: true, force: true });
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
            await mkdir(join(work, "download"));
            const v = await obtain(opts, sha, work, host);
            const stored = await cache.install(v, { holder, source: label });
            await cache.remember(identity, stored.digest);
            host.info(`Cached bundle ${stored.digest.slice(0, 12)} for ${sha}: ${stored.images.length} images, ${stored.bytes} bytes`);
            return { v: stored, cacheHit: false };
        }
        finally {
            await rm(work, { recursive: true, force: true });
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
        throw new src/* ConfigurationError */.j1("Cannot upload the bundle: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not inside a GitHub Actions job step).", {
            hint: "Run actions/build as a step of a GitHub Actions job; outside Actions use `hil bundle --zip` and store the zip yourself.",
        });
    }
    const ci = (0,ci_src/* ciContext */.U)();
    actions_artifact_checkArtifactServer(ci.serverUrl);
    const { artifact } = await actions_artifact_loadArtifactClient(ci.apiUrl ?? actions_artifact_DEFAULT_API_URL);
    const client = new artifact.DefaultArtifactClient();
    try {
        const res = await client.uploadArtifact(opts.name, bundle.files.map((f) => (0,external_node_path_.join)(bundle.dir, f)), bundle.dir, opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {});
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
            throw new src/* ConfigurationError */.j1(`An artifact named ${opts.name} already exists in this workflow run.`, {
                hint: "Artifact names are unique per run: when a matrix builds several targets, set `target:` (fw-<sha>-<target>) or `artifact-name:` per job.",
            });
        }
        throw new src/* InfrastructureError */.EN(`Uploading the bundle as ${opts.name} failed: ${msg}`, {
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
    if (!(0,external_node_fs_.existsSync)(cwd)) {
        throw new src/* ConfigurationError */.j1(`The build command's working directory ${cwd} does not exist.`, {
            hint: "Fix working-directory (it is relative to the workspace).",
        });
    }
    const run = (shell, args) => new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(shell, [...args, command], {
            cwd,
            env: process.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        (0,external_node_readline_.createInterface)({ input: child.stdout }).on("line", (l) => host.info(l));
        (0,external_node_readline_.createInterface)({ input: child.stderr }).on("line", (l) => host.info(l));
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
                throw new src/* ConfigurationError */.j1(`Cannot run the build command in ${cwd}: ${e2.message}.`, { hint: "Check working-directory exists and a shell is installed." });
            }
        }
        else {
            throw new src/* ConfigurationError */.j1(`Cannot run the build command in ${cwd}: ${e.message}.`, { hint: "Check working-directory exists." });
        }
    }
    if (code !== 0) {
        throw new src/* HilError */.ee(`The build command failed with exit code ${code}: ${command}`, {
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
    const ci = ciContext(env);
    const shaText = env.HIL_SHA ?? ci.buildSha;
    const sha = requireFullSha(shaText, "The job's commit SHA (HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA)");
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
            throw new ConfigurationError(`HIL_BUNDLE_JOB_ID must be a job id, got ${JSON.stringify(env.HIL_BUNDLE_JOB_ID)}.`);
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
    throw new ConfigurationError("Where is the bundle? Not in GitHub Actions or GitLab CI, and HIL_BUNDLE is not set.", {
        hint: "Pass a bundle directory or zip (HIL_BUNDLE=path, or the command's bundle argument).",
    });
}

;// CONCATENATED MODULE: ./packages/bundle/src/index.ts
// @hil/bundle: firmware bundles between the lanes. The upstream lane packs an ESP-IDF build
// into `fw-<sha>` (packBundle, uploadBundle); the hardware lane fetches exactly that commit's
// bundle (fetchBundle) from GitHub, GitLab or a local path, through the host's shared cache.
















/***/ }),

/***/ 11287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* reexport */ ciContext)
});

// UNUSED EXPORTS: PULL_REQUEST_EVENTS

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
  yE: () => (/* reexport */ FLASH_SECTOR),
  ee: () => (/* reexport */ HilError),
  EN: () => (/* reexport */ InfrastructureError),
  v5: () => (/* reexport */ MANIFEST_SCHEMA_VERSION),
  jw: () => (/* reexport */ chip),
  mJ: () => (/* reexport */ commitSha),
  Uc: () => (/* reexport */ describeError),
  Ko: () => (/* reexport */ flashSize),
  eu: () => (/* reexport */ manifest),
  Ku: () => (/* reexport */ parseWith)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUT_SEC, EXIT_CODES, INVOCATION_SCHEMA_VERSION, MAX_TIMEOUT_SEC, POWER_DOMAINS, PUBLISHED_SCHEMAS, REPORT_SCHEMA_VERSION, ValidationError, boardIdentity, contractCommitSha, failureKind, flashSizeBytes, formatPath, inventory, invocation, journalEntry, jsonSchemaText, lane, macAddress, manifestImage, namedCommit, powerConfig, powerCycleOutcome, powerCycleResult, problemsOf, recoveryAction, recoveryEvent, report, reportStatus, resetStrategy, role, safeRelativePath, sha256Hex, slot, testCounts, testFailure, utcTimestamp

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

/***/ 24056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pO: () => (/* reexport */ Redactor),
  Qj: () => (/* reexport */ markdownTable)
});

// UNUSED EXPORTS: GitLabHost, RecordingHost, TerminalHost, cell, hostForCi

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
