export { GitHubHost } from "./github-host";
export { booleanInput, intInput, readInputs, secondsInput } from "./inputs";
export { runAction } from "./run";
