import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const CONTAINER = path.join(PROJECT_ROOT, "container");

/**
 * The cron daemon each documented base image provides, with the options its manual lists and the
 * one that keeps it in the foreground. Any other option is refused (getopt), and without the
 * foreground option the daemon forks and its first process exits: the container would stop.
 */
interface CronDaemon {
  base: string;
  /** The command's name on PATH. */
  command: "crond" | "cron";
  /** A link to the busybox binary, as Alpine installs its applets. */
  busyboxApplet: boolean;
  /** getopts(1) option string of the documented options. */
  options: string;
  foreground: string;
  source: string;
}

const DAEMONS: CronDaemon[] = [
  {
    base: "Alpine (busybox crond)",
    command: "crond",
    busyboxApplet: true,
    options: "fbSl:d:L:c:",
    foreground: "f",
    // busybox miscutils/crond.c usage: "-fbS -l N -d N -L LOGFILE -c DIR", "-f Foreground";
    // aports main/busybox/busyboxconfig: CONFIG_CROND=y.
    source: "busybox crond usage",
  },
  {
    base: "Amazon Linux 2023 (cronie crond)",
    command: "crond",
    busyboxApplet: false,
    options: "hinpPscm:x:V",
    foreground: "n",
    // cronie man/cron.8: crond [-c | -h | -i | -n | -p | -P | -s | -m <mail command>],
    // "-n Tells the daemon to run in the foreground".
    source: "cronie cron(8)",
  },
  {
    base: "Debian (cron)",
    command: "cron",
    busyboxApplet: false,
    options: "flnL:",
    foreground: "f",
    // Debian cron 3.0pl1 cron(8): "-f Stay in foreground mode, don't daemonize"; -n only puts
    // the FQDN in mail subjects.
    source: "Debian cron(8)",
  },
];

/** A folder holding only the daemon of one base, as a stub that follows its manual. */
function baseWith(daemon: CronDaemon): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cron-base-"));
  const body = `#!/bin/sh
while getopts "${daemon.options}" option; do
  case "$option" in
    ${daemon.foreground}) echo "foreground \${0##*/} $*"; exit 0 ;;
    \\?) echo "usage: \${0##*/} (${daemon.source})" >&2; exit 1 ;;
  esac
done
echo "forked into the background; the container's main process exits"
exit 0
`;
  const binary = path.join(dir, daemon.busyboxApplet ? "busybox" : daemon.command);
  fs.writeFileSync(binary, body);
  fs.chmodSync(binary, 0o755);
  if (daemon.busyboxApplet) {
    fs.symlinkSync(binary, path.join(dir, daemon.command));
  }
  fs.symlinkSync(fs.realpathSync("/usr/bin/readlink"), path.join(dir, "readlink"));
  return dir;
}

/** The Dockerfile's CMD, as JSON (exec form). */
function dockerfileCommand(): string[] {
  const dockerfile = fs.readFileSync(path.join(CONTAINER, "Dockerfile"), "utf8");
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
  assert.ok(cmd, "the Dockerfile has an exec-form CMD");
  return JSON.parse(cmd[1]) as string[];
}

/** Where a COPY line of the Dockerfile puts a file of the context: image path → context file. */
function copiedFiles(): Map<string, string> {
  const dockerfile = fs.readFileSync(path.join(CONTAINER, "Dockerfile"), "utf8");
  const copies = new Map<string, string>();
  for (const match of dockerfile.matchAll(/^COPY (?:--\S+ )*(\S+) (\/\S+)$/gm)) {
    copies.set(match[2], path.join(CONTAINER, match[1]));
  }
  return copies;
}

/** Runs a command as the image would, on a base that has only `daemon` (and readlink). */
function runOn(daemon: CronDaemon, argv: string[]) {
  const dir = baseWith(daemon);
  const [program, ...args] = argv;
  const fromContext = copiedFiles().get(program);
  const result = fromContext
    ? spawnSync("/bin/sh", [fromContext, ...args], { env: { PATH: dir }, encoding: "utf8" })
    : spawnSync(program, args, { env: { PATH: dir }, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

describe("the image's default command (container/Dockerfile CMD)", () => {
  for (const daemon of DAEMONS) {
    it(`keeps the cron daemon in the foreground on ${daemon.base}`, () => {
      const { status, output } = runOn(daemon, dockerfileCommand());
      assert.strictEqual(status, 0, output);
      assert.match(output, new RegExp(`^foreground ${daemon.command} -${daemon.foreground}`));
    });
  }

  it("would catch a command one of the bases does not provide (the old crond -n)", () => {
    const [busybox, cronie, debian] = DAEMONS;
    assert.notStrictEqual(runOn(busybox, ["crond", "-n"]).status, 0);
    assert.match(runOn(cronie, ["crond", "-n"]).output, /^foreground crond -n/);
    assert.notStrictEqual(runOn(debian, ["crond", "-n"]).status, 0);
    assert.match(runOn(debian, ["cron", "-n"]).output, /forked into the background/);
  });

  it("says so when the image has no cron daemon", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cron-none-"));
    const result = spawnSync("/bin/sh", [path.join(CONTAINER, "cron-foreground.sh")], {
      env: { PATH: dir },
      encoding: "utf8",
    });
    assert.strictEqual(result.status, 127);
    assert.match(result.stderr, /no cron daemon \(crond or cron\)/);
  });
});
