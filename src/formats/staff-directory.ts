import { isScalar, parseDocument, visit } from 'yaml';

/**
 * The staff directory as people write it (issue #17): YAML or JSON, one entry per person as in
 * examples/staff.example.yaml. Read here once for the command line (`staff:import`, `institution:add --staff`) and for
 * the admins' form in chat (`staff import`), so a file and a pasted text are read alike. Plain data out: the directory
 * (`StaffDirectory.importMembers`) checks it. Not in src/domain, which depends on no YAML library.
 */
export type StaffTextFormat = 'yaml' | 'json';

/** The text cannot be read as `format`; `line` (from 1) is where the reader stopped, when it says. */
export class StaffTextError extends Error {
  constructor(
    readonly format: StaffTextFormat,
    readonly reasons: readonly string[],
    readonly line: number | null,
    options?: { cause?: unknown },
  ) {
    super(format === 'json' ? `not valid JSON: ${reasons.join('; ')}` : `not valid YAML:\n${reasons.join('\n')}`, options);
    this.name = 'StaffTextError';
  }
}

/**
 * The records of a staff directory written as `format`, not yet validated. YAML (the default) reads JSON too (YAML
 * 1.2 holds it), which is what a text pasted in chat needs: nobody says which of the two it is.
 */
export function parseStaffText(text: string, format: StaffTextFormat = 'yaml'): unknown {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StaffTextError('json', [(error as Error).message], null, { cause: error });
  }
}

function parseYaml(text: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const [first] = document.errors;
    throw new StaffTextError('yaml', document.errors.map((error) => error.message), first?.linePos?.[0].line ?? null);
  }
  // An unquoted phone such as +37060000001 reads as a YAML number; keep what was written.
  visit(document, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'phone' && isScalar(pair.value) && typeof pair.value.value === 'number') {
        pair.value.value = pair.value.source ?? String(pair.value.value);
      }
    },
  });
  return document.toJS();
}
