import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ciContext } from "@hil/ci";
import { readInputs, runAction } from "@hil/actions-kit";
import {
  bundleArtifactName,
  packBundle,
  requireFullSha,
  runBuildCommand,
  uploadBundle,
} from "@hil/bundle";
import { markdownTable } from "@hil/host";
import { ACTION, inputs } from "./inputs";

const hex = (n: number) => `0x${n.toString(16)}`;

await runAction(async (host) => {
  const i = readInputs(inputs, ACTION, []);
  const ci = ciContext();
  const workspace = ci.workspace ?? process.cwd();
  const cwd = resolve(workspace, i["working-directory"]);
  const sha = requireFullSha(i.sha ?? ci.jobSha, "The commit SHA (input sha or GITHUB_SHA)");
  const name = i["artifact-name"] ?? bundleArtifactName(sha, i.target);

  if (i.command) {
    const command = i.command;
    await host.group(`Build: ${command}`, () => runBuildCommand(command, cwd, host));
  }

  const buildDir = resolve(cwd, i["build-dir"]);
  const outDir = join(ci.tempDir ?? tmpdir(), "hil-bundles", name);
  await rm(outDir, { recursive: true, force: true });
  const packed = await host.group(`Package ${buildDir} as ${name}`, async () => {
    const p = await packBundle({
      buildDir,
      outDir,
      sha,
      ...(ci.repo ? { repo: ci.repo } : {}),
      ...(i.target ? { target: i.target } : {}),
    });
    for (const img of p.manifest.images)
      host.info(
        `${hex(img.offset).padStart(9)}  ${String(img.size).padStart(8)}  ${img.sha256.slice(0, 16)}  ${img.file}`,
      );
    host.info(
      `manifest ${p.digest} (${p.manifest.chip}, ${p.manifest.images.length} images, ${p.bytes} bytes)`,
    );
    return p;
  });

  const uploaded = await host.group(`Upload ${name}`, () =>
    uploadBundle(packed, {
      name,
      host,
      ...(i["retention-days"] !== undefined ? { retentionDays: i["retention-days"] } : {}),
    }),
  );
  host.info(`Uploaded ${name}: artifact ${uploaded.id}, ${uploaded.size} bytes`);

  host.setOutput("artifact-id", uploaded.id);
  host.setOutput("artifact-name", name);
  host.setOutput("manifest-digest", packed.digest);
  host.setOutput("bundle-dir", packed.dir);
  host.setOutput("sha", sha);

  const m = packed.manifest;
  await host.writeSummary(
    [
      `### Firmware bundle \`${name}\``,
      "",
      `Commit \`${sha}\` · ${m.chip} · flash ${m.flash.mode}/${m.flash.freq}/${m.flash.size}` +
        (m.app?.project_name ? ` · ${m.app.project_name} ${m.app.version ?? ""}` : "") +
        (m.app?.idf_version ? ` · ESP-IDF ${m.app.idf_version}` : ""),
      "",
      markdownTable(
        ["offset", "image", "bytes", "sha256"],
        m.images.map((img) => [
          hex(img.offset),
          img.file,
          img.size,
          `\`${img.sha256.slice(0, 16)}…\``,
        ]),
      ),
      `Manifest digest \`${packed.digest}\` · artifact ${uploaded.id} (${uploaded.size} bytes zipped)`,
      "",
    ].join("\n"),
  );
});
