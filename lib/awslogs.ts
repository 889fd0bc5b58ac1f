/**
 * The awslogs stream prefix of a container: its name (streams are `prefix/name/task-id`). Pure:
 * the task definition sets it and `npm run task` derives a run's stream name from it.
 */
export function awslogsStreamPrefix(containerName: string): string {
  return containerName;
}
