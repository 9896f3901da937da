-- The in-app notification centre: what concerns one user (a plan returned, an approval
-- requested, a step overdue…). A notification names a case by its id and carries message
-- arguments (case number, a staff member's name, a step), never a child's personal data.
create table notification (
    id          uuid primary key,
    user_id     uuid not null references app_user (id),
    kind        text not null check (kind ~ '^[a-z0-9_]+$'),
    case_id     uuid references child_case (id),
    arguments   jsonb not null default '{}',
    -- A path inside the application (e.g. /cases/…), never an outside address.
    link        text check (link ~ '^/[^/\\]'),
    created_at  timestamptz not null default now(),
    read_at     timestamptz,
    emailed_at  timestamptz
);
-- The badge (unread count) and the list of one user, newest first.
create index notification_user on notification (user_id, read_at, created_at desc);
-- What the optional e-mail job still has to send.
create index notification_unsent on notification (created_at) where emailed_at is null and read_at is null;
