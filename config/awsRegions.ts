import { didYouMean } from "../lib/suggest";

/**
 * The AWS regions per partition, as the AWS SDK's endpoint metadata lists them
 * (`@aws-sdk/core` util-endpoints `partitions.js`, version 3.981; the `*-global` pseudo
 * regions left out). test/config/awsRegions.test.ts checks this table against the installed copy.
 */
export const REGIONS_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "me-west-1",
    "mx-central-1",
    "sa-east-1",
    "sa-west-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-eusc": ["eusc-de-east-1"],
  "aws-iso": ["us-iso-east-1", "us-iso-west-1"],
  "aws-iso-b": ["us-isob-east-1", "us-isob-west-1"],
  "aws-iso-e": ["eu-isoe-west-1"],
  "aws-iso-f": ["us-isof-east-1", "us-isof-south-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

export const AWS_REGIONS: readonly string[] = Object.values(REGIONS_BY_PARTITION).flat();

/** The partition a known region belongs to (`aws`, `aws-cn`, …); `undefined` for others. */
export function partitionOf(region: string): string | undefined {
  return Object.keys(REGIONS_BY_PARTITION).find((p) => REGIONS_BY_PARTITION[p].includes(region));
}

/** What is wrong with `aws:region`, or `undefined` when it is a known region. */
export function regionProblem(region: string | undefined): string | undefined {
  if (region === undefined || region === "") {
    return "aws:region: is required; set it with `pulumi config set aws:region ap-northeast-1` (or in Pulumi.<stack>.yaml).";
  }
  if (AWS_REGIONS.includes(region)) {
    return undefined;
  }
  const zone = /^([a-z]+-[a-z]+-\d+)[a-z]$/.exec(region);
  const hint =
    zone && AWS_REGIONS.includes(zone[1])
      ? ` That is an availability zone; its region is ${zone[1]}.`
      : didYouMean(region, AWS_REGIONS);
  return `aws:region: ${JSON.stringify(region)} is not an AWS region.${hint} Use a region code such as ap-northeast-1 or us-east-1.`;
}
