/**
 * "Same-shaped lines" for the platform symmetry check (issue #12): each line of TypeScript reduced to its shape —
 * names, strings and numbers replaced by placeholders, keywords and punctuation kept — so a block copied into the
 * other platform folder and renamed still shows as the same. No dependency: a few regular expressions.
 */

/** One source file as the check reads it. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A line that counts, reduced to its shape, and where it stood (1-based). */
export interface ShapedLine {
  readonly path: string;
  readonly line: number;
  readonly shape: string;
}

/** Two places, one in each set of files, where the same run of shapes begins. */
export interface SharedWindow {
  readonly left: { readonly path: string; readonly line: number };
  readonly right: { readonly path: string; readonly line: number };
}

/** Kept as themselves: what they are says something of the line's shape. */
const KEYWORDS = new Set([
  'as', 'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'delete', 'do', 'else', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'in', 'instanceof', 'interface', 'let', 'new', 'null',
  'of', 'private', 'readonly', 'return', 'satisfies', 'static', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof',
  'undefined', 'void', 'while', 'yield',
]);

const STRING = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const NUMBER = /\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?\b/gi;
const WORD = /[A-Za-z_$][\w$]*/g;

/** One line's shape: strings → S, numbers → N, names → I (keywords stay), white space folded. */
export function shapeOf(line: string): string {
  return line
    .replace(STRING, 'S')
    .replace(NUMBER, 'N')
    .replace(WORD, (word) => (KEYWORDS.has(word) || word === 'S' || word === 'N' ? word : 'I'))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The lines of a file that count, with their shapes: blank lines, comment-only lines (`//`, and every line of a
 * block comment) and import statements (also re-exports `export … from`, over several lines too) are left out.
 */
export function shapedLines(file: SourceFile): ShapedLine[] {
  const shaped: ShapedLine[] = [];
  let inComment = false;
  let inImport = false;
  file.text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      return;
    }
    if (inImport) {
      if (/\bfrom\s*['"]/.test(line) || /^['"]/.test(line)) inImport = false;
      return;
    }
    if (line === '' || line.startsWith('//')) return;
    if (line.startsWith('/*')) {
      inComment = !line.includes('*/');
      return;
    }
    if (/^import\b/.test(line)) {
      inImport = !/\bfrom\s*['"]|^import\s*['"]/.test(line);
      return;
    }
    if (/^export\s+(type\s+)?(\*|\{)/.test(line) && /\bfrom\s*['"]/.test(line)) return;
    shaped.push({ path: file.path, line: index + 1, shape: shapeOf(line) });
  });
  return shaped;
}

/**
 * Every place where `size` consecutive counted lines of one set of files have the same shapes as `size`
 * consecutive counted lines of the other set: one entry per pair of starting lines.
 */
export function sharedWindows(left: readonly SourceFile[], right: readonly SourceFile[], size = 6): SharedWindow[] {
  const windows = (files: readonly SourceFile[]) => {
    const byKey = new Map<string, Array<{ path: string; line: number }>>();
    for (const file of files) {
      const lines = shapedLines(file);
      for (let start = 0; start + size <= lines.length; start++) {
        const key = lines.slice(start, start + size).map((line) => line.shape).join('\n');
        const places = byKey.get(key) ?? [];
        places.push({ path: file.path, line: lines[start]!.line });
        byKey.set(key, places);
      }
    }
    return byKey;
  };
  const rightWindows = windows(right);
  const shared: SharedWindow[] = [];
  for (const [key, leftPlaces] of windows(left)) {
    for (const rightPlace of rightWindows.get(key) ?? []) {
      for (const leftPlace of leftPlaces) shared.push({ left: leftPlace, right: rightPlace });
    }
  }
  return shared;
}
