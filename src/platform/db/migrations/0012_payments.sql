-- PAY-1 … PAY-4: payment at booking on Toss Payments (or the local
-- Toss-compatible server), refunds, fees and settlement. docs/payments.md
-- has the state machine; every amount is integer 원.

alter table products drop constraint if exists products_payment_mode_check;
alter table products add constraint products_payment_mode_check check (payment_mode in ('on_site', 'none', 'prepaid'));

-- PAY-1: a business's own Toss keys. The secret key is stored encrypted
-- (AES-256-GCM, with a key kept outside the database: docs/payments.md) and
-- never read back by the API. api_url 'local' means the local server.
create table payment_settings (
  business_id uuid primary key references businesses(id) on delete cascade,
  provider text not null default 'toss' check (provider in ('toss')),
  api_url text not null,
  client_key text not null,
  secret_key_enc text not null,
  secret_key_last4 text not null,
  updated_at timestamptz not null default now()
);

-- PAY-1: one row per checkout attempt. A booking exists only once paid:
-- booking_id is set in the transaction that makes the booking. `checkout`
-- is what the booking needs (lines, customer, request), replayed by the
-- confirm or the reconciliation.
create table payments (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  order_id text not null unique check (order_id ~ '^[A-Za-z0-9_=-]{6,64}$'),
  product_id uuid not null,
  hold_id uuid,
  booking_id uuid,
  checkout jsonb not null,
  order_name text not null,
  customer_name text not null,
  customer_phone text not null,
  amount_gross integer not null check (amount_gross >= 0),
  coupon_business integer not null default 0 check (coupon_business >= 0),
  coupon_platform integer not null default 0 check (coupon_platform >= 0),
  points integer not null default 0 check (points >= 0),
  amount_pg integer not null check (amount_pg >= 0),
  balance_pg integer not null default 0 check (balance_pg >= 0),
  business_coupon_code text,
  platform_coupon_id uuid,
  points_wallet_id uuid,
  status text not null default 'pending' check (status in ('pending', 'confirming', 'paid', 'failed', 'expired', 'refund_pending', 'partially_refunded', 'refunded')),
  payment_key text unique,
  main_method text check (main_method in ('card', 'kakaopay_card', 'kakaopay_money', 'other')),
  method_label text,
  card_approve_no text,
  provider_status text,
  receipt_url text,
  error_code text,
  error_message text,
  confirm_attempts integer not null default 0,
  confirm_started_at timestamptz,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, booking_id) references bookings (business_id, id) on delete set null (booking_id),
  check (amount_gross = coupon_business + coupon_platform + points + amount_pg)
);
create unique index payments_booking_idx on payments (business_id, booking_id) where booking_id is not null;
create index payments_open_idx on payments (status, updated_at) where status in ('pending', 'confirming', 'refund_pending');
create index payments_business_idx on payments (business_id, created_at desc);

-- PAY-1: what each booking line was paid with (sums equal the payment's).
create table payment_allocations (
  business_id uuid not null,
  payment_id uuid not null,
  line_no integer not null check (line_no > 0),
  detail_number text,
  gross integer not null check (gross >= 0),
  coupon_business integer not null check (coupon_business >= 0),
  coupon_platform integer not null check (coupon_platform >= 0),
  points integer not null check (points >= 0),
  main integer not null check (main >= 0),
  primary key (payment_id, line_no),
  foreign key (business_id, payment_id) references payments (business_id, id) on delete cascade,
  check (gross = coupon_business + coupon_platform + points + main)
);

-- PAY-1: the provider's facts as they arrived (confirm replies, lookups,
-- webhooks, cancel replies), append-only; a webhook is stored before anything
-- is done with it.
create table payment_events (
  id bigint generated always as identity primary key,
  business_id uuid not null references businesses(id) on delete cascade,
  payment_id uuid,
  source text not null check (source in ('confirm', 'lookup', 'webhook', 'cancel')),
  dedupe_key text not null unique,
  provider_status text,
  body jsonb not null,
  created_at timestamptz not null default now()
);
create index payment_events_payment_idx on payment_events (business_id, payment_id, id);

-- PAY-2: refunds, append-only rows with their own status; the row is the
-- outbox (a job and the sweep send it), its id the idempotency key.
create table refunds (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  payment_id uuid not null,
  kind text not null check (kind in ('booking_cancel', 'payment_only', 'unfulfillable', 'external')),
  source text not null check (source in ('customer', 'business', 'system', 'external')),
  refund_percent integer not null check (refund_percent between 0 and 100),
  amount_pg integer not null check (amount_pg >= 0),
  points integer not null default 0 check (points >= 0),
  coupon_platform integer not null default 0 check (coupon_platform >= 0),
  reason text not null,
  status text not null default 'requested' check (status in ('requested', 'processing', 'succeeded', 'failed')),
  attempts integer not null default 0,
  error_code text,
  error_message text,
  transaction_key text,
  requested_by uuid,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  -- 다시 시도 from the partner center: the three days of retries count from here.
  retried_at timestamptz,
  done_at timestamptz,
  unique (business_id, id),
  foreign key (business_id, payment_id) references payments (business_id, id) on delete cascade
);
create unique index refunds_transaction_idx on refunds (payment_id, transaction_key) where transaction_key is not null;
create index refunds_due_idx on refunds (next_attempt_at) where status in ('requested', 'processing');
create index refunds_payment_idx on refunds (business_id, payment_id, created_at);

