import https from 'node:https';
import { gunzipSync, inflateSync } from 'node:zlib';

/**
 * Requests as Python's `requests` library puts them on the wire for simple-salesforce: its default
 * headers, `params` encoded by urlencode (quote_plus: spaces as '+'), a DELETE with
 * `Content-Length: 0`, over https trusting only the given CA (REQUESTS_CA_BUNDLE).
 */

export const REQUESTS_HEADERS = {
  'User-Agent': 'python-requests/2.32.3',
  'Accept-Encoding': 'gzip, deflate',
  Accept: '*/*',
  Connection: 'keep-alive',
};

/** Python's urllib.parse.quote_plus (what urlencode applies to each value). */
export function quotePlus(value: string): string {
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(ch)) return ch;
    if (ch === ' ') return '+';
    return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

export interface PyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** `response.json()`: throws when the body is not JSON; the caller names the shape it expects. */
  json<T = Record<string, unknown>>(): T;
}

export interface PyRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** `data=`: sent as given (simple-salesforce passes json.dumps output). */
  data?: string;
}

/** Python's json.dumps with default separators (', ' and ': '), as simple-salesforce sends bodies. */
export function jsonDumps(value: Record<string, string | number | boolean | null>): string {
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')}}`;
}

export function pyRequest(ca: string, req: PyRequest): Promise<PyResponse> {
  const url = new URL(req.url);
  if (req.params)
    url.search = Object.entries(req.params)
      .map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`)
      .join('&');
  const body = req.data === undefined ? undefined : Buffer.from(req.data, 'utf8');
  // requests sets Content-Length: 0 on a body-less request unless it is a GET or HEAD.
  const length = body !== undefined ? String(body.length) : req.method === 'GET' || req.method === 'HEAD' ? undefined : '0';
  const headers = { ...REQUESTS_HEADERS, ...(length === undefined ? {} : { 'Content-Length': length }), ...req.headers };
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: req.method, headers, ca, agent: false, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const decoded = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw;
        const text = decoded.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${req.method} ${req.url}: timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}
