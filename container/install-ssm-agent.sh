#!/bin/sh
# Installs what the Session Manager entry point and session recording need into the image at
# build time, for the base images the README documents: Amazon Linux 2023 (dnf), Alpine (apk)
# and Debian/Ubuntu (apt):
#   amazon-ssm-agent (with ssm-agent-worker, ssm-session-worker and ssm-document-worker, so both
#   Session Manager and Run Command work), the AWS CLI (create-activation), curl (task
#   metadata), sudo (only used when sessionManager.operatorSudo is true), a cron daemon (the
#   image's default command, container/cron-foreground.sh), `script` (util-linux: the SSM agent
#   records ECS Exec transcripts by running it, amazon-ssm-agent agent/session/shell/shell_unix.go
#   generateLogData; without it the session log is empty, aws/amazon-ssm-agent#653), and the
#   ssm-user Session Manager opens shells as.
set -eu

if command -v dnf >/dev/null 2>&1; then
  # Amazon Linux 2023 ships the agent in its own repository. Its container image is minimal and
  # has no util-linux (so no script); cronie provides crond.
  dnf install -y --setopt=install_weak_deps=False amazon-ssm-agent awscli-2 cronie shadow-utils \
    sudo util-linux
  dnf clean all
elif command -v apk >/dev/null 2>&1; then
  # Alpine packages the agent in community (aports community/amazon-ssm-agent, binaries in
  # /usr/bin). Its busybox is built without the script applet (aports main/busybox/busyboxconfig:
  # "CONFIG_SCRIPT is not set"); util-linux-misc has it. busybox provides crond.
  apk add --no-cache amazon-ssm-agent aws-cli curl sudo shadow util-linux-misc
elif command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  # bsdutils (essential, so normally present) provides script; cron provides cron.
  apt-get install -y --no-install-recommends awscli bsdutils ca-certificates cron curl sudo
  # AWS publishes the agent for Debian as a .deb in its regional bucket (the layout
  # agent/setupcli/managers/downloadmanager uses). The files are unpacked without the package's
  # maintainer scripts, which would try to start a system service.
  case "$(dpkg --print-architecture)" in
    amd64) arch=amd64 ;;
    arm64) arch=arm64 ;;
    *) echo "install-ssm-agent: no amazon-ssm-agent build for $(dpkg --print-architecture)" >&2; exit 1 ;;
  esac
  region="${SSM_AGENT_DOWNLOAD_REGION:-us-east-1}"
  curl -fsSL -o /tmp/amazon-ssm-agent.deb \
    "https://s3.${region}.amazonaws.com/amazon-ssm-${region}/latest/debian_${arch}/amazon-ssm-agent.deb"
  dpkg-deb -x /tmp/amazon-ssm-agent.deb /
  rm -f /tmp/amazon-ssm-agent.deb
  rm -rf /var/lib/apt/lists/*
else
  echo "install-ssm-agent: unsupported base image (need dnf, apk or apt-get)" >&2
  exit 1
fi

command -v amazon-ssm-agent >/dev/null
command -v script >/dev/null
# The agent creates ssm-user itself on the first session, and then writes
# /etc/sudoers.d/ssm-agent-users granting it passwordless sudo; it writes that file only when it
# had to create the user (amazon-ssm-agent agent/session/utility/utility_unix.go
# CreateLocalAdminUser). Creating the user here keeps it without sudo; the entry point grants sudo
# only when sessionManager.operatorSudo is true.
id ssm-user >/dev/null 2>&1 || useradd --create-home --shell /bin/sh ssm-user
