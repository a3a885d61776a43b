export {
  FakeServer,
  jsonBody,
  type Handler,
  type Route,
  type RouteContext,
  type RouteResult,
  type SeenRequest,
} from "./server";
export { GitHubArtifactsFake, type FakeArtifact, type FakeRun } from "./github-artifacts";
export { GitLabArtifactsFake, type FakeJob } from "./gitlab-artifacts";
export {
  GitHubStatusFake,
  type FakeCheckRun,
  type FakeCommitStatus,
  type GitHubStatusFakeOptions,
  type GitHubTokenGrant,
} from "./github-status";
export {
  GitLabStatusFake,
  type FakeGitLabStatus,
  type GitLabStatusFakeOptions,
} from "./gitlab-status";
