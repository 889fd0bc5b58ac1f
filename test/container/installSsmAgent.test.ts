import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const CONTAINER = path.join(PROJECT_ROOT, "container");
const INSTALL = path.join(CONTAINER, "install-ssm-agent.sh");

/**
 * The package that provides `script` (util-linux's, which the SSM agent runs to record a
 * session) on each base: Amazon Linux's util-linux (its minimal container image lacks it),
 * Alpine's util-linux-misc (its busybox is built without the applet: aports
 * main/busybox/busyboxconfig "CONFIG_SCRIPT is not set"), Debian's bsdutils (`dpkg -S
 * /usr/bin/script`).
 */
const SCRIPT_PACKAGE = { dnf: "util-linux", apk: "util-linux-misc", "apt-get": "bsdutils" };

/**
 * Runs the install script with only stubs on PATH: the given package manager, plus every other
 * command it calls, each logging its arguments. Nothing touches the machine. The package manager
 * stub provides `script` only when asked for the package that has it.
 */
function install(packageManager: "dnf" | "apk" | "apt-get", arch = "arm64") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "install-agent-"));
  const log = path.join(dir, "calls.log");
  fs.writeFileSync(log, "");
  const stubs: Record<string, string> = {
    [packageManager]: `case " $* " in *" ${SCRIPT_PACKAGE[packageManager]} "*)
      printf '#!/bin/sh\\n' > "${dir}/script"; chmod 0755 "${dir}/script" ;; esac`,
    dpkg: `echo ${arch}`,
    curl: "",
    "dpkg-deb": "",
    rm: "",
    id: "exit 1",
    useradd: "",
    "amazon-ssm-agent": "",
  };
  for (const [name, body] of Object.entries(stubs)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`);
    fs.chmodSync(file, 0o755);
  }
  fs.symlinkSync(fs.realpathSync("/bin/chmod"), path.join(dir, "chmod"));
  const result = spawnSync("/bin/sh", [INSTALL], {
    env: { PATH: dir, SSM_AGENT_DOWNLOAD_REGION: "ap-northeast-1" },
    encoding: "utf8",
  });
  const calls = fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
  return { status: result.status, output: `${result.stdout}${result.stderr}`, calls };
}

describe("container image", () => {
  it("installs the SSM agent with dnf on Amazon Linux 2023", () => {
    const { status, output, calls } = install("dnf");
    assert.strictEqual(status, 0, output);
    assert.match(calls[0], /^dnf install -y .*amazon-ssm-agent awscli-2/);
    assert.ok(calls.includes("useradd --create-home --shell /bin/sh ssm-user"), calls.join("\n"));
  });

  for (const manager of ["dnf", "apk", "apt-get"] as const) {
    it(`installs script (session transcripts) and a cron daemon with ${manager}`, () => {
      const { status, output, calls } = install(manager);
      assert.strictEqual(status, 0, output);
      const cron = { dnf: "cronie", apk: "", "apt-get": "cron" }[manager];
      if (cron) {
        assert.ok(
          calls.some((call) => call.includes(` ${cron} `)),
          calls.join("\n"),
        );
      }
    });
  }

  it("creates ssm-user before the agent can, and writes no sudoers file", () => {
    // The agent writes /etc/sudoers.d/ssm-agent-users (passwordless sudo) only when it creates
    // ssm-user itself (amazon-ssm-agent agent/session/utility/utility_unix.go
    // CreateLocalAdminUser); sudo is granted by the entry point, only if operatorSudo is set.
    assert.doesNotMatch(fs.readFileSync(INSTALL, "utf8"), />\s*\/etc\/sudoers/);
    const { calls } = install("apk");
    assert.ok(calls.includes("useradd --create-home --shell /bin/sh ssm-user"), calls.join("\n"));
  });

  it("installs the SSM agent from Alpine's community package", () => {
    const { status, output, calls } = install("apk");
    assert.strictEqual(status, 0, output);
    assert.match(calls[0], /^apk add --no-cache amazon-ssm-agent aws-cli curl/);
  });

  it("unpacks AWS's Debian package for the image's architecture, without its service scripts", () => {
    const { status, output, calls } = install("apt-get", "arm64");
    assert.strictEqual(status, 0, output);
    assert.ok(
      calls.some((call) =>
        call.endsWith(
          "https://s3.ap-northeast-1.amazonaws.com/amazon-ssm-ap-northeast-1/latest/debian_arm64/amazon-ssm-agent.deb",
        ),
      ),
      calls.join("\n"),
    );
    assert.ok(calls.includes("dpkg-deb -x /tmp/amazon-ssm-agent.deb /"), calls.join("\n"));
    assert.ok(!calls.some((call) => call.startsWith("dpkg -i")));
    const unsupported = install("apt-get", "s390x");
    assert.notStrictEqual(unsupported.status, 0);
    assert.match(unsupported.output, /no amazon-ssm-agent build for s390x/);
  });

  it("configures the agent not to share its credentials, where the agent and the entry point look", () => {
    const config = JSON.parse(
      fs.readFileSync(path.join(CONTAINER, "amazon-ssm-agent.json"), "utf8"),
    );
    assert.strictEqual(config.Profile.ShareCreds, false);
    const dockerfile = fs.readFileSync(path.join(CONTAINER, "Dockerfile"), "utf8");
    // agent/appconfig/constants_unix.go: DefaultProgramFolder /etc/amazon/ssm/ + amazon-ssm-agent.json.
    assert.match(
      dockerfile,
      /^COPY amazon-ssm-agent\.json \/etc\/amazon\/ssm\/amazon-ssm-agent\.json$/m,
    );
    const entrypoint = fs.readFileSync(path.join(CONTAINER, "entrypoint.sh"), "utf8");
    assert.match(entrypoint, /FA_AGENT_CONFIG:-\/etc\/amazon\/ssm\/amazon-ssm-agent\.json/);
    assert.doesNotMatch(dockerfile, /managed-agents/);
  });
});
