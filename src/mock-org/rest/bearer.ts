import type { FastifyRequest } from 'fastify';

/** The access token of `Authorization: Bearer <t>` (or Salesforce's older `OAuth <t>`). */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return m ? m[1] : undefined;
}
