import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { formatPhone } from '../../../../src/shared/format';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import type { Customer } from '../../api/models';

export type CustomerChoice = { kind: 'existing'; customer: Customer } | { kind: 'new'; name: string; phone: string } | null;

interface CustomerPickerProps {
  value: CustomerChoice;
  onChange: (value: CustomerChoice) => void;
}

export function CustomerPicker({ value, onChange }: CustomerPickerProps) {
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 250);

  const results = useQuery({
    queryKey: keys.customers.picker(debounced),
    queryFn: () => api.get('/api/customers', { query: { q: debounced, limit: 8 } }),
    enabled: value === null && debounced.length > 0,
  });

  if (value?.kind === 'existing') {
    return (
      <div className="picker-selected">
        <span>
          <strong>{value.customer.name}</strong> <span className="muted">{formatPhone(value.customer.phone)}</span>
        </span>
        <button type="button" className="link-btn" onClick={() => onChange(null)}>
          변경
        </button>
      </div>
    );
  }

  if (value?.kind === 'new') {
    return (
      <div className="picker-new">
        <div className="picker-new-fields">
          <input
            placeholder="이름"
            value={value.name}
            onChange={(event) => onChange({ ...value, name: event.target.value })}
            aria-label="새 고객 이름"
            required
          />
          <input
            placeholder="010-1234-5678"
            inputMode="tel"
            value={value.phone}
            onChange={(event) => onChange({ ...value, phone: event.target.value })}
            aria-label="새 고객 전화번호"
            required
          />
        </div>
        <button type="button" className="link-btn" onClick={() => onChange(null)}>
          기존 고객 검색
        </button>
      </div>
    );
  }

  const looksLikePhone = /^[\d-]+$/.test(query.trim());

  return (
    <div className="picker">
      <input
        type="search"
        placeholder="이름 또는 전화번호 뒷자리 4자리"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-label="고객 검색"
        autoFocus
      />
      {debounced.length > 0 && (
        <ul className="picker-results" role="listbox">
          {results.isPending && <li className="muted picker-hint">검색 중…</li>}
          {results.isError && <li className="form-error picker-hint">{errorMessage(results.error)}</li>}
          {results.data?.items.length === 0 && <li className="muted picker-hint">검색 결과가 없습니다</li>}
          {results.data?.items.map((customer) => (
            <li key={customer.id}>
              <button type="button" className="picker-option" onClick={() => onChange({ kind: 'existing', customer })}>
                <strong>{customer.name}</strong>
                <span className="muted">{formatPhone(customer.phone)}</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="picker-option picker-create"
              onClick={() =>
                onChange({ kind: 'new', name: looksLikePhone ? '' : query.trim(), phone: looksLikePhone ? query.trim() : '' })
              }
            >
              + 새 고객 등록
            </button>
          </li>
        </ul>
      )}
      {debounced.length === 0 && (
        <button type="button" className="link-btn picker-new-link" onClick={() => onChange({ kind: 'new', name: '', phone: '' })}>
          + 새 고객 등록
        </button>
      )}
    </div>
  );
}
