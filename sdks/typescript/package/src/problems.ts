// Typed problems: every error answer of the gateway as a ProblemError carrying its RFC 9457 document.
import { FieldError } from './models/index';
import { Middleware, ResponseContext } from './runtime';

/** An error answer of the gateway: switch on `code`; `message` reads "Not found (HTTP 404 not_found): …". */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly provider?: string | null;
  readonly upstreamStatus?: number | null;
  readonly errors: FieldError[];

  constructor(problem: Record<string, any>) {
    const title = String(problem.title ?? `HTTP ${problem.status}`);
    const where = problem.provider ? `, provider ${problem.provider}` : '';
    const request = problem.requestId ? ` [request ${problem.requestId}]` : '';
    super(`${title} (HTTP ${problem.status} ${problem.code}${where})${problem.detail ? `: ${problem.detail}` : ''}${request}`);
    this.type = problem.type;
    this.title = title;
    this.status = Number(problem.status);
    this.code = String(problem.code);
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.provider = problem.provider;
    this.upstreamStatus = problem.upstreamStatus;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** The problem an error response carries; a body that is not one becomes `http_<status>`. */
  static async fromResponse(response: Response): Promise<ProblemError> {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      if (body && typeof body === 'object' && typeof body.code === 'string') {
        return new ProblemError({ status: response.status, ...body });
      }
    } catch {
      // not JSON: described by its status below
    }
    return new ProblemError({
      status: response.status,
      title: response.statusText || `HTTP ${response.status}`,
      code: `http_${response.status}`,
      detail: `The gateway answered HTTP ${response.status} without a problem document.`,
    });
  }
}

/**
 * A middleware that turns every error answer into a ProblemError (the generated APIs throw an opaque
 * "Response returned an error code" otherwise): `new Configuration({ ..., middleware: [problemMiddleware] })`.
 */
export const problemMiddleware: Middleware = {
  async post(context: ResponseContext): Promise<Response | void> {
    if (context.response.status >= 400) {
      throw await ProblemError.fromResponse(context.response.clone());
    }
    return context.response;
  },
};
