export const id = 453;
export const ids = [453];
export const modules = {

/***/ 34523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BUNDLE_ENV: () => (/* reexport */ BUNDLE_ENV),
  BUNDLE_TOOL_VERSION: () => (/* reexport */ BUNDLE_TOOL_VERSION),
  BundleCache: () => (/* reexport */ BundleCache),
  DEFAULT_CACHE_DIR: () => (/* reexport */ DEFAULT_CACHE_DIR),
  GitHubSource: () => (/* reexport */ GitHubSource),
  GitLabSource: () => (/* reexport */ GitLabSource),
  LocalSource: () => (/* reexport */ LocalSource),
  MANIFEST_FILE: () => (/* reexport */ MANIFEST_FILE),
  bundleArtifactName: () => (/* reexport */ bundleArtifactName),
  extractZip: () => (/* reexport */ extractZip),
  fetchBundle: () => (/* reexport */ fetchBundle),
  packBundle: () => (/* reexport */ packBundle),
  readIdfBuild: () => (/* reexport */ readIdfBuild),
  requireFullSha: () => (/* reexport */ requireFullSha),
  runBuildCommand: () => (/* reexport */ runBuildCommand),
  serializeManifest: () => (/* reexport */ serializeManifest),
  sha256File: () => (/* reexport */ sha256File),
  sha256Hex: () => (/* reexport */ sha256Hex),
  shaMismatch: () => (/* reexport */ shaMismatch),
  sourceFromEnv: () => (/* reexport */ sourceFromEnv),
  unsafeEntryReason: () => (/* reexport */ unsafeEntryReason),
  uploadBundle: () => (/* reexport */ uploadBundle),
  verifyBundle: () => (/* reexport */ verifyBundle),
  writeZip: () => (/* reexport */ writeZip)
});

;// CONCATENATED MODULE: ./packages/bundle/package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./packages/bundle/src/version.ts

/** Version of the code that packs and checks bundles; manifests record it under `builder`. */
const BUNDLE_TOOL_VERSION = package_namespaceObject.rE;

// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
;// CONCATENATED MODULE: ./packages/bundle/src/names.ts

/** The file at the root of every bundle. */
const MANIFEST_FILE = "manifest.json";
/**
 * The artifact name of a commit's bundle: `fw-<sha>`, or `fw-<sha>-<target>` when one commit
 * yields several bundles (one per board or chip).
 */
function bundleArtifactName(sha, target) {
    return target ? `fw-${sha}-${target}` : `fw-${sha}`;
}
/** Refuse anything but a full lowercase commit SHA: the bundle contract is exact. */
function requireFullSha(sha, what) {
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
var yauzl = __webpack_require__(20663);
// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(93044);
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
    const manifestPath = (0,external_node_path_.join)(dir, MANIFEST_FILE);
    let raw;
    try {
        const st = await (0,promises_.lstat)(manifestPath);
        if (!st.isFile())
            throw new Error("not a regular file");
        raw = await (0,promises_.readFile)(manifestPath);
    }
    catch (e) {
        throw new src/* HilError */.ee(`${label} has no ${MANIFEST_FILE} (${e.code ?? e.message}); it is not a firmware bundle.`, {
            hint: "Bundles are made by actions/build or `hil bundle <build-dir>`; pass one of those, not a raw build directory.",
        });
    }
    let json;
    try {
        json = JSON.parse(raw.toString("utf8"));
    }
    catch (e) {
        throw new src/* HilError */.ee(`${MANIFEST_FILE} of ${label} is not valid JSON: ${e.message}.`, {
            hint: REBUILD,
        });
    }
    const manifest = (0,src/* parseWith */.Ku)(src/* manifest */.eu, json, `${MANIFEST_FILE} of ${label}`, REBUILD);
    if (opts.sha !== undefined && manifest.commit_sha !== opts.sha.toLowerCase()) {
        throw shaMismatch(label, manifest.commit_sha, opts.sha.toLowerCase());
    }
    const images = [];
    for (const img of manifest.images) {
        const path = (0,external_node_path_.resolve)(dir, img.file);
        const rel = (0,external_node_path_.relative)(dir, path);
        if (rel.startsWith("..") || rel.split(external_node_path_.sep).includes("..")) {
            throw new src/* HilError */.ee(`${label}: image ${img.file} points outside the bundle.`, {
                hint: REBUILD,
            });
        }
        let st;
        try {
            st = await (0,promises_.lstat)(path);
        }
        catch {
            throw new src/* HilError */.ee(`${label} is incomplete: ${img.file} is listed in the manifest but missing.`, {
                hint: REBUILD,
            });
        }
        if (!st.isFile()) {
            throw new src/* HilError */.ee(`${label}: ${img.file} is ${st.isSymbolicLink() ? "a symbolic link" : "not a regular file"}; refusing it.`, { hint: REBUILD });
        }
        if (st.size !== img.size) {
            throw new src/* HilError */.ee(`${label}: ${img.file} is ${st.size} bytes, but the manifest says ${img.size} (truncated or replaced).`, { hint: REBUILD });
        }
        const actual = await sha256File(path);
        if (actual !== img.sha256) {
            throw new src/* HilError */.ee(`sha256 mismatch in ${label}: ${img.file} has sha256 ${actual}, but the manifest says ${img.sha256}.`, { hint: `The image was corrupted or altered after the build. ${REBUILD}` });
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
    const sha = requireFullSha(opts.sha, "The bundle's commit SHA");
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
    await (0,promises_.writeFile)((0,external_node_path_.join)(outDir, MANIFEST_FILE), text);
    const files = [MANIFEST_FILE, ...images.map((i) => i.file)];
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

// EXTERNAL MODULE: ./packages/ci/src/index.ts + 2 modules
var ci_src = __webpack_require__(11287);
;// CONCATENATED MODULE: ./packages/bundle/src/internal/actions-artifact.ts

let loaded;
const DEFAULT_API_URL = "https://api.github.com";
/**
 * @actions/artifact refuses (GHESNotSupportedError) a GITHUB_SERVER_URL that is not github.com,
 * *.ghe.com or *.localhost: say so before calling it, with what to do instead.
 */
function checkArtifactServer(serverUrl) {
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
async function loadArtifactClient(apiUrl) {
    if (!loaded) {
        const before = process.env.GITHUB_API_URL;
        process.env.GITHUB_API_URL = apiUrl;
        try {
            const [artifact, github, utils] = await Promise.all([
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 35690)),
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 61351)),
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 85555)),
            ]);
            loaded = { apiUrl: utils.defaults.baseUrl ?? DEFAULT_API_URL, artifact, github };
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
        this.apiUrl = (opts.apiUrl ?? (0,ci_src/* ciContext */.U)().apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
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
        checkArtifactServer(this.opts.serverUrl ?? (0,ci_src/* ciContext */.U)().serverUrl);
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

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
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
    if (top.includes(MANIFEST_FILE))
        return root;
    const found = [];
    for (const e of await (0,promises_.readdir)(root, { withFileTypes: true, recursive: true })) {
        if (e.isFile() && e.name === MANIFEST_FILE)
            found.push(e.parentPath);
    }
    found.sort();
    if (found.length === 1)
        return found[0];
    if (found.length === 0) {
        throw new src/* HilError */.ee(`${label} holds no ${MANIFEST_FILE}; it is not a firmware bundle.`, {
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
    const sha = requireFullSha(opts.sha, "The job's commit SHA");
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
        throw new src/* ConfigurationError */.j1("Cannot upload the bundle: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not inside a GitHub Actions job step).", {
            hint: "Run actions/build as a step of a GitHub Actions job; outside Actions use `hil bundle --zip` and store the zip yourself.",
        });
    }
    const ci = (0,ci_src/* ciContext */.U)();
    checkArtifactServer(ci.serverUrl);
    const { artifact } = await loadArtifactClient(ci.apiUrl ?? DEFAULT_API_URL);
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
const BUNDLE_ENV = [
    "HIL_SHA",
    "HIL_BUNDLE",
    "HIL_BUNDLE_NAME",
    "HIL_BUNDLE_TARGET",
    "HIL_BUNDLE_RUN_ID",
    "HIL_BUNDLE_JOB",
    "HIL_BUNDLE_JOB_ID",
    "HIL_GITHUB_TOKEN",
    "HIL_GITLAB_TOKEN",
];
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

/***/ 20611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// UNUSED EXPORTS: buildProgram

// EXTERNAL MODULE: ./node_modules/commander/esm.mjs
var esm = __webpack_require__(48179);
// EXTERNAL MODULE: ./packages/contracts/src/index.ts + 10 modules
var src = __webpack_require__(36115);
;// CONCATENATED MODULE: ./packages/cli/src/version.ts
/** The hil-actions release; bundles and manifests record it. */
const HIL_VERSION = "0.1.0";

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./packages/lab/src/workflow-files.ts
/** The runner's file formats: GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE, and workflow commands. */
/** Parse `name=value` and `name<<DELIM\nvalue\nDELIM` lines, as the runner does. */
function parseKeyValueFile(text) {
    const out = {};
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc) {
            const value = [];
            for (i++; i < lines.length && lines[i] !== heredoc[2]; i++)
                value.push(lines[i]);
            out[heredoc[1]] = value.join("\n");
        }
        else if (line.includes("=")) {
            const at = line.indexOf("=");
            out[line.slice(0, at)] = line.slice(at + 1);
        }
    }
    return out;
}
const unescapeData = (s) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProp = (s) => unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");
/** Workflow commands (`::error file=a.c,line=3::msg`) in a step's stdout, decoded. */
function parseWorkflowCommands(stdout) {
    const cmds = [];
    for (const line of stdout.split("\n")) {
        const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line.replace(/\r$/, ""));
        if (!m)
            continue;
        const props = {};
        for (const kv of (m[2] ?? "").trim().split(",").filter(Boolean)) {
            const at = kv.indexOf("=");
            props[kv.slice(0, at)] = unescapeProp(kv.slice(at + 1));
        }
        cmds.push({ command: m[1], props, message: unescapeData(m[3]) });
    }
    return cmds;
}

;// CONCATENATED MODULE: ./packages/lab/src/github-runner.ts






/** Expand the `${{ ... }}` expressions action.yml defaults use. */
function expandDefault(value, job) {
    return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr) => {
        if (expr === "github.token")
            return job.token ?? "";
        if (expr === "github.sha")
            return job.sha;
        if (expr === "github.repository")
            return job.repository;
        throw new Error(`the runner emulator cannot expand \${{ ${expr} }} in an action.yml default`);
    });
}
class GitHubRunner {
    config;
    constructor(config) {
        this.config = config;
    }
    /** The job's environment, as the runner gives it to hooks and steps. */
    jobEnv(job, workspace, temp) {
        const eventPath = (0,external_node_path_.join)(temp, "event.json");
        (0,external_node_fs_.writeFileSync)(eventPath, JSON.stringify(job.event ?? {}));
        const [owner = ""] = job.repository.split("/");
        return {
            PATH: process.env.PATH ?? "/usr/bin:/bin",
            HOME: process.env.HOME ?? temp,
            LANG: "C.UTF-8",
            ...this.config.env,
            CI: "true",
            GITHUB_ACTIONS: "true",
            GITHUB_REPOSITORY: job.repository,
            GITHUB_REPOSITORY_OWNER: owner,
            GITHUB_SHA: job.sha,
            GITHUB_REF: job.ref ?? "refs/heads/main",
            GITHUB_RUN_ID: String(job.runId),
            GITHUB_RUN_NUMBER: "1",
            GITHUB_RUN_ATTEMPT: String(job.runAttempt ?? 1),
            GITHUB_JOB: job.job,
            GITHUB_WORKFLOW: job.workflow ?? "hil",
            GITHUB_EVENT_NAME: job.eventName ?? "push",
            GITHUB_EVENT_PATH: eventPath,
            GITHUB_ACTOR: job.actor ?? "octocat",
            GITHUB_SERVER_URL: job.serverUrl ?? "https://github.com",
            GITHUB_API_URL: job.apiUrl,
            GITHUB_WORKSPACE: workspace,
            RUNNER_NAME: this.config.name,
            RUNNER_OS: "Linux",
            RUNNER_ARCH: "X64",
            RUNNER_TEMP: temp,
        };
    }
    async runJob(job, steps) {
        const base = this.config.workDir ?? (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "gh-runner-"));
        const workspace = (0,external_node_path_.join)(base, "_work", job.repository.split("/")[1] ?? "repo");
        const temp = (0,external_node_path_.join)(base, "_temp", `${job.runId}-${job.job}`);
        (0,external_node_fs_.mkdirSync)(workspace, { recursive: true });
        (0,external_node_fs_.mkdirSync)(temp, { recursive: true });
        if (job.checkout)
            (0,external_node_fs_.cpSync)(job.checkout, workspace, { recursive: true });
        const env = this.jobEnv(job, workspace, temp);
        const result = { conclusion: "success", steps: [], env, workspace };
        const startedHook = this.config.env.ACTIONS_RUNNER_HOOK_JOB_STARTED;
        if (startedHook) {
            result.started = await this.exec("hook:started", ["bash", "-e", startedHook], env, workspace);
            if (result.started.exitCode !== 0)
                result.conclusion = "failure";
        }
        let failed = result.conclusion === "failure";
        let cancelled = false;
        for (const step of steps) {
            const cond = step.if ?? "success";
            const runIt = cancelled
                ? cond === "always"
                : cond === "always" || (cond === "failure" ? failed : !failed);
            if (!runIt) {
                result.steps.push({
                    name: step.name,
                    conclusion: "skipped",
                    exitCode: 0,
                    stdout: "",
                    stderr: "",
                    ms: 0,
                    outputs: {},
                    summary: "",
                    commands: [],
                });
                continue;
            }
            await step.before?.();
            const r = await this.runStep(job, step, env, workspace, temp);
            result.steps.push(r);
            if (r.conclusion === "cancelled")
                cancelled = true;
            else if (r.conclusion === "failure")
                failed = true;
        }
        result.conclusion = cancelled ? "cancelled" : failed ? "failure" : "success";
        const completedHook = this.config.env.ACTIONS_RUNNER_HOOK_JOB_COMPLETED;
        if (completedHook) {
            result.completed = await this.exec("hook:completed", ["bash", "-e", completedHook], env, workspace);
        }
        return result;
    }
    async runStep(job, step, jobEnv, workspace, temp) {
        const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(temp, "step-"));
        const files = {
            GITHUB_OUTPUT: (0,external_node_path_.join)(dir, "output"),
            GITHUB_ENV: (0,external_node_path_.join)(dir, "env"),
            GITHUB_PATH: (0,external_node_path_.join)(dir, "path"),
            GITHUB_STATE: (0,external_node_path_.join)(dir, "state"),
            GITHUB_STEP_SUMMARY: (0,external_node_path_.join)(dir, "summary.md"),
        };
        for (const f of Object.values(files))
            (0,external_node_fs_.writeFileSync)(f, "");
        const env = { ...jobEnv, ...files, ...step.env };
        let argv;
        if (step.uses) {
            const actionDir = (0,external_node_path_.join)(this.config.root, "actions", step.uses);
            const yml = (0,dist/* parse */.qg)((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(actionDir, "action.yml"), "utf8"));
            const inputs = {};
            for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
                if (spec.default !== undefined)
                    inputs[name] = expandDefault(String(spec.default), job);
            }
            Object.assign(inputs, step.with);
            for (const [k, v] of Object.entries(inputs))
                env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = v;
            env.GITHUB_ACTION = step.id ?? step.uses;
            env.GITHUB_ACTION_PATH = actionDir;
            argv = [this.config.node, (0,external_node_path_.join)(actionDir, yml.runs.main)];
        }
        else if (step.run) {
            argv = ["bash", "-e", "-c", step.run];
        }
        else {
            throw new Error(`step ${step.name} has neither uses nor run`);
        }
        const r = await this.exec(`step:${step.name}`, argv, env, workspace, step.cancelAfterMs);
        // GITHUB_ENV written by a step reaches the steps after it.
        Object.assign(jobEnv, parseKeyValueFile((0,external_node_fs_.readFileSync)(files.GITHUB_ENV, "utf8")));
        // A step still running when the workflow was cancelled ends `cancelled`, whatever its exit.
        const wasCancelled = step.cancelAfterMs !== undefined && r.ms >= step.cancelAfterMs;
        return {
            ...r,
            name: step.name,
            conclusion: wasCancelled ? "cancelled" : r.exitCode === 0 ? "success" : "failure",
            outputs: parseKeyValueFile((0,external_node_fs_.readFileSync)(files.GITHUB_OUTPUT, "utf8")),
            summary: (0,external_node_fs_.readFileSync)(files.GITHUB_STEP_SUMMARY, "utf8"),
            commands: parseWorkflowCommands(r.stdout),
        };
    }
    /** Run one process with the job's env; SIGINT then SIGTERM after `cancelAfterMs`. */
    exec(source, argv, env, cwd, cancelAfterMs) {
        const started = Date.now();
        return new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            const emit = (chunk) => {
                for (const line of chunk.split("\n"))
                    if (line)
                        this.config.onLine?.(source, line);
            };
            child.stdout.on("data", (d) => {
                stdout += d.toString();
                emit(d.toString());
            });
            child.stderr.on("data", (d) => {
                stderr += d.toString();
                emit(d.toString());
            });
            const timers = [];
            if (cancelAfterMs !== undefined) {
                // The runner's cancellation: SIGINT, then SIGTERM 7.5 s later (shortened here).
                timers.push(setTimeout(() => child.kill("SIGINT"), cancelAfterMs));
                timers.push(setTimeout(() => child.kill("SIGTERM"), cancelAfterMs + 2500));
            }
            child.on("error", reject);
            child.on("close", (code, signal) => {
                for (const t of timers)
                    clearTimeout(t);
                resolve({
                    exitCode: code ?? 128,
                    ...(signal ? { signal } : {}),
                    stdout,
                    stderr,
                    ms: Date.now() - started,
                });
            });
        });
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
;// CONCATENATED MODULE: ./packages/forge-sim/src/server.ts

function compile(pattern) {
    const re = pattern
        .split("/")
        .map((seg) => {
        if (seg.startsWith(":"))
            return `(?<${seg.slice(1)}>[^/]+)`;
        if (seg.startsWith("*"))
            return `(?<${seg.slice(1)}>.*)`;
        return seg.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    })
        .join("/");
    return new RegExp(`^${re}$`);
}
/**
 * A small HTTP server on 127.0.0.1 (ephemeral port) that answers a set of routes and
 * records every request. The GitHub and GitLab fakes are route sets mounted on it.
 */
class FakeServer {
    requests = [];
    routes = [];
    server;
    baseUrl = "";
    route(...routes) {
        for (const r of routes)
            this.routes.push({
                method: r.method.toUpperCase(),
                re: compile(r.pattern),
                handler: r.handler,
            });
        return this;
    }
    async start() {
        this.server = (0,external_node_http_.createServer)((req, res) => void this.handle(req, res));
        await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        const { port } = this.server.address();
        this.baseUrl = `http://127.0.0.1:${port}`;
        return this;
    }
    async stop() {
        if (!this.server)
            return;
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
    async handle(req, res) {
        const chunks = [];
        for await (const c of req)
            chunks.push(c);
        const url = new URL(req.url ?? "/", this.baseUrl);
        const seen = {
            method: req.method ?? "GET",
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: Buffer.concat(chunks),
        };
        this.requests.push(seen);
        const route = this.routes.find((r) => r.method === seen.method && r.re.test(seen.path));
        let result;
        try {
            result = route
                ? await route.handler({
                    req: seen,
                    params: { ...route.re.exec(seen.path).groups },
                    baseUrl: this.baseUrl,
                })
                : { status: 404, body: { message: `Not Found: ${seen.method} ${seen.path}` } };
        }
        catch (e) {
            result = { status: 500, body: { message: e.message } };
        }
        const isBuffer = Buffer.isBuffer(result.body);
        const body = result.body === undefined
            ? ""
            : isBuffer
                ? result.body
                : JSON.stringify(result.body);
        res.writeHead(result.status, {
            ...(isBuffer || result.body === undefined ? {} : { "content-type": "application/json" }),
            ...result.headers,
        });
        res.end(body);
    }
}
/** Parse a JSON request body (the fakes' handlers all take JSON). */
function server_jsonBody(req) {
    return (req.body.length ? JSON.parse(req.body.toString("utf8")) : {});
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./packages/forge-sim/src/github-artifacts.ts


const TWIRP = "/twirp/github.actions.results.api.v1.ArtifactService";
const RUN_SCOPE = "Actions.Results";
const b64url = (s) => Buffer.from(s).toString("base64url");
const utc = (d) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
class GitHubArtifactsFake {
    artifacts = [];
    runs = [];
    /** Blob downloads served, by artifact id. */
    downloads = new Map();
    /** The token the REST API accepts (`Authorization: token …` or `Bearer …`). */
    token = "ghs_fakeRestToken0123456789";
    /** More tokens it accepts (a workflow's GITHUB_TOKEN, which has actions: read). */
    extraTokens = new Set();
    /** The repository the fake holds (`owner/repo`). */
    repository = "acme/thermostat-fw";
    /** Rewrite the bytes a blob download serves (e.g. truncate them). */
    serveBlob;
    nextId = 4242;
    pending = new Map();
    blocks = new Map();
    committed = new Map();
    signatures = new Map();
    /** A workflow run, and the ACTIONS_RUNTIME_TOKEN a job of it would get. */
    run(opts) {
        let run = this.runs.find((r) => r.id === opts.id);
        if (!run) {
            run = {
                id: opts.id,
                headSha: opts.headSha,
                headBranch: opts.headBranch ?? "main",
                runBackendId: (0,external_node_crypto_.randomUUID)(),
                jobBackendId: (0,external_node_crypto_.randomUUID)(),
            };
            this.runs.push(run);
        }
        const claims = {
            scp: `Actions.ExampleScope ${RUN_SCOPE}:${run.runBackendId}:${run.jobBackendId}`,
            exp: Math.floor(Date.now() / 1000) + 3600,
        };
        const runtimeToken = `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify(claims))}.fakesig`;
        return { run, runtimeToken };
    }
    /** Put an artifact in place directly, as if a build had uploaded it. */
    addArtifact(opts) {
        const { run } = this.run({ id: opts.runId, headSha: opts.headSha });
        const now = new Date();
        const a = {
            id: this.nextId++,
            name: opts.name,
            repository: this.repository,
            run,
            zip: opts.zip,
            digest: opts.digest === undefined
                ? `sha256:${(0,external_node_crypto_.createHash)("sha256").update(opts.zip).digest("hex")}`
                : opts.digest,
            expired: opts.expired ?? false,
            createdAt: utc(now),
            expiresAt: utc(new Date(now.getTime() + (opts.expired ? -1 : 90) * 86400_000)),
        };
        this.artifacts.push(a);
        return a;
    }
    /** Blob downloads served in total. */
    downloadCount() {
        return [...this.downloads.values()].reduce((a, b) => a + b, 0);
    }
    runOf(ctx) {
        const auth = ctx.req.headers.authorization ?? "";
        const jwt = /^Bearer (.+)$/.exec(auth)?.[1];
        if (!jwt)
            return undefined;
        try {
            const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());
            const scope = (claims.scp ?? "").split(" ").find((s) => s.startsWith(`${RUN_SCOPE}:`));
            const [, runBackendId, jobBackendId] = (scope ?? "").split(":");
            return this.runs.find((r) => r.runBackendId === runBackendId && r.jobBackendId === jobBackendId);
        }
        catch {
            return undefined;
        }
    }
    twirp(handler) {
        return (ctx) => {
            const run = this.runOf(ctx);
            if (!run)
                return { status: 401, body: { code: "unauthenticated", msg: "invalid runtime token" } };
            return handler(ctx, run);
        };
    }
    restAuth(ctx) {
        const auth = ctx.req.headers.authorization ?? "";
        const tok = /^(?:token|Bearer) (.+)$/i.exec(auth)?.[1];
        if (tok === undefined || (tok !== this.token && !this.extraTokens.has(tok))) {
            return {
                status: 401,
                body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" },
            };
        }
        if (`${ctx.params.owner}/${ctx.params.repo}` !== this.repository) {
            return { status: 404, body: { message: "Not Found" } };
        }
        return undefined;
    }
    rest(a, baseUrl) {
        const [owner, repo] = a.repository.split("/");
        const api = `${baseUrl}/repos/${owner}/${repo}/actions/artifacts/${a.id}`;
        return {
            id: a.id,
            node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
            name: a.name,
            size_in_bytes: a.zip.length,
            url: api,
            archive_download_url: `${api}/zip`,
            expired: a.expired,
            digest: a.digest,
            created_at: a.createdAt,
            updated_at: a.createdAt,
            expires_at: a.expiresAt,
            workflow_run: {
                id: a.run.id,
                repository_id: 1296269,
                head_repository_id: 1296269,
                head_branch: a.run.headBranch,
                head_sha: a.run.headSha,
            },
        };
    }
    list(ctx, filter) {
        const denied = this.restAuth(ctx);
        if (denied)
            return denied;
        const name = ctx.req.query.get("name");
        const perPage = Number(ctx.req.query.get("per_page") ?? 30);
        const page = Number(ctx.req.query.get("page") ?? 1);
        const all = this.artifacts
            .filter((a) => a.repository === this.repository && filter(a))
            .filter((a) => name === null || a.name === name)
            .sort((a, b) => b.id - a.id);
        return {
            status: 200,
            body: {
                total_count: all.length,
                artifacts: all
                    .slice((page - 1) * perPage, page * perPage)
                    .map((a) => this.rest(a, ctx.baseUrl)),
            },
        };
    }
    signedUrl(baseUrl, blobPath) {
        const sig = (0,external_node_crypto_.randomBytes)(16).toString("base64url");
        const sigs = this.signatures.get(blobPath) ?? new Set();
        sigs.add(sig);
        this.signatures.set(blobPath, sigs);
        const se = encodeURIComponent(utc(new Date(Date.now() + 3600_000)));
        return `${baseUrl}/fakeblob/${blobPath}?sv=2023-11-03&se=${se}&sr=b&sp=rcw&sig=${sig}`;
    }
    routes() {
        return [
            {
                method: "POST",
                pattern: `${TWIRP}/CreateArtifact`,
                handler: this.twirp((ctx, run) => {
                    const req = server_jsonBody(ctx.req);
                    if (!req.name)
                        return { status: 400, body: { code: "invalid_argument", msg: "name" } };
                    if (this.artifacts.some((a) => a.run.id === run.id && a.name === req.name)) {
                        return {
                            status: 409,
                            body: {
                                code: "already_exists",
                                msg: "an artifact with this name already exists on the workflow run",
                            },
                        };
                    }
                    const blobPath = `actions-results/${run.runBackendId}/${run.jobBackendId}/${encodeURIComponent(req.name)}.zip`;
                    this.pending.set(`${run.id}/${req.name}`, {
                        name: req.name,
                        run,
                        blobPath,
                        ...(req.expires_at ? { expiresAt: req.expires_at } : {}),
                    });
                    return {
                        status: 200,
                        body: { ok: true, signed_upload_url: this.signedUrl(ctx.baseUrl, blobPath) },
                    };
                }),
            },
            {
                method: "POST",
                pattern: `${TWIRP}/FinalizeArtifact`,
                handler: this.twirp((ctx, run) => {
                    const req = server_jsonBody(ctx.req);
                    const p = this.pending.get(`${run.id}/${req.name}`);
                    const blob = p && this.committed.get(p.blobPath);
                    if (!p || !blob) {
                        return { status: 404, body: { code: "not_found", msg: "no upload for this artifact" } };
                    }
                    if (req.size !== undefined && Number(req.size) !== blob.length) {
                        return {
                            status: 400,
                            body: {
                                code: "invalid_argument",
                                msg: `size ${req.size} != uploaded ${blob.length}`,
                            },
                        };
                    }
                    this.pending.delete(`${run.id}/${req.name}`);
                    const now = new Date();
                    const a = {
                        id: this.nextId++,
                        name: p.name,
                        repository: this.repository,
                        run,
                        zip: blob,
                        digest: req.hash ?? null,
                        expired: false,
                        createdAt: utc(now),
                        expiresAt: p.expiresAt ?? utc(new Date(now.getTime() + 90 * 86400_000)),
                    };
                    this.artifacts.push(a);
                    return { status: 200, body: { ok: true, artifact_id: String(a.id) } };
                }),
            },
            {
                method: "POST",
                pattern: `${TWIRP}/ListArtifacts`,
                handler: this.twirp((ctx, run) => {
                    const req = server_jsonBody(ctx.req);
                    const found = this.artifacts.filter((a) => a.run.id === run.id &&
                        !a.expired &&
                        (req.name_filter === undefined || a.name === req.name_filter) &&
                        (req.id_filter === undefined || String(a.id) === String(req.id_filter)));
                    return {
                        status: 200,
                        body: {
                            artifacts: found.map((a) => ({
                                workflow_run_backend_id: a.run.runBackendId,
                                workflow_job_run_backend_id: a.run.jobBackendId,
                                database_id: String(a.id),
                                name: a.name,
                                size: String(a.zip.length),
                                created_at: a.createdAt,
                                ...(a.digest ? { digest: a.digest } : {}),
                            })),
                        },
                    };
                }),
            },
            {
                method: "POST",
                pattern: `${TWIRP}/GetSignedArtifactURL`,
                handler: this.twirp((ctx, run) => {
                    const req = server_jsonBody(ctx.req);
                    const a = this.artifacts.find((x) => x.run.id === run.id && x.name === req.name);
                    if (!a)
                        return { status: 404, body: { code: "not_found", msg: "artifact not found" } };
                    return { status: 200, body: { signed_url: this.downloadUrl(a, ctx.baseUrl) } };
                }),
            },
            {
                // Azure block blob: stage a block, or commit the block list.
                method: "PUT",
                pattern: "/fakeblob/*blob",
                handler: (ctx) => {
                    const blobPath = ctx.params.blob;
                    if (!this.signatures.get(blobPath)?.has(ctx.req.query.get("sig") ?? "")) {
                        return {
                            status: 403,
                            body: Buffer.from("<Error><Code>AuthenticationFailed</Code></Error>"),
                        };
                    }
                    const comp = ctx.req.query.get("comp");
                    const headers = {
                        "x-ms-request-id": (0,external_node_crypto_.randomUUID)(),
                        "x-ms-version": "2023-11-03",
                        etag: `"0x${(0,external_node_crypto_.randomBytes)(8).toString("hex").toUpperCase()}"`,
                        "last-modified": new Date().toUTCString(),
                    };
                    if (comp === "block") {
                        const id = ctx.req.query.get("blockid") ?? "";
                        const blocks = this.blocks.get(blobPath) ?? new Map();
                        blocks.set(id, ctx.req.body);
                        this.blocks.set(blobPath, blocks);
                        return {
                            status: 201,
                            headers: { ...headers, "x-ms-request-server-encrypted": "true" },
                        };
                    }
                    if (comp === "blocklist") {
                        const ids = [
                            ...ctx.req.body
                                .toString("utf8")
                                .matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g),
                        ].map((m) => m[1]);
                        const blocks = this.blocks.get(blobPath) ?? new Map();
                        const missing = ids.find((id) => !blocks.has(id));
                        if (missing !== undefined) {
                            return {
                                status: 400,
                                body: Buffer.from("<Error><Code>InvalidBlockList</Code></Error>"),
                            };
                        }
                        this.committed.set(blobPath, Buffer.concat(ids.map((id) => blocks.get(id))));
                        this.blocks.delete(blobPath);
                        return { status: 201, headers };
                    }
                    // Single-shot Put Blob.
                    this.committed.set(blobPath, ctx.req.body);
                    return { status: 201, headers };
                },
            },
            {
                method: "GET",
                pattern: "/fakeblob/*blob",
                handler: (ctx) => {
                    const blobPath = ctx.params.blob;
                    if (!this.signatures.get(blobPath)?.has(ctx.req.query.get("sig") ?? "")) {
                        return {
                            status: 403,
                            body: Buffer.from("<Error><Code>AuthenticationFailed</Code></Error>"),
                        };
                    }
                    const a = this.artifacts.find((x) => `downloads/${x.id}/${encodeURIComponent(x.name)}.zip` === blobPath);
                    if (!a)
                        return { status: 404, body: Buffer.from("<Error><Code>BlobNotFound</Code></Error>") };
                    this.downloads.set(a.id, (this.downloads.get(a.id) ?? 0) + 1);
                    const bytes = this.serveBlob ? this.serveBlob(a, a.zip) : a.zip;
                    return {
                        status: 200,
                        headers: {
                            "content-type": "application/zip",
                            "content-disposition": `attachment; filename=${a.name}.zip; filename*=UTF-8''${encodeURIComponent(a.name)}.zip`,
                        },
                        body: bytes,
                    };
                },
            },
            {
                method: "GET",
                pattern: "/repos/:owner/:repo/actions/runs/:run_id/artifacts",
                handler: (ctx) => this.list(ctx, (a) => String(a.run.id) === ctx.params.run_id),
            },
            {
                method: "GET",
                pattern: "/repos/:owner/:repo/actions/artifacts",
                handler: (ctx) => this.list(ctx, () => true),
            },
            {
                method: "GET",
                pattern: "/repos/:owner/:repo/actions/artifacts/:id",
                handler: (ctx) => {
                    const denied = this.restAuth(ctx);
                    if (denied)
                        return denied;
                    const a = this.artifacts.find((x) => String(x.id) === ctx.params.id);
                    if (!a)
                        return { status: 404, body: { message: "Not Found" } };
                    return { status: 200, body: this.rest(a, ctx.baseUrl) };
                },
            },
            {
                method: "GET",
                pattern: "/repos/:owner/:repo/actions/artifacts/:id/:format",
                handler: (ctx) => {
                    const denied = this.restAuth(ctx);
                    if (denied)
                        return denied;
                    const a = this.artifacts.find((x) => String(x.id) === ctx.params.id);
                    if (!a || ctx.params.format !== "zip")
                        return { status: 404, body: { message: "Not Found" } };
                    if (a.expired)
                        return { status: 410, body: { message: "Artifact has expired" } };
                    return { status: 302, headers: { location: this.downloadUrl(a, ctx.baseUrl) } };
                },
            },
        ];
    }
    downloadUrl(a, baseUrl) {
        return this.signedUrl(baseUrl, `downloads/${a.id}/${encodeURIComponent(a.name)}.zip`);
    }
}

;// CONCATENATED MODULE: ./packages/forge-sim/src/github-status.ts

const STATES = ["error", "failure", "pending", "success"];
const CONCLUSIONS = [
    "action_required",
    "cancelled",
    "failure",
    "neutral",
    "success",
    "skipped",
    "stale",
    "timed_out",
];
const DOCS = "https://docs.github.com/rest";
function err(status, message, extra = {}) {
    return {
        status,
        body: { message, documentation_url: DOCS, status: String(status), ...extra },
    };
}
function validation(resource, field, message) {
    return err(422, "Validation Failed", {
        errors: [{ resource, code: "custom", field, message }],
    });
}
/**
 * The part of the GitHub REST API that publishes results on a commit, as GitHub answers it:
 * `POST /repos/{owner}/{repo}/statuses/{sha}` (401 for a bad token, 403 for a token without
 * `statuses: write`, 404 for an unknown repository, 422 for an unknown commit or a bad
 * field), `GET /repos/{owner}/{repo}/commits/{ref}/statuses` and
 * `POST /repos/{owner}/{repo}/check-runs` (needs `checks: write`).
 */
