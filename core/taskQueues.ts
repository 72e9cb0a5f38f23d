/** CPU work (workflows, data construction, rewards) and GPU work (rollout, update, evaluate) poll separate queues. */
export const taskQueues = { cpu: 'drl-cpu', gpu: 'drl-gpu' } as const;
export type QueueKind = keyof typeof taskQueues;
