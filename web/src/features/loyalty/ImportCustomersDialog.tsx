import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, upload } from '../../api/client';
import { keys } from '../../api/keys';
import { Modal } from '../../ui/Modal';
import './loyalty.css';

const DONE: ReadonlySet<string> = new Set(['done', 'failed']);

/** POST /api/customers/import (multipart `file`) → 202 { importId }, with the upload's own progress. */
function uploadCsv(file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file);
  return upload('/api/customers/import', {}, form, { onProgress });
}

/** 고객 가져오기 (CSV): upload, a progress bar while the server imports, and the rejected rows at the end (MSG-1). */
export function ImportCustomersDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);

  const progress = useQuery({
    queryKey: keys.customer.import(importId),
    queryFn: () => api.get('/api/customers/import/{importId}', { path: { importId: importId! } }),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data && DONE.has(query.state.data.status) ? false : 700),
  });
  const p = progress.data;
  const finished = p ? DONE.has(p.status) : false;
  const failed = p?.status === 'failed';
  const queued = p?.status === 'queued';
  const working = uploading !== null || (importId !== null && !finished);

  async function start() {
    if (!file) return;
    setUploadError(null);
    setUploading(0);
    try {
      const answer = await uploadCsv(file, setUploading);
      setImportId(answer.importId);
    } catch (error) {
      setUploadError(errorMessage(error));
    } finally {
      setUploading(null);
    }
  }

  function close() {
    if (finished && !failed) {
      queryClient.invalidateQueries({ queryKey: keys.customers.all });
      queryClient.invalidateQueries({ queryKey: keys.loyalty.groups });
      queryClient.invalidateQueries({ queryKey: keys.loyalty.grades });
      queryClient.invalidateQueries({ queryKey: keys.loyalty.tags });
    }
    onClose();
  }

  const fraction = p && p.total > 0 ? Math.min(1, p.processed / p.total) : 0;

  return (
    <Modal title="고객 가져오기 (CSV)" onClose={working ? () => {} : close} width={560}>
      <div className="form-grid" data-testid="customer-import">
        {importId === null && (
          <>
            <p className="muted">
              엑셀에서 ‘CSV(쉼표로 분리)’로 저장한 파일을 올려 주세요. UTF-8과 한글 엑셀(CP949) 모두 읽어요. 첫 줄은 제목 줄이어야 해요.
            </p>
            <div className="hint hint-muted">
              쓸 수 있는 열: <strong>이름</strong>, <strong>전화번호</strong>(필수), 등급, 태그(쉼표로 구분), 메모, 마케팅 수신 동의(Y/N), 보유 포인트, 누적 포인트, 방문수.
              이름과 전화번호가 같은 고객은 새로 만들지 않고 채워진 칸만 고쳐요. 잘못된 줄은 빼고 가져온 뒤 그 줄과 사유를 보여 드려요. 저장 중에 실패하면 아무것도 저장하지 않아요.
            </div>
            <label className="field">
              <span>파일</span>
              <input ref={input} type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} aria-label="CSV 파일" />
            </label>
            {uploading !== null && <ProgressBar fraction={uploading} label={`파일 올리는 중… ${Math.round(uploading * 100)}%`} />}
            {uploadError && <p className="form-error">{uploadError}</p>}
            <div className="form-actions">
              <button type="button" className="btn" onClick={close} disabled={uploading !== null}>
                취소
              </button>
              <button type="button" className="btn btn-primary" onClick={start} disabled={!file || uploading !== null}>
                가져오기
              </button>
            </div>
          </>
        )}

        {importId !== null && (
          <>
            {progress.isError && <p className="form-error">{errorMessage(progress.error)}</p>}
            <ProgressBar
              fraction={finished ? 1 : fraction}
              failed={failed}
              label={
                !p
                  ? '가져오기를 준비하는 중…'
                  : finished
                    ? failed
                      ? '가져오지 못했어요 (아무것도 저장하지 않았어요)'
                      : '가져오기를 마쳤어요'
                    : queued
                      ? '차례를 기다리는 중… 앞의 가져오기가 끝나면 시작해요'
                      : `${p.processed.toLocaleString('ko-KR')} / ${p.total.toLocaleString('ko-KR')}줄 처리 중…`
              }
            />
            {p && finished && (
              <div className="import-result" data-testid="import-result">
                {!failed && (
                  <p>
                    새 고객 <strong>{p.inserted.toLocaleString('ko-KR')}명</strong>, 정보 갱신 <strong>{p.updated.toLocaleString('ko-KR')}명</strong>
                  </p>
                )}
                {p.error && (
                  <p className="form-error" role="alert" data-testid="import-error">
                    {p.error}
                  </p>
                )}
                {(p.duplicates.length) > 0 && (
                  <p className="muted">
                    같은 고객이 두 번 이상 나온 줄 {p.duplicates.length.toLocaleString('ko-KR')}줄은 마지막 줄 내용으로 합쳤어요 (
                    {p.duplicates.slice(0, 5).map((d) => `${d.line}→${d.keptLine}`).join(', ')}
                    {p.duplicates.length > 5 ? ' …' : ''}).
                  </p>
                )}
                {p.rejected.length > 0 && (
                  <>
                    <p className="strong">
                      {failed ? '아래 줄을 고친 뒤 다시 올려 주세요.' : '가져오지 않은 줄'} ({p.rejected.length.toLocaleString('ko-KR')}줄)
                    </p>
                    <div className="table-wrap import-rejected">
                      <table className="table">
                        <thead>
                          <tr>
                            <th className="col-narrow">줄</th>
                            <th>사유</th>
                          </tr>
                        </thead>
                        <tbody>
                          {p.rejected.map((row) => (
                            <tr key={`${row.line}:${row.reason}`} data-testid="import-rejected-row">
                              <td>{row.line}</td>
                              <td>{row.reason}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
              </div>
            )}
            <div className="form-actions">
              {finished && failed && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setImportId(null);
                    setFile(null);
                  }}
                >
                  다른 파일 올리기
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={close} disabled={!finished && !progress.isError}>
                {finished ? '닫기' : '가져오는 중…'}
              </button>
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}

function ProgressBar({ fraction, label, failed }: { fraction: number; label: string; failed?: boolean }) {
  return (
    <div className="import-progress">
      <div
        className="import-progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-label="가져오기 진행률"
      >
        <div className={`import-progress-fill${failed ? ' failed' : ''}`} style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <span className="muted import-progress-label">{label}</span>
    </div>
  );
}
