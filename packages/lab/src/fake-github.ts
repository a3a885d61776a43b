import {
  FakeServer,
  GitHubArtifactsFake,
  GitHubStatusFake,
  type FakeCommitStatus,
} from "@hil/forge-sim";

/**
 * A local GitHub on 127.0.0.1 with the parts the project uses: the Actions artifact service
 * (upload from the build job, download by the hardware lane) and commit statuses / check runs.
 * Two tokens: the workflow's GITHUB_TOKEN (`jobToken`), and the lab's own token the runner hooks
 * use (`labToken`, HIL_GITHUB_TOKEN); both may post statuses.
 */
export class FakeGitHub {
  readonly server = new FakeServer();
  readonly artifacts = new GitHubArtifactsFake();
  readonly jobToken = "ghs_demoJobToken0123456789abcdef";
  readonly statuses: GitHubStatusFake;

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
  get labToken(): string {
    return this.artifacts.token;
  }

  get apiUrl(): string {
    return this.server.baseUrl;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** A workflow run; its ACTIONS_RUNTIME_TOKEN lets the build job upload artifacts. */
  run(id: number, headSha: string): { runtimeToken: string } {
    return this.artifacts.run({ id, headSha });
  }

  /** The newest status per context on a commit, as GitHub shows them on the commit. */
  latestStatuses(sha: string): Map<string, FakeCommitStatus> {
    const latest = new Map<string, FakeCommitStatus>();
    for (const s of this.statuses.statuses) if (s.sha === sha) latest.set(s.context, s);
    return latest;
  }
}
