import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { FeeGrade, FeeMethod, FeeRule, FeeRuleInput, FeeSettings as Fees } from '../../api/models';
import { Field } from '../../ui/Field';
import { fieldErrorsOf, formMessage } from '../../ui/fieldErrors';
import { formatPpm } from '../../ui/money';
import { useToast } from '../../ui/Toast';
import { todayKey } from '../../../../src/shared/time';
import { useCurrentMe } from '../auth/auth';
import { FEE_METHOD_LABELS, REVENUE_GRADE_LABELS } from './labels';
import { draftsOf, newDraftKey, rulesFromDrafts, validityLabel, type FeeRuleDraft } from './payments';

const GRADES = Object.keys(REVENUE_GRADE_LABELS) as FeeGrade[];
const METHODS = Object.keys(FEE_METHOD_LABELS) as FeeMethod[];

/** 설정 > 수수료 (PAY-3): the rates the statements charge, by method and revenue grade, VAT included. */
export function FeeSettings() {
  const fees = useQuery({ queryKey: keys.feeSettings, queryFn: () => api.get('/api/settings/fees') });
  return (
    <div data-testid="fee-settings">
      <h2 className="settings-title">수수료</h2>
      <p className="muted settings-help">
        예약할 때 결제한 금액의 정산에 쓰는 결제 수수료율입니다. 신용카드·카카오페이 카드는 매출 등급(우대수수료 구간)에 따라 다릅니다. 모든 수수료율은 부가세 포함입니다.
      </p>
      {fees.isPending && <p className="muted">불러오는 중…</p>}
      {fees.isError && <p className="form-error">{errorMessage(fees.error)}</p>}
      {fees.data && (
        <>
          <TodayRates fees={fees.data} />
          <GradeCard fees={fees.data} />
          <RulesTable fees={fees.data} />
        </>
      )}
    </div>
  );
}

