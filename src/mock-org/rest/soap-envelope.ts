import type { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isPlainObject } from '../../core/plain-object';

/*
 * The SOAP API's envelopes for `login` and `logout`: reading a request and writing Salesforce's
 * responses and faults. Hostile XML is refused before it is parsed: a DOCTYPE (so no entity
 * of the client's own is ever defined, let alone expanded), nesting past MAX_DEPTH, and (the
 * route's body limit) size.
 */

/** Deeper than any login envelope (Envelope › Body › login › username is 4). */
export const MAX_DEPTH = 16;

/** The two SOAP APIs that take `login`: the partner (`u`) and enterprise (`c`) WSDLs. */
export type SoapApi = 'u' | 'c';

const NAMESPACE: Record<SoapApi, string> = { u: 'urn:partner.soap.sforce.com', c: 'urn:enterprise.soap.sforce.com' };
const FAULT_NAMESPACE: Record<SoapApi, string> = { u: 'urn:fault.partner.soap.sforce.com', c: 'urn:fault.enterprise.soap.sforce.com' };
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Text for an XML element's content. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** XML's predefined entities and character references, in one pass (the parser is told to leave them). */
function decodeText(value: string): string {
  return value.replace(/&(lt|gt|amp|apos|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return NAMED[ref]!;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** What a login request's body holds: the credentials, another operation, or why it cannot be read. */
export type SoapRequest =
  { login: { username: string; password: string } } | { logout: { sessionId: string } } | { operation: string } | { unreadable: string };

export interface XmlTools {
  parser: XMLParser;
  validator: typeof XMLValidator;
}

/** fast-xml-parser, loaded when the first SOAP request comes: `ipemu invoke` never pays for it. */
let tools: Promise<XmlTools> | undefined;
export function xmlTools(): Promise<XmlTools> {
  tools ??= import('fast-xml-parser').then(({ XMLParser, XMLValidator }) => ({
    parser: new XMLParser({
      ignoreAttributes: true,
      removeNSPrefix: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: false,
      maxNestedTags: MAX_DEPTH,
    }),
    validator: XMLValidator,
  }));
  return tools;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? decodeText(value) : undefined);

/** Reads a SOAP request body; never throws. */
export function readSoapRequest(body: string, { parser, validator }: XmlTools): SoapRequest {
  if (/<!DOCTYPE/i.test(body)) return { unreadable: 'DOCTYPE is disallowed.' };
  const valid = validator.validate(body);
  if (valid !== true) return { unreadable: `The request is not well-formed XML: ${valid.err.msg}` };
  let doc: unknown;
  try {
    doc = parser.parse(body);
  } catch (err) {
    return {
      unreadable: /nested tags/i.test((err as Error).message)
        ? `The request is nested deeper than ${MAX_DEPTH} elements.`
        : 'The request cannot be read as XML.',
    };
  }
  const envelope = isPlainObject(doc) ? doc.Envelope : undefined;
  const soapBody = isPlainObject(envelope) ? envelope.Body : undefined;
  if (!isPlainObject(soapBody)) return { unreadable: 'The request is not a SOAP envelope with a Body.' };
  const operations = Object.keys(soapBody);
  const [operation] = operations;
  const call = operation === undefined ? undefined : soapBody[operation];
  if (operations.length !== 1 || (!isPlainObject(call) && call !== '')) return { operation: operations.join(', ') };
  const fields = isPlainObject(call) ? call : {};
  if (operation === 'login') return { login: { username: textOf(fields.username) ?? '', password: textOf(fields.password) ?? '' } };
  if (operation === 'logout') {
    const header = isPlainObject(envelope) && isPlainObject(envelope.Header) ? envelope.Header.SessionHeader : undefined;
    return { logout: { sessionId: (isPlainObject(header) ? textOf(header.sessionId) : undefined) ?? '' } };
  }
  return { operation: operation! };
}

/** A SOAP fault as Salesforce writes one; `code` is `sf:<exceptionCode>` or `soapenv:Client`. */
export function soapFault(api: SoapApi, code: string, message: string): string {
  const exception = code.startsWith('sf:') ? code.slice(3) : undefined;
  const detail =
    exception === 'INVALID_LOGIN'
      ? `<detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>${exception}</sf:exceptionCode><sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:LoginFault></detail>`
      : exception
        ? `<detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault"><sf:exceptionCode>${exception}</sf:exceptionCode><sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:UnexpectedErrorFault></detail>`
        : '';
  const faultString = exception ? `${exception}: ${message}` : message;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:sf="${FAULT_NAMESPACE[api]}" xmlns:xsi="${XSI}">` +
    `<soapenv:Body><soapenv:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(faultString)}</faultstring>${detail}</soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

/** An element per entry, in order; null is `xsi:nil`, a nested object is a nested element. */
export type XmlFields = ReadonlyArray<readonly [string, string | number | boolean | null | XmlFields]>;

function elements(fields: XmlFields): string {
  let out = '';
  for (const [name, value] of fields) {
    if (value === null) out += `<${name} xsi:nil="true"/>`;
    else if (Array.isArray(value)) out += `<${name}>${elements(value as XmlFields)}</${name}>`;
    else out += `<${name}>${escapeXml(String(value))}</${name}>`;
  }
  return out;
}

/** `<loginResponse><result>…</result></loginResponse>` in the API's namespace. */
export function loginResponse(api: SoapApi, result: XmlFields): string {
  return response(api, `<loginResponse><result>${elements(result)}</result></loginResponse>`);
}

export function logoutResponse(api: SoapApi): string {
  return response(api, '<logoutResponse/>');
}

function response(api: SoapApi, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns="${NAMESPACE[api]}" xmlns:xsi="${XSI}">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}
