// The plugin's entry: every component exported here is a resource of the package schema
// (`fargate-access:index:<Class>`), introspected by Pulumi's component analyzer from the
// TypeScript sources (@pulumi/pulumi provider/experimental). The components themselves live in
// the library, which the project's own program uses too.
export * from "../library";
