import { useParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import './messages.css';

/** /optout/:token — the link at the end of an advertising message (MSG-10). Public: no login. */
export function OptOutPage() {
  const { token = '' } = useParams();
  const optOut = useMutation({ mutationFn: () => api.post('/api/public/opt-out/{token}', { path: { token } }) });

  return (
    <div className="msg-optout">
      <div className="msg-optout-card" data-testid="optout-page">
        <h1>수신거부</h1>
        {optOut.isSuccess ? (
          <p className="msg-optout-done" role="status">
            수신거부가 완료되었습니다. 더 이상 광고 메시지를 보내지 않습니다.
          </p>
        ) : (
          <>
            <p>이 매장의 광고 메시지(쿠폰·이벤트 안내)를 더 이상 받지 않으려면 아래 버튼을 눌러 주세요.</p>
            <p className="muted msg-small">예약 확인 등 광고가 아닌 안내 메시지는 계속 받을 수 있어요. 수신거부는 무료예요.</p>
            {optOut.isError && <p className="form-error">{errorMessage(optOut.error)}</p>}
            <button type="button" className="btn btn-primary btn-block" onClick={() => optOut.mutate()} disabled={optOut.isPending}>
              {optOut.isPending ? '처리 중…' : '수신거부'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
