#!/usr/bin/env bash
# CI check that lilcom-java works as a dependency: installs it into the local Maven repository
# (./mvnw install, as README says), builds examples/compress-array against the installed
# coordinates, and runs it on JDK 17 (the scalar codec) and JDK 25 (the vector codec). Fails if
# either JDK is missing or the wrong codec runs.
#
# It installs into ~/.m2 unless told otherwise through Maven's MAVEN_ARGS, e.g. to keep a shared
# repository untouched: MAVEN_ARGS="-Dmaven.repo.local=/tmp/m2 -Dmaven.repo.local.tail=$HOME/.m2/repository"
# Finds JDK 25 as bin/test does; JDK 17 at $JDK17_HOME, else /usr/lib/jvm/java-17-openjdk-amd64.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=bin/jdk25.sh
. "$root/bin/jdk25.sh"
lilcom_find_jdk25
jdk25=$JAVA_HOME
jdk17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
if ! "$jdk17/bin/java" -version 2>&1 | grep -q 'version "17'; then
  echo "examples/run.sh: no JDK 17 at $jdk17 (set JDK17_HOME to one); the example must be run on Java 17" >&2
  exit 1
fi

# Only the codecs and what they build on: the example needs no more, and the Spark and DJL modules'
# javadoc would double the time this takes.
echo "examples/run.sh: installing the codecs (./mvnw install -DskipTests -pl codec-scalar,codec-vector -am)" >&2
(cd "$root" && ./mvnw -B -q install -DskipTests -pl codec-scalar,codec-vector -am)

project=$here/compress-array
echo "examples/run.sh: building $project against the installed artifacts" >&2
"$root/mvnw" -B -q -f "$project/pom.xml" package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$project/target/classpath"
deps=$(cat "$project/target/classpath")

# Runs the example on JDK $1 with class path $2 and extra JVM options after; checks the codec named.
run() {
  local jdk=$1 cp=$2 codec=$3
  shift 3
  local out
  out=$("$jdk/bin/java" "$@" -cp "$project/target/classes:$cp" example.CompressArray)
  printf '%s\n' "$out"
  if ! grep -q "^codec: $codec " <<<"$out"; then
    echo "examples/run.sh: expected the $codec codec on $jdk" >&2
    exit 1
  fi
}

# JDK 17 with the whole class path, vector jar included, as an application would have it: the
# codec loader falls back to the scalar codec and says why.
run "$jdk17" "$deps" scalar
run "$jdk17" "$deps" scalar --add-modules jdk.incubator.vector
run "$jdk25" "$deps" vector --add-modules jdk.incubator.vector
echo "examples/run.sh: the example ran on JDK 17 (scalar) and JDK 25 (vector)" >&2
