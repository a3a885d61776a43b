#!/usr/bin/env bash
# GitHub runner job-completed hook. In the runner's .env:
#   ACTIONS_RUNNER_HOOK_JOB_COMPLETED=/opt/hil-actions/runner-hooks/github-job-completed.sh
# The runner runs it with `bash -e` after the job's last step, whether the job passed, failed or
# was cancelled: writes and publishes the job's ws2.report.v1 and releases the bundle pins and
# the slot's lease. Safe to run twice. See docs/runner-setup.md.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "${HIL_NODE:-node}" "$here/dist/index.js" completed
