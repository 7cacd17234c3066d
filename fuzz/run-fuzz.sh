#!/usr/bin/env bash
# Long fuzz run of the lilcom decoders (dev.lilcom.fuzz.BlobFuzzer) on every codec this JVM has.
#
#   fuzz/run-fuzz.sh --mutations 10000000 --seed random      # a long run; prints its seed first
#   fuzz/run-fuzz.sh --seed S --from-case K --mutations 1    # replay case K of a failed run
#
# Every failure prints its seed and case index with the replay command. The run is single-threaded
# and niced, to leave a shared machine usable; exit status 1 means something failed.
# The golden blobs of codec-scalar are mutated besides random arrays (--golden is set here).
# Builds the fuzz module first (not its dependencies: install codec-scalar/codec-vector yourself).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/bin/jdk25.sh"
lilcom_find_jdk25

cd "$root"
./mvnw -B -q -pl fuzz -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath >&2
classpath="$here/target/classes:$(cat "$here/target/fuzz.classpath")"

exec nice -n 19 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -Xss4m --add-modules jdk.incubator.vector -Ddev.lilcom.vector.warmup=false \
    -cp "$classpath" dev.lilcom.fuzz.BlobFuzzer --golden "$root/codec-scalar/src/test/resources/golden" "$@"
