import * as assert from "assert";
import { TYPES } from "../../policies/lib/resourceTypes";
import { ecsExecChannelPermissions } from "../../policies/rules/ecsExecChannelPermissions";
import { iamNoBroadManagedPolicies } from "../../policies/rules/iamNoBroadManagedPolicies";
import { iamTaskRoleManagedPolicies } from "../../policies/rules/iamTaskRoleManagedPolicies";
import { iamTaskRoleTrust } from "../../policies/rules/iamTaskRoleTrust";
import { iamTrustNoWildcardPrincipal } from "../../policies/rules/iamTrustNoWildcardPrincipal";
import { ssmActivationPassRole } from "../../policies/rules/ssmActivationPassRole";
import { declareCase } from "./coverage";
import { stackViolationsOf, violationsOf } from "./runPolicy";
import { UNKNOWN } from "../../policies/lib/unknowns";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
};

// Every rule here has passing and failing cases below (for the coverage meta-test).
for (const rule of [
  iamNoBroadManagedPolicies,
  iamTaskRoleManagedPolicies,
  iamTaskRoleTrust,
  iamTrustNoWildcardPrincipal,
  ssmActivationPassRole,
  ecsExecChannelPermissions,
]) {
  declareCase(rule.name, "pass");
  declareCase(rule.name, "fail");
}

// Stack fixtures shaped as the engine gives them to stack rules: inputs plus outputs (a role's
// `name`, `id` = its name, `arn`; a policy's `arn`, `id` = its ARN).

const ACCOUNT = "123456789012";
const MANAGED = "arn:aws:iam::aws:policy/";
type Fixture = { type: string; props: Record<string, unknown> };

