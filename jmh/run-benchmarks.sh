#!/usr/bin/env bash
# Runs the codec benchmarks (every codec that can run here, every data set) and prints the
# Markdown table that goes into BENCHMARKS.md. Not part of CI.
#
# Usage: jmh/run-benchmarks.sh [--quick] [extra JMH arguments, e.g. -p dataSet=fbank,randn]
#   default  2 forks, 3 x 1 s warmup, 3 x 400 ms measurement per trial: about 4.5 minutes per codec
#   --quick  1 fork, 1 x 1 s warmup, 3 x 500 ms measurement: a smoke run, under 2 minutes per codec
# Builds jmh/target/benchmarks.jar if it is missing; delete it (or run ./mvnw package) after
# changing the code. Results: jmh/target/jmh-results.json (JMH's JSON), table on stdout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=../bin/jdk25.sh
. "$root/bin/jdk25.sh"
lilcom_find_jdk25
java="$JAVA_HOME/bin/java"
jar="$here/target/benchmarks.jar"
results="$here/target/jmh-results.json"

command="jmh/run-benchmarks.sh$(printf " %q" "$@")"
timing=()
if [ "${1:-}" = "--quick" ]; then
  timing=(-f 1 -wi 1 -w 1s -i 3 -r 500ms)
  shift
fi

if [ ! -f "$jar" ]; then
  echo "run-benchmarks: building $jar" >&2
  (cd "$root" && ./mvnw -B -q -pl jmh -am package -DskipTests)
fi
echo "run-benchmarks: $jar built $(date -r "$jar" '+%Y-%m-%d %H:%M')" >&2

codecs=()
case " $* " in
  *" codec="*) ;;  # the caller chose the codecs
  *) codecs=(-p "codec=$("$java" --add-modules jdk.incubator.vector -cp "$jar" dev.lilcom.jmh.AvailableCodecs)") ;;
esac

# -foe: a codec that disagrees with the scalar one stops the run instead of scrolling past.
"$java" -jar "$jar" CodecBenchmark "${timing[@]}" "${codecs[@]}" -foe true -prof gc \
  -rf json -rff "$results" "$@" >&2

echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $("$java" -version 2>&1 | head -n 1)"
echo "Command: $command"
echo
"$java" -cp "$jar" dev.lilcom.jmh.ResultsTable "$results"
