# SPDX-License-Identifier: MIT
# The sentiment stage's tests: textmatch (normaliser, matcher, negation), the scorer's rules,
# the lexicon loader, and the accuracy floor on ../shared data (skipped when absent).
hugi_unit_test(textmatch LIBS hugi_sent)
hugi_unit_test(sent LIBS hugi_sent Threads::Threads)
hugi_unit_test(sentlearn LIBS hugi_sent)
hugi_unit_test(sent_ko10 LIBS hugi_sent)
hugi_unit_test(sent_ko12 LIBS hugi_sent)
hugi_unit_test(sent_ko13 LIBS hugi_sent)
hugi_unit_test(sent_en10 LIBS hugi_sent)
hugi_unit_test(sent_en11 LIBS hugi_sent)
hugi_unit_test(sent_en12 LIBS hugi_sent)
hugi_unit_test(sent_en13 LIBS hugi_sent)
hugi_unit_test(sent_en14 LIBS hugi_sent)
add_test(NAME sent/docs-list-options
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/sent_docs.sh $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(sent/docs-list-options PROPERTIES TIMEOUT 30)
# Shop reviews (hand-written for hugi): the shipped lexicons must keep the accuracy measured
# after the shop tuning, minus 2 points (bench/README.md, "Shop reviews").
# ko2/en2/ko4-ko10/en4 (development) and ko3/en3 (held out, never tuned on): composed for the shopping
# vocabulary round three, floors 2 points under the figures measured after it.
hugi_accuracy_floors(shop score-shop ko 0.95 en 0.98 ko2 0.9567 en2 0.9328 ko3 0.92 en3 0.98
                     ko4 0.93 ko5 0.8787 ko6 0.9467 ko7 0.9467 en4 0.943 ko8 0.96 ko9 0.92 ko10 0.955)
# The blind sets (tests/data/score-blindN), each written by a helper who ran nothing and read no
# lexicon, before the scorer changes of its session: unseen-data estimates. Floors about 2 points
# under the figures measured at their landing.
# - blind7: composed Korean food-delivery and shopping, English shop and restaurant reviews
#   (session three; ko 0.900, en 0.875);
# - blind8: composed Korean shopping, app-store and food reviews, English product, app and
#   restaurant reviews (session four; ko 0.933, en 0.892);
# - blind9: composed Korean shopping, app-store and food-delivery reviews, English product,
#   restaurant and film sentences (session five; 0.8625 / 0.8667 at the session's start, ko 0.871,
#   en 0.875 after its lexicon work).
# - blind10: composed Korean shopping, app-store and food-delivery reviews, English product,
#   restaurant, app and film sentences (session six; 0.9167 / 0.900 at the session's start,
#   ko 0.929, en 0.892 after its lexicon work).
# - blind11: composed Korean shopping, app-store, food-delivery and film reviews, English product,
#   restaurant, app and film sentences (session seven; 0.9583 / 0.9167 at the session's start,
#   ko 0.9625, en 0.9167 after its lexicon work).
# - blind12: composed Korean shopping, app-store, food-delivery and film reviews, English product,
#   restaurant, film and app sentences (session eight; 0.9167 / 0.8417 at the session's start,
#   ko 0.9208, en 0.8667 after its lexicon work).
# - blind13: composed Korean shopping, app-store, food-delivery and film reviews, English product,
#   restaurant, film and hotel sentences (session nine; 0.9167 / 0.8250 at the session's start,
#   ko 0.9208, en 0.8333 after its lexicon work).
# - blind14: composed Korean reviews of used goods, travel, courses, games, meal kits, car care,
#   plants, eyewear, toys, clinics, food delivery and films/webtoons; English app, SaaS, book,
#   course, airline, home-service, gym, pet and podcast sentences (session ten; 0.9292 / 0.8333
#   at the session's start, ko 0.9417, en 0.8333 after its work).
# - blind15: composed Korean shop reviews in the style of Naver Shopping/Coupang (12 product
#   kinds), Korean film comments in the style of Naver Movies (NSMC), English product, restaurant
#   and film sentences in the style of the UCI sets: the three kinds the issue's targets name
#   (session eleven; ko-shop 0.9167, ko-film 0.8083, en 0.8222 at the session's start, 0.9167 /
#   0.8083 / 0.8333 after its work).
# - blind16: composed Korean shop reviews of ten product kinds the earlier sets left out (bedding,
#   tools, car accessories, camping, stationery, kitchen appliances, hair and body care, cleaning
#   products, plants, instruments), Korean film comments, Korean app-store reviews, English
#   UCI-style sentences and English reviews of services told mostly as facts (session twelve;
#   ko-shop 0.8700, ko-film 0.8333, ko-app 0.9167, en 0.9167, en-service 0.6917 at the session's
#   start; 0.8700 / 0.8333 / 0.9333 / 0.9167 / 0.7083 after its work).
# - blind17: composed Korean reviews of stays and travel products, of food bought online or
#   delivered, of cosmetics and fashion, Korean comments on dramas, webtoons, videos and games,
#   English app-store reviews and English shop product reviews, about a third of each side told
#   only as facts (session thirteen; ko-stay 0.8438, ko-food 0.8125, ko-beauty 0.8083,
#   ko-comment 0.8583, en-app 0.7857, en-product 0.8071 at the session's start; ko-beauty 0.8333
#   after its work, the rest unchanged).
# - probe6: session six's composed probe batches (not blind: written and measured before the
#   changes made for them, then used; each batch's before/after in its header, the last batch of each used for
#   nothing: ko 0.958, en 0.959).
# - probe7: session six's English film-sentence probes (en7; same method as probe6, batches
#   before/after in its header; 0.894 over all seven batches, the last one used for nothing).
# - probe8: session eight's English review sentences (en8; apps, products, restaurants, film,
#   hotels, services; written before any change of that session: main 0.8325, 0.931 after it;
#   en2.tsv: five more batches written during it, main 0.724, 0.881 after it).
# - probe8b: session eight's English review sentences written after its last change and
#   measured once (the session's unseen figure: main 0.72, 0.73 after it; bench/README.md
#   "Session eight: English (en8)").
# - probe9: session eight's Korean shop, app-store and food-delivery reviews (ko8; ko.tsv written
#   before any change of that session: main 0.9022, 0.9689 after it; ko2.tsv and ko3.tsv: two
#   more batches written during it, each measured before its own rules: main 0.856 / 0.9485,
#   0.960 / 1.000 after it; bench/README.md "Session eight: Korean shopping (ko8)").
# - probe9b: session eight's Korean shop, app-store and food-delivery reviews written after its
#   last change and measured once (the session's unseen figure: main 0.9024, 0.9146 after it).
# Session six raised the floors it beat by a margin: blind7 ko 0.9115 / en 0.8917, blind8 en
# 0.9083, blind9 ko 0.8875 / en 0.8917 after its lexicon work (bench/README.md "Session six").
hugi_accuracy_floors(blind7 score-blind7 ko 0.89 en 0.87)
hugi_accuracy_floors(blind8 score-blind8 ko 0.913 en 0.885)
hugi_accuracy_floors(blind9 score-blind9 ko 0.865 en 0.87)
hugi_accuracy_floors(blind10 score-blind10 ko 0.91 en 0.87)
hugi_accuracy_floors(blind11 score-blind11 ko 0.94 en 0.895)
hugi_accuracy_floors(blind12 score-blind12 ko 0.91 en 0.85)
hugi_accuracy_floors(blind13 score-blind13 ko 0.91 en 0.82)
hugi_accuracy_floors(blind14 score-blind14 ko 0.93 en 0.82)
hugi_accuracy_floors(blind15 score-blind15 ko-shop 0.90 ko-film 0.79 en 0.81)
hugi_accuracy_floors(blind16 score-blind16 ko-shop 0.86 ko-film 0.82 ko-app 0.92 en 0.90 en-service 0.69)
hugi_accuracy_floors(blind17 score-blind17 ko-stay 0.83 ko-food 0.80 ko-beauty 0.82 ko-comment 0.85 en-app 0.77 en-product 0.80)
hugi_accuracy_floors(probe6 score-probe6 ko 0.94 en 0.94)
hugi_accuracy_floors(probe7 score-probe7 en 0.87)
hugi_accuracy_floors(probe8 score-probe8 en 0.92 en2 0.87)
hugi_accuracy_floors(probe8b score-probe8b en 0.72)
hugi_accuracy_floors(probe9 score-probe9 ko 0.95 ko2 0.94 ko3 0.98)
hugi_accuracy_floors(probe9b score-probe9b ko 0.89)
# - sent-probe10: session nine's Korean shop, service and app reviews (ko9; bench/README.md
#   "Session nine: Korean (ko9)"): ko-a.tsv (207) written before any change of that session (main
#   0.9517, 0.9710 after it), ko-b.tsv (158) written after its last change and measured once (main
#   0.9241, 0.9177 after it). Floors about 2 points under the figures measured at landing.
hugi_accuracy_floors(probe10 sent-probe10 ko-a 0.95 ko-b 0.90)
# - sent-probe11: session ten's Korean reviews of second-hand trades, travel, online courses,
#   games, subscriptions, clinics and salons, car care, webtoons and dramas (ko10; bench/README.md
#   "Session ten: Korean (ko10)"): ko-a.tsv (161) written before any change of that session and
#   tuned on (main 0.8882, after it 0.9689), ko-b.tsv (152) written with it, not tuned on, measured
#   on main and after the last change (main 0.8684). Floors about 2 points under the figures
#   measured at landing.
hugi_accuracy_floors(probe11 sent-probe11 ko-a 0.95 ko-b 0.86)
# - sent-probe12: session eleven's Korean shopping reviews (ko11; bench/README.md "Session eleven:
#   Korean (ko11)"): ko-a.tsv (124) written before any change of that session and tuned on (main
#   0.9194, after it 0.9274), ko-b.tsv (120) written with it, never tuned on (main 0.8917, after
#   the last change 0.8917: the session's unseen figure). Floors about 2 points under.
hugi_accuracy_floors(probe12 sent-probe12 ko-a 0.91 ko-b 0.87)
# - sent-probe13: session twelve's Korean app and shop reviews (ko12; bench/README.md "Session
#   twelve: Korean (ko12)"): ko-app-a.tsv (110) written before any change of that session and
#   tuned on (main 0.8636, after it 0.9545), ko-app-b.tsv (104) written with it, never tuned on
#   (main 0.9808, after the last change 0.9808: the session's unseen figure). Floors about 2 points
#   under.
hugi_accuracy_floors(probe13 sent-probe13 ko-app-a 0.93 ko-app-b 0.96)
# - sent-probe14: session thirteen's Korean shop reviews of new product kinds and film comments
#   (ko13; bench/README.md "Session thirteen: Korean (ko13)"): the -a batches written before any
#   change of that session and tuned on (main 0.8583 shop, 0.8625 film), the -b batches written
#   with them, never tuned on (main 0.8583 shop, 0.8625 film). Floors at the figures the session
#   reached (the brief's rule for this set).
hugi_accuracy_floors(probe14 sent-probe14 ko-shop-a 0.9083 ko-shop-b 0.8666 ko-film-a 0.8625
                     ko-film-b 0.8625)
# Session nine's English review sentences (en9; tests/data/sent-probe10, bench/README.md "Session
# nine: English (en9)"): en-a.tsv written before any change of that session (main 0.794, 0.868
# after it), en-b.tsv written after its last change and measured once (main 0.708, 0.742: the
# session's unseen figure). Floors about 2 points under.
hugi_accuracy_floors(probe10 sent-probe10 en-a 0.85 en-b 0.72)
# Session ten's English reviews of other domains (en10; tests/data/sent-probe11, bench/README.md
# "Session ten: English (en10)"): en-a.tsv written before any change of that session and tuned
# on (main 0.875, 0.958 after it), en-b.tsv written at the same time and never tuned on (main
# 0.808, 0.817 after it: the session's unseen figure). Floors about 2 points under.
hugi_accuracy_floors(probe11 sent-probe11 en-a 0.93 en-b 0.79)
# Session eleven's English reviews of many domains and styles (en11; tests/data/sent-probe12,
# bench/README.md "Session eleven: English (en11)"): en-a.tsv written before any change and
# tuned on (main 0.773), en-b.tsv written at the same time and held back (main 0.833), en-c.tsv
# written after the session's rules (main 0.747). Floors at the level reached (0.873, 0.846,
# 0.773).
# en-d.tsv (en12; bench/README.md "Session eleven: English (en12)"): services told as facts,
# written before any change of that session; main 0.630, floor at the level reached (0.630).
# Session twelve (en13) raised en-b to 0.853 and en-d to 0.690: floors at the level reached.
# en-c 0.773 → 0.766 (one text of 150) in session twelve: its floor had been set with an
# en-learned.tsv that `make lexicons` no longer produced (learned before en11's rules); the file
# relearned by the current learner, which tests/lexicons_reproducible.sh now holds to, gives 0.7667.
# Session thirteen (en14) raised en-d to 0.710 (a trouble ended, a remedy not needed): floor
# at the level reached.
hugi_accuracy_floors(probe12 sent-probe12 en-a 0.873 en-b 0.853 en-c 0.766 en-d 0.710)
# Session twelve's English service reviews told as facts (en13; tests/data/sent-probe13,
# bench/README.md "Session twelve: English (en13)"): en-a.tsv written before any change and
# tuned on (main 0.726), en-b.tsv written at the same time and held back (main 0.679, misses
# never read), en-c.tsv written after the session's rules and measured once (main 0.6625).
# Floors at the level reached; en-c's (0.7375 with the stale en-learned.tsv above) at 0.725
# (58 of 80), what the relearned file gives.
hugi_accuracy_floors(probe13 sent-probe13 en-a 0.928 en-b 0.750 en-c 0.725)
# Session thirteen's English reviews of services and products told as outcomes (en14;
# tests/data/sent-probe14, bench/README.md "Session thirteen: English (en14)"): en-a.tsv
# written before any change and tuned on (main 0.6583), en-b.tsv written at the same time and
# held back (main 0.6250, misses never read); en-c.tsv written after all but the last rule and
# measured once (main 0.5875, misses never read). Floors at the level reached.
hugi_accuracy_floors(probe14 sent-probe14 en-a 0.741 en-b 0.625 en-c 0.587)

# `make lexicons` reproduces the shipped learned lexicons byte for byte (skipped without
# ../shared): a scorer change that moves what the learner's refinement sees must be followed by a
# relearn, or this fails.
add_test(NAME sent/lexicons-reproducible
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/lexicons_reproducible.sh $<TARGET_FILE:hugi>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(sent/lexicons-reproducible PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900
                     ENVIRONMENT "HUGI_SHARED_DIR=${HUGI_SHARED_DIR}" LABELS "shared-fixtures")
