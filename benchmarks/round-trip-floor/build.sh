#!/usr/bin/env bash
# Builds round-trip-floor.jar beside this script: the RoundTripFloorFilter of docs/benchmarks.md, and NearCacheFilter
# (the session filter with nearCache=on, compiled against the -all jar given as first argument, if any).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
api=jakarta.servlet:jakarta.servlet-api:6.0.0
mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact=$api -DoutputDirectory="$here/target"
rm -rf "$here/target/classes" && mkdir -p "$here/target/classes"
javac --release 17 -cp "$here/target/jakarta.servlet-api-6.0.0.jar" -d "$here/target/classes" "$here/RoundTripFloorFilter.java"
if [[ -n ${1:-} ]]; then
  javac --release 17 -cp "$here/target/jakarta.servlet-api-6.0.0.jar:$1" -d "$here/target/classes" "$here/NearCacheFilter.java"
fi
jar cf "$here/target/round-trip-floor.jar" -C "$here/target/classes" .
echo "$here/target/round-trip-floor.jar"
