-- CORE-1..CORE-8: tenants, logins, settings, customers, schedules, notifications.
-- Every tenant table carries business_id, and every unique key of tenant data
-- includes it, so the schema can be sharded by business later.

create table businesses (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  service_type text not null check (service_type in ('clinic', 'beauty', 'restaurant', 'retail', 'other')),
  time_zone text not null default 'Asia/Seoul',
  phone text not null default '',
  departments_enabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table permission_groups (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  permissions text[] not null default '{}',
  created_at timestamptz not null default now(),
  constraint permission_groups_name_key unique (business_id, name),
  unique (business_id, id)
);

-- Email is the login identity across businesses, so it is unique globally.
create table users (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  email text not null,
  password_hash text not null,
  name text not null,
  role text not null check (role in ('admin', 'member')),
  permission_group_id uuid,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  constraint users_email_key unique (email),
  unique (business_id, id),
  foreign key (business_id, permission_group_id) references permission_groups (business_id, id),
  check (role = 'admin' or permission_group_id is not null)
);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  business_id uuid not null references businesses(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (email, at);
create index login_attempts_ip_idx on login_attempts (ip, at);

create table departments (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  color text not null default '#4f7cff',
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  constraint departments_name_key unique (business_id, name),
  unique (business_id, id)
);

create table staff (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  kind text not null check (kind in ('user', 'resource', 'naver')),
  user_id uuid,
  department_id uuid,
  color text not null default '#6b7280',
  sort_order integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  constraint staff_user_key unique (business_id, user_id),
  foreign key (business_id, user_id) references users (business_id, id) on delete cascade,
  foreign key (business_id, department_id) references departments (business_id, id),
  check ((kind = 'user') = (user_id is not null))
);
-- Exactly one virtual "네이버예약" staff per business (CORE-4).
create unique index staff_one_naver_per_business on staff (business_id) where kind = 'naver';

create table memo_types (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  sort_order integer not null default 0,
  visible boolean not null default true,
  created_at timestamptz not null default now(),
  constraint memo_types_name_key unique (business_id, name),
  unique (business_id, id)
);

create table customers (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  name text not null,
  phone text not null check (phone ~ '^(0[0-9]{8,10}|1[0-9]{7})$'),
  phone_last4 text generated always as (right(phone, 4)) stored,
  memo text not null default '',
  grade text,
  tags text[] not null default '{}',
  marketing_consent boolean not null default false,
  marketing_consent_at timestamptz,
  night_ad_consent boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint customers_name_phone_key unique (business_id, name, phone),
  unique (business_id, id)
);
create index customers_phone_idx on customers (business_id, phone);
create index customers_last4_idx on customers (business_id, phone_last4);
create index customers_created_idx on customers (business_id, created_at desc);

create table schedules (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  customer_id uuid not null,
  staff_id uuid not null,
  department_id uuid,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null check (status in ('pending', 'confirmed', 'cancelled', 'completed')),
  source text not null check (source in ('manual', 'naver', 'booking_page')),
  title text not null default '',
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, customer_id) references customers (business_id, id),
  foreign key (business_id, staff_id) references staff (business_id, id),
  foreign key (business_id, department_id) references departments (business_id, id),
  check (ends_at > starts_at)
);
create index schedules_day_idx on schedules (business_id, starts_at);
create index schedules_customer_idx on schedules (business_id, customer_id, starts_at desc);
create index schedules_staff_idx on schedules (business_id, staff_id, starts_at);

create table schedule_memos (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  schedule_id uuid not null,
  memo_type_id uuid not null,
  body text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete cascade,
  foreign key (business_id, memo_type_id) references memo_types (business_id, id)
);
create index schedule_memos_schedule_idx on schedule_memos (business_id, schedule_id);
create index schedule_memos_type_idx on schedule_memos (business_id, memo_type_id);

create table schedule_history (
  id bigint generated always as identity primary key,
  business_id uuid not null references businesses(id) on delete cascade,
  schedule_id uuid not null,
  user_id uuid,
  actor_label text,
  action text not null,
  changes jsonb not null default '{}',
  at timestamptz not null default now(),
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete cascade
);
create index schedule_history_schedule_idx on schedule_history (business_id, schedule_id, id);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  user_id uuid not null,
  kind text not null,
  title text not null,
  body text not null default '',
  schedule_id uuid,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (business_id, user_id) references users (business_id, id) on delete cascade,
  foreign key (business_id, schedule_id) references schedules (business_id, id) on delete cascade
);
create index notifications_user_idx on notifications (business_id, user_id, created_at desc);
create index notifications_unread_idx on notifications (business_id, user_id) where read_at is null;
