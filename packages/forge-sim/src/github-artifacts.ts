import { createHash, randomBytes, randomUUID } from "node:crypto";
import { jsonBody, type Route, type RouteContext, type RouteResult } from "./server";

/**
 * GitHub Actions artifacts (v4), the subset @actions/artifact v6 and the REST API clients call:
 *
 * - upload: the Actions results Twirp service (`CreateArtifact`, `FinalizeArtifact`, and
 *   `ListArtifacts`/`GetSignedArtifactURL` for same-run downloads), authenticated by the job's
 *   ACTIONS_RUNTIME_TOKEN (a JWT whose `scp` names the run and job backend ids), and Azure
 *   block-blob upload (`PUT ?comp=block`, `PUT ?comp=blocklist`) to the signed URL;
 * - download: REST `GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts`,
 *   `GET /repos/{owner}/{repo}/actions/artifacts?name=`, and
 *   `GET /repos/{owner}/{repo}/actions/artifacts/{id}/zip`, which answers 302 to a signed blob
 *   URL that serves the zip.
 *
 * Mount with `server.route(...fake.routes())`; point ACTIONS_RESULTS_URL and GITHUB_API_URL at
 * the server.
 */
export interface FakeRun {
  id: number;
  headSha: string;
  headBranch: string;
  runBackendId: string;
  jobBackendId: string;
}

export interface FakeArtifact {
  id: number;
  name: string;
  repository: string;
  run: FakeRun;
  zip: Buffer;
  /** `sha256:<hex>` as FinalizeArtifact recorded it; null for artifacts without one. */
  digest: string | null;
  expired: boolean;
  createdAt: string;
  expiresAt: string;
}

interface PendingUpload {
  name: string;
  run: FakeRun;
  blobPath: string;
  expiresAt?: string;
}

const TWIRP = "/twirp/github.actions.results.api.v1.ArtifactService";
const RUN_SCOPE = "Actions.Results";

const b64url = (s: string) => Buffer.from(s).toString("base64url");

