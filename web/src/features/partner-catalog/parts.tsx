import { useState, type KeyboardEvent } from 'react';
import { copyText } from '../../ui/clipboard';
import { useToast } from '../../ui/Toast';
import { OPERATING_STATUS_LABELS } from '../../../../src/shared/labels/products';
import type { OperatingStatus } from '../../api/models';
import './catalog.css';

/** The error line of a group of controls (radio lists, policy tiers) that ui/Field does not wrap. */
export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <span className="cat-field-error" role="alert">
      {message}
    </span>
  );
}

export function ExposureBadge({ exposed }: { exposed: boolean }) {
  return <span className={`badge ${exposed ? 'badge-green' : 'badge-grey'}`}>{exposed ? '노출 ON' : '노출 OFF'}</span>;
}

export function OperatingStatusBadge({ status }: { status: OperatingStatus }) {
  const tone = status === 'open' ? 'cat-badge-open' : status === 'paused' ? 'badge-amber' : 'badge-grey';
  return <span className={`badge ${tone}`}>{OPERATING_STATUS_LABELS[status] ?? status}</span>;
}

export function CopyUrlButton({ url, label = 'URL 복사', what }: { url: string; label?: string; what: string }) {
  const toast = useToast();
  return (
    <button
      type="button"
      className="btn btn-sm"
      title={url}
      onClick={async () => toast((await copyText(url)) ? `${what} URL을 복사했습니다.` : `복사하지 못했습니다. 직접 복사하세요: ${url}`, 'info')}
    >
      {label}
    </button>
  );
}

/** Free words (편의시설, 부가서비스) typed one by one; Enter or comma adds. */
export function TagInput({ value, onChange, placeholder, disabled, label }: { value: string[]; onChange: (next: string[]) => void; placeholder?: string; disabled?: boolean; label: string }) {
  const [text, setText] = useState('');

  function add() {
    const words = text
      .split(',')
      .map((word) => word.trim())
      .filter((word) => word && !value.includes(word));
    if (words.length > 0) onChange([...value, ...words]);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && !text && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className={`cat-tags${disabled ? ' disabled' : ''}`}>
      {value.map((word) => (
        <span key={word} className="cat-tag">
          {word}
          {!disabled && (
            <button type="button" aria-label={`${word} 삭제`} onClick={() => onChange(value.filter((w) => w !== word))}>
              ×
            </button>
          )}
        </span>
      ))}
      {!disabled && (
        <input
          aria-label={label}
          value={text}
          placeholder={value.length === 0 ? placeholder : '추가 후 Enter'}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      )}
      {disabled && value.length === 0 && <span className="muted">없음</span>}
    </div>
  );
}

export function ReadOnlyNotice() {
  return <p className="hint hint-muted cat-notice">보기 전용입니다. 장소와 상품을 바꾸려면 설정 관리 권한이 필요합니다.</p>;
}

/** "" → null, "12" → 12; for optional number inputs. */
export const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));
export const textOf = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