class GitHubStatusFake {
    options;
    statuses = [];
    checkRuns = [];
    nextId = 1;
    constructor(options) {
        this.options = options;
    }
    /** The latest status per context for a commit, as GitHub shows it on the commit. */
    latest(sha) {
        const m = new Map();
        for (const s of this.statuses)
            if (s.sha === sha)
                m.set(s.context, s);
        return m;
    }
    auth(ctx) {
        const h = ctx.req.headers.authorization ?? "";
        const token = /^(?:token|bearer)\s+(.+)$/i.exec(h)?.[1];
        const grant = token ? this.options.tokens[token] : undefined;
        if (!token || !grant)
            return err(401, "Bad credentials");
        return { token, grant };
    }
    repoKnown(ctx) {
        const { owner, repo } = ctx.params;
        return !this.options.repos || this.options.repos.includes(`${owner}/${repo}`);
    }
    shaKnown(sha) {
        if (!/^[0-9a-f]{40}$/.test(sha))
            return false;
        return !this.options.shas || this.options.shas.includes(sha);
    }
    routes() {
        return [
            {
                method: "POST",
                pattern: "/repos/:owner/:repo/statuses/:sha",
                handler: (ctx) => {
                    const a = this.auth(ctx);
                    if ("status" in a)
                        return a;
                    if (!this.repoKnown(ctx))
                        return err(404, "Not Found");
                    if (a.grant.statuses === false) {
                        return err(403, "Resource not accessible by integration");
                    }
                    const owner = ctx.params.owner;
                    const repo = ctx.params.repo;
                    const sha = ctx.params.sha;
                    if (!this.shaKnown(sha))
                        return err(422, `No commit found for SHA: ${sha}`);
                    const b = server_jsonBody(ctx.req);
                    if (!b.state || !STATES.includes(b.state)) {
                        return validation("Status", "state", `state is not included in the list`);
                    }
                    if (b.description && b.description.length > 140) {
                        return validation("Status", "description", "description is too long (maximum is 140 characters)");
                    }
                    if (b.target_url && !/^https?:\/\//.test(b.target_url)) {
                        return validation("Status", "target_url", "target_url must use http(s) scheme");
                    }
                    const s = {
                        id: this.nextId++,
                        owner,
                        repo,
                        sha,
                        state: b.state,
                        context: b.context ?? "default",
                        token: a.token,
                        created_at: new Date().toISOString(),
                        ...(b.description !== undefined ? { description: b.description } : {}),
                        ...(b.target_url !== undefined ? { target_url: b.target_url } : {}),
                    };
                    this.statuses.push(s);
                    const { token: _t, owner: _o, repo: _r, sha: _s, ...shown } = s;
                    return {
                        status: 201,
                        body: {
                            url: `${ctx.baseUrl}/repos/${owner}/${repo}/statuses/${sha}`,
                            ...shown,
                            updated_at: s.created_at,
                            creator: { login: "github-actions[bot]" },
                        },
                    };
                },
            },
            {
                method: "GET",
                pattern: "/repos/:owner/:repo/commits/:ref/statuses",
                handler: (ctx) => {
                    const a = this.auth(ctx);
                    if ("status" in a)
                        return a;
                    if (!this.repoKnown(ctx))
                        return err(404, "Not Found");
                    const list = this.statuses
                        .filter((s) => s.sha === ctx.params.ref)
                        .reverse()
                        .map(({ token: _t, owner: _o, repo: _r, sha: _s, ...shown }) => shown);
                    return { status: 200, body: list };
                },
            },
            {
                method: "POST",
                pattern: "/repos/:owner/:repo/check-runs",
                handler: (ctx) => {
                    const a = this.auth(ctx);
                    if ("status" in a)
                        return a;
                    if (!this.repoKnown(ctx))
                        return err(404, "Not Found");
                    if (!a.grant.checks)
                        return err(403, "Resource not accessible by integration");
                    const b = server_jsonBody(ctx.req);
                    if (!b.name)
                        return validation("CheckRun", "name", "name can't be blank");
                    if (!b.head_sha || !this.shaKnown(b.head_sha)) {
                        return err(422, `No commit found for SHA: ${b.head_sha}`);
                    }
                    if (b.conclusion && !CONCLUSIONS.includes(b.conclusion)) {
                        return validation("CheckRun", "conclusion", "conclusion is not included in the list");
                    }
                    if ((b.output?.summary?.length ?? 0) > 65535 || (b.output?.text?.length ?? 0) > 65535) {
                        return validation("CheckRun", "output", "output is too long (maximum is 65535 characters)");
                    }
                    const run = {
                        id: this.nextId++,
                        owner: ctx.params.owner,
                        repo: ctx.params.repo,
                        token: a.token,
                        ...b,
                        status: b.status ?? "queued",
                    };
                    this.checkRuns.push(run);
                    return {
                        status: 201,
                        body: {
                            id: run.id,
                            head_sha: run.head_sha,
                            name: run.name,
                            status: run.status,
                            conclusion: run.conclusion ?? null,
                            html_url: `${ctx.baseUrl}/${run.owner}/${run.repo}/runs/${run.id}`,
                        },
                    };
                },
            },
        ];
    }
}

;// CONCATENATED MODULE: ./packages/forge-sim/src/gitlab-status.ts

const gitlab_status_STATES = (/* unused pure expression or super */ null && (["pending", "running", "success", "failed", "canceled", "skipped"]));
const EVENT = {
    pending: "enqueue",
    running: "run",
    success: "succeed",
    failed: "drop",
    canceled: "cancel",
    skipped: "skip",
};
const msg = (status, message) => ({ status, body: { message } });
/**
 * GitLab's `POST /api/v4/projects/:id/statuses/:sha` as GitLab answers it: 401 without a
 * valid token, 403 for a token that may not write (a job token, a Reporter), 404 for an
 * unknown project or commit, 400 for a bad state or a transition GitLab refuses (posting
 * `pending` to a status that is already pending or running). A status still pending or
 * running is updated in place; a finished one is followed by a new one, as GitLab does.
 * Also `GET /api/v4/projects/:id/repository/commits/:sha/statuses`.
 */
class GitLabStatusFake {
    options;
    statuses = [];
    /** Every state a status went through, in order: `name@sha: pending → success`. */
    transitions = [];
    nextId = 1;
    constructor(options) {
        this.options = options;
    }
    /** The latest status of `name` on `sha`. */
    latest(sha, name) {
        return this.statuses.filter((s) => s.sha === sha && s.name === name).at(-1);
    }
    auth(ctx) {
        const h = ctx.req.headers;
        if (h["job-token"])
            return msg(403, "403 Forbidden");
        const bearer = /^bearer\s+(.+)$/i.exec(String(h.authorization ?? ""))?.[1];
        const token = String(h["private-token"] ?? bearer ?? "");
        const grant = token ? this.options.tokens[token] : undefined;
        if (!grant)
            return msg(401, "401 Unauthorized");
        return { token, write: grant.write !== false };
    }
    project(ctx) {
        const id = ctx.params.id;
        const known = !this.options.projects || this.options.projects.includes(id);
        return known ? decodeURIComponent(id) : undefined;
    }
    routes() {
        return [
            {
                method: "POST",
                pattern: "/api/v4/projects/:id/statuses/:sha",
                handler: (ctx) => {
                    const a = this.auth(ctx);
                    if ("status" in a)
                        return a;
                    const project = this.project(ctx);
                    if (!project)
                        return msg(404, "404 Project Not Found");
                    if (!a.write)
                        return msg(403, "403 Forbidden");
                    const sha = ctx.params.sha;
                    if (!/^[0-9a-f]{40}$/.test(sha) ||
                        (this.options.shas && !this.options.shas.includes(sha))) {
                        return msg(404, "404 Commit Not Found");
                    }
                    const b = jsonBody(ctx.req);
                    const state = String(b.state ?? "");
                    if (!gitlab_status_STATES.includes(state)) {
                        return { status: 400, body: { error: "state does not have a valid value" } };
                    }
                    const name = String(b.name ?? b.context ?? "default");
                    const open = this.statuses.find((s) => s.sha === sha &&
                        s.name === name &&
                        (s.status === "pending" || s.status === "running"));
                    if (open) {
                        const refused = open.status === state || (state === "pending" && open.status === "running");
                        if (refused) {
                            return msg(400, `Cannot transition status via :${EVENT[state]} from :${open.status} (Reason(s): Status cannot transition via "${EVENT[state]}")`);
                        }
                    }
                    const s = open ?? {
                        id: this.nextId++,
                        project,
                        sha,
                        name,
                        status: state,
                        token: a.token,
                    };
                    this.transitions.push(`${name}@${sha.slice(0, 8)}: ${open ? `${open.status} → ` : ""}${state}`);
                    s.status = state;
                    s.token = a.token;
                    if (typeof b.target_url === "string")
                        s.target_url = b.target_url;
                    if (typeof b.description === "string")
                        s.description = b.description;
                    if (typeof b.ref === "string")
                        s.ref = b.ref;
                    if (b.pipeline_id !== undefined)
                        s.pipeline_id = Number(b.pipeline_id);
                    if (!open)
                        this.statuses.push(s);
                    const { token: _t, project: _p, ...shown } = s;
                    return {
                        status: 201,
                        body: { ...shown, allow_failure: false, author: { username: "hil-bot" } },
                    };
                },
            },
            {
                method: "GET",
                pattern: "/api/v4/projects/:id/repository/commits/:sha/statuses",
                handler: (ctx) => {
                    const a = this.auth(ctx);
                    if ("status" in a)
                        return a;
                    if (!this.project(ctx))
                        return msg(404, "404 Project Not Found");
                    const list = this.statuses
                        .filter((s) => s.sha === ctx.params.sha)
                        .map(({ token: _t, project: _p, ...shown }) => shown);
                    return { status: 200, body: list };
                },
            },
        ];
    }
}

;// CONCATENATED MODULE: ./packages/forge-sim/src/index.ts






;// CONCATENATED MODULE: ./packages/lab/src/fake-github.ts

/**
 * A local GitHub on 127.0.0.1 with the parts the project uses: the Actions artifact service
 * (upload from the build job, download by the hardware lane) and commit statuses / check runs.
 * Two tokens: the workflow's GITHUB_TOKEN (`jobToken`), and the lab's own token the runner hooks
 * use (`labToken`, HIL_GITHUB_TOKEN); both may post statuses.
 */
class FakeGitHub {
    server = new FakeServer();
    artifacts = new GitHubArtifactsFake();
    jobToken = "ghs_demoJobToken0123456789abcdef";
    statuses;
    constructor() {
        this.statuses = new GitHubStatusFake({
            tokens: {
                [this.jobToken]: { statuses: true, checks: true },
                [this.artifacts.token]: { statuses: true },
            },
        });
        // The workflow's GITHUB_TOKEN reads its repository's artifacts (permissions: actions: read).
        this.artifacts.extraTokens.add(this.jobToken);
        this.server.route(...this.artifacts.routes(), ...this.statuses.routes());
    }
    /** The lab's token (Actions: read for bundles, Commit statuses: write). */
    get labToken() {
        return this.artifacts.token;
    }
    get apiUrl() {
        return this.server.baseUrl;
    }
    async start() {
        await this.server.start();
        return this;
    }
    stop() {
        return this.server.stop();
    }
    /** A workflow run; its ACTIONS_RUNTIME_TOKEN lets the build job upload artifacts. */
    run(id, headSha) {
        return this.artifacts.run({ id, headSha });
    }
    /** The newest status per context on a commit, as GitHub shows them on the commit. */
    latestStatuses(sha) {
        const latest = new Map();
        for (const s of this.statuses.statuses)
            if (s.sha === sha)
                latest.set(s.context, s);
        return latest;
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
;// CONCATENATED MODULE: ./packages/hut-sim/src/script.ts

class ScriptError extends src/* ConfigurationError */.j1 {
    line;
    name = "ScriptError";
    constructor(line, message) {
        super(`console script line ${line}: ${message}`, {
            hint: "See docs/simulator.md (Console scripts) for the statements the simulator understands.",
        });
        this.line = line;
    }
}
/** Reset reasons the ROM prints (`rst:0x1 (POWERON_RESET)`), by name. */
const RESET_REASONS = {
    POWERON_RESET: 0x1,
    SW_RESET: 0x3,
    OWDT_RESET: 0x4,
    DEEPSLEEP_RESET: 0x5,
    SDIO_RESET: 0x6,
    TG0WDT_SYS_RESET: 0x7,
    TG1WDT_SYS_RESET: 0x8,
    RTCWDT_SYS_RESET: 0x9,
    INTRUSION_RESET: 0xa,
    TGWDT_CPU_RESET: 0xb,
    SW_CPU_RESET: 0xc,
    RTCWDT_CPU_RESET: 0xd,
    EXT_CPU_RESET: 0xe,
    RTCWDT_BROWN_OUT_RESET: 0xf,
    RTCWDT_RTC_RESET: 0x10,
};
/** Exception causes a `panic` statement accepts, with their Xtensa EXCCAUSE. */
const PANIC_CAUSES = {
    IllegalInstruction: 0x00,
    IntegerDivideByZero: 0x06,
    LoadStoreAlignment: 0x09,
    InstrFetchProhibited: 0x14,
    LoadProhibited: 0x1c,
    StoreProhibited: 0x1d,
};
const LABEL = /^([A-Za-z_][A-Za-z0-9_-]*):$/;
/** Stands for an escaped `\$` until interpolation is done. */
const LITERAL_DOLLAR = "\uE000";
/** Replace `${boot}`, `${input}`, … in printed text; `\$` gives a literal dollar. */
function interpolate(text, vars) {
    return text
        .replace(/\$\{([A-Za-z_]+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m))
        .replaceAll(LITERAL_DOLLAR, "$");
}
/** Split a statement's arguments: bare words and "double quoted strings". */
function tokenize(s, line) {
    const out = [];
    let i = 0;
    while (i < s.length) {
        if (s[i] === " " || s[i] === "\t") {
            i++;
            continue;
        }
        if (s[i] === '"') {
            let v = "";
            i++;
            while (i < s.length && s[i] !== '"') {
                if (s[i] === "\\" && i + 1 < s.length) {
                    v += s.slice(i, i + 2);
                    i += 2;
                }
                else
                    v += s[i++];
            }
            if (s[i] !== '"')
                throw new ScriptError(line, "unterminated string");
            i++;
            out.push(script_unescape(v, line));
            continue;
        }
        let w = "";
        while (i < s.length && s[i] !== " " && s[i] !== "\t")
            w += s[i++];
        out.push(w);
    }
    return out;
}
/** Backslash escapes in text: \\ \t \r \n \e \$ \" \xHH. */
function script_unescape(s, line) {
    return s.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e) => {
        if (e.startsWith("x") && e.length === 3)
            return String.fromCharCode(parseInt(e.slice(1), 16));
        const map = {
            "\\": "\\",
            t: "\t",
            r: "\r",
            n: "\n",
            e: "\x1b",
            $: LITERAL_DOLLAR,
            '"': '"',
        };
        const v = map[e];
        if (v === undefined)
            throw new ScriptError(line, `unknown escape \\${e}`);
        return v;
    });
}
/** `250ms`, `2s`, `1.5s`, `1m`, or a bare number of milliseconds. */
function parseDuration(s, line) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s);
    if (!m)
        throw new ScriptError(line, `expected a duration like 250ms or 2s, got "${s}"`);
    const n = Number(m[1]);
    return Math.round(m[2] === "s" ? n * 1000 : m[2] === "m" ? n * 60_000 : n);
}
function parseCondition(toks, line) {
    const [name, op, ...rest] = toks;
    const raw = rest.join(" ");
    if (name === "timed_out" && toks.length === 1)
        return { kind: "timed_out", negate: false };
    if (name === "!timed_out" && toks.length === 1)
        return { kind: "timed_out", negate: true };
    if (name === "input") {
        if (op === "~") {
            const m = /^\/(.*)\/([a-z]*)$/.exec(raw);
            if (!m)
                throw new ScriptError(line, `expected input ~ /regex/, got "${raw}"`);
            try {
                return { kind: "input", op: "~", value: new RegExp(m[1], m[2]) };
            }
            catch (e) {
                throw new ScriptError(line, `bad regular expression: ${e.message}`);
            }
        }
        if ((op === "==" || op === "!=") && rest.length === 1)
            return { kind: "input", op, value: rest[0] };
        throw new ScriptError(line, 'expected input == "text", input != "text" or input ~ /regex/');
    }
    if (name === "boot") {
        const ops = ["==", "!=", "<", "<=", ">", ">="];
        const o = ops.find((x) => x === op);
        const n = Number(raw);
        if (!o || rest.length !== 1 || !Number.isInteger(n))
            throw new ScriptError(line, "expected boot <op> <number>, e.g. boot >= 3");
        return { kind: "number", name: "boot", op: o, value: n };
    }
    if (name === "reset_reason") {
        if ((op !== "==" && op !== "!=") || rest.length !== 1 || !(rest[0] in RESET_REASONS))
            throw new ScriptError(line, `expected reset_reason == NAME with NAME one of ${Object.keys(RESET_REASONS).join(", ")}`);
        return { kind: "reset_reason", op, value: rest[0] };
    }
    throw new ScriptError(line, `unknown condition "${toks.join(" ")}" (use input, boot, reset_reason or timed_out)`);
}
/** `at file:line` suffix shared by test and assert. */
function takeLocation(toks, line) {
    const i = toks.indexOf("at");
    if (i < 0)
        return {};
    const loc = toks[i + 1];
    const m = loc ? /^(.+):(\d+)$/.exec(loc) : null;
    if (!m || toks.length !== i + 2)
        throw new ScriptError(line, "expected at <file>:<line> at the end");
    toks.splice(i, 2);
    return { file: m[1], at: Number(m[2]) };
}
/** Parse a script; throws ScriptError naming the line of the first mistake. */
function parseScript(text) {
    const statements = [];
    const labels = new Map();
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, idx) => {
        const line = idx + 1;
        const trimmed = raw.trim();
        if (trimmed === "" || trimmed.startsWith("#"))
            return;
        const label = LABEL.exec(trimmed);
        if (label) {
            if (labels.has(label[1]))
                throw new ScriptError(line, `label "${label[1]}" defined twice`);
            labels.set(label[1], statements.length);
            return;
        }
        const sp = trimmed.search(/\s/);
        const word = sp < 0 ? trimmed : trimmed.slice(0, sp);
        const rest = sp < 0 ? "" : trimmed.slice(sp + 1);
        const none = () => {
            if (rest.trim() !== "")
                throw new ScriptError(line, `${word} takes no arguments`);
        };
        switch (word) {
            case "print":
            case "write":
                statements.push({
                    line,
                    op: "print",
                    text: script_unescape(rest, line),
                    newline: word === "print",
                });
                return;
            case "log": {
                const m = /^([EWIDV])\s+([^:\s]+):\s?(.*)$/.exec(rest);
                if (!m)
                    throw new ScriptError(line, "expected log <E|W|I|D|V> <tag>: <message>");
                statements.push({ line, op: "log", level: m[1], tag: m[2], text: script_unescape(m[3], line) });
                return;
            }
            case "sleep":
                statements.push({ line, op: "sleep", ms: parseDuration(rest.trim(), line) });
                return;
            case "input": {
                const t = tokenize(rest, line);
                if (t.length === 0)
                    statements.push({ line, op: "input" });
                else if (t.length === 2 && t[0] === "timeout")
                    statements.push({ line, op: "input", timeoutMs: parseDuration(t[1], line) });
                else
                    throw new ScriptError(line, "expected input or input timeout <duration>");
                return;
            }
            case "goto": {
                const t = tokenize(rest, line);
                if (t.length !== 1)
                    throw new ScriptError(line, "expected goto <label>");
                statements.push({ line, op: "goto", label: t[0] });
                return;
            }
            case "if": {
                const g = rest.lastIndexOf(" goto ");
                if (g < 0)
                    throw new ScriptError(line, "expected if <condition> goto <label>");
                const target = rest.slice(g + 6).trim();
                if (!LABEL.test(`${target}:`))
                    throw new ScriptError(line, `bad label "${target}"`);
                const condText = rest.slice(0, g).trim();
                const regex = /^input\s+~\s+/;
                const condToks = regex.test(condText)
                    ? ["input", "~", condText.replace(regex, "")]
                    : tokenize(condText, line);
                statements.push({ line, op: "goto", label: target, when: parseCondition(condToks, line) });
                return;
            }
            case "test": {
                const t = tokenize(rest, line);
                const loc = takeLocation(t, line);
                const [result, name, message, ...extra] = t;
                if (result !== "pass" && result !== "fail" && result !== "ignore")
                    throw new ScriptError(line, "expected test pass|fail|ignore <name> [message] [at file:line]");
                if (!name || extra.length)
                    throw new ScriptError(line, "expected test <result> <name> [message] [at file:line] (quote names with spaces)");
                if (result === "fail" && !message)
                    throw new ScriptError(line, 'a failing test needs a message, e.g. test fail "adds" "Expected 3 Was 4"');
                statements.push({
                    line,
                    op: "test",
                    result,
                    name,
                    ...(message ? { message } : {}),
                    ...loc,
                });
                return;
            }
            case "unity_summary":
            case "unity_reset":
            case "restart":
            case "int_wdt":
            case "brownout":
            case "hang":
            case "end":
                none();
                statements.push({ line, op: word });
                return;
            case "panic": {
                const cause = rest.trim() || "LoadProhibited";
                if (!(cause in PANIC_CAUSES))
                    throw new ScriptError(line, `unknown panic cause "${cause}"; one of ${Object.keys(PANIC_CAUSES).join(", ")}`);
                statements.push({ line, op: "panic", cause });
                return;
            }
            case "abort":
                statements.push({
                    line,
                    op: "abort",
                    ...(rest.trim() ? { message: script_unescape(rest.trim(), line) } : {}),
                });
                return;
            case "assert": {
                const t = tokenize(rest, line);
                const loc = takeLocation(t, line);
                let func = "app_main";
                const inAt = t.indexOf("in");
                if (inAt >= 0) {
                    if (inAt !== t.length - 2)
                        throw new ScriptError(line, "expected assert <expr> [in <function>] [at <file>:<line>]");
                    func = t[inAt + 1];
                    t.splice(inAt, 2);
                }
                if (t.length !== 1)
                    throw new ScriptError(line, 'expected assert "<expression>" (quote it)');
                statements.push({
                    line,
                    op: "assert",
                    expr: t[0],
                    func,
                    file: loc.file ?? "main/main.c",
                    at: loc.at ?? 42,
                });
                return;
            }
            case "task_wdt":
                statements.push({ line, op: "task_wdt", task: rest.trim() || "main" });
                return;
            default:
                throw new ScriptError(line, `unknown statement "${word}"`);
        }
    });
    for (const s of statements)
        if (s.op === "goto" && !labels.has(s.label))
            throw new ScriptError(s.line, `goto to undefined label "${s.label}"`);
    return { statements, labels };
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/crash.ts

