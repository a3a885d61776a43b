// One slot of a runner host fetching its job's bundle, as a separate process: used to check
// that several processes sharing a cache download a bundle once.
// usage: node --import tsx consumer.ts <gitlab-url> <cache-dir> <sha> <holder>
import { RecordingHost } from "@hil/host";
import { BundleCache, fetchBundle, GitLabSource } from "../../src/index";

const [host, cacheDir, sha, holder] = process.argv.slice(2) as [string, string, string, string];
const h = await fetchBundle({
  source: new GitLabSource({
    host,
    project: 42,
    ref: "main",
    job: "bundle",
    jobToken: process.env.HIL_TEST_JOB_TOKEN!,
  }),
  sha,
  cache: new BundleCache({ dir: cacheDir }),
  holder,
  host: new RecordingHost(),
});
process.stdout.write(JSON.stringify({ digest: h.digest, cacheHit: h.cacheHit, dir: h.dir }) + "\n");