create table refund_allocations (
  business_id uuid not null,
  refund_id uuid not null,
  line_no integer not null,
  main integer not null check (main >= 0),
  points integer not null check (points >= 0),
  coupon_platform integer not null check (coupon_platform >= 0),
  primary key (refund_id, line_no),
  foreign key (business_id, refund_id) references refunds (business_id, id) on delete cascade
);

-- PAY-3: fee rates, VAT included, in parts per million, by method and
-- revenue grade (null: every grade), valid [valid_from, valid_to). Rows of
-- no business are the installation's defaults; a business's own rows win.
create table fee_rules (
  id uuid primary key default gen_random_uuid(),
  business_id uuid references businesses(id) on delete cascade,
  method text not null check (method in ('card', 'kakaopay_card', 'kakaopay_money', 'points')),
  grade text check (grade in ('small', 'medium1', 'medium2', 'medium3', 'general')),
  rate_ppm integer not null check (rate_ppm between 0 and 1000000),
  valid_from date not null,
  valid_to date,
  check (valid_to is null or valid_to > valid_from)
);
create index fee_rules_business_idx on fee_rules (business_id, method);

-- PAY-3: the business's revenue grade (영세, 중소1–3, 일반), re-selected twice a year.
create table business_fee_grades (
  business_id uuid not null references businesses(id) on delete cascade,
  grade text not null check (grade in ('small', 'medium1', 'medium2', 'medium3', 'general')),
  valid_from date not null,
  primary key (business_id, valid_from)
);

-- PAY-4: immutable statement lines, one per detail number and event: a sale
-- at 이용완료, a reversal when money goes back after it, the retained
-- cancellation charge of a cancelled line. period_start is the Monday of the
-- event's week in the business's zone.
create table settlement_lines (
  id bigint generated always as identity primary key,
  business_id uuid not null,
  payment_id uuid not null,
  refund_id uuid,
  detail_number text not null,
  kind text not null check (kind in ('sale', 'reversal', 'retained')),
  event_at timestamptz not null,
  event_date date not null,
  period_start date not null,
  main_method text not null,
  rate_ppm integer not null,
  points_rate_ppm integer not null,
  main integer not null,
  coupon_platform integer not null,
  main_fee integer not null,
  points integer not null,
  points_fee integer not null,
  base integer not null,
  payout integer not null,
  created_at timestamptz not null default now(),
  foreign key (business_id, payment_id) references payments (business_id, id) on delete cascade,
  check (base = main + coupon_platform + points),
  check (payout = base - main_fee - points_fee)
);
create unique index settlement_lines_once_idx on settlement_lines (payment_id, detail_number, kind, coalesce(refund_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index settlement_lines_period_idx on settlement_lines (business_id, period_start, id);

-- PAY-4: Toss's settlement list as fetched, one row per transaction, for reconciliation.
create table provider_settlements (
  business_id uuid not null references businesses(id) on delete cascade,
  transaction_key text not null,
  payment_key text not null,
  order_id text not null,
  amount integer not null,
  fee integer not null,
  pay_out_amount integer not null,
  sold_date date not null,
  paid_out_date date,
  body jsonb not null,
  fetched_at timestamptz not null default now(),
  primary key (business_id, transaction_key)
);
create index provider_settlements_payment_idx on provider_settlements (business_id, payment_key);

-- PAY-4: instruments of the product's operator (platform-borne), issued by
-- the CLI: coupons (a code worth an amount, once) and point wallets (by
-- phone). They are settled to the shop in the 쿠폰할인 and 포인트 columns.
create table platform_coupons (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  amount integer not null check (amount > 0),
  business_id uuid references businesses(id) on delete cascade,
  valid_until timestamptz not null,
  used_by_payment uuid,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table platform_point_wallets (
  id uuid primary key default gen_random_uuid(),
  phone text not null unique,
  balance integer not null check (balance >= 0),
  updated_at timestamptz not null default now()
);

create table platform_point_entries (
  id bigint generated always as identity primary key,
  wallet_id uuid not null references platform_point_wallets(id) on delete cascade,
  amount integer not null,
  payment_id uuid,
  refund_id uuid,
  note text not null,
  created_at timestamptz not null default now()
);
create unique index platform_point_entries_once_idx on platform_point_entries (wallet_id, payment_id, coalesce(refund_id, '00000000-0000-0000-0000-000000000000'::uuid), (amount > 0)) where payment_id is not null;

-- PAY-2: a booking made by paying at booking (its payment is in payments).
-- After 이용완료 such a booking can still be cancelled by the shop (예약취소,
-- booking and payment), as 카카오톡 예약하기 allows.
alter table bookings add column prepaid boolean not null default false;
