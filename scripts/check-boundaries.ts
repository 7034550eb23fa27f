// House rules that import graphs cannot see (DESIGN.md, "Rules of the house"),
// checked on the TypeScript syntax tree by `npm run check:boundaries` in CI:
//
// 1. SQL only in repositories: no Kysely query builder call (selectFrom,
//    insertInto, updateTable, deleteFrom, …) outside a repository file or
//    folder and the platform's database layer. A use case that needs data
//    calls a repository function.
// 2. Tenant data is always asked for by business: every exported function of
//    a repository names the business id among its parameters, unless its
//    JSDoc says `@installation` (data of the installation, not of a business:
//    sessions by token, logins by email, secrets, a job's own row by id).
//
// Prints each violation as file:line and exits 1 if there is any.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const QUERY_BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'selectNoFrom', 'withRecursive']);

const isTest = (file: string) => /\.test\.ts$|\/test-[^/]+\.ts$|\/test-(helpers|fixtures)\.ts$/.test(file);
const isRepository = (file: string) => /\/repository(\.ts$|\/)/.test(file);
const isDatabaseLayer = (file: string) => file.startsWith('src/platform/db/') || file.startsWith('src/platform/jobs/');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts') && !isTest(rel)) out.push(rel);
  }
  return out;
}

const violations: string[] = [];

for (const file of [...sourceFiles('src'), ...sourceFiles('tools')]) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  if (!isRepository(file) && !isDatabaseLayer(file)) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_BUILDERS.has(node.expression.name.text)) {
        violations.push(`${where(node)}: SQL outside a repository (${node.expression.name.text}); move it into the feature's repository`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  if (isRepository(file) && file.startsWith('src/features/')) {
    for (const statement of source.statements) {
      if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
      if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const params = statement.parameters.map((p) => p.getText(source)).join(', ');
      const docs = ts.getJSDocTags(statement).map((t) => t.tagName.text);
      if (/businessId|business_id/.test(params) || docs.includes('installation')) continue;
      violations.push(`${where(statement)}: repository function ${statement.name.text} does not take the business id (or say @installation)`);
    }
  }
}

if (violations.length > 0) {
  console.error(`집 규칙 위반 ${violations.length}건 (scripts/check-boundaries.ts):\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('집 규칙: SQL은 저장소에만, 저장소 함수는 모두 업체 ID를 받습니다. 위반 없음.');