const document = (...statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const trust = (principal: unknown, condition?: unknown) =>
  document({
    Effect: "Allow",
    Principal: principal,
    Action: "sts:AssumeRole",
    ...(condition ? { Condition: condition } : {}),
  });
const THIS_ACCOUNT = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
const ECS_TASKS_TRUST = trust({ Service: "ecs-tasks.amazonaws.com" }, THIS_ACCOUNT);
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const role = (name: string, props: Record<string, unknown> = {}): Fixture => ({
  type: TYPES.role,
  props: { assumeRolePolicy: ECS_TASKS_TRUST, name, id: name, arn: roleArn(name), ...props },
});
const taskDefinition = (taskRole: string, executionRole = "exec"): Fixture => ({
  type: TYPES.taskDefinition,
  props: {
    arn: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/f:1`,
    family: "f",
    taskRoleArn: roleArn(taskRole),
    executionRoleArn: roleArn(executionRole),
  },
});
const customerPolicy = (name: string, ...statements: Record<string, unknown>[]): Fixture => ({
  type: TYPES.policy,
  props: {
    name,
    policy: document(...statements),
    arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    id: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
  },
});
const attach = (roleName: string, policyArn: string): Fixture => ({
  type: TYPES.rolePolicyAttachment,
  props: { role: roleName, policyArn },
});
const CHANNELS = {
  Effect: "Allow",
  Action: [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ],
  Resource: "*",
};

describe("iam-no-broad-managed-policies: AWS managed policies judged by their documents", () => {
  const attachedBy: [string, string, (arn: string) => Record<string, unknown>][] = [
    ["a Role's managedPolicyArns", TYPES.role, (arn) => ({ managedPolicyArns: [arn] })],
    [
      "a RolePolicyAttachment",
      TYPES.rolePolicyAttachment,
      (arn) => ({ role: "r", policyArn: arn }),
    ],
    ["a PolicyAttachment", TYPES.policyAttachment, (arn) => ({ roles: ["r"], policyArn: arn })],
    [
      "a RolePolicyAttachmentsExclusive",
      TYPES.rolePolicyAttachmentsExclusive,
      (arn) => ({ roleName: "r", policyArns: [arn] }),
    ],
  ];
  // Scoped AWS managed policies: their statements name the resources (or take none).
  const passing = [
    "CloudWatchLambdaApplicationSignalsExecutionRolePolicy",
    "service-role/AmazonDMSCloudWatchLogsRole",
    "AWSAccountUsageReportAccess",
  ];
  const failing: [string, RegExp][] = [
    ["AdministratorAccess", /grants every action on every resource \(administrator\)\. /],
    ["PowerUserAccess", /grants every action except iam:\*, organizations:\*, account:\*\. /],
    ["job-function/NetworkAdministrator", /permission management on any resource .*full access/],
    ["AdministratorAccess-Amplify", /iam:AttachRolePolicy.*full access/],
    ["ReadOnlyAccess", /Read\/List actions on any resource in \d{3} services/],
    ["job-function/ViewOnlyAccess", /Read\/List actions on any resource in \d+ services/],
    ["AmazonS3ReadOnlyAccess", /most Read actions of s3.* on any resource \(read everything\)/],
    ["IAMFullAccess", /every action of iam on any resource \(full access\)/],
    // Not broad by category, but rejected statement by statement, as the same document inline
    // would be by iam-least-privilege (issue 22: managed policies on non-task roles).
    [
      "service-role/AmazonECSTaskExecutionRolePolicy",
      /\(judged statement by statement\): Statement Statement\[0\]: grants ecr:BatchCheckLayerAvailability, .* on \* with no condition that scopes them\. /,
    ],
    [
      "AmazonSSMManagedInstanceCore",
      /\(judged statement by statement\): .* grants ssm:DescribeAssociation, .*ssm:GetParameter .* on \*/,
    ],
    [
      "service-role/AWSLambdaBasicExecutionRole",
      /\(judged statement by statement\): .* grants logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents, which take resource ARNs, on \*/,
    ],
  ];
  for (const [how, type, props] of attachedBy) {
    for (const name of passing) {
      it(`passes: ${name} through ${how}`, async () => {
        assert.deepStrictEqual(
          await violationsOf(iamNoBroadManagedPolicies, type, props(MANAGED + name)),
          [],
        );
      });
    }
    for (const [name, reason] of failing) {
      it(`fails: ${name} through ${how}`, async () => {
        const violations = await violationsOf(
          iamNoBroadManagedPolicies,
          type,
          props(MANAGED + name),
        );
        assert.strictEqual(violations.length, 1, violations.join("\n"));
        assert.ok(
          violations[0].startsWith(
            `Attaches the AWS managed policy ${MANAGED}${name}, which grants `,
          ),
          violations[0],
        );
        assert.match(violations[0], reason);
        assert.ok(
          violations[0].endsWith(
            "Grant what the role needs with scoped statements (components/iam.ts) instead.",
          ),
        );
      });
    }
  }

  it("passes: AdministratorAccess as a permissions boundary (a boundary grants nothing)", async () => {
    const props = { permissionsBoundary: `${MANAGED}AdministratorAccess`, managedPolicyArns: [] };
    assert.deepStrictEqual(await violationsOf(iamNoBroadManagedPolicies, TYPES.role, props), []);
  });

  it("passes: customer managed policies (their documents are judged by iam-least-privilege)", async () => {
    const props = { role: "r", policyArn: `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess` };
    assert.deepStrictEqual(
      await violationsOf(iamNoBroadManagedPolicies, TYPES.rolePolicyAttachment, props),
      [],
    );
  });

  it("fails: an AWS managed policy the data does not know", async () => {
    const props = { role: "r", policyArn: `${MANAGED}NoSuchPolicy` };
    assert.deepStrictEqual(
      await violationsOf(iamNoBroadManagedPolicies, TYPES.rolePolicyAttachment, props),
      [
        `Attaches ${MANAGED}NoSuchPolicy, which is not in the pack's snapshot of AWS managed policies (policies/data/awsManagedPolicies.json), so what it grants cannot be judged: check the name, or refresh the snapshot (npm run update-managed-policies).`,
      ],
    );
  });
});

