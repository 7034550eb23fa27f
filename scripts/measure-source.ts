// The largest source files and functions (src/, tools/ and web/src, tests
// and generated files left out), for docs/performance.md: lines of a
// file, and lines of a function (declaration, method, arrow or function
// expression; a function's lines include the functions inside it).
// `node scripts/measure-source.ts [dir]` measures the tree at dir (default:
// this checkout), so an older commit can be measured from a `git worktree`.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const skip = /(\.test\.tsx?$|\.gen\.ts$|\/test-[^/]+\.ts$|\/test-(helpers|fixtures)\.ts$)/;

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.tsx?$/.test(entry.name) && !skip.test(full)) out.push(full);
  }
  return out;
}

interface Measured {
  where: string;
  lines: number;
}

const files: Measured[] = [];
const functions: Measured[] = [];
for (const file of [...walk(path.join(root, 'src')), ...walk(path.join(root, 'tools')), ...walk(path.join(root, 'web', 'src'))]) {
  const text = fs.readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  files.push({ where: rel, lines: text.split('\n').length });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const start = lineOf(node.getStart(source));
      const lines = lineOf(node.getEnd()) - start + 1;
      const name =
        (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name
          ? node.name.getText(source)
          : ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent)
            ? node.parent.name.getText(source)
            : '(anonymous)';
      functions.push({ where: `${rel}:${start} ${name}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const top = (items: Measured[], n: number) => [...items].sort((a, b) => b.lines - a.lines).slice(0, n);
const area = (prefix: string) => {
  const inArea = (m: Measured) => m.where.startsWith(prefix);
  return {
    files: files.filter(inArea).length,
    largestFiles: top(files.filter(inArea), 3),
    largestFunctions: top(functions.filter(inArea), 3),
    filesOver400Lines: files.filter((f) => inArea(f) && f.lines > 400).length,
    functionsOver100Lines: functions.filter((f) => inArea(f) && f.lines > 100).length,
  };
};
console.log(JSON.stringify({ root, server: area('src/'), tools: area('tools/'), web: area('web/src/') }, null, 2));
