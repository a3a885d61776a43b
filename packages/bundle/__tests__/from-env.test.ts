import { describe, expect, it } from "vitest";
import { ConfigurationError } from "@hil/contracts";
import { GitHubSource, GitLabSource, LocalSource, sourceFromEnv } from "../src/index";
import { SHA } from "./helpers/bundles";

describe("sourceFromEnv", () => {
  it("on GitHub: fw-<sha> in the repository, HIL_SHA over GITHUB_SHA, the hook's token first", async () => {
    const { source, sha } = sourceFromEnv({
      env: {
        GITHUB_ACTIONS: "true",
        GITHUB_REPOSITORY: "acme/thermostat-fw",
        GITHUB_SHA: SHA,
        GITHUB_API_URL: "https://ghe.example/api/v3",
        HIL_GITHUB_TOKEN: "ghs_hook",
        GITHUB_TOKEN: "ghs_job",
      },
    });
    expect(source).toBeInstanceOf(GitHubSource);
    expect(sha).toBe(SHA);
    expect((source as GitHubSource).secrets()).toEqual(["ghs_hook"]);
    expect(source.describe(sha)).toBe(`GitHub artifact "fw-${SHA}" in acme/thermostat-fw`);
    expect(await source.identity(sha)).toBe(
      `github|https://ghe.example/api/v3|acme/thermostat-fw|repo|fw-${SHA}|${SHA}`,
    );
  });

  it("on GitLab: by job id when the dotenv passed one, else by ref and job name", async () => {
    const base = {
      GITLAB_CI: "true",
      CI_SERVER_URL: "https://gitlab.example",
      CI_PROJECT_ID: "42",
      CI_COMMIT_REF_NAME: "main",
      CI_COMMIT_SHA: SHA,
      CI_JOB_TOKEN: "glcbt-x",
    };
    const byRef = sourceFromEnv({ env: base }).source;
    expect(byRef).toBeInstanceOf(GitLabSource);
    expect(byRef.describe(SHA)).toBe(
      `GitLab artifacts of job "bundle" on ref "main" in project 42 at https://gitlab.example (for ${SHA})`,
    );
    const byId = sourceFromEnv({ env: { ...base, HIL_BUNDLE_JOB_ID: "700123" } }).source;
    expect(await byId.identity(SHA)).toBe(`gitlab|https://gitlab.example|42|id:700123|${SHA}`);
    expect(() => sourceFromEnv({ env: { ...base, HIL_BUNDLE_JOB_ID: "soon" } })).toThrow(
      /HIL_BUNDLE_JOB_ID must be a job id/,
    );
  });

  it("HIL_BUNDLE (or a path) wins: a local bundle", () => {
    const { source } = sourceFromEnv({
      env: { GITHUB_ACTIONS: "true", HIL_SHA: SHA, HIL_BUNDLE: "/tmp/fw.zip" },
    });
    expect(source).toBeInstanceOf(LocalSource);
    expect((source as LocalSource).path).toBe("/tmp/fw.zip");
  });

  it("refuses a missing SHA and an unknown CI with what to do", () => {
    expect(() => sourceFromEnv({ env: {} })).toThrow(/must be a full commit SHA/);
    const err = (() => {
      try {
        sourceFromEnv({ env: { HIL_SHA: SHA } });
      } catch (e) {
        return e as ConfigurationError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err!.hint).toMatch(/HIL_BUNDLE=path/);
  });

  it("refuses a GitHub job without a token and a GitLab job without a job", () => {
    expect(() =>
      sourceFromEnv({ env: { GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: "a/b", GITHUB_SHA: SHA } }),
    ).toThrow(/No GitHub token to fetch the bundle artifact with/);
    expect(() =>
      sourceFromEnv({
        env: {
          GITLAB_CI: "true",
          CI_SERVER_URL: "https://g",
          CI_PROJECT_ID: "1",
          CI_COMMIT_SHA: SHA,
        },
      }),
    ).toThrow(/No GitLab token/);
  });
});
