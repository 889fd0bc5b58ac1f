import { runFakeAwsCli } from "./awsCli";

// `aws` on the PATH of a test's shell (see test/helpers/fakeAwsCli.ts): the CLI model of ./awsCli.
void runFakeAwsCli(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
});
