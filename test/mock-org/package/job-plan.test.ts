import { detailSteps, itemSteps, planJob, requestSteps } from '../../../src/mock-org/package/job-plan';

const START = Date.parse('2026-12-01T09:00:00.000Z');

describe('a job plan from its timeline', () => {
  test('a final step sets CompletedDate and, for Completed, every job item processed, unless the step says otherwise', () => {
    const completed = planJob([{ after: 3000, values: { Status: 'Completed' } }], START, 'BatchApex', 4);
    expect(completed.steps).toEqual([
      { at: START + 3000, values: { Status: 'Completed', CompletedDate: '2026-12-01T09:00:03.000+0000', JobItemsProcessed: 4 } },
    ]);
    expect([completed.finalAt, completed.finalStatus, completed.succeeds]).toEqual([START + 3000, 'Completed', true]);
    const given = planJob(
      [{ after: 1000, values: { Status: 'Completed', JobItemsProcessed: 2, NumberOfErrors: 2, CompletedDate: '2026-12-02T00:00:00.000+0000' } }],
      START,
      'BatchApex',
      4,
    );
    expect(given.steps[0]!.values).toEqual({ Status: 'Completed', JobItemsProcessed: 2, NumberOfErrors: 2, CompletedDate: '2026-12-02T00:00:00.000+0000' });
    expect(given.succeeds).toBe(false);
  });

  test('steps after the final one are dropped (a final job never changes); a job without a final step has no end', () => {
    const plan = planJob(
      [
        { after: 1000, values: { Status: 'Aborted' } },
        { after: 2000, values: { Status: 'Completed' } },
      ],
      START,
      'Queueable',
      1,
    );
    expect(plan.steps.map((step) => step.values.Status)).toEqual(['Aborted']);
    expect(plan.values).toEqual({ Status: 'Queued', JobType: 'Queueable', TotalJobItems: 1, JobItemsProcessed: 0, NumberOfErrors: 0 });
    const slow = planJob([{ after: 1000, values: { Status: 'Processing' } }], START, 'Queueable', 1);
    expect([slow.processingAt, slow.finalAt]).toEqual([START + 1000, undefined]);
    expect(requestSteps([slow, plan])).toEqual([]);
  });

  test('details go Scheduled → In Progress → Success/Failed, items copy the job Status, the request ends with its last job', () => {
    const ok = planJob(
      [
        { after: 1000, values: { Status: 'Processing' } },
        { after: 3000, values: { Status: 'Completed', NumberOfErrors: 0 } },
      ],
      START,
      'Queueable',
      1,
    );
    const failed = planJob([{ after: 5000, values: { Status: 'Failed', ExtendedStatus: 'boom' } }], START, 'Queueable', 1);
    expect(detailSteps(ok)).toEqual([
      { at: START + 1000, values: { Status: 'In Progress' } },
      { at: START + 3000, values: { Status: 'Success' } },
    ]);
    expect(detailSteps(failed)).toEqual([{ at: START + 5000, values: { Status: 'Failed' } }]);
    expect(itemSteps(ok).map((step) => step.values)).toEqual([{ Status: 'Processing' }, { Status: 'Completed' }]);
    expect(requestSteps([ok])).toEqual([{ at: START + 3000, values: { Status: 'Completed' } }]);
    expect(requestSteps([ok, failed])).toEqual([{ at: START + 5000, values: { Status: 'Failed' } }]);
  });
});
