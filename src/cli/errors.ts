/** Exit codes, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** The gateway (or the mocks' admin API) answered an error. */
  answeredError: 1,
  usage: 2,
  /** Nothing answered, or what answered was not the service asked for. */
  unreachable: 3,
} as const;

/** The command line is wrong: nothing was sent. `helpFor` names the command whose usage to show. */
export class UsageError extends Error {
  readonly helpFor: string | undefined;
  constructor(message: string, helpFor?: string) {
    super(message);
    this.name = 'UsageError';
    this.helpFor = helpFor;
  }
}

/** A service answered with an error status; `body` is what it sent (CAMARA `{status, code, message}` when it could). */
export class AnsweredError extends Error {
  /** Who answered: "gateway" or "mock carriers". */
  readonly service: string;
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
  constructor(service: string, status: number, code: string, message: string, body: unknown) {
    super(message);
    this.name = 'AnsweredError';
    this.service = service;
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof AnsweredError) return EXIT.answeredError;
  return EXIT.unreachable;
}
