import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../api/client';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useToast } from '../../../ui/Toast';
import type { Customer, Message } from '../../../api/models';
import { useDraft, useMessage, useTemplates } from '../messagesApi';
import { keys } from '../../../api/keys';
import { fieldErrorsOf } from '../../../ui/fieldErrors';
import { AudienceStep } from './AudienceStep';
import { ContentStep } from './ContentStep';
import {
  initialState,
  stateFromDraft,
  stateFromMessage,
  toAudience,
  toDraftContent,
  toSettings,
  validateAudience,
  validateContent,
  validateSettings,
  type ComposeState,
  type StepKey,
} from './model';
import { PreviewStep } from './PreviewStep';
import { SettingsStep } from './SettingsStep';
import { TemplateStep } from './TemplateStep';


const STEPS: { key: StepKey; label: string }[] = [
  { key: 'template', label: '템플릿 선택' },
  { key: 'content', label: '내용' },
  { key: 'audience', label: '발송 대상' },
  { key: 'settings', label: '발송 설정' },
  { key: 'preview', label: '미리보기·발송' },
];

/** /messages/new (?draft=1 continues the 임시 저장) and /messages/:id/edit (a scheduled message). */
export function ComposePage() {
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const fromDraft = searchParams.get('draft') === '1';
  const draft = useDraft();
  const message = useMessage(id ?? '');

  if (id) {
    if (message.isPending) return <p className="muted">불러오는 중…</p>;
    if (message.isError) return <p className="form-error">{errorMessage(message.error)}</p>;
    if (!message.data.editable) return <p className="form-error">이미 발송이 시작되어 수정할 수 없는 메시지입니다.</p>;
    return <Composer key={id} initial={stateFromMessage(message.data)} editing={message.data} />;
  }
  if (fromDraft) {
    if (draft.isPending) return <p className="muted">불러오는 중…</p>;
    if (draft.data) return <Composer key="draft" initial={stateFromDraft(draft.data)} fromDraft />;
  }
  return <Composer key="new" initial={initialState()} />;
}

