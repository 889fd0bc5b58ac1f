import { didYouMean } from "../lib/suggest";

/**
 * The AWS regions per partition, as the AWS SDK's endpoint metadata lists them
 * (`@aws-sdk/core` util-endpoints `partitions.js`, version 3.981; the `*-global` pseudo
 * regions left out). test/config/flatConfig.test.ts checks this table against the installed copy.
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

/**
 * The place in each region's name, from the same metadata ("Asia Pacific (Tokyo)" → Tokyo), so
 * that `aws:region: tokyo` can be answered with its code. Regions named after a whole country
 * or direction only (Canada (Central), Mexico (Central)) are left out.
 */
export const REGION_PLACES: Readonly<Record<string, string>> = {
  "af-south-1": "Cape Town",
  "ap-east-1": "Hong Kong",
  "ap-east-2": "Taipei",
  "ap-northeast-1": "Tokyo",
  "ap-northeast-2": "Seoul",
  "ap-northeast-3": "Osaka",
  "ap-south-1": "Mumbai",
  "ap-south-2": "Hyderabad",
  "ap-southeast-1": "Singapore",
  "ap-southeast-2": "Sydney",
  "ap-southeast-3": "Jakarta",
  "ap-southeast-4": "Melbourne",
  "ap-southeast-5": "Malaysia",
  "ap-southeast-6": "New Zealand",
  "ap-southeast-7": "Thailand",
  "ca-west-1": "Calgary",
  "eu-central-1": "Frankfurt",
  "eu-central-2": "Zurich",
  "eu-north-1": "Stockholm",
  "eu-south-1": "Milan",
  "eu-south-2": "Spain",
  "eu-west-1": "Ireland",
  "eu-west-2": "London",
  "eu-west-3": "Paris",
  "il-central-1": "Tel Aviv",
  "me-central-1": "UAE",
  "me-south-1": "Bahrain",
  "me-west-1": "Saudi Arabia",
  "sa-east-1": "Sao Paulo",
  "sa-west-1": "Chile",
  "us-east-1": "N. Virginia",
  "us-east-2": "Ohio",
  "us-west-1": "N. California",
  "us-west-2": "Oregon",
  "cn-north-1": "Beijing",
  "cn-northwest-1": "Ningxia",
};

const AWS_REGIONS: readonly string[] = Object.values(REGIONS_BY_PARTITION).flat();

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
  const place = regionOfPlace(region);
  const hint =
    zone && AWS_REGIONS.includes(zone[1])
      ? ` That is an availability zone; its region is ${zone[1]}.`
      : place
        ? ` The ${REGION_PLACES[place]} region's code is ${place}.`
        : didYouMean(region, AWS_REGIONS);
  const advice = hint || " Use a region code such as ap-northeast-1 or us-east-1.";
  return `aws:region: ${JSON.stringify(region)} is not an AWS region.${advice}`;
}

/** The region whose place name is `text` (case and spacing ignored), e.g. `tokyo`. */
function regionOfPlace(text: string): string | undefined {
  const plain = (value: string) => value.toLowerCase().replace(/[^a-z]/g, "");
  return Object.keys(REGION_PLACES).find((code) => plain(REGION_PLACES[code]) === plain(text));
}
