#!/usr/bin/env bash
# Make sure a Java 17+ runtime is there for local Spark (pyspark); install
# Debian's OpenJDK 17 when it is missing (apt-get, needs root). Prints the
# java launcher's path.
set -euo pipefail

java_ok() {
    local java="$1" major
    [ -x "$java" ] || return 1
    major="$("$java" -version 2>&1 | awk -F'"' '/version/ {print $2}' | cut -d. -f1)"
    [ -n "$major" ] && [ "$major" -ge 17 ]
}

find_java() {
    local java
    for java in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
        if [ -n "$java" ] && java_ok "$java"; then
            echo "$java"
            return 0
        fi
    done
    return 1
}

if find_java; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "java.sh: Spark needs Java 17+ and none was found; install one, e.g." >&2
    echo "    sudo apt-get install -y openjdk-17-jre-headless" >&2
    exit 1
fi
echo "java.sh: installing OpenJDK 17 (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq openjdk-17-jre-headless >&2
find_java || { echo "java.sh: installation gave no java 17+" >&2; exit 1; }
