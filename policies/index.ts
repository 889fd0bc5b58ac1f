import { PolicyPack } from "@pulumi/policy";
import { ALL_POLICIES } from "./policies";

// Constructing the pack starts its analyzer gRPC server; only this entry file does that.
new PolicyPack("fargate-access", { policies: ALL_POLICIES });
