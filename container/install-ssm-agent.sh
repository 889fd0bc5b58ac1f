#!/bin/sh
# Installs what the Session Manager entry point needs into the image at build time, for the base
# images the README documents: Amazon Linux 2023 (dnf), Alpine (apk) and Debian/Ubuntu (apt):
#   amazon-ssm-agent (with ssm-agent-worker, ssm-session-worker and ssm-document-worker, so both
#   Session Manager and Run Command work), the AWS CLI (create-activation), curl (task
#   metadata), sudo, and the ssm-user Session Manager opens shells as.
# Usage: install-ssm-agent.sh <true|false: give ssm-user sudo>
set -eu

sudo_for_ssm_user="${1:-true}"

if command -v dnf >/dev/null 2>&1; then
  # Amazon Linux 2023 ships the agent in its own repository.
  dnf install -y --setopt=install_weak_deps=False amazon-ssm-agent awscli-2 cronie shadow-utils sudo
  dnf clean all
elif command -v apk >/dev/null 2>&1; then
  # Alpine packages the agent in community (aports community/amazon-ssm-agent, binaries in /usr/bin).
  apk add --no-cache amazon-ssm-agent aws-cli curl sudo shadow
elif command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends awscli ca-certificates curl sudo
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
id ssm-user >/dev/null 2>&1 || useradd --create-home --shell /bin/sh ssm-user
if [ "$sudo_for_ssm_user" = "true" ]; then
  mkdir -p /etc/sudoers.d
  echo 'ssm-user ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/ssm-agent-users
  chmod 0440 /etc/sudoers.d/ssm-agent-users
fi
