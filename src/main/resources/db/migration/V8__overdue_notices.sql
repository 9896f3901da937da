-- Each overdue step is notified once: the deadline it was due by is remembered.
create table overdue_notice (
    case_id     uuid not null references child_case (id),
    kind        text not null,
    due         timestamptz not null,
    notified_at timestamptz not null default now(),
    primary key (case_id, kind, due)
);
