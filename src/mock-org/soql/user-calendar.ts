import type { Binds } from '../../core/org';
import type { Row, Store } from '../store/store';
import { MOCK_ORG_ID, OrgUser } from '../schema/users';
import { Calendar, calendarOf, DEFAULT_CALENDAR } from './calendar';
import type { ExecCtx } from './where';

interface Cached {
  readonly org: Row | undefined;
  readonly calendar: Calendar;
}

/**
 * The running user's Calendar, from their User record (TimeZoneSidKey, LocaleSidKey) and the
 * Organization record (FiscalYearStartMonth, UsesStartDateAsFiscalYearName; its zone and locale
 * when the user has none). Rows never change once stored, so a calendar is kept per User row
 * and stays right until either record is replaced.
 */
export class UserCalendars {
  private readonly cache = new WeakMap<Row, Cached>();

  constructor(private readonly store: Store) {}

  of(user: OrgUser): Calendar {
    const userRow = this.store.find(user.id);
    const org = this.store.find(MOCK_ORG_ID);
    if (!userRow) return org ? calendarFrom(undefined, org) : DEFAULT_CALENDAR;
    const cached = this.cache.get(userRow);
    if (cached && cached.org === org) return cached.calendar;
    const calendar = calendarFrom(userRow, org);
    this.cache.set(userRow, { org, calendar });
    return calendar;
  }
}

function calendarFrom(user: Row | undefined, org: Row | undefined): Calendar {
  const u = user?.values ?? {};
  const o = org?.values ?? {};
  return calendarOf(u.TimeZoneSidKey ?? o.TimeZoneSidKey, u.LocaleSidKey ?? o.DefaultLocaleSidKey, o.FiscalYearStartMonth, o.UsesStartDateAsFiscalYearName);
}

/**
 * An ExecCtx whose calendar is looked up on first read: queries without relative dates or date
 * functions (the service's indexed queries) never pay for it.
 */
export class QueryCtx implements ExecCtx {
  private cal: Calendar | undefined;

  constructor(
    readonly binds: Binds,
    readonly now: number,
    readonly elapsed: number,
    private readonly calendars: UserCalendars,
    private readonly user: OrgUser,
  ) {}

  get calendar(): Calendar {
    return (this.cal ??= this.calendars.of(this.user));
  }
}
