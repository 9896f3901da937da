-- What the sending agency may still read of a transferred case (issue 17, item 1): the file as
-- the sending agency held it at the moment the case moved (registration and form records), never
-- the child's current data. Owned by the transfers module; one row per accepted transfer, deleted
-- by the purge job once the SOP's transfer_sender_read_days have passed. Without its row, the
-- sender sees only the transfer's own metadata.
create table case_transfer_snapshot (
    transfer_id  uuid primary key references case_transfer (id) on delete cascade,
    taken_at     timestamptz not null,
    file         jsonb not null
);

insert into case_transfer_snapshot (transfer_id, taken_at, file)
select id, decided_at, sender_file from case_transfer where status = 'accepted' and sender_file is not null;

-- The copy kept on the transfer itself was never purged: the snapshot table replaces it.
alter table case_transfer drop column sender_file;
