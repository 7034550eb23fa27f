import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { copyText } from '../../ui/clipboard';
import { useToast } from '../../ui/Toast';
import { SERVICE_TYPE_LABELS } from '../../../../src/shared/labels/settings';
import { bySortOrder, useDepartments, useMemoTypes, useNaverConnection } from './queries';
import type { NaverConnection } from '../../api/models';

/** Every Naver settings call answers with the whole connection; keep the cache on it. */
function useNaverMutation<TInput>(request: (input: TInput) => Promise<NaverConnection>, options: { touchesDepartments?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (connection) => {
      queryClient.setQueryData(keys.naverConnection, connection);
      if (options.touchesDepartments) {
        queryClient.invalidateQueries({ queryKey: keys.departments });
        queryClient.invalidateQueries({ queryKey: keys.calendar.all });
      }
    },
  });
}

export function NaverSettings() {
  const connection = useNaverConnection();

  return (
    <div data-testid="naver-settings">
      <h2 className="settings-title">
        <span className="naver-mark naver-mark-lg">N</span> 네이버예약 연동
      </h2>
      <p className="muted settings-help">
        네이버예약으로 들어온 예약을 캘린더 일정으로 받고, 일정의 확정·취소·완료와 상품 변경을 네이버를 통해 예약고객에게 알립니다.
      </p>
      {connection.isPending && <p className="muted">불러오는 중…</p>}
      {connection.isError && <p className="form-error">{errorMessage(connection.error)}</p>}
      {connection.data &&
        (connection.data.available ? (
          <>
            <ConnectionCard connection={connection.data} />
            <ProductsCard connection={connection.data} />
            <MemoMappingCard connection={connection.data} />
            <div className="hint hint-info">
              관리자와 <strong>네이버예약 알림</strong> 권한이 있는 사용자에게는 새 네이버 예약이 들어올 때 알림이 갑니다. 일반 사용자의 알림은{' '}
              <Link to="/settings/permissions">설정 &gt; 권한 설정</Link>의 기타기능 권한에서 켤 수 있습니다.
            </div>
          </>
        ) : (
          <UnavailableCard connection={connection.data} />
        ))}
    </div>
  );
}

function UnavailableCard({ connection }: { connection: NaverConnection }) {
  const me = useCurrentMe();
  const save = useNaverMutation(() => api.put('/api/naver/connection', { body: { enabled: false, outboundUrl: connection.outboundUrl } }));

  return (
    <section className="card naver-card" data-testid="naver-unavailable">
      <div className="hint hint-danger">예약서비스 유형은 병의원형, 뷰티형만 네이버예약 연동이 가능합니다.</div>
      <p>
        현재 서비스 유형은 <strong>{SERVICE_TYPE_LABELS[me.business.serviceType] ?? me.business.serviceType}</strong>입니다. 연동하려면 업체 정보에서
        서비스 유형을 병의원형 또는 뷰티형으로 바꿔 주세요.
      </p>
      <Link to="/settings/business" className="btn btn-primary">
        업체 정보에서 서비스 유형 바꾸기
      </Link>
      {connection.enabled && (
        <div className="naver-row-note">
          <p className="muted">예전에 켠 연동이 아직 켜져 있습니다. 이 서비스 유형에서는 네이버 예약을 받을 수 없으니 꺼 두세요.</p>
          <button type="button" className="btn btn-sm" disabled={save.isPending} onClick={() => save.mutate(undefined)}>
            연동 끄기
          </button>
        </div>
      )}
      {save.isError && <p className="form-error">{errorMessage(save.error)}</p>}
    </section>
  );
}

