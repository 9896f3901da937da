#!/usr/bin/env bash
# The national-scale benchmark in one command (bench/README.md):
#   bench/run.sh [--cases 1000000] [--seed 42] [--smoke] [--regenerate] [--keep-db] [--profile]
#   [--only TEXT] [--baseline REV]
# Builds what is missing, (re)creates the database abri_bench, migrates it by starting the app once,
# generates the data, starts the app with -Xmx256m and a GC log, runs the driver, stops the app,
# prints the table and writes it to bench/results/<stamp>.md (--profile: and a JFR recording of the
# measured application, bench/results/app-<stamp>.jfr). Exits non-zero when a step or any
# measured call fails; a missed target is reported, not a failure. --baseline REV: also builds the
# application of commit REV and measures it on the same database right after the current build, then
# writes the two side by side (bench/results/<stamp>-compare.md): the only figures that compare.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

cases=1000000
seed=42
smoke=false
regenerate=false
keep_db=false
profile=false
only=
baseline=
while [ $# -gt 0 ]; do
    case "$1" in
        --cases) cases=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --smoke) smoke=true; shift ;;
        --regenerate) regenerate=true; shift ;;
        --keep-db) keep_db=true; shift ;;
        --profile) profile=true; shift ;;
        --only) only=$2; shift 2 ;;
        --baseline) baseline=$2; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "bench: unknown option $1 (see bench/README.md)" >&2; exit 2 ;;
    esac
done

db_url=${ABRI_BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/abri_bench}
db_user=${ABRI_BENCH_DB_USER:-postgres}
db_password=${ABRI_BENCH_DB_PASSWORD:-}
heap=${ABRI_BENCH_HEAP:--Xmx256m}
# jdbc:postgresql://host:port/name[?…]
hostport=${db_url#jdbc:postgresql://}
hostport=${hostport%%/*}
db_name=${db_url##*/}
db_name=${db_name%%\?*}
db_host=${hostport%%:*}
db_port=5432
[ "$hostport" != "$db_host" ] && db_port=${hostport##*:}
export PGPASSWORD=$db_password

results=bench/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
manifest=$results/dataset.json
generated_mark=$results/.generated
app_pid=

log() { echo "bench: $*" >&2; }

stop_app() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    app_pid=
}
trap stop_app EXIT

for tool in java psql curl; do
    command -v "$tool" >/dev/null 2>&1 || { log "needs $tool on the PATH"; exit 2; }
done

# ---- build what is missing or older than its sources ------------------------------------------
jar=$(ls target/abri-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -type f -print -quit)" ]; then
    log "building the application jar"
    ./mvnw -q -B -DskipTests package
    jar=$(ls target/abri-*.jar | grep -v -- '-plain' | head -n 1)
fi
if [ ! -d bench/target/classes ] || [ ! -d bench/target/lib ] \
        || [ -n "$(find bench/src bench/pom.xml -newer bench/target/classes -type f -print -quit)" ]; then
    log "building the benchmark"
    ./mvnw -q -B -f bench/pom.xml package -DskipTests
    touch bench/target/classes
fi
classpath="bench/target/classes:bench/target/lib/*"

# The baseline's jar, built once per commit in a folder of its own (its tests are not run).
baseline_jar=
if [ -n "$baseline" ]; then
    baseline_commit=$(git rev-parse --verify "$baseline^{commit}")
    baseline_dir=$root/bench/target/baseline-${baseline_commit:0:12}
    baseline_jar=$(ls "$baseline_dir"/target/abri-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1 || true)
    if [ -z "$baseline_jar" ]; then
        log "building the baseline ${baseline_commit:0:12} in $baseline_dir"
        rm -rf "$baseline_dir"
        mkdir -p "$baseline_dir"
        git archive "$baseline_commit" | tar -x -C "$baseline_dir"
        (cd "$baseline_dir" && ./mvnw -q -B -DskipTests package)
        baseline_jar=$(ls "$baseline_dir"/target/abri-*.jar | grep -v -- '-plain' | head -n 1)
    fi
fi

# ---- the application ----------------------------------------------------------------------------
free_port() {
    local port
    for port in $(seq 18080 18180); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    log "no free port in 18080-18180"
    exit 1
}

# start_app <log> <java options…>: starts the app on the bench database and waits until it is ready.
start_app() {
    local out=$1
    shift
    port=$(free_port)
    ABRI_DB_URL=$db_url ABRI_DB_USER=$db_user ABRI_DB_PASSWORD=$db_password \
        ABRI_ADMIN_PASSWORD=bench-admin-password ABRI_DEMO=false \
        java "$@" -jar "${app_jar:-$jar}" --server.port="$port" --abri.reminders.enabled=false >"$out" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 180); do
        if ! kill -0 "$app_pid" 2>/dev/null; then
            log "the application stopped while starting; its log: $out"
            tail -n 30 "$out" >&2
            exit 1
        fi
        # Readiness, not /login: the shipped forms are loaded after the web server answers.
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" = "200" ]; then
            return
        fi
        sleep 1
    done
    log "the application was not ready within 3 minutes; its log: $out"
    exit 1
}

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$db_host" -p "$db_port" -U "$db_user" -d postgres "$@"; }

