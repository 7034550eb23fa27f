import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../../api/client';
import { keys } from '../../../api/keys';
import type { Customer } from '../../../api/models';
import { formatPhone } from '../../../../../src/shared/format';
import { useDebouncedValue } from '../../../ui/useDebouncedValue';
import { GROUPS, GROUP_LABELS } from '../labels';
import { useCustomerGrades, useCustomerGroups, useCustomerTags } from '../../loyalty/loyaltyApi';
import { AudienceSummary } from './AudienceSummary';
import { emptyFilter, type AudienceErrors, type AudienceTab, type ComposeState, type FilterState } from './model';

interface Props {
  state: ComposeState;
  errors: AudienceErrors;
  update: (patch: Partial<ComposeState> | ((s: ComposeState) => ComposeState)) => void;
}

const TABS: { key: AudienceTab; label: string }[] = [
  { key: 'group', label: '그룹 선택' },
  { key: 'filter', label: '고객 필터' },
  { key: 'direct', label: '직접 선택' },
];

export function AudienceStep({ state, errors, update }: Props) {
  return (
    <div className="msg-step">
      <div className="msg-tabs" role="tablist" aria-label="발송 대상 선택 방법">
        {TABS.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            aria-selected={state.audienceTab === tab.key}
            className={state.audienceTab === tab.key ? 'active' : undefined}
            onClick={() => update({ audienceTab: tab.key })}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {state.audienceTab === 'group' && <GroupTab state={state} error={errors.group} update={update} />}
      {state.audienceTab === 'filter' && <FilterTab filter={state.filter} errors={errors} onChange={(filter) => update({ filter })} />}
      {state.audienceTab === 'direct' && <DirectTab state={state} error={errors.direct} update={update} />}
      <AudienceSummary state={state} />
    </div>
  );
}

function GroupTab({ state, error, update }: { state: ComposeState; error?: string; update: Props['update'] }) {
  const groups = useCustomerGroups();
  return (
    <section className="msg-section">
      <p className="muted">원하는 고객 그룹을 선택해 주세요. 그룹은 POS 적립 기록으로 매일 새로 계산돼요.</p>
      {groups.isError && <p className="form-error">{errorMessage(groups.error)}</p>}
      <div className="msg-group-list" role="radiogroup" aria-label="고객 그룹">
        {GROUPS.map((group) => (
          <label key={group.key} className={`msg-choice msg-group${state.group === group.key ? ' selected' : ''}`} data-testid={`group-${group.key}`}>
            <input type="radio" name="group" checked={state.group === group.key} onChange={() => update({ group: group.key })} />
            <span className="msg-group-head">
              <span className="strong">{group.label}</span>
              <span className="msg-group-count">{groups.data ? `${(groups.data[group.key] ?? 0).toLocaleString('ko-KR')}명` : '–'}</span>
            </span>
            <span className="muted">{group.definition}</span>
            {group.note && <span className="muted msg-small">* {group.note}</span>}
          </label>
        ))}
      </div>
      {error && <p className="msg-field-error">{error}</p>}
    </section>
  );
}

function FilterTab({ filter, errors, onChange }: { filter: FilterState; errors: AudienceErrors; onChange: (filter: FilterState) => void }) {
  const grades = useCustomerGrades();
  const tags = useCustomerTags();
  const set = (patch: Partial<FilterState>) => onChange({ ...filter, ...patch });
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  return (
    <section className="msg-section msg-filter">
      <p className="muted">조건을 고르지 않으면 전체 고객이 대상이에요. 여러 조건은 모두 만족하는 고객만 골라요.</p>
      <div className="msg-filter-row">
        <span className="msg-label">포인트</span>
        <div className="msg-inline">
          <select value={filter.pointsKind} onChange={(event) => set({ pointsKind: event.target.value as 'held' | 'accumulated' })} aria-label="포인트 기준">
            <option value="held">보유 포인트</option>
            <option value="accumulated">누적 포인트</option>
          </select>
          <input type="number" min={0} className="msg-number" placeholder="최소" value={filter.pointsMin} onChange={(event) => set({ pointsMin: event.target.value })} aria-label="포인트 최소" />
          <span className="muted">~</span>
          <input type="number" min={0} className="msg-number" placeholder="최대" value={filter.pointsMax} onChange={(event) => set({ pointsMax: event.target.value })} aria-label="포인트 최대" />
          <span className="muted">P</span>
        </div>
        {errors.points && <span className="msg-field-error">{errors.points}</span>}
      </div>
      <div className="msg-filter-row">
        <span className="msg-label">등급</span>
        <div className="msg-chip-row">
          {(grades.data ?? []).map((grade) => (
            <button
              key={grade.id}
              type="button"
              className={`msg-chip${filter.grades.includes(grade.name) ? ' on' : ''}`}
              aria-pressed={filter.grades.includes(grade.name)}
              onClick={() => set({ grades: toggle(filter.grades, grade.name) })}
            >
              {grade.name}
            </button>
          ))}
          {grades.data?.length === 0 && <span className="muted">설정 &gt; 고객 등급에서 등급을 만들 수 있어요.</span>}
        </div>
      </div>
      <div className="msg-filter-row">
        <span className="msg-label">고객 태그</span>
        <div className="msg-chip-row">
          {(tags.data ?? []).map((tag) => (
            <button
              key={tag.id}
              type="button"
              className={`msg-chip${filter.tags.includes(tag.name) ? ' on' : ''}`}
              aria-pressed={filter.tags.includes(tag.name)}
              onClick={() => set({ tags: toggle(filter.tags, tag.name) })}
            >
              #{tag.name}
            </button>
          ))}
          {tags.data?.length === 0 && <span className="muted">설정 &gt; 고객 태그에서 태그를 만들 수 있어요.</span>}
        </div>
      </div>
      <CountRangeRow label="방문수" min={filter.visitMin} max={filter.visitMax} error={errors.visits} onChange={(min, max) => set({ visitMin: min, visitMax: max })} />
      <CountRangeRow label="노쇼 횟수" min={filter.noShowMin} max={filter.noShowMax} error={errors.noShows} onChange={(min, max) => set({ noShowMin: min, noShowMax: max })} />
      <div>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(emptyFilter())}>
          조건 초기화
        </button>
      </div>
    </section>
  );
}

