#!/bin/sh
# fargate-access Session Manager entry point: registers this Fargate task as an SSM managed
# instance through a one-use hybrid activation, starts the image's SSM agent in the background,
# then runs the container's own command (its arguments) in the foreground.
#
# FA_ONE_OFF=1 skips all of that and just runs the command: one-off runs (the Step Functions
# run-task sets it) must not register, as they would leave a managed instance behind.
#
# Set by the stack (SessionManagerAccess): FA_ACTIVATION_ROLE, FA_ACTIVATION_EXPIRY_HOURS,
# FA_STACK_TAG, FA_STACK_TAG_NAME, FA_CLUSTER_TAG_NAME, FA_TASK_TAG_NAME, FA_OPERATOR_SUDO.
# Set by Fargate: ECS_CONTAINER_METADATA_URI_V4, AWS_REGION.
# The activation code is never printed, logged or exported.
set -eu

if [ "${FA_ONE_OFF:-}" = "1" ]; then
  [ "$#" -gt 0 ] || { echo "fargate-access-entrypoint: no command to run" >&2; exit 1; }
  exec "$@"
fi

fail() {
  echo "fargate-access-entrypoint: $*" >&2
  exit 1
}

require() {
  eval "value=\${$1:-}"
  [ -n "$value" ] || fail "$1 is not set; deploy this image with the sessionManager strategy."
}

for name in FA_ACTIVATION_ROLE FA_ACTIVATION_EXPIRY_HOURS FA_STACK_TAG FA_STACK_TAG_NAME \
  FA_CLUSTER_TAG_NAME FA_TASK_TAG_NAME ECS_CONTAINER_METADATA_URI_V4; do
  require "$name"
done
[ "$#" -gt 0 ] || fail "no command to run; set fargate-access:service.command."
case "$FA_ACTIVATION_EXPIRY_HOURS" in
  '' | *[!0-9]*) fail "FA_ACTIVATION_EXPIRY_HOURS must be a whole number of hours" ;;
esac

# The agent must come with the image (container/Dockerfile), configured not to share its
# credentials: a hybrid agent writes the activation role's keys to $HOME/.aws/credentials by
# default (Profile.ShareCreds, amazon-ssm-agent.json.template), where the app's SDK would find
# them before the task role. The path is overridable for tests only.
agent_config="${FA_AGENT_CONFIG:-/etc/amazon/ssm/amazon-ssm-agent.json}"
command -v amazon-ssm-agent >/dev/null 2>&1 ||
  fail "amazon-ssm-agent is not installed; build the image from container/Dockerfile."
grep -Eq '"ShareCreds"[[:space:]]*:[[:space:]]*false' "$agent_config" 2>/dev/null ||
  fail "$agent_config must set Profile.ShareCreds to false, or the app would run as the activation role."

# Session Manager opens shells as ssm-user. With sudo it could read the agent's activation-role
# credentials and rewrite what the transcripts say, so it has none unless
# sessionManager.operatorSudo is true (FA_OPERATOR_SUDO). The agent grants it passwordless sudo
# through this file when it creates the user itself (amazon-ssm-agent
# agent/session/utility/utility_unix.go); the image creates the user, and the file is removed here
# in case the base image brought one. The path is overridable for tests only.
sudoers="${FA_SUDOERS_FILE:-/etc/sudoers.d/ssm-agent-users}"
case "${FA_OPERATOR_SUDO:-false}" in
  true)
    if ! { mkdir -p "$(dirname "$sudoers")" &&
      printf 'ssm-user ALL=(ALL) NOPASSWD:ALL\n' >"$sudoers" && chmod 0440 "$sudoers"; }; then
      fail "cannot write $sudoers (sessionManager.operatorSudo is true); run the container as root"
    fi
    ;;
  false)
    rm -f "$sudoers" 2>/dev/null || true
    [ ! -e "$sudoers" ] ||
      fail "$sudoers grants ssm-user sudo and cannot be removed; run the container as root or set sessionManager.operatorSudo: true"
    ;;
  *) fail "FA_OPERATOR_SUDO must be true or false, not $FA_OPERATOR_SUDO" ;;
esac

# The task's identity, from the task metadata endpoint v4 (JSON).
metadata=$(curl -fsS --max-time 10 "$ECS_CONTAINER_METADATA_URI_V4/task") ||
  fail "cannot read task metadata from $ECS_CONTAINER_METADATA_URI_V4/task"
json_field() {
  printf '%s' "$metadata" | tr ',' '\n' | tr '{' '\n' | tr '}' '\n' |
    sed -n "s/^[[:space:]]*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}
task_arn=$(json_field TaskARN)
cluster=$(json_field Cluster)
[ -n "$task_arn" ] || fail "task metadata has no TaskARN"
task_id=${task_arn##*/}
# The region is the fourth field of the task ARN when Fargate did not set AWS_REGION.
region=${AWS_REGION:-$(printf '%s' "$task_arn" | cut -d: -f4)}

now=$(date -u +%s)
expires_at=$((now + FA_ACTIVATION_EXPIRY_HOURS * 3600))
expiration=$(date -u -d "@$expires_at" +%Y-%m-%dT%H:%M:%SZ)

# One activation, one registration, tagged so the cleanup function and operators find it.
create_activation() {
  aws ssm create-activation \
    --region "$region" \
    --iam-role "$FA_ACTIVATION_ROLE" \
    --registration-limit 1 \
    --expiration-date "$expiration" \
    --default-instance-name "fargate-$task_id" \
    --description "Fargate task $task_id" \
    --tags "Key=$FA_STACK_TAG_NAME,Value=$FA_STACK_TAG" \
    "Key=$FA_CLUSTER_TAG_NAME,Value=$cluster" \
    "Key=$FA_TASK_TAG_NAME,Value=$task_arn" \
    --query '[ActivationId,ActivationCode]' --output text
}
# On a first deployment the task can start before its role's policy has propagated: retry.
attempts="${FA_CREATE_ATTEMPTS:-5}"
retry_delay="${FA_RETRY_DELAY_SECONDS:-5}"
attempt=1
until activation=$(create_activation); do
  if [ "$attempt" -ge "$attempts" ]; then
    fail "ssm create-activation failed for role $FA_ACTIVATION_ROLE after $attempts attempts"
  fi
  echo "fargate-access-entrypoint: create-activation failed (attempt $attempt of $attempts); retrying" >&2
  sleep $((retry_delay * attempt))
  attempt=$((attempt + 1))
done
activation_id=$(printf '%s' "$activation" | cut -f1)
activation_code=$(printf '%s' "$activation" | cut -f2)
unset activation
if [ -z "$activation_id" ] || [ -z "$activation_code" ]; then
  fail "ssm create-activation returned no activation"
fi

# Some agent versions echo their arguments: registration output is dropped.
if ! amazon-ssm-agent -register -code "$activation_code" -id "$activation_id" -region "$region" -y \
  >/dev/null 2>&1; then
  unset activation_code
  fail "registering with activation $activation_id failed"
fi
unset activation_code

# The used activation stays until the cleanup function deletes it: ssm:DeleteActivation cannot
# be scoped to one activation, so the task role does not get it.

echo "fargate-access-entrypoint: task $task_id registered (activation $activation_id); starting the agent"
amazon-ssm-agent >/dev/null 2>&1 &

exec "$@"
