/**
 * The Pulumi project name (`name:` in Pulumi.yaml, which a test pins equal). It is also the
 * namespace of the project's config keys (`fargate-access:service`) and the first half of the
 * stack tag `<project>/<stack>`.
 */
export const PROJECT_NAME = "fargate-access";
