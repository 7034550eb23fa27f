import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { CustomerFormModal } from './CustomerFormModal';
import { formatDate, formatPhone } from '../../../../src/shared/format';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { GroupBadges } from '../loyalty/GroupBadges';
import { ImportCustomersDialog } from '../loyalty/ImportCustomersDialog';
import { DataTable } from '../../ui/DataTable';
import { Pagination, pageCountOf } from '../../ui/Pagination';

const PAGE_SIZE = 50;

export function CustomersPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const [query, setQuery] = useState(searchParams.get('q') ?? '');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const debounced = useDebouncedValue(query.trim(), 300);
  const page = Math.max(0, Number(searchParams.get('page') ?? 0) || 0);

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

  const customers = useQuery({
    queryKey: keys.customers.list(debounced, page),
    queryFn: () => api.get('/api/customers', { query: { q: debounced, limit: PAGE_SIZE, offset: page * PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });

  const total = customers.data?.total ?? 0;
  const setPage = (next: number) =>
    setSearchParams((params) => {
      if (next > 0) params.set('page', String(next));
      else params.delete('page');
      return params;
    });

  return (
    <div className="page">
      <div className="page-header">
        <h1>고객</h1>
        {hasPermission(me, 'customers.edit') && (
          <div className="page-header-actions">
            <button type="button" className="btn" onClick={() => setImporting(true)}>
              고객 가져오기 (CSV)
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              고객 등록
            </button>
          </div>
        )}
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="search-input"
          placeholder="이름, 전화번호 뒷자리 4자리, 전체 번호"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-label="고객 검색"
        />
        {customers.data && <span className="muted">총 {total.toLocaleString('ko-KR')}명</span>}
      </div>

      {customers.isError && <p className="form-error">{errorMessage(customers.error)}</p>}
      {customers.isPending && <p className="muted">불러오는 중…</p>}
      {customers.data && customers.data.items.length === 0 && (
        <div className="empty-state" data-testid="customers-empty">
          {debounced ? '검색 결과가 없습니다' : '등록된 고객이 없습니다'}
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
            { header: '전화번호', cell: (customer) => formatPhone(customer.phone) },
            { header: '등급', cell: (customer) => customer.grade || '-' },
            { header: '보유 포인트', className: 'loyalty-num', cell: (customer) => `${customer.pointsHeld.toLocaleString('ko-KR')}P` },
            { header: '방문수', className: 'loyalty-num', cell: (customer) => `${customer.visitCount.toLocaleString('ko-KR')}회` },
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
            { header: '등록일', cell: (customer) => formatDate(customer.createdAt, me.business.timeZone) },
          ]}
        />
      )}
      <Pagination page={page} onPage={setPage} pageCount={pageCountOf(total, PAGE_SIZE)} />

      {importing && <ImportCustomersDialog onClose={() => setImporting(false)} />}
      {creating && (
        <CustomerFormModal onClose={() => setCreating(false)} onCreated={(customer) => navigate(`/customers/${customer.id}`)} />
      )}
    </div>
  );
}
