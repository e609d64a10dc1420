# SPDX-License-Identifier: MIT
# The sentiment stage's tests: textmatch (normaliser, matcher, negation), the scorer's rules,
# the lexicon loader, and the accuracy floor on ../shared data (skipped when absent).
hugi_unit_test(textmatch LIBS hugi_sent)
hugi_unit_test(sent LIBS hugi_sent Threads::Threads)
add_test(NAME sent/docs-list-options
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sent_docs.sh $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(sent/docs-list-options PROPERTIES TIMEOUT 30)
