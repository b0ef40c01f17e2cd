/**
 * Formulas, conditions and merge fields as they appear in public material, each with where it was
 * found. Exports first (vlocity_build, MIT; SFDC-Assets' travel application, Apache-2.0), then the
 * examples of Salesforce's OmniStudio documentation and of public how-to pages. Expressions are
 * quoted exactly as published. `cases` hold data and the result: the one the source states, or for
 * an export or a guide, the one its own sample data or wording implies.
 */

export interface ExpressionCase {
  readonly data: unknown;
  readonly expected: unknown;
}

export interface RealExpression {
  readonly expression: string;
  /** 'owner/repo path' for a repository file, or the page's address. */
  readonly source: string;
  readonly licence: string;
  readonly cases?: readonly ExpressionCase[];
  /** As published, it does not parse (a documentation typo): the check is that it fails with a syntax error. */
  readonly syntaxError?: true;
  /** It calls a function ipemu does not provide (an OmniScript-only one): it compiles, and evaluating it names the function. */
  readonly unknownFunction?: string;
}

const VLOCITY_BUILD = 'vlocityinc/vlocity_build test/testJobData/IntegrationProcedure';
const COND_BLOCK = `${VLOCITY_BUILD}/DataPackTest_IPCondBlock1`;
const TRAVEL = 'SFDC-Assets/gps-dod-omnistudio-travel-application json/Omni Processes Multipack.json';
const MCP_GUIDE = 'SediDeVone/vlocity-omnistudio-mcp skills/vlocity-generator/references/generation-guide.md';
const DOC_LIST = 'https://help.salesforce.com/s/articleView?id=xcloud.os_omnistudio_list_functions.htm';
const DOC_DATE = 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.os_omnistudio_date_and_time_functions.htm';
const DOC_STRING = 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.os_omnistudio_string_functions.htm';
const DOC_OMNISCRIPT = 'https://help.salesforce.com/s/articleView?id=xcloud.os_omniscript_functions.htm';
const DOC_DATAMAPPER = 'https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.os_use_formulas_in_dataraptors_47540.htm';
const PAGE_OPERATORS = 'https://www.vlocitygru.com/post/the-ultimate-dataraptor-formula-reference-for-omnistudio-developers';
const PAGE_LISTS = 'https://omnistudiofacts.com/post/list-functions-in-dataraptor-formulas';
const PAGE_HANOV = 'https://hanovconsulting.com/what-types-of-formulas-can-be-utilized-to-extract-data-using-vlocitys-dataraptor/';
const REFERENCE = 'ipemu shared/reference/integration-procedures.md (the engine postfix example)';

const MIT = 'MIT';
const APACHE = 'Apache-2.0';
const DOC = 'Salesforce documentation example (quoted, with its stated result)';
const PAGE = 'public how-to page example (quoted, with its stated result)';

/** vlocity_build's sample input and the tax the Conditional Block picks for it. */
const SAMPLE = { Price: '250', State: 'MI', SalesTax: 0.07 };
const WA = { Price: 100, State: 'WA', SalesTax: 0.065 };

