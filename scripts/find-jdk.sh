# Sourced by ./cli-proxy-api, ./run-tests and bench/run: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* (newest first).
# A JDK (not just a JRE) is required because the first run builds the jar.

cliproxy_java_major() { # prints the feature version of the java binary in $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

cliproxy_jdk_ok() { # $1 = candidate JAVA_HOME
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(cliproxy_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

cliproxy_find_jdk() {
  local tried=()
  if [ -n "${JAVA_HOME:-}" ]; then
    cliproxy_jdk_ok "$JAVA_HOME" && return 0
    tried+=("JAVA_HOME=$JAVA_HOME")
  fi
  if command -v java >/dev/null 2>&1; then
    local home
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if cliproxy_jdk_ok "$home"; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
    tried+=("java on PATH ($home, version $(cliproxy_java_major "$home/bin/java"))")
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if cliproxy_jdk_ok "$candidate"; then JAVA_HOME=$candidate; export JAVA_HOME; return 0; fi
    tried+=("$candidate")
  done
  {
    echo "cli-proxy-api needs a JDK 21 or newer (java and javac), and none was found."
    echo "Looked at: ${tried[*]:-nothing (no JAVA_HOME, no java on PATH, no /usr/lib/jvm)}"
    echo "Install one (for example: apt-get install openjdk-21-jdk, or Temurin 21/25),"
    echo "or point JAVA_HOME at it, then run this command again."
  } >&2
  return 1
}
