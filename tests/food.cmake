# SPDX-License-Identifier: MIT
# Food-delivery round (round seven): the shipped scorer's accuracy floor on hugi's own
# hand-written Korean food-delivery reviews (tests/data/score-shop/food-ko.tsv; bench/README.md,
# "Round seven: food delivery"; floor = measured 0.9835 minus 2 points). The complaint set complaints-food.tsv is measured by
# unit/complaint_eval (tests/complaint.cmake).
add_test(NAME sent/shop-accuracy-food-ko
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sent_shop.sh $<TARGET_FILE:hugi>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/score-shop/food-ko.tsv 0.9635)
set_tests_properties(sent/shop-accuracy-food-ko PROPERTIES TIMEOUT 60)
