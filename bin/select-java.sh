# Sourced by ./tributary, ./mvnw callers and .ci/run: makes sure JAVA_HOME points at a JDK 21+.
# Order: $JAVA_HOME if it is 21+, then `java` on PATH if it is 21+, then the newest JDK found
# under /usr/lib/jvm or /opt. Prints a clear message and fails when none is found.

_tributary_java_major() { # $1 = path to a java binary
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

_tributary_pick_java() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(_tributary_java_major "$JAVA_HOME/bin/java")
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(_tributary_java_major "$(command -v java)")
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -rV); do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(_tributary_java_major "$candidate/bin/java")
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      return 0
    fi
  done
  echo "Tributary needs a JDK 21 or newer. Install one and set JAVA_HOME to it." >&2
  return 1
}

_tributary_pick_java || exit 2
export PATH="$JAVA_HOME/bin:$PATH"
