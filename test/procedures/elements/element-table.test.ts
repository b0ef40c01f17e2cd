/** The element table: one declaration per type, found by its stored type string and its label spellings. */
import { ELEMENT_TYPES, elementTypeOf, isKnownUnimplemented } from '../../../src/procedures/elements';

describe('the element table', () => {
  it.each([
    ['Set Values', 'Set Values'],
    ['Remote Action', 'Remote Action'],
    ['Conditional Block', 'Conditional Block'],
    ['Loop Block', 'Loop Block'],
    ['Try Catch Block', 'Try Catch Block'],
    ['Cache Block', 'Cache Block'],
    ['DataRaptor Extract Action', 'DataRaptor Extract Action'],
    ['Data Mapper Extract Action', 'DataRaptor Extract Action'],
    ['DataRaptor Turbo Action', 'DataRaptor Turbo Action'],
    ['Data Mapper Turbo Extract Action', 'DataRaptor Turbo Action'],
    ['DataRaptor Transform Action', 'DataRaptor Transform Action'],
    ['Data Mapper Transform Action', 'DataRaptor Transform Action'],
    ['List Action', 'List Action'],
    ['Integration Procedure Action', 'Integration Procedure Action'],
    ['Response Action', 'Response Action'],
    ['Assert Action', 'Assert Action'],
    ['data mapper extract action', 'DataRaptor Extract Action'],
  ])('finds "%s" as the declaration stored as "%s"', (spelling, stored) => {
    expect(elementTypeOf(spelling)?.types[0]).toBe(stored);
  });

  it('declares each type string once', () => {
    const spellings = ELEMENT_TYPES.flatMap((t) => t.types.map((s) => s.toLowerCase()));
    expect(new Set(spellings).size).toBe(spellings.length);
  });

  it.each(['Rest Action', 'HTTP Action', 'Matrix Action', 'Email Action', 'DocuSign Envelope Action', 'DataRaptor Post Action'])(
    'knows "%s" as a type it does not implement',
    (type) => {
      expect(elementTypeOf(type)).toBeUndefined();
      expect(isKnownUnimplemented(type)).toBe(true);
    },
  );
});