describe("iam-task-role-managed-policies (stack rule)", () => {
  const core = `${MANAGED}AmazonSSMManagedInstanceCore`;
  const coreOnTask =
    `The task role task gets ${core}: Statement Statement[0]: grants ssm:DescribeAssociation, ` +
    "ssm:GetDocument, ssm:DescribeDocument, ssm:GetParameter and 6 more, which take resource ARNs, on * " +
    "with no condition that scopes them. Give the task role scoped statements instead.";
  const ways: [string, Fixture[]][] = [
    ["a RolePolicyAttachment by role name", [role("task"), attach("task", core)]],
    ["a RolePolicyAttachment by role ARN", [role("task"), attach(roleArn("task"), core)]],
    ["the role's managedPolicyArns", [role("task", { managedPolicyArns: [core] })]],
    [
      "a PolicyAttachment",
      [role("task"), { type: TYPES.policyAttachment, props: { roles: ["task"], policyArn: core } }],
    ],
    [
      "a RolePolicyAttachmentsExclusive",
      [
        role("task"),
        {
          type: TYPES.rolePolicyAttachmentsExclusive,
          props: { roleName: "task", policyArns: [core] },
        },
      ],
    ],
  ];
  for (const [how, resources] of ways) {
    it(`fails: AmazonSSMManagedInstanceCore on the task role through ${how}`, async () => {
      const violations = await stackViolationsOf(iamTaskRoleManagedPolicies, [
        taskDefinition("task"),
        ...resources,
      ]);
      assert.deepStrictEqual(violations, [coreOnTask]);
    });
  }

  it("passes: the same policy on the hybrid activation role, and the execution policy on the execution role", async () => {
    const resources = [
      taskDefinition("task", "exec"),
      role("task"),
      role("activation", {
        assumeRolePolicy: trust({ Service: "ssm.amazonaws.com" }, THIS_ACCOUNT),
      }),
      attach("activation", core),
      role("exec"),
      attach("exec", `${MANAGED}service-role/AmazonECSTaskExecutionRolePolicy`),
    ];
    assert.deepStrictEqual(await stackViolationsOf(iamTaskRoleManagedPolicies, resources), []);
  });

  it("passes: a task role with customer managed policies only", async () => {
    const resources = [
      taskDefinition("task"),
      role("task"),
      customerPolicy("channels", CHANNELS),
      attach("task", `arn:aws:iam::${ACCOUNT}:policy/channels`),
    ];
    assert.deepStrictEqual(await stackViolationsOf(iamTaskRoleManagedPolicies, resources), []);
  });
});

describe("iam-task-role-trust (stack rule)", () => {
  const fix =
    "Trust only Service ecs-tasks.amazonaws.com with StringEquals aws:SourceAccount (components/iam.ts serviceTrustPolicy).";
  const cases: [string, string, string[]][] = [
    ["ecs-tasks.amazonaws.com from this account", ECS_TASKS_TRUST, []],
    [
      "ecs-tasks.amazonaws.com with aws:SourceArn in this account",
      trust(
        { Service: "ecs-tasks.amazonaws.com" },
        { ArnLike: { "aws:SourceArn": `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:*` } },
      ),
      [],
    ],
    ["every principal", trust("*", THIS_ACCOUNT), ["it trusts every principal (*)"]],
    [
      "another service beside ECS tasks",
      trust({ Service: ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"] }, THIS_ACCOUNT),
      ["it also trusts Service lambda.amazonaws.com"],
    ],
    [
      "an account beside ECS tasks",
      trust(
        { Service: "ecs-tasks.amazonaws.com", AWS: "arn:aws:iam::210987654321:root" },
        THIS_ACCOUNT,
      ),
      ["it also trusts AWS arn:aws:iam::210987654321:root"],
    ],
    [
      "no aws:SourceAccount",
      trust({ Service: "ecs-tasks.amazonaws.com" }),
      ["it does not pin aws:SourceAccount (or aws:SourceArn) to this account (confused deputy)"],
    ],
    [
      "aws:SourceAccount = *",
      trust({ Service: "ecs-tasks.amazonaws.com" }, { StringLike: { "aws:SourceAccount": "*" } }),
      ["it does not pin aws:SourceAccount (or aws:SourceArn) to this account (confused deputy)"],
    ],
    [
      "aws:SourceArn in any account",
      trust(
        { Service: "ecs-tasks.amazonaws.com" },
        { ArnLike: { "aws:SourceArn": "arn:aws:ecs:*:*:*" } },
      ),
      ["it does not pin aws:SourceAccount (or aws:SourceArn) to this account (confused deputy)"],
    ],
  ];
  for (const [title, policy, problems] of cases) {
    it(`${problems.length ? "fails" : "passes"}: ${title}`, async () => {
      const violations = await stackViolationsOf(iamTaskRoleTrust, [
        taskDefinition("task"),
        role("task", { assumeRolePolicy: policy }),
      ]);
      assert.deepStrictEqual(
        violations,
        problems.length
          ? [`The task role task is too widely trusted: ${problems.join("; ")}. ${fix}`]
          : [],
      );
    });
  }

  it("fails: a role named as taskRoleArn that ECS tasks do not even assume", async () => {
    const resources = [
      taskDefinition("task"),
      role("task", { assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }, THIS_ACCOUNT) }),
    ];
    assert.deepStrictEqual(await stackViolationsOf(iamTaskRoleTrust, resources), [
      `The task role task is too widely trusted: it also trusts Service ec2.amazonaws.com. ${fix}`,
    ]);
  });

  it("passes: roles of other services (a Lambda's, an operator's)", async () => {
    const resources = [
      role("fn", { assumeRolePolicy: trust({ Service: "lambda.amazonaws.com" }, THIS_ACCOUNT) }),
      role("operator", {
        assumeRolePolicy: trust({ AWS: [`arn:aws:iam::${ACCOUNT}:role/admin`] }),
      }),
    ];
    assert.deepStrictEqual(await stackViolationsOf(iamTaskRoleTrust, resources), []);
  });
});

