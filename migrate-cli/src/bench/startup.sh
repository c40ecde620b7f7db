#!/usr/bin/env bash
# Start-up of the command line, whole process: `migrate status` and a no-op `migrate deploy` with 100
# migrations applied, through the distribution's bin/migrate, against the same work done by Flyway
# (info, migrate) through its API in a fresh JVM. Results go to docs/benchmarks.md by hand.
#
#   mvn -B -q -pl migrate-cli -am package -DskipTests && migrate-cli/src/bench/startup.sh [RUNS]
#
# The server is PGHOST/PGPORT/PGUSER/PGPASSWORD (default 127.0.0.1:5432, postgres); two databases are
# created and dropped. Runs are interleaved so that a busy machine slows every variant alike.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/../../.." && pwd)
runs=${1:-15}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

zip=$(ls "$root"/migrate-cli/target/migrate-*.zip)
work=$(mktemp -d)
suffix=$$
cleanup() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS cli_bench_migrate_$suffix" -c "DROP DATABASE IF EXISTS cli_bench_flyway_$suffix" || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q -d postgres -c "CREATE DATABASE cli_bench_migrate_$suffix" -c "CREATE DATABASE cli_bench_flyway_$suffix"

for i in $(seq 1 100); do
  n=$(printf '%03d' "$i")
  sql="CREATE TABLE t$n (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());
CREATE INDEX t${n}_name ON t$n (name);"
  folder="$work/db/$(printf '2026010100%02d%02d' $((i / 60)) $((i % 60)))_table_$n"
  mkdir -p "$folder" "$work/sql"
  printf '%s\n' "$sql" > "$folder/migration.sql"
  printf '%s\n' "$sql" > "$work/sql/V${i}__table_$n.sql"
done

(cd "$work" && unzip -q "$zip")
migrate=$(ls -d "$work"/migrate-*/)bin/migrate
jar=$(ls -d "$work"/migrate-*/)lib/migrate.jar

mvn -B -ntp -q -s "$bench/central-only.xml" -f "$bench/flyway-api.xml" dependency:build-classpath \
  -Dmdep.outputFile="$work/flyway.cp" >/dev/null
mkdir -p "$work/classes"
javac -cp "$(cat "$work/flyway.cp")" -d "$work/classes" "$bench/FlywayCommand.java"
flyway_cp="$work/classes:$(cat "$work/flyway.cp")"

export DATABASE_URL="postgresql://$PGUSER${PGPASSWORD:+:$PGPASSWORD}@$PGHOST:$PGPORT/cli_bench_migrate_$suffix"
export FLYWAY_URL="jdbc:postgresql://$PGHOST:$PGPORT/cli_bench_flyway_$suffix" FLYWAY_USER="$PGUSER" FLYWAY_PASSWORD="${PGPASSWORD:-}"
cd "$work"
# Apply the 100 migrations with both tools; the first run of bin/migrate also makes lib/migrate.jsa.
"$migrate" deploy > "$work/setup.log" 2>&1 || { cat "$work/setup.log"; exit 1; }
"$java" -cp "$flyway_cp" FlywayCommand migrate filesystem:sql > "$work/setup.log" 2>&1 || { cat "$work/setup.log"; exit 1; }

variants=(
  "migrate status|$migrate status"
  "migrate deploy (no-op)|$migrate deploy"
  "migrate status, plain java -jar (no archive, default JIT and GC)|$java -jar $jar status"
  "Flyway info (API, fresh JVM)|$java -cp $flyway_cp FlywayCommand info filesystem:sql"
  "Flyway migrate, no-op (API, fresh JVM)|$java -cp $flyway_cp FlywayCommand migrate filesystem:sql"
  "Flyway migrate, no-op, launcher's JVM flags|$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $flyway_cp FlywayCommand migrate filesystem:sql"
  "JVM alone (java -version)|$java -version"
)
for v in "${variants[@]}"; do : > "$work/times.${v%%|*}"; done
for _ in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    name=${v%%|*}; cmd=${v#*|}
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    $cmd >/dev/null 2>&1 || [ $? -eq 3 ]
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) >> "$work/times.$name"
  done
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { sort -n "$1" | head -1; }
fw_info=$(median "$work/times.Flyway info (API, fresh JVM)")
fw_migrate=$(median "$work/times.Flyway migrate, no-op (API, fresh JVM)")
echo "| command | median | fastest | vs Flyway |"
echo "|---|--:|--:|--:|"
for v in "${variants[@]}"; do
  name=${v%%|*}
  m=$(median "$work/times.$name")
  case "$name" in
    *status*|*info*) base=$fw_info ;;
    *) base=$fw_migrate ;;
  esac
  printf '| %s | %s ms | %s ms | %s |\n' "$name" "$m" "$(minimum "$work/times.$name")" \
    "$(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2fx", a / b}')"
done
echo
echo "$runs runs each, interleaved; $(nproc) cores; $("$java" -version 2>&1 | head -1); $(psql -tAc 'SHOW server_version' -d postgres)"
