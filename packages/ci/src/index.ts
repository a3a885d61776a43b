export {
  ciContext,
  type ChangeRequest,
  type CiContext,
  type Forge,
  type GitLabFacts,
} from "./context";
export { PULL_REQUEST_EVENTS, type GitHubEvent, type PullRequest, type Repo } from "./event";
