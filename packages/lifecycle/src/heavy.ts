/**
 * The forge and bundle libraries (octokit, gitbeaker, @actions/artifact) are most of the hooks'
 * bundle. They are loaded on first use, after the started hook holds the slot (ncc puts them in
 * their own chunk). Loading them while the keeper starts was measured slower on a busy 2-core
 * host: both processes compete for the CPU.
 */
export const loadReport = () => import("@hil/report");
export const loadBundle = () => import("@hil/bundle");
