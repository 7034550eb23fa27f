-- SEC-1: rate-limiter-flexible's PostgreSQL store (one table for every
-- limit; keys are "<limit>:<client>"). The library's own CREATE is not used
-- (tableCreated), so the schema is ours and migrated like the rest.
create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
create index rate_limits_expire_idx on rate_limits (expire);

-- SEC-3: login failures are counted by the rate limiter per (email, client),
-- per client and per email; the old per-email lockout table goes.
drop table login_attempts;

-- SEC-1: a hold knows its client and size, so one client cannot hold every
-- place of a product (MAX_HELD_PLACES_PER_CLIENT at once per business).
alter table booking_holds add column client_key text not null default '';
alter table booking_holds add column quantity integer not null default 0 check (quantity >= 0);
create index booking_holds_client_idx on booking_holds (business_id, client_key, expires_at);

-- SEC-3, SEC-4: secrets of this installation (not of a business), made at
-- first use with Node's CSPRNG: the key that signs trusted-device cookies.
create table installation_secrets (
  name text primary key,
  secret text not null,
  created_at timestamptz not null default now()
);

-- SEC-4: demos seeded before this release send through the built-in local
-- provider with the key pair bundled in the code, so anyone could compute
-- their delivery-report token. Each gets a random pair of its own
-- (gen_random_uuid draws from the server's strong random source).
update message_provider_settings
   set api_key = 'DEMO' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)),
       api_secret = encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')
 where api_url = 'local' and api_secret = 'LOCALSECRET';
