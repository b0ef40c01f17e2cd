import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import { COND_BLOCK, copyFolder, RAW, readJson, scratch, write } from './helpers';

/**
 * A definition that cannot be read is a problem naming the file, the element and the property;
 * nothing throws or hangs, the broken definition is left out and the others still load.
 */

const NS = '%vlocity_namespace%__';
const HEADER = 'DataPackTest_IPCondBlock1_DataPack.json';
const elementFile = (dir: string, name: string): string => join(dir, `DataPackTest_IPCondBlock1_Element_${name}.json`);

/** A raw DataPack of one IP whose elements are given (managed schema). */
const rawIp = (elements: object[], header: object = {}): object => ({
  dataPacks: [
    {
      VlocityDataPackType: 'IntegrationProcedure',
      VlocityDataPackData: {
        [`${NS}OmniScript__c`]: [
          {
            [`${NS}Type__c`]: 'acme',
            [`${NS}SubType__c`]: 'Quote',
            [`${NS}IsProcedure__c`]: true,
            [`${NS}PropertySet__c`]: '{}',
            ...header,
            [`${NS}Element__c`]: elements,
          },
        ],
      },
    },
  ],
});
const el = (name: string, type: string, extra: object = {}): object => ({ Name: name, [`${NS}Type__c`]: type, [`${NS}PropertySet__c`]: '{}', ...extra });

