#!/usr/bin/env bash
# Backup and restore of the embedded database at national scale (bench/README.md, "Backup and
# restore"): starts Abri on a new embedded database, fills it with the generator (N cases), makes a
# backup from the System page, stops Abri, restores the backup into a new empty folder with
# --abri.restore and starts on it, then compares every table's row count. Prints one table.
# Needs an ordinary user (PostgreSQL refuses root), java, curl, and about 15 GB free at 1M cases.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=1000000
while [ $# -gt 0 ]; do
    case "$1" in
        --cases) cases=$2; shift 2 ;;
        *) echo "usage: bench/backup-drill.sh [--cases N]" >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" -eq 0 ]; then
    echo "backup-drill: run it as an ordinary user (the embedded PostgreSQL refuses root)" >&2
    exit 2
fi
work=bench/results/backup-drill
rm -rf "$work"
mkdir -p "$work"
jar=$(ls target/abri-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
    ./mvnw -q -B -DskipTests package
    jar=$(ls target/abri-*.jar | head -n 1)
fi
./mvnw -q -B -f bench/pom.xml package -DskipTests
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dbport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
admin_password=backup-drill-password
app=
stop_app() { if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then kill "$app"; wait "$app" || true; fi; app=; }
trap stop_app EXIT
start_app() { # start_app <log> <args…>
    local log=$1; shift
    java -Xmx512m -jar "$jar" --server.port="$port" --abri.reminders.enabled=false \
        --abri.admin.password="$admin_password" "$@" >"$log" 2>&1 &
    app=$!
    local started=$(date +%s.%N)
    until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do
        kill -0 "$app" 2>/dev/null || { echo "Abri exited, see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
        sleep 0.5
    done
    echo "$(date +%s.%N) - $started" | bc
}
seconds() { printf '%.0f' "$1"; }

data="$work/data"
start_app "$work/app.log" --abri.db.data-dir="$data" --abri.db.embedded-port="$dbport" \
    --abri.backup.dir="$work/backups" --abri.backup.catch-up-delay=1000d >/dev/null
echo "backup-drill: generating $cases cases in the embedded database"
generate_started=$(date +%s)
java -cp 'bench/target/classes:bench/target/lib/*' org.abri.bench.generate.Generate \
    --db-url "jdbc:postgresql://127.0.0.1:$dbport/postgres" --db-user postgres \
    --db-password "$(cat "$data/db-password")" --cases "$cases" --manifest "$work/dataset.json" \
    >"$work/generate.log" 2>&1
generated=$(( $(date +%s) - generate_started ))

# Back up now, as an administrator would from the System page.
jar_cookies="$work/cookies"
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/'; }
token=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "http://127.0.0.1:$port/login" | csrf)
curl -s -o /dev/null -c "$jar_cookies" -b "$jar_cookies" --data-urlencode "username=admin" \
    --data-urlencode "password=$admin_password" --data-urlencode "_csrf=$token" "http://127.0.0.1:$port/login"
token=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "http://127.0.0.1:$port/admin/system" | csrf)
before=$(grep -c "Backup .* made" "$work/app.log" || true)
curl -s -o /dev/null -c "$jar_cookies" -b "$jar_cookies" --data-urlencode "_csrf=$token" \
    "http://127.0.0.1:$port/admin/system/backup"
echo "backup-drill: backing up"
until [ "$(grep -c "Backup .* made" "$work/app.log" || true)" -gt "$before" ]; do
    grep -q "Backup failed\|backup failed" "$work/app.log" && { echo "the backup failed, see $work/app.log" >&2; exit 1; }
    sleep 2
done
backup_line=$(grep "Backup .* made" "$work/app.log" | tail -n 1 | sed 's/.*: Backup/Backup/')
counts() { # counts <data folder> <port>: every table's row count, one line each
    PGPASSWORD=$(cat "$1/db-password") psql -h 127.0.0.1 -p "$2" -U postgres -d postgres -Atc \
        "select string_agg(format('select %L, count(*) from %I.%I', schemaname||'.'||tablename, schemaname, tablename), ' union all ') from pg_tables where schemaname = 'public'" \
        | PGPASSWORD=$(cat "$1/db-password") psql -h 127.0.0.1 -p "$2" -U postgres -d postgres -At | sort
}
counts "$data" "$dbport" >"$work/counts-original.txt"
stop_app
backup=$(ls "$work/backups"/*.abribak | tail -n 1)

restored="$work/restored"
restore_seconds=$(start_app "$work/restore.log" --abri.db.data-dir="$restored" --abri.db.embedded-port="$dbport" \
    --abri.backup.dir="$work/backups-after" --abri.backup.catch-up-delay=1000d --abri.backup.key="$(cat "$data/backup.key")" --abri.restore="$backup")
counts "$restored" "$dbport" >"$work/counts-restored.txt"
stop_app
same=no
cmp -s "$work/counts-original.txt" "$work/counts-restored.txt" && same=yes

echo
echo "| Backup and restore of the embedded database, $cases cases | |"
echo "|---|---|"
echo "| generation | ${generated} s |"
echo "| $backup_line | |"
echo "| backup file | $(du -m "$backup" | cut -f1) MB |"
echo "| restore, recovery and start until ready | $(seconds "$restore_seconds") s |"
echo "| every table's row count equal after the restore | $same ($(wc -l <"$work/counts-original.txt") tables, $(grep '^public.child_case|' "$work/counts-original.txt" | cut -d'|' -f2) cases) |"
[ "$same" = yes ]
