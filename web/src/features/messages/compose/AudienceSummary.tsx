import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../../api/client';
import { keys } from '../../../api/keys';
import { formatPhone } from '../../../../../src/shared/format';
import { useDebouncedValue } from '../../../ui/useDebouncedValue';
import { EXCLUSION_REASONS } from '../labels';
import type { AudienceAnswer } from '../../../api/models';
import { toAudience, toSettings, validateAudience, validateSettings, type ComposeState } from './model';

/** The live count of who receives the message and who is left out, with the reasons (MSG-5). */
export function AudienceSummary({ state }: { state: ComposeState }) {
  const audience = toAudience(state);
  const settings = toSettings(state);
  const ready = audience !== null && Object.keys(validateAudience(state)).length === 0 && Object.keys(validateSettings(state)).length === 0;
  const body = useDebouncedValue(JSON.stringify({ audience, settings }), 300);
  const answer = useQuery({
    queryKey: keys.messages.audience(body),
    queryFn: () => api.post('/api/messages/audience', { body: JSON.parse(body) }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  if (!ready) {
    return (
      <div className="msg-audience-bar" data-testid="audience-summary">
        <span className="muted">발송 대상을 선택하면 받는 고객 수가 여기에 표시돼요.</span>
      </div>
    );
  }
  return <AudienceCounts answer={answer.data} error={answer.isError ? errorMessage(answer.error) : null} loading={answer.isFetching} />;
}

export function AudienceCounts({ answer, error, loading }: { answer: AudienceAnswer | undefined; error?: string | null; loading?: boolean }) {
  const [open, setOpen] = useState(false);
  const excluded = answer?.excluded;

  return (
    <div className="msg-audience-bar" data-testid="audience-summary">
      <div className="msg-audience-counts">
        <span>
          발송 대상{' '}
          <strong className="msg-big" data-testid="audience-recipients">
            {answer ? answer.recipients.toLocaleString('ko-KR') : '–'}
          </strong>
          명
        </span>
        {excluded && excluded.total > 0 && (
          <button type="button" className="msg-excluded-toggle" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="audience-excluded">
            제외 {excluded.total.toLocaleString('ko-KR')}명 {open ? '▴' : '▾'}
          </button>
        )}
        {excluded && excluded.total === 0 && <span className="muted">제외 0명</span>}
        {loading && <span className="muted msg-small">계산 중…</span>}
      </div>
      {error && <p className="form-error">{error}</p>}
      {answer && answer.recipients === 0 && <p className="hint hint-warning">받을 수 있는 고객이 없어요. 대상이나 발송 설정을 바꿔 주세요.</p>}
      {open && excluded && (
        <div className="msg-excluded" data-testid="excluded-list">
          {EXCLUSION_REASONS.filter((reason) => (excluded.byReason[reason.key] ?? 0) > 0).map((reason) => {
            const people = excluded.sample.filter((s) => s.reason === reason.key);
            const count = excluded.byReason[reason.key] ?? 0;
            return (
              <div key={reason.key} className="msg-excluded-group" data-testid={`excluded-${reason.key}`}>
                <div className="msg-excluded-head">
                  <span className="strong">{reason.label}</span>
                  <span className="muted">{count.toLocaleString('ko-KR')}명</span>
                </div>
                {people.length > 0 && (
                  <ul>
                    {people.map((person) => (
                      <li key={person.customerId}>
                        {person.name} <span className="muted">{formatPhone(person.phone)}</span>
                      </li>
                    ))}
                    {count > people.length && <li className="muted">외 {(count - people.length).toLocaleString('ko-KR')}명</li>}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
