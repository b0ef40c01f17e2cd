import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPlainObject } from '../core/plain-object';
import { sendFailure } from './error-replies';

/** A `{ "input": {…}, "options": {…} }` body read, or the INVOKE-400 reply already sent. */
export type InvokeBody = { readonly input: Record<string, unknown>; readonly options: Record<string, unknown> | undefined } | { readonly sent: FastifyReply };

/**
 * The body of `POST /invoke/<key>` and `POST /procedures/<key>`. Both parts are optional, so no
 * body is the empty request; null options are "no options", as invoke reads them, while a null
 * input is not an object.
 */
export function readInvokeBody(request: FastifyRequest, reply: FastifyReply): InvokeBody {
  const body: unknown = request.body;
  if (body === undefined) return { input: {}, options: undefined };
  if (!isPlainObject(body)) {
    return { sent: sendFailure(request, reply, 'INVALID_INPUT', 'The request body must be a JSON object: { "input": {…}, "options": {…} }.') };
  }
  const input = body.input === undefined ? {} : body.input;
  const options = body.options ?? undefined;
  if (!isPlainObject(input)) return { sent: sendFailure(request, reply, 'INVALID_INPUT', '"input" must be a JSON object.') };
  if (options !== undefined && !isPlainObject(options)) return { sent: sendFailure(request, reply, 'INVALID_INPUT', '"options" must be a JSON object.') };
  return { input, options };
}
