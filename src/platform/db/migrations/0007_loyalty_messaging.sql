-- MSG-1..11: loyalty (visits, points, grades, tags), customer groups, coupon
-- messages with their audience, send settings, recipients, coupons and
-- delivery through a provider.

-- MSG-1: what a customer has, kept on the row so lists and filters read it
-- without summing history; the history (customer_visits) is the truth and
-- the loyalty service updates both in one transaction.
alter table customers
  add column points_held integer not null default 0 check (points_held >= 0),
  add column points_accumulated integer not null default 0 check (points_accumulated >= 0),
  add column visit_count integer not null default 0 check (visit_count >= 0),
  add column accrual_count integer not null default 0 check (accrual_count >= 0),
  add column first_accrual_at timestamptz,
  add column last_visit_at timestamptz,
  add column marketing_opted_out_at timestamptz;
create index customers_points_held_idx on customers (business_id, points_held);
create index customers_points_acc_idx on customers (business_id, points_accumulated);
create index customers_visit_count_idx on customers (business_id, visit_count);
create index customers_grade_idx on customers (business_id, grade);
create index customers_tags_idx on customers using gin (tags);

-- MSG-1: grades and tags the business manages in settings.
create table customer_grades (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  constraint customer_grades_name_key unique (business_id, name)
);

create table customer_tags (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  constraint customer_tags_name_key unique (business_id, name)
);

-- MSG-1: one row per visit. An accrual (적립) is a visit with points_earned > 0.
-- POS visits carry the POS's own id (pos_visit_id) so a retried request is one
-- visit; a completed schedule is one visit (schedule_id unique).
create table customer_visits (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  customer_id uuid not null,
  visited_at timestamptz not null,
  source text not null check (source in ('pos', 'schedule', 'import')),
  pos_visit_id text,
  schedule_id uuid,
  amount integer not null default 0 check (amount >= 0),
  points_earned integer not null default 0 check (points_earned >= 0),
  points_used integer not null default 0 check (points_used >= 0),
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, customer_id) references customers (business_id, id) on delete cascade,
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete set null (schedule_id)
);
create unique index customer_visits_pos_idx on customer_visits (business_id, pos_visit_id) where pos_visit_id is not null;
create unique index customer_visits_schedule_idx on customer_visits (business_id, schedule_id) where schedule_id is not null;
create index customer_visits_customer_idx on customer_visits (business_id, customer_id, visited_at);
-- Groups (단골: accruals in the last 3 months) and performance (accruals after a send) read accruals by time.
create index customer_visits_accrual_idx on customer_visits (business_id, visited_at, customer_id) where points_earned > 0;

-- MSG-1: keys a POS uses to call the loyalty API (only a sha256 of the key is kept).
create table pos_api_keys (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  key_hash text not null unique,
  key_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  unique (business_id, id)
);

-- MSG-4: one draft per business; the next save overwrites it.
create table message_drafts (
  business_id uuid primary key references businesses(id) on delete cascade,
  content jsonb not null,
  saved_by uuid,
  saved_at timestamptz not null default now()
);

-- MSG-3..9: one message (a campaign) and what it was sent as.
create table messages (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  channel text not null check (channel in ('alimtalk', 'sms', 'lms')),
  template_key text not null,
  title text not null,
  body text not null,
  -- { type: 'discount', discountKind: 'percent'|'won', discountValue } | { type: 'gift', giftName }, plus validity
  coupon jsonb not null,
  coupon_validity text not null check (coupon_validity in ('same_day', '3d', '7d', '30d', '90d', '365d')),
  -- { kind: 'direct', customerIds } | { kind: 'filter', ... } | { kind: 'group', group }
  audience jsonb not null,
  -- { visitorRestriction, duplicatePrevention, performance }: each null or a period
  settings jsonb not null,
  advertising boolean not null default true,
  status text not null check (status in ('scheduled', 'waiting', 'sending', 'sent', 'cancelled', 'failed')),
  status_reason text,
  send_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  recipient_count integer not null default 0,
  excluded_count integer not null default 0,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, id)
);
create index messages_business_idx on messages (business_id, created_at desc);
create index messages_due_idx on messages (send_at) where status in ('scheduled', 'waiting');

-- MSG-11: one row per recipient, with its coupon and delivery status.
create table message_recipients (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null,
  message_id uuid not null,
  customer_id uuid,
  name text not null,
  phone text not null,
  batch_no integer not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'sent', 'delivered', 'failed')),
  status_code text,
  status_reason text,
  provider_message_id text,
  coupon_code text not null unique,
  coupon_expires_at timestamptz not null,
  coupon_redeemed_at timestamptz,
  opt_out_token text not null unique,
  status_at timestamptz not null default now(),
  unique (business_id, id),
  unique (message_id, customer_id),
  foreign key (business_id, message_id) references messages (business_id, id) on delete cascade,
  foreign key (business_id, customer_id) references customers (business_id, id) on delete set null (customer_id)
);
create index message_recipients_batch_idx on message_recipients (message_id, batch_no, status);
create index message_recipients_customer_idx on message_recipients (business_id, customer_id, status_at);
create index message_recipients_provider_idx on message_recipients (provider_message_id) where provider_message_id is not null;

-- MSG-11: a message goes out in batches; each batch is one group at the
-- provider, whose id is stored before anything is sent, so a batch retried
-- after a crash asks the provider what the group already holds.
create table message_batches (
  business_id uuid not null,
  message_id uuid not null,
  batch_no integer not null,
  provider_group_id text,
  status text not null default 'pending' check (status in ('pending', 'sent')),
  sent_at timestamptz,
  primary key (message_id, batch_no),
  foreign key (business_id, message_id) references messages (business_id, id) on delete cascade
);

-- MSG-10: opt-outs, kept after the customer row is gone (a phone that opted out stays out).
create table marketing_opt_outs (
  business_id uuid not null references businesses(id) on delete cascade,
  phone text not null,
  via text not null check (via in ('link', 'reply', 'manual')),
  opted_out_at timestamptz not null default now(),
  primary key (business_id, phone)
);

-- MSG-11: provider settings per business (the demo and tests use the local Solapi-compatible server).
create table message_provider_settings (
  business_id uuid primary key references businesses(id) on delete cascade,
  provider text not null default 'solapi' check (provider in ('solapi')),
  api_url text not null,
  api_key text not null,
  api_secret text not null,
  sender_phone text not null,
  kakao_pf_id text,
  opt_out_phone text not null,
  updated_at timestamptz not null default now()
);
