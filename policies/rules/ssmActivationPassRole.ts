import { ResourceValidationPolicy } from "@pulumi/policy";
import { NormalizedStatement, parsePolicyDocument, statementAllows } from "../lib/iamDocument";
import { policyDocumentsOf } from "../lib/policyDocuments";

const SSM = "ssm.amazonaws.com";

/** The values a statement's conditions require for `iam:PassedToService`, in any operator. */
function passedToServices(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition).flatMap((byKey) =>
    Object.entries(byKey ?? {})
      .filter(([key]) => key.toLowerCase() === "iam:passedtoservice")
      .flatMap(([, value]) => (Array.isArray(value) ? value : [value]).map(String)),
  );
}

/**
 * A policy that may create hybrid activations (the Session Manager entry point's) passes roles to
 * SSM only: with `iam:PassRole` open to other services, a task could hand the activation role —
 * or any role it may pass — to a service that runs code as it.
 */
export const ssmActivationPassRole: ResourceValidationPolicy = {
  name: "ssm-activation-passrole-scoped",
  description:
    "Policies that allow ssm:CreateActivation must allow iam:PassRole only on named roles and only " +
    "with iam:PassedToService = ssm.amazonaws.com. (cdk-nag IAM5)",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    for (const document of policyDocumentsOf(args.type, args.props)) {
      const parsed = parsePolicyDocument(document);
      if (parsed.kind !== "parsed") {
        continue;
      }
      if (
        !parsed.statements.some((statement) => statementAllows(statement, "ssm:CreateActivation"))
      ) {
        continue;
      }
      for (const statement of parsed.statements.filter((s) => statementAllows(s, "iam:PassRole"))) {
        const services = passedToServices(statement);
        const name = statement.sid ?? "(no Sid)";
        if (services.length !== 1 || services[0] !== SSM) {
          reportViolation(
            `Statement ${name}: iam:PassRole beside ssm:CreateActivation must carry the condition ` +
              `iam:PassedToService = ${SSM} (found ${services.length ? services.join(", ") : "none"}). ` +
              "Keep the entry point's statements as components/strategies/sessionManager/statements.ts builds them.",
          );
        }
        if (statement.resources.some((resource) => resource.includes("*"))) {
          reportViolation(
            `Statement ${name}: iam:PassRole beside ssm:CreateActivation must name the activation role, not ${statement.resources.join(", ")}.`,
          );
        }
      }
    }
  },
};
