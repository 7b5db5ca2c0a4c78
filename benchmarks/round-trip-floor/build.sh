#!/usr/bin/env bash
# Builds round-trip-floor.jar (the RoundTripFloorFilter of docs/benchmarks.md) beside this script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
api=jakarta.servlet:jakarta.servlet-api:6.0.0
mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact=$api -DoutputDirectory="$here/target"
rm -rf "$here/target/classes" && mkdir -p "$here/target/classes"
javac --release 17 -cp "$here/target/jakarta.servlet-api-6.0.0.jar" -d "$here/target/classes" "$here/RoundTripFloorFilter.java"
jar cf "$here/target/round-trip-floor.jar" -C "$here/target/classes" .
echo "$here/target/round-trip-floor.jar"
