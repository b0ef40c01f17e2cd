import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import { find, onlyProcedure, outline, scratch, write } from './helpers';

/**
 * Standard-runtime metadata XML, written here in the shape of real retrieves (Salesforce's
 * OmniIntegrationProcedure and OmniDataTransform reference, and public sfdx projects): tags in
 * alphabetical order, numbers as `1.0`, property sets as entity-escaped JSON.
 */

const element = (tags: Record<string, string>, children = ''): string =>
  `<omniProcessElements>${children}${Object.entries(tags)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</omniProcessElements>`;

const ip = (elements: string, header: Record<string, string> = {}): string => `<?xml version="1.0" encoding="UTF-8"?>
<OmniIntegrationProcedure xmlns="http://soap.sforce.com/2006/04/metadata">
    <isActive>${header.isActive ?? 'true'}</isActive>
    <isIntegrationProcedure>true</isIntegrationProcedure>
    <isTestProcedure>${header.isTestProcedure ?? 'false'}</isTestProcedure>
    <language>Procedure</language>
    <name>Demo</name>
    ${elements}
    <omniProcessKey>acme_Quote</omniProcessKey>
    <omniProcessType>Integration Procedure</omniProcessType>
    <propertySetConfig>{&quot;includeAllActionsInResponse&quot; : true}</propertySetConfig>
    <subType>${header.subType ?? 'Quote'}</subType>
    <type>acme</type>
    <versionNumber>${header.versionNumber ?? '3.0'}</versionNumber>
</OmniIntegrationProcedure>
`;

describe('OmniIntegrationProcedure XML (.oip, .oip-meta.xml)', () => {
  const tmp = scratch();

  it('reads type, subType, versionNumber 3.0 as 3, isActive, isTestProcedure and the escaped propertySetConfig', () => {
    write(join(tmp.dir(), 'acme_Quote_Procedure_3.oip'), ip('', { isActive: 'false', isTestProcedure: 'true' }));
    const found = onlyProcedure(loadDefinitions([tmp.dir()]));
    expect(found).toMatchObject({
      key: 'acme_Quote',
      type: 'acme',
      subType: 'Quote',
      version: 3,
      active: false,
      isTest: true,
      props: { includeAllActionsInResponse: true },
    });
    expect(found.origin.format).toBe('oip-xml');
  });

  it('keeps text as text: an element named 0001 or true, a subType 007, are not turned into numbers or booleans', () => {
    const elements = [
      element({ isActive: 'true', name: '0001', propertySetConfig: '{}', sequenceNumber: '1.0', type: 'Set Values' }),
      element({ isActive: 'true', name: 'true', propertySetConfig: '{}', sequenceNumber: '2.0', type: 'Set Values' }),
    ].join('');
    write(join(tmp.dir(), 'x.oip-meta.xml'), ip(elements, { subType: '007' }));
    const found = onlyProcedure(loadDefinitions([tmp.dir()]));
    expect(found.key).toBe('acme_007');
    expect(found.elements.map((e) => e.name)).toEqual(['0001', 'true']);
  });

  it('orders by sequenceNumber, global across the IP, whatever order the file writes siblings and children in', () => {
    const child = (name: string, seq: string): string =>
      `<childElements><isActive>true</isActive><level>1.0</level><name>${name}</name><propertySetConfig>{}</propertySetConfig><sequenceNumber>${seq}</sequenceNumber><type>Set Values</type></childElements>`;
    const elements = [
      element({ isActive: 'true', level: '0.0', name: 'Alpha', propertySetConfig: '{}', sequenceNumber: '5.0', type: 'Response Action' }),
      element(
        {
          isActive: 'true',
          level: '0.0',
          name: 'Loop',
          propertySetConfig: '{&quot;loopList&quot;:&quot;items&quot;}',
          sequenceNumber: '2.0',
          type: 'Loop Block',
        },
        child('Apply', '4.0') + child('Compute', '3.0'),
      ),
      element({ isActive: 'false', level: '0.0', name: 'Zulu', propertySetConfig: '{}', sequenceNumber: '1.0', type: 'Set Values' }),
    ].join('');
    write(join(tmp.dir(), 'x.oip'), ip(elements));
    const found = onlyProcedure(loadDefinitions([tmp.dir()]));
    expect(outline(found.elements)).toEqual([
      'Zulu [Set Values]',
      'Loop [Loop Block]',
      '  Compute [Set Values]',
      '  Apply [Set Values]',
      'Alpha [Response Action]',
    ]);
    expect(find(found.elements, 'Loop')?.props).toEqual({ loopList: 'items' });
    expect(find(found.elements, 'Zulu')?.active).toBe(false);
  });

  it('takes parentElementName for the parent of an element written flat, outside childElements', () => {
    const elements = [
      element({ name: 'Block', propertySetConfig: '{}', sequenceNumber: '1.0', type: 'Conditional Block' }),
      element({ name: 'Inner', parentElementName: 'Block', propertySetConfig: '{}', sequenceNumber: '2.0', type: 'Set Values' }),
    ].join('');
    write(join(tmp.dir(), 'x.oip'), ip(elements));
    expect(outline(onlyProcedure(loadDefinitions([tmp.dir()])).elements)).toEqual(['Block [Conditional Block]', '  Inner [Set Values]']);
  });

  it('skips an OmniScript document and files of other metadata types without a problem', () => {
    write(join(tmp.dir(), 'odd.oip'), '<?xml version="1.0"?><OmniScript><isIntegrationProcedure>false</isIntegrationProcedure></OmniScript>');
    write(join(tmp.dir(), 'Demo_Script_English_1.os-meta.xml'), '<OmniScript><type>Demo</type></OmniScript>');
    write(join(tmp.dir(), 'README.md'), '# notes');
    expect(loadDefinitions([tmp.dir()])).toEqual({ procedures: [], dataMappers: [], problems: [] });
  });
});