describe("iam-trust-no-wildcard-principal: every role the stack creates", () => {
  const open = (what: string) =>
    `The trust policy lets every principal assume this role (${what}). ` +
    "Name the principals (an account, role or service), or pin aws:PrincipalAccount / aws:PrincipalOrgID.";
  const cases: [string, string, string[]][] = [
    ["a service from this account", ECS_TASKS_TRUST, []],
    ["named operator roles", trust({ AWS: [roleArn("admin")] }), []],
    [
      "* pinned to this organisation",
      trust("*", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }),
      [],
    ],
    ["Principal *", trust("*"), [open("Principal *")]],
    ['{"AWS": "*"}', trust({ AWS: "*" }), [open("Principal *")]],
    [
      "* with a wildcard account",
      trust("*", { StringLike: { "aws:PrincipalAccount": "*" } }),
      [open("Principal *")],
    ],
    [
      "NotPrincipal",
      document({ Effect: "Allow", NotPrincipal: { AWS: roleArn("x") }, Action: "sts:AssumeRole" }),
      [open("NotPrincipal")],
    ],
  ];
  for (const [title, policy, messages] of cases) {
    it(`${messages.length ? "fails" : "passes"}: ${title}`, async () => {
      assert.deepStrictEqual(
        await violationsOf(iamTrustNoWildcardPrincipal, TYPES.role, { assumeRolePolicy: policy }),
        messages,
      );
    });
  }
});

describe("ssm-activation-passrole-scoped (stack rule, over every policy of a role)", () => {
  const create = { Sid: "Create", Effect: "Allow", Action: "ssm:CreateActivation", Resource: "*" };
  const pass = (condition?: unknown) => ({
    Sid: "Pass",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: roleArn("activation"),
    ...(condition ? { Condition: condition } : {}),
  });
  const toSsm = { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } };
  const message = (found: string) =>
    `Role task, statement Pass: iam:PassRole beside ssm:CreateActivation must carry the condition iam:PassedToService = ssm.amazonaws.com (found ${found}). ` +
    "Keep the entry point's statements as strategies/sessionManager/statements.ts builds them.";
  const split = (passStatement: Record<string, unknown>): Fixture[] => [
    role("task"),
    { type: TYPES.rolePolicy, props: { name: "create", role: "task", policy: document(create) } },
    customerPolicy("pass", passStatement),
    attach("task", `arn:aws:iam::${ACCOUNT}:policy/pass`),
  ];

  it("passes: PassRole to SSM only, split over a RolePolicy and an attached Policy", async () => {
    assert.deepStrictEqual(await stackViolationsOf(ssmActivationPassRole, split(pass(toSsm))), []);
  });
  it("fails: PassRole to any service, split over a RolePolicy and an attached Policy", async () => {
    assert.deepStrictEqual(await stackViolationsOf(ssmActivationPassRole, split(pass())), [
      message("none that names a service"),
    ]);
  });
  it("fails: PassRole to EC2 as well, in one inline policy", async () => {
    const inline = [
      {
        name: "entry",
        policy: document(
          create,
          pass({
            StringEquals: { "iam:PassedToService": ["ssm.amazonaws.com", "ec2.amazonaws.com"] },
          }),
        ),
      },
    ];
    assert.deepStrictEqual(
      await stackViolationsOf(ssmActivationPassRole, [role("task", { inlinePolicies: inline })]),
      [message("ssm.amazonaws.com, ec2.amazonaws.com")],
    );
  });
  it("passes: PassRole without CreateActivation (iam-passrole-scoped judges it)", async () => {
    assert.deepStrictEqual(
      await stackViolationsOf(ssmActivationPassRole, [
        role("task", { inlinePolicies: [{ name: "p", policy: document(pass()) }] }),
      ]),
      [],
    );
  });
});

