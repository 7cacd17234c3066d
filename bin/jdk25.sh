# Sourced by bin/test, bin/lilcom and .ci/run: exports JAVA_HOME pointing at a JDK 25 or newer.
# Honours JAVA_HOME when it is 25+, otherwise looks in the usual JVM folders.
# On failure prints what is missing and returns 1.

lilcom_java_major() {
  # Prints the feature version of the JDK in $1 (e.g. 25), or nothing.
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "$v"
}

lilcom_find_jdk25() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(lilcom_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME
      return 0
    fi
    echo "note: JAVA_HOME=$JAVA_HOME is Java ${major:-unknown}, not 25+; looking for a JDK 25 elsewhere" >&2
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(lilcom_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    cat >&2 <<'MSG'
error: no JDK 25 or newer found.
  lilcom-java builds with JDK 25 (the vector codec needs jdk.incubator.vector from JDK 25).
  Looked at $JAVA_HOME and /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks.
  Install one (for example Temurin 25: apt-get install temurin-25-jdk) or set JAVA_HOME to it.
MSG
    return 1
  fi
  export JAVA_HOME=$best
  return 0
}
