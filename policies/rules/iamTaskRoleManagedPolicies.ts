import { StackValidationPolicy } from "@pulumi/policy";
import { notePending, roleLabel, statementsOfRole, taskRoles } from "../lib/roleStatements";
import { breadthProblems } from "../lib/statementBreadth";
import { Undecided } from "../lib/unknowns";

/**
 * A task role holds only scoped grants: an AWS managed policy reaching it (however attached) is
 * judged statement by statement like the stack's own policies. AmazonSSMManagedInstanceCore, for
 * one, belongs on the hybrid activation role: on a task role it lets the application read every
 * SSM parameter of the account. (The stack's own documents are judged by iam-least-privilege.)
 */
export const iamTaskRoleManagedPolicies: StackValidationPolicy = {
  name: "iam-task-role-managed-policies",
  description:
    "Task roles must not get AWS managed policies that grant actions on resources they do not name " +
    "(e.g. AmazonSSMManagedInstanceCore: ssm:GetParameter on every parameter). (cdk-nag IAM4/IAM5)",
  enforcementLevel: "mandatory",
  validateStack: async (args, reportViolation) => {
    const undecided = new Undecided();
    const tasks = taskRoles(args.resources);
    notePending(undecided, tasks.pending);
    for (const role of tasks.roles) {
      const { documents, pending } = statementsOfRole(args.resources, role);
      notePending(undecided, pending);
      for (const document of documents.filter((candidate) => candidate.awsManagedArn)) {
        const problems = (await Promise.all(document.statements.map(breadthProblems))).flat();
        if (problems.length > 0) {
          reportViolation(
            `The task role ${roleLabel(role)} gets ${document.awsManagedArn}: ` +
              `${problems.join(" ")} Give the task role scoped statements instead.`,
            role.urn,
          );
        }
      }
    }
    undecided.finish();
  },
};