const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export class GitHubArtifactsFake {
  readonly artifacts: FakeArtifact[] = [];
  readonly runs: FakeRun[] = [];
  /** Blob downloads served, by artifact id. */
  readonly downloads = new Map<number, number>();
  /** The token the REST API accepts (`Authorization: token …` or `Bearer …`). */
  token = "ghs_fakeRestToken0123456789";
  /** More tokens it accepts (a workflow's GITHUB_TOKEN, which has actions: read). */
  readonly extraTokens = new Set<string>();
  /** The repository the fake holds (`owner/repo`). */
  repository = "acme/thermostat-fw";
  /** Rewrite the bytes a blob download serves (e.g. truncate them). */
  serveBlob?: (artifact: FakeArtifact, zip: Buffer) => Buffer;

  private nextId = 4242;
  private readonly pending = new Map<string, PendingUpload>();
  private readonly blocks = new Map<string, Map<string, Buffer>>();
  private readonly committed = new Map<string, Buffer>();
  private readonly signatures = new Map<string, Set<string>>();

  /** A workflow run, and the ACTIONS_RUNTIME_TOKEN a job of it would get. */
  run(opts: { id: number; headSha: string; headBranch?: string }): {
    run: FakeRun;
    runtimeToken: string;
  } {
    let run = this.runs.find((r) => r.id === opts.id);
    if (!run) {
      run = {
        id: opts.id,
        headSha: opts.headSha,
        headBranch: opts.headBranch ?? "main",
        runBackendId: randomUUID(),
        jobBackendId: randomUUID(),
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
  addArtifact(opts: {
    name: string;
    runId: number;
    headSha: string;
    zip: Buffer;
    expired?: boolean;
    /** Default: the zip's real digest; `null` for an artifact without one. */
    digest?: string | null;
  }): FakeArtifact {
    const { run } = this.run({ id: opts.runId, headSha: opts.headSha });
    const now = new Date();
    const a: FakeArtifact = {
      id: this.nextId++,
      name: opts.name,
      repository: this.repository,
      run,
      zip: opts.zip,
      digest:
        opts.digest === undefined
          ? `sha256:${createHash("sha256").update(opts.zip).digest("hex")}`
          : opts.digest,
      expired: opts.expired ?? false,
      createdAt: utc(now),
      expiresAt: utc(new Date(now.getTime() + (opts.expired ? -1 : 90) * 86400_000)),
    };
    this.artifacts.push(a);
    return a;
  }

  /** Blob downloads served in total. */
  downloadCount(): number {
    return [...this.downloads.values()].reduce((a, b) => a + b, 0);
  }

  private runOf(ctx: RouteContext): FakeRun | undefined {
    const auth = ctx.req.headers.authorization ?? "";
    const jwt = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!jwt) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as {
        scp?: string;
      };
      const scope = (claims.scp ?? "").split(" ").find((s) => s.startsWith(`${RUN_SCOPE}:`));
      const [, runBackendId, jobBackendId] = (scope ?? "").split(":");
      return this.runs.find(
        (r) => r.runBackendId === runBackendId && r.jobBackendId === jobBackendId,
      );
    } catch {
      return undefined;
    }
  }

  private twirp(handler: (ctx: RouteContext, run: FakeRun) => RouteResult): Route["handler"] {
    return (ctx) => {
      const run = this.runOf(ctx);
      if (!run)
        return { status: 401, body: { code: "unauthenticated", msg: "invalid runtime token" } };
      return handler(ctx, run);
    };
  }

  private restAuth(ctx: RouteContext): RouteResult | undefined {
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

  private rest(a: FakeArtifact, baseUrl: string) {
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

  private list(ctx: RouteContext, filter: (a: FakeArtifact) => boolean): RouteResult {
    const denied = this.restAuth(ctx);
    if (denied) return denied;
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

  private signedUrl(baseUrl: string, blobPath: string): string {
    const sig = randomBytes(16).toString("base64url");
    const sigs = this.signatures.get(blobPath) ?? new Set<string>();
    sigs.add(sig);
    this.signatures.set(blobPath, sigs);
    const se = encodeURIComponent(utc(new Date(Date.now() + 3600_000)));
    return `${baseUrl}/fakeblob/${blobPath}?sv=2023-11-03&se=${se}&sr=b&sp=rcw&sig=${sig}`;
  }

  routes(): Route[] {
    return [
      {
        method: "POST",
        pattern: `${TWIRP}/CreateArtifact`,
        handler: this.twirp((ctx, run) => {
          const req = jsonBody<{ name?: string; expires_at?: string; version?: number }>(ctx.req);
          if (!req.name) return { status: 400, body: { code: "invalid_argument", msg: "name" } };
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
          const req = jsonBody<{ name?: string; size?: string; hash?: string }>(ctx.req);
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
          const a: FakeArtifact = {
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
          const req = jsonBody<{ name_filter?: string; id_filter?: string }>(ctx.req);
          const found = this.artifacts.filter(
            (a) =>
              a.run.id === run.id &&
              !a.expired &&
              (req.name_filter === undefined || a.name === req.name_filter) &&
              (req.id_filter === undefined || String(a.id) === String(req.id_filter)),
          );
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
          const req = jsonBody<{ name?: string }>(ctx.req);
          const a = this.artifacts.find((x) => x.run.id === run.id && x.name === req.name);
          if (!a) return { status: 404, body: { code: "not_found", msg: "artifact not found" } };
          return { status: 200, body: { signed_url: this.downloadUrl(a, ctx.baseUrl) } };
        }),
      },
      {
        // Azure block blob: stage a block, or commit the block list.
        method: "PUT",
        pattern: "/fakeblob/*blob",
        handler: (ctx) => {
          const blobPath = ctx.params.blob!;
          if (!this.signatures.get(blobPath)?.has(ctx.req.query.get("sig") ?? "")) {
            return {
              status: 403,
              body: Buffer.from("<Error><Code>AuthenticationFailed</Code></Error>"),
            };
          }
          const comp = ctx.req.query.get("comp");
          const headers = {
            "x-ms-request-id": randomUUID(),
            "x-ms-version": "2023-11-03",
            etag: `"0x${randomBytes(8).toString("hex").toUpperCase()}"`,
            "last-modified": new Date().toUTCString(),
          };
          if (comp === "block") {
            const id = ctx.req.query.get("blockid") ?? "";
            const blocks = this.blocks.get(blobPath) ?? new Map<string, Buffer>();
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
            ].map((m) => m[1]!);
            const blocks = this.blocks.get(blobPath) ?? new Map<string, Buffer>();
            const missing = ids.find((id) => !blocks.has(id));
            if (missing !== undefined) {
              return {
                status: 400,
                body: Buffer.from("<Error><Code>InvalidBlockList</Code></Error>"),
              };
            }
            this.committed.set(blobPath, Buffer.concat(ids.map((id) => blocks.get(id)!)));
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
          const blobPath = ctx.params.blob!;
          if (!this.signatures.get(blobPath)?.has(ctx.req.query.get("sig") ?? "")) {
            return {
              status: 403,
              body: Buffer.from("<Error><Code>AuthenticationFailed</Code></Error>"),
            };
          }
          const a = this.artifacts.find(
            (x) => `downloads/${x.id}/${encodeURIComponent(x.name)}.zip` === blobPath,
          );
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
          if (denied) return denied;
          const a = this.artifacts.find((x) => String(x.id) === ctx.params.id);
          if (!a) return { status: 404, body: { message: "Not Found" } };
          return { status: 200, body: this.rest(a, ctx.baseUrl) };
        },
      },
      {
        method: "GET",
        pattern: "/repos/:owner/:repo/actions/artifacts/:id/:format",
        handler: (ctx) => {
          const denied = this.restAuth(ctx);
          if (denied) return denied;
          const a = this.artifacts.find((x) => String(x.id) === ctx.params.id);
          if (!a || ctx.params.format !== "zip")
            return { status: 404, body: { message: "Not Found" } };
          if (a.expired) return { status: 410, body: { message: "Artifact has expired" } };
          return { status: 302, headers: { location: this.downloadUrl(a, ctx.baseUrl) } };
        },
      },
    ];
  }

  private downloadUrl(a: FakeArtifact, baseUrl: string): string {
    return this.signedUrl(baseUrl, `downloads/${a.id}/${encodeURIComponent(a.name)}.zip`);
  }
}