describe("ecs-exec-channel-permissions: every way a policy reaches the task role", () => {
  const service: Fixture = {
    type: TYPES.service,
    props: {
      enableExecuteCommand: true,
      taskDefinition: `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/f:1`,
    },
  };
  const base = [service, taskDefinition("task"), role("task")];
  const channelsPolicyArn = `arn:aws:iam::${ACCOUNT}:policy/channels`;

  it("passes: a customer managed policy attached with rolePolicyAttachment (matched by its ARN output)", async () => {
    const resources = [
      ...base,
      customerPolicy("channels", CHANNELS),
      attach("task", channelsPolicyArn),
    ];
    assert.deepStrictEqual(await stackViolationsOf(ecsExecChannelPermissions, resources), []);
  });
  it("passes: the same policy attached with a PolicyAttachment", async () => {
    const resources = [
      ...base,
      customerPolicy("channels", CHANNELS),
      { type: TYPES.policyAttachment, props: { roles: ["task"], policyArn: channelsPolicyArn } },
    ];
    assert.deepStrictEqual(await stackViolationsOf(ecsExecChannelPermissions, resources), []);
  });
  it("passes: the channels split over two RolePolicies", async () => {
    const half = (actions: string[], name: string): Fixture => ({
      type: TYPES.rolePolicy,
      props: {
        name,
        role: "task",
        policy: document({ Effect: "Allow", Action: actions, Resource: "*" }),
      },
    });
    const resources = [
      ...base,
      half(["ssmmessages:Create*"], "a"),
      half(["ssmmessages:Open*"], "b"),
    ];
    assert.deepStrictEqual(await stackViolationsOf(ecsExecChannelPermissions, resources), []);
  });
  it("passes: a customer managed policy made outside the stack (its document is not visible)", async () => {
    const resources = [...base, attach("task", `arn:aws:iam::${ACCOUNT}:policy/elsewhere`)];
    assert.deepStrictEqual(await stackViolationsOf(ecsExecChannelPermissions, resources), []);
  });
  it("fails: the RolePolicy that grants them is removed by rolePoliciesExclusive", async () => {
    const resources = [
      ...base,
      {
        type: TYPES.rolePolicy,
        props: { name: "channels", role: "task", policy: document(CHANNELS) },
      },
      { type: TYPES.rolePoliciesExclusive, props: { roleName: "task", policyNames: ["other"] } },
    ];
    const violations = await stackViolationsOf(ecsExecChannelPermissions, resources);
    assert.strictEqual(violations.length, 1);
    assert.match(
      violations[0],
      /^enableExecuteCommand is on but the task role task does not allow ssmmessages:CreateControlChannel, /,
    );
  });
});

describe("IAM stack rules during a preview (unknown values)", () => {
  /** Runs a stack rule as the server does: props behind the unknown-checking proxy. */
  async function judgeStack(policy: typeof iamTaskRoleTrust, resources: Fixture[]) {
    const violations: string[] = [];
    const proxied = resources.map((resource, index) => ({
      type: resource.type,
      name: `r${index}`,
      urn: `urn:pulumi:test::fargate-access::${resource.type}::r${index}`,
      props: unknownCheckingProxy(structuredClone(resource.props)),
    }));
    let undecided = "";
    try {
      await policy.validateStack(
        { resources: proxied, getConfig: () => ({}) } as never,
        (m: string) => violations.push(m),
      );
    } catch (error) {
      undecided = (error as Error).message;
    }
    return { violations, undecided };
  }

  it("reports the known wide trust and leaves the unknown trust policy undecided", async () => {
    const second = {
      ...taskDefinition("other"),
      props: { ...taskDefinition("other").props, arn: "td2" },
    };
    const result = await judgeStack(iamTaskRoleTrust, [
      taskDefinition("task"),
      role("task", { assumeRolePolicy: UNKNOWN }),
      second,
      role("other", { assumeRolePolicy: trust("*", THIS_ACCOUNT) }),
    ]);
    assert.deepStrictEqual(result.violations, [
      "The task role other is too widely trusted: it trusts every principal (*). " +
        "Trust only Service ecs-tasks.amazonaws.com with StringEquals aws:SourceAccount (components/iam.ts serviceTrustPolicy).",
    ]);
    assert.match(result.undecided, /^not judged until the values are known: r1\.assumeRolePolicy/);
  });

  it("judges the task role it can find when another task definition's role is unknown", async () => {
    const unknownRole = { type: TYPES.taskDefinition, props: { arn: "td2", taskRoleArn: UNKNOWN } };
    const result = await judgeStack(iamTaskRoleManagedPolicies, [
      taskDefinition("task"),
      role("task"),
      attach("task", `${MANAGED}AmazonSSMManagedInstanceCore`),
      unknownRole,
    ]);
    assert.strictEqual(result.violations.length, 1);
    assert.match(
      result.violations[0],
      /^The task role task gets arn:aws:iam::aws:policy\/AmazonSSMManagedInstanceCore/,
    );
    assert.match(result.undecided, /r3\.taskRoleArn/);
  });
});
