#!/bin/sh
# Writes seeds for every fuzz target into fuzz/seeds/<target>/ (gitignored): the Office files, PDFs and
# CSVs of fixtures/ and examples/, the parts of the Office files (XML, EMF/WMF, pictures, fonts; what
# `unzip` would give) and the pieces of the PDFs (content streams, CMaps, font programs), the smallest
# PER_TARGET (default 30) of each. Same selection as tests/fuzz_smoke.rs (lak::fuzzing::seeds).
# Usage: fuzz/seeds.sh [PER_TARGET]   (after `cargo afl build --release` in fuzz/)
set -eu
cd "$(dirname "$0")"
rm -rf seeds
mkdir -p seeds
bin=target/release/extract_seeds
[ -x "$bin" ] || cargo afl build --release -j 1 --bin extract_seeds
"$bin" seeds "${1:-30}" ../fixtures ../examples
# Small hand-made seeds where the fixtures have none (committed under fuzz/hand-seeds/<target>/).
for dir in hand-seeds/*/; do
    t=$(basename "$dir")
    mkdir -p "seeds/$t"
    cp "$dir"* "seeds/$t/"
done
for d in seeds/*/; do
    printf '%-14s %4d seeds\n' "$(basename "$d")" "$(ls "$d" | wc -l)"
done
