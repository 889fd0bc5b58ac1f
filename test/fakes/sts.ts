import { FakeAwsError, FakeService } from "./fakeService";

export interface FakeSts {
  service: FakeService;
  /** Sessions handed out: which key acts as which role, and under which session name. */
  sessions: { accessKeyId: string; roleArn: string; roleSessionName: string }[];
}

/** STS AssumeRole for the roles in `assumable`; any other role is AccessDenied. */
export function createFakeSts(assumable: string[]): FakeSts {
  const sessions: FakeSts["sessions"] = [];
  const service: FakeService = {
    AssumeRole: (input) => {
      const roleArn = String(input.RoleArn ?? "");
      const roleSessionName = String(input.RoleSessionName ?? "");
      // RoleSessionName: 2-64 characters from [\w+=,.@-] (STS API Reference, AssumeRole; SDK
      // model client-sts/dist-types/models/models_0.d.ts, AssumeRoleRequest.RoleSessionName).
      if (!/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) {
        throw new FakeAwsError(
          "ValidationError",
          `1 validation error detected: Value '${roleSessionName}' at 'roleSessionName' failed to satisfy constraint`,
        );
      }
      if (!assumable.includes(roleArn)) {
        throw new FakeAwsError(
          "AccessDenied",
          `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          403,
        );
      }
      const accessKeyId = `ASIAFAKE${String(sessions.length + 1).padStart(12, "0")}`;
      sessions.push({ accessKeyId, roleArn, roleSessionName });
      const account = roleArn.split(":")[4];
      const roleName = roleArn.split("/").pop();
      return {
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: "fake-secret",
          SessionToken: "fake-session-token",
          Expiration: new Date(Date.now() + 3600_000),
        },
        AssumedRoleUser: {
          AssumedRoleId: `AROAFAKE:${roleSessionName}`,
          Arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${roleSessionName}`,
        },
      };
    },
  };
  return { service, sessions };
}
