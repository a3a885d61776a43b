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
