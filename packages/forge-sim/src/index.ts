export {
  FakeServer,
  jsonBody,
  type Handler,
  type Route,
  type RouteContext,
  type RouteResult,
  type SeenRequest,
} from "./server";
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
