#!/usr/bin/env bash
# Runs the session tester demo: /session1 and /session2 on Tomcat, Jetty and Undertow
# (ports 8081, 8082, 8083), all sharing one session kept in Redis.
#
#   ./demo.sh                     build if needed, start a local Redis, run on 8081-8083
#   ./demo.sh 9081 9082 9083      other ports (or DEMO_PORTS=9081,9082,9083 ./demo.sh)
#   REDIS_URI=redis://host:6379 ./demo.sh     use an existing Redis
#
# Needs a JDK 17 or later and, for the first run, Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
jar=examples/target/session-tester.jar

fail() {
    echo "demo.sh: $*" >&2
    exit 1
}

command -v java >/dev/null 2>&1 || fail "java not found: install a JDK 17 or later and put it on PATH."
java_version="$(java -version 2>&1 | sed -n 's/.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1)"
if [[ -n $java_version && $java_version -lt 17 ]]; then
    fail "Java $java_version found; the demo needs Java 17 or later."
fi

# Builds unless the jar and its libraries are newer than every source file and pom.
needs_build() {
    [[ -f $jar && -d examples/target/lib ]] || return 0
    [[ -n "$(find pom.xml ./*/pom.xml ./*/src -type f -newer "$jar" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
    command -v mvn >/dev/null 2>&1 || fail "mvn not found: install Maven 3.6 or later to build the demo."
    echo "Building redis-session and the demo (mvn -q -DskipTests install; the first build downloads dependencies)..."
    mvn -q -DskipTests install || fail "the build failed; see the Maven output above."
    [[ -f $jar ]] || fail "the build did not produce $jar."
    touch "$jar" # Maven keeps an unchanged jar's old time: mark this build as the latest
fi

exec java -jar "$jar" "$@"
