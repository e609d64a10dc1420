# SPDX-License-Identifier: MIT
# The `hugi lexicon learn` options of the shipped learned lexicons, shared by lexicons/learn.sh
# (make lexicons) and bench/accuracy.sh (the cross-fitted figures), so both learn alike.
# Sourced by bash; $lx is the lexicons directory. Why these values: lexicons/README.md.
KO_LEARN=(--min-count 3 --max-terms 300000 --min-z 0.01 --select 80000 --across 3 --hangul-only
          --hangul-punct
          --neutral "$lx/neutral.tsv"
          --refine 5 --rate 0.01)
EN_LEARN=(--min-count 3 --max-terms 20000 --min-z 1.0 --neutral "$lx/neutral.tsv"
          --refine 5 --rate 0.02)
