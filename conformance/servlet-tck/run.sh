#!/usr/bin/env bash
# Runs the session-related tests of the Jakarta Servlet TCK 6.1 (175 tests in 40 classes, subset-includes.txt) on
# embedded Tomcat 11, with Tomcat's own sessions or with the filter first in every test application.
#
#   conformance/servlet-tck/run.sh baseline    Tomcat's own sessions
#   conformance/servlet-tck/run.sh filter      RedisSessionFilter (the -all jar) first in every test app
#
# Env: TCK_SOURCES  a checkout of github.com/jakartaee/servlet at tag 6.1.0-RELEASE-tck (cloned into target/ when
#                   unset; the TCK is not on Maven Central, so it is built and installed into ~/.m2 first)
#      REDIS_PORT   the port of the Redis it starts for the filter run (6555)
#      SKIP_TCK_BUILD=1  reuse the TCK artifacts already installed
# Needs a JDK 17, Maven, git (without TCK_SOURCES), python3 and, for the filter run, redis-server and redis-cli.
# Not part of `mvn verify`: it needs the TCK sources, which the build cannot download. About 7 minutes a run.
set -euo pipefail
mode="${1:?usage: run.sh baseline|filter}"
case "$mode" in baseline|filter) ;; *) echo "usage: run.sh baseline|filter" >&2; exit 2;; esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/target"
logs="$work/logs"
redis_port="${REDIS_PORT:-6555}"
mkdir -p "$logs"

# 1. The TCK sources, built and installed (servlet-tck-util, servlet-tck-runtime)
sources="${TCK_SOURCES:-$work/servlet}"
if [[ ! -f $sources/tck/pom.xml ]]; then
  git clone -q --depth 1 --branch 6.1.0-RELEASE-tck https://github.com/jakartaee/servlet "$sources"
fi
if [[ ${SKIP_TCK_BUILD:-0} != 1 ]]; then
  # the parent POM's compiler plugin defaults to Java 5: 17 is passed explicitly
  (cd "$sources/tck" && mvn -B -q install -pl tck-util,tck-runtime -am -DskipTests -Dmaven.javadoc.skip=true \
      -Dmaven.source.skip=true -Dcyclonedx.skip=true -Dmaven.compiler.source=17 -Dmaven.compiler.target=17) \
      > "$logs/build-tck.log" 2>&1 || { echo "building the TCK failed: $logs/build-tck.log" >&2; exit 1; }
fi

# 2. The filter's jar, and a Redis of its own for the filter run
jar=$(ls "$root"/redis-session/target/redis-session-*-all.jar 2>/dev/null | head -n 1)
if [[ $mode == filter && -z $jar ]]; then
  (cd "$root" && mvn -q -DskipTests install) || { echo "building the filter failed" >&2; exit 1; }
  jar=$(ls "$root"/redis-session/target/redis-session-*-all.jar | head -n 1)
fi
redis_pid=""
if [[ $mode == filter ]]; then
  if redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    echo "port $redis_port already has a Redis; choose another REDIS_PORT" >&2; exit 1
  fi
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$logs/redis.log" 2>&1 &
  redis_pid=$!
  trap 'kill "$redis_pid" 2>/dev/null' EXIT
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
fi

# 3. The subset, one JVM and one Tomcat per test class
marker=$(mktemp)
(cd "$here" && mvn -B test -Dtck.mode="$mode" -Dtck.redis.uri="redis://127.0.0.1:$redis_port" \
    ${jar:+-Dtck.redis.jar="$jar"}) > "$logs/run-$mode.log" 2>&1 || true
# the Arquillian adapter leaves an empty /tmp/tomcat-embedded-*.tmp skeleton per class: remove those of this run
for d in "${TMPDIR:-/tmp}"/tomcat-embedded-*.tmp; do
  if [[ -d $d && $d -nt $marker && -z $(find "$d" -type f | head -n 1) ]]; then rm -rf "$d"; fi
done
rm -f "$marker"
if [[ $mode == filter ]]; then
  echo "Redis keys after the run: $(redis-cli -p "$redis_port" DBSIZE) (the filter was active if more than 0)"
fi
python3 "$here/summarize.py" "$work/surefire-reports-$mode" | tee "$work/summary-$mode.txt"