describe('OmniDataTransform XML (.rpt, .rpt-meta.xml)', () => {
  const tmp = scratch();

  it('reads items under their standard names: numbers from 1.0 text, disabled as isDisabled, transformValuesMappings as JSON, entities decoded', () => {
    write(
      join(tmp.dir(), 'getCases_1.rpt-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<OmniDataTransform xmlns="http://soap.sforce.com/2006/04/metadata">
    <active>true</active>
    <inputType>JSON</inputType>
    <name>getCases</name>
    <omniDataTransformItem>
        <disabled>true</disabled>
        <filterGroup>0.0</filterGroup>
        <formulaConverted>| var:a &apos;&apos; != var:a var:b IF</formulaConverted>
        <formulaExpression>IF((a != &apos;&apos;),a,b)</formulaExpression>
        <formulaResultPath>Cases.Total</formulaResultPath>
        <formulaSequence>1.0</formulaSequence>
        <inputObjectQuerySequence>0.0</inputObjectQuerySequence>
        <name>getCases</name>
        <outputCreationSequence>0.0</outputCreationSequence>
        <outputFieldName>Formula</outputFieldName>
        <outputObjectName>Formula</outputObjectName>
    </omniDataTransformItem>
    <omniDataTransformItem>
        <disabled>false</disabled>
        <filterOperator>&lt;&gt;</filterOperator>
        <filterValue>&apos;&apos;</filterValue>
        <inputFieldName>Id</inputFieldName>
        <inputObjectName>Case</inputObjectName>
        <inputObjectQuerySequence>1.0</inputObjectQuerySequence>
        <name>getCases</name>
        <outputCreationSequence>0.0</outputCreationSequence>
        <outputFieldName>Cases</outputFieldName>
        <outputObjectName>json</outputObjectName>
        <transformValuesMappings>{ }</transformValuesMappings>
    </omniDataTransformItem>
    <outputType>JSON</outputType>
    <type>Extract</type>
    <versionNumber>1.0</versionNumber>
</OmniDataTransform>
`,
    );
    const set = loadDefinitions([tmp.dir()]);
    expect(set.problems).toEqual([]);
    expect(set.dataMappers).toHaveLength(1);
    const [dm] = set.dataMappers;
    expect(dm).toMatchObject({ name: 'getCases', type: 'Extract', inputType: 'JSON', outputType: 'JSON', origin: { format: 'rpt-xml' } });
    expect(dm?.items).toEqual([
      {
        isDisabled: true,
        filterGroup: 0,
        formulaConverted: "| var:a '' != var:a var:b IF",
        formulaExpression: "IF((a != ''),a,b)",
        formulaResultPath: 'Cases.Total',
        formulaSequence: 1,
        inputObjectQuerySequence: 0,
        outputCreationSequence: 0,
        outputFieldName: 'Formula',
        outputObjectName: 'Formula',
      },
      {
        isDisabled: false,
        filterOperator: '<>',
        filterValue: "''",
        inputFieldName: 'Id',
        inputObjectName: 'Case',
        inputObjectQuerySequence: 1,
        outputCreationSequence: 0,
        outputFieldName: 'Cases',
        outputObjectName: 'json',
        transformValueMappings: {},
      },
    ]);
  });

  it('keeps every version of a Data Mapper with its versionNumber and active flag (default: version 1, active)', () => {
    const rpt = (version: string, active: string): string =>
      `<OmniDataTransform><active>${active}</active><name>getCases</name><type>Extract</type><versionNumber>${version}</versionNumber></OmniDataTransform>`;
    write(join(tmp.dir(), 'getCases_1.rpt'), rpt('1.0', 'true'));
    write(join(tmp.dir(), 'getCases_2.rpt'), rpt('2.0', 'false'));
    write(join(tmp.dir(), 'bare.rpt'), '<OmniDataTransform><name>bare</name><type>Transform</type></OmniDataTransform>');
    const set = loadDefinitions([tmp.dir()]);
    expect(set.problems).toEqual([]);
    expect(set.dataMappers.map((d) => [d.name, d.version, d.active, d.items.length])).toEqual([
      ['bare', 1, true, 0],
      ['getCases', 1, true, 0],
      ['getCases', 2, false, 0],
    ]);
  });
});
