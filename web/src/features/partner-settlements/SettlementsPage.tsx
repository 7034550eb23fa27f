import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { Statement, StatementLine } from '../../api/models';
import { DataTable } from '../../ui/DataTable';
import { useToast } from '../../ui/Toast';
import { formatSignedWon } from '../../ui/money';
import { RECONCILIATION_LABELS, isPeriodKey, periodLabel, statementCsvName, statementCsvUrl } from './model';

/** An amount of the statement: a reversal's are negative, with a true minus and in red. */
function Won({ value, testId }: { value: number; testId?: string }) {
  return (
    <span className={value < 0 ? 'money-negative' : undefined} data-testid={testId}>
      {formatSignedWon(value)}
    </span>
  );
}

/** 정산 (PAY-4): one row per week of 이용완료 (and of refunds after it), newest first. */
export function SettlementsPage() {
  const navigate = useNavigate();
  const periods = useQuery({ queryKey: keys.settlements.list, queryFn: () => api.get('/api/settlements').then((res) => res.items) });

  return (
    <div className="settlements" data-testid="settlements">
      <div className="page-header">
        <h1>정산</h1>
      </div>
      <p className="muted settings-help">
        예약할 때 결제한 예약을 이용완료일 기준으로 한 주(월~일)씩 정산합니다. 정산금액은 정산대상금액에서 결제 수수료(부가세 포함)를 뺀 금액입니다.
      </p>
      {periods.isPending && <p className="muted">불러오는 중…</p>}
      {periods.isError && <p className="form-error">{errorMessage(periods.error)}</p>}
      {periods.data && periods.data.length === 0 && (
        <div className="empty-state" data-testid="settlements-empty">
          아직 정산할 이용완료 예약이 없습니다
        </div>
      )}
      {periods.data && periods.data.length > 0 && (
        <DataTable
          className="partner-table"
          rows={periods.data}
          rowKey={(p) => p.periodStart}
          onRowClick={(p) => navigate(`/partner/settlements/${p.periodStart}`)}
          rowProps={() => ({ 'data-testid': 'settlement-period' })}
          columns={[
            {
              header: '정산 기간',
              className: 'nowrap',
              cell: (p) => {
                const [from, to] = periodLabel(p.periodStart, p.periodEnd).split(' ~ ');
                return (
                  <Link to={`/partner/settlements/${p.periodStart}`} onClick={(event) => event.stopPropagation()}>
                    {from} ~<span className="settlement-period-end"> {to}</span>
                  </Link>
                );
              },
            },
            { header: '건수', className: 'num', cell: (p) => `${p.lines.toLocaleString('ko-KR')}건` },
            { header: '정산대상금액', className: 'num nowrap', cell: (p) => <Won value={p.base} /> },
            { header: '수수료', className: 'num nowrap', cell: (p) => <Won value={p.fees} /> },
            { header: '정산금액', className: 'num nowrap strong', cell: (p) => <Won value={p.payout} /> },
          ]}
        />
      )}
    </div>
  );
}

export function StatementPage() {
  const { periodStart } = useParams();
  if (!isPeriodKey(periodStart)) return <Navigate to="/partner/settlements" replace />;
  return <StatementView key={periodStart} periodStart={periodStart} />;
}

function StatementView({ periodStart }: { periodStart: string }) {
  const statement = useQuery({
    queryKey: keys.settlements.statement(periodStart),
    queryFn: () => api.get('/api/settlements/{periodStart}', { path: { periodStart } }),
  });

  return (
    <div className="settlements" data-testid="statement">
      <Link to="/partner/settlements" className="back-link">
        ← 정산 목록
      </Link>
      <div className="page-header statement-header">
        <div>
          <h1>정산 내역</h1>
          <p className="muted statement-period">{statement.data ? periodLabel(statement.data.periodStart, statement.data.periodEnd) : periodStart}</p>
        </div>
        {statement.data && <StatementActions statement={statement.data} />}
      </div>
      {statement.isPending && <p className="muted">불러오는 중…</p>}
      {statement.isError && <p className="form-error">{errorMessage(statement.error)}</p>}
      {statement.data &&
        (statement.data.lines.length === 0 ? (
          <div className="empty-state">이 기간에는 정산할 내역이 없습니다.</div>
        ) : (
          <StatementTable statement={statement.data} />
        ))}
      <p className="muted small statement-note">
        수수료율과 수수료는 부가세 포함입니다. 쿠폰할인은 플랫폼이 부담한 쿠폰이며, 업체 쿠폰 할인은 정산대상금액에 들어가지 않습니다. 대사는 결제사(토스페이먼츠)의 정산내역과 비교한 결과입니다.
      </p>
    </div>
  );
}

