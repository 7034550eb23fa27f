import fs from 'node:fs';
import ts from 'typescript';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Races and several server processes need PostgreSQL: those tests are
 * defined only when TEST_DATABASE_URL is set, so a run without it would not
 * show that they exist. This reporter finds them in the run's test files
 * (tests under a guard that names TEST_DATABASE_URL or 'postgres': an `if`,
 * a `for … of`, `describe.each(…)`, `.runIf(…)`/`.skipIf(…)`) and says in one
 * line at the end which ones did not run.
 */
export class PostgresOnlyReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (process.env.TEST_DATABASE_URL) return;
    const groups = testModules.flatMap((module) => postgresOnlyTests(module.moduleId));
    const count = groups.reduce((sum, group) => sum + group.tests, 0);
    if (count === 0) return;
    const names = groups.map((group) => `${group.name} (${group.tests})`).join('; ');
    this.vitest?.logger.log(`\nPostgreSQL 없이 실행: 경쟁·다중 프로세스 테스트 ${count}개를 실행하지 않았습니다 (TEST_DATABASE_URL 을 설정하면 실행): ${names}\n`);
  }
}

export interface PostgresOnlyGroup {
  /** The guarded describe's title (the engine shown as postgres), or the test's own. */
  name: string;
  tests: number;
}

const guard = /TEST_DATABASE_URL|['"]postgres['"]/;
const testFunctions = new Set(['it', 'test']);

/** The PostgreSQL-only tests of one test file, grouped by the outermost guarded describe. */
export function postgresOnlyTests(file: string): PostgresOnlyGroup[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const groups: PostgresOnlyGroup[] = [];

  function visit(node: ts.Node, group: PostgresOnlyGroup | null, guarded: boolean): void {
    if (ts.isIfStatement(node) && guard.test(node.expression.getText(source))) {
      visit(node.thenStatement, group, true);
      if (node.elseStatement) visit(node.elseStatement, group, guarded);
      return;
    }
    if (ts.isForOfStatement(node) && guard.test(node.expression.getText(source))) {
      visit(node.statement, group, true);
      return;
    }
    if (ts.isCallExpression(node)) {
      const callee = calleeName(node.expression);
      if (callee) {
        const nowGuarded = guarded || callee.conditions.some((condition) => guard.test(condition.getText(source)));
        const title = node.arguments[0] ? titleText(node.arguments[0], source) : '';
        if (callee.name === 'describe') {
          if (nowGuarded && !group) {
            const own = { name: title, tests: 0 };
            node.arguments.slice(1).forEach((argument) => visit(argument, own, true));
            if (own.tests > 0) groups.push(own);
            return;
          }
          node.arguments.slice(1).forEach((argument) => visit(argument, group, nowGuarded));
          return;
        }
        if (testFunctions.has(callee.name) && nowGuarded) {
          if (group) group.tests += 1;
          else groups.push({ name: title, tests: 1 });
          return;
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, group, guarded));
  }

  visit(source, null, false);
  return groups;
}

/**
 * `describe`, `it.concurrent`, `describe.each(list)` (called again with the
 * title), `it.runIf(condition)`: the base name and the guard-like arguments.
 */
function calleeName(expression: ts.Expression): { name: string; conditions: ts.Expression[] } | null {
  if (ts.isIdentifier(expression)) return { name: expression.text, conditions: [] };
  if (ts.isPropertyAccessExpression(expression)) {
    const base = calleeName(expression.expression);
    return base && { name: base.name, conditions: base.conditions };
  }
  if (ts.isCallExpression(expression)) {
    const base = calleeName(expression.expression);
    return base && { name: base.name, conditions: [...base.conditions, ...expression.arguments] };
  }
  return null;
}

function titleText(node: ts.Expression, source: ts.SourceFile): string {
  const text = ts.isStringLiteralLike(node) ? node.text : ts.isTemplateExpression(node) ? node.getText(source).slice(1, -1) : node.getText(source);
  return text.replace(/\$\{engine\}|%s/g, 'postgres');
}
