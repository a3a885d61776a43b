#!/usr/bin/env bash
# GitLab Runner job-completed hook. GitLab runs post_build_script only after a successful
# script (it shares the script's shell, which stops at the first failure), so call this from
#  - the job's after_script (runs after success, failure, and since GitLab 17.0 cancellation,
#    with CI_JOB_STATUS set), and
#  - post_build_script in config.toml (a successful job releases its slot even if a project
#    forgot the after_script line).
# Writes and publishes the job's ws2.report.v1 and releases the bundle pins and the slot's
# lease. Safe to run twice: the second run only says the job was already completed.
set -uo pipefail
here="${HIL_HOOKS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
exec "${HIL_NODE:-node}" "$here/dist/index.js" completed
