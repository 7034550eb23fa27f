// House rules that import graphs cannot see (DESIGN.md, "Rules of the house"),
// checked on the TypeScript syntax tree by `npm run check:boundaries` in CI:
//
// 1. SQL only in repositories: no Kysely query builder call (selectFrom,
//    insertInto, updateTable, deleteFrom, …) outside a repository file or
//    folder and the platform's database layer. A use case that needs data
//    calls a repository function.
// 2. Tenant data is always asked for by business: every exported function of
//    a repository (declared, or an exported arrow function) takes the
//    business id (a `businessId` parameter, or an object parameter with a
//    `businessId` property) and its body uses it, unless its JSDoc says
//    `@installation` (data of the installation, not of a business: sessions
//    by token, logins by email, secrets, a job's own row by id).
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
    for (const fn of exportedFunctions(source)) {
      if (ts.getJSDocTags(fn.node).some((t) => t.tagName.text === 'installation')) continue;
      if (takesBusinessId(fn.fn, source)) continue;
      violations.push(`${where(fn.node)}: repository function ${fn.name} does not take the business id and use it (or say @installation)`);
    }
  }
}

/** Exported functions of a module: declarations and `export const f = (…) => …`. */
function exportedFunctions(source: ts.SourceFile): { name: string; node: ts.Node; fn: ts.SignatureDeclaration & { body?: ts.Node } }[] {
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const out: { name: string; node: ts.Node; fn: ts.SignatureDeclaration & { body?: ts.Node } }[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && exported(statement)) out.push({ name: statement.name.text, node: statement, fn: statement });
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push({ name: decl.name.getText(source), node: statement, fn: init });
      }
    }
  }
  return out;
}

/**
 * The function has a parameter `businessId`, or an object parameter whose
 * type names a `businessId` property, and its body refers to `businessId`:
 * a row type with a business_id column does not count, since each row could
 * name another business.
 */
function takesBusinessId(fn: ts.SignatureDeclaration & { body?: ts.Node }, source: ts.SourceFile): boolean {
  const declares = fn.parameters.some((p) => {
    if (ts.isIdentifier(p.name) && p.name.text === 'businessId') return true;
    if (ts.isObjectBindingPattern(p.name) && p.name.elements.some((e) => e.name.getText(source) === 'businessId')) return true;
    return p.type !== undefined && ts.isTypeLiteralNode(p.type) && p.type.members.some((m) => m.name?.getText(source) === 'businessId');
  });
  return declares && fn.body !== undefined && /\bbusinessId\b/.test(fn.body.getText(source));
}

if (violations.length > 0) {
  console.error(`집 규칙 위반 ${violations.length}건 (scripts/check-boundaries.ts):\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log('집 규칙: SQL은 저장소에만, 저장소 함수는 모두 업체 ID를 받습니다. 위반 없음.');
