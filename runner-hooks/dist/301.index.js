export const id = 301;
export const ids = [301];
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
                Promise.resolve(/* import() eager */).then(__webpack_require__.bind(__webpack_require__, 9645)),
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
