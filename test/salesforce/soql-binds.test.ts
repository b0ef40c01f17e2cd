import { renderSoql, quoteSoqlString } from '../../src/salesforce/soql-binds';
import { IpemuError } from '../../src/core/errors';

describe('renderSoql: binds become escaped SOQL literals', () => {
  const base = 'SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = :ref';

  it.each([
    ['backslash', 'a\\b', "'a\\\\b'"],
    ['single quote', "O'Brien", "'O\\'Brien'"],
    ['double quote', 'say "hi"', '\'say \\"hi\\"\''],
    ['newline', 'a\nb', "'a\\nb'"],
    ['carriage return', 'a\rb', "'a\\rb'"],
    ['tab', 'a\tb', "'a\\tb'"],
    ['backspace', 'a\bb', "'a\\bb'"],
    ['form feed', 'a\fb', "'a\\fb'"],
  ])('escapes %s', (_label, value, literal) => {
    expect(renderSoql(base, { ref: value })).toBe(`SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = ${literal}`);
  });

  it('cannot be broken out of by an injection attempt', () => {
    const soql = renderSoql(base, { ref: "x' OR Name LIKE '%" });
    expect(soql).toBe("SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = 'x\\' OR Name LIKE \\'%'");
  });

  it('renders a backslash before a quote so neither escapes the other', () => {
    expect(quoteSoqlString("\\'")).toBe("'\\\\\\''");
  });

  it('renders lists as parenthesised literals', () => {
    expect(renderSoql('SELECT Id FROM AsyncApexJob WHERE Id IN :ids', { ids: ['a', "b'c"] })).toBe("SELECT Id FROM AsyncApexJob WHERE Id IN ('a','b\\'c')");
    expect(renderSoql('WHERE N IN :n', { n: [1, 2.5] })).toBe('WHERE N IN (1,2.5)');
  });

  it('renders an empty list as (null), which matches nothing', () => {
    expect(renderSoql('WHERE Id IN :ids', { ids: [] })).toBe('WHERE Id IN (null)');
  });

  it('renders a Date as an unquoted UTC datetime without milliseconds', () => {
    expect(renderSoql('WHERE CreatedDate > :d', { d: new Date('2026-11-01T10:00:00.123Z') })).toBe('WHERE CreatedDate > 2026-11-01T10:00:00Z');
    expect(renderSoql('WHERE CreatedDate IN :d', { d: [new Date(0)] })).toBe('WHERE CreatedDate IN (1970-01-01T00:00:00Z)');
  });

  it('renders numbers, booleans and null unquoted', () => {
    expect(renderSoql('WHERE A = :a AND B = :b AND C = :c AND D = :d', { a: 42, b: -1.5, c: true, d: null })).toBe(
      'WHERE A = 42 AND B = -1.5 AND C = true AND D = null',
    );
    expect(renderSoql('WHERE C = :c', { c: false })).toBe('WHERE C = false');
  });

  it('rejects non-finite numbers and invalid dates', () => {
    expect(() => renderSoql('WHERE A = :a', { a: Number.NaN })).toThrow(IpemuError);
    expect(() => renderSoql('WHERE A = :a', { a: Number.POSITIVE_INFINITY })).toThrow(/finite/);
    expect(() => renderSoql('WHERE A = :a', { a: new Date('nope') })).toThrow(IpemuError);
  });

  it('leaves bind-like text inside string literals untouched', () => {
    const soql = "SELECT Id FROM X WHERE Name = ':notABind' AND Other = 'it\\'s :alsoNot' AND Id = :id";
    expect(renderSoql(soql, { id: '707' })).toBe("SELECT Id FROM X WHERE Name = ':notABind' AND Other = 'it\\'s :alsoNot' AND Id = '707'");
  });

  it('replaces every occurrence and leaves a query without binds as it is', () => {
    expect(renderSoql('WHERE A = :x OR B = :x', { x: 'v' })).toBe("WHERE A = 'v' OR B = 'v'");
    expect(renderSoql('SELECT Id FROM AsyncApexJob')).toBe('SELECT Id FROM AsyncApexJob');
  });

  it('throws INTERNAL for an unknown bind name, without echoing values', () => {
    let caught: unknown;
    try {
      renderSoql('WHERE Id = :missing', { other: 'secret' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(IpemuError);
    expect((caught as IpemuError).code).toBe('INTERNAL');
    expect((caught as IpemuError).message).toContain(':missing');
    expect((caught as IpemuError).message).not.toContain('secret');
  });

  it('does not treat inherited properties as binds', () => {
    expect(() => renderSoql('WHERE Id = :toString', {})).toThrow(IpemuError);
  });
});
