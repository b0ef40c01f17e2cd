import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { errnoOf, fileKind } from '../../core/limited-file';
import { addProblem, type ProblemSink } from './problems';

/**
 * The files of the folders and files given, grouped by folder (an expanded DataPack is a folder).
 * Symbolic links are followed, but a link back to a folder being walked is a problem, not a loop;
 * folders named `node_modules` or starting with `.` (`.git`, `.sfdx`) are not entered.
 */

/** Names of the files a loader reads; anything else in a folder is never opened. */
export const DEFINITION_FILE = /(\.json|\.oip|\.oip-meta\.xml|\.rpt|\.rpt-meta\.xml)$/i;

/** Deeper than any project's folders; bounds the walk when links make the tree look endless. */
export const MAX_FOLDER_DEPTH = 32;

export interface Folder {
  readonly dir: string;
  /** Absolute paths, in name order. */
  readonly files: readonly string[];
}

const identity = (stats: Stats): string => `${stats.dev}:${stats.ino}`;

export function walkDefinitions(paths: readonly string[], problems: ProblemSink): Folder[] {
  const folders: Folder[] = [];
  const visited = new Set<string>();

  const visit = (dir: string, ancestors: readonly string[]): void => {
    // `ancestors` holds the given folder too: its subfolders are levels 1, 2, …
    if (ancestors.length - 1 > MAX_FOLDER_DEPTH) {
      addProblem(problems, dir, `folders are nested deeper than ${MAX_FOLDER_DEPTH} levels; not read`);
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      addProblem(problems, dir, `the folder cannot be read (${errnoOf(err)})`);
      return;
    }
    const files: string[] = [];
    const subfolders: { path: string; id: string }[] = [];
    for (const entry of entries) {
      const { name } = entry;
      const path = join(dir, name);
      // A plain file needs no stat here: the reader checks what it opens.
      if (!entry.isDirectory() && !entry.isSymbolicLink()) {
        // Non-regular files are handed on: the reader refuses them with a problem naming what they are.
        if (DEFINITION_FILE.test(name)) files.push(path);
        continue;
      }
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (err) {
        const code = errnoOf(err);
        addProblem(problems, path, code === 'ELOOP' ? 'a symbolic link that loops (ELOOP)' : `a symbolic link that cannot be followed (${code})`);
        continue;
      }
      if (stats.isDirectory()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const id = identity(stats);
        if (ancestors.includes(id)) addProblem(problems, path, 'a symbolic link to a folder that contains it (a loop); not followed');
        else subfolders.push({ path, id });
      } else if (DEFINITION_FILE.test(name)) {
        files.push(path);
      }
    }
    folders.push({ dir, files });
    for (const sub of subfolders) {
      if (visited.has(sub.id)) continue;
      visited.add(sub.id);
      visit(sub.path, [...ancestors, sub.id]);
    }
  };

  for (const given of paths) {
    const path = resolve(given);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (err) {
      addProblem(problems, path, `cannot be read (${errnoOf(err)})`);
      continue;
    }
    if (stats.isDirectory()) {
      const id = identity(stats);
      if (visited.has(id)) continue;
      visited.add(id);
      visit(path, [id]);
    } else if (stats.isFile() || DEFINITION_FILE.test(path)) {
      folders.push({ dir: resolve(path, '..'), files: [path] });
    } else {
      addProblem(problems, path, `not a regular file or a folder (${fileKind(stats)})`);
    }
  }
  return folders;
}
