/** What steps need of a logger (Powertools' Logger fits; tests pass a silent one). */
export interface DecisionLog {
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
  warn(message: string, ...extra: Array<Record<string, unknown>>): void;
}

export const silentLog: DecisionLog = { info: () => {}, warn: () => {} };

/** What a step did: `created`, `updated` (converged), `unchanged`, `deleted`, `absent`, `skipped` (not ours). */
export type StepAction = "created" | "updated" | "unchanged" | "deleted" | "absent" | "skipped";
