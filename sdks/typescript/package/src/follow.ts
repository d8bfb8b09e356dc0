// Following a deployment live, waiting for it, and writes that are safe to retry.
import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';
import { DeploymentsApi } from './apis/index';
import {
  Deployment,
  DeploymentFromJSON,
  LogLine,
  LogLineFromJSON,
  TriggerDeploymentRequest,
} from './models/index';
import { Configuration, FetchError } from './runtime';
import { ProblemError, problemMiddleware } from './problems';

/**
 * One event of a deployment's live stream; `id` is where a reconnection resumes (`Last-Event-ID`).
 * (`DeploymentEvent` is the webhook and `/v1/events` payload.)
 */
export type DeploymentStreamEvent =
  | { type: 'status'; id: string; deployment: Deployment }
  | { type: 'log'; id: string; line: LogLine }
  | { type: 'end'; id: string; deployment: Deployment }
  | { type: 'error'; id: string; problem: ProblemError };

export interface FollowOptions {
  /** Resume after this event id instead of starting from the current state. */
  lastEventId?: string;
  /** Stops following (the iterator ends) when aborted. */
  signal?: AbortSignal;
}

export interface DeploymentsOptions {
  /** The first pause before a retry or a reconnection, doubling up to 30 s. Default 1000 ms. */
  backoffMs?: number;
  /** Retries of a write whose outcome is unknown (504, 409 in flight, 502, 503, 429, network), with its key. */
  writeRetries?: number;
}

/** Failed reconnections in a row (without a log line or the end between them) before `follow` throws. */
export const RECONNECTIONS = 5;

declare const require: (module: string) => any;

