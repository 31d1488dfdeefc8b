// `npm start` and the command-line tools: bring dist/ up to date with src/ when src/ changed since the last
// build, then run the compiled entry point in this same process. A restart with nothing changed does no
// compiling at all, so the service answers within seconds.
//
// Here sources are only transpiled, file by file (the project is `isolatedModules`): a few seconds, where the
// type-checking compiler takes 10–30 s on a busy 2-core machine. Type errors are `npm test`'s job
// (`npm run typecheck`); `npm run build` is the checked build of the same files.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(root, 'src');
const outDir = path.join(root, 'dist');
const stampFile = path.join(outDir, '.build-stamp');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-built.mjs <dist/entry.js> [arguments]\n');
  process.exit(2);
}

function sourceFiles(dir = sourceDir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((item) => (item.isDirectory() ? sourceFiles(path.join(dir, item.name)) : [path.join(dir, item.name)]));
}

/** A digest of the sources and of everything that decides how they compile (contents, not times). */
function sourceDigest(files) {
  const hash = createHash('sha256');
  for (const file of [...files, ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/run-built.mjs'].map((name) => path.join(root, name))]) {
    hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function lastBuild() {
  try {
    return readFileSync(stampFile, 'utf8').trim();
  } catch {
    return '';
  }
}

async function transpile(files) {
  const { default: ts } = await import('typescript');
  const configFile = path.join(root, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  // Alone, a file cannot see package.json's "type": "module"; ES module output is what NodeNext emits for it.
  const compilerOptions = { ...parsed.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  for (const file of files.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
    const target = path.join(outDir, path.relative(sourceDir, file)).replace(/\.ts$/, '.js');
    const result = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file, reportDiagnostics: true });
    const problems = result.diagnostics?.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error) ?? [];
    if (problems.length > 0) {
      const text = problems.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')).join('\n');
      throw new Error(`${path.relative(root, file)}: ${text}`);
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, result.outputText);
    if (result.sourceMapText) writeFileSync(`${target}.map`, result.sourceMapText);
  }
}

const files = sourceFiles();
const digest = sourceDigest(files);
if (lastBuild() !== digest) {
  process.stderr.write('Compiling Langelis (src/ changed since the last build)…\n');
  try {
    await transpile(files);
  } catch (error) {
    process.stderr.write(`Langelis failed to start: the sources do not compile (${error.message}): fix them, or restore the last working version.\n`);
    process.exit(1);
  }
  writeFileSync(stampFile, `${digest}\n`);
}

// The entry point sees itself as the script that was run, with its own arguments.
const target = path.resolve(root, entry);
process.argv.splice(1, process.argv.length - 1, target, ...args);
await import(pathToFileURL(target).href);
