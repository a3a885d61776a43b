import { ciContext } from "@hil/ci";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  bundleArtifactName,
  packBundle,
  requireFullSha,
  runBuildCommand,
  type PackedBundle,
} from "@hil/bundle";
import { ConfigurationError } from "@hil/contracts";
import { TerminalHost } from "@hil/host";

interface BundleOptions {
  out?: string;
  zip?: string | boolean;
  sha?: string;
  target?: string;
  repo?: string;
  command?: string;
  dotenv?: string;
  json?: boolean;
}

/** The commit to record: --sha, else the CI's, else the checkout's HEAD. */
function commitOf(explicit: string | undefined, cwd: string): string {
  const fromEnv = explicit ?? process.env.HIL_SHA ?? ciContext().jobSha;
  if (fromEnv) return requireFullSha(fromEnv, "--sha");
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return requireFullSha(head, "git rev-parse HEAD");
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    throw new ConfigurationError(`Which commit is this build from? ${cwd} is not a git checkout.`, {
      hint: "Pass --sha <full commit SHA> (the bundle records it; the hardware lane refuses any other commit).",
    });
  }
}

const hex = (n: number) => `0x${n.toString(16)}`;

function describeBundle(name: string, p: PackedBundle): string {
  const m = p.manifest;
  const lines = [
    `Bundle ${name} for ${m.commit_sha}: ${m.chip}, flash ${m.flash.mode}/${m.flash.freq}/${m.flash.size}` +
      (m.app?.project_name ? `, ${m.app.project_name} ${m.app.version ?? ""}`.trimEnd() : ""),
    ...m.images.map(
      (i) =>
        `  ${hex(i.offset).padStart(9)}  ${String(i.size).padStart(9)}  ${i.sha256.slice(0, 16)}  ${i.file}`,
    ),
    `  directory  ${p.dir}`,
  ];
  if (p.zipPath) lines.push(`  zip        ${p.zipPath} (${p.zipBytes} bytes)`);
  lines.push(`  manifest   sha256 ${p.digest}`);
  return lines.join("\n");
}

/** `hil bundle [build-dir]`: what actions/build does, minus the upload, for any CI or a desk. */
export function registerBundle(program: Command): void {
  program
    .command("bundle")
    .description("package an ESP-IDF build directory into a firmware bundle (directory and zip)")
    .argument("[build-dir]", "ESP-IDF build directory (holds flasher_args.json)", "build")
    .option("--out <dir>", "bundle directory to write (default: fw-<sha>[-<target>])")
    .option("--zip [file]", "also write a zip (default: <out>.zip)")
    .option(
      "--sha <sha>",
      "commit the firmware was built from (default: HIL_SHA, GITHUB_SHA, CI_COMMIT_SHA, git HEAD)",
    )
    .option(
      "--target <name>",
      "build target, for commits with several bundles (names it fw-<sha>-<target>)",
    )
    .option(
      "--repo <repo>",
      "repository recorded in the manifest (default: GITHUB_REPOSITORY / CI_PROJECT_PATH)",
    )
    .option("--command <cmd>", "build command to run first, e.g. 'idf.py build'")
    .option("--dotenv <file>", "write HIL_BUNDLE_* variables for a GitLab dotenv report")
    .option("--json", "print the result as JSON")
    .action(async (buildDirArg: string, opts: BundleOptions) => {
      const host = new TerminalHost({ out: (l) => process.stderr.write(l + "\n") });
      const cwd = process.cwd();
      if (opts.command) {
        const command = opts.command;
        await host.group(`Build: ${command}`, () => runBuildCommand(command, cwd, host));
      }
      const sha = commitOf(opts.sha, cwd);
      const name = bundleArtifactName(sha, opts.target);
      const outDir = resolve(opts.out ?? name);
      const zipPath =
        opts.zip === undefined || opts.zip === false
          ? undefined
          : resolve(opts.zip === true ? `${outDir}.zip` : opts.zip);
      const repo = opts.repo ?? ciContext().repo;
      const packed = await packBundle({
        buildDir: resolve(buildDirArg),
        outDir,
        sha,
        ...(repo ? { repo } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        ...(zipPath ? { zipPath } : {}),
      });
      if (opts.dotenv) {
        const vars: Record<string, string> = {
          HIL_BUNDLE_SHA: sha,
          HIL_BUNDLE_DIGEST: packed.digest,
          HIL_BUNDLE_NAME: name,
        };
        const glJob = ciContext().gitlab.jobId;
        if (glJob) vars.HIL_BUNDLE_JOB_ID = glJob;
        writeFileSync(
          opts.dotenv,
          Object.entries(vars)
            .map(([k, v]) => `${k}=${v}\n`)
            .join(""),
        );
      }
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(
            {
              name,
              dir: packed.dir,
              zip: packed.zipPath ?? null,
              digest: packed.digest,
              bytes: packed.bytes,
              manifest: packed.manifest,
            },
            null,
            2,
          ) + "\n",
        );
      } else {
        process.stdout.write(describeBundle(name, packed) + "\n");
      }
    });
}