/** A new idempotency key (a UUID): one per logical write, reused by its retries. */
export function newIdempotencyKey(): string {
  const web = (globalThis as any).crypto;
  return web?.randomUUID ? web.randomUUID() : require('crypto').randomUUID();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The deployments API as an application uses it: writes carry an `Idempotency-Key` (a new one per call unless
 * given) and are retried with it when their outcome is unknown, so they never deploy twice; `follow` is an async
 * iterator of typed events that reconnects with `Last-Event-ID` without repeating a line; `waitForTerminal` uses the
 * stream and falls back to long-polling `waitFor=terminal`. Every error answer is a `ProblemError`.
 */
export class Deployments {
  private readonly api: DeploymentsApi;
  private readonly backoffMs: number;
  private readonly writeRetries: number;

  constructor(private readonly configuration: Configuration, options: DeploymentsOptions = {}) {
    this.api = new DeploymentsApi(configuration).withMiddleware(problemMiddleware);
    this.backoffMs = options.backoffMs ?? 1000;
    this.writeRetries = options.writeRetries ?? 3;
  }

  /** Triggers a deployment; the same key (a new UUID by default) is reused by every retry. */
  trigger(request: TriggerDeploymentRequest, idempotencyKey: string = newIdempotencyKey()): Promise<Deployment> {
    return this.write(() => this.api.triggerDeployment({ triggerDeploymentRequest: request, idempotencyKey }));
  }

  /** Rolls back to what `id` ran, as a new deployment, with an idempotency key. */
  rollback(id: string, idempotencyKey: string = newIdempotencyKey()): Promise<Deployment> {
    return this.write(() => this.api.rollbackDeployment({ id, idempotencyKey }));
  }

  /** Cancels; a deployment that is already cancelled is answered as it is, not as an error. */
  async cancel(id: string): Promise<Deployment> {
    const idempotencyKey = newIdempotencyKey();
    try {
      return await this.write(
        () => this.api.cancelDeployment({ id, idempotencyKey }),
        (e) => ambiguous(e) && !isConflict(e),
      );
    } catch (failure) {
      if (isConflict(failure)) {
        const now = await this.get(id);
        if (now.status === 'cancelled') return now;
      }
      throw failure;
    }
  }

  get(id: string): Promise<Deployment> {
    return this.api.getDeployment({ id });
  }

  /** The deployment's events, from its current state (or after `lastEventId`) to `end`. */
  async *follow(id: string, options: FollowOptions = {}): AsyncGenerator<DeploymentStreamEvent, void, undefined> {
    let lastEventId = options.lastEventId;
    let failures = 0;
    for (;;) {
      let failure: unknown;
      try {
        for await (const event of this.connect(id, lastEventId, options.signal)) {
          if (event.id) lastEventId = event.id;
          if (event.type === 'log' || event.type === 'end') failures = 0;
          yield event;
          if (event.type === 'end') return;
        }
      } catch (e) {
        if (!options.signal?.aborted && !reconnectable(e)) throw e;
        failure = e;
      }
      if (options.signal?.aborted) return;
      // the stream failed or closed before its end: reconnect after the last event
      if (++failures > RECONNECTIONS) {
        throw failure ?? new FetchError(new Error('closed'), `the event stream of ${id} kept closing before its end`);
      }
      await sleep(Math.min(this.backoffMs * 2 ** (failures - 1), 30_000));
    }
  }

  /**
   * The deployment once terminal, or as it is when `timeoutSeconds` pass (check `terminal`). Waits on the stream;
   * when the stream cannot be used it long-polls `GET /v1/deployments/{id}?waitFor=terminal`.
   */
  async waitForTerminal(id: string, options: { timeoutSeconds?: number } = {}): Promise<Deployment> {
    const timeoutSeconds = options.timeoutSeconds ?? 600;
    const deadline = Date.now() + timeoutSeconds * 1000;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutSeconds * 1000);
    try {
      for await (const event of this.follow(id, { signal: abort.signal })) {
        if (event.type === 'end') return event.deployment;
      }
      return await this.get(id);
    } catch (failure) {
      if (failure instanceof ProblemError && failure.status < 500 && ![406, 429].includes(failure.status)) {
        throw failure; // a refusal: polling would be refused alike
      }
    } finally {
      clearTimeout(timer);
    }
    for (;;) {
      const left = Math.floor((deadline - Date.now()) / 1000);
      if (left < 1) return this.get(id);
      const now = await this.api.getDeployment({ id, waitFor: 'terminal', timeoutSeconds: Math.min(left, 60) });
      if (now.terminal) return now;
    }
  }

  private async *connect(id: string, lastEventId: string | undefined, signal?: AbortSignal) {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    const token = this.configuration.accessToken;
    if (token) headers.Authorization = `Bearer ${await token('bearerAuth', [])}`;
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const fetchApi = this.configuration.fetchApi ?? fetch;
    const url = `${this.configuration.basePath}/v1/deployments/${encodeURIComponent(id)}/events`;
    let response: Response;
    try {
      response = await fetchApi(url, { headers, signal });
    } catch (e) {
      throw new FetchError(e as Error, `cannot reach the gateway at ${this.configuration.basePath}: ${e}`);
    }
    if (!response.ok || !response.body) throw await ProblemError.fromResponse(response);
    const events = response.body
      .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
      .pipeThrough(new EventSourceParserStream())
      .getReader();
    try {
      for (;;) {
        const { done, value } = await events.read();
        if (done) return;
        const event = typed(value);
        if (event) yield event;
      }
    } finally {
      events.cancel().catch(() => undefined);
    }
  }

  private async write(call: () => Promise<Deployment>, retryable = ambiguous): Promise<Deployment> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (failure) {
        if (attempt >= this.writeRetries || !retryable(failure)) throw failure;
        await sleep(Math.min(this.backoffMs * 2 ** attempt, 30_000));
      }
    }
  }
}

function typed(message: EventSourceMessage): DeploymentStreamEvent | undefined {
  const id = message.id ?? '';
  switch (message.event) {
    case 'status':
      return { type: 'status', id, deployment: DeploymentFromJSON(JSON.parse(message.data)) };
    case 'log':
      return { type: 'log', id, line: LogLineFromJSON(JSON.parse(message.data)) };
    case 'end':
      return { type: 'end', id, deployment: DeploymentFromJSON(JSON.parse(message.data)) };
    case 'error':
      return { type: 'error', id, problem: new ProblemError(JSON.parse(message.data)) };
    default:
      return undefined; // an event this SDK does not know yet: skipped, as SSE clients do
  }
}

function isConflict(failure: unknown): boolean {
  return failure instanceof ProblemError && failure.status === 409;
}

/** Whether a write's outcome is unknown, so that a retry with the same key is needed (and safe). */
function ambiguous(failure: unknown): boolean {
  if (failure instanceof ProblemError) return [409, 429, 502, 503, 504].includes(failure.status);
  return failure instanceof FetchError;
}

function reconnectable(failure: unknown): boolean {
  if (failure instanceof ProblemError) return failure.status >= 500 || failure.status === 429;
  return true; // a network failure or a cut stream
}
