import { ciContext } from "@hil/ci";
import { join } from "node:path";
import { ConfigurationError, InfrastructureError } from "@hil/contracts";
import type { Host } from "@hil/host";
import {
  checkArtifactServer,
  DEFAULT_API_URL,
  loadArtifactClient,
} from "./internal/actions-artifact";
import type { PackedBundle } from "./pack";

export interface UploadOptions {
  /** Artifact name, e.g. `fw-<sha>`. */
  name: string;
  /** Days GitHub keeps it (1-90); default: the repository's setting. */
  retentionDays?: number;
  host: Host;
}

export interface UploadedBundle {
  id: number;
  name: string;
  /** Bytes of the uploaded zip. */
  size: number;
  /** sha256 (hex) of the uploaded zip, as GitHub records it. */
  zipDigest?: string;
}

/**
 * Upload a packed bundle as a GitHub Actions artifact with @actions/artifact (the Actions
 * results service and blob storage of the running job: ACTIONS_RUNTIME_TOKEN and
 * ACTIONS_RESULTS_URL). Only inside a GitHub Actions job.
 */
export async function uploadBundle(
  bundle: PackedBundle,
  opts: UploadOptions,
): Promise<UploadedBundle> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    throw new ConfigurationError(
      "Cannot upload the bundle: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not inside a GitHub Actions job step).",
      {
        hint: "Run actions/build as a step of a GitHub Actions job; outside Actions use `hil bundle --zip` and store the zip yourself.",
      },
    );
  }
  const ci = ciContext();
  checkArtifactServer(ci.serverUrl);
  const { artifact } = await loadArtifactClient(ci.apiUrl ?? DEFAULT_API_URL);
  const client = new artifact.DefaultArtifactClient();
  try {
    const res = await client.uploadArtifact(
      opts.name,
      bundle.files.map((f) => join(bundle.dir, f)),
      bundle.dir,
      opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {},
    );
    if (res.id === undefined) throw new Error("the service returned no artifact id");
    return {
      id: res.id,
      name: opts.name,
      size: res.size ?? 0,
      ...(res.digest ? { zipDigest: res.digest } : {}),
    };
  } catch (e) {
    const msg = (e as Error).message;
    if (/Conflict|already exists|409/i.test(msg)) {
      throw new ConfigurationError(
        `An artifact named ${opts.name} already exists in this workflow run.`,
        {
          hint: "Artifact names are unique per run: when a matrix builds several targets, set `target:` (fw-<sha>-<target>) or `artifact-name:` per job.",
        },
      );
    }
    throw new InfrastructureError(`Uploading the bundle as ${opts.name} failed: ${msg}`, {
      hint: "GitHub's artifact service or blob storage did not accept it; re-run the job.",
    });
  }
}
