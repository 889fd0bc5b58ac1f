// Free of Pulumi imports: the doctor reads it without loading the program's modules.

/** The four Session Manager channel actions ECS Exec's agent uses. */
export const SSM_CHANNEL_ACTIONS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
];
