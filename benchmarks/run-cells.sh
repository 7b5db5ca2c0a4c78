#!/usr/bin/env bash
# Runs the session-store benchmark's cells (../shared/bench, or BENCH_DIR) with five modes interleaved in one run:
# Tomcat's in-heap sessions, Spring Session Data Redis, this filter (its -all jar), the same with nearCache=on
# (round-trip-floor/NearCacheFilter) and the round-trip floor
# (round-trip-floor/RoundTripFloorFilter: in-heap sessions plus bare PINGs, 1 per read and login, 2 per write).
# Prints req/s, round trips, Redis commands, Redis CPU and bytes per request (results.md of the run).
#
#   mvn -q -DskipTests package && benchmarks/run-cells.sh
#   CELLS="read:per-conn" REPS=3 benchmarks/run-cells.sh
#
# Needs wrk, redis-server, redis-cli, curl and python3 (apt-get install -y wrk redis-server redis-tools curl).
# Other settings of the benchmark's run.sh (WARMUP, DURATION, THREADS, CONNECTIONS, REDIS_PORT...) pass through.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
bench_src="${BENCH_DIR:-$root/../shared/bench}"
work="$here/target/session-bench"
redis_port="${REDIS_PORT:-6391}"

all_jar="$(ls "$root"/redis-session/target/redis-session-*-all.jar 2>/dev/null | head -1 || true)"
[[ -n $all_jar ]] || { echo "no redis-session/target/redis-session-*-all.jar: run 'mvn -q -DskipTests package' first" >&2; exit 2; }
[[ -d $bench_src ]] || { echo "no benchmark at $bench_src (set BENCH_DIR)" >&2; exit 2; }
for tool in wrk redis-server redis-cli curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done

rm -rf "$work" && mkdir -p "$work" && cp -r "$bench_src"/. "$work"/
(cd "$work" && mvn -q -B -f pom.xml package)
"$here"/round-trip-floor/build.sh "$all_jar" >/dev/null
floor_jar="$here/round-trip-floor/target/round-trip-floor.jar"

# Both filters' jars go to one FILTER_JAR; their settings come as system properties, since the session filter
# refuses init-params it does not know.
cd "$work"
MODES="${MODES:-memory spring-redis filter:io.redissession.servlet.RedisSessionFilter \
filter:io.redissession.bench.NearCacheFilter filter:io.redissession.bench.RoundTripFloorFilter}" \
CELLS="${CELLS:-read:per-conn write:per-conn login:none big-read:per-conn big-write:per-conn}" \
REPS="${REPS:-1}" \
FILTER_JAR="$all_jar:$floor_jar" FILTER_INIT="" \
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g} -Dredis-session.redisUri=redis://127.0.0.1:$redis_port \
-Dredis-session.sessionNamespace=bench -Dfloor.redisPort=$redis_port -Dfloor.readTrips=1 -Dfloor.writeTrips=2 \
-Dfloor.loginTrips=1" \
./run.sh
results="$(ls -d "$work"/results/*/ | tail -1)"
cat "$results/results.md"
echo "results: $results"
