import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { BackupStatus } from '../../api/models';
import { useCurrentMe } from '../auth/auth';
import { formatDateTime } from '../../../../src/shared/format';
import { BACKUP_KEPT_BY_LABELS, BACKUP_KIND_LABELS } from '../../../../src/shared/labels/settings';

function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

const fileName = (file: string) => file.split('/').pop() ?? file;

function keptLabel(backup: BackupStatus['backups'][number]): string {
  if (backup.kind === 'manual') return '수동 백업 (자동으로 지우지 않음)';
  if (backup.keptBy.length === 0) return '다음 자동 백업 때 지워짐';
  return backup.keptBy.map((by) => BACKUP_KEPT_BY_LABELS[by]).join(' · ');
}

/** 설정 > 백업 (admins): the last backup, the kept ones and the rule; on PostgreSQL, where backups are done instead. */
export function BackupSettings() {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const status = useQuery({ queryKey: keys.backups, queryFn: () => api.get('/api/settings/backups'), refetchInterval: 60_000 });

  if (status.isPending) return <p className="muted">불러오는 중…</p>;
  if (status.isError)
    return (
      <>
        <h2 className="settings-title">백업</h2>
        <p className="form-error">{errorMessage(status.error)}</p>
      </>
    );
  const data = status.data;

  if (data.engine === 'postgres') {
    return (
      <>
        <h2 className="settings-title">백업</h2>
        <div className="card" data-testid="backup-postgres">
          <p>
            이 설치는 PostgreSQL(DATABASE_URL)을 데이터베이스로 씁니다. 제품 안의 자동 백업은 내장 데이터베이스에서만 동작하므로 여기서는 백업하지 않습니다.
          </p>
          <p className="settings-help">
            데이터베이스 서버에서 <code>pg_dump</code>로 매일 전체 백업을 만들고, WAL 보관(<code>archive_mode</code>, <code>pg_basebackup</code>)으로 시점 복구(PITR)를 준비하세요. 장소 이미지 폴더(
            <code>YEYAK_DATA_DIR/images</code>)도 함께 복사해야 합니다. 자세한 방법은 <code>docs/operations.md</code>에 있습니다.
          </p>
        </div>
      </>
    );
  }

  const { lastRun, lastSuccess } = data;
  return (
    <>
      <h2 className="settings-title">백업</h2>

      <div className="card" data-testid="backup-last">
        <h3>마지막 백업</h3>
        {lastRun ? (
          <>
            <p>
              {formatDateTime(lastRun.startedAt, timeZone)} · {BACKUP_KIND_LABELS[lastRun.kind]} 백업 ·{' '}
              {lastRun.ok ? <span className="badge badge-green">성공</span> : <span className="badge badge-amber">실패</span>}
            </p>
            {lastRun.ok ? (
              <p className="muted">
                <code>{lastRun.file}</code> ({formatSize(lastRun.sizeBytes)})
              </p>
            ) : (
              <p className="hint hint-danger">실패 이유: {lastRun.error}</p>
            )}
            {!lastRun.ok && (
              <p className="muted">
                {lastSuccess ? `마지막으로 성공한 백업: ${formatDateTime(lastSuccess.startedAt, timeZone)} (${fileName(lastSuccess.file ?? '')})` : '성공한 백업이 아직 없습니다.'}
              </p>
            )}
          </>
        ) : (
          <p className="muted">아직 백업한 적이 없습니다. 제품이 실행 중이면 켠 뒤 1분 안에 첫 자동 백업을 만듭니다.</p>
        )}
      </div>

      <div className="card" data-testid="backup-list">
        <h3>보관 중인 백업</h3>
        <p className="muted settings-help">
          백업 폴더: <code>{data.directory}</code>
        </p>
        <table className="table">
          <thead>
            <tr>
              <th>만든 시각</th>
              <th>종류</th>
              <th>크기</th>
              <th>보관</th>
              <th>파일</th>
            </tr>
          </thead>
          <tbody>
            {data.backups.map((backup) => (
              <tr key={backup.file} data-testid="backup-row">
                <td>{formatDateTime(backup.createdAt, timeZone)}</td>
                <td>{BACKUP_KIND_LABELS[backup.kind]}</td>
                <td>{formatSize(backup.sizeBytes)}</td>
                <td>{keptLabel(backup)}</td>
                <td>
                  <code>{backup.file}</code>
                </td>
              </tr>
            ))}
            {data.backups.length === 0 && (
              <tr>
                <td colSpan={5} className="muted center">
                  보관 중인 백업이 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <div className="card" data-testid="backup-rule">
        <h3>보관 규칙</h3>
        <ul>
          <li>제품이 실행 중이면 하루에 한 번(한국 시간 기준, 자정 직후 또는 제품을 켠 뒤 1분 안에) 자동으로 백업합니다.</li>
          <li>
            자동 백업은 백업이 있는 최근 {data.rule.daily}일의 날마다 가장 늦은 것(일별)과, 최근 {data.rule.weekly}주의 주(월~일)마다 가장 늦은 것(주별)을 남기고 나머지는 지웁니다.
            최대 {data.rule.daily + data.rule.weekly}개가 남습니다.
          </li>
          <li>
            <code>npm run backup</code>으로 만든 수동 백업은 자동으로 지우지 않습니다.
          </li>
          <li>
            복원: <code>npm run restore -- 백업파일 --data-dir 빈폴더</code> 로 비어 있는 폴더에 복원한 뒤, 그 폴더(<code>YEYAK_DATA_DIR</code>)로 제품을 시작합니다. 백업 파일은 다른 디스크나 컴퓨터에도 복사해 두세요.
          </li>
        </ul>
      </div>
    </>
  );
}
