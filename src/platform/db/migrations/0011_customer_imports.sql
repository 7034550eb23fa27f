-- MSG-1: a customer CSV import lives in the database, not in the memory of
-- the process that took the upload, so any process runs its job (pg-boss
-- queue customer-import) and any process answers the progress poll.
-- The upload is kept until the import ends. A run holds the import with a
-- lease it renews while it works; a run that died (its lease over) ends the
-- import as failed, and since the customers are written in one transaction
-- that also marks the import done, they are there if and only if it is done.
create table customer_imports (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references businesses(id) on delete cascade,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  encoding text not null check (encoding in ('utf-8', 'utf-16le', 'cp949')),
  file bytea,
  total integer not null check (total >= 0),
  processed integer not null default 0 check (processed >= 0),
  inserted integer not null default 0 check (inserted >= 0),
  updated integer not null default 0 check (updated >= 0),
  rejected jsonb not null default '[]',
  duplicates jsonb not null default '[]',
  error text,
  lease_token uuid,
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  unique (business_id, id)
);
create index customer_imports_finished_idx on customer_imports (business_id, finished_at);
