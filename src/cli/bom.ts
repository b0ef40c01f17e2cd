/**
 * Windows tools (Excel, Notepad, PowerShell's `Out-File`) start UTF-8 files with a byte order mark.
 * It is not part of the data: every reader of CLI input drops it, whatever the format.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
