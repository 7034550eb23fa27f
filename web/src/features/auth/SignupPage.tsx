import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { ServiceType } from '../../api/models';
import { SERVICE_TYPE_LABELS } from '../../../../src/shared/labels/settings';

const MIN_PASSWORD_LENGTH = 8;

export function SignupPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [businessName, setBusinessName] = useState('');
  const [serviceType, setServiceType] = useState<ServiceType>('clinic');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const signup = useMutation({
    mutationFn: () =>
      api.post('/api/auth/signup', { body: { businessName: businessName.trim(), serviceType, name: name.trim(), email: email.trim(), password } }),
    onSuccess: async () => {
      await queryClient.resetQueries({ queryKey: keys.me });
      navigate('/calendar', { replace: true });
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (password.length < MIN_PASSWORD_LENGTH) return setFormError(`비밀번호는 ${MIN_PASSWORD_LENGTH}자 이상이어야 합니다.`);
    signup.mutate();
  }

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <div className="auth-brand">
          <span className="brand-mark">예약</span>
          <h1>회원가입</h1>
          <p className="muted">업체를 등록하고 바로 시작하세요</p>
        </div>
        <label className="field">
          <span>업체명</span>
          <input value={businessName} onChange={(event) => setBusinessName(event.target.value)} required autoFocus />
        </label>
        <label className="field">
          <span>서비스 유형</span>
          <select value={serviceType} onChange={(event) => setServiceType(event.target.value as ServiceType)}>
            {Object.entries(SERVICE_TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>이름</span>
          <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="name" required />
        </label>
        <label className="field">
          <span>이메일</span>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="username" required />
        </label>
        <label className="field">
          <span>비밀번호</span>
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            placeholder="8자 이상"
            required
          />
        </label>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={signup.isPending}>
          {signup.isPending ? '가입 중…' : '가입하기'}
        </button>
        <p className="auth-switch">
          이미 계정이 있으신가요? <Link to="/login">로그인</Link>
        </p>
      </form>
    </div>
  );
}
