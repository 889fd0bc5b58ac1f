import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the stack deploys: the values every ARN is built from. */
export interface AwsContext {
  partition: pulumi.Output<string>;
  region: pulumi.Output<string>;
  accountId: pulumi.Output<string>;
}

/** Looks the context up once, through the stack's provider. */
export function lookupAwsContext(opts: pulumi.InvokeOutputOptions): AwsContext {
  return {
    partition: aws.getPartitionOutput({}, opts).partition,
    region: aws.getRegionOutput({}, opts).region,
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
  };
}

/** Builds ARNs for the stack's partition, region and account, never by hand-written templates. */
export class ArnBuilder {
  constructor(private readonly context: AwsContext) {}

  /** `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. */
  regional(service: string, resource: pulumi.Input<string>): pulumi.Output<string> {
    const { partition, region, accountId } = this.context;
    return pulumi.interpolate`arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  }

  logGroup(name: pulumi.Input<string>): pulumi.Output<string> {
    return this.regional("logs", pulumi.interpolate`log-group:${name}`);
  }

  /** Log streams of a group: what `logs:PutLogEvents` and `logs:CreateLogStream` act on. */
  logStreams(logGroupName: pulumi.Input<string>): pulumi.Output<string> {
    return this.regional("logs", pulumi.interpolate`log-group:${logGroupName}:log-stream:*`);
  }

  ecsTasksOf(clusterName: pulumi.Input<string>): pulumi.Output<string> {
    return this.regional("ecs", pulumi.interpolate`task/${clusterName}/*`);
  }

  ecsTaskDefinitionFamily(family: pulumi.Input<string>): pulumi.Output<string> {
    return this.regional("ecs", pulumi.interpolate`task-definition/${family}:*`);
  }

  eventsRule(name: string): pulumi.Output<string> {
    return this.regional("events", `rule/${name}`);
  }

  /** An SSM document AWS owns (no account in its ARN), e.g. `AWS-RunShellScript`. */
  awsOwnedSsmDocument(name: string): pulumi.Output<string> {
    const { partition, region } = this.context;
    return pulumi.interpolate`arn:${partition}:ssm:${region}::document/${name}`;
  }
}
