-- MSG-11: a shop's own Solapi account. The API secret is stored encrypted
-- (as payment secrets are: platform/secrets/encryption.ts, with a key kept
-- outside the database; a value written before this migration is read as it
-- is and encrypted at the next save), shown by its last four characters,
-- and each 연결 확인 (balance, registered sender numbers) is recorded.
alter table message_provider_settings add column api_secret_last4 text;
alter table message_provider_settings add column checked_at timestamptz;
alter table message_provider_settings add column check_error text;
alter table message_provider_settings add column balance integer;
