// Control characters (CR, LF, ESC…) in a definition's names or a run's messages would break a
// one-line-per-item report, or move a terminal's cursor.
const CONTROL = /\p{Cc}+/gu;

/** The text with each run of control characters as one space. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ');
}
