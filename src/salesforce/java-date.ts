import { instantOf } from './datetimes';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A datetime as Java's `Date.toString()` writes it in GMT, `Thu Nov 16 05:23:06 GMT 2023`: the
 * form the Insurance package's InsAsyncBulkService answers `createdDate` in. Null (or an unreadable
 * datetime) stays null. Written out rather than with dayjs: the status services load with every
 * `ipemu invoke`, whose cold start does not load dayjs.
 */
export function javaDateString(text: string | null): string | null {
  const time = instantOf(text);
  if (!Number.isFinite(time)) return null;
  const d = new Date(time);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${clock} GMT ${d.getUTCFullYear()}`;
}
