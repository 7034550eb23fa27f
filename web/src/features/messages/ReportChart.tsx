interface Day {
  date: string;
  visits: number;
  coupons: number;
}

const HEIGHT = 180;
const PAD = { top: 12, right: 8, bottom: 28, left: 32 };

/** Daily visits and coupons used after the send, as paired bars (plain SVG; no chart library). */
export function ReportChart({ daily }: { daily: Day[] }) {
  if (daily.length === 0) return <p className="muted">아직 집계된 방문이 없어요.</p>;
  const width = Math.max(960, daily.length * 24 + PAD.left + PAD.right);
  const max = Math.max(1, ...daily.map((d) => Math.max(d.visits, d.coupons)));
  const top = niceCeiling(max);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = (width - PAD.left - PAD.right) / daily.length;
  const bar = Math.min(18, slot / 3);
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const ticks = [0, top / 2, top];
  const labelEvery = Math.ceil(daily.length / 14);

  return (
    <figure className="msg-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label="일별 방문과 쿠폰 사용" preserveAspectRatio="xMinYMid meet">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} className="msg-chart-grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="msg-chart-axis">
              {Number.isInteger(tick) ? tick : tick.toFixed(1)}
            </text>
          </g>
        ))}
        {daily.map((day, i) => {
          const cx = PAD.left + slot * i + slot / 2;
          return (
            <g key={day.date}>
              <title>{`${day.date} 방문 ${day.visits} · 쿠폰 사용 ${day.coupons}`}</title>
              <rect x={cx - bar - 1} y={y(day.visits)} width={bar} height={Math.max(0, y(0) - y(day.visits))} rx={2} className="msg-chart-visits" />
              <rect x={cx + 1} y={y(day.coupons)} width={bar} height={Math.max(0, y(0) - y(day.coupons))} rx={2} className="msg-chart-coupons" />
              {i % labelEvery === 0 && (
                <text x={cx} y={HEIGHT - 10} textAnchor="middle" className="msg-chart-axis">
                  {day.date.slice(5).replace('-', '/')}
                </text>
              )}
            </g>
          );
        })}
        <line x1={PAD.left} x2={width - PAD.right} y1={y(0)} y2={y(0)} className="msg-chart-base" />
      </svg>
      <figcaption className="msg-chart-legend">
        <span>
          <i className="msg-chart-visits" /> 방문(적립)
        </span>
        <span>
          <i className="msg-chart-coupons" /> 쿠폰 사용
        </span>
      </figcaption>
    </figure>
  );
}

function niceCeiling(value: number): number {
  if (value <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}
