-- Failed sign-ins counted per account (the username tried, known or not) and per client address,
-- shared by all application servers. Replaces the hard lock of app_user.locked_until, which anyone
-- knowing a username could trigger to keep its owner out.
create table sign_in_throttle (
    throttle_key    text primary key,
    failures        integer not null default 0,
    last_failure_at timestamptz not null
);
update app_user set locked_until = null, failed_sign_ins = 0;
