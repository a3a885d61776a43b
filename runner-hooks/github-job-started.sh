#!/usr/bin/env bash
# GitHub runner job-started hook. In the runner's .env:
#   ACTIONS_RUNNER_HOOK_JOB_STARTED=/opt/hil-actions/runner-hooks/github-job-started.sh
# The runner runs it with `bash -e` before the job's first step: refuses a fork's pull request
# without an opt-in and an unhealthy slot, claims the slot's lease for the job, writes
# ws2.invocation.v1, posts `pending`, fetches the job's bundle into the host cache.
# A non-zero exit fails the job before any step runs. See docs/runner-setup.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "${HIL_NODE:-node}" "$here/dist/index.js" started
