import { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { Undecided } from "./unknowns";
import { attachedGroups, WorldOpenGroup, worldOpenGroups } from "../model/securityGroups";

/** What both security-group rules report: a group open to a whole address family. */
export function reportWorldOpen(
  args: StackValidationArgs,
  reportViolation: ReportViolation,
  select: (group: WorldOpenGroup, users: string[] | undefined) => string | undefined,
): void {
  const undecided = new Undecided();
  const attached = attachedGroups(args.resources, undecided);
  for (const group of worldOpenGroups(args.resources, undecided)) {
    const where = select(group, attached.get(group.groupId));
    if (where !== undefined) {
      reportViolation(
        `Security group ${group.group?.name ?? group.groupId} admits every ${group.families.join(" and ")} ` +
          `address (rules of ${group.openedBy.join(", ")})${where}; allow only the sources that ` +
          "need it (another security group, a prefix list, a VPC CIDR).",
        group.group?.urn,
      );
    }
  }
  undecided.finish();
}