function TodayRates({ fees }: { fees: Fees }) {
  return (
    <section className="card">
      <h3>오늘 적용되는 수수료율</h3>
      <p className="muted small">
        매출 등급 <strong>{fees.gradeLabel}</strong> 기준 · 부가세 포함
      </p>
      <ul className="fee-today" data-testid="fee-today">
        {fees.today.map((rate) => (
          <li key={rate.method}>
            <span className="muted">{rate.methodLabel}</span>
            <strong>{rate.ratePpm === null ? '-' : formatPpm(rate.ratePpm)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

function GradeCard({ fees }: { fees: Fees }) {
  const me = useCurrentMe();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [grade, setGrade] = useState<FeeGrade>(fees.grade);
  const [validFrom, setValidFrom] = useState(() => todayKey(me.business.timeZone));
  const [errors, setErrors] = useState<{ validFrom?: string; form?: string }>({});
  const save = useMutation({
    mutationFn: () => api.put('/api/settings/fees/grade', { body: { grade, validFrom } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.feeSettings, saved);
      void queryClient.invalidateQueries({ queryKey: keys.settlements.all });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!validFrom) return setErrors({ validFrom: '적용 시작일을 고르세요.' });
    setErrors({});
    save.mutate(undefined, {
      onSuccess: () => toast(`${validFrom}부터 매출 등급을 ${REVENUE_GRADE_LABELS[grade]}(으)로 적용합니다.`, 'success'),
      onError: (error) => {
        const field = fieldErrorsOf(error).get('validFrom');
        setErrors(field ? { validFrom: field } : { form: errorMessage(error) });
      },
    });
  }

  const history = [...fees.grades].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const today = todayKey(me.business.timeZone);
  const current = history.find((h) => h.validFrom <= today)?.validFrom;
  return (
    <section className="card">
      <h3>매출 등급</h3>
      <p className="muted small">카드 우대수수료 구간은 1년에 두 번 다시 정해집니다. 바뀐 등급은 적용 시작일부터 정산에 쓰입니다.</p>
      <form className="fee-grade-form" onSubmit={submit} noValidate>
        <Field label="매출 등급">
          <select value={grade} onChange={(event) => setGrade(event.target.value as FeeGrade)} name="grade">
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {REVENUE_GRADE_LABELS[g]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="적용 시작일" error={errors.validFrom}>
          <input type="date" value={validFrom} onChange={(event) => setValidFrom(event.target.value)} name="validFrom" />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? '저장 중…' : '저장'}
        </button>
      </form>
      {errors.form && <p className="form-error">{errors.form}</p>}
      {history.length > 0 && (
        <table className="table fee-table" data-testid="fee-grade-history">
          <thead>
            <tr>
              <th>적용 시작일</th>
              <th>매출 등급</th>
            </tr>
          </thead>
          <tbody>
            {history.map((g) => (
              <tr key={g.validFrom}>
                <td>{g.validFrom}</td>
                <td>
                  {g.gradeLabel}
                  {g.validFrom === current && <span className="badge badge-green fee-current">현재</span>}
                  {g.validFrom > today && <span className="badge badge-amber fee-current">예정</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function sortedRules(rules: readonly FeeRule[]): FeeRule[] {
  return [...rules].sort(
    (a, b) =>
      METHODS.indexOf(a.method) - METHODS.indexOf(b.method) ||
      GRADES.indexOf(a.grade ?? 'small') - GRADES.indexOf(b.grade ?? 'small') ||
      a.validFrom.localeCompare(b.validFrom),
  );
}

function RulesTable({ fees }: { fees: Fees }) {
  const [editing, setEditing] = useState(false);
  const rules = sortedRules(fees.rules);
  return (
    <section className="card">
      <div className="card-header">
        <h3>수수료율 표</h3>
        {!editing && (
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)} data-testid="fee-rules-edit">
            수수료율 고치기
          </button>
        )}
      </div>
      <p className="muted small">
        {fees.custom ? '이 업체에 맞춰 정한 수수료율입니다.' : '기본 수수료율(예시 값)입니다. 계약한 수수료율과 다르면 고쳐 주세요.'} 같은 결제 수단에 매출 등급별 수수료율이 있으면 그것이 ‘전체’보다 먼저 쓰입니다.
      </p>
      {editing ? (
        <RulesEditor rules={rules} onDone={() => setEditing(false)} />
      ) : (
        <div className="table-wrap">
          <table className="table fee-table" data-testid="fee-rules">
            <thead>
              <tr>
                <th>결제 수단</th>
                <th>매출 등급</th>
                <th className="num">수수료율 (부가세 포함)</th>
                <th>적용 기간</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={`${rule.method}-${rule.grade ?? 'all'}-${rule.validFrom}`}>
                  <td className="nowrap">{rule.methodLabel}</td>
                  <td className="nowrap">{rule.grade ? REVENUE_GRADE_LABELS[rule.grade] : '전체'}</td>
                  <td className="num">{formatPpm(rule.ratePpm)}</td>
                  <td className="nowrap">{validityLabel(rule.validFrom, rule.validTo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** PUT /api/settings/fees/rules: the whole table at once; the statements of the days it covers are computed with it. */
function RulesEditor({ rules, onDone }: { rules: FeeRule[]; onDone: () => void }) {
  const me = useCurrentMe();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<FeeRuleDraft[]>(() => draftsOf(rules));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: FeeRuleInput[]) => api.put('/api/settings/fees/rules', { body: { rules: body } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.feeSettings, saved);
      void queryClient.invalidateQueries({ queryKey: keys.settlements.all });
    },
  });

  const change = (key: string, patch: Partial<FeeRuleDraft>) => setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const result = rulesFromDrafts(drafts);
    if (!result.ok) return setProblems(result.problems);
    setProblems({});
    save.mutate(result.rules, {
      onSuccess: () => {
        toast('수수료율 표를 저장했습니다.', 'success');
        onDone();
      },
      onError: (error) => setFormError(formMessage(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="fee-rules-editor">
      <div className="table-wrap">
        <table className="table fee-table fee-edit-table">
          <thead>
            <tr>
              <th>결제 수단</th>
              <th>매출 등급</th>
              <th>수수료율 (%, 부가세 포함)</th>
              <th>적용 시작일</th>
              <th>적용 종료일</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => (
              <tr key={d.key} className={problems[d.key] ? 'fee-row-invalid' : undefined}>
                <td>
                  <select value={d.method} onChange={(e) => change(d.key, { method: e.target.value as FeeMethod })} aria-label="결제 수단">
                    {METHODS.map((m) => (
                      <option key={m} value={m}>
                        {FEE_METHOD_LABELS[m]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select value={d.grade} onChange={(e) => change(d.key, { grade: e.target.value as FeeGrade | '' })} aria-label="매출 등급">
                    <option value="">전체</option>
                    {GRADES.map((g) => (
                      <option key={g} value={g}>
                        {REVENUE_GRADE_LABELS[g]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input className="fee-rate-input" inputMode="decimal" value={d.rate} onChange={(e) => change(d.key, { rate: e.target.value })} aria-label="수수료율 (%)" aria-invalid={Boolean(problems[d.key])} />
                  {problems[d.key] && <p className="field-error-text">{problems[d.key]}</p>}
                </td>
                <td>
                  <input type="date" value={d.validFrom} onChange={(e) => change(d.key, { validFrom: e.target.value })} aria-label="적용 시작일" />
                </td>
                <td>
                  <input type="date" value={d.validUntil} onChange={(e) => change(d.key, { validUntil: e.target.value })} aria-label="적용 종료일 (비우면 계속)" />
                </td>
                <td>
                  <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDrafts((list) => list.filter((x) => x.key !== d.key))} aria-label="이 행 삭제">
                    삭제
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">적용 종료일을 비우면 계속 적용됩니다. 종료일은 그날까지 적용됩니다.</p>
      {formError && <p className="form-error">{formError}</p>}
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() => setDrafts((list) => [...list, { key: newDraftKey(), method: 'card', grade: '', rate: '', validFrom: todayKey(me.business.timeZone), validUntil: '' }])}
        >
          행 추가
        </button>
        <span className="fee-edit-spacer" />
        <button type="button" className="btn" onClick={onDone} disabled={save.isPending}>
          취소
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? '저장 중…' : '저장'}
        </button>
      </div>
    </form>
  );
}
