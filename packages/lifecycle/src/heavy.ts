/**
 * The forge and bundle libraries (octokit, gitbeaker, @actions/artifact) are most of the hooks'
 * bundle. They are loaded on first use, so the started hook claims the slot while they load
 * instead of after (ncc puts them in their own chunk).
 */
export const loadReport = () => import("@hil/report");
export const loadBundle = () => import("@hil/bundle");