function Composer({ initial, editing, fromDraft }: { initial: ComposeState; editing?: Message; fromDraft?: boolean }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const templates = useTemplates();
  const [state, setState] = useState(initial);
  const [step, setStep] = useState<StepKey>(editing || fromDraft ? (initial.templateKey ? 'content' : 'template') : 'template');
  const [touched, setTouched] = useState(false);
  const [showErrors, setShowErrors] = useState<Partial<Record<StepKey, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  /** A server refusal shown on the step it sent the owner back to. */
  const [serverBanner, setServerBanner] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);

  useNamesOfDirectPicks(state, setState);

  const update = (patch: Partial<ComposeState> | ((current: ComposeState) => ComposeState)) => {
    setTouched(true);
    setServerErrors({});
    setServerBanner(null);
    setState((current) => (typeof patch === 'function' ? patch(current) : { ...current, ...patch }));
  };

  const contentErrors = validateContent(state);
  const audienceErrors = validateAudience(state);
  const settingsErrors = validateSettings(state);
  const stepValid: Record<StepKey, boolean> = {
    template: !contentErrors.template,
    content: Object.keys(contentErrors).length === 0,
    audience: Object.keys(audienceErrors).length === 0,
    settings: Object.keys(settingsErrors).length === 0,
    preview: true,
  };
  const index = STEPS.findIndex((s) => s.key === step);

  /** Moving forward checks every step before the target; the first invalid one is shown with its errors. */
  function goTo(target: StepKey) {
    const targetIndex = STEPS.findIndex((s) => s.key === target);
    for (const s of STEPS.slice(0, targetIndex)) {
      if (!stepValid[s.key]) {
        setShowErrors((current) => ({ ...current, [s.key]: true, ...(s.key === 'template' ? { content: true } : {}) }));
        setStep(s.key);
        return;
      }
    }
    setStep(target);
    window.scrollTo({ top: 0 });
  }

  const saveDraft = useMutation({
    mutationFn: () =>
      api.put('/api/messages/draft', { body: { content: toDraftContent(state), audience: toAudience(state), settings: toSettings(state) } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.messages.draft });
      toast('임시 저장했습니다. 메시지 홈에서 이어서 작성할 수 있어요.', 'success');
      navigate('/messages');
    },
  });

  function close() {
    if (!touched) return navigate(editing ? `/messages/${editing.id}` : '/messages');
    setClosing(true);
  }

  /** After a send, a draft this message was continued from is done with. */
  async function onSent(_message: Message, scheduled: boolean, recipients: number) {
    if (fromDraft) await api.delete('/api/messages/draft').catch(() => {});
    queryClient.invalidateQueries({ queryKey: keys.messages.all });
    if (editing) toast('예약 메시지를 수정했습니다.', 'success');
    else toast(scheduled ? '예약 발송을 등록했습니다.' : `${recipients.toLocaleString('ko-KR')}명에게 발송을 시작했습니다.`, 'success');
    navigate('/messages');
  }

  function onSendError(error: unknown) {
    const fields = fieldErrorsOf(error).byName;
    if (Object.keys(fields).length === 0) return;
    setServerErrors(fields);
    // Show the first step that has a field the server named.
    const contentKeys = ['title', 'body', 'coupon', 'giftName', 'discountValue', 'validity', 'templateKey', 'channel'];
    if (contentKeys.some((k) => fields[k])) {
      setShowErrors((current) => ({ ...current, content: true }));
      setStep('content');
    } else if (fields.audience) {
      setServerBanner(errorMessage(error));
      setStep('audience');
    } else if (fields.settings || fields.visitorRestriction || fields.duplicatePrevention || fields.performance) {
      setServerBanner(errorMessage(error));
      setStep('settings');
    }
  }

  return (
    <div className="msg-compose" data-testid="message-composer">
      <div className="msg-compose-head">
        <div>
          <h1>{editing ? '예약 메시지 수정' : '새 메시지 작성'}</h1>
          <p className="muted">쿠폰 메시지 · 마케팅 수신 동의를 한 고객에게만 발송돼요.</p>
        </div>
        <button type="button" className="icon-btn msg-close" aria-label="닫기" title="닫기" onClick={close}>
          ✕
        </button>
      </div>

      <ol className="msg-steps" aria-label="작성 단계">
        {STEPS.map((s, i) => (
          <li key={s.key} className={s.key === step ? 'current' : i < index ? 'done' : undefined}>
            <button type="button" onClick={() => (i <= index ? setStep(s.key) : goTo(s.key))} aria-current={s.key === step ? 'step' : undefined}>
              <span className="msg-step-no">{i < index ? '✓' : i + 1}</span>
              {s.label}
            </button>
          </li>
        ))}
      </ol>

      <div className="msg-compose-body">
        {serverBanner && step !== 'preview' && <p className="form-error msg-server-banner">{serverBanner}</p>}
        {step === 'template' && (
          <TemplateStep
            state={state}
            templates={templates}
            error={showErrors.template ? contentErrors.template : undefined}
            update={update}
            onNext={() => setStep('content')}
          />
        )}
        {step === 'content' && (
          <ContentStep
            state={state}
            templates={templates.data ?? []}
            errors={showErrors.content ? contentErrors : {}}
            serverErrors={serverErrors}
            update={update}
            onChangeTemplate={() => setStep('template')}
          />
        )}
        {step === 'audience' && <AudienceStep state={state} errors={showErrors.audience ? audienceErrors : {}} update={update} />}
        {step === 'settings' && <SettingsStep state={state} errors={showErrors.settings ? settingsErrors : {}} update={update} />}
        {step === 'preview' && (
          <PreviewStep state={state} editing={editing} onEdit={(target) => setStep(target)} onSent={onSent} onSendError={onSendError} />
        )}
      </div>

      {step !== 'preview' && step !== 'template' && (
        <div className="msg-compose-foot">
          <button type="button" className="btn" onClick={() => setStep(STEPS[index - 1].key)}>
            이전
          </button>
          <button type="button" className="btn btn-primary" onClick={() => goTo(STEPS[index + 1].key)} data-testid="compose-next">
            {step === 'content' ? '발송 대상 선택' : step === 'audience' ? '다음: 발송 설정' : '미리보기'}
          </button>
        </div>
      )}

      {closing && !editing && (
        <ConfirmDialog
          title="임시 저장할까요?"
          confirmLabel="임시 저장"
          cancelLabel="저장 안 함"
          busy={saveDraft.isPending}
          error={saveDraft.isError ? errorMessage(saveDraft.error) : null}
          onConfirm={() => saveDraft.mutate()}
          onCancel={() => navigate('/messages')}
        >
          <p>작성 중인 메시지를 임시 저장하면 메시지 홈에서 이어서 작성할 수 있어요.</p>
          <p className="muted">임시 저장은 가장 최근에 작성하던 메시지 1개만 저장되며, 이전에 임시 저장한 메시지는 덮어 쓰여요.</p>
        </ConfirmDialog>
      )}
      {closing && editing && (
        <ConfirmDialog title="수정을 그만둘까요?" confirmLabel="그만두기" cancelLabel="계속 수정" danger onConfirm={() => navigate('/messages')} onCancel={() => setClosing(false)}>
          <p>저장하지 않은 변경 내용은 사라지고, 예약은 원래 내용대로 발송돼요.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** A draft or a scheduled message keeps only customer ids; the chips need names. */
function useNamesOfDirectPicks(state: ComposeState, setState: (fn: (s: ComposeState) => ComposeState) => void) {
  const missing = state.direct.filter((c) => !c.name).map((c) => c.id);
  const lookup = useQuery({
    queryKey: keys.messages.directNames(missing),
    queryFn: () => Promise.all(missing.map((id) => api.get('/api/customers/{id}', { path: { id } }).catch(() => null))),
    enabled: missing.length > 0,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (!lookup.data) return;
    const found = new Map(lookup.data.filter((c): c is Customer => c !== null).map((c) => [c.id, c]));
    setState((s) => ({
      ...s,
      direct: s.direct.map((c) => {
        const customer = found.get(c.id);
        return customer ? { id: c.id, name: customer.name, phone: customer.phone } : c.name ? c : { ...c, name: '(삭제된 고객)' };
      }),
    }));
  }, [lookup.data, setState]);
}
