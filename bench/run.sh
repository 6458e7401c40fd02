#!/usr/bin/env bash
# Runs every benchmark (about 10 minutes on 2 cores) and prints one markdown table with the targets of issue 9.
#   bench/run.sh                 all benchmarks, short job (3 warm-ups, 8 iterations of 150 ms, one process each)
#   bench/run.sh --filter '*Mlp*'  a subset (any BenchmarkDotNet argument passes through)
#   bench/run.sh --in-process ...  run in this process (no build per job: on a loaded machine that build can time out)
#   bench/run.sh --smoke         every case once, round-trip-checked (what CI runs; about a minute)
set -euo pipefail
cd "$(dirname "$0")/ModelGen.Benchmarks"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release --nologo -v q -clp:ErrorsOnly
if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
exec dotnet bin/Release/net10.0/ModelGen.Benchmarks.dll "$@"
