#!/usr/bin/env bash
# Builds the in-process Neo4j test launcher (tests/neo4j): compiles the one Java class and
# writes classpath.txt (the runtime classpath: neo4j-harness and its dependencies from the
# local Maven repository). Quiet and idempotent: does nothing when the last build is newer
# than pom.xml, the Java sources and this script, and every jar it lists still exists.
# Tries Maven offline first (everything already in ~/.m2), then online (Maven Central).
#
# Usage: tests/neo4j/build.sh [--force] [extra Maven args, e.g. -Dmaven.repo.local=/tmp/m2]
# Needs: JDK 17+ (javac) and Maven 3.8+ (Debian: apt-get install openjdk-17-jdk-headless maven).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

force=0
if [[ "${1:-}" == "--force" ]]; then
    force=1
    shift
fi

stamp=target/.build-stamp
mkdir -p target

up_to_date() {
    [[ -f "$stamp" && -s classpath.txt && -f target/classes/org/newsgraph/testing/Neo4jLauncher.class ]] || return 1
    local f
    for f in pom.xml build.sh $(find src -type f); do
        [[ "$stamp" -nt "$f" ]] || return 1
    done
    # The local Maven repository may have been wiped since: check that every jar is there.
    local IFS=':'
    for f in $(<classpath.txt); do
        [[ -f "$f" ]] || return 1
    done
    return 0
}

# Serialize concurrent builds (two pytest sessions starting at once).
exec 9>target/.build.lock
if command -v flock >/dev/null 2>&1; then
    flock 9
fi

if [[ $force -eq 0 ]] && up_to_date; then
    exit 0
fi

for tool in mvn javac; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "tests/neo4j/build.sh: '$tool' not found; install a JDK 17+ and Maven" \
             "(apt-get install openjdk-17-jdk-headless maven)" >&2
        exit 127
    fi
done

goals=(compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt.tmp
       -Dmdep.includeScope=runtime)
log=target/build.log
start=$(date +%s)
rm -f target/classpath.txt.tmp
if mvn -B -q -o "${goals[@]}" "$@" >"$log" 2>&1; then
    mode=offline
else
    echo "tests/neo4j/build.sh: resolving neo4j-harness from Maven Central (first build)..." >&2
    if mvn -B -q -ntp "${goals[@]}" "$@" >"$log" 2>&1; then
        mode=online
    else
        echo "tests/neo4j/build.sh: Maven build failed; last lines of $here/$log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
fi
mv -f target/classpath.txt.tmp classpath.txt
touch "$stamp"
echo "tests/neo4j/build.sh: Neo4j test launcher built ($mode, $(( $(date +%s) - start )) s)" >&2
