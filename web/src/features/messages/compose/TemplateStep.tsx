import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../../../api/client';
import { couponLabel, validityLabel } from '../labels';
import type { Channel, MessageTemplate } from '../../../api/models';
import { applyTemplate, type ComposeState } from './model';

const CHANNELS: { value: Channel; label: string; help: string }[] = [
  { value: 'alimtalk', label: '알림톡', help: '카카오톡으로 받아요. 카카오톡을 쓰지 않는 고객은 받지 못할 수 있어요.' },
  { value: 'sms', label: '문자(SMS·LMS)', help: '90byte까지 SMS, 넘으면 LMS(최대 2,000byte)로 발송돼요.' },
];

interface Props {
  state: ComposeState;
  templates: UseQueryResult<MessageTemplate[]>;
  error?: string;
  update: (patch: Partial<ComposeState> | ((s: ComposeState) => ComposeState)) => void;
  onNext: () => void;
}

export function TemplateStep({ state, templates, error, update, onNext }: Props) {
  function choose(template: MessageTemplate) {
    // Switching templates starts from the new one's words; picking the same one keeps the owner's edits.
    if (template.key !== state.templateKey) update((s) => applyTemplate(s, template));
    onNext();
  }

  return (
    <div className="msg-step">
      <section className="msg-section">
        <h2>발송 수단</h2>
        <div className="msg-choice-row" role="radiogroup" aria-label="발송 수단">
          {CHANNELS.map((channel) => (
            <label key={channel.value} className={`msg-choice${state.channel === channel.value ? ' selected' : ''}`}>
              <input
                type="radio"
                name="channel"
                value={channel.value}
                checked={state.channel === channel.value}
                onChange={() => update({ channel: channel.value })}
              />
              <span className="strong">{channel.label}</span>
              <span className="muted msg-small">{channel.help}</span>
            </label>
          ))}
        </div>
      </section>

      <section className="msg-section">
        <h2>템플릿 선택</h2>
        <p className="muted">템플릿을 고르면 제목과 본문, 쿠폰이 채워져요. 다음 단계에서 모두 고칠 수 있어요.</p>
        {templates.isPending && <p className="muted">불러오는 중…</p>}
        {templates.isError && <p className="form-error">{errorMessage(templates.error)}</p>}
        {error && <p className="msg-field-error">{error}</p>}
        <div className="msg-template-grid">
          {(templates.data ?? []).map((template) => (
            <button
              key={template.key}
              type="button"
              className={`msg-template${state.templateKey === template.key ? ' selected' : ''}`}
              onClick={() => choose(template)}
              data-testid="message-template"
            >
              <span className="msg-template-name">{template.name}</span>
              <span className="msg-template-title">{template.title}</span>
              <span className="msg-template-body">{template.body}</span>
              <span className="msg-template-meta">
                <span className="badge msg-badge-blue">{couponLabel(template.suggestedCoupon)}</span>
                <span className="badge badge-grey">유효 {validityLabel(template.suggestedValidity)}</span>
              </span>
            </button>
          ))}
        </div>
        <p className="muted msg-small">시즌별로 더 다양한 템플릿이 추가될 예정이에요.</p>
      </section>
    </div>
  );
}
