import type { ErrorCode } from '@proofsheet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { PAGE_REFERRER_POLICY } from '../http/html.js';
import { noStore } from '../http/responses.js';

/**
 * The token a link's page carries: in the query when the link is opened, in the form when the
 * page posts itself back. Cut to 200 characters (no token of ours is longer).
 */
export function linkToken(request: FastifyRequest): string {
  const body = request.body as { token?: unknown } | undefined;
  const query = request.query as { token?: unknown };
  const raw = typeof body?.token === 'string' ? body.token : query.token;
  return typeof raw === 'string' ? raw.slice(0, 200) : '';
}

/**
 * Sends a page of the flows before a session (reset, invitation, sign-up, email confirmation):
 * HTML, never cached. Its address may carry a token: `same-origin` tells it to no other site
 * (the page loads nothing from one). Not `no-referrer`: Chrome would then post the form with
 * `Origin: null`, which the cross-site check refuses, and the page could not be submitted.
 */
export function sendAuthPage(reply: FastifyReply, status: number, html: string) {
  reply.header('referrer-policy', PAGE_REFERRER_POLICY);
  noStore(reply);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/**
 * What a link's token names, by `lookup`; or, when it throws an AppError with one of `codes`
 * (the link cannot be used), that error, for the page to say why.
 */
export async function lookUpLink<T>(
  lookup: () => Promise<T>,
  codes: readonly ErrorCode[],
): Promise<{ ok: true; found: T } | { ok: false; refusal: AppError }> {
  try {
    return { ok: true, found: await lookup() };
  } catch (error) {
    if (error instanceof AppError && codes.includes(error.code))
      return { ok: false, refusal: error };
    throw error;
  }
}

/**
 * The answer to a request that mails a link (reset, sign-up, email change): the same whoever
 * has the address. A browser goes back to `page`, which then says the link is on its way
 * (303 to `?sent=1`); other clients get 202 with `message`.
 */
export function answerEmailSent(
  reply: FastifyReply,
  options: { wantsPage: boolean; page: string; message: string },
) {
  noStore(reply);
  if (options.wantsPage) return reply.redirect(`${options.page}?sent=1`, 303);
  return reply.code(202).send({ data: { accepted: true, message: options.message } });
}
