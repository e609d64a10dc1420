# SPDX-License-Identifier: MIT
# Food-delivery round (round seven): the shipped scorer's accuracy floors on hugi's own
# hand-written Korean food-delivery reviews (bench/README.md, "Round seven: food delivery"; each
# floor = the measured accuracy minus 2 points): food-ko.tsv (0.9835), food-ko2.tsv (0.9500),
# food-ko3.tsv (0.9625, never tuned on).
# The complaint sets complaints-food*.tsv are measured by unit/complaint_eval.
hugi_accuracy_floors(shop score-shop food-ko 0.9635 food-ko2 0.93 food-ko3 0.94)