describe('problems at load', () => {
  const tmp = scratch();
  const goodCopy = (): string => copyFolder(COND_BLOCK, join(tmp.dir(), 'good'));

  it('malformed JSON in a raw DataPack: the file, "not valid JSON"; the good DataPack beside it still loads', () => {
    goodCopy();
    const file = write(join(tmp.dir(), 'broken.json'), '{"dataPacks": [ {"VlocityDataPackType": "IntegrationProcedure", ');
    const set = loadDefinitions([tmp.dir()]);
    expect(set.problems).toEqual([{ file, message: expect.stringMatching(/^not valid JSON: /) as string }]);
    expect(set.procedures.map((p) => p.key)).toEqual(['DataPackTest_IPCondBlock1']);
  });

  it('malformed JSON in an expanded header or element file: that file, the element and the element list property', () => {
    const dir = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'));
    writeFileSync(elementFile(dir, 'IfWA'), '{ "Name": "IfWA", ');
    const set = loadDefinitions([dir]);
    expect(set.problems).toEqual([
      { file: elementFile(dir, 'IfWA'), element: 'IfWA', property: `${NS}Element__c`, message: expect.stringMatching(/^not valid JSON/) as string },
    ]);
    expect(set.procedures).toEqual([]);
    writeFileSync(join(dir, HEADER), '[1, 2');
    expect(loadDefinitions([dir]).problems).toEqual([{ file: join(dir, HEADER), message: expect.stringMatching(/^not valid JSON/) as string }]);
  });

  it('malformed XML: the file, "not well-formed XML" with its line', () => {
    const file = write(
      join(tmp.dir(), 'acme_Quote_Procedure_1.oip'),
      '<?xml version="1.0"?>\n<OmniIntegrationProcedure>\n<type>acme</subType>\n</OmniIntegrationProcedure>',
    );
    const rpt = write(join(tmp.dir(), 'm_1.rpt-meta.xml'), '<OmniDataTransform><name>m</name>');
    const set = loadDefinitions([tmp.dir()]);
    expect(set.problems).toEqual([
      { file, message: expect.stringMatching(/^not well-formed XML: .*\(line 3, column \d+\)$/) as string },
      { file: rpt, message: expect.stringMatching(/^not well-formed XML: /) as string },
    ]);
  });

  it('a missing element file: that file (ENOENT), the element its name stands for, the element list property', () => {
    const dir = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'));
    rmSync(elementFile(dir, 'CalculateTax'));
    const set = loadDefinitions([dir]);
    expect(set.problems).toEqual([
      { file: elementFile(dir, 'CalculateTax'), element: 'CalculateTax', property: `${NS}Element__c`, message: 'cannot be read (ENOENT)' },
    ]);
    expect(set.procedures).toEqual([]);
  });

  it('an element list entry that leaves the folder is refused, not read', () => {
    const dir = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'));
    const header = readJson(join(dir, HEADER)) as Record<string, unknown>;
    header[`${NS}Element__c`] = ['../../etc/passwd'];
    write(join(dir, HEADER), header);
    expect(loadDefinitions([dir]).problems).toEqual([
      { file: join(dir, HEADER), property: `${NS}Element__c`, message: '"../../etc/passwd" is not a file name in the DataPack\'s folder' },
    ]);
  });

  it('an escaped PropertySet__c that is not JSON: the raw file, the element, the property', () => {
    const file = write(join(tmp.dir(), 'ip.json'), rawIp([el('Tax', 'Set Values', { [`${NS}PropertySet__c`]: '{"elementValueMap": {' })]));
    const set = loadDefinitions([file]);
    expect(set.problems).toEqual([
      { file, element: 'Tax', property: `${NS}PropertySet__c`, message: expect.stringMatching(/^the property set is not JSON: /) as string },
    ]);
    expect(set.procedures).toEqual([]);
  });

  it('a propertySetConfig in XML that is not JSON, and one that is JSON but not an object', () => {
    const oip = (props: string): string =>
      `<OmniIntegrationProcedure><omniProcessElements><name>Tax</name><propertySetConfig>${props}</propertySetConfig><type>Set Values</type></omniProcessElements><subType>Q</subType><type>acme</type></OmniIntegrationProcedure>`;
    const notJson = write(join(tmp.dir(), 'a.oip'), oip('{elementValueMap:'));
    const list = write(join(tmp.dir(), 'b.oip'), oip('[1]'));
    expect(loadDefinitions([tmp.dir()]).problems).toEqual([
      { file: notJson, element: 'Tax', property: 'propertySetConfig', message: expect.stringMatching(/^the property set is not JSON/) as string },
      { file: list, element: 'Tax', property: 'propertySetConfig', message: 'the property set must be a JSON object, not an array' },
    ]);
  });

  it('an IP property set in _PropertySet.json that is not an object names the header and the property', () => {
    const dir = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'));
    writeFileSync(join(dir, 'DataPackTest_IPCondBlock1_PropertySet.json'), '"text"');
    expect(loadDefinitions([dir]).problems).toEqual([
      { file: join(dir, HEADER), property: `${NS}PropertySet__c`, message: 'the property set must be a JSON object, not a string' },
    ]);
  });

  it('duplicate element names: the element and its Name (the data JSON is keyed by name)', () => {
    const file = write(join(tmp.dir(), 'ip.json'), rawIp([el('Tax', 'Set Values'), el('Tax', 'Remote Action')]));
    const set = loadDefinitions([file]);
    expect(set.problems).toEqual([{ file, element: 'Tax', property: 'Name', message: 'the element name "Tax" is used twice in this procedure' }]);
    expect(set.procedures).toEqual([]);
  });

  it('duplicate names across expanded element files name the second file', () => {
    const dir = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'));
    writeFileSync(elementFile(dir, 'IfNV'), readFileSync(elementFile(dir, 'IfNV'), 'utf8').replace('"Name": "IfNV"', '"Name": "IfCA"'));
    expect(loadDefinitions([dir]).problems).toEqual([
      { file: elementFile(dir, 'IfNV'), element: 'IfCA', property: 'Name', message: 'the element name "IfCA" is used twice in this procedure' },
    ]);
  });

  it('an orphan child (its parent does not exist) and a child of an element that is not a block', () => {
    const dir = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'));
    const swap = (name: string, from: string, to: string): void =>
      writeFileSync(elementFile(dir, name), readFileSync(elementFile(dir, name), 'utf8').replace(from, to));
    swap('IfOR', `"${NS}ParentElementName__c": "StateSalesTaxes"`, `"${NS}ParentElementName__c": "NoSuchBlock"`);
    swap('IfWA', `"${NS}ParentElementName__c": "StateSalesTaxes"`, `"${NS}ParentElementName__c": "IfCA"`);
    expect(loadDefinitions([dir]).problems).toEqual([
      {
        file: elementFile(dir, 'IfOR'),
        element: 'IfOR',
        property: `${NS}ParentElementName__c`,
        message: 'the parent element "NoSuchBlock" does not exist in this procedure',
      },
      {
        file: elementFile(dir, 'IfWA'),
        element: 'IfWA',
        property: `${NS}ParentElementName__c`,
        message: 'the parent element "IfCA" is a Set Values, not a block',
      },
    ]);
  });

  it('parents that name each other in a ring are a problem, not an endless walk', () => {
    const file = write(
      join(tmp.dir(), 'ip.json'),
      rawIp([el('A', 'Loop Block', { [`${NS}ParentElementName__c`]: 'B' }), el('B', 'Loop Block', { [`${NS}ParentElementName__c`]: 'A' })]),
    );
    expect(loadDefinitions([file]).problems).toEqual([
      { file, element: 'A', property: `${NS}ParentElementName__c`, message: 'the element is its own ancestor (its parents form a ring)' },
    ]);
  });

  it('a block that names itself as its parent, and blocks nested deeper than 32 levels', () => {
    const self = write(join(tmp.dir(), 'self.json'), rawIp([el('Loop', 'Loop Block', { [`${NS}ParentElementName__c`]: 'Loop' })]));
    const chain = Array.from({ length: 40 }, (_, i) => el(`L${i}`, 'Loop Block', i === 0 ? {} : { [`${NS}ParentElementName__c`]: `L${i - 1}` }));
    const deep = write(join(tmp.dir(), 'deep.json'), rawIp(chain));
    expect(loadDefinitions([tmp.dir()]).problems).toEqual([
      { file: deep, element: 'L32', property: `${NS}ParentElementName__c`, message: 'blocks are nested deeper than 32 levels' },
      { file: self, element: 'Loop', property: `${NS}ParentElementName__c`, message: 'the element names itself as its parent' },
    ]);
  });

  it('a missing element type, and a missing Type or SubType on the IP', () => {
    const noType = write(join(tmp.dir(), 'a.json'), rawIp([{ Name: 'Tax', [`${NS}PropertySet__c`]: '{}' }]));
    const noSubType = write(join(tmp.dir(), 'b.json'), rawIp([], { [`${NS}SubType__c`]: '' }));
    expect(loadDefinitions([tmp.dir()]).problems).toEqual([
      { file: noType, element: 'Tax', property: 'Type__c', message: 'the element has no type' },
      { file: noSubType, property: 'SubType__c', message: 'the procedure has no SubType' },
    ]);
  });

  it('a Data Mapper without a name', () => {
    const doc = readJson(join(RAW, 'datapacktest_drextract.json')) as { dataPacks: { VlocityDataPackData: Record<string, Record<string, unknown>[]> }[] };
    const bundle = doc.dataPacks[0]?.VlocityDataPackData[`${NS}DRBundle__c`]?.[0] as Record<string, unknown>;
    delete bundle.Name;
    delete bundle[`${NS}DRMapName__c`];
    const file = write(join(tmp.dir(), 'dr.json'), doc);
    const set = loadDefinitions([file]);
    expect(set.problems).toEqual([{ file, property: 'Name', message: 'the Data Mapper has no name' }]);
    expect(set.dataMappers).toEqual([]);
  });

  it('a file past the 256 MiB cap (sparse, so nothing is read): the file; the others still load', () => {
    goodCopy();
    const big = write(join(tmp.dir(), 'big.json'), '');
    truncateSync(big, 256 * 1024 * 1024 + 1);
    const set = loadDefinitions([tmp.dir()]);
    expect(set.problems).toEqual([{ file: big, message: 'larger than 256 MiB, the most a definition file may hold' }]);
    expect(set.procedures).toHaveLength(1);
  });

  it('JSON nested deeper than 64 levels is refused, and a 100,000-level file does not overflow the stack', () => {
    const file = write(join(tmp.dir(), 'deep.json'), `{"dataPacks": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(loadDefinitions([tmp.dir()]).problems).toEqual([{ file, message: 'JSON nested deeper than 64 levels' }]);
  });

  it('XML nested deeper than 64 levels is refused, 100,000 levels without overflowing the stack', () => {
    const file = write(join(tmp.dir(), 'deep.oip'), `<OmniIntegrationProcedure>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</OmniIntegrationProcedure>`);
    expect(loadDefinitions([tmp.dir()]).problems).toEqual([{ file, message: 'XML nested deeper than 64 levels' }]);
  });

  (process.platform === 'win32' ? it.skip : it)(
    'a symlink loop, a link to a folder that contains it, a FIFO and a link to /dev/zero: each a problem, nothing hangs',
    () => {
      goodCopy();
      const dir = tmp.dir();
      symlinkSync(join(dir, 'self.json'), join(dir, 'self.json'));
      mkdirSync(join(dir, 'sub'));
      symlinkSync(dir, join(dir, 'sub', 'up'));
      execFileSync('mkfifo', [join(dir, 'pipe.json')]);
      symlinkSync('/dev/zero', join(dir, 'zero.oip'));
      const set = loadDefinitions([dir]);
      expect(set.problems).toEqual([
        { file: join(dir, 'self.json'), message: 'a symbolic link that loops (ELOOP)' },
        { file: join(dir, 'sub', 'up'), message: 'a symbolic link to a folder that contains it (a loop); not followed' },
        { file: join(dir, 'pipe.json'), message: 'not a regular file (a FIFO); definitions are read only from regular files' },
        { file: join(dir, 'zero.oip'), message: 'not a regular file (a character device); definitions are read only from regular files' },
      ]);
      expect(set.procedures).toHaveLength(1);
    },
  );

  it('an entity-expansion bomb in a DOCTYPE is not expanded: the load ends with a short key', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
    write(
      join(tmp.dir(), 'bomb.oip'),
      `<?xml version="1.0"?>\n<!DOCTYPE b [\n<!ENTITY l0 "lol">\n${entities}\n]>\n<OmniIntegrationProcedure><type>&l9;</type><subType>x</subType></OmniIntegrationProcedure>`,
    );
    const set = loadDefinitions([tmp.dir()]);
    expect(set.procedures.map((p) => p.key.length)).toEqual([expect.any(Number)]);
    expect(set.procedures[0]?.key.length).toBeLessThan(100);
  });

  it('folders nested deeper than 32 levels are a problem, not walked', () => {
    const parts = Array.from({ length: 33 }, (_, i) => `d${i}`);
    mkdirSync(join(tmp.dir(), ...parts), { recursive: true });
    expect(loadDefinitions([tmp.dir()]).problems).toEqual([{ file: join(tmp.dir(), ...parts), message: 'folders are nested deeper than 32 levels; not read' }]);
  });

  it('a path that does not exist is a problem, not an exception', () => {
    const missing = join(tmp.dir(), 'nowhere');
    expect(loadDefinitions([missing])).toEqual({ procedures: [], dataMappers: [], problems: [{ file: missing, message: 'cannot be read (ENOENT)' }] });
  });
});
