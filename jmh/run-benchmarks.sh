#!/usr/bin/env bash
# Runs the codec benchmarks (every codec that can run here, every data set) and prints the
# Markdown table that goes into BENCHMARKS.md. Not part of CI.
#
# Usage: jmh/run-benchmarks.sh [--quick] [--isa avx512|avx2|sse] [extra JMH arguments, e.g. -p dataSet=fbank,randn]
#   default  2 forks, 3 x 1 s warmup, 3 x 400 ms measurement per trial: about 4.5 minutes per codec
#   --quick  1 fork, 1 x 1 s warmup, 3 x 500 ms measurement: a smoke run, under 2 minutes per codec
#   --isa    on x86, the instruction set C2 may use in the forks (-XX:UseAVX=3, 2 or 0 through
#            JAVA_TOOL_OPTIONS): the machines users have (AVX2 without scatter; 128-bit SSE, the
#            width of ARM's NEON) emulated on a wider one. Default: everything the CPU has.
#            Other JMH benchmarks run the same way, e.g. KernelBenchmark (one kernel, scalar
#            against lanes): jmh/run-benchmarks.sh --isa avx2 KernelBenchmark; and
#            PairedCodecBenchmark (both codecs call for call in one JVM, the steadier ratio on a
#            shared machine; its own table): jmh/run-benchmarks.sh --isa sse PairedCodecBenchmark
# Builds jmh/target/benchmarks.jar if it is missing; delete it (or run ./mvnw package) after
# changing the code. Results: jmh/target/jmh-results[-BENCHMARK][-ISA].json (JMH's JSON), table on stdout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=../bin/jdk25.sh
. "$root/bin/jdk25.sh"
lilcom_find_jdk25
java="$JAVA_HOME/bin/java"
jar="$here/target/benchmarks.jar"

command="jmh/run-benchmarks.sh$(printf " %q" "$@")"
timing=()
isa=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) timing=(-f 1 -wi 1 -w 1s -i 3 -r 500ms); shift ;;
    --isa)
      case ${2:-} in
        avx512) isa_flag=-XX:UseAVX=3 ;;
        avx2) isa_flag=-XX:UseAVX=2 ;;
        sse) isa_flag=-XX:UseAVX=0 ;;
        *) echo "run-benchmarks: --isa takes avx512, avx2 or sse; got '${2:-}'" >&2; exit 2 ;;
      esac
      isa=$2
      export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }$isa_flag"
      shift 2 ;;
    *) break ;;
  esac
done
benchmark=CodecBenchmark
case ${1:-} in
  -*|"") ;;
  *) benchmark=$1; shift ;;  # another benchmark class, or a JMH regex, e.g. KernelBenchmark, 'CodecBenchmark.compress$'
esac
# the class the benchmark (or regex) names: it decides the codec list, the file name and the table
class=${benchmark%%[^A-Za-z0-9_]*}
# one results file per benchmark class and level, e.g. jmh-results-avx2.json, jmh-results-KernelBenchmark-sse.json
suffix=""
[ "$class" = CodecBenchmark ] || suffix="-$class"
results="$here/target/jmh-results$suffix${isa:+-$isa}.json"

if [ ! -f "$jar" ]; then
  echo "run-benchmarks: building $jar" >&2
  (cd "$root" && ./mvnw -B -q -pl jmh -am package -DskipTests)
fi
echo "run-benchmarks: $jar built $(date -r "$jar" '+%Y-%m-%d %H:%M')" >&2

codecs=()
case " $* " in
  *" codec="*) ;;  # the caller chose the codecs
  *) [ "$class" != CodecBenchmark ] ||
       codecs=(-p "codec=$("$java" --add-modules jdk.incubator.vector -cp "$jar" dev.lilcom.jmh.AvailableCodecs)") ;;
esac

# -foe: a codec that disagrees with the scalar one stops the run instead of scrolling past.
"$java" -jar "$jar" "$benchmark" "${timing[@]}" "${codecs[@]}" -foe true -prof gc \
  -rf json -rff "$results" "$@" >&2

echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $("$java" -version 2>&1 | grep -v '^Picked up' | head -n 1)"
echo "Vector codec: $("$java" --add-modules jdk.incubator.vector -Ddev.lilcom.vector.warmup=false -cp "$jar" dev.lilcom.jmh.AvailableCodecs --describe 2>/dev/null)"
echo "Command: $command"
echo
case $class in
  CodecBenchmark) "$java" -cp "$jar" dev.lilcom.jmh.ResultsTable "$results" 2> >(grep -v '^Picked up' >&2) ;;
  PairedCodecBenchmark) "$java" -cp "$jar" dev.lilcom.jmh.PairedTable "$results" 2> >(grep -v '^Picked up' >&2) ;;
esac