const SEARCH_LIMIT = 30;

function DirectTab({ state, error, update }: { state: ComposeState; error?: string; update: Props['update'] }) {
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 250);
  const results = useQuery({
    queryKey: keys.messages.directSearch(debounced),
    queryFn: () => api.get('/api/customers', { query: { q: debounced, limit: SEARCH_LIMIT } }),
    placeholderData: keepPreviousData,
  });
  const selected = new Set(state.direct.map((c) => c.id));
  const items = results.data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((c) => selected.has(c.id));

  function toggle(customer: Customer) {
    update((s) => ({
      ...s,
      direct: s.direct.some((c) => c.id === customer.id)
        ? s.direct.filter((c) => c.id !== customer.id)
        : [...s.direct, { id: customer.id, name: customer.name, phone: customer.phone }],
    }));
  }

  function toggleAll() {
    update((s) => {
      if (allOnPage) return { ...s, direct: s.direct.filter((c) => !items.some((i) => i.id === c.id)) };
      const have = new Set(s.direct.map((c) => c.id));
      return { ...s, direct: [...s.direct, ...items.filter((c) => !have.has(c.id)).map((c) => ({ id: c.id, name: c.name, phone: c.phone }))] };
    });
  }

  return (
    <section className="msg-section">
      <input
        type="search"
        className="msg-search"
        placeholder="이름, 전화번호 뒷자리 4자리, 전체 번호로 검색"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-label="고객 검색"
      />
      {state.direct.length > 0 && (
        <div className="msg-picked" aria-label="선택한 고객">
          <span className="strong">선택 {state.direct.length.toLocaleString('ko-KR')}명</span>
          {state.direct.map((customer) => (
            <span key={customer.id} className="msg-picked-chip" data-testid="picked-customer">
              {customer.name || '…'}
              <button type="button" aria-label={`${customer.name} 선택 해제`} onClick={() => update((s) => ({ ...s, direct: s.direct.filter((c) => c.id !== customer.id) }))}>
                ✕
              </button>
            </span>
          ))}
          <button type="button" className="link-btn" onClick={() => update({ direct: [] })}>
            모두 해제
          </button>
        </div>
      )}
      {results.isError && <p className="form-error">{errorMessage(results.error)}</p>}
      {/* Above the list, not under it: the sticky audience bar at the bottom of the screen would cover it. */}
      {results.data && results.data.total > items.length && (
        <p className="muted msg-small" data-testid="direct-shown-note">
          {results.data.total.toLocaleString('ko-KR')}명 중 {items.length}명을 보여요. 검색으로 좁혀 주세요.
        </p>
      )}
      <div className="table-wrap msg-direct-table">
        <table className="table table-clickable">
          <thead>
            <tr>
              <th className="msg-col-check">
                <input type="checkbox" checked={allOnPage} onChange={toggleAll} aria-label="목록의 고객 모두 선택" disabled={items.length === 0} />
              </th>
              <th>이름</th>
              <th>전화번호</th>
              <th>등급</th>
              <th className="num">보유 포인트</th>
              <th className="num">방문수</th>
              <th>마케팅 수신</th>
            </tr>
          </thead>
          <tbody>
            {items.map((customer) => (
              <tr key={customer.id} onClick={() => toggle(customer)} className={selected.has(customer.id) ? 'selected' : undefined} data-testid="direct-customer">
                <td className="msg-col-check">
                  <input type="checkbox" checked={selected.has(customer.id)} onChange={() => toggle(customer)} onClick={(event) => event.stopPropagation()} aria-label={`${customer.name} 선택`} />
                </td>
                <td>
                  <span className="strong">{customer.name}</span>
                  {(customer.groups ?? []).map((g) => (
                    <span key={g} className="badge msg-badge-group">
                      {GROUP_LABELS[g] ?? g}
                    </span>
                  ))}
                </td>
                <td className="nowrap">{formatPhone(customer.phone)}</td>
                <td>{customer.grade || '-'}</td>
                <td className="num">{(customer.pointsHeld ?? 0).toLocaleString('ko-KR')}</td>
                <td className="num">{(customer.visitCount ?? 0).toLocaleString('ko-KR')}</td>
                <td>
                  {customer.marketingOptedOutAt ? (
                    <span className="badge badge-amber">수신거부</span>
                  ) : customer.marketingConsent ? (
                    <span className="badge badge-green">동의</span>
                  ) : (
                    <span className="muted">미동의</span>
                  )}
                </td>
              </tr>
            ))}
            {results.data && items.length === 0 && (
              <tr>
                <td colSpan={7} className="center muted">
                  {debounced ? '검색 결과가 없습니다.' : '등록된 고객이 없습니다.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {error && <p className="msg-field-error">{error}</p>}
      <p className="muted msg-small">직접 선택한 고객에게는 발송 설정 중 메시지 성과 설정만 쓸 수 있어요. 마케팅 수신에 동의하지 않은 고객은 선택해도 발송되지 않아요.</p>
    </section>
  );
}

/** A 최소 ~ 최대 회 filter row (방문수, 노쇼 횟수). */
function CountRangeRow({ label, min, max, error, onChange }: { label: string; min: string; max: string; error: string | undefined; onChange: (min: string, max: string) => void }) {
  return (
    <div className="msg-filter-row">
      <span className="msg-label">{label}</span>
      <div className="msg-inline">
        <input type="number" min={0} className="msg-number" placeholder="최소" value={min} onChange={(event) => onChange(event.target.value, max)} aria-label={`${label} 최소`} />
        <span className="muted">~</span>
        <input type="number" min={0} className="msg-number" placeholder="최대" value={max} onChange={(event) => onChange(min, event.target.value)} aria-label={`${label} 최대`} />
        <span className="muted">회</span>
      </div>
      {error && <span className="msg-field-error">{error}</span>}
    </div>
  );
}