function StatementActions({ statement }: { statement: Statement }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const fetchProvider = useMutation({
    mutationFn: () => api.post('/api/settlements/provider/fetch', { body: { from: statement.periodStart, to: statement.periodEnd } }),
    onSuccess: (result) => {
      toast(result.fetched > 0 ? `결제사 정산내역 ${result.fetched.toLocaleString('ko-KR')}건을 가져왔습니다.` : '가져올 결제사 정산내역이 없습니다.', 'success');
      void queryClient.invalidateQueries({ queryKey: keys.settlements.all });
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  return (
    <div className="statement-actions">
      <button type="button" className="btn" onClick={() => fetchProvider.mutate()} disabled={fetchProvider.isPending} data-testid="fetch-provider">
        {fetchProvider.isPending ? '가져오는 중…' : '결제사 정산내역 가져오기'}
      </button>
      <a className="btn btn-primary" href={statementCsvUrl(statement.periodStart)} download={statementCsvName(statement.periodStart, statement.periodEnd)} data-testid="statement-csv">
        CSV 다운로드
      </a>
    </div>
  );
}

const AMOUNT_COLUMNS: { key: keyof Statement['totals']; header: string }[] = [
  { key: 'main', header: '주결제 금액' },
  { key: 'couponPlatform', header: '쿠폰할인' },
  { key: 'mainFee', header: '주결제 수수료' },
  { key: 'points', header: '포인트 결제금액' },
  { key: 'pointsFee', header: '포인트 결제 수수료' },
  { key: 'base', header: '정산대상금액' },
  { key: 'payout', header: '정산금액' },
];

function reconciliationClass(status: StatementLine['reconciliation']['status']): string {
  if (status === 'matched') return 'recon recon-ok';
  if (status === 'missing' || status === 'differs') return 'recon recon-bad';
  return 'recon muted';
}

/** The statement, one row per 예약상세번호 and event, with the totals under it (the CSV's 합계 row). */
function StatementTable({ statement }: { statement: Statement }) {
  return (
    <div className="table-wrap">
      <table className="table statement-table">
        <thead>
          <tr>
            <th>예약상세번호</th>
            <th>구분</th>
            <th>일자</th>
            <th>주결제 수단</th>
            <th className="num">수수료율</th>
            {AMOUNT_COLUMNS.map((c) => (
              <th key={c.key} className="num">
                {c.header}
              </th>
            ))}
            <th>대사</th>
          </tr>
        </thead>
        <tbody>
          {statement.lines.map((line) => (
            <tr key={line.id} data-testid="statement-line" data-kind={line.kind}>
              <td className="mono nowrap">{line.detailNumber}</td>
              <td className="nowrap">
                <span className={`badge statement-kind-${line.kind}`}>{line.kindLabel}</span>
              </td>
              <td className="nowrap">{line.eventDate}</td>
              <td className="nowrap">{line.mainMethodLabel}</td>
              <td className="num nowrap">{line.rateLabel}</td>
              {AMOUNT_COLUMNS.map((c) => (
                <td key={c.key} className={`num nowrap${c.key === 'payout' ? ' strong' : ''}`}>
                  <Won value={line[c.key]} />
                </td>
              ))}
              <td className="nowrap">
                <span className={reconciliationClass(line.reconciliation.status)} title={line.reconciliation.note ?? undefined} data-testid="reconciliation">
                  {RECONCILIATION_LABELS[line.reconciliation.status]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="statement-totals">
            <td colSpan={5} className="strong">
              합계
            </td>
            {AMOUNT_COLUMNS.map((c) => (
              <td key={c.key} className="num nowrap strong">
                <Won value={statement.totals[c.key]} testId={`total-${c.key}`} />
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
