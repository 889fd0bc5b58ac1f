import { StackValidationPolicy } from "@pulumi/policy";
import { statementAllows, statementName } from "../lib/iamDocument";
import { allStatements, roleLabel, RoleGrants, statementsOfRole } from "../lib/roleStatements";
import { TYPES } from "../lib/resourceTypes";
import { passedToServices } from "./iamPassRoleScoped";

const SSM = "ssm.amazonaws.com";

// Roles resolve to shared grants (lib/roleStatements.ts), so each set of grants is judged once.
const verdicts = new WeakMap<RoleGrants, [string, string][]>();

/** PassRole statements beside ssm:CreateActivation that do not pass to SSM only: [name, found]. */
function unscopedPasses(grants: RoleGrants): [string, string][] {
  let verdict = verdicts.get(grants);
  if (!verdict) {
    const statements = allStatements(grants);
    verdict = !statements.some((statement) => statementAllows(statement, "ssm:CreateActivation"))
      ? []
      : statements
          .filter((statement) => statementAllows(statement, "iam:PassRole"))
          .flatMap((statement): [string, string][] => {
            const services = passedToServices(statement);
            return services?.length === 1 && services[0] === SSM
              ? []
              : [
                  [
                    statementName(statement),
                    services ? services.join(", ") : "none that names a service",
                  ],
                ];
          });
    verdicts.set(grants, verdict);
  }
  return verdict;
}

/**
 * A role that may create hybrid activations (the Session Manager entry point's) passes roles to
 * SSM only: with `iam:PassRole` open to other services, a task could hand the activation role —
 * or any role it may pass — to a service that runs code as it. Judged over everything the role
 * gets, so splitting the two grants over several policies does not hide them.
 */
export const ssmActivationPassRole: StackValidationPolicy = {
  name: "ssm-activation-passrole-scoped",
  description:
    "Roles that may call ssm:CreateActivation must allow iam:PassRole only with " +
    "iam:PassedToService = ssm.amazonaws.com. (cdk-nag IAM5)",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const role of args.resources.filter((resource) => resource.type === TYPES.role)) {
      for (const [statement, found] of unscopedPasses(statementsOfRole(args.resources, role))) {
        reportViolation(
          `Role ${roleLabel(role)}, statement ${statement}: ` +
            `iam:PassRole beside ssm:CreateActivation must carry the condition iam:PassedToService = ${SSM} ` +
            `(found ${found}). ` +
            "Keep the entry point's statements as strategies/sessionManager/statements.ts builds them.",
          role.urn,
        );
      }
    }
  },
};
