-- LAW-1, LAW-2, LAW-4: what a customer agreed to and when, and the record
-- of a customer's data erased on request (개인정보 보호법 제15조, 제22조,
-- 제35조~제37조; 정보통신망법 제50조 for advertising consent).

-- LAW-1, LAW-2: append-only. The customer row keeps the current marketing
-- consent (marketing_consent, marketing_consent_at) for the audience query;
-- this table is the history that proves it: every grant and withdrawal with
-- its date, where it came from and who made it. Rows are never updated,
-- except that a merge moves the merged customer's rows to the one it joins.
create table consent_events (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  customer_id uuid,
  kind text not null check (kind in ('privacy', 'marketing')),
  granted boolean not null,
  -- booking_page: the customer on the booking page; shop: a user in the customer edit;
  -- opt_out_link: the 수신거부 link of a message; import: a CSV import; merge: two customers merged;
  -- anonymised: the customer's data was erased on request (LAW-4).
  source text not null check (source in ('booking_page', 'shop', 'opt_out_link', 'import', 'merge', 'anonymised')),
  actor_user_id uuid,
  -- What it was given with: the booking number and the wording version, the import, the reason.
  detail text,
  created_at timestamptz not null default now(),
  unique (business_id, id),
  foreign key (business_id, customer_id) references customers (business_id, id) on delete set null (customer_id),
  foreign key (business_id, actor_user_id) references users (business_id, id) on delete set null (actor_user_id)
);
create index consent_events_customer_idx on consent_events (business_id, customer_id, created_at);

-- LAW-4: a customer anonymised on request. The row stays (its id, loyalty
-- counts, visits and payment records), the person is gone from it.
alter table customers add column anonymised_at timestamptz;

-- The name becomes 삭제된 고객 and the phone a placeholder that is no phone
-- number (so nothing can be sent to it and the (business, name, phone) key
-- stays unique): 'anonymised:' and the customer's id.
alter table customers drop constraint customers_phone_check;
alter table customers add constraint customers_phone_check check (
  phone ~ '^(0[0-9]{8,10}|050[0-9]{9}|1[0-9]{7})$'
  or (anonymised_at is not null and phone = 'anonymised:' || id::text)
);

create table customer_erasures (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  customer_id uuid not null,
  requested_by uuid,
  reason text not null check (length(reason) between 1 and 500),
  -- How many rows of each kind were cleared ({ "bookings": 2, "notices": 3, … }).
  cleared jsonb not null default '{}',
  created_at timestamptz not null default now(),
  unique (business_id, id),
  -- One erasure per customer: a second request is refused (CUSTOMER_ALREADY_ANONYMISED).
  constraint customer_erasures_customer_key unique (business_id, customer_id),
  foreign key (business_id, customer_id) references customers (business_id, id),
  foreign key (business_id, requested_by) references users (business_id, id) on delete set null (requested_by)
);
