#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes N review records as hugi JSONL (Korean and English, ratings, dates, authors), for
# bench_import.sh. Deterministic: the same N gives the same file.
#   gen_reviews.py N > reviews.jsonl
import json, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
rnd = random.Random(42)
ko_pos = ["배송 빠르고 좋아요", "음질이 정말 최고예요", "가성비 좋네요 재구매 의사 있어요",
          "포장도 꼼꼼하고 만족합니다", "색상이 사진이랑 똑같아요 ㅎㅎ", "선물했는데 다들 좋아해요"]
ko_neg = ["배송이 너무 늦어요", "한쪽 이어폰이 안 들려요 교환 요청합니다", "포장이 찢어져서 왔어요",
          "사이즈가 너무 작아요 ㅠㅠ", "고객센터 연락이 안 돼요", "냄새가 심하고 마감이 별로예요"]
en_pos = ["Works great, no problems at all", "Excellent sound for the price",
          "Arrived early and well packed", "My kids love it, would buy again"]
en_neg = ["Stopped working after a week", "The battery drains way too fast",
          "Customer service never answered my emails", "Box was crushed and the mug was chipped"]
names = ["김민수", "이영희", "박지훈", "최수진", "정우성", "jane", "tom_k", "ann.lee", "mike77"]
out = sys.stdout
w = out.write
for i in range(n):
    ko = rnd.random() < 0.6
    rating = rnd.choice([1, 2, 3, 4, 5, 5, 5, 4])
    pool = (ko_pos if rating >= 4 else ko_neg) if ko else (en_pos if rating >= 4 else en_neg)
    text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(1, 3)))
    r = {"source": "shop%d" % (i % 5), "product": "P%04d" % (i % 1000), "id": "r%d" % i,
         "author": rnd.choice(names), "rating": rating,
         "date": "2025-%02d-%02dT%02d:00:00Z" % (1 + i % 12, 1 + i % 28, i % 24),
         "lang": "ko" if ko else "en", "text": text}
    w(json.dumps(r, ensure_ascii=False))
    w("\n")
