#!/usr/bin/env bash
# Usage: RUNS=5 benches/suggest-ab.sh OLD_BINARY NEW_BINARY CORPUS
# Runs `dossier suggest CORPUS` with the two binaries alternately RUNS times
# each (so both see the same load) and prints each one's wall times and
# CPU times (user + system) with their medians.
set -eu
OLD=$1 NEW=$2 C=$3 RUNS=${RUNS:-5}
: > ${TMPDIR:-/tmp}/suggest-ab-old.txt; : > ${TMPDIR:-/tmp}/suggest-ab-new.txt
for r in $(seq $RUNS); do
  for v in old new; do
    b=$OLD; [ $v = new ] && b=$NEW
    /usr/bin/time -f "%e %U %S" -o ${TMPDIR:-/tmp}/suggest-ab-time.txt $b suggest $C > /dev/null 2>&1
    awk '{print $1, $2 + $3}' ${TMPDIR:-/tmp}/suggest-ab-time.txt >> ${TMPDIR:-/tmp}/suggest-ab-$v.txt
  done
done
med() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for v in old new; do
  echo "$v wall: $(awk '{printf "%s ", $1}' ${TMPDIR:-/tmp}/suggest-ab-$v.txt)median $(awk '{print $1}' ${TMPDIR:-/tmp}/suggest-ab-$v.txt | med); cpu: $(awk '{printf "%.2f ", $2}' ${TMPDIR:-/tmp}/suggest-ab-$v.txt)median $(awk '{print $2}' ${TMPDIR:-/tmp}/suggest-ab-$v.txt | med)"
done
