#!/usr/bin/env bash
# Coverage-guided fuzzing of one ModelGen entry point with SharpFuzz and AFL++ (docs/security.md).
#   bash fuzz/run.sh TARGET SECONDS      TARGET: binary | binary2 | json | dictionary | inspect | inspect2
# Publishes the harness to fuzz/out/TARGET/bin, instruments the ModelGen assemblies with the sharpfuzz tool (installed
# from the NuGet feed into fuzz/out/tools), writes the seed corpus from the test and sample models, runs afl-fuzz for
# SECONDS and prints executions, paths (corpus count) and crashes; each crash is then replayed to show its exception.
# Needs afl-fuzz (Debian: apt-get install afl++). Exits 1 when a crash was found.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
case $target in binary|binary2|json|dictionary|inspect|inspect2) ;; *) echo "unknown target '$target'" >&2; exit 2 ;; esac
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is not installed (Debian: apt-get install afl++)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=$PWD/out/$target
tools=$PWD/out/tools
rm -rf "$out"
mkdir -p "$out"

if [ ! -x "$tools/sharpfuzz" ]; then
    flock "$PWD/out/.build.lock" dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

echo "== publish"
# Under a lock: several targets may be fuzzed at once, and they share the build's obj folders.
flock "$PWD/out/.build.lock" dotnet publish ModelGen.Fuzz/ModelGen.Fuzz.csproj -c Release -o "$out/bin" -p:UseAppHost=false >"$out/publish.log" 2>&1 \
    || { cat "$out/publish.log"; exit 1; }

echo "== seed corpus"
dotnet "$out/bin/ModelGen.Fuzz.dll" seed "$out/seeds" | grep "^$target:"

# Instrumented code must run under afl-fuzz only (outside, SharpFuzz's trace map is not mapped): keep a plain copy
# of the harness to replay crashes with.
cp -r "$out/bin" "$out/plain"

echo "== instrument"
# The code under test: the runtime, the inspect tool's decoder, and the generated readers of the models. Not the
# harness itself, SharpFuzz, or the framework.
for dll in ModelGen.dll ModelGen.Tool.dll ModelGen.Fuzz.Models.dll; do
    "$tools/sharpfuzz" "$out/bin/$dll"
done

echo "== afl-fuzz $target for $seconds s"
# dotnet is not an AFL-instrumented binary (SharpFuzz reports coverage itself); the runtime takes seconds to start.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_FORKSRV_INIT_TMOUT=60000 AFL_NO_AFFINITY=1
afl-fuzz -i "$out/seeds/$target" -o "$out/findings" -t 5000 -m none -V "$seconds" \
    -- dotnet "$out/bin/ModelGen.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 || { tail -n 40 "$out/afl.log"; exit 1; }

stats=$out/findings/default/fuzzer_stats
stat() { grep -E "^$1 *:" "$stats" | head -n 1 | sed 's/.*: *//'; }
crashes=$(stat saved_crashes)
[ -n "$crashes" ] || crashes=$(stat unique_crashes)
echo "target $target: $(stat run_time) s, $(stat execs_done) executions ($(stat execs_per_sec)/s), $(stat corpus_count) paths, $crashes crashes, $(stat saved_hangs) hangs"

if [ "${crashes:-0}" -gt 0 ]; then
    echo "== crashes (replayed outside afl-fuzz)"
    dotnet "$out/plain/ModelGen.Fuzz.dll" replay "$target" "$out/findings/default/crashes" || true
    exit 1
fi
