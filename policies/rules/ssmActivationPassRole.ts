import { StackValidationPolicy } from "@pulumi/policy";
import { statementAllows, statementName } from "../lib/iamDocument";
import { allStatements, statementsOfRole } from "../lib/roleStatements";
import { TYPES } from "../lib/resourceTypes";
import { passedToServices } from "./iamPassRoleScoped";

const SSM = "ssm.amazonaws.com";

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
      const statements = allStatements(statementsOfRole(args.resources, role));
      if (!statements.some((statement) => statementAllows(statement, "ssm:CreateActivation"))) {
        continue;
      }
      for (const statement of statements.filter((s) => statementAllows(s, "iam:PassRole"))) {
        const services = passedToServices(statement);
        if (services?.length !== 1 || services[0] !== SSM) {
          reportViolation(
            `Role ${String(role.props.name ?? role.name)}, statement ${statementName(statement)}: ` +
              `iam:PassRole beside ssm:CreateActivation must carry the condition iam:PassedToService = ${SSM} ` +
              `(found ${services ? services.join(", ") : "none that names a service"}). ` +
              "Keep the entry point's statements as components/strategies/sessionManager/statements.ts builds them.",
            role.urn,
          );
        }
      }
    }
  },
};
