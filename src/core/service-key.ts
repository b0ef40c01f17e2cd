import { IpemuError } from './errors';

/** `Class:Method`, spelled as OmniStudio spells it: an Apex-style identifier on each side. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export interface ServiceKey {
  readonly className: string;
  readonly methodName: string;
  readonly key: string;
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Parses `Class:Method`; returns undefined when the text is not of that form. */
export function parseServiceKey(text: unknown): ServiceKey | undefined {
  if (typeof text !== 'string') return undefined;
  const colon = text.indexOf(':');
  if (colon < 0 || colon !== text.lastIndexOf(':')) return undefined;
  const className = text.slice(0, colon);
  const methodName = text.slice(colon + 1);
  if (!isIdentifier(className) || !isIdentifier(methodName)) return undefined;
  return { className, methodName, key: text };
}

export function serviceKey(className: string, methodName: string): string {
  if (!isIdentifier(className)) throw new IpemuError('INVALID_INPUT', `Invalid service class name "${className}".`);
  if (!isIdentifier(methodName)) throw new IpemuError('INVALID_INPUT', `Invalid service method name "${methodName}".`);
  return `${className}:${methodName}`;
}
