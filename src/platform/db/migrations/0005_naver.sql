-- NAVER-1..10: the Naver Booking connection, linked products, inbound event
-- log, the booking ↔ schedule map and the outbound command outbox.

create table naver_connections (
  business_id uuid primary key references businesses(id) on delete cascade,
  enabled boolean not null default false,
  secret text not null,
  outbound_url text,
  memo_type_id uuid,
  updated_at timestamptz not null default now(),
  foreign key (business_id, memo_type_id) references memo_types (business_id, id)
);

-- NAVER-2: a department linked to a Naver product id.
alter table departments add column naver_product_id text;
create unique index departments_naver_product_key on departments (business_id, naver_product_id) where naver_product_id is not null;

-- One row per Naver booking: the schedule it became and the newest revision applied.
create table naver_bookings (
  business_id uuid not null references businesses(id) on delete cascade,
  booking_id text not null,
  schedule_id uuid not null,
  revision integer not null,
  product_id text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (business_id, booking_id),
  constraint naver_bookings_schedule_key unique (business_id, schedule_id),
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete cascade
);

-- NAVER-4: every accepted event id once; a repeat is acknowledged and ignored.
create table naver_inbound_events (
  business_id uuid not null references businesses(id) on delete cascade,
  event_id text not null,
  booking_id text not null,
  type text not null,
  revision integer not null,
  outcome text not null check (outcome in ('created', 'updated', 'stale')),
  received_at timestamptz not null default now(),
  primary key (business_id, event_id)
);

-- NAVER-9: commands to Naver, written with the change that causes them and sent by jobs.
create table channel_outbox (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  channel text not null check (channel in ('naver')),
  schedule_id uuid not null,
  command text not null check (command in ('confirm', 'cancel', 'complete', 'change_product')),
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (business_id, id),
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete cascade
);
create index channel_outbox_schedule_idx on channel_outbox (business_id, schedule_id, created_at);
create index channel_outbox_unsent_idx on channel_outbox (created_at) where status <> 'sent';
