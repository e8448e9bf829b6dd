#!/bin/sh
# Runs one fuzz target under AFL++ for SECONDS (default 300), niced, from fuzz/seeds/<target>/ into
# fuzz/out/<target>/ (gitignored), then prints one row for the table in docs/fuzzing.md.
# Usage: fuzz/run.sh TARGET [SECONDS]   (after `cargo afl build --release` and fuzz/seeds.sh)
set -eu
cd "$(dirname "$0")"
t=$1
secs=${2:-300}
rm -rf "out/$t"
mkdir -p out
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_CRASHES=1 \
    nice -n 10 cargo afl fuzz -i "seeds/$t" -o "out/$t" -V "$secs" -t 2000 "target/release/$t" \
    > "out/$t.log" 2>&1 || true
s=out/$t/default/fuzzer_stats
get() { sed -n "s/^$1 *: *//p" "$s"; }
echo "| $t | $(get run_time) | $(get execs_done) | $(get corpus_count) | $(get bitmap_cvg) | $(get saved_crashes) | $(get saved_hangs) |"
