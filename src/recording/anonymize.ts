import { createHmac } from 'node:crypto';
import { IpemuError } from '../core/errors';
import type { FieldDecl, FixtureRecord } from '../mock-org/fixtures/types';

/**
 * `--anonymize`: names, reference numbers and free text become stable fakes. A fake is the
 * HMAC-SHA256 of the value under the recording's salt and the value's *kind* (never its object or
 * field), so the same value gives the same fake everywhere and links between records survive.
 * Ids, references, picklists, numbers, dates and booleans are never touched: they carry the org's
 * structure, not its people.
 */

/** What a value is, which shapes its fake. One kind for every reference number, so a number used in two objects stays one. */
export type FakeKind = 'name' | 'number' | 'text' | 'email' | 'phone' | 'url';

export interface Anonymizer {
  /** A copy of the record (without `attributes`) with every name, reference number and free text replaced; null stays null. */
  anonymizeRecord(object: string, fields: Readonly<Record<string, FieldDecl>>, record: FixtureRecord): FixtureRecord;
  /** The fake for one value of a kind, within `length` characters. */
  fake(kind: FakeKind, value: string, length?: number): string;
}

/** 16 hex digits (64 bits): a million distinct values collide with odds of about 1 in 37 million. */
const HEX_DIGITS = 16;

/** `Name`, `FirstName`, `AccountName__c`: a person's or a thing's name. */
const NAME = /Name$/;
/** `ReferencePolicyNumber`, `QuoteNumber`, `Policy_Number__c`. */
const NUMBER = /Number$/;

/** The kind of a field's values, or undefined for a field whose values are kept. */
export function fakeKindOf(field: string, decl: FieldDecl): FakeKind | undefined {
  const base = field.replace(/__c$/, '').replace(/_+$/, '');
  switch (decl.type) {
    case 'email':
    case 'phone':
    case 'url':
      return decl.type;
    case 'textarea':
      return 'text';
    case 'string':
      if (NAME.test(base)) return 'name';
      if (NUMBER.test(base) || decl.idLookup === true) return 'number';
      return 'text';
    default:
      return undefined;
  }
}

function shaped(kind: FakeKind, hex: string): string {
  switch (kind) {
    case 'name':
      return `Name ${hex}`;
    case 'number':
      return `N-${hex}`;
    case 'text':
      return `Text ${hex}`;
    case 'email':
      return `x-${hex}@example.invalid`;
    case 'url':
      return `https://example.invalid/${hex}`;
    case 'phone':
      // The same 64 bits as 20 decimal digits.
      return BigInt(`0x${hex}`).toString().padStart(20, '0');
  }
}

/** Every string leaf of a JSON value replaced (keys, numbers, booleans and nulls kept). */
function mapStrings(value: unknown, fake: (text: string) => string): unknown {
  if (typeof value === 'string') return fake(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fake));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, fake)]));
  return value;
}

/**
 * (ipemu) Free text holding a JSON object or array (InsuranceAsyncBulkRequest.AdditionalInformation,
 * which InsAsyncBulkService parses) keeps its structure: its string values are faked, its keys kept.
 * Undefined when the text is no such JSON or its anonymized form does not fit the field.
 */
function fakeJson(text: string, length: number, fake: (text: string) => string): string | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out = JSON.stringify(mapStrings(parsed, fake));
  return out.length <= length ? out : undefined;
}

export function createAnonymizer(salt: string): Anonymizer {
  if (salt === '') throw new IpemuError('INVALID_INPUT', 'An anonymizer needs a non-empty salt.');
  const fake = (kind: FakeKind, value: string, length = 255): string => {
    const hex = createHmac('sha256', salt).update(kind).update('\0').update(value).digest('hex').slice(0, HEX_DIGITS);
    const full = shaped(kind, hex);
    if (full.length <= length) return full;
    // (ipemu) A field too short for the shape keeps as much of the digest as fits: fewer than 12 characters may collide.
    return (kind === 'phone' ? full : hex).slice(0, Math.max(1, length));
  };
  const plans = new WeakMap<Readonly<Record<string, FieldDecl>>, Map<string, FakeKind | null>>();
  const kindIn = (object: string, fields: Readonly<Record<string, FieldDecl>>, field: string): FakeKind | null => {
    let plan = plans.get(fields);
    if (plan === undefined) plans.set(fields, (plan = new Map<string, FakeKind | null>()));
    let kind = plan.get(field);
    if (kind === undefined) {
      const decl = Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
      if (decl === undefined) throw new IpemuError('INVALID_INPUT', `Cannot anonymize ${object}.${field}: it is not one of the object's fields.`);
      plan.set(field, (kind = fakeKindOf(field, decl) ?? null));
    }
    return kind;
  };
  return {
    fake,
    anonymizeRecord(object, fields, record) {
      const out: FixtureRecord = {};
      for (const [field, value] of Object.entries(record)) {
        if (field === 'attributes') continue; // a REST record's type and url: not a field
        if (field === 'Id') {
          out.Id = value; // every object has it, declared or not
          continue;
        }
        const kind = kindIn(object, fields, field);
        if (kind === null || typeof value !== 'string') out[field] = value;
        else {
          const length = fields[field]!.length ?? 255;
          const json = kind === 'text' ? fakeJson(value, length, (leaf) => fake('text', leaf, Infinity)) : undefined;
          out[field] = json ?? fake(kind, value, length);
        }
      }
      return out;
    },
  };
}