export const REAL_EXPRESSIONS: readonly RealExpression[] = [
  // vlocity_build: the Conditional Block's branches and the Set Values formulas.
  {
    expression: 'State == "CA"',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_IfCA.json`,
    licence: MIT,
    cases: [
      { data: { State: 'CA' }, expected: true },
      { data: { State: 'ca' }, expected: true },
      { data: SAMPLE, expected: false },
    ],
  },
  {
    expression: 'State == "NV"',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_IfNV.json`,
    licence: MIT,
    cases: [
      { data: { State: 'NV' }, expected: true },
      { data: {}, expected: false },
    ],
  },
  {
    expression: 'State == "OR"',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_IfOR.json`,
    licence: MIT,
    cases: [{ data: { State: 'OR' }, expected: true }],
  },
  {
    expression: 'State == "WA"',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_IfWA.json`,
    licence: MIT,
    cases: [
      { data: WA, expected: true },
      { data: SAMPLE, expected: false },
    ],
  },
  {
    expression: '=(%Price% * %SalesTax%)',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_CalculateTax.json`,
    licence: MIT,
    cases: [
      { data: SAMPLE, expected: 17.5 },
      { data: { Price: 100, SalesTax: 0.0866 }, expected: 8.66 },
    ],
  },
  {
    expression: '=(%SalesTax% * 100)',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_CalculateTax.json`,
    licence: MIT,
    cases: [
      { data: SAMPLE, expected: 7 },
      { data: { SalesTax: 0.0866 }, expected: 8.66 },
    ],
  },
  {
    expression: '=(%Price% + (%Price% * %SalesTax%))',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_CalculateTax.json`,
    licence: MIT,
    cases: [
      { data: SAMPLE, expected: 267.5 },
      { data: WA, expected: 106.5 },
    ],
  },
  {
    expression: '%Price%',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_AssembleOutput.json`,
    licence: MIT,
    cases: [{ data: SAMPLE, expected: '250' }],
  },
  {
    expression: '%State%',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_AssembleOutput.json`,
    licence: MIT,
    cases: [{ data: SAMPLE, expected: 'MI' }],
  },
  {
    expression: '%CalculateTax:Tax%',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_AssembleOutput.json`,
    licence: MIT,
    cases: [{ data: { CalculateTax: { Tax: 17.5 } }, expected: 17.5 }],
  },
  {
    expression: '%CalculateTax:TaxRate%',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_AssembleOutput.json`,
    licence: MIT,
    cases: [{ data: { CalculateTax: { TaxRate: 7 } }, expected: 7 }],
  },
  {
    expression: '%CalculateTax:Total%',
    source: `${COND_BLOCK}/DataPackTest_IPCondBlock1_Element_AssembleOutput.json`,
    licence: MIT,
    cases: [{ data: { CalculateTax: { Total: 267.5 } }, expected: 267.5 }],
  },
  {
    expression: 'TestIP:Output:Total == 265',
    source: `${VLOCITY_BUILD}/DataPackTest_IPTest1/DataPackTest_IPTest1_Element_AssertTotal.json`,
    licence: MIT,
    cases: [
      { data: { TestIP: { Output: { Total: 265 } } }, expected: true },
      { data: { TestIP: { Output: { Total: '265.00' } } }, expected: true },
      { data: { TestIP: { Output: { Total: 267.5 } } }, expected: false },
      { data: {}, expected: false },
    ],
  },

  // SFDC-Assets travel application (Apache-2.0): a Data Mapper formula and two OmniScript formulas.
  {
    expression: 'User:LastName + ", " + User:FirstName',
    source: `${TRAVEL} (FormulaExpression, FormulaResultPath requestorName)`,
    licence: APACHE,
    cases: [{ data: { User: { FirstName: 'Ada', LastName: 'Lovelace' } }, expected: 'Lovelace, Ada' }],
  },
  {
    expression: '=CONCATENATE(%requestorName%," - ",%departureDate%)',
    source: `${TRAVEL} (OmniScript Formula element)`,
    licence: APACHE,
    unknownFunction: 'CONCATENATE',
  },
  {
    expression: '=CONCATENATE(%requestorName%,"- SSO Foreign Travel - ",NUMBER(44961, 1))',
    source: `${TRAVEL} (OmniScript Formula element)`,
    licence: APACHE,
    unknownFunction: 'CONCATENATE',
  },

  // A guide of conditions in an MIT repository.
  {
    expression: '%FetchAccount_DRE:Account:Active% == true',
    source: MCP_GUIDE,
    licence: MIT,
    cases: [
      { data: { FetchAccount_DRE: { Account: { Active: true } } }, expected: true },
      { data: { FetchAccount_DRE: { Account: { Active: 'false' } } }, expected: false },
    ],
  },
  {
    expression: '%AccountId% != NULL',
    source: MCP_GUIDE,
    licence: MIT,
    cases: [
      { data: { AccountId: '001' }, expected: true },
      { data: {}, expected: false },
    ],
  },
  {
    expression: 'ISBLANK(%AccountId%) == false',
    source: MCP_GUIDE,
    licence: MIT,
    cases: [
      { data: { AccountId: '001' }, expected: true },
      { data: { AccountId: '' }, expected: false },
    ],
  },
  {
    expression: '%FetchAccount_DRE:Account%',
    source: MCP_GUIDE,
    licence: MIT,
    cases: [{ data: { FetchAccount_DRE: { Account: { Id: '001' } } }, expected: { Id: '001' } }],
  },
  { expression: '%StepA:BlockB:InputC%', source: MCP_GUIDE, licence: MIT, cases: [{ data: { StepA: { BlockB: { InputC: 3 } } }, expected: 3 }] },

  // The engine's postfix example.
  {
    expression: "IF((a != ''),a,b)",
    source: REFERENCE,
    licence: 'ipemu',
    cases: [
      { data: { a: 'x', b: 'y' }, expected: 'x' },
      { data: { a: '', b: 'y' }, expected: 'y' },
      { data: { b: 'y' }, expected: 'y' },
    ],
  },

  // Salesforce documentation: list functions.
  { expression: 'AVG(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)', source: DOC_LIST, licence: DOC, cases: [{ data: {}, expected: 5.5 }] },
  { expression: 'AVG(List:Item)', source: DOC_LIST, licence: DOC, cases: [{ data: { List: [{ Item: 3.5 }, { Item: 4.25 }, { Item: 5.75 }] }, expected: 4.5 }] },
  {
    expression: 'AVG(%List:Item%)',
    source: DOC_LIST,
    licence: DOC,
    cases: [{ data: { List: [{ Item: 3.5 }, { Item: 4.25 }, { Item: 5.75 }] }, expected: 4.5 }],
  },
  { expression: 'FILTER(LIST(list), condition)', source: `${DOC_LIST} (the signature, read as a formula)`, licence: DOC },

  // Salesforce documentation: date, string, OmniScript and Data Mapper pages.
  // The page's stated results were not readable; ipemu's reading of ADDDAY is pinned in functions-date.test.ts.
  { expression: 'ADDDAY("2025-01-01", 31)', source: DOC_DATE, licence: DOC },
  { expression: 'ADDDAY("01/01/2025", 31)', source: DOC_DATE, licence: DOC },
  { expression: 'BASE64ENCODE("Encode this string.")', source: DOC_STRING, licence: DOC, cases: [{ data: {}, expected: 'RW5jb2RlIHRoaXMgc3RyaW5nLg==' }] },
  {
    expression: 'BASE64ENCODE("2003-02-01T16:35:30-0500")',
    source: DOC_STRING,
    licence: DOC,
    cases: [{ data: {}, expected: 'MjAwMy0wMi0wMVQxNjozNTozMC0wNTAw' }],
  },
  { expression: 'BASE64ENCODE(1024)', source: DOC_STRING, licence: DOC },
  { expression: 'ABS(%Friends%) == 6.52534', source: DOC_OMNISCRIPT, licence: DOC, cases: [{ data: { Friends: -6.52534 }, expected: true }] },
  { expression: 'ROUND(%Friends%, 3) == 6.525', source: DOC_OMNISCRIPT, licence: DOC, cases: [{ data: { Friends: 6.52534 }, expected: true }] },
  { expression: 'INTEGER(%Friends%) == 6', source: DOC_OMNISCRIPT, licence: DOC, unknownFunction: 'INTEGER' },
  { expression: 'POW(%Friends%, 3) == 274.625', source: DOC_OMNISCRIPT, licence: DOC, unknownFunction: 'POW' },
  { expression: 'NUMBER(%Friends%) == 128', source: DOC_OMNISCRIPT, licence: DOC, unknownFunction: 'NUMBER' },
  { expression: 'COUNTIF(%MyArray%, >10)', source: DOC_OMNISCRIPT, licence: DOC, syntaxError: true },
  // The page prints one '(' too many after IF: that parenthesis then closes with IF's own ')', so IF is never closed.
  { expression: 'IF(((%reset%="Yes" AND( %reboot%="Yes")), "Closed", "Escalated")', source: DOC_OMNISCRIPT, licence: DOC, syntaxError: true },
  { expression: 'var:"Primary Guardian"', source: DOC_DATAMAPPER, licence: DOC, cases: [{ data: { 'Primary Guardian': 'Pat' }, expected: 'Pat' }] },

  // A public operator reference (its examples and stated results).
  { expression: '(600 > 100) && (2 > 0)', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '(600 > 100) || (2 < 0)', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '600 > 200', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '200 >= 200', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '30 < 100', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '100 <= 100', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '"iPhone" != "Case"', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '2 == 2', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: 'var:Total = 600', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: { Total: 600 }, expected: true }] },
  { expression: '"iPhone" LIKE "Phone"', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '"Case" NOTLIKE "Phone"', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: true }] },
  { expression: '600 + 30', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: 630 }] },
  { expression: '600 - 30', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: 570 }] },
  { expression: '30 * 2', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: 60 }] },
  { expression: '600 / 2', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: 300 }] },
  { expression: '2 ^ 3', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: {}, expected: 8 }] },
  {
    expression: 'var:"Primary School"',
    source: PAGE_OPERATORS,
    licence: PAGE,
    cases: [{ data: { 'Primary School': 'Green Valley High' }, expected: 'Green Valley High' }],
  },
  { expression: 'var:"Employee Name"', source: PAGE_OPERATORS, licence: PAGE, cases: [{ data: { 'Employee Name': 'John Doe' }, expected: 'John Doe' }] },

  // A public page of list-function examples (their input and stated output).
  {
    expression: 'MAX(Numbers:Item)',
    source: PAGE_LISTS,
    licence: PAGE,
    cases: [{ data: { Numbers: [{ Item: 30 }, { Item: 40 }, { Item: 10 }] }, expected: 40 }],
  },
  {
    expression: 'MIN(Numbers:Item)',
    source: PAGE_LISTS,
    licence: PAGE,
    cases: [{ data: { Numbers: [{ Item: 30 }, { Item: 40 }, { Item: 10 }] }, expected: 10 }],
  },

  // A public page of Data Mapper formula examples.
  {
    expression: 'IF(Price > 10, "Yes", "No")',
    source: PAGE_HANOV,
    licence: PAGE,
    cases: [
      { data: { Price: 11 }, expected: 'Yes' },
      { data: { Price: 10 }, expected: 'No' },
    ],
  },
  { expression: 'CONCATENATE(FirstName, " ", LastName)', source: PAGE_HANOV, licence: PAGE, unknownFunction: 'CONCATENATE' },
  { expression: 'DATE(YearField, MonthField, DayField)', source: PAGE_HANOV, licence: PAGE, unknownFunction: 'DATE' },
  { expression: 'VLOOKUP(ProductCode, PriceTable, 2, FALSE)', source: PAGE_HANOV, licence: PAGE, unknownFunction: 'VLOOKUP' },
];
