#!/usr/bin/env bash
# Publishes the sample with NativeAOT for linux-x64, fails on any build, trim or AOT warning, then runs the native
# binary, which performs the sample's own checks (SQLite round trips, bit-identical predictions, the version-1 file).
# Needs a C toolchain: clang (the SDK's default) or, when clang is missing, gcc with the bfd linker.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$out" "$log"' EXIT

toolchain=()
if ! command -v clang >/dev/null 2>&1; then
  command -v gcc >/dev/null 2>&1 || { echo "NativeAOT needs clang or gcc on PATH"; exit 1; }
  toolchain=(-p:CppCompilerAndLinker=gcc)
fi

start=$SECONDS
dotnet publish samples/ModelGen.Sample -c Release -r linux-x64 -p:PublishAot=true "${toolchain[@]}" -o "$out" 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "the NativeAOT publish failed"; exit 1; }
if grep -Eq '(warning|error) [A-Z]+[0-9]+' "$log"; then
  echo "the NativeAOT publish reported warnings:"; grep -E '(warning|error) [A-Z]+[0-9]+' "$log" | sort -u
  exit 1
fi
echo "published in $((SECONDS - start)) s: native binary $(stat -c %s "$out/ModelGen.Sample") bytes, publish folder $(du -sb --exclude='*.dbg' --exclude='*.pdb' --exclude='*.xml' "$out" | cut -f1) bytes without symbols"

"$out/ModelGen.Sample"
