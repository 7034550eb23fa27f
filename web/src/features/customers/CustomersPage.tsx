import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { CustomerFormModal } from './CustomerFormModal';
import { formatDate, formatPhone } from '../../../../src/shared/format';
import { CUSTOMER_GROUP_LABELS, CUSTOMER_GROUPS } from '../../../../src/shared/labels/loyalty';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { GroupBadges } from '../loyalty/GroupBadges';
import { ImportCustomersDialog } from '../loyalty/ImportCustomersDialog';
import { useCustomerGrades, useCustomerTags } from '../loyalty/loyaltyApi';
import { DataTable } from '../../ui/DataTable';
import { Pagination, pageCountOf } from '../../ui/Pagination';
import { SORT_CHOICES, apiQueryOf, exportUrlOf, hasFilters, listStateFrom, sortChoiceOf } from './model';

const PAGE_SIZE = 50;

/** A filter by one of the business's grades or tags; a value from the address the list no longer has stays choosable. */
function NameFilter({ label, value, names, onChange }: { label: string; value: string; names: string[]; onChange: (value: string) => void }) {
  const choices = value && !names.includes(value) ? [value, ...names] : names;
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">전체</option>
        {choices.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** 고객 목록 (CORE-5, OPS-8): search, sort and filters live in the address, and the CSV download takes the same. */
export function CustomersPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = listStateFrom(searchParams);
  const [query, setQuery] = useState(state.q);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const debounced = useDebouncedValue(query.trim(), 300);
  const grades = useCustomerGrades();
  const tags = useCustomerTags();

  // Keep the search in the URL so the back button returns to the same list.
  useEffect(() => {
    setSearchParams(
      (params) => {
        if (debounced === (params.get('q') ?? '')) return params;
        if (debounced) params.set('q', debounced);
        else params.delete('q');
        params.delete('page');
        return params;
      },
      { replace: true },
    );
  }, [debounced, setSearchParams]);

  function setParams(values: Record<string, string | null>) {
    setSearchParams((params) => {
      for (const [name, value] of Object.entries(values)) {
        if (value) params.set(name, value);
        else params.delete(name);
      }
      params.delete('page');
      return params;
    });
  }

  function resetFilters() {
    setQuery('');
    setSearchParams(new URLSearchParams());
  }

  const listQuery = apiQueryOf(state);
  const customers = useQuery({
    queryKey: keys.customers.list(listQuery, state.page),
    queryFn: () => api.get('/api/customers', { query: { ...listQuery, limit: PAGE_SIZE, offset: state.page * PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });

  const total = customers.data?.total ?? 0;
  const filtered = hasFilters(state);
  const setPage = (next: number) =>
    setSearchParams((params) => {
      if (next > 0) params.set('page', String(next));
      else params.delete('page');
      return params;
    });

  return (
    <div className="page customers-page">
      <div className="page-header">
        <h1>고객</h1>
        <div className="page-header-actions">
          <a className="btn" href={exportUrlOf(state)} download data-testid="customers-export">
            엑셀(CSV) 내려받기
          </a>
          {hasPermission(me, 'customers.edit') && (
            <>
              <button type="button" className="btn" onClick={() => setImporting(true)}>
                고객 가져오기 (CSV)
              </button>
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                고객 등록
              </button>
            </>
          )}
        </div>
      </div>
      <div className="toolbar list-toolbar">
        <input
          type="search"
          className="search-input"
          placeholder="이름, 전화번호 뒷자리 4자리, 전체 번호"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-label="고객 검색"
        />
        <select
          aria-label="정렬"
          value={sortChoiceOf(state)}
          onChange={(event) => {
            const choice = SORT_CHOICES.find((c) => c.value === event.target.value);
            if (choice) setParams({ sort: choice.sort, order: choice.order });
          }}
        >
          {SORT_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        {customers.data && <span className="muted">총 {total.toLocaleString('ko-KR')}명</span>}
      </div>
      <div className="list-filters" role="group" aria-label="고객 필터">
        <label className="field">
          <span>그룹</span>
          <select value={state.group ?? ''} onChange={(event) => setParams({ group: event.target.value })}>
            <option value="">전체</option>
            {CUSTOMER_GROUPS.map((group) => (
              <option key={group} value={group}>
                {CUSTOMER_GROUP_LABELS[group]}
              </option>
            ))}
          </select>
        </label>
        <NameFilter label="등급" value={state.grade} names={(grades.data ?? []).map((g) => g.name)} onChange={(grade) => setParams({ grade })} />
        <NameFilter label="태그" value={state.tag} names={(tags.data ?? []).map((t) => t.name)} onChange={(tag) => setParams({ tag })} />
        <label className="field list-filter-number">
          <span>노쇼</span>
          <span className="list-filter-inline">
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              placeholder="전체"
              aria-label="노쇼 횟수 이상"
              value={state.minNoShows ?? ''}
              onChange={(event) => {
                const n = Math.floor(Number(event.target.value));
                setParams({ noShows: n >= 1 && n <= 1000 ? String(n) : null });
              }}
            />
            <span className="muted">회 이상</span>
          </span>
        </label>
        {(filtered || state.q) && (
          <button type="button" className="btn btn-ghost btn-sm list-filters-reset" onClick={resetFilters}>
            초기화
          </button>
        )}
      </div>

      {customers.isError && <p className="form-error">{errorMessage(customers.error)}</p>}
      {customers.isPending && <p className="muted">불러오는 중…</p>}
      {customers.data && customers.data.items.length === 0 && (
        <div className="empty-state" data-testid="customers-empty">
          {filtered ? (
            <>
              조건에 맞는 고객이 없습니다.{' '}
              <button type="button" className="link-btn" onClick={resetFilters}>
                필터 초기화
              </button>
            </>
          ) : state.q ? (
            '검색 결과가 없습니다'
          ) : (
            '등록된 고객이 없습니다'
          )}
        </div>
      )}
      {customers.data && customers.data.items.length > 0 && (
        <DataTable
          rows={customers.data.items}
          rowKey={(customer) => customer.id}
          onRowClick={(customer) => navigate(`/customers/${customer.id}`)}
          rowProps={() => ({ 'data-testid': 'customer-row' })}
          columns={[
            {
              header: '이름',
              cell: (customer) => (
                <>
                  <span className="strong">{customer.name}</span>
                  <GroupBadges groups={customer.groups} />
                </>
              ),
            },
            { header: '전화번호', className: 'nowrap', cell: (customer) => formatPhone(customer.phone) },
            { header: '등급', cell: (customer) => customer.grade || '-' },
            { header: '보유 포인트', className: 'loyalty-num', cell: (customer) => `${customer.pointsHeld.toLocaleString('ko-KR')}P` },
            { header: '방문수', className: 'loyalty-num', cell: (customer) => `${customer.visitCount.toLocaleString('ko-KR')}회` },
            {
              header: '마지막 방문',
              className: 'nowrap',
              cell: (customer) => (customer.lastVisitAt ? formatDate(customer.lastVisitAt, me.business.timeZone) : <span className="muted">-</span>),
            },
            {
              header: '노쇼',
              className: 'loyalty-num',
              cell: (customer) => (customer.noShowCount > 0 ? `${customer.noShowCount}회` : <span className="muted">-</span>),
            },
            {
              header: '태그',
              cell: (customer) =>
                customer.tags.length > 0 ? (
                  <span className="tag-list">
                    {customer.tags.map((tag) => (
                      <span key={tag} className="badge badge-grey">
                        {tag}
                      </span>
                    ))}
                  </span>
                ) : (
                  <span className="muted">-</span>
                ),
            },
            {
              header: '마케팅 동의',
              cell: (customer) =>
                customer.marketingOptedOutAt ? (
                  <span className="badge badge-amber">수신거부</span>
                ) : customer.marketingConsent ? (
                  <span className="badge badge-green">동의</span>
                ) : (
                  <span className="muted">미동의</span>
                ),
            },
            { header: '등록일', className: 'nowrap', cell: (customer) => formatDate(customer.createdAt, me.business.timeZone) },
          ]}
        />
      )}
      <Pagination page={state.page} onPage={setPage} pageCount={pageCountOf(total, PAGE_SIZE)} />

      {importing && <ImportCustomersDialog onClose={() => setImporting(false)} />}
      {creating && (
        <CustomerFormModal onClose={() => setCreating(false)} onCreated={(customer) => navigate(`/customers/${customer.id}`)} />
      )}
    </div>
  );
}
