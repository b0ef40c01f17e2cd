import { parseSoqlText } from '../../../src/mock-org/soql/parse';

describe('parseSoqlText', () => {
  it('parses Apex bind variables', () => {
    const query = parseSoqlText('SELECT Id FROM AsyncApexJob WHERE Id IN :ids');
    expect(query.sObject).toBe('AsyncApexJob');
    expect(query.where?.left).toMatchObject({ field: 'Id', operator: 'IN', literalType: 'APEX_BIND_VARIABLE', value: 'ids' });
  });

  it('throws on malformed text', () => {
    expect(() => parseSoqlText('SELECT FROM')).toThrow();
  });
});

describe('parseSoqlText and line separators', () => {
  // Salesforce takes U+2028/U+2029 inside a string literal; the parser's lexer does not by itself.
  it.each(['\u2028', '\u2029', 'a\u2028b\u2029c\u2028'])('keeps %j inside a string literal', (text) => {
    const query = parseSoqlText(`SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = '${text}'`);
    expect(query.where?.left).toMatchObject({ field: 'ReferencePolicyNumber', operator: '=', value: `'${text}'` });
  });

  it('does not confuse a private-use character already in the text', () => {
    const query = parseSoqlText("SELECT Id FROM InsurancePolicy WHERE Name = '\uE000\u2028\uE001'");
    expect(query.where?.left).toMatchObject({ value: "'\uE000\u2028\uE001'" });
  });
});
