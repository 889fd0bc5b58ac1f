import * as pulumi from "@pulumi/pulumi";

/**
 * What a strategy's physical names (log groups, state machine, cleanup function, the Session
 * Manager stack tag) are scoped by: the stack, as the project's own program has always named
 * them, for a component under its strategy's default name; the stack and the component's name
 * otherwise, so that a team's program may attach the same strategy to two services in one stack
 * without the two claiming one log group or one state machine name.
 */
export function instanceScope(name: string, defaultName: string): string {
  const stack = pulumi.getStack();
  return name === defaultName ? stack : `${stack}-${name}`;
}
