import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { mockUserId } from '../../../src/mock-org/schema/users';

/**
 * Records on both sides of a year, quarter, month and week boundary, for a clock fixed at
 * 2025-01-01T05:00Z: a Wednesday in GMT, but still Tuesday 2024-12-31 21:00 in Los Angeles.
 * Users: `gmt` (built-in GMT, en_US: weeks from Sunday), `la` (America/Los_Angeles) and `uk`
 * (Europe/London, en_GB: weeks from Monday).
 */
export const NOW = Date.UTC(2025, 0, 1, 5, 0);

/** Each record's On__c (date) and At__c (dateTime). */
export const EVENTS: Readonly<Record<string, readonly [string | null, string | null]>> = {
  E1: ['2024-12-29', '2024-12-31T20:00:00.000+0000'], // a Sunday; 12:00 on 12-31 in LA
  E2: ['2025-01-05', '2025-01-01T09:00:00.000+0000'], // a Sunday; 01:00 on 01-01 in LA
  E3: ['2024-12-31', '2025-01-01T03:00:00.000+0000'], // 19:00 on 12-31 in LA
  E4: ['2024-10-01', '2024-10-01T00:00:00.000+0000'],
  E5: ['2024-05-10', '2024-05-10T12:00:00.000+0000'],
  E6: ['2024-03-31', '2024-03-31T23:59:59.000+0000'],
  E7: ['2025-01-08', '2025-01-08T00:00:00.000+0000'],
  E8: ['2024-12-15', null],
  E9: [null, null],
};

export interface DateOrgOptions {
  fiscalYearStartMonth?: number;
  usesStartDateAsFiscalYearName?: boolean;
}

export function datesOrg(options: DateOrgOptions = {}): FixtureDocument {
  const organization: Record<string, unknown> = {};
  if (options.fiscalYearStartMonth !== undefined) organization.FiscalYearStartMonth = options.fiscalYearStartMonth;
  if (options.usesStartDateAsFiscalYearName !== undefined) organization.UsesStartDateAsFiscalYearName = options.usesStartDateAsFiscalYearName;
  return {
    users: { gmt: { default: true }, la: {}, uk: {} },
    schema: {
      Happening__c: {
        keyPrefix: 'a0H',
        fields: { Label__c: { type: 'string' }, On__c: { type: 'date' }, At__c: { type: 'datetime' } },
      },
    },
    records: {
      User: [
        { Id: mockUserId(1), TimeZoneSidKey: 'America/Los_Angeles' },
        { Id: mockUserId(2), TimeZoneSidKey: 'Europe/London', LocaleSidKey: 'en_GB' },
      ],
      ...(Object.keys(organization).length > 0 ? { Organization: [organization] } : {}),
      Happening__c: Object.entries(EVENTS).map(([label, [on, at]]) => ({ Label__c: label, On__c: on, At__c: at })),
    },
  };
}