function ConnectionCard({ connection }: { connection: NaverConnection }) {
  const toast = useToast();
  const [outboundUrl, setOutboundUrl] = useState(connection.outboundUrl ?? '');
  const [showSecret, setShowSecret] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const savedUrl = connection.outboundUrl ?? '';
  const urlDirty = outboundUrl.trim() !== savedUrl;
  const webhookUrl = `${window.location.origin}${connection.webhookPath}`;

  const save = useNaverMutation((body: { enabled: boolean; outboundUrl: string | null; rotateSecret?: boolean }) =>
    api.put('/api/naver/connection', { body }),
  );
  // The switch follows the click at once; a refused change falls back to the saved state.
  const enabled = save.isPending && save.variables ? save.variables.enabled : connection.enabled;

  function run(body: { enabled: boolean; outboundUrl: string | null; rotateSecret?: boolean }, success: string) {
    setError(null);
    save.mutate(body, {
      onSuccess: (saved) => {
        setOutboundUrl(saved.outboundUrl ?? '');
        toast(success, 'success');
      },
      onError: (err) => setError(errorMessage(err)),
    });
  }

  function submitUrl(event: FormEvent) {
    event.preventDefault();
    run({ enabled: connection.enabled, outboundUrl: outboundUrl.trim() || null }, '전송 주소를 저장했습니다.');
  }

  function rotate() {
    if (!window.confirm('비밀키를 재발급할까요?\n지금 쓰는 키로 서명된 네이버 요청은 더 이상 받지 않습니다. 네이버 측에도 새 키를 등록해야 합니다.')) return;
    setShowSecret(true);
    run({ enabled: connection.enabled, outboundUrl: savedUrl || null, rotateSecret: true }, '비밀키를 재발급했습니다.');
  }

  async function copy(text: string, what: string) {
    toast((await copyText(text)) ? `${what}를 복사했습니다.` : `${what}를 복사하지 못했습니다. 직접 선택해 복사하세요.`, 'info');
  }

  return (
    <section className="card naver-card" data-testid="naver-connection">
      <h3>연동 설정</h3>
      <label className="switch-row">
        <input
          type="checkbox"
          className="switch"
          checked={enabled}
          disabled={save.isPending}
          onChange={(event) =>
            run(
              { enabled: event.target.checked, outboundUrl: savedUrl || null },
              event.target.checked ? '네이버예약 연동을 켰습니다.' : '네이버예약 연동을 껐습니다.',
            )
          }
          aria-label="연동 사용"
        />
        <span>
          <strong>연동 사용</strong>
          <span className="muted block">
            {enabled
              ? '네이버 예약을 받고 있습니다. 일정의 확정·취소·완료는 네이버를 통해 예약고객에게 전달됩니다.'
              : '꺼져 있으면 네이버 예약을 받지 않고, 네이버로 알림도 보내지 않습니다.'}
          </span>
        </span>
      </label>

      {/* What the shop's developer or Naver's partner setup needs, not the owner: folded away until asked for. */}
      <details className="naver-developer" data-testid="naver-developer">
        <summary>개발자용 설정 (전송 주소, 웹훅 주소, 비밀키)</summary>
        <p className="muted field-help">네이버예약 연동을 설치하는 개발자나 연동 업체가 쓰는 값입니다. 평소에는 바꿀 필요가 없습니다.</p>
      <form className="naver-field" onSubmit={submitUrl}>
        <label className="field">
          <span>전송 주소</span>
          <div className="input-with-action">
            <input
              value={outboundUrl}
              onChange={(event) => setOutboundUrl(event.target.value)}
              placeholder="예: https://partner.example.com/naver"
              inputMode="url"
              aria-label="전송 주소"
            />
            <button type="submit" className="btn" disabled={!urlDirty || save.isPending}>
              저장
            </button>
          </div>
        </label>
        <p className="muted field-help">예약확정·취소·방문완료 알림과 상품 변경을 보낼 네이버 측 주소입니다. 비워 두면 네이버로 보내는 알림이 전송 실패로 남습니다.</p>
      </form>

      <div className="naver-field">
        <span className="field-label">웹훅 주소 (예약 수신)</span>
        <div className="copy-row">
          <code className="copy-value" data-testid="naver-webhook-url">
            {webhookUrl}
          </code>
          <button type="button" className="btn btn-sm" onClick={() => copy(webhookUrl, '웹훅 주소')}>
            복사
          </button>
        </div>
        <p className="muted field-help">네이버 측에 이 주소로 예약 생성·변경·취소를 보내도록 등록하세요.</p>
      </div>

      <div className="naver-field">
        <span className="field-label">비밀키</span>
        {connection.secret ? (
          <>
            <div className="copy-row">
              <code className={`copy-value${showSecret ? '' : ' masked'}`} data-testid="naver-secret">
                {showSecret ? connection.secret : '•'.repeat(24)}
              </code>
              <button type="button" className="btn btn-sm" onClick={() => setShowSecret((shown) => !shown)}>
                {showSecret ? '숨기기' : '보기'}
              </button>
              <button type="button" className="btn btn-sm" onClick={() => copy(connection.secret!, '비밀키')}>
                복사
              </button>
              <button type="button" className="btn btn-sm btn-danger" onClick={rotate} disabled={save.isPending}>
                비밀키 재발급
              </button>
            </div>
            <p className="muted field-help">네이버와 주고받는 요청의 서명(HMAC-SHA256)에 쓰는 공유 키입니다. 외부에 알리지 마세요.</p>
          </>
        ) : (
          <p className="muted field-help">연동을 처음 켜면 비밀키가 발급됩니다.</p>
        )}
      </div>
      </details>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

function ProductsCard({ connection }: { connection: NaverConnection }) {
  const departments = useDepartments();
  const [unlinkError, setUnlinkError] = useState<string | null>(null);
  const unlink = useNaverMutation((productId: string) => api.delete('/api/naver/products/{productId}', { path: { productId } }), {
    touchesDepartments: true,
  });
  const products = [...connection.products].sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'ko'));
  const linkedIds = new Set(connection.products.map((p) => p.departmentId));
  const freeDepartments = [...(departments.data ?? [])].filter((d) => !linkedIds.has(d.id)).sort(bySortOrder);

  function remove(productId: string, departmentName: string) {
    setUnlinkError(null);
    if (!window.confirm(`'${departmentName}' 부서와 네이버 상품 ${productId}의 연동을 해제할까요?\n부서와 지난 일정은 그대로 남고, 이 상품의 새 예약은 부서 없이 들어옵니다.`)) return;
    unlink.mutate(productId, { onError: (err) => setUnlinkError(errorMessage(err)) });
  }

  return (
    <section className="card naver-card" data-testid="naver-products">
      <h3>부서생성하기 (상품연동)</h3>
      {!connection.departmentsEnabled ? (
        <div className="hint hint-warning">
          네이버 상품은 부서와 연동됩니다. 설정 &gt; 부서 관리에서 부서기능 사용으로 바꿔 주세요.{' '}
          <Link to="/settings/departments">부서 관리로 가기 →</Link>
        </div>
      ) : (
        <>
          <p className="muted settings-help">
            네이버예약에 등록/노출한 상품을 부서와 연동합니다. 예약이 들어오면 상품에 연동된 부서로 일정이 만들어지고, 캘린더의 부서별 보기에서 상품별로 볼 수 있습니다.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>네이버 상품 ID</th>
                <th>연동 부서</th>
                <th className="col-actions" />
              </tr>
            </thead>
            <tbody>
              {products.map((product) => (
                <tr key={product.productId} data-testid="naver-product-row">
                  <td>
                    <code className="product-id">{product.productId}</code>
                  </td>
                  <td className="strong">{product.departmentName}</td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="btn btn-sm btn-danger"
                        disabled={unlink.isPending}
                        onClick={() => remove(product.productId, product.departmentName)}
                      >
                        연동 해제
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
              {products.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted center">
                    연동된 상품이 없습니다. 아래에서 네이버 상품을 부서와 연동하세요.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {unlinkError && <p className="form-error">{unlinkError}</p>}
          <LinkProductForm freeDepartments={freeDepartments} />
        </>
      )}
    </section>
  );
}

function LinkProductForm({ freeDepartments }: { freeDepartments: { id: string; name: string }[] }) {
  const toast = useToast();
  const [productId, setProductId] = useState('');
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = useNaverMutation((body: { productId: string; name?: string; departmentId?: string }) => api.post('/api/naver/products', { body }), {
    touchesDepartments: true,
  });
  const chosenDepartment = freeDepartments.some((d) => d.id === departmentId) ? departmentId : '';

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!productId.trim()) return setError('네이버 상품 ID를 입력해 주세요.');
    if (mode === 'new' && !name.trim()) return setError('네이버예약에 등록한 상품명을 입력해 주세요. 이 이름으로 부서가 만들어집니다.');
    if (mode === 'existing' && !chosenDepartment) return setError('연동할 부서를 선택해 주세요.');
    link.mutate(mode === 'new' ? { productId: productId.trim(), name: name.trim() } : { productId: productId.trim(), departmentId: chosenDepartment }, {
      onSuccess: () => {
        toast('네이버 상품을 연동했습니다.', 'success');
        setProductId('');
        setName('');
        setDepartmentId('');
      },
      onError: (err) => setError(errorMessage(err)),
    });
  }

  return (
    <form className="naver-link-form" onSubmit={submit} data-testid="naver-link-form">
      <h4>상품 연동하기</h4>
      <label className="field">
        <span>네이버 상품 ID</span>
        <input value={productId} onChange={(event) => setProductId(event.target.value)} placeholder="예: NAVER-P-100" />
      </label>
      <div className="radio-row" role="radiogroup" aria-label="연동할 부서">
        <label className="checkbox">
          <input type="radio" name="naver-link-mode" checked={mode === 'new'} onChange={() => {
              setMode('new');
              setError(null);
            }} />
          <span>새 부서 만들기 (상품명)</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="naver-link-mode" checked={mode === 'existing'} onChange={() => {
              setMode('existing');
              setError(null);
            }} />
          <span>기존 부서 선택</span>
        </label>
      </div>
      {mode === 'new' ? (
        <label className="field">
          <span>상품명</span>
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder="네이버예약에 등록/노출한 상품명 (예: 여드름 진료)" />
        </label>
      ) : (
        <label className="field">
          <span>부서</span>
          <select value={chosenDepartment} onChange={(event) => setDepartmentId(event.target.value)}>
            <option value="">{freeDepartments.length === 0 ? '연동할 수 있는 부서가 없습니다' : '선택하세요'}</option>
            {freeDepartments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p className="form-error">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={link.isPending}>
          + 상품 연동
        </button>
      </div>
    </form>
  );
}

function MemoMappingCard({ connection }: { connection: NaverConnection }) {
  const toast = useToast();
  const memoTypes = useMemoTypes();
  const all = [...(memoTypes.data ?? [])].sort(bySortOrder);
  const visible = all.filter((type) => type.visible);
  const linked = all.find((type) => type.id === connection.memoTypeId) ?? null;
  // Until the user picks, the select shows the linked type (once the memo types have loaded).
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = connection.products.length > 0;
  const memoTypeId = picked ?? (linked?.visible ? linked.id : '');
  const chosen = visible.some((type) => type.id === memoTypeId) ? memoTypeId : '';

  const save = useNaverMutation((id: string) => api.put('/api/naver/memo-type', { body: { memoTypeId: id } }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!chosen) return setError('메모 종류를 선택해 주세요.');
    save.mutate(chosen, {
      onSuccess: () => toast('메모 연동을 저장했습니다.', 'success'),
      onError: (err) => setError(errorMessage(err)),
    });
  }

  return (
    <section className={`card naver-card${ready ? '' : ' disabled-card'}`} data-testid="naver-memo">
      <h3>메모 연동</h3>
      <p className="muted settings-help">예약이 들어오면 옵션/요청사항이 선택한 메모 종류로 저장됩니다.</p>
      {!ready && <div className="hint hint-info">상품을 연동하면 메모 종류를 선택할 수 있습니다. 위에서 네이버 상품을 먼저 부서와 연동하세요.</div>}
      {ready && linked && !linked.visible && (
        <div className="hint hint-warning">
          연동된 메모 종류 ‘{linked.name}’이(가) 노출해제되어 있습니다. 노출된 메모 종류를 다시 선택하거나 메모 종류 설정에서 노출로 바꿔 주세요.
        </div>
      )}
      {ready && !connection.memoTypeId && <p className="muted field-help">메모 종류를 고르기 전에는 옵션/요청사항이 첫 번째 노출 메모 종류에 저장됩니다.</p>}
      <form className="inline-form" onSubmit={submit}>
        <select
          value={chosen}
          onChange={(event) => setPicked(event.target.value)}
          disabled={!ready || save.isPending}
          aria-label="네이버 옵션/요청사항 메모 종류"
          className="memo-mapping-select"
        >
          <option value="">메모 종류 선택</option>
          {visible.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary" disabled={!ready || !chosen || chosen === connection.memoTypeId || save.isPending}>
          저장
        </button>
      </form>
      <p className="muted field-help">
        [고객 일정 메모] 중 노출된 메모 종류만 고를 수 있습니다. 연동된 메모 종류는 삭제할 수 없습니다. <Link to="/settings/memo-types">메모 종류 관리 →</Link>
      </p>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
