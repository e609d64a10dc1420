# SPDX-License-Identifier: MIT
# Food-delivery round (round seven): the shipped scorer's accuracy floors on hugi's own
# hand-written Korean food-delivery reviews (bench/README.md, "Round seven: food delivery"; each
# floor = the measured accuracy minus 2 points): food-ko.tsv (0.9835), food-ko2.tsv (0.9500),
# food-ko3.tsv (0.9625, never tuned on).
# The complaint sets complaints-food*.tsv are measured by unit/complaint_eval.
foreach(set_floor IN ITEMS "food-ko;0.9635" "food-ko2;0.93" "food-ko3;0.94")
    list(GET set_floor 0 set)
    list(GET set_floor 1 floor)
    add_test(NAME sent/shop-accuracy-${set}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sent_shop.sh $<TARGET_FILE:hugi>
                     ${CMAKE_CURRENT_SOURCE_DIR}/data/score-shop/${set}.tsv ${floor})
    set_tests_properties(sent/shop-accuracy-${set} PROPERTIES TIMEOUT 60)
endforeach()
