/**
 * The demo business's side of Naver Booking (NAVER-1..3, QUAL-1): the Naver
 * products its departments are linked to, with how Naver confirms each, and
 * where its connection sends commands. The demo plays against the Naver
 * simulator (`npm run simulate:naver`), which takes both from here as its
 * defaults, so the two agree without either knowing the other's code.
 */
export interface DemoNaverProduct {
  productId: string;
  /** Naver's product name; the linked department carries the same name (NAVER-2). */
  name: string;
  mode: 'instant' | 'approval';
}

export const DEMO_NAVER_PRODUCTS: readonly DemoNaverProduct[] = [
  { productId: 'NAVER-P-100', name: '피부과 진료', mode: 'approval' },
  { productId: 'NAVER-P-200', name: '레이저 시술', mode: 'instant' },
];

/** The demo connection's outbound URL: where the simulator listens by default. */
export const DEMO_NAVER_OUTBOUND_URL = 'http://127.0.0.1:3900';
