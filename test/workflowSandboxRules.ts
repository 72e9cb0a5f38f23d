/** Modules that must never reach the workflow sandbox: side effects and nondeterminism live in activities. */
const forbidden = [
  /(^|[/.])(engine|store|datasets|rewards)\//,
  // Tasks read records with the activities' libraries; the workflow only ever sees a method's schedule.
  /(^|[/.])training\/tasks\//,
  /onnxruntime|@aws-sdk|\.node$/,
  /^node:|^(fs|path|child_process|worker_threads|crypto|os|net|http|https|stream)$/,
];

export function forbiddenWorkflowModules(sources: string[]): string[] {
  return sources.filter((source) => forbidden.some((rule) => rule.test(source)));
}