/** Deterministic pseudo-random addresses so a given image crashes the same way each time. */
class AddressSource {
    s;
    constructor(seed) {
        this.s = seed >>> 0 || 0x9e3779b9;
    }
    next() {
        // xorshift32
        let x = this.s;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.s = x >>> 0;
        return this.s;
    }
    code() {
        return (0x400d0000 + ((this.next() % 0x30000) & ~3) + 3) >>> 0;
    }
    iram() {
        return (0x40080000 + ((this.next() % 0x10000) & ~3) + 2) >>> 0;
    }
    stack() {
        return (0x3ffb2000 + ((this.next() % 0x1000) & ~0xf)) >>> 0;
    }
}
const hex = (n) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
function backtrace(a, frames, first) {
    const parts = [];
    let sp = a.stack();
    for (let i = 0; i < frames; i++) {
        const pc = i === 0 && first !== undefined ? first : i === frames - 1 ? a.iram() : a.code();
        parts.push(`${hex(pc)}:${hex(sp)}`);
        sp += 0x20;
    }
    return `Backtrace: ${parts.join(" ")}`;
}
function tail(elfSha) {
    return ["", "", "", "", `ELF file SHA256: ${elfSha.slice(0, 16)}`, "", "Rebooting..."];
}
/** `panic <cause>`: an unhandled CPU exception. */
function guruMeditation(cause, a, elfSha) {
    const exccause = PANIC_CAUSES[cause] ?? 0x1c;
    const pc = a.code();
    const reg = (name, v) => `${name.padEnd(8)}: ${hex(v)}  `;
    const r = () => a.code() & 0x3fffffff;
    const rows = [
        [reg("PC", pc), reg("PS", 0x00060830), reg("A0", 0x80000000 | r()), reg("A1", a.stack())],
        [reg("A2", 0), reg("A3", a.stack()), reg("A4", 0), reg("A5", 0)],
        [reg("A6", 0), reg("A7", 0), reg("A8", 0x80000000 | r()), reg("A9", a.stack())],
        [reg("A10", 0), reg("A11", 0), reg("A12", 0), reg("A13", 0)],
        [reg("A14", 0), reg("A15", 0), reg("SAR", 0x00000004), reg("EXCCAUSE", exccause)],
        [reg("EXCVADDR", 0), reg("LBEG", a.iram()), reg("LEND", a.iram()), reg("LCOUNT", 0)],
    ];
    return {
        lines: [
            `Guru Meditation Error: Core  0 panic'ed (${cause}). Exception was unhandled.`,
            "",
            "Core  0 register dump:",
            ...rows.map((cols) => cols.join("")),
            "",
            "",
            backtrace(a, 4, pc),
            ...tail(elfSha),
        ],
        reset: "SW_CPU_RESET",
    };
}
/** `abort`: abort() called by the app (or by an ESP_ERROR_CHECK). */
function abortCall(a, elfSha, message) {
    const pc = a.code();
    return {
        lines: [
            ...(message ? [message] : []),
            "",
            `abort() was called at PC ${hex(pc)} on core 0`,
            "",
            "",
            backtrace(a, 6),
            ...tail(elfSha),
        ],
        reset: "SW_CPU_RESET",
    };
}
/** `assert`: a failed assert() in ESP-IDF v5 format. */
function assertFailed(expr, func, file, line, a, elfSha) {
    return {
        lines: [
            "",
            `assert failed: ${func} ${file.split("/").pop()}:${line} (${expr})`,
            "",
            "",
            backtrace(a, 5),
            ...tail(elfSha),
        ],
        reset: "SW_CPU_RESET",
    };
}
/** `task_wdt`: the task watchdog fires (CONFIG_ESP_TASK_WDT_PANIC=y), then abort(). */
function taskWatchdog(task, uptimeMs, a, elfSha) {
    const t = `E (${uptimeMs}) task_wdt:`;
    return {
        lines: [
            `${t} Task watchdog got triggered. The following tasks/users did not reset the watchdog in time:`,
            `${t}  - IDLE0 (CPU 0)`,
            `${t} Tasks currently running:`,
            `${t} CPU 0: ${task}`,
            `${t} CPU 1: IDLE1`,
            `${t} Aborting.`,
            "",
            `abort() was called at PC ${hex(a.code())} on core 0`,
            "",
            "",
            backtrace(a, 4),
            ...tail(elfSha),
        ],
        reset: "SW_CPU_RESET",
    };
}
/** `int_wdt`: the interrupt watchdog (a core stuck with interrupts off). */
function interruptWatchdog(a, elfSha) {
    const crash = guruMeditation("LoadProhibited", a, elfSha);
    crash.lines[0] = "Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0).";
    return crash;
}
/** `brownout`: the supply sagged; the brown-out ISR prints and restarts the chip. */
function brownout() {
    return { lines: ["", "Brownout detector was triggered", ""], reset: "SW_CPU_RESET" };
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/app.ts


const DEFAULT_TEST_FILE = "main/test_app_main.c";
/**
 * Run a console script from the top. Returns when the script ends (`end` or the last
 * line); crash, restart and hang statements hand over to the board.
 */
async function runScript(script, host) {
    const unity = { tests: 0, failures: 0, ignored: 0 };
    const addrs = new AddressSource(parseInt(host.elfSha.slice(0, 8) || "1", 16) ^ host.boot);
    let input = "";
    let timedOut = false;
    let pc = 0;
    let busy = 0;
    const vars = () => ({
        boot: host.boot,
        input,
        reset_reason: host.resetReason,
        uptime: host.uptimeMs(),
        mac: host.mac,
        tests: unity.tests,
        failures: unity.failures,
        ignored: unity.ignored,
    });
    const holds = (c) => {
        switch (c.kind) {
            case "input":
                if (c.op === "~")
                    return c.value.test(input);
                return c.op === "==" ? input === c.value : input !== c.value;
            case "number": {
                const v = host.boot;
                switch (c.op) {
                    case "==":
                        return v === c.value;
                    case "!=":
                        return v !== c.value;
                    case "<":
                        return v < c.value;
                    case "<=":
                        return v <= c.value;
                    case ">":
                        return v > c.value;
                    case ">=":
                        return v >= c.value;
                }
                return false;
            }
            case "reset_reason":
                return c.op === "==" ? host.resetReason === c.value : host.resetReason !== c.value;
            case "timed_out":
                return c.negate ? !timedOut : timedOut;
        }
    };
    while (pc < script.statements.length) {
        const s = script.statements[pc++];
        // A script that loops without printing or waiting must not starve the simulator.
        if (++busy > 1000) {
            busy = 0;
            await host.sleep(1);
        }
        switch (s.op) {
            case "print":
                busy = 0;
                if (s.newline)
                    await host.line(interpolate(s.text, vars()));
                else
                    await host.write(interpolate(s.text, vars()));
                break;
            case "log":
                busy = 0;
                await host.log(s.level, s.tag, interpolate(s.text, vars()));
                break;
            case "sleep":
                busy = 0;
                await host.sleep(s.ms);
                break;
            case "input": {
                busy = 0;
                const got = await host.readLine(s.timeoutMs);
                timedOut = got === undefined;
                input = got ?? "";
                break;
            }
            case "goto":
                if (!s.when || holds(s.when))
                    pc = script.labels.get(s.label);
                break;
            case "test": {
                busy = 0;
                unity.tests++;
                const file = s.file ?? DEFAULT_TEST_FILE;
                const line = s.at ?? 20 + 10 * unity.tests;
                let text = `${file}:${line}:${s.name}:`;
                if (s.result === "pass")
                    text += "PASS";
                else if (s.result === "fail") {
                    unity.failures++;
                    text += `FAIL: ${s.message}`;
                }
                else {
                    unity.ignored++;
                    text += s.message ? `IGNORE: ${s.message}` : "IGNORE";
                }
                await host.line(text);
                break;
            }
            case "unity_summary":
                busy = 0;
                await host.line("");
                await host.line("-----------------------");
                await host.line(`${unity.tests} Tests ${unity.failures} Failures ${unity.ignored} Ignored `);
                await host.line(unity.failures ? "FAIL" : "OK");
                break;
            case "unity_reset":
                unity.tests = unity.failures = unity.ignored = 0;
                break;
            case "restart":
                await host.restart();
                return;
            case "panic":
                await host.crash(guruMeditation(s.cause, addrs, host.elfSha));
                return;
            case "abort":
                await host.crash(abortCall(addrs, host.elfSha, s.message));
                return;
            case "assert":
                await host.crash(assertFailed(s.expr, s.func, s.file, s.at, addrs, host.elfSha));
                return;
            case "task_wdt":
                await host.crash(taskWatchdog(s.task, host.uptimeMs(), addrs, host.elfSha));
                return;
            case "int_wdt":
                await host.crash(interruptWatchdog(addrs, host.elfSha));
                return;
            case "brownout":
                await host.crash(brownout());
                return;
            case "hang":
                await host.hang();
                return;
            case "end":
                return;
        }
    }
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/protocol.ts
/**
 * The esptool serial protocol as the ESP32 ROM loader and the flasher stub speak it
 * (esptool docs/en/advanced-topics/serial-protocol.rst): a command is
 * `00 op size:u16 checksum:u32 data`, a response `01 op size:u16 value:u32 data status`.
 */
const Op = {
    FLASH_BEGIN: 0x02,
    FLASH_DATA: 0x03,
    FLASH_END: 0x04,
    MEM_BEGIN: 0x05,
    MEM_END: 0x06,
    MEM_DATA: 0x07,
    SYNC: 0x08,
    WRITE_REG: 0x09,
    READ_REG: 0x0a,
    SPI_SET_PARAMS: 0x0b,
    SPI_ATTACH: 0x0d,
    CHANGE_BAUDRATE: 0x0f,
    FLASH_DEFL_BEGIN: 0x10,
    FLASH_DEFL_DATA: 0x11,
    FLASH_DEFL_END: 0x12,
    SPI_FLASH_MD5: 0x13,
    GET_SECURITY_INFO: 0x14,
    // Stub only
    ERASE_FLASH: 0xd0,
    ERASE_REGION: 0xd1,
    READ_FLASH: 0xd2,
    RUN_USER_CODE: 0xd3,
};
const OP_NAMES = Object.fromEntries(Object.entries(Op).map(([k, v]) => [v, k]));
/** ROM loader error codes (second status byte when the first is 1). */
const RomError = {
    UNDEFINED: 0x00,
    INVALID_PARAM: 0x01,
    INVALID_MESSAGE: 0x05,
    RESULT_WRONG: 0x06,
    BAD_CHECKSUM: 0x07,
    FLASH_WRITE: 0x08,
    FLASH_READ: 0x09,
    DEFLATE: 0x0b,
    DEFLATE_ADLER: 0x0c,
    DEFLATE_PARAM: 0x0d,
    RAM_SIZE: 0x0e,
    RAM_ADDRESS: 0x0f,
};
/** Flasher stub response codes, sent big-endian as the two status bytes. */
const StubStatus = {
    SUCCESS: 0x0000,
    BAD_DATA_LEN: 0xc000,
    BAD_DATA_CHECKSUM: 0xc100,
    BAD_BLOCKSIZE: 0xc200,
    INVALID_COMMAND: 0xc300,
    FAILED_SPI_OP: 0xc400,
    FAILED_SPI_UNLOCK: 0xc500,
    NOT_IN_FLASH_MODE: 0xc600,
    INFLATE_ERROR: 0xc700,
    NOT_ENOUGH_DATA: 0xc800,
    TOO_MUCH_DATA: 0xc900,
    CMD_NOT_IMPLEMENTED: 0xff00,
};
/** The value the ESP32 ROM puts in its SYNC responses (the stub answers 0). */
const ROM_SYNC_VALUE = 0x20120707;
const SYNC_PAYLOAD = Buffer.from([0x07, 0x07, 0x12, 0x20, ...new Array(32).fill(0x55)]);
const CHECKSUM_SEED = 0xef;
/** The stub's greeting frame once it runs. */
const OHAI = Buffer.from("OHAI", "ascii");
/** Split a decoded frame into a command; `undefined` if shorter than a header. */
function parseCommand(frame) {
    if (frame.length < 8)
        return undefined;
    return {
        direction: frame[0],
        op: frame[1],
        size: frame.readUInt16LE(2),
        checksum: frame.readUInt32LE(4),
        data: frame.subarray(8),
    };
}
/** Build a command packet (host side; used by tests and tools). */
function buildCommand(op, data = Buffer.alloc(0), checksum = 0) {
    const out = Buffer.alloc(8 + data.length);
    out[0] = 0x00;
    out[1] = op;
    out.writeUInt16LE(data.length, 2);
    out.writeUInt32LE(checksum >>> 0, 4);
    Buffer.from(data).copy(out, 8);
    return out;
}
/** A response packet: header, data, then the status bytes the caller appends to data. */
function buildResponse(op, value, body) {
    const out = Buffer.alloc(8 + body.length);
    out[0] = 0x01;
    out[1] = op;
    out.writeUInt16LE(body.length, 2);
    out.writeUInt32LE(value >>> 0, 4);
    Buffer.from(body).copy(out, 8);
    return out;
}
/** ROM status: four bytes, `status error 0 0` (ESP32 ROM; the stub uses two). */
function romStatus(error) {
    return error === undefined ? Buffer.from([0, 0, 0, 0]) : Buffer.from([1, error, 0, 0]);
}
/** Stub status: the 16-bit response code, big-endian (`0xC1 0x00` for a bad checksum). */
function stubStatus(code) {
    return Buffer.from([(code >> 8) & 0xff, code & 0xff]);
}
/** XOR checksum seeded with 0xEF, over the payload of a *_DATA command. */
function checksum(data, seed = CHECKSUM_SEED) {
    let s = seed;
    for (const b of data)
        s ^= b;
    return s;
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/image.ts


/**
 * The ESP32 firmware image format (esptool bin_image.py / ESP-IDF esp_image_format.h):
 * a 24-byte header (8 common + 16 extended), segments of `load address, length, data`,
 * zero padding to a 16-byte boundary ending in an XOR checksum byte, then optionally a
 * SHA-256 of everything before it.
 */
const IMAGE_MAGIC = 0xe9;
const HEADER_LEN = 24;
const WP_PIN_DISABLED = 0xee;
const FLASH_MODES = { qio: 0, qout: 1, dio: 2, dout: 3 };
const FLASH_FREQS = {
    "40m": 0x0,
    "26m": 0x1,
    "20m": 0x2,
    "80m": 0xf,
};
const FLASH_SIZES = {
    "1MB": 0x00,
    "2MB": 0x10,
    "4MB": 0x20,
    "8MB": 0x30,
    "16MB": 0x40,
};
const byValue = (table, v) => Object.keys(table).find((k) => table[k] === v);
/** Assemble an image; segment lengths are padded to 4 bytes as esptool does. */
function buildImage(o) {
    const segs = o.segments.map((s) => ({ addr: s.addr, data: padTo(s.data, 4) }));
    const header = Buffer.alloc(HEADER_LEN);
    header[0] = IMAGE_MAGIC;
    header[1] = segs.length;
    header[2] = FLASH_MODES[o.flashMode ?? "dio"];
    header[3] = FLASH_SIZES[o.flashSize ?? "4MB"] | FLASH_FREQS[o.flashFreq ?? "40m"];
    header.writeUInt32LE(o.entry >>> 0, 4);
    // Extended header: WP pin, drive settings, chip id (0 = ESP32), revisions, hash flag.
    header[8] = WP_PIN_DISABLED;
    header.writeUInt16LE(0, 12); // chip_id
    header[14] = 0; // min_chip_rev (legacy)
    header.writeUInt16LE(o.minRevFull ?? 0, 15);
    header.writeUInt16LE(o.maxRevFull ?? 399, 17);
    header[23] = o.appendSha256 === false ? 0 : 1;
    const parts = [header];
    let len = HEADER_LEN;
    let sum = CHECKSUM_SEED;
    for (const s of segs) {
        const sh = Buffer.alloc(8);
        sh.writeUInt32LE(s.addr >>> 0, 0);
        sh.writeUInt32LE(s.data.length, 4);
        parts.push(sh, s.data);
        len += 8 + s.data.length;
        sum = checksum(s.data, sum);
    }
    const pad = 15 - (len % 16);
    const tail = Buffer.alloc(pad + 1);
    tail[pad] = sum;
    parts.push(tail);
    const body = Buffer.concat(parts);
    if (o.appendSha256 === false)
        return body;
    return Buffer.concat([body, (0,external_node_crypto_.createHash)("sha256").update(body).digest()]);
}
/** Parse an image at `base` of `mem` without reading past `limit`. */
function parseImage(mem, base = 0, limit = mem.length - base) {
    if (limit < HEADER_LEN || mem[base] !== IMAGE_MAGIC)
        return { problem: { kind: "magic", word: limit >= 4 ? mem.readUInt32LE(base) : 0xffffffff } };
    const count = mem[base + 1];
    if (count === 0 || count > 16)
        return { problem: { kind: "segments", message: `invalid segment count ${count}` } };
    let off = HEADER_LEN;
    let sum = CHECKSUM_SEED;
    const segments = [];
    for (let i = 0; i < count; i++) {
        if (off + 8 > limit)
            return { problem: { kind: "segments", message: `segment ${i} header past the end` } };
        const addr = mem.readUInt32LE(base + off);
        const length = mem.readUInt32LE(base + off + 4);
        if (length % 4 !== 0 || off + 8 + length > limit)
            return {
                problem: {
                    kind: "segments",
                    message: `segment ${i} (0x${addr.toString(16)}, ${length} bytes) does not fit`,
                },
            };
        segments.push({ addr, fileOffset: off + 8, length });
        sum = checksum(mem.subarray(base + off + 8, base + off + 8 + length), sum);
        off += 8 + length;
    }
    const csOff = off + (15 - (off % 16));
    if (csOff >= limit)
        return { problem: { kind: "segments", message: "checksum past the end" } };
    const storedChecksum = mem[base + csOff];
    const hashAppended = mem[base + 23] === 1;
    let length = csOff + 1;
    const image = {
        flashMode: byValue(FLASH_MODES, mem[base + 2]),
        flashFreq: byValue(FLASH_FREQS, mem[base + 3] & 0x0f),
        flashSize: byValue(FLASH_SIZES, mem[base + 3] & 0xf0),
        entry: mem.readUInt32LE(base + 4),
        segments,
        length,
        storedChecksum,
        calculatedChecksum: sum,
        hashAppended,
        minRevFull: mem.readUInt16LE(base + 15),
        maxRevFull: mem.readUInt16LE(base + 17),
    };
    if (hashAppended) {
        if (length + 32 > limit)
            return { problem: { kind: "hash" } };
        image.storedSha256 = Buffer.from(mem.subarray(base + length, base + length + 32));
        image.calculatedSha256 = (0,external_node_crypto_.createHash)("sha256")
            .update(mem.subarray(base, base + length))
            .digest();
        length += 32;
        image.length = length;
    }
    return { image };
}
/** The checks the 2nd-stage bootloader makes before it runs an image. */
function verifyImage(image) {
    if (image.storedChecksum !== image.calculatedChecksum)
        return { kind: "checksum", stored: image.storedChecksum, calculated: image.calculatedChecksum };
    if (image.hashAppended && !image.storedSha256.equals(image.calculatedSha256))
        return { kind: "hash" };
    return undefined;
}
function padTo(data, align, fill = 0) {
    const rem = data.length % align;
    return rem === 0 ? data : Buffer.concat([data, Buffer.alloc(align - rem, fill)]);
}
// ------------------------------------------------------------------ esp_app_desc_t
const APP_DESC_MAGIC = 0xabcd5432;
const APP_DESC_LEN = 256;
/** The 256-byte `esp_app_desc_t` ESP-IDF puts at the start of the first DROM segment. */
function buildAppDescription(d) {
    const b = Buffer.alloc(APP_DESC_LEN);
    b.writeUInt32LE(APP_DESC_MAGIC, 0);
    const str = (s, off, len) => Buffer.from(s, "utf8")
        .subarray(0, len - 1)
        .copy(b, off);
    str(d.version, 16, 32);
    str(d.projectName, 48, 32);
    str(d.time, 80, 16);
    str(d.date, 96, 16);
    str(d.idfVersion, 112, 32);
    d.elfSha256.subarray(0, 32).copy(b, 144);
    return b;
}
function parseAppDescription(b) {
    if (b.length < APP_DESC_LEN || b.readUInt32LE(0) !== APP_DESC_MAGIC)
        return undefined;
    const str = (off, len) => {
        const raw = b.subarray(off, off + len);
        const end = raw.indexOf(0);
        return raw.subarray(0, end < 0 ? len : end).toString("utf8");
    };
    return {
        version: str(16, 32),
        projectName: str(48, 32),
        time: str(80, 16),
        date: str(96, 16),
        idfVersion: str(112, 32),
        elfSha256: Buffer.from(b.subarray(144, 176)),
    };
}
// ------------------------------------------------------------------ console script section
/** Marks the simulator's console script inside an app image (see docs/simulator.md). */
const SCRIPT_MAGIC = Buffer.from("HILSCRPT", "ascii");
const SCRIPT_FORMAT = 1;
/** `HILSCRPT`, format u32, length u32, UTF-8 script, zero padding to 4 bytes. */
function buildScriptSection(script) {
    const text = Buffer.from(script, "utf8");
    const head = Buffer.alloc(16);
    SCRIPT_MAGIC.copy(head, 0);
    head.writeUInt32LE(SCRIPT_FORMAT, 8);
    head.writeUInt32LE(text.length, 12);
    return padTo(Buffer.concat([head, text]), 4);
}
/** Find the script section in the DROM segments of an image in `mem` at `base`. */
function findScript(mem, base, image) {
    for (const s of image.segments) {
        if (s.addr < 0x3f400000 || s.addr >= 0x3f800000)
            continue;
        const data = mem.subarray(base + s.fileOffset, base + s.fileOffset + s.length);
        const at = data.indexOf(SCRIPT_MAGIC);
        if (at < 0 || at + 16 > data.length)
            continue;
        const format = data.readUInt32LE(at + 8);
        const len = data.readUInt32LE(at + 12);
        if (format !== SCRIPT_FORMAT)
            return {
                error: `console script format ${format} is not supported (expected ${SCRIPT_FORMAT})`,
            };
        if (at + 16 + len > data.length)
            return { error: "console script runs past its segment" };
        return { script: data.subarray(at + 16, at + 16 + len).toString("utf8") };
    }
    return undefined;
}
// ------------------------------------------------------------------ partition table
const PARTITION_TABLE_OFFSET = 0x8000;
const PARTITION_TABLE_MAX = 0xc00;
const PARTITION_MAGIC = 0x50aa;
const MD5_MAGIC = 0xebeb;
const PartitionType = { APP: 0x00, DATA: 0x01 };
const AppSubtype = { FACTORY: 0x00, OTA_0: 0x10, TEST: 0x20 };
const DataSubtype = { OTA: 0x00, PHY: 0x01, NVS: 0x02, COREDUMP: 0x03 };
/** The binary partition table (gen_esp32part.py): 32-byte entries, an MD5 entry, 0xFF fill. */
function buildPartitionTable(parts) {
    const entries = Buffer.concat(parts.map((p) => {
        const e = Buffer.alloc(32);
        e.writeUInt16LE(PARTITION_MAGIC, 0);
        e[2] = p.type;
        e[3] = p.subtype;
        e.writeUInt32LE(p.offset, 4);
        e.writeUInt32LE(p.size, 8);
        Buffer.from(p.label, "utf8").subarray(0, 16).copy(e, 12);
        e.writeUInt32LE(p.flags ?? 0, 28);
        return e;
    }));
    const md5 = Buffer.alloc(32, 0xff);
    md5.writeUInt16LE(MD5_MAGIC, 0);
    (0,external_node_crypto_.createHash)("md5").update(entries).digest().copy(md5, 16);
    const table = Buffer.concat([entries, md5]);
    return Buffer.concat([table, Buffer.alloc(PARTITION_TABLE_MAX - table.length, 0xff)]);
}
/** Parse and check a partition table as the 2nd-stage bootloader does. */
function parsePartitionTable(b) {
    const parts = [];
    for (let i = 0; (i + 1) * 32 <= Math.min(b.length, PARTITION_TABLE_MAX); i++) {
        const e = b.subarray(i * 32, i * 32 + 32);
        const magic = e.readUInt16LE(0);
        if (magic === 0xffff)
            break;
        if (magic === MD5_MAGIC) {
            const want = (0,external_node_crypto_.createHash)("md5")
                .update(b.subarray(0, i * 32))
                .digest();
            if (!want.equals(e.subarray(16, 32)))
                return { error: "partition table MD5 mismatch" };
            continue;
        }
        if (magic !== PARTITION_MAGIC)
            return {
                error: `partition ${i} invalid magic number 0x${magic.toString(16)}`,
                index: i,
                magic,
            };
        const raw = e.subarray(12, 28);
        const end = raw.indexOf(0);
        parts.push({
            type: e[2],
            subtype: e[3],
            offset: e.readUInt32LE(4),
            size: e.readUInt32LE(8),
            label: raw.subarray(0, end < 0 ? 16 : end).toString("utf8"),
            flags: e.readUInt32LE(28),
        });
    }
    if (parts.length === 0)
        return { error: "partition 0 invalid magic number 0xffff", index: 0, magic: 0xffff };
    return { partitions: parts };
}
/** The "Usage" column of the bootloader's partition listing. */
function partitionUsage(p) {
    if (p.type === PartitionType.APP) {
        if (p.subtype === AppSubtype.FACTORY)
            return "factory app";
        if (p.subtype >= AppSubtype.OTA_0 && p.subtype < AppSubtype.OTA_0 + 16)
            return "OTA app";
        if (p.subtype === AppSubtype.TEST)
            return "test app";
        return "Unknown app";
    }
    if (p.type === PartitionType.DATA) {
        switch (p.subtype) {
            case DataSubtype.OTA:
                return "OTA data";
            case DataSubtype.PHY:
                return "RF data";
            case DataSubtype.NVS:
                return "WiFi data";
            case DataSubtype.COREDUMP:
                return "core dump";
        }
    }
    return "Unknown data";
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/boot.ts


/** The ESP32 ECO3 ROM's build date, first line of every boot. */
const ROM_DATE_LINE = "ets Jul 29 2019 12:21:46";
const BOOTLOADER_OFFSET = 0x1000;
const STRAP_FLASH_BOOT = 0x13;
const STRAP_DOWNLOAD_BOOT = 0x03;
/** The ESP-IDF release the simulated bootloader and apps claim to be built with. */
const IDF_VERSION = "v5.2.1";
function resetLine(reason, download) {
    const boot = download
        ? `boot:0x${STRAP_DOWNLOAD_BOOT.toString(16)} (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))`
        : `boot:0x${STRAP_FLASH_BOOT.toString(16)} (SPI_FAST_FLASH_BOOT)`;
    return `rst:0x${RESET_REASONS[reason].toString(16)} (${reason}),${boot}`;
}
/** The ROM's first words after a reset into the serial bootloader. */
async function printDownloadBanner(out, reason) {
    await out.line(ROM_DATE_LINE);
    await out.line("");
    await out.line(resetLine(reason, true));
    await out.line("waiting for download");
}
const MODE_NAMES = { qio: "QIO", qout: "QOUT", dio: "DIO", dout: "DOUT" };
const hex8 = (n) => n.toString(16).padStart(8, "0");
/** Boot from flash as the ROM and the ESP-IDF 2nd-stage bootloader do, printing what they print. */
async function bootFromFlash(flash, reason, out, romBanner = true) {
    // ---- ROM (after FLASH_END "run user code" the ROM goes straight to loading)
    if (romBanner) {
        await out.line(ROM_DATE_LINE);
        await out.line("");
        await out.line(resetLine(reason, false));
    }
    await out.line("configsip: 0, SPIWP:0xee");
    await out.line("clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00");
    const parsed = parseImage(flash.data, BOOTLOADER_OFFSET, PARTITION_TABLE_OFFSET - BOOTLOADER_OFFSET);
    const header = "image" in parsed ? parsed.image : undefined;
    const mode = header?.flashMode ? MODE_NAMES[header.flashMode] : "DIO";
    const div = header?.flashFreq === "80m" ? 1 : 2;
    await out.line(`mode:${mode}, clock div:${div}`);
    if (!header) {
        return { kind: "invalid-header", word: flash.data.readUInt32LE(BOOTLOADER_OFFSET) };
    }
    for (const s of header.segments)
        await out.line(`load:0x${hex8(s.addr)},len:${s.length}`);
    await out.line(`entry 0x${hex8(header.entry)}`);
    // ---- 2nd-stage bootloader
    await out.log("I", "boot", `ESP-IDF ${IDF_VERSION} 2nd stage bootloader`);
    await out.log("I", "boot", "compile time Mar 19 2024 10:00:00");
    await out.log("I", "boot", "Multicore bootloader");
    await out.log("I", "boot", "chip revision: v3.0");
    await out.log("I", "boot.esp32", `SPI Speed      : ${header.flashFreq === "80m" ? "80" : (header.flashFreq ?? "40m").replace("m", "")}MHz`);
    await out.log("I", "boot.esp32", `SPI Mode       : ${mode}`);
    await out.log("I", "boot.esp32", `SPI Flash Size : ${header.flashSize ?? "4MB"}`);
    await out.log("I", "boot", "Enabling RNG early entropy source...");
    const table = parsePartitionTable(flash.read(PARTITION_TABLE_OFFSET, PARTITION_TABLE_MAX));
    if ("error" in table) {
        await out.log("E", "flash_parts", table.error);
        await out.log("E", "boot", "Failed to verify partition table");
        await out.log("E", "boot", "load partition table error!");
        return { kind: "reset", reason: "SW_RESET" };
    }
    await out.log("I", "boot", "Partition Table:");
    await out.log("I", "boot", "## Label            Usage          Type ST Offset   Length");
    for (const [i, p] of table.partitions.entries()) {
        await out.log("I", "boot", `${String(i).padStart(2)} ${p.label.padEnd(16)} ${partitionUsage(p).padEnd(16)} ${p.type.toString(16).padStart(2, "0")} ${p.subtype.toString(16).padStart(2, "0")} ${hex8(p.offset)} ${hex8(p.size)}`);
    }
    await out.log("I", "boot", "End of partition table");
    const apps = table.partitions.filter((p) => p.type === PartitionType.APP);
    const factory = apps.find((p) => p.subtype === AppSubtype.FACTORY);
    const candidates = factory ? [factory, ...apps.filter((p) => p !== factory)] : apps;
    for (const p of candidates) {
        if (p.offset + p.size > flash.size)
            continue;
        const res = parseImage(flash.data, p.offset, p.size);
        const problem = "problem" in res ? res.problem : verifyImage(res.image);
        if (problem || !("image" in res)) {
            await out.log("E", "esp_image", describeProblem(problem, p.offset));
            await out.log("E", "boot", `${p.subtype === AppSubtype.FACTORY ? "Factory" : "OTA"} app partition is not bootable`);
            continue;
        }
        const image = res.image;
        for (const [i, s] of image.segments.entries()) {
            const mapped = (s.addr >= 0x3f400000 && s.addr < 0x3f800000) ||
                (s.addr >= 0x400d0000 && s.addr < 0x40400000);
            await out.log("I", "esp_image", `segment ${i}: paddr=${hex8(p.offset + s.fileOffset)} vaddr=${hex8(s.addr)} size=${s.length.toString(16).padStart(5, "0")}h (${String(s.length).padStart(6)}) ${mapped ? "map" : "load"}`);
        }
        await out.log("I", "boot", `Loaded app from partition at offset 0x${p.offset.toString(16)}`);
        await out.log("I", "boot", "Disabling RNG early entropy source...");
        const first = image.segments[0];
        const desc = first
            ? parseAppDescription(flash.read(p.offset + first.fileOffset, Math.min(first.length, 256)))
            : undefined;
        const script = findScript(flash.data, p.offset, image);
        return {
            kind: "app",
            partition: p,
            image,
            desc,
            script: script && "script" in script ? script.script : undefined,
            scriptError: script && "error" in script ? script.error : undefined,
        };
    }
    await out.log("E", "boot", "No bootable app partitions in the partition table");
    return { kind: "reset", reason: "SW_RESET" };
}
function describeProblem(p, offset) {
    switch (p.kind) {
        case "magic":
            return `image at 0x${offset.toString(16)} has invalid magic byte (nothing flashed here?)`;
        case "segments":
            return `image at 0x${offset.toString(16)}: ${p.message}`;
        case "checksum":
            return `Checksum failed. Calculated 0x${p.calculated.toString(16)} read 0x${p.stored.toString(16)}`;
        case "hash":
            return "Image hash failed - image is corrupt";
    }
}
/** What cpu_start/app_init print once the app runs, up to app_main(). */
async function printAppStart(out, desc) {
    await out.log("I", "cpu_start", "Multicore app");
    await out.log("I", "cpu_start", "Pro cpu start user code");
    await out.log("I", "cpu_start", "cpu freq: 160000000 Hz");
    await out.log("I", "cpu_start", "Application information:");
    await out.log("I", "cpu_start", `Project name:     ${desc?.projectName ?? "app"}`);
    await out.log("I", "cpu_start", `App version:      ${desc?.version ?? "1"}`);
    await out.log("I", "cpu_start", `Compile time:     ${desc ? `${desc.date} ${desc.time}` : "Jan  1 2026 00:00:00"}`);
    await out.log("I", "cpu_start", `ELF file SHA256:  ${elfShaShort(desc)}...`);
    await out.log("I", "cpu_start", `ESP-IDF:          ${desc?.idfVersion ?? IDF_VERSION}`);
    await out.log("I", "cpu_start", "Min chip rev:     v0.0");
    await out.log("I", "cpu_start", "Max chip rev:     v3.99 ");
    await out.log("I", "cpu_start", "Chip rev:         v3.0");
    await out.log("I", "heap_init", "Initializing. RAM available for dynamic allocation:");
    await out.log("I", "heap_init", "At 3FFAE6E0 len 00001920 (6 KiB): DRAM");
    await out.log("I", "heap_init", "At 3FFB2A40 len 0002D5C0 (181 KiB): DRAM");
    await out.log("I", "spi_flash", "detected chip: gd");
    await out.log("I", "spi_flash", "flash io: dio");
    await out.log("I", "main_task", "Started on CPU0");
    await out.log("I", "main_task", "Calling app_main()");
}
function elfShaShort(desc) {
    return desc ? desc.elfSha256.toString("hex").slice(0, 16) : "0000000000000000";
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/flash.ts



const SECTOR_SIZE = 0x1000;
const BLOCK_SIZE = 0x10000;
const DEFAULT_FLASH_SIZE = 4 * 1024 * 1024;
/** JEDEC capacity byte for a size (0x16 = 4 MiB), as the RDID command reports it. */
function jedecCapacity(size) {
    return Math.round(Math.log2(size));
}
/**
 * A NOR flash chip: erased bytes read 0xFF, programming can only clear bits (so writing
 * over unerased data corrupts it, as on the real part), erase works on 4 KiB sectors.
 * Optionally backed by a file so a board keeps its firmware across restarts; dirty
 * sectors are written back on `sync()` (called shortly after changes and on close).
 */
class FlashMemory {
    size;
    data;
    fd;
    dirty = new Set();
    syncTimer;
    constructor(options = {}) {
        this.size = options.size ?? DEFAULT_FLASH_SIZE;
        if (this.size % SECTOR_SIZE !== 0 || this.size <= 0)
            throw new src/* ConfigurationError */.j1(`Flash size ${this.size} is not a multiple of 4 KiB.`);
        this.data = Buffer.alloc(this.size, 0xff);
        if (options.file)
            this.attach(options.file);
    }
    attach(file) {
        const existed = (0,external_node_fs_.existsSync)(file);
        this.fd = (0,external_node_fs_.openSync)(file, existed ? "r+" : "w+");
        if (existed) {
            const actual = (0,external_node_fs_.fstatSync)(this.fd).size;
            if (actual !== this.size) {
                (0,external_node_fs_.closeSync)(this.fd);
                this.fd = undefined;
                throw new src/* ConfigurationError */.j1(`Flash image ${file} is ${actual} bytes but the board has ${this.size} bytes of flash.`, { hint: "Delete the file to start with an erased flash, or give the matching size." });
            }
            (0,external_node_fs_.readSync)(this.fd, this.data, 0, this.size, 0);
        }
        else {
            (0,external_node_fs_.writeSync)(this.fd, this.data, 0, this.size, 0);
        }
    }
    check(addr, len) {
        if (addr < 0 || len < 0 || addr + len > this.size)
            throw new RangeError(`flash access 0x${addr.toString(16)}+0x${len.toString(16)} outside 0x${this.size.toString(16)}`);
    }
    read(addr, len) {
        this.check(addr, len);
        return this.data.subarray(addr, addr + len);
    }
    /** Told of every program and erase (the bench times the first byte a flash changes). */
    onChange;
    /** Program bytes: each bit can only go from 1 to 0 without an erase. */
    write(addr, bytes) {
        this.check(addr, bytes.length);
        this.onChange?.("write", addr, bytes.length);
        for (let i = 0; i < bytes.length; i++)
            this.data[addr + i] &= bytes[i];
        this.markDirty(addr, bytes.length);
    }
    /** Erase whole sectors covering [addr, addr+len). */
    erase(addr, len) {
        if (len === 0)
            return;
        const start = Math.floor(addr / SECTOR_SIZE) * SECTOR_SIZE;
        const end = Math.ceil((addr + len) / SECTOR_SIZE) * SECTOR_SIZE;
        this.check(start, end - start);
        this.onChange?.("erase", start, end - start);
        this.data.fill(0xff, start, end);
        this.markDirty(start, end - start);
    }
    eraseAll() {
        this.erase(0, this.size);
    }
    md5(addr, len) {
        return (0,external_node_crypto_.createHash)("md5").update(this.read(addr, len)).digest();
    }
    /** Write dirty sectors back to the backing file now. */
    sync() {
        if (this.syncTimer)
            clearTimeout(this.syncTimer);
        this.syncTimer = undefined;
        if (this.fd === undefined)
            return;
        for (const s of [...this.dirty].sort((a, b) => a - b)) {
            (0,external_node_fs_.writeSync)(this.fd, this.data, s * SECTOR_SIZE, SECTOR_SIZE, s * SECTOR_SIZE);
        }
        this.dirty.clear();
    }
    close() {
        this.sync();
        if (this.fd !== undefined)
            (0,external_node_fs_.closeSync)(this.fd);
        this.fd = undefined;
    }
    markDirty(addr, len) {
        if (this.fd === undefined || len === 0)
            return;
        for (let s = Math.floor(addr / SECTOR_SIZE); s * SECTOR_SIZE < addr + len; s++)
            this.dirty.add(s);
        this.syncTimer ??= setTimeout(() => this.sync(), 250).unref();
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./packages/hut-sim/src/flash-writer.ts


/**
 * Incremental zlib inflation: feed compressed blocks in order, get back what they
 * decompress to. Backed by node's zlib (native, off the main thread).
 */
class StreamInflater {
    z;
    out = [];
    failure;
    finished = false;
    constructor() {
        this.z = (0,external_node_zlib_.createInflate)();
        this.z.on("data", (c) => this.out.push(c));
        this.z.on("error", (e) => (this.failure ??= e));
        this.z.on("end", () => (this.finished = true));
    }
    /** True once the zlib stream's end (with a valid Adler-32) has been seen. */
    get done() {
        return this.finished;
    }
    push(chunk) {
        if (this.failure)
            return Promise.reject(this.failure);
        if (this.finished)
            return Promise.resolve(Buffer.alloc(0));
        return new Promise((resolve, reject) => {
            let settled = false;
            const onError = (e) => {
                if (settled)
                    return;
                settled = true;
                reject(e);
            };
            this.z.once("error", onError);
            this.z.write(chunk);
            this.z.flush(external_node_zlib_.constants.Z_SYNC_FLUSH, () => {
                this.z.off("error", onError);
                if (settled)
                    return;
                settled = true;
                if (this.failure)
                    return reject(this.failure);
                const out = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out);
                this.out = [];
                resolve(out);
            });
        });
    }
    close() {
        this.z.destroy();
    }
}
/** A FLASH_BEGIN / FLASH_DEFL_BEGIN session: where the next bytes go, what is erased. */
class FlashWriteSession {
    flash;
    options;
    offset;
    remaining;
    nextErase;
    eraseEnd;
    inflater;
    constructor(flash, options) {
        this.flash = flash;
        this.options = options;
        this.offset = options.offset;
        this.remaining = options.size;
        const eraseSize = options.eraseSize ?? options.size;
        const start = Math.floor(options.offset / SECTOR_SIZE) * SECTOR_SIZE;
        this.eraseEnd = Math.min(flash.size, Math.ceil((options.offset + eraseSize) / SECTOR_SIZE) * SECTOR_SIZE);
        this.nextErase = start;
        if (options.erase === "upfront")
            this.ensureErasedTo(this.eraseEnd);
        this.inflater = options.compressed ? new StreamInflater() : undefined;
    }
    /** Write one uncompressed block; `limit` caps it to what was announced (the stub does). */
    writePlain(block, limit = true) {
        const n = limit ? Math.min(block.length, Math.max(0, this.remaining)) : block.length;
        this.program(block.subarray(0, n));
    }
    /** Inflate one compressed block and write what it yields. */
    async writeCompressed(block) {
        if (!this.inflater)
            throw new Error("not a compressed session");
        const out = await this.inflater.push(block);
        this.program(out);
    }
    get inflateDone() {
        return this.inflater?.done ?? true;
    }
    close() {
        this.inflater?.close();
    }
    program(bytes) {
        if (bytes.length === 0)
            return;
        if (this.offset + bytes.length > this.flash.size)
            throw new RangeError(`write past the end of flash at 0x${this.offset.toString(16)}`);
        this.ensureErasedTo(Math.min(this.eraseEnd, this.offset + bytes.length));
        this.flash.write(this.offset, bytes);
        this.offset += bytes.length;
        this.remaining -= bytes.length;
    }
    ensureErasedTo(target) {
        while (this.nextErase < target) {
            // 64 KiB block erase where aligned and wanted, else 4 KiB sectors, like the stub.
            const step = this.nextErase % BLOCK_SIZE === 0 && this.eraseEnd - this.nextErase >= BLOCK_SIZE
                ? BLOCK_SIZE
                : SECTOR_SIZE;
            this.flash.erase(this.nextErase, step);
            this.nextErase += step;
        }
    }
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/loader.ts


/**
 * The ESP32 serial bootloader, as the ROM and then the flasher stub run it. Commands
 * are handled one at a time in arrival order; work a real loader does after answering
 * (the stub's decompress-and-write, a baud change) completes before the next command
 * is looked at, as on the chip.
 */
class Loader {
    host;
    mode = "rom";
    queue = [];
    frameWaiter;
    running = false;
    disposed = false;
    session;
    mem;
    ram = [];
    /** Stub: an error from the last post-process, reported on the next command. */
    pendingError = StubStatus.SUCCESS;
    constructor(host) {
        this.host = host;
    }
    /** A complete SLIP frame arrived from the host. */
    onFrame(frame) {
        if (this.disposed)
            return;
        if (this.frameWaiter) {
            const w = this.frameWaiter;
            this.frameWaiter = undefined;
            w(frame);
            return;
        }
        this.queue.push(frame);
        void this.pump();
    }
    /** The chip reset or lost power: forget everything. */
    dispose() {
        this.disposed = true;
        this.queue = [];
        this.session?.close();
        this.session = undefined;
    }
    pumping = Promise.resolve();
    /** Resolves once every command received so far has been handled (post-processing included). */
    async whenIdle() {
        while (this.running || this.queue.length)
            await this.pumping;
    }
    pump() {
        if (this.running)
            return this.pumping;
        this.pumping = this.drain();
        return this.pumping;
    }
    async drain() {
        this.running = true;
        try {
            while (this.queue.length && !this.disposed) {
                const frame = this.queue.shift();
                try {
                    if (this.mode === "rom")
                        await this.handleRom(frame);
                    else
                        await this.handleStub(frame);
                }
                catch (e) {
                    this.host.trace?.(`loader: ${e.message}`);
                }
            }
        }
        finally {
            this.running = false;
        }
    }
    nextFrame(timeoutMs) {
        const queued = this.queue.shift();
        if (queued)
            return Promise.resolve(queued);
        return new Promise((resolve) => {
            const t = setTimeout(() => {
                this.frameWaiter = undefined;
                resolve(undefined);
            }, timeoutMs);
            this.frameWaiter = (f) => {
                clearTimeout(t);
                resolve(f);
            };
        });
    }
    // ---------------------------------------------------------------- ROM loader
    romReply(op, error, value = 0, data) {
        const body = data ? Buffer.concat([data, romStatus(error)]) : romStatus(error);
        this.host.send(buildResponse(op, value, body));
    }
    async handleRom(frame) {
        const cmd = parseCommand(frame);
        if (!cmd || cmd.direction !== 0x00)
            return; // not a request: the ROM ignores it
        if (cmd.size !== cmd.data.length)
            return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
        const d = cmd.data;
        switch (cmd.op) {
            case Op.SYNC: {
                if (!d.equals(SYNC_PAYLOAD))
                    return;
                // The ROM answers a SYNC with eight identical responses.
                for (let i = 0; i < 8; i++)
                    this.romReply(Op.SYNC, undefined, ROM_SYNC_VALUE);
                return;
            }
            case Op.READ_REG:
                if (d.length !== 4)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                return this.romReply(cmd.op, undefined, this.host.registers.read(d.readUInt32LE(0)));
            case Op.WRITE_REG:
                if (d.length === 0 || d.length % 16 !== 0)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                this.writeRegs(d);
                return this.romReply(cmd.op);
            case Op.SPI_ATTACH:
                if (d.length !== 8 && d.length !== 4)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                return this.romReply(cmd.op);
            case Op.SPI_SET_PARAMS:
                if (d.length !== 24)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                return this.romReply(cmd.op);
            case Op.CHANGE_BAUDRATE: {
                if (d.length !== 8)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                this.romReply(cmd.op);
                await this.host.txDrained();
                this.host.setBaud(d.readUInt32LE(0));
                return;
            }
            case Op.FLASH_BEGIN:
            case Op.FLASH_DEFL_BEGIN: {
                if (d.length !== 16 && d.length !== 20)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                const size = d.readUInt32LE(0);
                const offset = d.readUInt32LE(12);
                if (offset + size > this.host.flash.size)
                    return this.romReply(cmd.op, RomError.INVALID_PARAM);
                this.session?.close();
                // The ROM erases the whole announced region before it answers.
                this.session = new FlashWriteSession(this.host.flash, {
                    offset,
                    size,
                    compressed: cmd.op === Op.FLASH_DEFL_BEGIN,
                    erase: "upfront",
                });
                return this.romReply(cmd.op);
            }
            case Op.FLASH_DATA:
            case Op.FLASH_DEFL_DATA: {
                const block = dataBlock(cmd);
                if (!block)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                if (checksum(block) !== (cmd.checksum & 0xff))
                    return this.romReply(cmd.op, RomError.BAD_CHECKSUM);
                const s = this.session;
                const wantCompressed = cmd.op === Op.FLASH_DEFL_DATA;
                if (!s || s.options.compressed !== wantCompressed)
                    return this.romReply(cmd.op, RomError.RESULT_WRONG);
                try {
                    // The ROM writes the block before it acknowledges it.
                    if (wantCompressed)
                        await s.writeCompressed(block);
                    else
                        s.writePlain(block, false);
                }
                catch {
                    return this.romReply(cmd.op, wantCompressed ? RomError.DEFLATE : RomError.FLASH_WRITE);
                }
                return this.romReply(cmd.op);
            }
            case Op.FLASH_END:
            case Op.FLASH_DEFL_END: {
                if (d.length !== 4)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                this.session?.close();
                this.session = undefined;
                this.romReply(cmd.op);
                const how = d.readUInt32LE(0) === 0 ? "reboot" : "run";
                await this.host.txDrained();
                if (!this.disposed)
                    this.host.leaveLoader(how);
                return;
            }
            case Op.SPI_FLASH_MD5: {
                if (d.length !== 16)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                const addr = d.readUInt32LE(0);
                const size = d.readUInt32LE(4);
                if (addr + size > this.host.flash.size)
                    return this.romReply(cmd.op, RomError.FLASH_READ);
                // The ROM answers with 32 hex digits in ASCII.
                const hex = Buffer.from(this.host.flash.md5(addr, size).toString("hex"), "ascii");
                return this.romReply(cmd.op, undefined, 0, hex);
            }
            case Op.MEM_BEGIN: {
                if (d.length !== 16)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                const seg = { addr: d.readUInt32LE(12), size: d.readUInt32LE(0) };
                this.mem = { remaining: seg.size, segments: [], cur: seg };
                return this.romReply(cmd.op);
            }
            case Op.MEM_DATA: {
                const block = dataBlock(cmd);
                if (!block)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                if (checksum(block) !== (cmd.checksum & 0xff))
                    return this.romReply(cmd.op, RomError.BAD_CHECKSUM);
                if (!this.mem?.cur)
                    return this.romReply(cmd.op, RomError.RESULT_WRONG);
                if (block.length > this.mem.remaining)
                    return this.romReply(cmd.op, RomError.RAM_SIZE);
                this.mem.remaining -= block.length;
                if (this.mem.remaining === 0)
                    this.ram.push(this.mem.cur);
                return this.romReply(cmd.op);
            }
            case Op.MEM_END: {
                if (d.length !== 8)
                    return this.romReply(cmd.op, RomError.INVALID_MESSAGE);
                const execute = d.readUInt32LE(0) === 0;
                const entry = d.readUInt32LE(4);
                this.romReply(cmd.op);
                if (execute) {
                    await this.host.txDrained();
                    if (this.disposed)
                        return;
                    const loaded = this.ram.some((s) => entry >= s.addr && entry < s.addr + s.size);
                    if (!loaded) {
                        // Jumping into memory nothing was loaded to: the chip is lost until reset.
                        this.host.trace?.(`MEM_END jumps to 0x${entry.toString(16)}, nothing loaded there`);
                        this.dispose();
                        return;
                    }
                    this.startStub();
                }
                return;
            }
            default:
                // Unsupported on the ESP32 ROM (GET_SECURITY_INFO, the stub-only commands):
                // eight "invalid message" responses that do not echo the command.
                for (let i = 0; i < 8; i++)
                    this.romReply(0x00, RomError.INVALID_MESSAGE);
                return;
        }
    }
    writeRegs(d) {
        for (let o = 0; o + 16 <= d.length; o += 16) {
            this.host.registers.write(d.readUInt32LE(o), d.readUInt32LE(o + 4), d.readUInt32LE(o + 8));
        }
    }
    startStub() {
        this.mode = "stub";
        this.session?.close();
        this.session = undefined;
        this.mem = undefined;
        this.pendingError = StubStatus.SUCCESS;
        this.host.send(OHAI);
        this.host.stubStarted?.();
    }
    // ---------------------------------------------------------------- flasher stub
    stubReply(op, code, value = 0, data) {
        const body = data ? Buffer.concat([data, stubStatus(code)]) : stubStatus(code);
        this.host.send(buildResponse(op, value, body));
    }
    async handleStub(frame) {
        const cmd = parseCommand(frame);
        if (!cmd)
            return;
        if (cmd.direction !== 0x00)
            return this.stubReply(cmd.op, StubStatus.INVALID_COMMAND);
        if (cmd.size !== cmd.data.length)
            return this.stubReply(cmd.op, StubStatus.BAD_DATA_LEN);
        if (this.pendingError !== StubStatus.SUCCESS) {
            const e = this.pendingError;
            this.pendingError = StubStatus.SUCCESS;
            return this.stubReply(cmd.op, e);
        }
        let post;
        let value = 0;
        let data;
        const code = (() => {
            const d = cmd.data;
            switch (cmd.op) {
                case Op.SYNC:
                    if (d.length !== 36)
                        return StubStatus.BAD_DATA_LEN;
                    for (let i = 0; i < 7; i++)
                        this.stubReply(Op.SYNC, StubStatus.SUCCESS);
                    return StubStatus.SUCCESS;
                case Op.READ_REG:
                    if (d.length !== 4)
                        return StubStatus.BAD_DATA_LEN;
                    value = this.host.registers.read(d.readUInt32LE(0));
                    return StubStatus.SUCCESS;
                case Op.WRITE_REG:
                    if (d.length === 0 || d.length % 16 !== 0)
                        return StubStatus.NOT_ENOUGH_DATA;
                    this.writeRegs(d);
                    return StubStatus.SUCCESS;
                case Op.SPI_ATTACH:
                    return d.length === 4 ? StubStatus.SUCCESS : StubStatus.BAD_DATA_LEN;
                case Op.SPI_SET_PARAMS:
                    return d.length === 24 ? StubStatus.SUCCESS : StubStatus.BAD_DATA_LEN;
                case Op.CHANGE_BAUDRATE: {
                    if (d.length !== 8)
                        return StubStatus.BAD_DATA_LEN;
                    const baud = d.readUInt32LE(0);
                    post = async () => {
                        await this.host.txDrained();
                        this.host.setBaud(baud);
                        return StubStatus.SUCCESS;
                    };
                    return StubStatus.SUCCESS;
                }
                case Op.FLASH_BEGIN:
                case Op.FLASH_DEFL_BEGIN: {
                    if (d.length !== 16 && d.length !== 20)
                        return StubStatus.BAD_DATA_LEN;
                    const size = d.readUInt32LE(0);
                    const offset = d.readUInt32LE(12);
                    if (offset + size > this.host.flash.size)
                        return StubStatus.FAILED_SPI_OP;
                    this.session?.close();
                    this.session = new FlashWriteSession(this.host.flash, {
                        offset,
                        size,
                        compressed: cmd.op === Op.FLASH_DEFL_BEGIN,
                        erase: "lazy",
                    });
                    return StubStatus.SUCCESS;
                }
                case Op.FLASH_DATA:
                case Op.FLASH_DEFL_DATA: {
                    const compressed = cmd.op === Op.FLASH_DEFL_DATA;
                    if (d.length < 16)
                        return compressed ? StubStatus.BAD_DATA_LEN : StubStatus.NOT_ENOUGH_DATA;
                    const s = this.session;
                    if (!s)
                        return StubStatus.NOT_IN_FLASH_MODE;
                    const len = d.readUInt32LE(0);
                    if (!compressed && len !== d.length - 16)
                        return StubStatus.TOO_MUCH_DATA;
                    const block = d.subarray(16, 16 + len);
                    if (checksum(block) !== (cmd.checksum & 0xff))
                        return StubStatus.BAD_DATA_CHECKSUM;
                    // Acknowledge on receipt; decompress and write while the next block arrives.
                    post = async () => {
                        try {
                            if (compressed)
                                await s.writeCompressed(Buffer.from(block));
                            else
                                s.writePlain(block);
                            return StubStatus.SUCCESS;
                        }
                        catch {
                            return compressed ? StubStatus.INFLATE_ERROR : StubStatus.FAILED_SPI_OP;
                        }
                    };
                    return StubStatus.SUCCESS;
                }
                case Op.FLASH_END:
                case Op.FLASH_DEFL_END: {
                    if (d.length !== 4)
                        return StubStatus.BAD_DATA_LEN;
                    if (!this.session)
                        return StubStatus.NOT_IN_FLASH_MODE;
                    if (this.session.remaining !== 0)
                        return StubStatus.BAD_DATA_LEN;
                    this.session.close();
                    this.session = undefined;
                    // The stub (esp-flasher-stub 1.x) does not act on the reboot flag.
                    return StubStatus.SUCCESS;
                }
                case Op.SPI_FLASH_MD5: {
                    if (d.length !== 16)
                        return StubStatus.BAD_DATA_LEN;
                    const addr = d.readUInt32LE(0);
                    const size = d.readUInt32LE(4);
                    if (addr + size > this.host.flash.size)
                        return StubStatus.FAILED_SPI_OP;
                    data = this.host.flash.md5(addr, size);
                    return StubStatus.SUCCESS;
                }
                case Op.MEM_BEGIN:
                    if (d.length !== 16)
                        return StubStatus.BAD_DATA_LEN;
                    this.mem = {
                        remaining: d.readUInt32LE(0),
                        segments: [],
                        cur: { addr: d.readUInt32LE(12), size: d.readUInt32LE(0) },
                    };
                    return StubStatus.SUCCESS;
                case Op.MEM_DATA: {
                    if (d.length < 16)
                        return StubStatus.NOT_ENOUGH_DATA;
                    if (!this.mem)
                        return StubStatus.NOT_IN_FLASH_MODE;
                    const len = d.readUInt32LE(0);
                    if (len > this.mem.remaining || len !== d.length - 16)
                        return StubStatus.TOO_MUCH_DATA;
                    this.mem.remaining -= len;
                    return StubStatus.SUCCESS;
                }
                case Op.MEM_END: {
                    if (d.length !== 8)
                        return StubStatus.BAD_DATA_LEN;
                    if (!this.mem)
                        return StubStatus.NOT_IN_FLASH_MODE;
                    this.mem = undefined;
                    if (d.readUInt32LE(0) === 0) {
                        post = async () => {
                            await this.host.txDrained();
                            if (!this.disposed)
                                this.startStub();
                            return StubStatus.SUCCESS;
                        };
                    }
                    return StubStatus.SUCCESS;
                }
                case Op.GET_SECURITY_INFO:
                    // The ESP32 has no security-info ROM call; the stub reports it unimplemented.
                    return d.length === 0 ? StubStatus.CMD_NOT_IMPLEMENTED : StubStatus.BAD_DATA_LEN;
                case Op.ERASE_FLASH:
                    this.host.flash.eraseAll();
                    return StubStatus.SUCCESS;
                case Op.ERASE_REGION: {
                    if (d.length !== 8)
                        return StubStatus.BAD_DATA_LEN;
                    const addr = d.readUInt32LE(0);
                    const size = d.readUInt32LE(4);
                    if (addr % 0x1000 || size % 0x1000 || addr + size > this.host.flash.size)
                        return StubStatus.BAD_DATA_LEN;
                    this.host.flash.erase(addr, size);
                    return StubStatus.SUCCESS;
                }
                case Op.READ_FLASH: {
                    if (d.length !== 16)
                        return StubStatus.BAD_DATA_LEN;
                    const addr = d.readUInt32LE(0);
                    const size = d.readUInt32LE(4);
                    const packet = d.readUInt32LE(8);
                    if (packet === 0 || packet > 4096 || addr + size > this.host.flash.size)
                        return StubStatus.BAD_DATA_LEN;
                    post = () => this.readFlash(addr, size, packet);
                    return StubStatus.SUCCESS;
                }
                case Op.RUN_USER_CODE:
                    // No response; esp-flasher-stub 1.x does not implement it either.
                    return -1;
                default:
                    return StubStatus.INVALID_COMMAND;
            }
        })();
        if (code === -1)
            return;
        if (code === StubStatus.SUCCESS)
            this.stubReply(cmd.op, code, value, data);
        else {
            this.stubReply(cmd.op, code);
            post = undefined;
        }
        if (post)
            this.pendingError = await post();
    }
    /** READ_FLASH: raw data frames, one in flight, each acknowledged; then the MD5. */
    async readFlash(addr, size, packet) {
        const flash = this.host.flash;
        let sent = 0;
        while (sent < size && !this.disposed) {
            const n = Math.min(packet, size - sent);
            this.host.send(Buffer.from(flash.read(addr + sent, n)));
            sent += n;
            const ack = await this.nextFrame(10_000);
            if (!ack || ack.length !== 4)
                return StubStatus.SUCCESS; // the host gave up
        }
        this.host.send(flash.md5(addr, size));
        return StubStatus.SUCCESS;
    }
}
/** The payload of a *_DATA command (`len seq 0 0 data`), or undefined if malformed. */
function dataBlock(cmd) {
    if (cmd.data.length < 16)
        return undefined;
    const len = cmd.data.readUInt32LE(0);
    if (len !== cmd.data.length - 16)
        return undefined;
    return cmd.data.subarray(16);
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/registers.ts

/** Addresses esptool reads to identify an ESP32 (esptool targets/esp32.py, esptool-js targets/esp32). */
const Reg = {
    CHIP_DETECT_MAGIC: 0x40001000,
    EFUSE_RD_BASE: 0x3ff5a000,
    APB_CTL_DATE: 0x3ff66000 + 0x7c,
    UART_CLKDIV: 0x3ff40014,
    GPIO_STRAP: 0x3ff44038,
    SPI1_BASE: 0x3ff42000,
};
const ESP32_MAGIC = 0x00f01d83;
/** SPI1 (the flash controller) register offsets esptool's runSpiflashCommand uses. */
const SPI = {
    CMD: 0x00,
    ADDR: 0x04,
    USR: 0x1c,
    USR1: 0x20,
    USR2: 0x24,
    MOSI_DLEN: 0x28,
    MISO_DLEN: 0x2c,
    W0: 0x80,
};
const SPI_CMD_USR = 1 << 18;
/** JEDEC id of the simulated flash part: GigaDevice (0xC8), GD25Q family (0x40). */
const FLASH_MANUFACTURER = 0xc8;
const FLASH_MEMORY_TYPE = 0x40;
/**
 * The registers of an ESP32-D0WD-V3 (revision 3) that esptool touches: the chip magic,
 * eFuse words (package, revision, features, factory MAC), APB date, the UART divider
 * (crystal detection) and the SPI1 user-command engine (flash JEDEC id). Any other
 * address reads back what was last written, or 0.
 */
class Esp32Registers {
    ctx;
    mem = new Map();
    constructor(ctx) {
        this.ctx = ctx;
    }
    /** The eFuse block-0 words esptool reads (EFUSE_BLK0_RDATA0..6). */
    efuseWord(n) {
        const m = this.ctx.mac;
        switch (n) {
            case 1:
                return ((m[2] << 24) | (m[3] << 16) | (m[4] << 8) | m[5]) >>> 0;
            case 2:
                return ((m[0] << 8) | m[1]) >>> 0;
            case 3:
                // CHIP_VER_PKG=1 (ESP32-D0WD), CHIP_VER_REV1, CPU rated 240 MHz, dual core, BT on.
                return (1 << 9) | (1 << 15) | (1 << 13);
            case 5:
                // CHIP_VER_REV2
                return 1 << 20;
            default:
                return 0;
        }
    }
    read(addr) {
        addr >>>= 0;
        if (addr === Reg.CHIP_DETECT_MAGIC)
            return ESP32_MAGIC;
        if (addr >= Reg.EFUSE_RD_BASE && addr < Reg.EFUSE_RD_BASE + 0x80 && addr % 4 === 0)
            return this.efuseWord((addr - Reg.EFUSE_RD_BASE) / 4);
        // Bit 31 of APB_CTL_DATE marks an ECO3 (revision 3) chip.
        if (addr === Reg.APB_CTL_DATE)
            return 0x96042000;
        if (addr === Reg.UART_CLKDIV)
            return Math.round(40_000_000 / this.ctx.baud()) & 0xfffff;
        if (addr === Reg.GPIO_STRAP)
            return this.ctx.strap();
        return this.mem.get(addr) ?? 0;
    }
    write(addr, value, mask = 0xffffffff) {
        addr >>>= 0;
        const old = this.read(addr);
        const next = ((value & mask) | (old & ~mask)) >>> 0;
        if (addr === Reg.SPI1_BASE + SPI.CMD && next & SPI_CMD_USR) {
            this.runSpiUserCommand();
            return;
        }
        this.mem.set(addr, next);
    }
    /** Execute the SPI flash command set up in USR2 (the opcode) and leave the answer in W0. */
    runSpiUserCommand() {
        const opcode = (this.mem.get(Reg.SPI1_BASE + SPI.USR2) ?? 0) & 0xffff;
        let w0 = 0;
        if (opcode === 0x9f) {
            // RDID: manufacturer, memory type, capacity, read back little-endian.
            w0 =
                FLASH_MANUFACTURER | (FLASH_MEMORY_TYPE << 8) | (jedecCapacity(this.ctx.flashSize) << 16);
        }
        // RDSR/RDSR2 (0x05/0x35): the part is idle and unprotected, status 0.
        this.mem.set(Reg.SPI1_BASE + SPI.W0, w0 >>> 0);
        // The engine finishes at once: USR bit reads back clear.
        this.mem.set(Reg.SPI1_BASE + SPI.CMD, 0);
    }
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/slip.ts
/** SLIP framing (RFC 1055) as the ESP32 serial bootloader uses it. */
const SLIP_END = 0xc0;
const SLIP_ESC = 0xdb;
const SLIP_ESC_END = 0xdc;
const SLIP_ESC_ESC = 0xdd;
/** Frame `payload`: a leading and trailing 0xC0, 0xC0/0xDB escaped inside. */
function slipEncode(payload) {
    let extra = 0;
    for (const b of payload)
        if (b === SLIP_END || b === SLIP_ESC)
            extra++;
    const out = Buffer.allocUnsafe(payload.length + extra + 2);
    let o = 0;
    out[o++] = SLIP_END;
    for (const b of payload) {
        if (b === SLIP_END) {
            out[o++] = SLIP_ESC;
            out[o++] = SLIP_ESC_END;
        }
        else if (b === SLIP_ESC) {
            out[o++] = SLIP_ESC;
            out[o++] = SLIP_ESC_ESC;
        }
        else
            out[o++] = b;
    }
    out[o] = SLIP_END;
    return out;
}
/**
 * Streaming SLIP decoder. Bytes outside a frame (console noise, a terminal typing
 * into the port) are ignored. A frame ends at its closing 0xC0 and the next one starts
 * at the following 0xC0; an empty frame (0xC0 0xC0) counts as a start delimiter.
 */
class SlipDecoder {
    onEvent;
    maxFrame;
    buf;
    len = 0;
    inFrame = false;
    escaping = false;
    broken;
    constructor(onEvent, maxFrame = 0x4000 + 64 + 4096) {
        this.onEvent = onEvent;
        this.maxFrame = maxFrame;
        this.buf = Buffer.allocUnsafe(maxFrame);
    }
    /** Forget a partial frame (after a reset). */
    reset() {
        this.len = 0;
        this.inFrame = false;
        this.escaping = false;
        this.broken = undefined;
    }
    push(bytes) {
        for (const b of bytes) {
            if (!this.inFrame) {
                if (b === SLIP_END)
                    this.startFrame();
                continue;
            }
            if (b === SLIP_END) {
                // 0xC0 0xC0 is an empty frame: treat the second one as the start delimiter.
                if (this.len === 0 && !this.broken && !this.escaping)
                    continue;
                if (this.broken || this.escaping)
                    this.onEvent({ type: "error", reason: this.broken ?? "frame ends inside an escape" });
                else
                    this.onEvent({ type: "frame", payload: Buffer.from(this.buf.subarray(0, this.len)) });
                // Back to idle: bytes until the next 0xC0 are noise.
                this.inFrame = false;
                continue;
            }
            if (this.broken)
                continue;
            if (this.escaping) {
                this.escaping = false;
                if (b === SLIP_ESC_END)
                    this.append(SLIP_END);
                else if (b === SLIP_ESC_ESC)
                    this.append(SLIP_ESC);
                else
                    this.broken = `invalid SLIP escape 0xdb 0x${b.toString(16).padStart(2, "0")}`;
            }
            else if (b === SLIP_ESC)
                this.escaping = true;
            else
                this.append(b);
        }
    }
    startFrame() {
        this.inFrame = true;
        this.len = 0;
        this.escaping = false;
        this.broken = undefined;
    }
    append(b) {
        if (this.len >= this.maxFrame) {
            this.broken = `frame longer than ${this.maxFrame} bytes`;
            return;
        }
        this.buf[this.len++] = b;
    }
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/wire.ts

/** A UART frame: start bit, 8 data bits, stop bit. */
const BITS_PER_BYTE = 10;
/** Milliseconds a byte count occupies on a line at `baud`. */
function lineTimeMs(bytes, baud) {
    return (bytes * BITS_PER_BYTE * 1000) / baud;
}
/**
 * One direction of a serial line. Bytes cross no faster than the baud rate allows
 * (10 bits per byte): each chunk is scheduled by absolute time against the moment the
 * line becomes free, so timer lateness never accumulates and nothing is delivered
 * early. Large chunks are split into slices of about `sliceMs` so the far end sees a
 * stream, not bursts.
 */
class Wire {
    deliver;
    sliceMs;
    now;
    queue = [];
    freeAt = 0;
    timer;
    drainWaiters = [];
    stats = { sent: 0, delivered: 0 };
    constructor(deliver, sliceMs = 2, now = () => external_node_perf_hooks_.performance.now()) {
        this.deliver = deliver;
        this.sliceMs = sliceMs;
        this.now = now;
    }
    /** Queue bytes that leave the sender at `baud`; returns when they will have crossed. */
    send(bytes, baud) {
        if (bytes.length === 0)
            return Math.max(this.freeAt, this.now());
        this.stats.sent += bytes.length;
        let start = Math.max(this.now(), this.freeAt);
        const perSlice = Math.max(16, Math.floor((baud / BITS_PER_BYTE / 1000) * this.sliceMs));
        for (let off = 0; off < bytes.length; off += perSlice) {
            const slice = bytes.subarray(off, Math.min(bytes.length, off + perSlice));
            start += lineTimeMs(slice.length, baud);
            this.queue.push({ bytes: slice, due: start });
        }
        this.freeAt = start;
        this.arm();
        return start;
    }
    /** Absolute time the line is free again (all queued bytes crossed). */
    get busyUntil() {
        return Math.max(this.freeAt, this.now());
    }
    /** Bytes queued but not yet delivered. */
    get pending() {
        return this.queue.reduce((n, p) => n + p.bytes.length, 0);
    }
    /** Resolves once everything queued so far has crossed. */
    drained() {
        if (this.queue.length === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.drainWaiters.push(resolve));
    }
    /** Drop whatever is still on the line (power loss, reset). Waiters are released. */
    clear() {
        this.queue = [];
        this.spinning = false;
        this.freeAt = 0;
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = undefined;
        this.releaseWaiters();
    }
    arm() {
        if (this.timer || this.spinning || this.queue.length === 0)
            return;
        const wait = this.queue[0].due - this.now();
        // Mid-stream slices may be a little late (the schedule is absolute, so lateness
        // never adds up), but the end of a burst is what the far end waits on: finish the
        // last sub-millisecond on the event loop instead of a 1 ms timer tick.
        if (this.queue.length === 1 && wait < 2) {
            this.spinning = true;
            setImmediate(() => this.spin());
            return;
        }
        this.timer = setTimeout(() => this.flush(), Math.max(0, this.queue.length === 1 ? Math.floor(wait - 1) : Math.ceil(wait)));
    }
    spinning = false;
    spin() {
        this.spinning = false;
        if (this.queue.length === 0)
            return;
        if (this.queue[0].due <= this.now())
            this.flush();
        else {
            this.spinning = true;
            setImmediate(() => this.spin());
        }
    }
    flush() {
        this.timer = undefined;
        const now = this.now();
        const ready = [];
        while (this.queue.length && this.queue[0].due <= now)
            ready.push(this.queue.shift().bytes);
        if (ready.length) {
            const bytes = ready.length === 1 ? ready[0] : Buffer.concat(ready);
            this.stats.delivered += bytes.length;
            this.deliver(bytes);
        }
        if (this.queue.length === 0)
            this.releaseWaiters();
        else
            this.arm();
    }
    releaseWaiters() {
        const waiters = this.drainWaiters;
        this.drainWaiters = [];
        for (const w of waiters)
            w();
    }
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/board.ts











/** The ESP32 ROM talks at 115200 baud after reset (40 MHz crystal). */
const ROM_BAUD = 115200;
/** A stable, distinct MAC per slot id, in Espressif's 24:6f:28 block. */
function macForSlot(id) {
    const h = (0,external_node_crypto_.createHash)("sha256").update(`hil-sim:${id}`).digest();
    return [
        "24",
        "6f",
        "28",
        ...[...h.subarray(0, 3)].map((b) => b.toString(16).padStart(2, "0")),
    ].join(":");
}
class Aborted extends Error {
    name = "Aborted";
}
/** One run of the chip between two resets. */
class Run {
    ac = new AbortController();
    startedAt = external_node_perf_hooks_.performance.now();
    loader;
    slip;
    partial = "";
    lastWasCr = false;
    lines = [];
    lineWaiter;
    acceptInput = false;
    /** The app hung: nothing more runs until the next reset. */
    hung = false;
    get aborted() {
        return this.ac.signal.aborted;
    }
}
/**
 * A simulated ESP32 DevKit: the chip (ROM loader, flasher stub, 2nd-stage bootloader,
 * an app that runs the console script from its image), its flash, its UART with
 * line-rate pacing, and the auto-reset circuit that lets DTR/RTS drive EN and GPIO0.
 *
 * Events: `mode` (BoardMode), `power` (boolean), `boot` ({ reason, download }).
 */
class SimBoard extends external_node_events_.EventEmitter {
    options;
    id;
    mac;
    flash;
    registers;
    faults = {};
    powered = false;
    _mode = "off";
    baud = ROM_BAUD;
    lines = { dtr: false, rts: false };
    bootButton = false;
    strap = STRAP_FLASH_BOOT;
    releaseTimer;
    run;
    bootCount = 0;
    lastReason;
    peers = new Set();
    tx;
    rx;
    enDelayMs;
    rngState;
    firstPowerOn = true;
    startInDownloadMode;
    constructor(options) {
        super();
        this.options = options;
        this.id = options.id;
        this.mac = (options.mac ?? macForSlot(options.id)).toLowerCase();
        this.flash = new FlashMemory({
            ...(options.flashSize ? { size: options.flashSize } : {}),
            ...(options.flashFile ? { file: options.flashFile } : {}),
        });
        const macBytes = Buffer.from(this.mac.split(":").map((h) => parseInt(h, 16)));
        this.registers = new Esp32Registers({
            mac: macBytes,
            flashSize: this.flash.size,
            baud: () => this.baud,
            strap: () => this.strap,
        });
        this.enDelayMs = options.enDelayMs ?? 5;
        this.startInDownloadMode = options.startInDownloadMode ?? false;
        this.rngState = macBytes.readUInt32BE(2) || 1;
        this.tx = new Wire((b) => this.deliverTx(b));
        this.rx = new Wire((b) => this.deliverRx(b));
        if (options.poweredOn !== false)
            this.powerOn();
    }
    get mode() {
        return this._mode;
    }
    get isPowered() {
        return this.powered;
    }
    /** Current UART baud of the chip. */
    get uartBaud() {
        return this.baud;
    }
    status() {
        return {
            id: this.id,
            mac: this.mac,
            power: this.powered,
            mode: this._mode,
            baud: this.baud,
            boot: this.bootCount,
            resetReason: this.lastReason,
            bootButton: this.bootButton,
            lines: { ...this.lines },
            faults: { ...this.faults },
            rxBytes: this.rx.stats.delivered,
            txBytes: this.tx.stats.delivered,
        };
    }
    /** Bytes that have crossed the line towards the board (rx) and from it (tx). */
    get lineStats() {
        return { rxBytes: this.rx.stats.delivered, txBytes: this.tx.stats.delivered };
    }
    setFaults(f) {
        this.faults = { ...this.faults, ...f };
        for (const k of Object.keys(this.faults))
            if (this.faults[k] === undefined || this.faults[k] === false || this.faults[k] === 0)
                delete this.faults[k];
    }
    clearFaults() {
        this.faults = {};
    }
    // ------------------------------------------------------------------ serial peers
    /** Connect a door (pty bridge, RFC 2217 connection); returns the function that detaches it. */
    attach(peer) {
        this.peers.add(peer);
        return () => this.peers.delete(peer);
    }
    /** Bytes the host sends towards the board through `peer`. */
    hostWrite(bytes, peer) {
        if (!this.powered || this.faults.noAnswer || this.faults.wedged || bytes.length === 0)
            return;
        const hostBaud = peer?.hostBaud ?? this.baud;
        const data = baudMismatch(hostBaud, this.baud) ? garble(bytes, hostBaud, this.baud) : bytes;
        this.rx.send(data, hostBaud);
    }
    /**
     * The adapter's DTR/RTS outputs, through the DevKit's two-transistor auto-reset
     * circuit: EN is pulled low only when RTS is asserted and DTR is not; GPIO0 only
     * when DTR is asserted and RTS is not.
     */
    setLines(lines) {
        this.lines = { dtr: lines.dtr ?? this.lines.dtr, rts: lines.rts ?? this.lines.rts };
        this.applyEn();
    }
    /** Hold or release the BOOT button (GPIO0 to ground). */
    setBootButton(held) {
        this.bootButton = held;
    }
    get enHigh() {
        return !(this.lines.rts && !this.lines.dtr);
    }
    get gpio0Low() {
        return this.bootButton || (this.lines.dtr && !this.lines.rts);
    }
    // ------------------------------------------------------------------ power and reset
    powerOn() {
        if (this.powered)
            return;
        this.powered = true;
        this.bootCount = 0;
        this.emit("power", true);
        this.setMode("reset");
        if (this.firstPowerOn && this.startInDownloadMode)
            this.bootButton = true;
        this.scheduleRelease("POWERON_RESET");
    }
    powerOff() {
        if (!this.powered)
            return;
        this.powered = false;
        // A power cut is what unwedges a wedged board.
        delete this.faults.wedged;
        this.stopRun();
        this.clearRelease();
        this.baud = ROM_BAUD;
        this.bootCount = 0;
        this.emit("power", false);
        this.setMode("off");
    }
    /** A brown-out now: the app's detector restarts it; elsewhere the chip resets in hardware. */
    brownout() {
        if (!this.powered)
            return;
        // Once the app runs (even idle or stuck), ESP-IDF's brown-out ISR reports it and restarts.
        if ((this._mode === "app" || this._mode === "idle" || this._mode === "hung") && this.run) {
            const run = this.run;
            void this.crashRun(run, {
                lines: ["", "Brownout detector was triggered", ""],
                reset: "SW_CPU_RESET",
            });
        }
        else
            this.chipReset("RTCWDT_BROWN_OUT_RESET");
    }
    /** Release resources (timers, the flash file). */
    close() {
        this.stopRun();
        this.clearRelease();
        this.tx.clear();
        this.rx.clear();
        this.flash.close();
        this.removeAllListeners();
    }
    applyEn() {
        if (!this.powered)
            return;
        if (!this.enHigh) {
            if (this._mode !== "reset" || this.releaseTimer) {
                this.stopRun();
                this.clearRelease();
                this.setMode("reset");
            }
            return;
        }
        if (this._mode === "reset" && !this.releaseTimer)
            this.scheduleRelease("POWERON_RESET");
    }
    scheduleRelease(reason) {
        this.clearRelease();
        this.releaseTimer = setTimeout(() => {
            this.releaseTimer = undefined;
            if (!this.powered || !this.enHigh)
                return;
            this.startChip(reason);
        }, this.enDelayMs);
    }
    clearRelease() {
        if (this.releaseTimer)
            clearTimeout(this.releaseTimer);
        this.releaseTimer = undefined;
    }
    /** A reset the chip does to itself (software, watchdog, brown-out). */
    chipReset(reason) {
        this.stopRun();
        this.setMode("reset");
        setImmediate(() => {
            if (this.powered && this.enHigh && this._mode === "reset" && !this.releaseTimer)
                this.startChip(reason);
        });
    }
    stopRun() {
        const run = this.run;
        this.run = undefined;
        if (!run)
            return;
        run.ac.abort();
        run.loader?.dispose();
        run.lineWaiter?.();
        // Bytes still in the chip's FIFO or on their way in are lost with the reset.
        this.tx.clear();
        this.rx.clear();
    }
    setMode(m) {
        if (this._mode === m)
            return;
        this._mode = m;
        this.emit("mode", m);
    }
    /** The chip leaves reset: the ROM samples GPIO0 and either waits for download or boots. */
    startChip(reason) {
        this.stopRun();
        this.baud = ROM_BAUD;
        this.bootCount = reason === "POWERON_RESET" ? 1 : this.bootCount + 1;
        this.lastReason = reason;
        const download = this.gpio0Low;
        if (this.firstPowerOn) {
            this.firstPowerOn = false;
            if (this.startInDownloadMode)
                this.bootButton = false;
        }
        this.strap = download ? STRAP_DOWNLOAD_BOOT : STRAP_FLASH_BOOT;
        const run = new Run();
        this.run = run;
        this.emit("boot", { reason, download });
        if (download)
            void this.runDownload(run, reason);
        else
            void this.runFlashBoot(run, reason, true);
    }
    // ------------------------------------------------------------------ UART
    deliverTx(bytes) {
        if (this.faults.wedged)
            return;
        for (const p of this.peers) {
            const hb = p.hostBaud;
            p.receive(hb !== undefined && baudMismatch(this.baud, hb) ? garble(bytes, this.baud, hb) : bytes);
        }
    }
    deliverRx(bytes) {
        const run = this.run;
        if (!run || run.aborted)
            return;
        if (run.slip)
            run.slip.push(bytes);
        else if (run.acceptInput)
            this.takeInput(run, bytes);
    }
    takeInput(run, bytes) {
        for (const ch of bytes.toString("latin1")) {
            if (ch === "\n" || ch === "\r") {
                // "\r\n" is one line end.
                if (ch === "\n" && run.partial === "" && run.lastWasCr) {
                    run.lastWasCr = false;
                    continue;
                }
                run.lastWasCr = ch === "\r";
                run.lines.push(run.partial);
                run.partial = "";
            }
            else {
                run.lastWasCr = false;
                run.partial += ch;
            }
        }
        if (run.lines.length && run.lineWaiter) {
            const w = run.lineWaiter;
            run.lineWaiter = undefined;
            w();
        }
    }
    /** Queue bytes on the TX line; resolves once they have crossed it (and were delivered). */
    async transmit(run, bytes) {
        if (run.aborted)
            throw new Aborted();
        this.tx.send(bytes, this.baud);
        await this.tx.drained();
        if (run.aborted)
            throw new Aborted();
    }
    sleep(run, ms) {
        return this.sleepUntil(run, external_node_perf_hooks_.performance.now() + ms);
    }
    sleepUntil(run, due) {
        if (run.aborted)
            return Promise.reject(new Aborted());
        const wait = due - external_node_perf_hooks_.performance.now();
        if (wait <= 0)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            const onAbort = () => {
                clearTimeout(t);
                reject(new Aborted());
            };
            const t = setTimeout(() => {
                run.ac.signal.removeEventListener("abort", onAbort);
                resolve();
            }, Math.ceil(wait));
            run.ac.signal.addEventListener("abort", onAbort, { once: true });
        });
    }
    output(run) {
        const write = (text) => this.transmit(run, Buffer.from(text, "utf8"));
        return {
            write,
            line: (text) => write(`${text}\r\n`),
            log: (level, tag, text) => write(`${level} (${Math.round(external_node_perf_hooks_.performance.now() - run.startedAt)}) ${tag}: ${text}\r\n`),
        };
    }
    random() {
        let x = this.rngState;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.rngState = x >>> 0;
        return this.rngState / 0x100000000;
    }
    maybeCorrupt(frame) {
        const rate = this.faults.corruptFrames ?? 0;
        if (rate <= 0 || this.random() >= rate || frame.length === 0)
            return frame;
        const copy = Buffer.from(frame);
        const i = Math.floor(this.random() * copy.length);
        copy[i] = copy[i] ^ (1 + Math.floor(this.random() * 255));
        return copy;
    }
    // ------------------------------------------------------------------ download mode
    async runDownload(run, reason) {
        this.setMode("rom");
        const out = this.output(run);
        const loader = new Loader({
            flash: this.flash,
            registers: this.registers,
            send: (payload) => {
                if (run.aborted)
                    return;
                this.tx.send(slipEncode(this.maybeCorrupt(payload)), this.baud);
            },
            txDrained: () => this.tx.drained(),
            setBaud: (b) => {
                if (!run.aborted)
                    this.baud = b;
            },
            leaveLoader: (how) => {
                if (run.aborted)
                    return;
                if (how === "reboot")
                    this.chipReset("SW_RESET");
                else {
                    this.stopRun();
                    const next = new Run();
                    this.run = next;
                    void this.runFlashBoot(next, reason, false);
                }
            },
            stubStarted: () => {
                if (!run.aborted)
                    this.setMode("stub");
            },
            trace: (m) => this.options.trace?.(`${this.id}: ${m}`),
        });
        run.loader = loader;
        // The UART receiver is live while the banner goes out.
        run.slip = new SlipDecoder((ev) => {
            if (ev.type === "frame")
                loader.onFrame(this.maybeCorrupt(ev.payload));
        });
        try {
            await printDownloadBanner(out, reason);
        }
        catch (e) {
            if (!(e instanceof Aborted))
                throw e;
        }
    }
    // ------------------------------------------------------------------ flash boot and app
    async runFlashBoot(run, reason, romBanner) {
        this.setMode("booting");
        const out = this.output(run);
        try {
            const outcome = await bootFromFlash(this.flash, reason, out, romBanner);
            if (outcome.kind === "invalid-header") {
                this.setMode("bootloop");
                const line = `invalid header: 0x${outcome.word.toString(16).padStart(8, "0")}`;
                for (;;) {
                    await out.line(line);
                    await this.sleep(run, 20);
                }
            }
            if (outcome.kind === "reset") {
                this.setMode("bootloop");
                await this.sleep(run, 10);
                this.chipReset(outcome.reason);
                return;
            }
            await printAppStart(out, outcome.desc);
            this.setMode("app");
            const elfSha = elfShaShort(outcome.desc);
            if (this.faults.brownoutLoop) {
                await this.sleep(run, 50);
                return this.crashRun(run, {
                    lines: ["", "Brownout detector was triggered", ""],
                    reset: "SW_CPU_RESET",
                });
            }
            if (this.faults.hangAfterBoot)
                return this.hangRun(run);
            run.acceptInput = true;
            let scriptText = outcome.script;
            if (outcome.scriptError) {
                await out.log("E", "hil-sim", outcome.scriptError);
                scriptText = undefined;
            }
            if (scriptText !== undefined) {
                let script;
                try {
                    script = parseScript(scriptText);
                }
                catch (e) {
                    if (!(e instanceof ScriptError))
                        throw e;
                    await out.log("E", "hil-sim", e.message);
                }
                if (script) {
                    await runScript(script, {
                        write: out.write,
                        line: out.line,
                        log: (level, tag, text) => out.log(level, tag, text),
                        sleep: (ms) => this.sleep(run, ms),
                        readLine: (t) => this.readLine(run, t),
                        uptimeMs: () => Math.round(external_node_perf_hooks_.performance.now() - run.startedAt),
                        crash: (c) => this.crashRun(run, c),
                        restart: () => this.crashRun(run, { lines: [], reset: "SW_CPU_RESET" }),
                        hang: () => this.hangRun(run),
                        boot: this.bootCount,
                        resetReason: reason,
                        mac: this.mac,
                        elfSha,
                    });
                    if (run.aborted || run.hung || this.run !== run)
                        return;
                }
            }
            await out.log("I", "main_task", "Returned from app_main()");
            this.setMode("idle");
        }
        catch (e) {
            if (e instanceof Aborted)
                return;
            this.options.trace?.(`${this.id}: boot failed: ${e.stack}`);
        }
    }
    async crashRun(run, crash) {
        if (run.aborted)
            return;
        run.acceptInput = false;
        const out = this.output(run);
        try {
            for (const l of crash.lines)
                await out.line(l);
        }
        catch (e) {
            if (e instanceof Aborted)
                return;
            throw e;
        }
        if (this.run === run)
            this.chipReset(crash.reset);
    }
    async hangRun(run) {
        run.hung = true;
        run.acceptInput = false;
        run.lines = [];
        this.setMode("hung");
    }
    readLine(run, timeoutMs) {
        if (run.lines.length)
            return Promise.resolve(run.lines.shift());
        return new Promise((resolve, reject) => {
            let timer;
            const done = () => {
                if (timer)
                    clearTimeout(timer);
                if (run.aborted)
                    reject(new Aborted());
                else
                    resolve(run.lines.shift());
            };
            run.lineWaiter = done;
            if (timeoutMs !== undefined)
                timer = setTimeout(() => {
                    run.lineWaiter = undefined;
                    resolve(undefined);
                }, timeoutMs);
        });
    }
}
/** A UART receiver more than ~3 % off the sender's rate sees framing errors, not data. */
function baudMismatch(sender, receiver) {
    return Math.abs(sender - receiver) / receiver > 0.03;
}
/** What a receiver at the wrong baud makes of `bytes`: a different number of junk bytes. */
function garble(bytes, sender, receiver) {
    const n = Math.max(1, Math.round((bytes.length * receiver) / sender));
    const out = Buffer.alloc(n);
    let h = 0x811c9dc5 ^ bytes.length;
    for (let i = 0; i < n; i++) {
        h = Math.imul(h ^ (bytes[i % bytes.length] ?? 0), 16777619) >>> 0;
        // Never produce SLIP delimiters, so junk cannot pass for a frame boundary by luck.
        const b = h & 0xff;
        out[i] = b === 0xc0 || b === 0xdb ? b ^ 0x01 : b;
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/pty-bridge.ts




/** Bytes kept for a pty nobody reads before output is dropped, as a UART with no listener loses it. */
const MAX_BACKLOG = 64 * 1024;
/**
 * A real pseudo-terminal for a board: a socat child creates it and links it at `path`
 * (like /dev/serial/by-id/...), and its stdio is the board's UART. Programs open the
 * path with serialport as they would a USB serial adapter, close it and open it again;
 * socat keeps the pty across sessions. A pty has no modem lines: DTR/RTS requests fail
 * on the host side (ENOTTY), so such a slot is reset through its power.
 */
class PtyBridge {
    board;
    options;
    path;
    child;
    closing = false;
    detach;
    stderr = "";
    constructor(board, path, options = {}) {
        this.board = board;
        this.options = options;
        this.path = (0,external_node_path_.resolve)(path);
    }
    async start() {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(this.path), { recursive: true });
        this.clearStaleLink();
        await this.spawnSocat();
        return this;
    }
    async close() {
        this.closing = true;
        this.detach?.();
        this.detach = undefined;
        const child = this.child;
        this.child = undefined;
        if (child && child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once("exit", () => r()));
            child.kill("SIGTERM");
            const t = setTimeout(() => child.kill("SIGKILL"), 2000);
            await exited;
            clearTimeout(t);
        }
        this.removeOwnLink();
    }
    clearStaleLink() {
        let st;
        try {
            st = (0,external_node_fs_.lstatSync)(this.path);
        }
        catch {
            return;
        }
        if (!st.isSymbolicLink())
            throw new src/* ConfigurationError */.j1(`${this.path} exists and is not a simulator pty link.`, {
                hint: "Give hil sim another --dir, or remove the file.",
            });
        const target = (0,external_node_fs_.readlinkSync)(this.path);
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.resolve)((0,external_node_path_.dirname)(this.path), target)))
            throw new src/* ConfigurationError */.j1(`${this.path} is already served by another simulator (it points at ${target}).`, {
                hint: "Stop the other hil sim, or give this one another --dir.",
            });
        (0,external_node_fs_.unlinkSync)(this.path);
    }
    removeOwnLink() {
        try {
            if ((0,external_node_fs_.lstatSync)(this.path).isSymbolicLink())
                (0,external_node_fs_.unlinkSync)(this.path);
        }
        catch {
            // already gone
        }
    }
    spawnSocat() {
        const bin = this.options.socat ?? "socat";
        const child = (0,external_node_child_process_.spawn)(bin, ["-d", "-d", `PTY,link=${this.path},rawer`, "STDIO"], {
            stdio: ["pipe", "pipe", "pipe"],
        });
        this.child = child;
        this.stderr = "";
        const peer = {
            hostBaud: undefined,
            receive: (bytes) => {
                if (child.stdin.destroyed || child.stdin.writableLength > MAX_BACKLOG)
                    return;
                child.stdin.write(bytes);
            },
        };
        child.stdin.on("error", () => undefined);
        child.stdout.on("data", (b) => this.board.hostWrite(b, peer));
        return new Promise((resolvePromise, reject) => {
            let ready = false;
            let waiting = false;
            const becomeReady = () => {
                if (ready || child.exitCode !== null)
                    return;
                if (!(0,external_node_fs_.existsSync)(this.path)) {
                    setTimeout(becomeReady, 5);
                    return;
                }
                ready = true;
                this.detach = this.board.attach(peer);
                resolvePromise();
            };
            child.stderr.on("data", (b) => {
                this.stderr = (this.stderr + b.toString()).slice(-4000);
                if (!waiting && /starting data transfer loop/.test(this.stderr)) {
                    waiting = true;
                    becomeReady();
                }
            });
            child.once("error", (e) => {
                if (ready)
                    return;
                reject(new src/* InfrastructureError */.EN(`Cannot start socat for the simulated pty ${this.path}: ${e.message}`, {
                    hint: "Install socat (apt-get install socat); the simulator uses it to create pseudo-terminals.",
                }));
            });
            child.once("exit", (code, signal) => {
                if (!ready) {
                    reject(new src/* InfrastructureError */.EN(`socat exited (${signal ?? code}) before ${this.path} was ready: ${this.stderr.trim()}`));
                    return;
                }
                this.detach?.();
                this.detach = undefined;
                if (this.closing)
                    return;
                // socat died under us: bring the pty back.
                this.options.trace?.(`socat for ${this.path} exited (${signal ?? code}); restarting`);
                this.removeOwnLink();
                setTimeout(() => {
                    if (!this.closing)
                        this.spawnSocat().catch((e) => this.options.trace?.(String(e)));
                }, 200);
            });
        });
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./packages/hut-sim/src/relay.ts



const DOMAINS = ["switch", "input_boolean", "light"];
const SERVICES = ["turn_on", "turn_off", "toggle"];
/** Home Assistant writes timestamps with microseconds and an explicit offset. */
function haTime(d) {
    return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}
const relay_text = (status, body) => ({
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: Buffer.from(body),
});
/** The admin route's body: simulator faults in snake_case, merged into the current ones. */
const faultRequest = schemas/* object */.Ikc({
    no_answer: schemas/* boolean */.zMY(),
    corrupt_frames: schemas/* number */.aig().min(0).max(1),
    hang_after_boot: schemas/* boolean */.zMY(),
    brownout_loop: schemas/* boolean */.zMY(),
    wedged: schemas/* boolean */.zMY(),
    ha_slow_ms: schemas/* int */.Whr().min(0).max(600_000),
    ha_status: schemas/* int */.Whr().min(100).max(599),
    ha_stale_state: schemas/* boolean */.zMY(),
})
    .partial()
    .strict();
/**
 * The subset of Home Assistant's REST API that ha-power-cycle uses, on 127.0.0.1, in
 * front of relays that really switch the simulated boards: `GET /api/`,
 * `GET /api/states/<entity>`, `POST /api/services/<domain>/turn_on|turn_off|toggle`
 * with `{"entity_id": ...}` for `switch`, `input_boolean` and `light`. Every /api route
 * wants `Authorization: Bearer <token>` (401 otherwise, as HA does).
 *
 * It also serves the simulator's admin routes (no token): `GET /sim`, `GET /sim/<slot>`,
 * `POST|DELETE /sim/<slot>/fault`, `POST /sim/<slot>/brownout`,
 * `POST /sim/<slot>/boot-button {"held": true}`, `POST /sim/<slot>/power {"on": false}`.
 */
class HomeAssistantRelay {
    options;
    server = new FakeServer();
    entities = new Map();
    bySlot = new Map();
    faults = new Map();
    constructor(options) {
        this.options = options;
        this.server.route({
            method: "GET",
            pattern: "/api/",
            handler: (c) => this.guard(c, undefined, () => ({ status: 200, body: { message: "API running." } })),
        }, { method: "GET", pattern: "/api/states/:entity", handler: (c) => this.getState(c) }, {
            method: "POST",
            pattern: "/api/services/:domain/:service",
            handler: (c) => this.callService(c),
        }, { method: "GET", pattern: "/sim", handler: () => ({ status: 200, body: this.status() }) }, {
            method: "GET",
            pattern: "/sim/:slot",
            handler: (c) => this.admin(c, (e) => ({ status: 200, body: this.slotStatus(e) })),
        }, {
            method: "POST",
            pattern: "/sim/:slot/fault",
            handler: (c) => this.admin(c, (e) => this.postFault(c, e)),
        }, {
            method: "DELETE",
            pattern: "/sim/:slot/fault",
            handler: (c) => this.admin(c, (e) => {
                e.board.clearFaults();
                this.faults.delete(e.slot);
                return { status: 200, body: this.slotStatus(e) };
            }),
        }, {
            method: "POST",
            pattern: "/sim/:slot/brownout",
            handler: (c) => this.admin(c, (e) => {
                e.board.brownout();
                return { status: 200, body: this.slotStatus(e) };
            }),
        }, {
            method: "POST",
            pattern: "/sim/:slot/boot-button",
            handler: (c) => this.admin(c, (e) => {
                const body = schemas/* object */.Ikc({ held: schemas/* boolean */.zMY() }).strict().safeParse(parseJson(c.req));
                if (!body.success)
                    return { status: 400, body: { message: 'expected {"held": true|false}' } };
                e.board.setBootButton(body.data.held);
                return { status: 200, body: this.slotStatus(e) };
            }),
        }, {
            method: "POST",
            pattern: "/sim/:slot/power",
            handler: (c) => this.admin(c, (e) => {
                const body = schemas/* object */.Ikc({ on: schemas/* boolean */.zMY() }).strict().safeParse(parseJson(c.req));
                if (!body.success)
                    return { status: 400, body: { message: 'expected {"on": true|false}' } };
                this.switchTo(e, body.data.on ? "on" : "off");
                return { status: 200, body: this.slotStatus(e) };
            }),
        });
    }
    get url() {
        return this.server.baseUrl;
    }
    /** Requests seen, newest last (bounded). */
    get requests() {
        return this.server.requests;
    }
    /** Put a board behind a relay entity such as `switch.hut_01_power`. */
    addBoard(slot, board, entityId) {
        const now = new Date();
        const e = {
            entityId,
            slot,
            board,
            state: board.isPowered ? "on" : "off",
            lastChanged: now,
            lastUpdated: now,
            contextId: (0,external_node_crypto_.randomUUID)().replace(/-/g, "").toUpperCase().slice(0, 26),
        };
        this.entities.set(entityId, e);
        this.bySlot.set(slot, e);
    }
    setFaults(slot, f) {
        const merged = { ...this.faults.get(slot), ...f };
        for (const k of Object.keys(merged))
            if (merged[k] === undefined || merged[k] === false || merged[k] === 0)
                delete merged[k];
        this.faults.set(slot, merged);
    }
    clearFaults(slot) {
        this.faults.delete(slot);
    }
    relayFaults(slot) {
        return { ...this.faults.get(slot) };
    }
    async start() {
        await this.server.start();
        return this;
    }
    async stop() {
        await this.server.stop();
    }
    // ------------------------------------------------------------------ Home Assistant API
    trim() {
        const keep = this.options.keepRequests ?? 1000;
        const r = this.server.requests;
        if (r.length > keep)
            r.splice(0, r.length - keep);
    }
    async guard(c, e, answer) {
        this.trim();
        const f = e ? this.faults.get(e.slot) : undefined;
        if (f?.slowMs)
            await new Promise((r) => setTimeout(r, f.slowMs));
        const auth = c.req.headers.authorization;
        if (auth !== `Bearer ${this.options.token}`)
            return relay_text(401, "401: Unauthorized");
        if (f?.status) {
            return f.status === 401
                ? relay_text(401, "401: Unauthorized")
                : relay_text(f.status, `${f.status}: ${f.status >= 500 ? "Internal Server Error" : "Error"}`);
        }
        return answer();
    }
    stateObject(e) {
        const domain = e.entityId.split(".")[0];
        const attributes = { friendly_name: `${e.slot} power` };
        if (domain === "light") {
            attributes.supported_color_modes = ["onoff"];
            attributes.color_mode = e.state === "on" ? "onoff" : null;
        }
        if (domain === "input_boolean")
            attributes.editable = true;
        return {
            entity_id: e.entityId,
            state: e.state,
            attributes,
            last_changed: haTime(e.lastChanged),
            last_reported: haTime(e.lastUpdated),
            last_updated: haTime(e.lastUpdated),
            context: { id: e.contextId, parent_id: null, user_id: null },
        };
    }
    getState(c) {
        const e = this.entities.get(c.params.entity);
        return this.guard(c, e, () => e
            ? { status: 200, body: this.stateObject(e) }
            : { status: 404, body: { message: "Entity not found." } });
    }
    callService(c) {
        const { domain, service } = c.params;
        let body;
        try {
            body = parseJson(c.req);
        }
        catch {
            return this.guard(c, undefined, () => ({
                status: 400,
                body: { message: "Data should be valid JSON." },
            }));
        }
        const ids = entityIds(body);
        const targets = ids.map((id) => this.entities.get(id)).filter((e) => !!e);
        return this.guard(c, targets[0], () => {
            if (!DOMAINS.includes(domain) ||
                !SERVICES.includes(service))
                return relay_text(400, "400: Bad Request");
            const changed = [];
            for (const e of targets) {
                // A service only acts on entities of its own domain.
                if (!e.entityId.startsWith(`${domain}.`))
                    continue;
                const want = service === "toggle"
                    ? e.board.isPowered
                        ? "off"
                        : "on"
                    : service === "turn_on"
                        ? "on"
                        : "off";
                if (this.switchTo(e, want))
                    changed.push(this.stateObject(e));
            }
            return { status: 200, body: changed };
        });
    }
    /** Switch the relay; returns whether Home Assistant reports a changed state. */
    switchTo(e, want) {
        if (want === "on")
            e.board.powerOn();
        else
            e.board.powerOff();
        if (this.faults.get(e.slot)?.staleState)
            return false;
        const now = new Date();
        e.lastUpdated = now;
        e.contextId = (0,external_node_crypto_.randomUUID)().replace(/-/g, "").toUpperCase().slice(0, 26);
        if (e.state === want)
            return false;
        e.state = want;
        e.lastChanged = now;
        return true;
    }
    // ------------------------------------------------------------------ admin routes
    admin(c, fn) {
        this.trim();
        const e = this.bySlot.get(c.params.slot);
        if (!e)
            return {
                status: 404,
                body: {
                    message: `No simulated slot "${c.params.slot}". Known: ${[...this.bySlot.keys()].join(", ")}`,
                },
            };
        try {
            return fn(e);
        }
        catch (err) {
            return { status: 400, body: { message: err.message } };
        }
    }
    postFault(c, e) {
        const parsed = faultRequest.safeParse(parseJson(c.req));
        if (!parsed.success)
            return {
                status: 400,
                body: {
                    message: `bad fault request: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`,
                },
            };
        applyFaults(parsed.data, e.board, (f) => this.setFaults(e.slot, f));
        return { status: 200, body: this.slotStatus(e) };
    }
    slotStatus(e) {
        return {
            ...e.board.status(),
            slot: e.slot,
            entity: e.entityId,
            reported_state: e.state,
            relay_faults: this.relayFaults(e.slot),
        };
    }
    status() {
        return [...this.bySlot.values()].map((e) => this.slotStatus(e));
    }
}
function parseJson(req) {
    return req.body.length ? JSON.parse(req.body.toString("utf8")) : {};
}
function entityIds(body) {
    const v = body?.entity_id;
    if (typeof v === "string")
        return v.split(",").map((s) => s.trim());
    if (Array.isArray(v))
        return v.filter((x) => typeof x === "string");
    return [];
}
/** Apply a snake_case fault request to a board and its relay. */
function applyFaults(f, board, relay) {
    const b = {};
    if (f.no_answer !== undefined)
        b.noAnswer = f.no_answer;
    if (f.corrupt_frames !== undefined)
        b.corruptFrames = f.corrupt_frames;
    if (f.hang_after_boot !== undefined)
        b.hangAfterBoot = f.hang_after_boot;
    if (f.brownout_loop !== undefined)
        b.brownoutLoop = f.brownout_loop;
    if (f.wedged !== undefined)
        b.wedged = f.wedged;
    board.setFaults(b);
    const r = {};
    if (f.ha_slow_ms !== undefined)
        r.slowMs = f.ha_slow_ms;
    if (f.ha_status !== undefined)
        r.status = f.ha_status;
    if (f.ha_stale_state !== undefined)
        r.staleState = f.ha_stale_state;
    relay(r);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./packages/hut-sim/src/rfc2217-server.ts

/** Telnet (RFC 854/855) and COM-PORT-OPTION (RFC 2217) codes. */
const T = {
    IAC: 255,
    DONT: 254,
    DO: 253,
    WONT: 252,
    WILL: 251,
    SB: 250,
    SE: 240,
    BINARY: 0,
    ECHO: 1,
    SGA: 3,
    COM_PORT: 44,
};
/** COM-PORT-OPTION commands, client to server; the server answers with the code + 100. */
const Cpo = {
    SIGNATURE: 0,
    SET_BAUDRATE: 1,
    SET_DATASIZE: 2,
    SET_PARITY: 3,
    SET_STOPSIZE: 4,
    SET_CONTROL: 5,
    NOTIFY_LINESTATE: 6,
    NOTIFY_MODEMSTATE: 7,
    FLOWCONTROL_SUSPEND: 8,
    FLOWCONTROL_RESUME: 9,
    SET_LINESTATE_MASK: 10,
    SET_MODEMSTATE_MASK: 11,
    PURGE_DATA: 12,
    SERVER_OFFSET: 100,
};
/** SET-CONTROL values. */
const Ctl = {
    FLOW_REQUEST: 0,
    FLOW_NONE: 1,
    FLOW_XONXOFF: 2,
    FLOW_HARDWARE: 3,
    BREAK_REQUEST: 4,
    BREAK_ON: 5,
    BREAK_OFF: 6,
    DTR_REQUEST: 7,
    DTR_ON: 8,
    DTR_OFF: 9,
    RTS_REQUEST: 10,
    RTS_ON: 11,
    RTS_OFF: 12,
};
/** Escape 0xFF in data as IAC IAC. */
function iacEscape(data) {
    let n = 0;
    for (const b of data)
        if (b === T.IAC)
            n++;
    if (n === 0)
        return data;
    const out = Buffer.allocUnsafe(data.length + n);
    let o = 0;
    for (const b of data) {
        out[o++] = b;
        if (b === T.IAC)
            out[o++] = T.IAC;
    }
    return out;
}
/** Incremental telnet decoder: data bytes, option negotiations, sub-negotiations. */
class TelnetDecoder {
    handlers;
    state = "data";
    neg = 0;
    sb = [];
    constructor(handlers) {
        this.handlers = handlers;
    }
    push(chunk) {
        let runStart = -1;
        const flush = (end) => {
            if (runStart >= 0 && end > runStart)
                this.handlers.data(chunk.subarray(runStart, end));
            runStart = -1;
        };
        for (let i = 0; i < chunk.length; i++) {
            const b = chunk[i];
            switch (this.state) {
                case "data":
                    if (b === T.IAC) {
                        flush(i);
                        this.state = "iac";
                    }
                    else if (runStart < 0)
                        runStart = i;
                    break;
                case "iac":
                    if (b === T.IAC) {
                        this.handlers.data(Buffer.from([T.IAC]));
                        this.state = "data";
                    }
                    else if (b === T.DO || b === T.DONT || b === T.WILL || b === T.WONT) {
                        this.neg = b;
                        this.state = "neg";
                    }
                    else if (b === T.SB) {
                        this.sb = [];
                        this.state = "sb";
                    }
                    else
                        this.state = "data"; // NOP, GA, AYT…: nothing to do
                    break;
                case "neg":
                    this.handlers.negotiate(this.neg, b);
                    this.state = "data";
                    break;
                case "sb":
                    if (b === T.IAC)
                        this.state = "sb-iac";
                    else
                        this.sb.push(b);
                    break;
                case "sb-iac":
                    if (b === T.SE) {
                        this.handlers.subnegotiation(Buffer.from(this.sb));
                        this.state = "data";
                    }
                    else if (b === T.IAC) {
                        this.sb.push(T.IAC);
                        this.state = "sb";
                    }
                    else
                        this.state = "data"; // malformed; drop it
                    break;
            }
        }
        flush(chunk.length);
    }
}
/**
 * An RFC 2217 (Telnet COM-PORT-OPTION) server for one board, on 127.0.0.1 only, one
 * client at a time like ser2net. Baud rate and DTR/RTS are honoured: the baud sets the
 * speed of the host's side of the line, DTR/RTS drive the board's auto-reset circuit.
 * While the client is connected DTR and RTS are asserted unless it says otherwise
 * (the port is open), and both drop together when it leaves.
 */
class Rfc2217Server {
    board;
    options;
    server;
    client;
    port = 0;
    constructor(board, options = {}) {
        this.board = board;
        this.options = options;
    }
    get url() {
        return `rfc2217://127.0.0.1:${this.port}`;
    }
    get connected() {
        return this.client !== undefined;
    }
    async start(port = 0) {
        const server = (0,external_node_net_.createServer)((s) => this.accept(s));
        this.server = server;
        await new Promise((resolve, reject) => {
            server.once("error", reject);
            server.listen(port, "127.0.0.1", () => {
                server.off("error", reject);
                resolve();
            });
        });
        this.port = server.address().port;
        return this;
    }
    async close() {
        this.client?.destroy();
        const server = this.server;
        this.server = undefined;
        if (server)
            await new Promise((resolve) => server.close(() => resolve()));
    }
    accept(sock) {
        if (this.client) {
            sock.end("Port already in use\r\n");
            return;
        }
        this.client = sock;
        sock.setNoDelay(true);
        const board = this.board;
        let hostBaud = 115200;
        let lines = { dtr: true, rts: true };
        let suspended = false;
        const held = [];
        const options = {
            comPort: false,
            binaryIn: false,
            binaryOut: false,
            sgaIn: false,
            sgaOut: false,
        };
        const send = (bytes) => {
            if (!sock.destroyed)
                sock.write(bytes);
        };
        const cpo = (cmd, payload) => send(Buffer.concat([
            Buffer.from([T.IAC, T.SB, T.COM_PORT, cmd]),
            iacEscape(Buffer.from(payload)),
            Buffer.from([T.IAC, T.SE]),
        ]));
        const peer = {
            get hostBaud() {
                return hostBaud;
            },
            receive(bytes) {
                if (suspended)
                    held.push(bytes);
                else
                    send(iacEscape(bytes));
            },
        };
        const detach = board.attach(peer);
        board.setLines(lines);
        const decoder = new TelnetDecoder({
            data: (bytes) => board.hostWrite(Buffer.from(bytes), peer),
            negotiate: (cmd, opt) => {
                const reply = (c) => send(Buffer.from([T.IAC, c, opt]));
                if (cmd === T.WILL) {
                    if (opt === T.COM_PORT) {
                        if (!options.comPort) {
                            options.comPort = true;
                            reply(T.DO);
                            // Tell the client the modem lines (CD, DSR, CTS up): a notification it must tolerate.
                            cpo(Cpo.NOTIFY_MODEMSTATE + Cpo.SERVER_OFFSET, [0xb0]);
                        }
                    }
                    else if (opt === T.BINARY || opt === T.SGA) {
                        const key = opt === T.BINARY ? "binaryIn" : "sgaIn";
                        if (!options[key]) {
                            options[key] = true;
                            reply(T.DO);
                        }
                    }
                    else
                        reply(T.DONT);
                }
                else if (cmd === T.DO) {
                    if (opt === T.BINARY || opt === T.SGA) {
                        const key = opt === T.BINARY ? "binaryOut" : "sgaOut";
                        if (!options[key]) {
                            options[key] = true;
                            reply(T.WILL);
                        }
                    }
                    else
                        reply(T.WONT);
                }
                else if (cmd === T.WONT || cmd === T.DONT) {
                    const key = opt === T.COM_PORT
                        ? "comPort"
                        : opt === T.BINARY
                            ? cmd === T.WONT
                                ? "binaryIn"
                                : "binaryOut"
                            : opt === T.SGA
                                ? cmd === T.WONT
                                    ? "sgaIn"
                                    : "sgaOut"
                                : undefined;
                    if (key && options[key]) {
                        options[key] = false;
                        reply(cmd === T.WONT ? T.DONT : T.WONT);
                    }
                }
            },
            subnegotiation: (sb) => {
                if (sb[0] !== T.COM_PORT || sb.length < 2)
                    return;
                const cmd = sb[1];
                const arg = sb.subarray(2);
                const answer = cmd + Cpo.SERVER_OFFSET;
                switch (cmd) {
                    case Cpo.SIGNATURE:
                        if (arg.length === 0)
                            cpo(answer, Buffer.from(this.options.signature ?? "hil-sim RFC 2217", "utf8"));
                        return;
                    case Cpo.SET_BAUDRATE: {
                        if (arg.length !== 4)
                            return;
                        const v = arg.readUInt32BE(0);
                        if (v !== 0 && v <= (this.options.maxBaud ?? Infinity))
                            hostBaud = v;
                        const out = Buffer.alloc(4);
                        out.writeUInt32BE(hostBaud, 0);
                        cpo(answer, out);
                        return;
                    }
                    case Cpo.SET_DATASIZE:
                        return cpo(answer, [8]);
                    case Cpo.SET_PARITY:
                        return cpo(answer, [1]);
                    case Cpo.SET_STOPSIZE:
                        return cpo(answer, [1]);
                    case Cpo.SET_CONTROL: {
                        const v = arg[0] ?? 0;
                        switch (v) {
                            case Ctl.DTR_ON:
                            case Ctl.DTR_OFF:
                                lines = { ...lines, dtr: v === Ctl.DTR_ON };
                                board.setLines(lines);
                                return cpo(answer, [v]);
                            case Ctl.RTS_ON:
                            case Ctl.RTS_OFF:
                                lines = { ...lines, rts: v === Ctl.RTS_ON };
                                board.setLines(lines);
                                return cpo(answer, [v]);
                            case Ctl.DTR_REQUEST:
                                return cpo(answer, [lines.dtr ? Ctl.DTR_ON : Ctl.DTR_OFF]);
                            case Ctl.RTS_REQUEST:
                                return cpo(answer, [lines.rts ? Ctl.RTS_ON : Ctl.RTS_OFF]);
                            case Ctl.FLOW_REQUEST:
                                return cpo(answer, [Ctl.FLOW_NONE]);
                            case Ctl.BREAK_REQUEST:
                                return cpo(answer, [Ctl.BREAK_OFF]);
                            default:
                                return cpo(answer, [v]);
                        }
                    }
                    case Cpo.FLOWCONTROL_SUSPEND:
                        suspended = true;
                        return;
                    case Cpo.FLOWCONTROL_RESUME:
                        suspended = false;
                        for (const b of held.splice(0))
                            send(iacEscape(b));
                        return;
                    case Cpo.SET_LINESTATE_MASK:
                    case Cpo.SET_MODEMSTATE_MASK:
                    case Cpo.PURGE_DATA:
                        return cpo(answer, [arg[0] ?? 0]);
                    default:
                        return;
                }
            },
        });
        sock.on("data", (chunk) => decoder.push(chunk));
        const gone = () => {
            if (this.client !== sock)
                return;
            this.client = undefined;
            detach();
            // The port closes: DTR and RTS drop together (no reset through the circuit).
            board.setLines({ dtr: false, rts: false });
        };
        sock.on("close", gone);
        sock.on("error", () => sock.destroy());
    }
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/lab.ts









/** Environment variable the simulator's Home Assistant token is read from and named in inventories. */
const SIM_TOKEN_ENV = "HIL_SIM_HA_TOKEN";
const DEFAULT_SIM_DIR = "/tmp/hil-sim";
function slotIds(slots) {
    if (Array.isArray(slots))
        return slots;
    if (!Number.isInteger(slots) || slots < 1 || slots > 64)
        throw new src/* ConfigurationError */.j1(`--slots must be a whole number from 1 to 64, got ${slots}.`);
    return Array.from({ length: slots }, (_, i) => `hut-${String(i + 1).padStart(2, "0")}`);
}
/**
 * Several simulated boards in one process with their doors: a pty and an RFC 2217
 * server each, and one Home Assistant with a relay entity per board. Everything listens
 * on 127.0.0.1 only.
 */
class SimLab {
    options;
    boards = new Map();
    ptys = new Map();
    rfc2217 = new Map();
    relay;
    token;
    dir;
    constructor(options) {
        this.options = options;
        this.dir = (0,external_node_path_.resolve)(options.dir ?? DEFAULT_SIM_DIR);
        this.token = options.token ?? process.env[SIM_TOKEN_ENV] ?? (0,external_node_crypto_.randomBytes)(24).toString("hex");
        this.relay = new HomeAssistantRelay({ token: this.token });
    }
    static async start(options) {
        const lab = new SimLab(options);
        try {
            await lab.init();
        }
        catch (e) {
            await lab.close();
            throw e;
        }
        return lab;
    }
    async init() {
        const o = this.options;
        (0,external_node_fs_.mkdirSync)(this.dir, { recursive: true });
        if (o.persist)
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(this.dir, "flash"), { recursive: true });
        for (const id of slotIds(o.slots)) {
            const board = new SimBoard({
                id,
                ...(o.flashSize ? { flashSize: o.flashSize } : {}),
                ...(o.persist ? { flashFile: (0,external_node_path_.join)(this.dir, "flash", `${id}.bin`) } : {}),
                ...(o.startInDownloadMode ? { startInDownloadMode: true } : {}),
                ...(o.enDelayMs !== undefined ? { enDelayMs: o.enDelayMs } : {}),
                ...(o.trace ? { trace: o.trace } : {}),
            });
            this.boards.set(id, board);
            this.relay.addBoard(id, board, entityFor(id));
        }
        await this.relay.start();
        for (const [id, board] of this.boards) {
            if (o.rfc2217 !== false)
                this.rfc2217.set(id, await new Rfc2217Server(board).start());
            if (o.pty !== false)
                this.ptys.set(id, await new PtyBridge(board, (0,external_node_path_.join)(this.dir, id), o.trace ? { trace: o.trace } : {}).start());
        }
    }
    board(id) {
        const b = this.boards.get(id);
        if (!b)
            throw new src/* ConfigurationError */.j1(`No simulated slot "${id}"; the lab has ${[...this.boards.keys()].join(", ")}.`);
        return b;
    }
    endpoints() {
        return [...this.boards.values()].map((b) => {
            const pty = this.ptys.get(b.id);
            const rfc = this.rfc2217.get(b.id);
            return {
                slot: b.id,
                label: `esp32-${b.id}`,
                mac: b.mac,
                ...(pty ? { pty: pty.path } : {}),
                ...(rfc ? { rfc2217: rfc.url } : {}),
                ha_url: this.relay.url,
                entity: entityFor(b.id),
                token: this.token,
                token_env: SIM_TOKEN_ENV,
                admin: `${this.relay.url}/sim/${b.id}`,
            };
        });
    }
    /** A slot inventory (validated against the contract) that points at these boards. */
    inventory(o) {
        const door = o.port ?? "rfc2217";
        const base = (0,external_node_path_.resolve)(o.baseDir);
        const doc = {
            version: 1,
            lock_dir: (0,external_node_path_.join)(base, "lock"),
            cache_dir: (0,external_node_path_.join)(base, "cache"),
            state_dir: (0,external_node_path_.join)(base, "state"),
            slots: this.endpoints().map((e) => {
                const port = door === "pty" ? e.pty : e.rfc2217;
                if (!port)
                    throw new src/* ConfigurationError */.j1(`The simulator was started without ${door} doors; cannot list them in an inventory.`);
                return {
                    id: e.slot,
                    label: e.label,
                    chip: "esp32",
                    port,
                    baud: o.baud ?? 921600,
                    console_baud: o.consoleBaud ?? 115200,
                    // A pty has no DTR/RTS: such a slot is reset through its power.
                    reset: door === "pty" ? "none" : "classic",
                    mac: e.mac,
                    power: {
                        url: e.ha_url,
                        token_env: SIM_TOKEN_ENV,
                        entity: e.entity,
                        off_sec: 0.5,
                        settle_sec: 0.5,
                        timeout_sec: 5,
                        cooldown_sec: 0,
                    },
                };
            }),
        };
        (0,src/* parseWith */.Ku)(src/* inventory */.pf, doc, "simulator inventory");
        return doc;
    }
    /** Write `inventory()` as YAML and create its lock/cache/state dirs. */
    writeInventory(file, o) {
        const doc = this.inventory(o);
        for (const d of [doc.lock_dir, doc.cache_dir, doc.state_dir])
            if (d)
                (0,external_node_fs_.mkdirSync)(d, { recursive: true });
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)((0,external_node_path_.resolve)(file)), { recursive: true });
        (0,external_node_fs_.writeFileSync)(file, `# Written by hil sim: simulated boards on 127.0.0.1. Export ${SIM_TOKEN_ENV} with the token it printed.\n${(0,dist/* stringify */.As)(doc)}`);
        return doc;
    }
    async close() {
        await Promise.all([...this.ptys.values()].map((p) => p.close()));
        await Promise.all([...this.rfc2217.values()].map((s) => s.close()));
        await this.relay.stop().catch(() => undefined);
        for (const b of this.boards.values())
            b.close();
    }
}
/** `hut-01` → `switch.hut_01_power`. */
function entityFor(slot) {
    return `switch.${slot.replace(/[^a-z0-9]/g, "_")}_power`;
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/firmware.ts







const APP_OFFSET = 0x10000;
/** Default size of a generated app image (the smallest with a realistic segment layout is ~66 KiB). */
const DEFAULT_APP_SIZE = 96 * 1024;
const MIN_APP_SIZE = 0x10020 + 64;
/** mulberry32: a small seeded PRNG, enough for deterministic filler. */
function prng(seed) {
    let a = (0,external_node_crypto_.createHash)("sha256").update(seed).digest().readUInt32LE(0);
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/**
 * Deterministic bytes that compress like firmware (~55-60 % of original with zlib at
 * level 9): code is drawn from a library of ~1150 short snippets that fits in deflate's
 * 32 KiB window, with ~5 % of bytes changed (immediates, addresses).
 */
function firmwareFiller(size, seed) {
    const r = prng(seed);
    const lib = [];
    for (let i = 0; i < 1150; i++) {
        const len = 6 + Math.floor(r() * 40);
        const b = Buffer.allocUnsafe(len);
        for (let j = 0; j < len; j++)
            b[j] = Math.floor(r() * 256);
        lib.push(b);
    }
    const out = Buffer.allocUnsafe(size);
    let o = 0;
    while (o < size) {
        const s = lib[Math.floor(Math.pow(r(), 1.5) * lib.length)];
        for (let i = 0; i < s.length && o < size; i++)
            out[o++] = r() < 0.05 ? Math.floor(r() * 256) : s[i];
    }
    return out;
}
const round16 = (n) => Math.ceil(n / 16) * 16;
/**
 * An ESP32 app image shaped like an ESP-IDF build: esp_app_desc_t at the start of the
 * DROM segment (followed by the console script section), DRAM and IRAM segments, the
 * IROM segment 64 KiB-aligned so flash offset and address agree, checksum and SHA-256.
 */
function buildAppImage(o = {}) {
    const size = round16(o.appSize ?? DEFAULT_APP_SIZE);
    if (size < MIN_APP_SIZE)
        throw new src/* ConfigurationError */.j1(`App size ${size} is too small; the smallest is ${MIN_APP_SIZE} bytes.`);
    if (o.script !== undefined && o.validateScript !== false)
        parseScript(o.script); // refuse a broken script at build time
    const projectName = o.projectName ?? "hil_test_app";
    const version = o.version ?? "1.0.0";
    const seed = o.seed ?? `${projectName}@${version}`;
    const when = o.buildTime ?? new Date("2026-01-01T00:00:00Z");
    const months = [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ];
    const desc = buildAppDescription({
        version,
        projectName,
        time: when.toISOString().slice(11, 19),
        date: `${months[when.getUTCMonth()]} ${String(when.getUTCDate()).padStart(2, " ")} ${when.getUTCFullYear()}`,
        idfVersion: IDF_VERSION,
        elfSha256: (0,external_node_crypto_.createHash)("sha256")
            .update(`${seed}\n${o.script ?? ""}`)
            .digest(),
    });
    const script = o.script !== undefined ? buildScriptSection(o.script) : Buffer.alloc(0);
    const fill = firmwareFiller(size, seed);
    let used = 0;
    const take = (n) => {
        const b = fill.subarray(used, used + n);
        used += n;
        return b.length === n ? b : Buffer.concat([b, Buffer.alloc(n - b.length)]);
    };
    const rodata = Math.max(0x400, Math.floor(size * 0.12) & ~3);
    const seg0 = Buffer.concat([desc, script, take(rodata)]);
    const seg1 = take(0x1000);
    // seg2 (IRAM) pads so seg3's data lands where flash offset ≡ vaddr (mod 64 KiB).
    const afterSeg1 = 24 + 8 + seg0.length + 8 + seg1.length;
    let l2 = (0x20 - (afterSeg1 + 16)) & 0xffff;
    if (l2 < 0x400)
        l2 += 0x10000;
    const seg3Start = afterSeg1 + 16 + l2;
    const l3 = size - 48 - seg3Start;
    if (l3 < 4)
        throw new src/* ConfigurationError */.j1(`App size ${size} leaves no room for code after a ${script.length}-byte script; give a larger appSize.`);
    const image = buildImage({
        flashMode: o.flashMode ?? "dio",
        flashFreq: o.flashFreq ?? "40m",
        flashSize: o.flashSize ?? "4MB",
        entry: 0x40081000 + 0x1c,
        segments: [
            { addr: 0x3f400020, data: seg0 },
            { addr: 0x3ffb0000, data: seg1 },
            { addr: 0x40080000, data: take(l2) },
            { addr: 0x400d0020, data: take(l3) },
        ],
    });
    if (image.length !== size)
        throw new Error(`internal: app image is ${image.length}, wanted ${size}`);
    return image;
}
/** A 2nd-stage bootloader image with the segment layout of an ESP-IDF v5 ESP32 build. */
function buildBootloaderImage(o = {}) {
    const fill = firmwareFiller(6276 + 15748 + 3860, "bootloader");
    return buildImage({
        flashMode: o.flashMode ?? "dio",
        flashFreq: o.flashFreq ?? "40m",
        flashSize: o.flashSize ?? "4MB",
        entry: 0x4008063c,
        segments: [
            { addr: 0x3fff0030, data: fill.subarray(0, 6276) },
            { addr: 0x40078000, data: fill.subarray(6276, 6276 + 15748) },
            { addr: 0x40080400, data: fill.subarray(6276 + 15748) },
        ],
    });
}
/** ESP-IDF's "Single factory app, no OTA" table, the factory partition grown to fit the app. */
function defaultPartitions(appSize) {
    const factory = Math.max(0x100000, Math.ceil(appSize / 0x10000) * 0x10000);
    return [
        {
            label: "nvs",
            type: PartitionType.DATA,
            subtype: DataSubtype.NVS,
            offset: 0x9000,
            size: 0x6000,
        },
        {
            label: "phy_init",
            type: PartitionType.DATA,
            subtype: DataSubtype.PHY,
            offset: 0xf000,
            size: 0x1000,
        },
        {
            label: "factory",
            type: PartitionType.APP,
            subtype: AppSubtype.FACTORY,
            offset: APP_OFFSET,
            size: factory,
        },
    ];
}
const sizeBytes = (s) => Number(s.replace("MB", "")) * 1024 * 1024;
/**
 * Write an ESP-IDF-shaped build directory for the simulator: flasher_args.json,
 * flash_args, project_description.json, bootloader/bootloader.bin,
 * partition_table/partition-table.bin and `<project>.bin` carrying the console script.
 */
function firmware_buildTestFirmware(o) {
    const projectName = o.projectName ?? "hil_test_app";
    const flash = {
        mode: o.flashMode ?? "dio",
        freq: o.flashFreq ?? "40m",
        size: o.flashSize ?? "4MB",
    };
    const app = buildAppImage({
        ...o,
        projectName,
        flashMode: flash.mode,
        flashFreq: flash.freq,
        flashSize: flash.size,
    });
    const parts = defaultPartitions(app.length);
    const factory = parts.find((p) => p.type === PartitionType.APP);
    if (factory.offset + factory.size > sizeBytes(flash.size))
        throw new src/* ConfigurationError */.j1(`An app of ${app.length} bytes does not fit a ${flash.size} flash.`);
    const table = buildPartitionTable(parts);
    const bootloader = buildBootloaderImage({
        flashMode: flash.mode,
        flashFreq: flash.freq,
        flashSize: flash.size,
    });
    const dir = o.dir;
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(dir, "bootloader"), { recursive: true });
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(dir, "partition_table"), { recursive: true });
    const img = (name, offset, file, data) => {
        const path = (0,external_node_path_.join)(dir, file);
        (0,external_node_fs_.writeFileSync)(path, data);
        return {
            name,
            offset,
            file,
            path,
            size: data.length,
            sha256: (0,external_node_crypto_.createHash)("sha256").update(data).digest("hex"),
            data,
        };
    };
    const images = [
        img("bootloader", BOOTLOADER_OFFSET, "bootloader/bootloader.bin", bootloader),
        img("partition-table", PARTITION_TABLE_OFFSET, "partition_table/partition-table.bin", table),
        img("app", APP_OFFSET, `${projectName}.bin`, app),
    ];
    const hex = (n) => `0x${n.toString(16)}`;
    const entry = (i) => ({ offset: hex(i.offset), file: i.file, encrypted: "false" });
    const [bl, pt, ap] = images;
    const flasherArgs = {
        write_flash_args: [
            "--flash_mode",
            flash.mode,
            "--flash_size",
            flash.size,
            "--flash_freq",
            flash.freq,
        ],
        flash_settings: { flash_mode: flash.mode, flash_size: flash.size, flash_freq: flash.freq },
        flash_files: {
            [hex(bl.offset)]: bl.file,
            [hex(ap.offset)]: ap.file,
            [hex(pt.offset)]: pt.file,
        },
        bootloader: entry(bl),
        app: entry(ap),
        "partition-table": entry(pt),
        extra_esptool_args: { after: "hard_reset", before: "default_reset", stub: true, chip: "esp32" },
    };
    const flasherArgsPath = (0,external_node_path_.join)(dir, "flasher_args.json");
    (0,external_node_fs_.writeFileSync)(flasherArgsPath, `${JSON.stringify(flasherArgs, null, 4)}\n`);
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, "flash_args"), `--flash_mode ${flash.mode} --flash_freq ${flash.freq} --flash_size ${flash.size}\n` +
        [bl, pt, ap].map((i) => `${hex(i.offset)} ${i.file}`).join("\n") +
        "\n");
    const projectDescription = {
        project_name: projectName,
        project_version: o.version ?? "1.0.0",
        project_path: `/project/${projectName}`,
        idf_path: "/opt/esp/idf",
        build_dir: dir,
        config_file: `/project/${projectName}/sdkconfig`,
        config_defaults: "",
        bootloader_elf: (0,external_node_path_.join)(dir, "bootloader", "bootloader.elf"),
        app_elf: `${projectName}.elf`,
        app_bin: ap.file,
        build_type: "flash_app",
        git_revision: IDF_VERSION,
        target: "esp32",
        rev: "0",
        min_rev: "0",
        max_rev: "399",
        phy_data_partition: "",
        monitor_baud: "115200",
        monitor_toolprefix: "xtensa-esp32-elf-",
        c_compiler: "/opt/esp/tools/xtensa-esp-elf/bin/xtensa-esp32-elf-gcc",
        config_environment: { COMPONENT_KCONFIGS: "", COMPONENT_KCONFIGS_PROJBUILD: "" },
        common_component_reqs: [
            "cxx",
            "newlib",
            "freertos",
            "esp_hw_support",
            "heap",
            "log",
            "soc",
            "hal",
            "esp_rom",
            "esp_common",
            "esp_system",
        ],
        build_components: ["bootloader", "esptool_py", "main", "partition_table", "unity"],
        build_component_paths: [],
        debug_prefix_map_gdbinit: "",
    };
    const projectDescriptionPath = (0,external_node_path_.join)(dir, "project_description.json");
    (0,external_node_fs_.writeFileSync)(projectDescriptionPath, `${JSON.stringify(projectDescription, null, 4)}\n`);
    return {
        dir,
        flasherArgs: flasherArgsPath,
        projectDescription: projectDescriptionPath,
        images,
        app: ap,
        flash,
    };
}
/** Put firmware straight into a board's flash (no serial traffic), as a factory programmer would. */
function installFirmware(flash, images) {
    for (const i of images) {
        flash.erase(i.offset, i.data.length);
        flash.write(i.offset, i.data);
    }
    flash.sync();
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/scripts.ts
/**
 * Ready-made console scripts for the common cases, so tests need not spell them out.
 * Each returns script text for `buildTestFirmware({ script })`.
 */
/** Quote a value for a script statement argument. */
function quote(s) {
    return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$/g, "\\$")}"`;
}
/** Escape text for a `print` statement. */
function printable(s) {
    return s.replace(/\\/g, "\\\\").replace(/\$/g, "\\$");
}
function testLines(t) {
    const loc = t.file || t.line ? ` at ${t.file ?? "main/test_app_main.c"}:${t.line ?? 42}` : "";
    const msg = t.message !== undefined ? ` ${quote(t.message)}` : "";
    return [
        `print Running ${printable(t.name)}...`,
        `sleep ${t.durationMs ?? 5}ms`,
        `test ${t.result} ${quote(t.name)}${msg}${loc}`,
        `print Test ran in ${t.durationMs ?? 5}ms`,
    ];
}
/** A Unity run that starts at boot (UNITY_BEGIN..UNITY_END in app_main) and then returns. */
function unityRunScript(tests, o = {}) {
    return [
        "# Unity run at boot",
        "unity_reset",
        ...tests.flatMap(testLines),
        "unity_summary",
        o.after ?? "end",
        "",
    ].join("\n");
}
/**
 * The ESP-IDF unit-test app: "Press ENTER to see the list of tests.", the numbered
 * menu on an empty line, `*` runs everything, a number runs that test, anything else
 * runs nothing; after a run it waits for the next selection.
 */
function unityMenuScript(tests) {
    const menu = tests.map((t, i) => `print (${i + 1})\\t"${printable(t.name)}" [${t.tag ?? "test"}]`);
    const lines = [
        "# ESP-IDF unity test menu",
        "print",
        "print Press ENTER to see the list of tests.",
        "menu:",
        "input",
        'if input == "" goto list',
        'if input == "*" goto all',
        ...tests.map((_, i) => `if input == "${i + 1}" goto t${i + 1}`),
        "unity_reset",
        "goto done",
        "list:",
        "print",
        "print Here's the test menu, pick your combo:",
        ...menu,
        "print",
        "print Enter test for running.",
        "goto menu",
        "all:",
        "unity_reset",
        ...tests.flatMap(testLines),
        "goto done",
        ...tests.flatMap((t, i) => [`t${i + 1}:`, "unity_reset", ...testLines(t), "goto done"]),
        "done:",
        "unity_summary",
        "print Enter next test, or 'enter' to see menu",
        "goto menu",
        "",
    ];
    return lines.join("\n");
}
/** Boot, print a banner, then crash the same way on every boot: a boot loop. */
function bootLoopScript(crash = "panic") {
    return [
        "log I app: starting",
        "sleep 20ms",
        crash === "panic" ? "panic LoadProhibited" : crash,
        "",
    ].join("\n");
}

;// CONCATENATED MODULE: ./packages/hut-sim/src/index.ts
// @hil/hut-sim: an ESP32 that exists in software (DESIGN.md section 6, docs/simulator.md).













;// CONCATENATED MODULE: ./packages/lab/src/sample.ts

/**
 * The sample firmware the demo builds and flashes: an ESP-IDF build directory (as `idf.py build`
 * leaves it) of a thermostat app whose image carries a Unity test run for the simulated board.
 * `examples/esp-idf-build/` is this, committed (scripts/gen-sample-build.ts; a test keeps the
 * two equal).
 */
const SAMPLE_TESTS = [
    "reads the temperature sensor",
    "reads the humidity sensor",
    "converts celsius to fahrenheit",
    "rounds the display value",
    "holds the setpoint",
    "switches the heater on below the band",
    "switches the heater off above the band",
    "keeps the heater off with the window open",
    "stores the schedule in NVS",
    "restores the schedule after a reboot",
    "parses an MQTT setpoint message",
    "rejects an out-of-range setpoint",
].map((name, i) => ({
    name,
    result: "pass",
    file: i < 4 ? "main/test_sensor.c" : i < 8 ? "main/test_control.c" : "main/test_storage.c",
    line: 20 + 14 * (i % 4),
    durationMs: 40 + 15 * (i % 5),
}));
const SAMPLE_SCRIPT = [
    "log I thermostat: starting self-test build",
    "log I wifi: connected, ip=10.0.0.42",
    unityRunScript(SAMPLE_TESTS),
].join("\n");
/** Write the sample build directory into `dir`; byte-identical every time. */
function writeSampleBuild(dir) {
    return buildTestFirmware({
        dir,
        script: SAMPLE_SCRIPT,
        projectName: "thermostat",
        version: "1.4.0",
        appSize: 256 * 1024,
        seed: "hil-actions sample thermostat",
        buildTime: new Date("2026-11-01T09:00:00Z"),
    });
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./packages/lab/src/root.ts



/**
 * The hil-actions checkout this code runs from (where actions/ and runner-hooks/ are): walked up
 * from this file, which is packages/lab/src in a checkout and packages/cli/dist in the bundle.
 */
function repoRoot(from = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url))) {
    for (let dir = from;; dir = (0,external_node_path_.dirname)(dir)) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, "actions", "hil-flash", "action.yml")) &&
            (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, "runner-hooks")))
            return dir;
        if ((0,external_node_path_.dirname)(dir) === dir) {
            throw new Error(`Not inside a hil-actions checkout (looked upwards from ${from}); run the demo from one.`);
        }
    }
}
/**
 * The Node that runs the actions (`runs.using: node24` on GitHub): the Node 24 that
 * scripts/ensure-node24.mjs installs under .tools/node24 when it is there, else this one.
 */
