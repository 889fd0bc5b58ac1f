import { PolicyPack } from "@pulumi/policy";
import { PACK_POLICIES } from "./pack";

// Constructing the pack starts its analyzer gRPC server; only this entry file does that.
new PolicyPack("fargate-access", { policies: PACK_POLICIES });
