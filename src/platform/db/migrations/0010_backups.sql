-- Backups of the embedded database (docs/operations.md): one row per run,
-- automatic (the daily one inside the product) or manual (npm run backup),
-- so settings > 백업 can show the last result. The files themselves are the
-- truth about what is kept; this table only remembers how each run ended.
-- Not tenant data: a backup is of the whole installation.
create table backup_runs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('auto', 'manual')),
  started_at timestamptz not null,
  finished_at timestamptz not null,
  ok boolean not null,
  file text,
  size_bytes bigint,
  error text,
  check ((ok and file is not null and size_bytes is not null and error is null) or (not ok and error is not null))
);

create index backup_runs_started_idx on backup_runs (started_at desc);
