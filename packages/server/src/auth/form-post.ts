import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { validationDetails } from '../http/validation-details.js';
import type { AuthCookies } from './cookies.js';
import { presentsPreSessionCsrf } from './csrf.js';
import { wantsHtml } from './login-routes.js';

/** Renders a form's page again with `status` and the problem on it. */
export type FormPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error?: string,
) => unknown;

export interface FormPostOptions {
  /** The page the form is on. */
  page: FormPage;
  /** What a body the schema refuses is told (422). */
  invalid: string;
  /** The statuses of errors `act` throws that a browser is shown on the page. */
  shown: readonly number[];
}

/**
 * Runs the post of a form shown before there is a session (password reset, invitation,
 * sign-up, email confirmation), which JSON clients may post too: a body the schema refused
 * (422), a browser that does not echo the page's CSRF token (403), or an error `act` throws
 * with one of the `shown` statuses comes back to a browser as the page with the problem on
 * it, and to other clients as the error body. `act` is told whether a browser asked.
 */
export async function formPost(
  request: FastifyRequest,
  reply: FastifyReply,
  cookies: AuthCookies,
  options: FormPostOptions,
  act: (wantsPage: boolean) => Promise<unknown>,
): Promise<unknown> {
  const wantsPage = wantsHtml(request);
  if (request.validationError) {
    if (wantsPage) return options.page(request, reply, 422, options.invalid);
    const details = validationDetails(request.validationError.validation);
    throw new AppError('validation_failed', options.invalid, details);
  }
  // Login CSRF's sibling: another site must not post these forms in the visitor's name.
  if (!presentsPreSessionCsrf(request, cookies)) {
    if (wantsPage) return options.page(request, reply, 403, 'The form expired. Please try again.');
    throw new AppError('csrf_mismatch');
  }
  try {
    return await act(wantsPage);
  } catch (error) {
    if (!(wantsPage && error instanceof AppError && options.shown.includes(error.statusCode))) {
      throw error;
    }
    // A throttled browser is told when to come back, as a JSON client is.
    for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
    return options.page(request, reply, error.statusCode, error.message);
  }
}
