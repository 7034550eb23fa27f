import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { Customer } from '../../api/models';
import { Modal } from '../../ui/Modal';
import { useToast } from '../../ui/Toast';

interface CustomerFormModalProps {
  onClose: () => void;
  onCreated: (customer: Customer) => void;
}

export function CustomerFormModal({ onClose, onCreated }: CustomerFormModalProps) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [memo, setMemo] = useState('');
  const [marketingConsent, setMarketingConsent] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () =>
      api.post('/api/customers', {
        body: {
          name: name.trim(),
          phone: phone.trim(),
          ...(memo.trim() ? { memo: memo.trim() } : {}),
          marketingConsent,
        },
      }),
    onSuccess: (customer) => {
      queryClient.invalidateQueries({ queryKey: keys.customers.all });
      toast('고객을 등록했습니다.', 'success');
      onCreated(customer);
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim() || !phone.trim()) return setFormError('이름과 전화번호를 입력하세요.');
    create.mutate();
  }

  return (
    <Modal title="고객 등록" onClose={onClose}>
      <form className="form-grid" onSubmit={submit}>
        <label className="field">
          <span>이름</span>
          <input
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setFormError(null);
            }}
            required
            autoFocus
          />
        </label>
        <label className="field">
          <span>전화번호</span>
          <input
            value={phone}
            onChange={(event) => {
              setPhone(event.target.value);
              setFormError(null);
            }}
            placeholder="010-1234-5678"
            inputMode="tel"
            required
          />
        </label>
        <label className="field">
          <span>메모</span>
          <textarea rows={3} value={memo} onChange={(event) => setMemo(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={marketingConsent} onChange={(event) => setMarketingConsent(event.target.checked)} />
          <span>마케팅 수신 동의</span>
        </label>
        {formError && <p className="form-error">{formError}</p>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            취소
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            등록
          </button>
        </div>
      </form>
    </Modal>
  );
}
