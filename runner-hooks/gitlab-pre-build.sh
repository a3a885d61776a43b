# GitLab Runner job-started hook, SOURCED by pre_build_script in config.toml:
#   pre_build_script = ". /opt/hil-actions/runner-hooks/gitlab-pre-build.sh"
# It runs in the job's own shell (after the sources are fetched, before before_script and
# script), so the variables it exports (HIL_SLOT, HIL_JOB_ID, HIL_JOB_DIR, HIL_LEASE_TOKEN,
# HIL_SLOTS) reach the job's script. A refusal exits the job's shell: the job fails with the
# message, and GitLab still runs after_script (where gitlab-job-completed.sh cleans up).
# Shell executor only: the hook needs the host's lock, state and cache dirs.
__hil_hooks="${HIL_HOOKS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)}"
__hil_env="$(mktemp "${TMPDIR:-/tmp}/hil-env.XXXXXX")"
if HIL_HOOK_ENV_FILE="$__hil_env" "${HIL_NODE:-node}" "$__hil_hooks/dist/index.js" started; then
  . "$__hil_env"
  rm -f "$__hil_env"
  unset __hil_hooks __hil_env
else
  __hil_rc=$?
  rm -f "$__hil_env"
  exit "$__hil_rc"
fi
