/** The parts of a private ECR image URI: `ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPO[:TAG|@DIGEST]`. */
export interface EcrImageReference {
  accountId: string;
  region: string;
  repository: string;
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** Parses a private ECR image URI; `undefined` for any other registry (they need no IAM). */
export function parseEcrImage(image: string): EcrImageReference | undefined {
  const match = ECR_IMAGE.exec(image);
  return match ? { accountId: match[1], region: match[2], repository: match[3] } : undefined;
}
