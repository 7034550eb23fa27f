import type { CheckoutRequest } from './checkout.ts';

/**
 * The payment window's HTML (GET /local/checkout): one small page, no
 * external assets, inline CSS, readable at 390 px. The form posts to
 * POST /local/checkout, which answers 303 to successUrl or failUrl.
 */

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f2f4f6;color:#191f28;font-family:-apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;line-height:1.5;-webkit-text-size-adjust:100%}
main{max-width:440px;margin:0 auto;min-height:100vh;background:#fff;padding:20px 20px 28px}
.badge{display:inline-block;margin:0 0 8px;padding:2px 8px;border-radius:999px;background:#e8f3ff;color:#1b64da;font-size:12px;font-weight:600}
h1{margin:0 0 16px;font-size:22px}
dl{margin:0 0 20px;padding:16px;border-radius:12px;background:#f9fafb;display:grid;grid-template-columns:auto 1fr;gap:8px 12px}
dt{color:#6b7684;font-size:14px}
dd{margin:0;text-align:right;font-size:15px;word-break:break-all}
dd.amount{font-size:20px;font-weight:700}
fieldset{border:0;margin:0 0 20px;padding:0}
legend{font-size:15px;font-weight:600;margin-bottom:8px}
label.option{display:flex;align-items:center;gap:12px;padding:14px 16px;margin-bottom:8px;border:1px solid #e5e8eb;border-radius:12px;cursor:pointer}
label.option:has(input:checked){border-color:#3182f6;background:#f4f8ff}
label.option input{width:20px;height:20px;margin:0;accent-color:#3182f6}
label.option span{display:flex;flex-direction:column}
label.option small{color:#6b7684;font-size:13px}
button{font:inherit;width:100%;min-height:48px;border-radius:12px;border:0;cursor:pointer}
button.pay{background:#3182f6;color:#fff;font-size:17px;font-weight:700}
.others{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:8px}
.others button{background:#f2f4f6;color:#4e5968;font-size:15px}
.note{margin:20px 0 0;color:#8b95a1;font-size:13px}
.error{padding:16px;border-radius:12px;background:#fff4f4;color:#d22030}
code{font-size:13px}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function checkoutPage(request: CheckoutRequest): string {
  const hidden = (
    [
      ['clientKey', request.merchant.clientKey],
      ['orderId', request.orderId],
      ['orderName', request.orderName],
      ['amount', String(request.amount)],
      ['successUrl', request.successUrl],
      ['failUrl', request.failUrl],
      ...(request.customerName ? ([['customerName', request.customerName]] as [string, string][]) : []),
    ] as [string, string][]
  )
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    '결제하기',
    `<p class="badge">테스트 결제창</p>
<h1>결제하기</h1>
<dl>
<dt>주문명</dt><dd>${escapeHtml(request.orderName)}</dd>
${request.customerName ? `<dt>주문자</dt><dd>${escapeHtml(request.customerName)}</dd>\n` : ''}<dt>결제 금액</dt><dd class="amount">${won(request.amount)}</dd>
</dl>
<form method="post" action="/local/checkout">
${hidden}
<fieldset>
<legend>결제 수단</legend>
<label class="option"><input type="radio" name="method" value="card" checked><span>카드<small>신용·체크카드로 결제</small></span></label>
<label class="option"><input type="radio" name="method" value="kakaopay_card"><span>카카오페이 카드<small>카카오페이에 등록한 카드로 결제</small></span></label>
<label class="option"><input type="radio" name="method" value="kakaopay_money"><span>카카오페이 머니<small>카카오페이 머니 잔액으로 결제</small></span></label>
</fieldset>
<button class="pay" type="submit" name="outcome" value="approve">결제하기</button>
<div class="others">
<button type="submit" name="outcome" value="reject">카드사 거절</button>
<button type="submit" name="outcome" value="close">결제창 닫기</button>
</div>
</form>
<p class="note">실제 돈이 나가지 않는 로컬 테스트 결제창입니다. ‘카드사 거절’은 카드사가 승인을 거절한 경우를, ‘결제창 닫기’는 고객이 결제를 그만둔 경우를 재현합니다.</p>`,
  );
}

export function checkoutErrorPage(code: string, message: string): string {
  return page(
    '결제창을 열 수 없습니다',
    `<p class="badge">테스트 결제창</p>
<h1>결제창을 열 수 없습니다</h1>
<p class="error">${escapeHtml(message)}<br><code>${escapeHtml(code)}</code></p>
<p class="note">상점의 결제 요청 정보(클라이언트 키, 주문번호, 금액, successUrl·failUrl)를 확인해 주세요.</p>`,
  );
}
