import type { CiContext } from "@hil/ci";
import type { WorkflowStatus } from "@hil/report";

/**
 * The job's status as the CI says it, when it says it: GitLab's after_script sees
 * CI_JOB_STATUS (success, failed, canceled); GitHub's completed hook is told nothing.
 */
export function ciJobStatus(ci: CiContext): WorkflowStatus | undefined {
  switch (ci.gitlab.jobStatus) {
    case "success":
      return "success";
    case "failed":
      return "failure";
    case "canceled":
    case "canceling":
      return "cancelled";
    default:
      return undefined;
  }
}
