import { MockOrg } from '../../../src/mock-org/mock-org';
import type { StoreChange } from '../../../src/mock-org/writes/changes';
import { JOB, POLICY_1, POLICY_2, refusal, START, writeFixture, writeOrg } from './write-fixture';

/** Issue 14 item 1: writes are transactions, all or none, committed once through the hook. */
const snapshot = (org: MockOrg): unknown => [
  org.querySync('SELECT Id, Name, ParentPolicyId, IsPolicyEditLocked, LastModifiedDate FROM InsurancePolicy').records,
  org.querySync('SELECT Id, Number__c FROM Claim__c').records,
  org.querySync('SELECT Id, Status FROM AsyncApexJob').records,
];

describe('transaction', () => {
  test('a failing third write leaves the org as it was, and the hook is not called', () => {
    const { org } = writeOrg();
    const hook = jest.fn();
    org.setCommitHook(hook);
    const before = snapshot(org);
    const failed = refusal(() =>
      org.transaction((tx) => {
        tx.createSync('Claim__c', { Number__c: 'N1' });
        tx.updateSync('InsurancePolicy', POLICY_1, { Name: 'renamed' });
        tx.deleteSync('InsurancePolicy', POLICY_2);
        tx.createSync('Claim__c', { Name: 'no number' });
      }),
    );
    expect(failed.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(snapshot(org)).toEqual(before);
    expect(org.querySync('SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :p', { p: POLICY_1 }).records).toHaveLength(1);
    expect(hook).not.toHaveBeenCalled();
  });

  test('a committed transaction hands the hook its changes once, in stored form, and answers what the work returned', () => {
    const { org } = writeOrg();
    const calls: (readonly StoreChange[])[] = [];
    org.setCommitHook((changes) => void calls.push(changes));
    const id = org.transaction((tx) => {
      const claim = tx.createSync('Claim__c', { Number__c: 'N1', Policy__c: POLICY_1.slice(0, 15) });
      tx.updateSync('Claim__c', claim, { Count__c: 2 });
      tx.deleteSync('InsurancePolicy', POLICY_2);
      return claim;
    });
    expect(calls).toHaveLength(1);
    const [insert, update, remove] = calls[0]!;
    expect(insert).toMatchObject({ op: 'insert', object: 'Claim__c', id, values: { Id: id, Number__c: 'N1', Policy__c: POLICY_1, Urgent__c: false } });
    expect(update).toEqual({
      op: 'update',
      id,
      values: { Count__c: 2, LastModifiedDate: '2026-11-05T10:00:00.000+0000', LastModifiedById: org.userId, SystemModstamp: '2026-11-05T10:00:00.000+0000' },
    });
    expect(remove).toEqual({ op: 'delete', id: POLICY_2 });
  });

  test('a write outside a transaction is a transaction of one change', () => {
    const { org } = writeOrg();
    const hook = jest.fn();
    org.setCommitHook(hook);
    org.createSync('InsurancePolicy', { Name: 'one' });
    org.updateSync('InsurancePolicy', POLICY_1, { Name: 'two' });
    expect(hook).toHaveBeenCalledTimes(2);
    expect(hook.mock.calls.map(([changes]) => (changes as StoreChange[]).map((c) => c.op))).toEqual([['insert'], ['update']]);
  });

  test('a hook that throws rolls the transaction back and its error is rethrown', () => {
    const { org } = writeOrg();
    const before = snapshot(org);
    org.setCommitHook(() => {
      throw new Error('disk full');
    });
    expect(() => org.createSync('InsurancePolicy', { Name: 'lost' })).toThrow('disk full');
    expect(() => org.transaction((tx) => tx.updateSync('InsurancePolicy', POLICY_1, { Name: 'lost' }))).toThrow('disk full');
    expect(snapshot(org)).toEqual(before);
    org.setCommitHook(undefined);
    org.createSync('InsurancePolicy', { Name: 'kept' });
    expect(org.querySync('SELECT COUNT() FROM InsurancePolicy').totalSize).toBe(3);
  });

  test('the work sees its own writes; an error it throws itself rolls back too', () => {
    const { org } = writeOrg();
    expect(() =>
      org.transaction((tx) => {
        tx.createSync('InsurancePolicy', { Name: 'seen' });
        expect(tx.querySync('SELECT Name FROM InsurancePolicy WHERE Name = :n', { n: 'seen' }).totalSize).toBe(1);
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(org.querySync('SELECT Name FROM InsurancePolicy WHERE Name = :n', { n: 'seen' }).totalSize).toBe(0);
  });

  test('a nested transaction joins the outer one: one commit; its failure undoes only its own writes', () => {
    const { org } = writeOrg();
    const hook = jest.fn();
    org.setCommitHook(hook);
    org.transaction((outer) => {
      outer.createSync('InsurancePolicy', { Name: 'outer' });
      expect(() =>
        outer.transaction((inner) => {
          inner.createSync('InsurancePolicy', { Name: 'inner' });
          inner.createSync('InsurancePolicy', {});
        }),
      ).toThrow('Required fields are missing: [Name]');
      outer.asPlatform((platform) => platform.update(POLICY_1, { IsPolicyEditLocked: true }));
    });
    expect(hook).toHaveBeenCalledTimes(1);
    expect((hook.mock.calls[0]![0] as StoreChange[]).map((c) => c.op)).toEqual(['insert', 'update']);
    expect(org.querySync('SELECT Name FROM InsurancePolicy WHERE Name IN :n', { n: ['outer', 'inner'] }).records.map((r) => r.Name)).toEqual(['outer']);
  });

  test('every user view of an org shares its hook and its transaction', () => {
    const { org } = writeOrg();
    const hook = jest.fn();
    org.setCommitHook(hook);
    org.transaction(() => org.asUser('agent').createSync('InsurancePolicy', { Name: 'by agent' }));
    expect(hook).toHaveBeenCalledTimes(1);
    expect((hook.mock.calls[0]![0] as StoreChange[])[0]).toMatchObject({ values: { CreatedById: org.asUser('agent').userId } });
  });

  test('work that returns a promise is refused and its writes undone (transactions are synchronous)', () => {
    const { org } = writeOrg();
    expect(() =>
      org.transaction(async (tx) => {
        tx.createSync('InsurancePolicy', { Name: 'async' });
      }),
    ).toThrow(/runs synchronously/);
    expect(org.querySync('SELECT COUNT() FROM InsurancePolicy').totalSize).toBe(2);
  });
});

describe('asPlatform', () => {
  test('writes AsyncApexJob and read-only fields in system mode, as the running user, and queries see its writes', () => {
    const { org } = writeOrg('agent');
    const job = org.asPlatform((platform) => {
      expect(platform.userId).toBe(org.userId);
      expect(platform.now()).toBe(START);
      const id = platform.insert('AsyncApexJob', { Status: 'Queued', JobType: 'Queueable' });
      platform.update(POLICY_1, { Status: 'Locked', ReferencePolicyNumber: 'REF-P' });
      expect(platform.query('SELECT Id, Status FROM AsyncApexJob WHERE Id = :id', { id }).records).toMatchObject([{ Id: id, Status: 'Queued' }]);
      expect(platform.query('SELECT ReferencePolicyNumber FROM InsurancePolicy WHERE Id = :id', { id: POLICY_1 }).records[0]!.ReferencePolicyNumber).toBe(
        'REF-P',
      );
      return id;
    });
    expect(org.querySync('SELECT Status, CreatedById, CreatedDate FROM AsyncApexJob WHERE Id = :id', { id: job }).records[0]).toMatchObject({
      Status: 'Queued',
      CreatedById: org.userId,
      CreatedDate: '2026-11-05T10:00:00.000+0000',
    });
  });

  test('still checks types, picklists, lengths, references and required fields with Salesforce codes', () => {
    const { org } = writeOrg();
    const insert = (sobject: string, values: Record<string, unknown>) => refusal(() => org.asPlatform((p) => p.insert(sobject, values)));
    expect(insert('AsyncApexJob', { Status: 'Sleeping' }).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(insert('AsyncApexJob', { NumberOfErrors: 'none' }).errorCode).toBe('JSON_PARSER_ERROR');
    expect(insert('AsyncApexJob', { LastProcessed: 'x'.repeat(16) }).errorCode).toBe('STRING_TOO_LONG');
    expect(insert('InsuranceAsyncBulkRequestItem', { BatchJobId: POLICY_1 }).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(insert('InsurancePolicy', { ReferencePolicyNumber: 'R' }).errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(insert('InsurancePolicy', { Id: POLICY_1, Name: 'x' }).errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(insert('Nope__c', {}).errorCode).toBe('NOT_FOUND');
    expect(refusal(() => org.asPlatform((p) => p.update(JOB, { Status: 'Paused' }))).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  test('a failing platform write rolls back the whole platform transaction', () => {
    const { org } = writeOrg();
    const before = snapshot(org);
    expect(() =>
      org.asPlatform((p) => {
        p.insert('AsyncApexJob', { Status: 'Queued' });
        p.update(POLICY_1, { Name: 'locked' });
        p.insert('AsyncApexJob', { Status: 'Nope' });
      }),
    ).toThrow('bad value for restricted picklist field');
    expect(snapshot(org)).toEqual(before);
  });
});

describe('applyChanges', () => {
  test('replays committed changes on the same fixtures to the same org, without calling the hook', () => {
    const { org, clock } = writeOrg();
    const journal: StoreChange[] = [];
    org.setCommitHook((changes) => void journal.push(...changes));
    const claim = org.createSync('Claim__c', { Number__c: 'N1', Policy__c: POLICY_1 });
    clock.now += 1000;
    org.updateSync('InsurancePolicy', POLICY_1, { ReferencePolicyNumber: 'REF-MOVED' });
    org.deleteSync('InsurancePolicy', POLICY_2);
    org.asPlatform((p) => p.insert('AsyncApexJob', { Status: 'Queued' }, [{ at: START + 3000, values: { Status: 'Completed' } }]));

    const replayed = MockOrg.fromFixturesSync(writeFixture(), { clock: () => clock.now });
    const hook = jest.fn();
    replayed.setCommitHook(hook);
    replayed.applyChanges(JSON.parse(JSON.stringify(journal)) as StoreChange[]);
    expect(hook).not.toHaveBeenCalled();
    for (const soql of [
      'SELECT Id, Number__c, Policy__c, Urgent__c, CreatedDate, CreatedById, SystemModstamp FROM Claim__c',
      'SELECT Id, ReferencePolicyNumber, LastModifiedDate FROM InsurancePolicy',
      'SELECT Id, Status FROM AsyncApexJob',
    ]) {
      expect(replayed.querySync(soql).records).toEqual(org.querySync(soql).records);
    }
    expect(refusal(() => replayed.deleteSync('InsurancePolicy', POLICY_2)).errorCode).toBe('ENTITY_IS_DELETED');
    expect(replayed.createSync('Claim__c', { Number__c: 'N2' })).not.toBe(claim);
  });

  test('a change that does not fit the fixtures is INVALID_INPUT naming it, and nothing of the batch is applied', () => {
    const { org } = writeOrg();
    const before = snapshot(org);
    const apply = (changes: StoreChange[]) => {
      try {
        org.applyChanges(changes);
      } catch (err) {
        return { code: (err as { code: string }).code, message: (err as Error).message };
      }
      throw new Error('applied');
    };
    const good: StoreChange = { op: 'update', id: POLICY_1, values: { Name: 'changed' } };
    const missing = '0YT5w00000000ZZAAA';
    expect(apply([good, { op: 'update', id: missing, values: { Name: 'x' } }])).toEqual({
      code: 'INVALID_INPUT',
      message: `Change 2 does not fit the mock org: update of ${missing}, a record the org does not have`,
    });
    expect(apply([{ op: 'delete', id: missing }]).message).toContain(`delete of ${missing}`);
    expect(apply([{ op: 'insert', object: 'Ghost__c', id: 'a095w0000000001AAA', values: {} }]).message).toContain('no object Ghost__c');
    expect(apply([{ op: 'insert', object: 'InsurancePolicy', id: POLICY_1, values: { Name: 'dup' } }]).message).toContain(
      `the Id ${POLICY_1} is already in use`,
    );
    expect(apply([{ op: 'update', id: POLICY_1, values: { Gone__c: 1 } }]).message).toContain('InsurancePolicy has no field Gone__c');
    expect(snapshot(org)).toEqual(before);
  });
});