# ---- the data -------------------------------------------------------------------------------------
wanted="$db_url cases=$cases seed=$seed"
exists=$(psql_admin -tAc "select 1 from pg_database where datname = '$db_name'")
if [ "$keep_db" = true ] && [ "$exists" = 1 ] && [ -f "$manifest" ]; then
    log "--keep-db: using $db_name and $manifest as they are"
elif [ "$regenerate" = false ] && [ "$exists" = 1 ] && [ -f "$manifest" ] && [ -f "$generated_mark" ] \
        && [ "$(cat "$generated_mark")" = "$wanted" ]; then
    log "$db_name already holds $cases cases of seed $seed: not regenerating (--regenerate to force)"
else
    log "creating the database $db_name"
    rm -f "$generated_mark"
    psql_admin -c "drop database if exists \"$db_name\"" -c "create database \"$db_name\""
    log "starting the application once to migrate the schema"
    start_app "$results/app-$stamp-migrate.log"
    stop_app
    log "generating $cases cases (seed $seed)"
    java -cp "$classpath" org.abri.bench.generate.Generate --db-url "$db_url" --db-user "$db_user" \
        ${db_password:+--db-password "$db_password"} --cases "$cases" --seed "$seed" --manifest "$manifest" --replace
    echo "$wanted" >"$generated_mark"
fi

# ---- the measures ----------------------------------------------------------------------------------
driver_options=()
[ "$smoke" = true ] && driver_options+=(--smoke)
[ -n "$only" ] && driver_options+=(--only "$only")

# measure <jar> <stamp>: starts that build, runs the driver, stops it; answers the driver's status.
measure() {
    local measured_jar=$1 run=$2
    local run_log=$results/app-$run.log run_gc=$results/gc-$run.log
    log "starting the application $measured_jar with $heap"
    app_options=("$heap" "-Xlog:gc*:file=$run_gc")
    # JFR's profile settings sample every thread every 10-20 ms: a cost of a few per cent, paid only
    # when asked for.
    [ "$profile" = true ] && app_options+=("-XX:StartFlightRecording=filename=$results/app-$run.jfr,settings=profile")
    app_jar=$measured_jar
    start_app "$run_log" "${app_options[@]}"
    log "application on port $port (pid $app_pid)"
    set +e
    java -cp "$classpath" org.abri.bench.run.Benchmark --base-url "http://127.0.0.1:$port" \
        --db-url "$db_url" --db-user "$db_user" ${db_password:+--db-password "$db_password"} \
        --manifest "$manifest" --gc-log "$run_gc" --app-log "$run_log" --heap "$heap" \
        --out "$results/$run.md" "${driver_options[@]}"
    local driver_status=$?
    set -e
    stop_app
    app_jar=
    if [ "$driver_status" -ne 0 ]; then
        log "some calls failed (above); the application's log: $run_log"
    fi
    log "results: $results/$run.md (GC log $run_gc, application log $run_log)"
    [ "$profile" = true ] && log "profile: $results/app-$run.jfr (jfr print --events jdk.ExecutionSample …)"
    return "$driver_status"
}

status=0
measure "$jar" "$stamp" || status=$?
if [ -n "$baseline_jar" ]; then
    # Measured second, on caches the current build warmed: a difference in its favour is not
    # the order's doing.
    measure "$baseline_jar" "$stamp-baseline" || status=$?
    java -cp "$classpath" org.abri.bench.run.Compare "$results/$stamp-baseline.md" "$results/$stamp.md" \
        "$results/$stamp-compare.md" "baseline ${baseline_commit:0:12}" "current $(git rev-parse --short=12 HEAD)"
    log "comparison: $results/$stamp-compare.md"
fi
exit "$status"