function actionsNode(root = repoRoot()) {
    const n24 = (0,external_node_path_.join)(root, ".tools", "node24", "node_modules", `node-${process.platform}-${process.arch}`, "bin", "node");
    return (0,external_node_fs_.existsSync)(n24) ? n24 : process.execPath;
}

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

;// CONCATENATED MODULE: ./packages/inventory/src/doctor.ts




function user(env) {
    try {
        return (0,external_node_os_.userInfo)().username;
    }
    catch {
        return env.USER || `uid ${process.getuid?.()}`;
    }
}
function groupName(gid) {
    try {
        for (const line of (0,external_node_fs_.readFileSync)("/etc/group", "utf8").split("\n")) {
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
        const names = (0,external_node_fs_.readdirSync)(dir);
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
        st = (0,external_node_fs_.statSync)(slot.port);
    }
    catch (e) {
        return [
            {
                ...base,
                status: "fail",
                message: `${slot.port} is missing (${code(e)})`,
                hint: `${listDir((0,external_node_path_.dirname)(slot.port))}. Plug the board in, or point slots[].port of ${slot.id} at one of those.`,
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
        (0,external_node_fs_.accessSync)(slot.port, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
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
        const socket = (0,external_node_net_.connect)({ host, port });
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
                key = (0,external_node_fs_.realpathSync)(s.port);
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
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        const probe = (0,external_node_path_.join)(dir, `.doctor-${process.pid}`);
        (0,external_node_fs_.mkdirSync)(probe);
        (0,external_node_fs_.rmdirSync)(probe);
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




;// CONCATENATED MODULE: ./packages/lab/src/hil-lab.ts








const hil_lab_LAB_REPO = "acme/thermostat-fw";
/**
 * A whole lab on one machine, for the demo, the bench and the end-to-end tests: simulated boards
 * (RFC 2217 on 127.0.0.1, relays behind a local Home Assistant), a local GitHub (artifacts,
 * commit statuses), a slot inventory and host dirs in a temp dir, and GitHub runners that run the
 * bundled actions and the real hook scripts. Nothing in the product knows it is simulated.
 */
class HilLab {
    work;
    sim;
    gh;
    o;
    inventoryFile;
    inventory;
    root;
    node;
    constructor(work, sim, gh, o) {
        this.work = work;
        this.sim = sim;
        this.gh = gh;
        this.o = o;
        this.root = o.root ?? repoRoot();
        this.node = o.node ?? actionsNode(this.root);
        this.inventoryFile = (0,external_node_path_.join)(work, "slots.yaml");
        sim.writeInventory(this.inventoryFile, { baseDir: (0,external_node_path_.join)(work, "host") });
        this.inventory = loadInventory(this.inventoryFile, {}).inventory;
    }
    static async start(o = {}) {
        const work = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "hil-lab-"));
        const sim = await SimLab.start({ slots: o.slots ?? 2, dir: (0,external_node_path_.join)(work, "sim"), pty: false });
        const gh = await new FakeGitHub().start().catch(async (e) => {
            await sim.close();
            throw e;
        });
        return new HilLab(work, sim, gh, o);
    }
    async close() {
        await this.gh.stop();
        await this.sim.close();
        (0,external_node_fs_.rmSync)(this.work, { recursive: true, force: true });
    }
    /** A job of LAB_REPO at `sha` in workflow run `runId`, pushed to main unless `over` says. */
    job(name, sha, runId, over = {}) {
        return {
            repository: hil_lab_LAB_REPO,
            sha,
            runId,
            job: name,
            eventName: "push",
            event: {
                ref: "refs/heads/main",
                after: sha,
                repository: { id: 1, full_name: hil_lab_LAB_REPO, fork: false },
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
    async build(sha, runId, o = {}) {
        const { runtimeToken } = this.gh.run(runId, sha);
        const checkout = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(this.work, "checkout-"));
        const buildDir = (0,external_node_path_.join)(checkout, "build");
        (0,external_node_fs_.mkdirSync)(buildDir);
        if (o.writeBuild)
            o.writeBuild(buildDir);
        else
            (0,external_node_fs_.cpSync)((0,external_node_path_.join)(this.root, "examples", "esp-idf-build"), buildDir, { recursive: true });
        const cloud = new GitHubRunner({
            root: this.root,
            name: "GitHub Actions 2",
            node: this.node,
            workDir: (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(this.work, "cloud-")),
            env: { ACTIONS_RESULTS_URL: `${this.gh.apiUrl}/`, ACTIONS_RUNTIME_TOKEN: runtimeToken },
            ...(this.o.onLine ? { onLine: (s, l) => this.o.onLine(`build ${s}`, l) } : {}),
        });
        return cloud.runJob({ ...this.job("build", sha, runId), checkout }, [
            { name: "build", uses: "build", with: { "build-dir": "build", ...o.with } },
        ]);
    }
    /**
     * The self-hosted runner of a slot (named esp32-<slot>), with the job-started and
     * job-completed hooks installed and the lab's tokens in its `.env`.
     */
    runner(slot, env = {}) {
        const hooks = (0,external_node_path_.join)(this.root, "runner-hooks");
        return new GitHubRunner({
            root: this.root,
            name: `esp32-${slot}`,
            node: this.node,
            workDir: (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(this.work, `${slot}-`)),
            env: {
                ACTIONS_RUNNER_HOOK_JOB_STARTED: (0,external_node_path_.join)(hooks, "github-job-started.sh"),
                ACTIONS_RUNNER_HOOK_JOB_COMPLETED: (0,external_node_path_.join)(hooks, "github-job-completed.sh"),
                HIL_SLOTS: this.inventoryFile,
                HIL_SLOT: slot,
                HIL_NODE: this.node,
                HIL_GITHUB_TOKEN: this.gh.labToken,
                HIL_SIM_HA_TOKEN: this.sim.token,
                HIL_JOB_TIMEOUT_SEC: "600",
                HIL_LEASE_WAIT_SEC: "60",
                ...env,
            },
            ...(this.o.onLine ? { onLine: (s, l) => this.o.onLine(`${slot} ${s}`, l) } : {}),
        });
    }
}

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
const holderFileName = (token) => `${HOLDER_PREFIX}${token}.json`;
const isHolderFile = (name) => name.startsWith(HOLDER_PREFIX) && name.endsWith(".json");
/** `<lock_dir>/<slot>.lock`: the lease dir proper-lockfile manages. */
function leasePath(site, slot) {
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
class LeaseBusyError extends src/* InfrastructureError */.EN {
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
        this.file = (0,external_node_path_.join)(leasePath, holderFileName(token));
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
                (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(this.tmp, holderFileName(this.token)), this.recordText, { flag: "wx" });
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
const LEASE_ENV = {
    token: "HIL_LEASE_TOKEN",
    slot: "HIL_SLOT",
    jobId: "HIL_JOB_ID",
    jobDir: "HIL_JOB_DIR",
    inventory: "HIL_SLOTS",
};
/** The LEASE_ENV variables that let a child process act under the lease `record` describes. */
function leaseEnv(record) {
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
        return leaseEnv(this.record);
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
    const path = leasePath(site, slot);
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
async function acquireLease(site, slot, options) {
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
            if (isCode(e, "ENOENT", "ENOTDIR") && !lockDirChecked) {
                lockDirChecked = true;
                ensureLockDir(site);
                continue;
            }
            if (!isCode(e, "ELOCKED", "EEXIST"))
                throw fsProblem(site, slot, e);
        }
        const status = leaseStatus(site, slot);
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
function leaseStatus(site, slot) {
    const path = leasePath(site, slot);
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
    const path = leasePath(site, slot);
    try {
        (0,external_node_fs_.unlinkSync)((0,external_node_path_.join)(path, holderFileName(token)));
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
function keeper_tail(file, lines = 15) {
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
            reject(new src/* InfrastructureError */.EN(`The lease keeper for ${opts.slot} did not report within ${params.waitSec + 60} s.`, { hint: `Its log, ${logFile}:\n${keeper_tail(logFile)}` }));
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
            reject(new src/* InfrastructureError */.EN(`The lease keeper for ${opts.slot} exited (${signal ?? `code ${code}`}) before it reported.`, { hint: `Its log, ${logFile}:\n${keeper_tail(logFile)}` }));
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
        throw new src/* HilError */.ee(result.error.message, result.error.hint ? { hint: result.error.hint } : undefined);
    }
    (0,journal_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(opts.jobDir, journal_src/* JOB_FILES */.e0.lease), result.record);
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
        throw new src/* HilError */.ee(`No lease token to release ${slot} with.`, {
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
        status ??= leaseStatus(opts.inventory, opts.slot);
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
    throw new src/* ConfigurationError */.j1(`This step is not part of a hardware job: HIL_JOB_DIR is not set` +
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
    const file = (0,external_node_path_.join)(leasePath(site, slot), holderFileName(holder.token));
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
    const tmp = opts.lockDir ? undefined : (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "hil-bench-lease-"));
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
            (0,external_node_fs_.rmSync)(tmp, { recursive: true, force: true });
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












;// CONCATENATED MODULE: ./packages/lab/src/demo.ts






/**
 * `hil demo`: the whole loop on one machine, through the code the actions use. An upstream job
 * packs the sample ESP-IDF build (examples/esp-idf-build) with the bundled `build` action and
 * uploads fw-<sha> to a local GitHub; two self-hosted runners (esp32-hut-01, esp32-hut-02) with
 * the runner hooks run the hardware job on two simulated boards: job-started hook (fork gate,
 * lease, ws2.invocation, pending status, bundle fetch) → hil-flash → hil-test → report-status →
 * job-completed hook (ws2.report, final status, lease released). The second board wedges just
 * before its test, so hil-test finds it silent and power-cycles it through the Home Assistant
 * relay. Reports, JUnit and console logs are copied into `out`.
 */
const DEMO_SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
const DEMO_REPO = (/* unused pure expression or super */ null && (LAB_REPO));
const RUN_ID = 8121934471;
const SLOTS = ["hut-01", "hut-02"];
function stepOutputs(job, uses) {
    return job.steps.find((s) => s.name === uses)?.outputs ?? {};
}
/** Run the demo; resolves with what happened, never throws for a broken loop (see `problems`). */
async function runDemo(o = {}) {
    const started = Date.now();
    const root = o.root ?? repoRoot();
    const out = (0,external_node_path_.resolve)(o.out ?? "hil-out/demo");
    const node = o.node ?? actionsNode(root);
    (0,external_node_fs_.rmSync)(out, { recursive: true, force: true });
    (0,external_node_fs_.mkdirSync)(out, { recursive: true });
    const problems = [];
    const lab = await HilLab.start({
        slots: SLOTS.length,
        root,
        node,
        ...(o.onLine ? { onLine: o.onLine } : {}),
    });
    const gh = lab.gh;
    try {
        const inventory = lab.inventory;
        // Upstream lane: a GitHub-hosted runner packs the build and uploads fw-<sha>.
        const build = await lab.build(DEMO_SHA, RUN_ID);
        const artifact = gh.artifacts.artifacts.find((a) => a.name === `fw-${DEMO_SHA}`);
        if (build.conclusion !== "success" || !artifact) {
            problems.push(`the upstream build job ended ${build.conclusion} without fw-${DEMO_SHA}`);
            return { ok: false, problems, out, build, slots: [], seconds: (Date.now() - started) / 1000 };
        }
        // Hardware lane: one self-hosted runner per slot, with the hooks, in parallel.
        const hardwareJob = async (slot) => {
            const t0 = Date.now();
            const runner = lab.runner(slot);
            const steps = [
                { name: "hil-flash", uses: "hil-flash" },
                {
                    name: "hil-test",
                    uses: "hil-test",
                    with: { timeout: "120", "inactivity-timeout": "4" },
                    // The second board wedges after flashing: it will not say a word until its power is cut.
                    ...(slot === "hut-02"
                        ? { before: () => lab.sim.board(slot).setFaults({ wedged: true }) }
                        : {}),
                },
                { name: "report-status", uses: "report-status", if: "always" },
            ];
            const result = await runner.runJob(lab.job("hil", DEMO_SHA, RUN_ID), steps);
            const jobId = `gh-${RUN_ID}-1-hil@esp32-${slot}`;
            const files = (0,external_node_path_.join)(out, slot);
            (0,external_node_fs_.mkdirSync)(files, { recursive: true });
            const hilOut = (0,external_node_path_.join)(result.workspace, "hil-out", slot);
            if ((0,external_node_fs_.existsSync)(hilOut))
                (0,external_node_fs_.cpSync)(hilOut, files, { recursive: true });
            const jobDir = (0,journal_src/* jobDirFor */.A0)(inventory, jobId);
            for (const [from, to] of [
                ["invocation.json", "ws2-invocation.json"],
                ["journal.jsonl", "journal.jsonl"],
            ]) {
                if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(jobDir, from)))
                    (0,external_node_fs_.cpSync)((0,external_node_path_.join)(jobDir, from), (0,external_node_path_.join)(files, to));
            }
            (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(files, "job-summary.md"), result.steps
                .map((s) => s.summary)
                .filter(Boolean)
                .join("\n"));
            let report;
            const reportFile = (0,external_node_path_.join)(files, "ws2-report.json");
            try {
                report = (0,src/* parseWith */.Ku)(src/* report */.z8, JSON.parse(readText(reportFile)), reportFile);
            }
            catch (e) {
                problems.push(`${slot}: no valid ws2 report: ${e.message.split("\n")[0]}`);
            }
            const latest = gh.latestStatuses(DEMO_SHA).get(`hil/${slot}`);
            const sawPending = gh.statuses.statuses.some((s) => s.context === `hil/${slot}` && s.state === "pending");
            return {
                slot,
                job: result,
                ...(report ? { report } : {}),
                ...(latest
                    ? {
                        status: {
                            state: latest.state,
                            ...(latest.description ? { description: latest.description } : {}),
                        },
                    }
                    : {}),
                sawPending,
                seconds: (Date.now() - t0) / 1000,
            };
        };
        const slots = await Promise.all(SLOTS.map(hardwareJob));
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(out, "commit-statuses.json"), JSON.stringify(gh.statuses.statuses.map(({ token: _t, ...s }) => s), null, 2) + "\n");
        // Did the loop do what it should?
        for (const s of slots) {
            if (s.job.started?.exitCode !== 0)
                problems.push(`${s.slot}: the job-started hook failed`);
            if (s.job.completed?.exitCode !== 0)
                problems.push(`${s.slot}: the job-completed hook failed`);
            for (const step of s.job.steps) {
                if (step.conclusion !== "success")
                    problems.push(`${s.slot}: step ${step.name} ended ${step.conclusion}`);
            }
            if (s.report && s.report.status !== "success")
                problems.push(`${s.slot}: the report says ${s.report.status}`);
            if (s.status?.state !== "success")
                problems.push(`${s.slot}: commit status hil/${s.slot} is ${s.status?.state ?? "missing"}`);
            if (!s.sawPending)
                problems.push(`${s.slot}: no pending status while the job ran`);
            const want = s.slot === "hut-02" ? 1 : 0;
            if (s.report && s.report.power_cycles !== want) {
                problems.push(`${s.slot}: ${s.report.power_cycles ?? 0} power cycles reported, expected ${want}`);
            }
            if (leaseStatus(inventory, s.slot).holder)
                problems.push(`${s.slot}: the slot is still leased after the job`);
        }
        return {
            ok: problems.length === 0,
            problems,
            out,
            build,
            artifact: { name: artifact.name, bytes: artifact.zip.length },
            slots,
            seconds: (Date.now() - started) / 1000,
        };
    }
    finally {
        await lab.close();
    }
}
function readText(file) {
    return (0,external_node_fs_.readFileSync)(file, "utf8");
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
/** The demo's summary, as `hil demo` prints it. */
function demoSummary(r, cwd = process.cwd()) {
    const lines = [
        `hil demo: the whole loop on two simulated ESP32 slots, commit ${DEMO_SHA.slice(0, 7)}`,
        "",
    ];
    const b = stepOutputs(r.build, "build");
    lines.push(`  upstream  build job: ${b["artifact-name"] ?? "?"} (${r.artifact ? kb(r.artifact.bytes) : "?"} zip, manifest ${(b["manifest-digest"] ?? "?").slice(0, 12)}) uploaded`);
    for (const s of r.slots) {
        const f = stepOutputs(s.job, "hil-flash");
        const t = stepOutputs(s.job, "hil-test");
        const events = s.report?.recovery_events ?? [];
        const recovered = (step) => events
            .filter((e) => e.step === step)
            .map((e) => `${e.action.replace("_", " ")} ${e.result} → `)
            .join("");
        lines.push(`  ${s.slot}    lease → ${recovered("hil-flash")}flash ${f["bytes-written"] ? kb(Number(f["bytes-written"])) : "?"} ` +
            `(${f["compressed-bytes"] ? kb(Number(f["compressed-bytes"])) : "?"} on the wire, ${f.seconds ?? "?"} s, ` +
            `${f["sectors-skipped"] ?? "?"} sectors skipped) → ${recovered("hil-test")}test ${t.passed ?? "?"} passed, ${t.failed ?? "?"} failed` +
            ` → ${s.report?.status ?? "no report"} in ${s.seconds.toFixed(1)} s`);
        lines.push(`            report: ${s.report?.human_summary ?? "missing"}`);
        lines.push(`            commit status hil/${s.slot}: ${s.status?.state ?? "missing"}${s.status?.description ? ` "${s.status.description}"` : ""}`);
    }
    lines.push("");
    const rel = r.out.startsWith(cwd) ? (0,external_node_path_.relative)(cwd, r.out) || "." : r.out;
    lines.push(`Files in ${rel}/:`);
    for (const s of r.slots) {
        const dir = (0,external_node_path_.join)(r.out, s.slot);
        if ((0,external_node_fs_.existsSync)(dir))
            lines.push(`  ${s.slot}/  ${(0,external_node_fs_.readdirSync)(dir).sort().join("  ")}`);
    }
    lines.push(`  commit-statuses.json`);
    lines.push("");
    lines.push(r.ok
        ? `The loop works (${r.seconds.toFixed(1)} s).`
        : `The loop is broken:\n${r.problems.map((p) => `  - ${p}`).join("\n")}`);
    return lines;
}

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
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
var serialport_dist = __webpack_require__(88740);
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
        const sp = new serialport_dist.SerialPort({
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
const esptool_ROM_BAUD = 115200;
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
function esptool_sizeBytes(size) {
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
            baudrate: esptool_ROM_BAUD,
            romBaudrate: esptool_ROM_BAUD,
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
        await device.open({ baudRate: esptool_ROM_BAUD });
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
        return this.device.baudRate ?? esptool_ROM_BAUD;
    }
    async attachFlash(fallbackSize) {
        // The ROM needs the SPI flash attached before flash commands; the stub attaches it itself.
        if (!this.loader.IS_STUB)
            await this.loader.flashSpiAttach(0);
        this.flashSize = esptool_sizeBytes(await this.loader.detectFlashSize()) ?? fallbackSize;
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
            if (this.loader.IS_STUB && this.baud !== esptool_ROM_BAUD) {
                await this.loader.command(CHANGE_BAUDRATE, u32(esptool_ROM_BAUD, this.baud));
                await this.device.setBaudRate(esptool_ROM_BAUD);
                this.transport.baudrate = esptool_ROM_BAUD;
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

// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./packages/flasher/src/images.ts





const images_hex = (n) => `0x${n.toString(16)}`;
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
            bytes = await (0,external_node_fs_promises_.readFile)(img.path);
        }
        catch (e) {
            throw new ImageError(`Cannot read ${img.file} of ${label} (${e.code ?? e.message}).`, { hint: REBUILD });
        }
        const sha = (0,external_node_crypto_.createHash)("sha256").update(bytes).digest("hex");
        if (bytes.length !== img.size || sha !== img.sha256)
            throw new ImageError(`${img.file} of ${label} does not match its manifest: ${bytes.length} bytes with sha256 ${sha}, the manifest says ${img.size} bytes with sha256 ${img.sha256}. Nothing was written.`, { hint: `The image was damaged or changed after the build. ${REBUILD}` });
        if (img.offset % SECTOR !== 0)
            throw new ImageError(`${img.file} of ${label} starts at ${images_hex(img.offset)}, not on a 4 KiB sector boundary.`, { hint: REBUILD });
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
            throw new ImageError(`${cur.file} (at ${images_hex(cur.offset)}) overlaps ${prev.file} (${images_hex(prev.offset)}..${images_hex(prev.offset + prev.size)}) in ${label}. Nothing was written.`, { hint: `Check the partition table and flasher_args.json of the build. ${REBUILD}` });
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
        throw new ImageError(`The bundle does not fit ${what}: ${last.file} ends at ${images_hex(end)}, past the flash's end at ${images_hex(flashBytes)} (${flashBytes / 1024 / 1024} MiB). Nothing was written.`, {
            hint: "Build for this board's flash size (CONFIG_ESPTOOLPY_FLASHSIZE, partition table), or put the bundle on a slot whose board has more flash.",
        });
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

;// CONCATENATED MODULE: ./packages/flasher/src/bench.ts
// Measurements of the flasher on the simulated line, for `npm run bench` (DESIGN.md section 8).
// Everything runs in this process: the simulated boards (RFC 2217 on 127.0.0.1) and the flasher.









const MiB = 1024 * 1024;
const sha256 = (b) => (0,external_node_crypto_.createHash)("sha256").update(b).digest("hex");
function imagesOf(fw) {
    return fw.map((i) => sectorImage({
        file: `0x${i.offset.toString(16)}.bin`,
        offset: i.offset,
        size: i.data.length,
        sha256: sha256(i.data),
    }, i.data));
}
async function withLab(n, fn) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "hil-bench-"));
    const lab = await SimLab.start({ slots: n, dir, pty: false });
    try {
        return await fn(lab, dir);
    }
    finally {
        await lab.close();
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
function firmware(dir, appSize, seed) {
    const fw = firmware_buildTestFirmware({
        dir: (0,external_node_path_.join)(dir, seed),
        appSize,
        seed,
        script: "print bench\nend",
    });
    return imagesOf(fw.images);
}
async function flashOnce(lab, slot, images, o) {
    const board = lab.board(slot);
    const url = lab.rfc2217.get(slot).url;
    const flasher = new EsptoolFlasher({ port: url, reset: "classic", slotId: slot });
    const rx0 = board.lineStats.rxBytes;
    const t0 = external_node_perf_hooks_.performance.now();
    const report = await flashBoard({
        flasher,
        images,
        chip: "esp32",
        mac: board.mac,
        baud: o.baud ?? 921600,
        ...(o.log ? { log: o.log } : {}),
    });
    return {
        report,
        crossed: board.lineStats.rxBytes - rx0,
        wall: (external_node_perf_hooks_.performance.now() - t0) / 1000,
    };
}
/**
 * Flash a firmware with a `appSize` app to an erased simulated board over RFC 2217 and
 * compare the writing time with the line-rate limit of the compressed bytes that crossed.
 */
async function measureFlashEfficiency(o = {}) {
    const baud = o.baud ?? 921600;
    const appSize = o.appSize ?? MiB;
    return withLab(1, async (lab, dir) => {
        const { report, crossed } = await flashOnce(lab, "hut-01", firmware(dir, appSize, "eff"), o);
        const lineLimitSeconds = lineTimeMs(report.compressedBytes, baud) / 1000;
        return {
            baud,
            appSize,
            efficiency: lineLimitSeconds / report.writeSeconds,
            seconds: report.writeSeconds,
            lineLimitSeconds,
            compressedBytes: report.compressedBytes,
            bytesWritten: report.bytesWritten,
            totalSeconds: report.seconds,
            connectSeconds: report.connectSeconds,
            prepareSeconds: report.prepareSeconds,
            crossedBytes: crossed,
        };
    });
}
/**
 * A full flash, the same bundle again, and the bundle with one byte of the app changed, each
 * end to end (first reset to the board running its app), on one simulated board.
 */
async function measureReflash(o = {}) {
    const baud = o.baud ?? 921600;
    const appSize = o.appSize ?? MiB;
    return withLab(1, async (lab, dir) => {
        const images = firmware(dir, appSize, "reflash");
        const full = await flashOnce(lab, "hut-01", images, o);
        const unchanged = await flashOnce(lab, "hut-01", images, o);
        const app = images[images.length - 1];
        const bytes = Buffer.from(app.data.subarray(0, app.size));
        const at = Math.floor(app.size / 2);
        bytes[at] = bytes[at] ^ 0x01;
        const changed = [...images.slice(0, -1), sectorImage({ ...app, sha256: sha256(bytes) }, bytes)];
        const one = await flashOnce(lab, "hut-01", changed, o);
        if (one.report.sectorsWritten !== 1)
            throw new Error(`a one-byte change wrote ${one.report.sectorsWritten} sectors`);
        return {
            baud,
            appSize,
            fullSeconds: full.report.seconds,
            unchangedSeconds: unchanged.report.seconds,
            oneSectorSeconds: one.report.seconds,
            unchangedRatio: unchanged.report.seconds / full.report.seconds,
            oneSectorRatio: one.report.seconds / full.report.seconds,
            fullCrossed: full.crossed,
            unchangedCrossed: unchanged.crossed,
            oneSectorCrossed: one.crossed,
        };
    });
}
/**
 * One board flashed alone, then `n` boards (one simulator, this one process) flashed at once
 * with a firmware of the same size; the ratio of the wall times.
 */
async function measureParallel(n = 8, o = {}) {
    const baud = o.baud ?? 921600;
    const appSize = o.appSize ?? MiB;
    return withLab(n, async (lab, dir) => {
        const slots = [...lab.boards.keys()];
        const single = await flashOnce(lab, slots[0], firmware(dir, appSize, "single"), o);
        const images = firmware(dir, appSize, "parallel");
        // Every board starts erased, as the single one did.
        lab.board(slots[0]).flash.eraseAll();
        const t0 = external_node_perf_hooks_.performance.now();
        const all = await Promise.all(slots.map((s) => flashOnce(lab, s, images, {})));
        const parallelSeconds = (external_node_perf_hooks_.performance.now() - t0) / 1000;
        for (const r of all)
            if (r.report.sectorsSkipped !== 0)
                throw new Error("a parallel flash skipped sectors");
        return {
            n,
            baud,
            appSize,
            singleSeconds: single.wall,
            parallelSeconds,
            ratio: parallelSeconds / single.wall,
        };
    });
}

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
        throw new src/* ConfigurationError */.j1(`An empty ${input} was given.`);
    const m = REGEX_LITERAL.exec(source);
    if (!m || m[1] === "") {
        return { source, test: (line) => line.includes(source) };
    }
    const [, body, flags] = m;
    const bad = [...flags].filter((f) => !ALLOWED_FLAGS.has(f));
    if (bad.length) {
        throw new src/* ConfigurationError */.j1(`The ${input} ${source} has flag${bad.length > 1 ? "s" : ""} ${bad.join("")} that a line match cannot use.`, { hint: "Use only the flags i, m, s, u or v (each line is matched on its own)." });
    }
    let re;
    try {
        re = new RegExp(body, flags);
    }
    catch (e) {
        throw new src/* ConfigurationError */.j1(`The ${input} ${source} is not a valid regular expression: ${e.message}.`, {
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
class ConsoleJudge {
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
var xmlbuilder2_lib = __webpack_require__(54697);
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
    const doc = (0,xmlbuilder2_lib/* create */.vt)({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\ufffd" });
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
    return src/* EXIT_CODES */.ai[r.status];
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

;// CONCATENATED MODULE: ./packages/judge/src/bench.ts


const BOOT = [
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
];
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
    const started = external_node_perf_hooks_.performance.now();
    let at = t0;
    for (let i = 0; i < data.length && !judge.done; i += chunkSize) {
        judge.feed(data.subarray(i, i + chunkSize), (at += 1));
    }
    judge.tick(at + 10_000);
    const ms = external_node_perf_hooks_.performance.now() - started;
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











;// CONCATENATED MODULE: ./packages/lab/src/bench.ts







const bench_RUN_ID = 9100000001;
/**
 * Job overhead with a cached bundle: a GitHub runner (emulated, with the real hook scripts) runs
 * the hardware job's start and hil-flash on a simulated board whose flash was erased, and the
 * time from spawning the job-started hook to the first byte the board's flash changes is taken.
 * A first job fills the host cache from the (local) GitHub; the measured jobs hit it.
 */
async function measureJobOverhead(o = {}) {
    const lab = await HilLab.start({
        slots: 1,
        ...(o.root ? { root: o.root } : {}),
        ...(o.node ? { node: o.node } : {}),
    });
    try {
        const build = await lab.build(DEMO_SHA, bench_RUN_ID);
        if (build.conclusion !== "success")
            throw new Error("bench: the upstream build job failed");
        const runner = lab.runner("hut-01");
        const flash = lab.sim.board("hut-01").flash;
        const runs = [];
        for (let i = 0; i <= (o.runs ?? 3); i++) {
            flash.eraseAll();
            let first;
            flash.onChange = () => (first ??= external_node_perf_hooks_.performance.now());
            const t0 = external_node_perf_hooks_.performance.now();
            const r = await runner.runJob(lab.job("hil", DEMO_SHA, bench_RUN_ID), [
                { name: "hil-flash", uses: "hil-flash" },
            ]);
            flash.onChange = undefined;
            if (r.conclusion !== "success" || first === undefined) {
                throw new Error(`bench: the hardware job ended ${r.conclusion}${first === undefined ? " without writing the flash" : ""}`);
            }
            if (i > 0)
                runs.push((first - t0) / 1000); // the first job filled the cache
        }
        const sorted = [...runs].sort((a, b) => a - b);
        return { seconds: sorted[Math.floor(sorted.length / 2)], runs, node: lab.node };
    }
    finally {
        await lab.close();
    }
}
const f2 = (n) => n.toFixed(2);
const nodeVersion = (node) => (0,external_node_child_process_.execFileSync)(node, ["--version"], { encoding: "utf8" }).trim().replace(/^v/, "");
/** Every figure of DESIGN.md section 8, measured in this run, with the table `hil bench` prints. */
async function runBench(o = {}) {
    const log = o.log ?? (() => { });
    log("flash efficiency: 1 MiB app at 921600 baud…");
    const eff = await measureFlashEfficiency();
    log("re-flash: unchanged and one sector changed…");
    const re = await measureReflash();
    log("8 slots at once…");
    const par = await measureParallel(8);
    log("lease claims of a free slot…");
    const lease = await measureClaimLatency(500);
    log("job overhead: hook start → first flash byte, bundle cached…");
    const job = await measureJobOverhead({
        ...(o.root ? { root: o.root } : {}),
        ...(o.node ? { node: o.node } : {}),
    });
    log("console judging…");
    const judge = bench_benchJudgeDetailed(32 * 1024 * 1024);
    const figures = {
        flash_efficiency: eff.efficiency,
        reflash_unchanged_ratio: re.unchangedRatio,
        reflash_one_sector_ratio: re.oneSectorRatio,
        parallel8_ratio: par.ratio,
        lease_p50_ms: lease.p50Ms,
        lease_p99_ms: lease.p99Ms,
        job_overhead_s: job.seconds,
        console_mb_s: judge.mbPerSec,
    };
    const rows = [
        {
            figure: "flash efficiency (1 MiB, 921600 baud)",
            value: f2(eff.efficiency),
            target: "≥ 0.90",
            met: eff.efficiency >= 0.9,
            how: `line-rate limit of the ${(eff.compressedBytes / 1024).toFixed(0)} KiB that crossed (${f2(eff.lineLimitSeconds)} s) / write + verify (${f2(eff.seconds)} s)`,
        },
        {
            figure: "re-flash, unchanged / full flash",
            value: f2(re.unchangedRatio),
            target: "≤ 0.10",
            met: re.unchangedRatio <= 0.1,
            how: `${f2(re.unchangedSeconds)} s / ${f2(re.fullSeconds)} s, reset to app running`,
        },
        {
            figure: "re-flash, one sector changed / full flash",
            value: f2(re.oneSectorRatio),
            target: "—",
            how: `${f2(re.oneSectorSeconds)} s / ${f2(re.fullSeconds)} s`,
        },
        {
            figure: "8 slots in parallel / 1 slot",
            value: f2(par.ratio),
            target: "≤ 1.25",
            met: par.ratio <= 1.25,
            how: `${f2(par.parallelSeconds)} s / ${f2(par.singleSeconds)} s, one host`,
        },
        {
            figure: "lease claim, free slot p50 / p99",
            value: `${f2(lease.p50Ms)} / ${f2(lease.p99Ms)} ms`,
            target: "p99 ≤ 50 ms",
            met: lease.p99Ms <= 50,
            how: `${lease.samples} claims`,
        },
        {
            figure: "job overhead, hook start → first flash byte",
            value: `${f2(job.seconds)} s`,
            target: "≤ 1 s",
            met: job.seconds <= 1,
            how: `median of ${job.runs.length} jobs with a cached bundle (${job.runs.map(f2).join(", ")} s), Node ${nodeVersion(job.node)}`,
        },
        {
            figure: "console judged",
            value: `${judge.mbPerSec.toFixed(1)} MB/s`,
            target: "—",
            how: `${(judge.bytes / 1e6).toFixed(0)} MB of Unity console, ${judge.tests} tests; a 921600-baud line is 0.09 MB/s`,
        },
    ];
    return { figures, rows };
}
/** The table as `hil bench` prints it. */
function benchTable(rows) {
    const head = ["figure", "measured", "target", "", "how"];
    const cells = rows.map((r) => [
        r.figure,
        r.value,
        r.target,
        r.met === undefined ? "" : r.met ? "ok" : "MISSED",
        r.how,
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]))).join("  ");
    return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
}

;// CONCATENATED MODULE: ./packages/lab/src/index.ts









;// CONCATENATED MODULE: ./packages/cli/src/commands/bench.ts


/**
 * `hil bench [--json FILE]`: the performance table of DESIGN.md section 8, measured in one run on
 * the simulated line (ratios against the line-rate limit and against a baseline of the same run).
 * Exits 1 when a target is missed.
 */
async function benchCommand(o) {
    const { figures, rows } = await runBench({ log: (l) => process.stderr.write(`bench: ${l}\n`) });
    process.stdout.write(benchTable(rows).join("\n") + "\n");
    if (o.json) {
        (0,external_node_fs_.writeFileSync)(o.json, JSON.stringify(figures, null, 2) + "\n");
        process.stdout.write(`figures written to ${o.json}\n`);
    }
    return rows.every((r) => r.met !== false) ? 0 : 1;
}
function registerBench(program) {
    program
        .command("bench")
        .description("measure the performance table on the simulated line (flash, re-flash, 8 slots, lease, job overhead, console)")
        .option("--json <file>", "also write the figures as one JSON object")
        .action(async (o) => {
        process.exitCode = await benchCommand(o);
    });
}

// EXTERNAL MODULE: ./packages/bundle/src/index.ts + 17 modules
var bundle_src = __webpack_require__(34523);
;// CONCATENATED MODULE: ./packages/cli/src/commands/bundle.ts







/** The commit to record: --sha, else the CI's, else the checkout's HEAD. */
function commitOf(explicit, cwd) {
    const fromEnv = explicit ?? process.env.HIL_SHA ?? (0,ci_src/* ciContext */.U)().jobSha;
    if (fromEnv)
        return (0,bundle_src.requireFullSha)(fromEnv, "--sha");
    try {
        const head = (0,external_node_child_process_.execFileSync)("git", ["rev-parse", "HEAD"], {
            cwd,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
        }).trim();
        return (0,bundle_src.requireFullSha)(head, "git rev-parse HEAD");
    }
    catch (e) {
        if (e instanceof src/* ConfigurationError */.j1)
            throw e;
        throw new src/* ConfigurationError */.j1(`Which commit is this build from? ${cwd} is not a git checkout.`, {
            hint: "Pass --sha <full commit SHA> (the bundle records it; the hardware lane refuses any other commit).",
        });
    }
}
const bundle_hex = (n) => `0x${n.toString(16)}`;
function describeBundle(name, p) {
    const m = p.manifest;
    const lines = [
        `Bundle ${name} for ${m.commit_sha}: ${m.chip}, flash ${m.flash.mode}/${m.flash.freq}/${m.flash.size}` +
            (m.app?.project_name ? `, ${m.app.project_name} ${m.app.version ?? ""}`.trimEnd() : ""),
        ...m.images.map((i) => `  ${bundle_hex(i.offset).padStart(9)}  ${String(i.size).padStart(9)}  ${i.sha256.slice(0, 16)}  ${i.file}`),
        `  directory  ${p.dir}`,
    ];
    if (p.zipPath)
        lines.push(`  zip        ${p.zipPath} (${p.zipBytes} bytes)`);
    lines.push(`  manifest   sha256 ${p.digest}`);
    return lines.join("\n");
}
/** `hil bundle [build-dir]`: what actions/build does, minus the upload, for any CI or a desk. */
function registerBundle(program) {
    program
        .command("bundle")
        .description("package an ESP-IDF build directory into a firmware bundle (directory and zip)")
        .argument("[build-dir]", "ESP-IDF build directory (holds flasher_args.json)", "build")
        .option("--out <dir>", "bundle directory to write (default: fw-<sha>[-<target>])")
        .option("--zip [file]", "also write a zip (default: <out>.zip)")
        .option("--sha <sha>", "commit the firmware was built from (default: HIL_SHA, GITHUB_SHA, CI_COMMIT_SHA, git HEAD)")
        .option("--target <name>", "build target, for commits with several bundles (names it fw-<sha>-<target>)")
        .option("--repo <repo>", "repository recorded in the manifest (default: GITHUB_REPOSITORY / CI_PROJECT_PATH)")
        .option("--command <cmd>", "build command to run first, e.g. 'idf.py build'")
        .option("--dotenv <file>", "write HIL_BUNDLE_* variables for a GitLab dotenv report")
        .option("--json", "print the result as JSON")
        .action(async (buildDirArg, opts) => {
        const host = new host_src/* TerminalHost */.LQ({ out: (l) => process.stderr.write(l + "\n") });
        const cwd = process.cwd();
        if (opts.command) {
            const command = opts.command;
            await host.group(`Build: ${command}`, () => (0,bundle_src.runBuildCommand)(command, cwd, host));
        }
        const sha = commitOf(opts.sha, cwd);
        const name = (0,bundle_src.bundleArtifactName)(sha, opts.target);
        const outDir = (0,external_node_path_.resolve)(opts.out ?? name);
        const zipPath = opts.zip === undefined || opts.zip === false
            ? undefined
            : (0,external_node_path_.resolve)(opts.zip === true ? `${outDir}.zip` : opts.zip);
        const repo = opts.repo ?? (0,ci_src/* ciContext */.U)().repo;
        const packed = await (0,bundle_src.packBundle)({
            buildDir: (0,external_node_path_.resolve)(buildDirArg),
            outDir,
            sha,
            ...(repo ? { repo } : {}),
            ...(opts.target ? { target: opts.target } : {}),
            ...(zipPath ? { zipPath } : {}),
        });
        if (opts.dotenv) {
            const vars = {
                HIL_BUNDLE_SHA: sha,
                HIL_BUNDLE_DIGEST: packed.digest,
                HIL_BUNDLE_NAME: name,
            };
            const glJob = (0,ci_src/* ciContext */.U)().gitlab.jobId;
            if (glJob)
                vars.HIL_BUNDLE_JOB_ID = glJob;
            (0,external_node_fs_.writeFileSync)(opts.dotenv, Object.entries(vars)
                .map(([k, v]) => `${k}=${v}\n`)
                .join(""));
        }
        if (opts.json) {
            process.stdout.write(JSON.stringify({
                name,
                dir: packed.dir,
                zip: packed.zipPath ?? null,
                digest: packed.digest,
                bytes: packed.bytes,
                manifest: packed.manifest,
            }, null, 2) + "\n");
        }
        else {
            process.stdout.write(describeBundle(name, packed) + "\n");
        }
    });
}

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
        throw new src/* ConfigurationError */.j1(`${name}: expected a whole number from 0 to ${max}, got ${JSON.stringify(env[name])}.`, {
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
    throw new src/* ConfigurationError */.j1(`${name}: expected true or false, got ${JSON.stringify(env[name])}.`, {
        hint: `Set ${name}=true or ${name}=false in the runner's environment.`,
    });
}
function hookSettings(env = process.env) {
    let timeoutSec = resolveJobTimeout(env.HIL_JOB_TIMEOUT_SEC, "HIL_JOB_TIMEOUT_SEC");
    // GitLab stops the job at CI_JOB_TIMEOUT: the slot must not stay leased past it.
    const ciTimeout = (0,ci_src/* ciContext */.U)(env).gitlab.jobTimeoutSec;
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
async function assertForkAllowed(o = {}) {
    const d = await forkGate(o);
    if (!d.allowed)
        throw new ForkRefusedError(d);
    if (d.fork)
        o.host?.warn(`${d.why}.`);
    return d;
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/cancel.ts





const flagPath = (jobDir) => (0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.cancel);
/** Whether the job's flag is raised, and what it means. */
const cancelState = (jobDir) => (0,journal_src/* readCancelFlag */.Bg)(jobDir);
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
    const s = cancelState(job.jobDir);
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
        new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.journal)).append({ type: "note", step, text: reason });
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
        throw new src/* ConfigurationError */.j1(`Slot ${slot} is free: there is no job to cancel.`, {
            hint: "See what runs where with: hil slots.",
        });
    }
    if (!holder.job_dir || holder.kind !== "job") {
        throw new src/* ConfigurationError */.j1(`Slot ${slot} is held by ${holderWho(holder)}, which is not a CI job: there is no job to cancel.`, {
            hint: holder.kind === "lock"
                ? `Ask ${holder.user ?? "its owner"} to end the session (Ctrl-C in their terminal), or stop pid ${holder.pid} on ${holder.host}.`
                : "It ends by itself when its step finishes.",
        });
    }
    if (!(0,external_node_fs_.existsSync)(holder.job_dir)) {
        throw new src/* ConfigurationError */.j1(`Slot ${slot} is held by ${holderWho(holder)}, but its job directory ${holder.job_dir} is not on this host.`, { hint: `Run hil cancel on ${holder.host}, where the job runs.` });
    }
    const by = o.by ?? currentUser();
    const reason = `cancelled by ${by} (hil cancel)${o.reason ? `: ${o.reason}` : ""}`;
    const raised = raiseCancelFlag(holder.job_dir, reason);
    return {
        slot,
        holder,
        jobDir: holder.job_dir,
        reason: raised ? reason : (cancelState(holder.job_dir)?.reason ?? reason),
        raised,
    };
}

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
function readForkDecision(jobDir, jobId) {
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
        const state = cancelState(this.job.jobDir) ?? {
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
    const dir = (0,external_node_path_.join)(job.jobDir, STEPS_DIR);
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const marker = {
        step: name,
        pid: process.pid,
        host: thisHost(),
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
    const cancel = cancelState(job.jobDir);
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
        const alive = m.pid !== undefined && m.host === thisHost() && pidAlive(m.pid);
        const what = alive
            ? `was still running (pid ${m.pid}) when the job ended`
            : `ended without recording a result (killed${m.pid ? `, pid ${m.pid}` : ""}: SIGKILL, out of memory, or the runner stopped)`;
        job.journal.append({
            type: "step",
            step,
            status: cancel ? cancel.status : "failed",
            exit_code: cancel ? cancel.exitCode : src/* EXIT_CODES */.ai.failed,
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
const loadReport = () => Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 12982));
const loadBundle = () => Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 34523));

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
        host.warn(`${what} was not posted: ${(0,src/* describeError */.Uc)(e)}`);
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
            return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; ${r.holder ? describeHolder(r.holder) : "someone else"} holds it now and was not touched.`;
        case "already-ended":
            return `The lease on ${slot} had already ended${r.ended ? ` (${r.ended.reason} at ${r.ended.at}: ${r.ended.detail})` : ""}; nothing to release.`;
    }
}
/** The job's invocation.json when it is there and valid (finishJob says what is wrong with it). */
const validInvocation = (jobDir) => (0,journal_src/* readInvocation */.rm)(jobDir).invocation;
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
async function completeJobDir(o) {
    const { host, jobDir, inventory: inv } = o;
    const { finishJob, identityFromCi, publishReport, reportMarkdown, writeReport } = await loadReport();
    const state = readHookState(jobDir);
    const journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.journal));
    const invocation = validInvocation(jobDir);
    const jobId = state?.job_id ?? invocation?.job_id ?? (0,ci_src/* ciContext */.U)(o.env).jobId;
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
        const text = `${what}: ${(0,src/* describeError */.Uc)(e)}`;
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
            exit_code: src/* EXIT_CODES */.ai.failed,
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
        const fromEnv = identityFromCi((0,ci_src/* ciContext */.U)(o.env), slot);
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
            host.warn(`Could not copy the report to ${copy}: ${(0,src/* describeError */.Uc)(e)}`);
        }
    }
    try {
        const { BundleCache } = await loadBundle();
        const n = await new BundleCache({ dir: inv.cache_dir }).releaseHolder(jobId);
        if (n)
            host.info(`Released ${n} bundle pin(s) of ${jobId} in ${inv.cache_dir}.`);
    }
    catch (e) {
        host.warn(`Could not release the bundle pins of ${jobId}: ${(0,src/* describeError */.Uc)(e)} (they expire by themselves).`);
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
    const { file, inventory } = loadInventory(o.inventoryFile, env);
    const ci = (0,ci_src/* ciContext */.U)(env);
    const jobDir = env.HIL_JOB_DIR || (0,journal_src/* jobDirFor */.A0)(inventory, ci.jobId);
    const jobStatus = o.jobStatus ?? ciJobStatus(ci);
    let slot;
    try {
        slot = selectSlot(inventory, file, undefined, env).id;
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
        host.debug(`pruning old job dirs: ${(0,src/* describeError */.Uc)(e)}`);
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
    const ci = (0,ci_src/* ciContext */.U)(env);
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
        host.warn(`Not fetching the bundle now: ${(0,src/* describeError */.Uc)(e)}\nhil-flash fetches it itself.`);
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
    const { file, inventory } = loadInventory(o.inventoryFile, env);
    const slot = selectSlot(inventory, file, undefined, env);
    const ci = (0,ci_src/* ciContext */.U)(env);
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
    let jobDir = (0,journal_src/* jobDirFor */.A0)(inventory, ci.jobId);
    if ((0,external_node_fs_.existsSync)(jobDir)) {
        // The same job started twice on this host: finish what the first start left, keep it aside.
        if (!readCompleted(jobDir)) {
            await completeJobDir({ inventory, jobDir, host, env, by: "next-start", slot: slot.id });
        }
        (0,external_node_fs_.renameSync)(jobDir, `${jobDir}.${Date.now()}`);
    }
    jobDir = createJobDir(inventory, ci.jobId);
    const journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.journal));
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
        const inv = (0,src/* parseWith */.Ku)(src/* invocation */.He, {
            schema_version: src/* INVOCATION_SCHEMA_VERSION */.KO,
            job_id: ci.jobId,
            target_role: "runner",
            requested_by: ci.requestedBy,
            request_utc: new Date(t0).toISOString(),
            command: ci.command,
            timeout_sec: settings.timeoutSec,
            lock_key: slot.id,
            lane: "local-hil",
            slot: slot.id,
            ...(ci.commitSha && src/* commitSha */.mJ.safeParse(ci.commitSha).success
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
        }, (0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.invocation));
        (0,journal_src/* writeJsonAtomic */.ZJ)((0,external_node_path_.join)(jobDir, journal_src/* JOB_FILES */.e0.invocation), inv);
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
        const hint = e instanceof src/* HilError */.ee ? e.hint : undefined;
        journal.append({
            type: "step",
            step: STARTED_STEP,
            status: "failed",
            exit_code: src/* EXIT_CODES */.ai.failed,
            failure_kind: e instanceof src/* InfrastructureError */.EN ? "infrastructure" : "configuration",
            summary: (0,src/* describeError */.Uc)(e).split("\n")[0],
            ...(hint ? { next_action: hint } : {}),
        });
        try {
            await releaseJobLease(inventory, slot.id, { jobDir });
        }
        catch (r) {
            host.error(`Could not release ${slot.id} after the failure: ${(0,src/* describeError */.Uc)(r)}`);
        }
        await loadBundle()
            .then(({ BundleCache }) => new BundleCache({ dir: inventory.cache_dir }).releaseHolder(ci.jobId))
            .catch(() => 0);
        writeHookState(jobDir, { ...state, phase: "start-failed", error: (0,src/* describeError */.Uc)(e) });
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
        const githubEnv = (0,ci_src/* ciContext */.U)(env).files.env;
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
    const ci = (0,ci_src/* ciContext */.U)(env);
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
        host.error(host.redact((0,src/* describeError */.Uc)(e)));
        if (!(e instanceof src/* HilError */.ee) && e instanceof Error && e.stack)
            host.debug(e.stack);
        return 1;
    }
}

;// CONCATENATED MODULE: ./packages/lifecycle/src/index.ts
// @hil/lifecycle: a hardware job from start to end. The runner hooks (GitHub's job started /
// completed, GitLab's pre_build_script / after_script), `hil hook`, `hil step`, `hil cancel`
// and the hardware actions are thin doors onto it. See docs/runner-setup.md.










;// CONCATENATED MODULE: ./packages/cli/src/commands/common.ts

/** `--inventory <file>` as every slot command declares it. */
const inventoryOption = [
    "--inventory <file>",
    "slot inventory (default: HIL_SLOTS or /etc/hil/slots.yaml)",
];
const slotOption = [
    "--slot <id>",
    "slot id (default: HIL_SLOT or the runner's esp32-hut-NN label)",
];
/** A non-negative number of seconds from an option, or a ConfigurationError naming the option. */
function seconds(value, option) {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
        throw new src/* ConfigurationError */.j1(`${option}: expected a number of seconds, got "${value}".`, {
            hint: `For example ${option} 60.`,
        });
    }
    return n;
}
/** Left-aligned plain-text table for terminals. */
function textTable(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells) => cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
        .join("  ")
        .trimEnd();
    return [line(header), ...rows.map(line)].join("\n");
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/cancel.ts




/**
 * `hil cancel --slot hut-01 [--reason …]`: raise the cancellation flag of the job holding the
 * slot. Its steps stop before the next one (status cancelled); a running `hil step` stops its
 * command at once; the job-completed hook then reports `cancelled` and releases the slot.
 */
function registerCancel(program) {
    program
        .command("cancel")
        .description("cancel the job that holds a slot: its steps stop, the report says cancelled")
        .option(...slotOption)
        .option(...inventoryOption)
        .option("--reason <text>", "why, for the report and the journal")
        .action((opts) => {
        const { file, inventory } = loadInventory(opts.inventory);
        const slot = selectSlot(inventory, file, opts.slot);
        const r = cancelSlotJob(inventory, slot.id, opts.reason ? { reason: opts.reason } : {});
        process.stdout.write(r.raised
            ? `Cancel requested for ${describeHolder(r.holder)} on ${r.slot}: ${r.reason}.\nIts steps stop before the next one; a running \`hil step\` stops its command now. The job-completed hook reports it as cancelled and releases ${r.slot}.\n`
            : `Cancel was already requested for job ${r.holder.job_id} on ${r.slot}: ${r.reason}.\n`);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/demo.ts

/**
 * `hil demo [--out DIR]`: the whole loop on two simulated slots (see @hil/lab runDemo). Prints
 * a short summary; exits 1 when the loop is broken.
 */
async function demoCommand(o) {
    process.stdout.write("hil demo: starting two simulated boards, a local GitHub and the runners…\n");
    const result = await runDemo({
        ...(o.out ? { out: o.out } : {}),
        ...(o.verbose
            ? { onLine: (source, line) => process.stdout.write(`  [${source}] ${line}\n`) }
            : {}),
    });
    process.stdout.write(demoSummary(result).join("\n") + "\n");
    return result.ok ? 0 : 1;
}
function registerDemo(program) {
    program
        .command("demo")
        .description("run the whole loop on two simulated slots: build → lease → flash → test → power-cycle recovery → report → commit status")
        .option("--out <dir>", "where the reports, JUnit and console logs go", "hil-out/demo")
        .option("--verbose", "show every line the jobs print")
        .action(async (o) => {
        process.exitCode = await demoCommand(o);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/slots.ts



function slotRows(inv) {
    return inv.slots.map((s) => ({
        id: s.id,
        label: s.label,
        chip: s.chip,
        port: s.port,
        lease: leaseStatus(inv, s.id),
        health: health(inv, s.id),
    }));
}
function describeHealth(h) {
    if (!h.healthy) {
        return `UNHEALTHY (${h.consecutive_failures} infra failures in a row since ${h.unhealthy_since ?? "?"})`;
    }
    return h.consecutive_failures
        ? `ok (${h.consecutive_failures}/${h.threshold} infra failures)`
        : "ok";
}
function leaseCells(l, now) {
    if (!l.holder)
        return [l.state, "", "", ""];
    const h = l.holder;
    const state = l.state === "stale" && l.refreshedAt
        ? `STALE (refreshed ${ago(now - l.refreshedAt.getTime())})`
        : l.state;
    return [
        state,
        holderWho(h),
        `${h.since} (${ago(now - Date.parse(h.since))})`,
        h.commit_sha ? h.commit_sha.slice(0, 12) : "",
    ];
}
function slotsTable(rows, now = Date.now()) {
    return textTable(["SLOT", "LABEL", "CHIP", "PORT", "LEASE", "HOLDER", "SINCE", "SHA", "HEALTH"], rows.map((r) => [
        r.id,
        r.label,
        r.chip,
        r.port,
        ...leaseCells(r.lease, now),
        describeHealth(r.health),
    ]));
}
function registerSlots(program) {
    program
        .command("slots")
        .description("list the slots of this host with their lease state and health")
        .option(...inventoryOption)
        .option("--json", "print JSON")
        .option("--reset-health <slot>", "mark a slot healthy again (after fixing its board or cable)")
        .action((opts) => {
        const { file, inventory } = loadInventory(opts.inventory);
        if (opts.resetHealth) {
            const slot = selectSlot(inventory, file, opts.resetHealth);
            const before = health(inventory, slot.id);
            resetHealth(inventory, slot.id, currentUser());
            process.stdout.write(`${slot.id}: health reset (was ${describeHealth(before)}); jobs may use it again.\n`);
            return;
        }
        const rows = slotRows(inventory);
        if (opts.json) {
            const json = rows.map((r) => ({
                ...r,
                lease: {
                    state: r.lease.state,
                    path: r.lease.path,
                    ...(r.lease.holder ? { holder: { ...r.lease.holder, token: undefined } } : {}),
                    ...(r.lease.refreshedAt ? { refreshed_at: r.lease.refreshedAt.toISOString() } : {}),
                },
            }));
            process.stdout.write(JSON.stringify({ inventory: file, slots: json }, null, 2) + "\n");
            return;
        }
        process.stdout.write(`${file}\n${slotsTable(rows)}\n`);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/doctor.ts






const doctor_LABEL = { ok: "ok  ", warn: "warn", fail: "FAIL" };
/**
 * Every check of `hil doctor`: the inventory, the host checks of @hil/inventory, then per slot
 * its lease and health, and the lock self-test on the real lock dir.
 */
async function doctorChecks(opts, host) {
    let loaded;
    try {
        loaded = loadInventory(opts.inventory);
    }
    catch (e) {
        return [{ status: "fail", subject: "inventory", message: (0,src/* describeError */.Uc)(e) }];
    }
    const { file, inventory } = loaded;
    const only = opts.slot ? selectSlot(inventory, file, opts.slot).id : undefined;
    const slots = inventory.slots.filter((s) => !only || s.id === only);
    const checks = [
        {
            status: "ok",
            subject: "inventory",
            message: `${file} is valid: ${inventory.slots.map((s) => s.id).join(", ")}`,
        },
    ];
    checks.push(...(await checkHost(inventory, {
        ...(only ? { slot: only } : {}),
        timeoutMs: seconds(opts.timeout, "--timeout") * 1000,
        maskSecret: (s) => host.maskSecret(s),
    })));
    const lockDirOk = checks.find((c) => c.subject === "lock dir")?.status === "ok";
    if (lockDirOk) {
        const t = await lockSelfTest(inventory);
        const bad = t.checks.filter((c) => !c.ok);
        checks.push(bad.length
            ? {
                status: "fail",
                subject: "lock self-test",
                message: bad.map((c) => `${c.what}: ${c.detail ?? "failed"}`).join("; "),
                hint: "The lock dir does not behave like a local POSIX file system (mkdir/rename); over NFS, check the mount options.",
            }
            : {
                status: "ok",
                subject: "lock self-test",
                message: "one slot serializes, different slots do not wait on each other",
            });
    }
    for (const s of slots) {
        const l = leaseStatus(inventory, s.id);
        checks.push(l.state === "stale"
            ? {
                status: "warn",
                subject: `${s.id} lease`,
                slot: s.id,
                message: `stale: ${l.holder ? describeHolder(l.holder) : "no holder record"}`,
                hint: "Its holder died; the next claim takes it over.",
            }
            : {
                status: "ok",
                subject: `${s.id} lease`,
                slot: s.id,
                message: l.holder ? `held by ${describeHolder(l.holder)}` : "free",
            });
        const h = health(inventory, s.id);
        checks.push(h.healthy
            ? { status: "ok", subject: `${s.id} health`, slot: s.id, message: describeHealth(h) }
            : {
                status: "fail",
                subject: `${s.id} health`,
                slot: s.id,
                message: `${describeHealth(h)}${h.last?.detail ? `; last: ${h.last.detail}` : ""}`,
                hint: `Jobs on ${s.id} fail fast until it is reset. Fix the board, then run hil doctor --slot ${s.id} --reset-health.`,
            });
    }
    if (opts.resetHealth && only) {
        const subject = `${only} health`;
        const line = checks.find((c) => c.subject === subject);
        const blocking = checks.filter((c) => c.status === "fail" && c !== line);
        if (blocking.length) {
            Object.assign(line, {
                status: "fail",
                message: `${line.message}; not reset: ${blocking.length} other check(s) failed`,
                hint: "Fix those first, or override with hil slots --reset-health.",
            });
        }
        else {
            resetHealth(inventory, only, `${currentUser()} (hil doctor)`);
            Object.assign(line, {
                status: "ok",
                message: `reset: the host checks pass (was ${line.message})`,
                hint: undefined,
            });
        }
    }
    return checks;
}
function registerDoctor(program) {
    program
        .command("doctor")
        .description("check this host: ports, permissions, lock dir, Home Assistant, inventory")
        .option(...inventoryOption)
        .option(...slotOption)
        .option("--json", "print JSON")
        .option("--reset-health", "with --slot: mark the slot healthy again when its checks pass")
        .option("--timeout <seconds>", "time limit of each network check", "3")
        .action(async (opts) => {
        if (opts.resetHealth && !opts.slot) {
            throw new src/* ConfigurationError */.j1("--reset-health needs --slot: say which slot to reset.");
        }
        const host = new host_src/* TerminalHost */.LQ();
        const checks = await doctorChecks(opts, host);
        const failed = checks.filter((c) => c.status === "fail").length;
        const warned = checks.filter((c) => c.status === "warn").length;
        if (opts.json) {
            host.info(JSON.stringify({ ok: failed === 0, host: thisHost(), checks }, null, 2));
        }
        else {
            const width = Math.max(...checks.map((c) => c.subject.length));
            host.info(`hil doctor on ${thisHost()} as ${currentUser()}`);
            for (const c of checks) {
                host.info(`${doctor_LABEL[c.status]}  ${c.subject.padEnd(width)}  ${c.message}`);
                if (c.hint && c.status !== "ok")
                    host.info(`      ${" ".repeat(width)}  → ${c.hint}`);
            }
            host.info(failed
                ? `${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ""}.`
                : `All checks passed${warned ? ` (${warned} warning(s))` : ""}.`);
        }
        process.exitCode = failed ? 1 : 0;
    });
}

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
        const source = new bundle_src.LocalSource(o.path);
        if (sha) {
            const b = await (0,bundle_src.fetchBundle)({ source, sha, host: o.host, holder: o.holder });
            return b;
        }
        // A person at a terminal with no commit in sight: check everything but the commit.
        o.host.warn(`No commit SHA given (--sha, HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA): flashing ${source.path} without checking which commit it was built from.`);
        return openUnpinned(source.path);
    }
    const { source, sha: envSha } = (0,bundle_src.sourceFromEnv)({
        env: o.env,
        ...(o.token ? { token: o.token } : {}),
    });
    const cache = new bundle_src.BundleCache({ dir: o.cacheDir });
    return (0,bundle_src.fetchBundle)({ source, sha: sha ?? envSha, cache, holder: o.holder, host: o.host });
}
async function openUnpinned(path) {
    const full = (0,external_node_path_.resolve)(path);
    let st;
    try {
        st = await (0,external_node_fs_promises_.stat)(full);
    }
    catch {
        throw new src/* ConfigurationError */.j1(`No bundle at ${full}: it does not exist.`, {
            hint: "Pass a bundle directory (holding manifest.json) or its zip.",
        });
    }
    if (st.isDirectory()) {
        const v = await (0,bundle_src.verifyBundle)(full);
        return { ...v, source: `bundle ${full}`, cacheHit: false, release: async () => undefined };
    }
    const work = await (0,external_node_fs_promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "hil-flash-"));
    const release = () => (0,external_node_fs_promises_.rm)(work, { recursive: true, force: true });
    try {
        await (0,bundle_src.extractZip)(full, work, `bundle ${full}`);
        let dir = work;
        const top = await (0,external_node_fs_promises_.readdir)(work, { withFileTypes: true });
        if (!top.some((e) => e.name === bundle_src.MANIFEST_FILE)) {
            const dirs = top.filter((e) => e.isDirectory());
            if (dirs.length === 1)
                dir = (0,external_node_path_.join)(work, dirs[0].name);
        }
        const v = await (0,bundle_src.verifyBundle)(dir, { label: `bundle ${full}` });
        return { ...v, source: `bundle ${full}`, cacheHit: false, release };
    }
    catch (e) {
        await release();
        if (e instanceof src/* HilError */.ee)
            throw e;
        throw new src/* HilError */.ee(`Cannot open the bundle ${full}: ${e.message}`);
    }
}

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



const cycle_secs = (ms) => `${+(ms / 1000).toFixed(2)} s`;
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
            host.info(`${o.slot}: off (confirmed in ${t.off_ms} ms); power returns in ${cycle_secs(o.offMs)}`);
            await power_sleep(o.offMs, o.signal);
            const mark = o.boot?.console.received;
            t.unpowered_ms = Date.now() - darkAt;
            const onAt = Date.now();
            t.on_ms = await power.on(call);
            dark = false;
            host.info(`${o.slot}: on (confirmed in ${t.on_ms} ms); settling ${cycle_secs(o.settleMs)}`);
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
                    throw new PowerError(`${o.slot}: power is back, but the board printed no boot banner matching ${b.pattern} within ${cycle_secs(b.timeoutMs)} (${e.message})`, {
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
                        : `retrying in ${cycle_secs(delay(attempts))}`;
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
    (0,journal_src/* writeJsonAtomic */.ZJ)(powerStateFile(site, slot), rec);
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
const slot_DEFAULT_LEASE_WAIT_SEC = 60;
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
    const leaseWaitSec = o.leaseWaitSec ?? slot_DEFAULT_LEASE_WAIT_SEC;
    try {
        return await underSlotLease(o.inventory, slot.id, {
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
function resultLine(r) {
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
function resultError(r, tokenSource) {
    const Cls = isConfigurationFailure(r) ? src/* ConfigurationError */.j1 : src/* InfrastructureError */.EN;
    return new Cls(resultLine(r), { hint: resultHint(r, tokenSource) });
}
/** The job summary section: what happened, attempts and timings. */
function resultMarkdown(r) {
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
    return `### ${icon} Power cycle of ${r.slot}\n\n${(0,host_src/* markdownTable */.Qj)(["", "power cycle"], rows)}`;
}
/** The `step` journal entry an entry point (action, CLI) appends after a cycle. */
function stepEntry(step, r, o) {
    const kind = report_failureKindOf(r);
    return {
        type: "step",
        at: r.ended_utc,
        step,
        // A relay that timed out fails the step; the job's own `timeout` status means its deadline passed.
        status: o.failed ? "failed" : "success",
        exit_code: o.failed ? 1 : 0,
        summary: resultLine(r) + (r.result !== "ok" && !o.failed ? " (not failing the step)" : ""),
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
        throw new src/* ConfigurationError */.j1(`${where} "${source}" is not a valid regular expression (${e.message}).`, { hint: "For example rst:0x1 \\(POWERON for the ROM's power-on reset line." });
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
    const { file, inventory } = loadInventory(o.inventory, env);
    const slot = selectSlot(inventory, file, o.slot, env);
    const job = findCurrentJob({ inventory, slot: slot.id, env }) ?? null;
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
        const jobId = ctx.job?.jobId ?? callerIdentity(env).jobId;
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
        const report = await underSlotLease(inv, theSlot.id, {
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
            journal = new journal_src/* Journal */.CQ((0,external_node_path_.join)(env.HIL_JOB_DIR, journal_src/* JOB_FILES */.e0.journal));
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
        const h = recordHealth(inv, slot, result, detail);
        if (result === "infra_failure")
            host.warn(`Slot ${slot} health: ${h.consecutive_failures} infrastructure failure(s) in a row (unhealthy at ${h.threshold}).`);
    }
    catch (e) {
        host.warn(`Could not record slot ${slot}'s health: ${e.message}`);
    }
}

;// CONCATENATED MODULE: ./packages/flasher/src/index.ts












;// CONCATENATED MODULE: ./packages/cli/src/commands/flash.ts





function baudOf(value) {
    if (value === undefined)
        return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 9600 || n > 5_000_000)
        throw new src/* ConfigurationError */.j1(`--baud: expected a baud rate from 9600 to 5000000, got "${value}".`, {
            hint: "For example --baud 921600 (or 460800 for a long cable).",
        });
    return n;
}
/**
 * `hil flash [bundle]`: the hil-flash step at a terminal. Progress goes to stdout (stderr
 * with --json, which prints the result); the exit code is 0 when flashed, 1 otherwise.
 */
async function flashCommand(bundle, o, extra = {}) {
    const toStderr = (l) => process.stderr.write(l + "\n");
    const host = new host_src/* TerminalHost */.LQ({
        ...(o.json ? { out: toStderr } : {}),
        ...(o.verbose ? { verbose: true } : {}),
    });
    const baud = baudOf(o.baud);
    const env = extra.env ?? process.env;
    const where = {
        ...(o.slot ? { slot: o.slot } : {}),
        ...(o.inventory ? { inventory: o.inventory } : {}),
    };
    // The fork gate and the job's cancellation flag first, as for every hardware step.
    return withHardwareStep({ name: "hil-flash", host, env, ...where }, async ({ context }) => {
        const result = await flashSlot({
            host,
            context,
            ...(bundle ? { bundle } : {}),
            ...(o.sha ? { sha: o.sha } : {}),
            ...(baud ? { baud } : {}),
            skipUnchanged: o.skipUnchanged,
            verify: o.verify,
            waitSec: seconds(o.wait, "--wait"),
            ...extra,
        });
        if (o.json)
            process.stdout.write(JSON.stringify(result, null, 2) + "\n");
        return result;
    });
}
function registerFlash(program) {
    program
        .command("flash")
        .description("write a firmware bundle to a slot's board (compressed, verified, unchanged sectors skipped)")
        .argument("[bundle]", "bundle directory or zip (default: the job's bundle: HIL_BUNDLE, or the CI's fw-<sha> through the host cache)")
        .option(...slotOption)
        .option(...inventoryOption)
        .option("--baud <rate>", "flashing baud rate (default: the slot's baud)")
        .option("--sha <sha>", "the commit the bundle must be built from (default: HIL_SHA, GITHUB_SHA or CI_COMMIT_SHA; none: not checked)")
        .option("--no-skip-unchanged", "write every sector, even those the board already holds")
        .option("--no-verify", "do not read written images back by MD5")
        .option("--wait <seconds>", "seconds to wait while someone else holds the slot", "0")
        .option("--json", "print the result as JSON on stdout (progress goes to stderr)")
        .option("-v, --verbose", "also print esptool-js's own messages")
        .action(async (bundle, o) => {
        await flashCommand(bundle, o);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/hook.ts



/**
 * `hil hook started|completed`: the runner hooks for hosts where hil is installed as a command
 * (the GitLab template's after_script, a runner without the runner-hooks directory). The same
 * as runner-hooks/dist/index.js started|completed; see docs/runner-setup.md.
 */
function registerHook(program) {
    program
        .command("hook")
        .description("the job-started / job-completed runner hook (claim the slot, report and release)")
        .argument("<phase>", "started or completed")
        .option("--inventory <file>", "slot inventory (default: HIL_SLOTS or /etc/hil/slots.yaml)")
        .addHelpText("after", "\nRunner-level settings (the runner's environment): HIL_SLOT, HIL_SLOTS, HIL_JOB_TIMEOUT_SEC,\nHIL_LEASE_WAIT_SEC, HIL_FORK_LABEL, HIL_FORK_ENVIRONMENT, HIL_GITHUB_TOKEN, HIL_GITLAB_TOKEN.\nExit status: started 0 = the job may run, 1 = refused; completed 0 = done, 1 = the slot could not be released.")
        .action(async (phase, opts) => {
        const host = (0,host_src/* hostForCi */.CH)((0,ci_src/* ciContext */.U)());
        process.exitCode = await runHook(phase, {
            host,
            ...(opts.inventory ? { inventoryFile: opts.inventory } : {}),
        });
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/lock.ts







const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2"];
/** How long `hil lock` waits for a busy slot unless --wait says otherwise. */
const DEFAULT_LOCK_WAIT_SEC = 60;
/**
 * `hil lock --slot hut-01 [--wait 60] -- CMD…`: run CMD under the slot's lease, like flock.
 * Inside a job that holds the slot, CMD runs under the job's lease; otherwise the lease is
 * claimed (waiting up to --wait s, then failing with the holder named) and released whatever
 * happens. CMD gets HIL_LEASE_TOKEN/HIL_SLOT/HIL_JOB_ID (and HIL_JOB_DIR in a job) so its own
 * hil steps act under the lease; signals are forwarded; CMD's exit code is returned (128+n when
 * it died of signal n).
 */
async function runLocked(command, opts) {
    const { file, inventory } = loadInventory(opts.inventory);
    const slot = selectSlot(inventory, file, opts.slot);
    const waitSec = seconds(opts.wait, "--wait");
    const host = new host_src/* TerminalHost */.LQ({ out: (l) => process.stderr.write(l + "\n") });
    return underSlotLease(inventory, slot.id, { waitSec, host, claimAs: { kind: "lock", command } }, async (scope) => {
        host.info(`hil lock: ${slot.id} ${scope.mode === "job" ? `under job ${scope.holder.job_id}'s lease` : `leased as ${scope.holder.job_id}`}; running ${command.join(" ")}`);
        const child = (0,external_node_child_process_.spawn)(command[0], command.slice(1), {
            stdio: "inherit",
            env: { ...process.env, ...scope.env, HIL_SLOTS: file },
        });
        const forward = (sig) => () => {
            if (child.exitCode === null && child.signalCode === null)
                child.kill(sig);
        };
        const handlers = FORWARDED.map((sig) => [sig, forward(sig)]);
        for (const [sig, h] of handlers)
            process.on(sig, h);
        const onLost = () => {
            host.error(`hil lock: ${(0,src/* describeError */.Uc)(scope.signal.reason)}`);
            child.kill("SIGTERM");
        };
        scope.signal.addEventListener("abort", onLost);
        try {
            return await new Promise((resolve, reject) => {
                child.once("error", (e) => reject(new src/* ConfigurationError */.j1(`Cannot run ${command[0]}: ${e.code}.`, {
                    hint: "Check the command name and PATH.",
                })));
                child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? (external_node_os_.constants.signals[signal] ?? 0) : 0)));
            });
        }
        finally {
            scope.signal.removeEventListener("abort", onLost);
            for (const [sig, h] of handlers)
                process.off(sig, h);
        }
    });
}
function registerLock(program) {
    program
        .command("lock")
        .description("run a command under a slot's lease, like flock")
        .option(...slotOption)
        .option(...inventoryOption)
        .option("--wait <seconds>", "seconds to wait while someone else holds the slot", String(DEFAULT_LOCK_WAIT_SEC))
        .argument("<command...>", "command to run (after --)")
        .action(async (command, opts) => {
        process.exitCode = await runLocked(command, opts);
    });
}
/** The job lease keeper a job-started hook spawns (claimJobLease); not for people. */
function registerLeaseKeeper(program) {
    program
        .command(KEEPER_ARG, { hidden: true })
        .description("hold a job's slot lease until released (started by the job-started hook)")
        .action(async () => {
        process.exitCode = await runKeeper();
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/power-cycle.ts






const POWER_CYCLE_STEP = "hil power-cycle";
function retries(value) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 10)
        throw new src/* ConfigurationError */.j1(`--retries: expected a whole number from 0 to 10, got "${value}".`);
    return n;
}
/**
 * `hil power-cycle`: the ha-power-cycle action at a terminal (or in a GitLab job). Same library,
 * same lease rules: inside the job that holds the slot (hil lock, the hooks) it runs at once;
 * otherwise it waits up to --wait s for the slot and fails naming the holder. Exit 0 when the
 * result is ok (or --no-fail), 1 otherwise; --json prints the result on stdout, the log on stderr.
 */
async function powerCycleCommand(o, env = process.env) {
    const overrides = {};
    if (o.off !== undefined)
        overrides.off_sec = seconds(o.off, "--off");
    if (o.settle !== undefined)
        overrides.settle_sec = seconds(o.settle, "--settle");
    if (o.retries !== undefined)
        overrides.max_retries = retries(o.retries);
    const leaseWaitSec = seconds(o.wait, "--wait");
    const pattern = o.bootPattern ? bootPattern(o.bootPattern, "--boot-pattern") : undefined;
    const bootTimeoutSec = o.bootTimeout !== undefined ? seconds(o.bootTimeout, "--boot-timeout") : undefined;
    const toStderr = (l) => process.stderr.write(l + "\n");
    const host = (0,host_src/* hostForCi */.CH)((0,ci_src/* ciContext */.U)(env), {
        ...(o.summary ? { summaryFile: o.summary } : {}),
        ...(o.verbose ? { verbose: true } : {}),
        ...(o.json ? { out: toStderr } : {}),
    });
    const where = {
        ...(o.slot ? { slot: o.slot } : {}),
        ...(o.inventory ? { inventory: o.inventory } : {}),
    };
    // The fork gate and the job's cancellation flag first, as for every hardware step.
    return withHardwareStep({ name: POWER_CYCLE_STEP, host, env, ...where }, async ({ inventory, slot, job }) => {
        const result = await cycleSlotPower({
            inventory,
            slot,
            job: job ?? null,
            step: POWER_CYCLE_STEP,
            host,
            env,
            overrides,
            leaseWaitSec,
            ...(o.reason ? { reason: o.reason } : {}),
            ...(o.waitForBoot || pattern || bootTimeoutSec !== undefined
                ? {
                    waitForBoot: {
                        ...(pattern ? { pattern } : {}),
                        ...(bootTimeoutSec !== undefined ? { timeoutSec: bootTimeoutSec } : {}),
                    },
                }
                : {}),
        });
        const failure = await publishPowerCycle(result, host, {
            step: POWER_CYCLE_STEP,
            failOnError: o.fail,
            tokenSource: `the variable ${slot.power?.token_env}`,
            job,
        });
        if (o.json)
            process.stdout.write(host.redact(JSON.stringify(result, null, 2)) + "\n");
        if (failure)
            throw failure;
        return 0;
    });
}
function registerPowerCycle(program) {
    program
        .command("power-cycle")
        .description("cut and restore a slot's power through Home Assistant")
        .option(...slotOption)
        .option(...inventoryOption)
        .option("--reason <text>", "why, for the log and the job's journal")
        .option("--off <seconds>", "seconds the board stays off (default: the slot's power.off_sec)")
        .option("--settle <seconds>", "seconds to wait after power returns (default: power.settle_sec)")
        .option("--retries <n>", "further attempts after a failed cycle (default: power.max_retries)")
        .option("--wait-for-boot", "wait for the board's boot banner on its console")
        .option("--boot-pattern <regex>", "the boot banner (default: rst:0x1 \\(POWERON); implies --wait-for-boot")
        .option("--boot-timeout <seconds>", "seconds from power-on to wait for the banner (default 15)")
        .option("--wait <seconds>", "seconds to wait while someone else holds the slot", String(slot_DEFAULT_LEASE_WAIT_SEC))
        .option("--no-fail", "exit 0 even when the result is not ok")
        .option("--json", "print the result (powerCycleResult) as JSON on stdout")
        .option("--summary <file>", "append a Markdown summary to this file")
        .option("--verbose", "print each Home Assistant call")
        .action(async (opts) => {
        process.exitCode = await powerCycleCommand(opts);
    });
}

// EXTERNAL MODULE: ./packages/report/src/index.ts + 9 modules
var report_src = __webpack_require__(12982);
;// CONCATENATED MODULE: ./packages/cli/src/commands/report.ts





/** Exit code when the report was written but a commit status (or check run) was not posted. */
const EXIT_PUBLISH_FAILED = 2;
const STATUSES = ["success", "failure", "cancelled"];
/**
 * `hil report`: fold a job's journal into its ws2.report.v1, write it, publish it as the
 * commit status of the forge this runs under (or `--pending` when a job claims its slot).
 * Exit 0: written (and published, or nowhere to publish); 2: written, publishing failed;
 * 1: no report could be written.
 */
async function reportCommand(o, env = process.env) {
    const jobDir = o.jobDir ?? env.HIL_JOB_DIR;
    if (!jobDir) {
        throw new src/* ConfigurationError */.j1("No job directory: pass --job-dir or set HIL_JOB_DIR.", {
            hint: "A job's directory is <state_dir>/jobs/<job-key>/ (invocation.json, journal.jsonl).",
        });
    }
    if (o.jobStatus && !STATUSES.includes(o.jobStatus)) {
        throw new src/* ConfigurationError */.j1(`--job-status must be success, failure or cancelled, not "${o.jobStatus}".`);
    }
    const host = (0,host_src/* hostForCi */.CH)((0,ci_src/* ciContext */.U)(env), o.summary ? { summaryFile: o.summary } : {});
    const forge = o.publish
        ? ((0,report_src.forgeFromCi)((0,ci_src/* ciContext */.U)(env), o.checkRun ? { checkRun: true } : {}) ?? null)
        : null;
    if (o.publish && !forge)
        host.info("Not in a GitHub or GitLab job: the report is written, not published.");
    if (o.pending) {
        const job = (0,report_src.loadJob)(jobDir);
        if (!job.invocation) {
            throw new src/* ConfigurationError */.j1(`Cannot post pending: ${job.invocationProblem}.`, {
                hint: "The job-started hook writes invocation.json before posting pending.",
            });
        }
        const out = await (0,report_src.publishPending)(job.invocation, host, {
            forge,
            ...(o.context ? { context: o.context } : {}),
            env,
        });
        for (const x of out) {
            if (x.ok)
                host.info(`posted ${x.forge} ${x.what} ${x.context}: pending`);
            else
                host.error(`${x.error}\n${x.hint ?? ""}`.trim());
        }
        return out.some((x) => !x.ok) ? EXIT_PUBLISH_FAILED : 0;
    }
    let slot = o.slot ?? env.HIL_SLOT;
    if (!slot && !(0,report_src.loadJob)(jobDir).invocation) {
        const inv = loadInventory(o.inventory, env);
        slot = selectSlot(inv.inventory, inv.file, undefined, env).id;
    }
    const identity = (0,report_src.identityFromCi)((0,ci_src/* ciContext */.U)(env), slot);
    const res = await (0,report_src.finishJob)({
        jobDir,
        host,
        env,
        forge,
        ...(o.out ? { reportPath: o.out } : {}),
        ...(o.context ? { context: o.context } : {}),
        ...(o.jobStatus ? { jobStatus: o.jobStatus } : {}),
        ...(identity ? { identity } : {}),
    });
    if (o.json)
        process.stdout.write(host.redact(JSON.stringify(res.report, null, 2)) + "\n");
    return res.publishFailed ? EXIT_PUBLISH_FAILED : 0;
}
/** Registers `hil report` (see commands/index.ts). */
function registerReport(program, common) {
    program
        .command("report")
        .description("assemble a job's ws2.report.v1 from its journal and publish it")
        .option("--job-dir <dir>", "the job's directory (default: HIL_JOB_DIR)")
        .option(...common.slot)
        .option(...common.inventory)
        .option("--out <file>", "where to write the report (default: <job-dir>/report.json)")
        .option("--job-status <status>", "the job's status as the CI sees it: success, failure or cancelled")
        .option("--context <name>", "commit status context (default: hil/<slot>)")
        .option("--check-run", "also create a GitHub check run with the summary")
        .option("--pending", "post a pending status for the job (when it claims its slot) instead of a report")
        .option("--no-publish", "write the report only")
        .option("--summary <file>", "append the Markdown summary to this file (default: GITHUB_STEP_SUMMARY)")
        .option("--json", "print the report")
        .addHelpText("after", "\nTokens come from the environment: HIL_GITHUB_TOKEN (or GITHUB_TOKEN) with statuses: write,\nHIL_GITLAB_TOKEN (or GITLAB_TOKEN), a project access token with the api scope.\nExit status: 0 written and published, 2 written but not published, 1 no report.")
        .action(async (opts) => {
        process.exitCode = await reportCommand(opts);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/sim.ts


/**
 * `hil sim`: serve simulated boards on 127.0.0.1 until SIGINT/SIGTERM. Prints one JSON
 * line per board once everything is ready (pty path, rfc2217 URL, Home Assistant URL,
 * entity, token, slot, MAC); with --inventory also writes a matching slot inventory.
 */
async function runSim(o, io = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
}, stop = untilSignal()) {
    const slots = Number(o.slots);
    if (!Number.isInteger(slots) || slots < 1 || slots > 64)
        throw new src/* ConfigurationError */.j1(`--slots must be a whole number from 1 to 64, got "${o.slots}".`);
    if (o.port !== "pty" && o.port !== "rfc2217")
        throw new src/* ConfigurationError */.j1(`--port must be pty or rfc2217, got "${o.port}".`);
    if (o.pty === false && o.port === "pty")
        throw new src/* ConfigurationError */.j1("--port pty needs the pty doors; drop --no-pty or use --port rfc2217.");
    if (o.start !== "app" && o.start !== "download")
        throw new src/* ConfigurationError */.j1(`--start must be app or download, got "${o.start}".`);
    const lab = await SimLab.start({
        slots,
        dir: o.dir,
        ...(o.persist ? { persist: true } : {}),
        ...(o.pty === false ? { pty: false } : {}),
        ...(o.start === "download" ? { startInDownloadMode: true } : {}),
        ...(o.trace ? { trace: (m) => io.err(`hil sim: ${m}\n`) } : {}),
    });
    try {
        if (o.inventory)
            lab.writeInventory(o.inventory, { port: o.port, baseDir: o.dir });
        for (const e of lab.endpoints())
            io.out(`${JSON.stringify(e)}\n`);
        const sig = await stop;
        io.err(`hil sim: ${sig}, shutting down\n`);
    }
    finally {
        await lab.close();
    }
}
function untilSignal() {
    return new Promise((resolve) => {
        const on = (sig) => {
            process.off("SIGINT", on);
            process.off("SIGTERM", on);
            resolve(sig);
        };
        process.on("SIGINT", on);
        process.on("SIGTERM", on);
    });
}
function registerSim(p) {
    p.command("sim")
        .description("serve simulated ESP32 boards on 127.0.0.1 until killed")
        .option("--slots <n>", "number of boards", "2")
        .option("--inventory <file>", "also write a matching slot inventory (use it with HIL_SLOTS)")
        .option("--dir <dir>", "where pty links, the inventory's lock/cache/state dirs and flash files go", DEFAULT_SIM_DIR)
        .option("--port <door>", "which door the inventory's slots use: rfc2217 (DTR/RTS reset) or pty (reset: none)", "rfc2217")
        .option("--persist", "keep each board's flash in <dir>/flash/<slot>.bin across runs")
        .option("--no-pty", "serve RFC 2217 only (no socat needed)")
        .option("--start <mode>", "first power-on boots the app, or download mode (GPIO0 held low once)", "app")
        .option("--trace", "log simulator events to stderr")
        .action((opts) => runSim(opts));
}

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
        const device = o.device ?? createSerialDevice(o.port, o.deviceOptions);
        if (!o.device && !o.port.startsWith("rfc2217://") && !(0,external_node_fs_.existsSync)(o.port)) {
            const e = missingPortError(o.port, o.deviceOptions?.byIdDir);
            throw new src/* InfrastructureError */.EN(e.message, e.hint ? { hint: e.hint } : {});
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
            throw new src/* InfrastructureError */.EN(`${this.device.port} is not open.`);
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
            throw new src/* ConfigurationError */.j1(`The slot's reset strategy is "none": ${this.device.port} cannot reset the board.`, {
                hint: "Reset it by power (power-cycle: true, with power: in the inventory), or judge the running board as it is.",
            });
        }
        await resetToApp(this.device, strategy);
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
            throw new src/* ConfigurationError */.j1(`power-cycle is set, but slot ${slot.id} has no power: in the inventory.`, {
                hint: "Add the slot's Home Assistant relay (power: url, token_env, entity) to the inventory, or drop power-cycle to reset through the serial port.",
            });
        if (!o.power)
            throw new src/* ConfigurationError */.j1(`power-cycle is set, but this build of hil-test cannot switch power.`, { hint: "Use a hil-actions release with power cycling, or drop power-cycle." });
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
    const newJudge = (startedAt, initialReset) => new ConsoleJudge({ ...o.judge, startedAt, initialReset, onLine });
    /** A verdict without reading: the board could not be reached at all. */
    const unreachable = (e, what) => {
        const at = now();
        const judge = newJudge(t0, false);
        const hint = e instanceof src/* HilError */.ee ? e.hint : undefined;
        judge.infrastructureFailure(at, `${what}: ${e.message ?? String(e)}`, hint);
        log.note(at, `${what}: ${(0,src/* describeError */.Uc)(e)}`);
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
            o.onRecovery?.({ at, action: "power_cycle", result: "failed", detail: (0,src/* describeError */.Uc)(e) });
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
        if (e instanceof src/* ConfigurationError */.j1)
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
                if (e instanceof src/* ConfigurationError */.j1)
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
                if (e instanceof src/* ConfigurationError */.j1)
                    throw e;
                return unreachable(e, "cannot power-cycle the board");
            }
            if (r.result !== "ok")
                return unreachable(new src/* HilError */.ee(`${r.result}${r.error ? `: ${r.error}` : ""}`, {
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
                            emit(j.infrastructureFailure(now(), `the board printed nothing after ${how}; the power cycle failed: ${e.message}`, e instanceof src/* HilError */.ee ? e.hint : undefined));
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
            onLeaseLost = () => emit(j.infrastructureFailure(now(), `the slot's lease was lost while testing: ${(0,src/* describeError */.Uc)(signal.reason)}`, "Someone else may have used the board meanwhile; re-run the job."));
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
    new ConsoleJudge({ ...judge, startedAt: started });
    const job = o.job !== undefined ? (o.job ?? undefined) : findCurrentJob({ inventory, slot: slot.id, env });
    const interrupted = () => o.signal?.aborted ? `the step was interrupted (${(0,src/* describeError */.Uc)(o.signal.reason)})` : undefined;
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
                    commit: (0,ci_src/* ciContext */.U)(env).jobSha,
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
        const j = new ConsoleJudge({ ...judge, startedAt: started });
        j.cancel(Date.now(), early);
        return finish(j.result);
    }
    let session;
    let logPath;
    try {
        await underSlotLease(inventory, slot.id, {
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
            run_recordSlotHealth(inventory, slot.id, session.result, session, host);
        });
    }
    catch (e) {
        if (!session && o.signal?.aborted) {
            // Interrupted while waiting for the slot: cancelled, like an interrupt while reading.
            const j = new ConsoleJudge({ ...judge, startedAt: started });
            j.cancel(Date.now(), interrupted());
            return finish(j.result);
        }
        if (!session) {
            failStep(host, job, step, e, started);
            throw e;
        }
        // The run finished before the lease was found lost: its verdict stands, with a warning.
        host.warn((0,src/* describeError */.Uc)(e));
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
function run_recordSlotHealth(inventory, slot, r, s, host) {
    if (r.status === "cancelled" && s.bytes === 0)
        return;
    const unreachable = r.failureKind === "infrastructure" && (s.bytes === 0 || !s.portOpened || s.portLost);
    try {
        recordHealth(inventory, slot, unreachable ? "infra_failure" : "ok", unreachable ? `${STEP}: ${r.reason}` : undefined);
    }
    catch (e) {
        host.warn(`Could not record slot ${slot}'s health: ${(0,src/* describeError */.Uc)(e)}`);
    }
}
/** A step that could not run: journal why (so the report tells set-up from lab), then rethrow. */
function failStep(host, job, step, e, started) {
    const kind = e instanceof src/* ConfigurationError */.j1 ? "configuration" : "infrastructure";
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
        ...(e instanceof src/* HilError */.ee && e.hint ? { next_action: e.hint } : {}),
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

;// CONCATENATED MODULE: ./packages/hil-test/src/bench.ts







/**
 * A port that delivers a whole console in `chunk`-byte pieces as fast as the reader takes them,
 * starting when the reset releases EN: the session's pipeline is the only limit.
 */
class FloodDevice extends StreamedDevice {
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







;// CONCATENATED MODULE: ./packages/cli/src/commands/test.ts







/**
 * `hil test`: what the hil-test action does, at a terminal or in a CI script: reset the slot's
 * board, read and judge its console, write the console log and JUnit (hil-out/<slot>/ by
 * default), journal into the job when there is one. Exits 0 success, 1 failed, 124 timeout,
 * 130 cancelled.
 */
async function testCommand(o, env = process.env, deps = {}) {
    const timeoutSec = seconds(o.timeout, "--timeout");
    const inactivitySec = seconds(o.inactivityTimeout, "--inactivity-timeout");
    const waitSec = seconds(o.wait, "--wait");
    // With --json the log stays off stdout.
    const host = (0,host_src/* hostForCi */.CH)((0,ci_src/* ciContext */.U)(env), {
        ...(o.summary ? { summaryFile: o.summary } : {}),
        ...(o.json ? { out: (l) => void process.stderr.write(l + "\n") } : {}),
    });
    const out = deps.out ?? ((l) => process.stdout.write(l + "\n"));
    const where = {
        ...(o.slot ? { slot: o.slot } : {}),
        ...(o.inventory ? { inventory: o.inventory } : {}),
    };
    // The fork gate and the job's cancellation flag first, as for every hardware step.
    return withHardwareStep({ name: "hil-test", host, env, ...where }, async ({ inventory, slot, context }) => {
        const workspace = context.ci.workspace ?? process.cwd();
        const power = deps.power
            ? deps.power(slot, host)
            : powerCycler({ inventory, slot, step: "hil-test", host, env });
        const interrupt = interruptSignal();
        try {
            const run = await runHilTest({
                inventory,
                slot,
                job: context.job,
                host,
                env,
                timeoutSec,
                inactivitySec,
                unity: o.unity,
                waitSec,
                echo: !o.quiet && !o.json,
                workspace,
                signal: interrupt.signal,
                ...(o.expect.length ? { expect: o.expect } : {}),
                ...(o.fail.length ? { fail: o.fail } : {}),
                ...(o.unityMenu ? { unityMenu: o.unityMenu } : {}),
                ...(o.powerCycle ? { powerCycle: true } : {}),
                ...(o.outDir ? { outDir: (0,external_node_path_.resolve)(o.outDir) } : {}),
                ...(o.sourceRoot ? { sourceRoots: [o.sourceRoot] } : {}),
                ...(power ? { power } : {}),
            });
            const r = run.result;
            if (o.json) {
                out(host.redact(JSON.stringify({
                    slot: run.slot,
                    status: r.status,
                    exit_code: run.exitCode,
                    failure_kind: r.failureKind ?? null,
                    reason: r.reason,
                    hint: r.hint ?? null,
                    counts: r.counts,
                    failures: r.tests
                        .filter((x) => x.status === "failed")
                        .map((x) => ({ name: x.name, file: x.file, line: x.line, message: x.message })),
                    console_log: run.paths.consoleLog ?? null,
                    junit: run.paths.junit ?? null,
                    job_id: run.job?.id ?? null,
                }, null, 2)));
            }
            else {
                const c = r.counts;
                out(`${run.slot}: ${r.status}${r.failureKind ? ` (${r.failureKind})` : ""}: ${r.reason} — ` +
                    `${c.passed} passed, ${c.failed} failed, ${c.ignored} ignored`);
                if (run.paths.consoleLog)
                    out(`console log: ${run.paths.consoleLog}`);
                if (run.paths.junit)
                    out(`JUnit:       ${run.paths.junit}`);
            }
            return run.exitCode;
        }
        finally {
            interrupt.dispose();
        }
    });
}
const collect = (value, previous) => [...previous, value];
/** Registers `hil test` (see commands/index.ts). */
function registerTest(program) {
    program
        .command("test")
        .description("reset a slot's board into the app and judge its console")
        .option(...slotOption)
        .option(...inventoryOption)
        .option("--timeout <sec>", "seconds the whole run may take", "300")
        .option("--inactivity-timeout <sec>", "seconds without console output before it hangs", "60")
        .option("--expect <pattern>", "a pattern that must appear (/regex/ or text; repeat)", collect, [])
        .option("--fail <pattern>", "a pattern that fails the run (/regex/ or text; repeat)", collect, [])
        .option("--no-unity", "do not judge Unity output (patterns and crashes only)")
        .option("--unity-menu <selection>", 'drive the Unity menu: *, [tag], "name" or an index')
        .option("--power-cycle", "reset by power instead of through the serial port")
        .option("--out-dir <dir>", "console log and JUnit (default: hil-out/<slot>)")
        .option("--source-root <dir>", "where the firmware was built (Unity's paths start with it)")
        .option("--wait <sec>", "seconds to wait for the slot when someone else holds it", "60")
        .option("--quiet", "do not show the console as it arrives")
        .option("--summary <file>", "append the Markdown summary (default: GITHUB_STEP_SUMMARY)")
        .option("--json", "print the verdict as JSON (and not the console)")
        .addHelpText("after", "\nExit status: 0 success, 1 failed (tests, crash, board or set-up), 124 timed out, 130 cancelled.")
        .action(async (opts) => {
        process.exitCode = await testCommand(opts);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/step.ts









function took(ms) {
    return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
/**
 * `hil step --name NAME [--artifact PATH]… -- CMD…`: run CMD as a journaled step of the job
 * that holds the slot, so a user's own shell steps take part in the report. The cancellation
 * flag is checked first (a cancelled job does not start it); while CMD runs, the flag stops it
 * (SIGTERM to its process group, SIGKILL after --grace); SIGINT/SIGTERM/SIGHUP from the runner
 * are recorded as cancelled at once and stop it the same way (a second one kills it). The journal gets one `step` entry (exit code,
 * duration) and an `artifact` entry per --artifact that exists; the exit code is CMD's (128+n
 * for signal n; 130 cancelled, 124 past the job's deadline).
 */
async function runStep(command, o) {
    const graceMs = seconds(o.grace, "--grace") * 1000;
    const host = new host_src/* TerminalHost */.LQ({ out: (l) => process.stderr.write(l + "\n") });
    const cmd = {}; // set once CMD runs; a signal may come before
    let hardKill;
    const kill = (sig) => {
        const child = cmd.child;
        if (!child?.pid || child.exitCode !== null || child.signalCode !== null)
            return;
        try {
            process.kill(-child.pid, sig); // its process group: `sh -c` and what it started
        }
        catch {
            child.kill(sig);
        }
    };
    // The job's flag (hil cancel, the deadline) or a stop signal (recorded as cancelled at once by
    // the step, since a SIGKILL may follow): SIGTERM to CMD, SIGKILL --grace later or on a second signal.
    const stop = () => {
        kill("SIGTERM");
        hardKill ??= setTimeout(() => kill("SIGKILL"), graceMs);
    };
    let opened;
    try {
        opened = await openStep({
            name: o.name,
            host,
            onSignal: (_sig, count) => {
                if (count > 1)
                    kill("SIGKILL");
            },
            ...(o.slot ? { slot: o.slot } : {}),
            ...(o.inventory ? { inventory: o.inventory } : {}),
        });
    }
    catch (e) {
        if (e instanceof JobCancelledError) {
            host.error(`hil step ${o.name}: ${(0,src/* describeError */.Uc)(e)}`);
            return e.exitCode;
        }
        throw e;
    }
    const { step, job, slot, inventoryFile } = opened;
    const started = Date.now();
    const shown = command.join(" ");
    const running = (0,external_node_child_process_.spawn)(command[0], command.slice(1), {
        stdio: "inherit",
        detached: true,
        env: {
            ...process.env,
            ...(job.holder ? leaseEnv(job.holder) : {}),
            HIL_JOB_DIR: job.jobDir,
            HIL_JOB_ID: job.jobId,
            HIL_SLOT: slot.id,
            HIL_SLOTS: inventoryFile,
        },
    });
    cmd.child = running;
    step.signal.addEventListener("abort", stop);
    let code;
    let signal;
    try {
        [code, signal] = await new Promise((resolveExit, reject) => {
            running.once("error", (e) => reject(new src/* ConfigurationError */.j1(`Cannot run ${command[0]}: ${e.code}.`, {
                hint: "Check the command name and PATH.",
            })));
            running.once("exit", (c, s) => resolveExit([c ?? 128 + (s ? (external_node_os_.constants.signals[s] ?? 0) : 0), s]));
        });
    }
    catch (e) {
        step.fail(e);
        throw e;
    }
    finally {
        clearTimeout(hardKill);
        step.signal.removeEventListener("abort", stop);
        step.release();
    }
    for (const a of o.artifact) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(a)))
            step.artifact(a);
        else
            host.warn(`hil step ${o.name}: artifact ${a} does not exist; not listed.`);
    }
    const elapsed = took(Date.now() - started);
    if (step.signal.aborted) {
        const why = step.signal.reason;
        step.finish({
            status: why.status,
            exit_code: why.exitCode,
            summary: why.status === "timeout"
                ? `timed out after ${elapsed}: ${why.detail}`
                : `cancelled after ${elapsed}: ${why.reason}`,
        });
        host.error(`hil step ${o.name}: ${why.reason}; ${shown} was stopped.`);
        return why.exitCode;
    }
    if (code === 0) {
        step.finish({ status: "success", exit_code: 0, summary: `${shown} passed in ${elapsed}` });
    }
    else {
        step.finish({
            status: "failed",
            exit_code: code,
            summary: `${shown} ${signal ? `was killed by ${signal}` : `exited with ${code}`} after ${elapsed}`,
        });
    }
    return code;
}
function registerStep(program) {
    program
        .command("step")
        .description("run a command as a journaled step of the slot's job (exit code, duration, artifacts)")
        .requiredOption("--name <name>", "the step's name in the journal and the report")
        .option("--artifact <path>", "a file the command produces, listed in the report (repeatable)", (v, prev) => [...prev, v], [])
        .option(...slotOption)
        .option(...inventoryOption)
        .option("--grace <seconds>", "after asking the command to stop, kill it this much later", "10")
        .argument("<command...>", "command to run (after --)")
        .action(async (command, opts) => {
        process.exitCode = await runStep(command, opts);
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/index.ts















const COMMANDS = [
    registerSlots,
    registerDoctor,
    registerFlash,
    registerTest,
    registerPowerCycle,
    registerLock,
    (p) => registerReport(p, { slot: slotOption, inventory: inventoryOption }),
    registerBundle,
    registerSim,
    registerStep,
    registerCancel,
    registerHook,
    registerDemo,
    registerBench,
    registerLeaseKeeper,
];

;// CONCATENATED MODULE: ./packages/cli/src/program.ts




/** The `hil` command tree. Each subcommand is a thin door onto a library in packages/. */
function buildProgram() {
    const program = new esm/* Command */.uB("hil")
        .description("Put ESP32 boards into CI: slots, leases, flashing, testing, power, reports.")
        .version(HIL_VERSION)
        .showHelpAfterError("(run hil --help for usage)")
        .configureHelp({ sortSubcommands: false });
    for (const register of COMMANDS)
        register(program);
    return program;
}
/** Run the CLI; resolves to the process exit code. The one error boundary of the CLI. */
async function main(argv) {
    const program = buildProgram().exitOverride();
    try {
        await program.parseAsync(argv, { from: "user" });
        return typeof process.exitCode === "number" ? process.exitCode : 0;
    }
    catch (e) {
        if (e instanceof esm/* CommanderError */.b7)
            return e.exitCode;
        process.stderr.write(`hil: ${(0,src/* describeError */.Uc)(e)}\n`);
        if (!(e instanceof src/* HilError */.ee) && e instanceof Error && process.env.HIL_DEBUG) {
            process.stderr.write(`${e.stack}\n`);
        }
        // Errors that carry their own exit code (a cancelled job: 130, a timeout: 124) keep it.
        const code = e.exitCode;
        return typeof code === "number" && code > 0 ? code : 1;
    }
}


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
  m: () => (/* reexport */ POWER_DOMAINS),
  WI: () => (/* reexport */ REPORT_SCHEMA_VERSION),
  jw: () => (/* reexport */ chip),
  mJ: () => (/* reexport */ commitSha),
  Uc: () => (/* reexport */ describeError),
  Ko: () => (/* reexport */ flashSize),
  Lw: () => (/* reexport */ flashSizeBytes),
  pf: () => (/* reexport */ inventory),
  He: () => (/* reexport */ invocation),
  Ur: () => (/* reexport */ journalEntry),
  eu: () => (/* reexport */ manifest),
  t5: () => (/* reexport */ namedCommit),
  Ku: () => (/* reexport */ parseWith),
  nz: () => (/* reexport */ powerCycleResult),
  z8: () => (/* reexport */ report),
  $A: () => (/* reexport */ utcTimestamp)
});

// UNUSED EXPORTS: PUBLISHED_SCHEMAS, ValidationError, boardIdentity, contractCommitSha, failureKind, formatPath, jsonSchemaText, lane, macAddress, manifestImage, powerConfig, powerCycleOutcome, problemsOf, recoveryAction, recoveryEvent, reportStatus, resetStrategy, role, safeRelativePath, sha256Hex, slot, testCounts, testFailure

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
  LQ: () => (/* reexport */ TerminalHost),
  Hn: () => (/* reexport */ cell),
  CH: () => (/* reexport */ hostForCi),
  Qj: () => (/* reexport */ markdownTable)
});

// UNUSED EXPORTS: GitLabHost, RecordingHost, Redactor

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
