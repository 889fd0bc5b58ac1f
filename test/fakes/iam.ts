import { FakeAwsError, FakeService } from "./fakeService";

export interface FakeIamRole {
  /** With its path: `arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/NAME`. */
  Arn: string;
  /** Actions the role's policies allow (everything else is an implicit deny). */
  allows: string[];
}

/**
 * IAM's role lookup and policy simulator, with the rules the doctor meets (IAM API reference):
 * - GetRole takes the role's name (no path) and returns the role with its full ARN, path
 *   included; an unknown name is NoSuchEntity (GetRoleCommand.d.ts `@throws`).
 * - SimulatePrincipalPolicy's PolicySourceArn must be the ARN of an existing user, group or role,
 *   path included: IAM Identity Center roles live under `/aws-reserved/sso.amazonaws.com/`
 *   (IAM Identity Center user guide, "Roles created by permission sets"), so the ARN rebuilt
 *   from an assumed-role ARN (which carries the role name only: IAM user guide, "IAM
 *   identifiers") names no entity: NoSuchEntity (SimulatePrincipalPolicyCommand.d.ts `@throws`).
 */
export function fakeIam(roles: FakeIamRole[]): FakeService {
  const byName = (name: string) => roles.find((r) => r.Arn.split("/").pop() === name);
  return {
    GetRole(input) {
      const role = byName(String(input.RoleName));
      if (!role) {
        throw new FakeAwsError(
          "NoSuchEntityException",
          `The role with name ${String(input.RoleName)} cannot be found.`,
          404,
        );
      }
      const path = `/${role.Arn.split(":role/")[1].split("/").slice(0, -1).join("/")}/`.replace(
        "//",
        "/",
      );
      return { Role: { Arn: role.Arn, RoleName: String(input.RoleName), Path: path } };
    },
    SimulatePrincipalPolicy(input) {
      const role = roles.find((r) => r.Arn === input.PolicySourceArn);
      if (!role) {
        throw new FakeAwsError(
          "NoSuchEntityException",
          `The principal ${String(input.PolicySourceArn)} does not exist.`,
          404,
        );
      }
      return {
        EvaluationResults: ((input.ActionNames as string[]) ?? []).map((EvalActionName) => ({
          EvalActionName,
          EvalDecision: role.allows.includes(EvalActionName) ? "allowed" : "implicitDeny",
        })),
      };
    },
  };
}
