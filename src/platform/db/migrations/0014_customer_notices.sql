-- NOTI-1 … NOTI-4, LAW-3, MSG-11: informational messages to one customer
-- (booking received / confirmed / rejected / cancelled / refunded, reminders,
-- the inquiry reply, the two-yearly consent notice) and the product's own
-- SMS/LMS fallback of a 브랜드 메시지 Kakao could not deliver.
--
-- customer_notices is the outbox: a row is written in the transaction of the
-- event (a booking confirmed, a schedule moved), keyed so one event is one
-- row (unique dedupe_key), and sent by the notice sender (pg-boss job plus a
-- minute's sweep) exactly once: the provider group id is stored before the
-- message is added, and a retry lists the group first.

create table notice_settings (
  business_id uuid primary key references businesses(id) on delete cascade,
  -- Events the shop turned off (every event is on unless listed here).
  disabled_events text[] not null default '{}',
  -- NOTI-2: 'days_before' (reminder_days before, at reminder_time local) or 'hours_before' (reminder_hours before the start).
  reminder_mode text not null default 'days_before' check (reminder_mode in ('days_before', 'hours_before')),
  reminder_days integer not null default 1 check (reminder_days between 0 and 7),
  reminder_time text not null default '10:00' check (reminder_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  reminder_hours integer not null default 2 check (reminder_hours between 1 and 72),
  -- NOTI-3: confirmations and reminders for schedules made in the calendar (off until the shop turns them on).
  manual_schedules boolean not null default false,
  updated_at timestamptz not null default now()
);

-- MSG-3, MSG-11: the 알림톡 templates registered through Solapi's Kakao template API, one current per event.
create table kakao_templates (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  event text not null,
  pf_id text not null,
  provider_template_id text not null,
  name text not null,
  content text not null,
  status text not null check (status in ('PENDING', 'INSPECTING', 'APPROVED', 'REJECTED')),
  reject_reason text,
  checked_at timestamptz,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  unique (business_id, provider_template_id)
);
create index kakao_templates_event_idx on kakao_templates (business_id, event, created_at desc);

create table customer_notices (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  event text not null,
  -- One event, one notice: 'booking_confirmed:<booking id>', 'reminder:<schedule id>:<start ms>', …
  dedupe_key text not null,
  customer_id uuid,
  schedule_id uuid,
  booking_id uuid,
  -- The coupon recipient whose 브랜드 메시지 this SMS/LMS replaces (the product's fallback).
  recipient_id uuid,
  advertising boolean not null default false,
  name text not null,
  phone text not null,
  -- What fills the template (#{고객명} …), fixed when the notice is written.
  variables jsonb not null default '{}',
  send_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'accepted', 'sent', 'delivered', 'failed', 'cancelled')),
  status_reason text,
  -- How it went: 'alimtalk' (approved template, Solapi falls back to SMS), 'sms' or 'lms'.
  channel text,
  text text,
  provider_group_id text,
  provider_message_id text,
  status_code text,
  lease_token uuid,
  lease_until timestamptz,
  attempts integer not null default 0,
  sent_at timestamptz,
  -- MSG-11: the last time the poller asked Solapi about a late report.
  polled_at timestamptz,
  status_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (business_id, id),
  unique (business_id, dedupe_key),
  foreign key (business_id, customer_id) references customers (business_id, id) on delete set null (customer_id)
);
create index customer_notices_due_idx on customer_notices (send_at) where status in ('pending', 'sending');
create index customer_notices_accepted_idx on customer_notices (sent_at) where status in ('accepted', 'sent');
create index customer_notices_schedule_idx on customer_notices (business_id, schedule_id) where schedule_id is not null;
create index customer_notices_booking_idx on customer_notices (business_id, booking_id) where booking_id is not null;
create index customer_notices_customer_idx on customer_notices (business_id, customer_id, created_at desc);
create index customer_notices_provider_idx on customer_notices (provider_message_id) where provider_message_id is not null;

-- MSG-11: the coupon recipient's SMS/LMS fallback when Kakao could not deliver the 브랜드 메시지 (at most one).
alter table message_recipients add column fallback_notice_id uuid;

-- MSG-11: when a batch's delivery reports are late, the poller asks Solapi (GET /messages/v4/list).
alter table message_batches add column polled_at timestamptz;
create index message_batches_unreported_idx on message_batches (sent_at) where status = 'sent';

-- Preview = delivery: unit prices in 원 per message type for the cost estimate (Solapi's list prices by default).
alter table message_provider_settings add column unit_prices jsonb;
