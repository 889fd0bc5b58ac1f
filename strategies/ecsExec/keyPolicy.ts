import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../../components/awsContext";

/**
 * Key policy for the exec session key: the account administers it and delegates use to IAM
 * (the task and operator roles get `kms:Decrypt` / `kms:GenerateDataKey` in their own policies,
 * scoped to this key), and CloudWatch Logs may use it only for the exec session log group.
 */
export function execKeyPolicy(context: AwsContext, logGroupArn: pulumi.Input<string>) {
  const { partition, region, accountId } = context;
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersKeyAndDelegatesToIam",
        Effect: "Allow",
        Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncryptsSessionLogGroup",
        Effect: "Allow",
        Principal: { Service: pulumi.interpolate`logs.${region}.amazonaws.com` },
        Action: [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
      },
    ],
  });
}
