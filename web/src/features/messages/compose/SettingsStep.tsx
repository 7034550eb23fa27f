import { AudienceSummary } from './AudienceSummary';
import type { ComposeState, PeriodChoice, SettingKey, SettingState, SettingsErrors } from './model';

const SETTINGS: { key: SettingKey; label: string; help: string }[] = [
  { key: 'visitorRestriction', label: '발송 대상 제한', help: '설정한 기간 내에 방문한 고객에게만 메시지를 발송해요.' },
  { key: 'duplicatePrevention', label: '중복 발송 방지', help: '설정한 기간 내에 메시지를 받은 고객은 빼고 발송해요.' },
  { key: 'performance', label: '메시지 성과 설정', help: '발송 후 설정한 기간 내에 고객이 매장에 방문해 적립했는지 확인해요.' },
];

const CHOICES: { value: PeriodChoice; label: string }[] = [
  { value: '3', label: '3일' },
  { value: '7', label: '7일' },
  { value: '30', label: '30일' },
  { value: 'custom', label: '직접 선택' },
];

const DIRECT_REASON = '고객을 직접 선택했을 때는 메시지 성과 설정만 지원해요.';

interface Props {
  state: ComposeState;
  errors: SettingsErrors;
  update: (patch: Partial<ComposeState> | ((s: ComposeState) => ComposeState)) => void;
}

export function SettingsStep({ state, errors, update }: Props) {
  const direct = state.audienceTab === 'direct';
  const set = (key: SettingKey, patch: Partial<SettingState>) =>
    update((s) => ({ ...s, settings: { ...s.settings, [key]: { ...s.settings[key], ...patch } } }));

  return (
    <div className="msg-step">
      <p className="muted">발송 설정은 선택 사항이에요. 필터나 그룹으로 고른 대상은 모든 설정을, 직접 선택한 대상은 메시지 성과 설정만 지원해요.</p>
      <div className="msg-settings">
        {SETTINGS.map((setting) => {
          const disabled = direct && setting.key !== 'performance';
          const value = state.settings[setting.key];
          const on = value.on && !disabled;
          return (
            <section key={setting.key} className={`msg-setting${disabled ? ' disabled' : ''}`} data-testid={`setting-${setting.key}`}>
              <label className="switch-row">
                <input
                  type="checkbox"
                  className="switch"
                  checked={on}
                  disabled={disabled}
                  onChange={(event) => set(setting.key, { on: event.target.checked })}
                  aria-label={setting.label}
                />
                <span>
                  <span className="strong block">{setting.label}</span>
                  <span className="muted">{setting.help}</span>
                  {disabled && <span className="msg-disabled-reason block">{DIRECT_REASON}</span>}
                </span>
              </label>
              {on && (
                <div className="msg-setting-period">
                  <div className="segmented" role="radiogroup" aria-label={`${setting.label} 기간`}>
                    {CHOICES.map((choice) => (
                      <button
                        key={choice.value}
                        type="button"
                        role="radio"
                        aria-checked={value.choice === choice.value}
                        className={value.choice === choice.value ? 'active' : undefined}
                        onClick={() => set(setting.key, { choice: choice.value })}
                      >
                        {choice.label}
                      </button>
                    ))}
                  </div>
                  {value.choice === 'custom' && (
                    <div className="msg-inline">
                      <input type="date" value={value.from} max={value.to || undefined} onChange={(event) => set(setting.key, { from: event.target.value })} aria-label={`${setting.label} 시작일`} />
                      <span className="muted">~</span>
                      <input type="date" value={value.to} min={value.from || undefined} onChange={(event) => set(setting.key, { to: event.target.value })} aria-label={`${setting.label} 종료일`} />
                    </div>
                  )}
                  <span className="muted msg-small">{periodHelp(setting.key, value)}</span>
                  {errors[setting.key] && <span className="msg-field-error">{errors[setting.key]}</span>}
                </div>
              )}
            </section>
          );
        })}
      </div>
      <AudienceSummary state={state} />
    </div>
  );
}

function periodHelp(key: SettingKey, value: SettingState): string {
  const span = value.choice === 'custom' ? (value.from && value.to ? `${value.from} ~ ${value.to}` : '선택한 기간') : `최근 ${value.choice}일`;
  if (key === 'visitorRestriction') return `${span} 동안 방문한 고객에게만 보내요.`;
  if (key === 'duplicatePrevention') return `${span} 동안 메시지를 받은 고객은 빼요.`;
  return value.choice === 'custom' ? `${span} 동안의 방문·적립을 성과로 집계해요.` : `발송 후 ${value.choice}일 동안의 방문·적립을 성과로 집계해요.`;
}
