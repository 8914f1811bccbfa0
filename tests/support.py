"""Helpers several test modules share (imported as ``support``; pytest puts tests/ on the path)."""

from __future__ import annotations

from ghatna.model import Doc, Trigger
from ghatna.pipeline import STAGES, Pipeline


def run_until(stage: str, text: str) -> Doc:
    """The document after the pipeline's stages up to and including ``stage``."""
    upto = [s.__name__ for s in STAGES].index(stage) + 1
    return Pipeline(STAGES[:upto])(Doc(text=text))


def triggers_until(stage: str, text: str) -> list[tuple[str, Trigger]]:
    """(surface words in the input, trigger) for every trigger of the document after ``stage``."""
    doc = run_until(stage, text)
    out = []
    for s in doc.sentences:
        for t in s.triggers:
            a, b = s.tokens[t.start_tok].start, s.tokens[t.end_tok - 1].end
            out.append((doc.source_text(a, b), t))
    return out


def trigger_until(stage: str, text: str, surface: str) -> Trigger:
    """The first trigger whose words are ``surface``, after ``stage``."""
    found = [t for w, t in triggers_until(stage, text) if w == surface]
    assert found, f"no trigger {surface!r} in {[w for w, _ in triggers_until(stage, text)]}"
    return found[0]


ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>દુનિયા સમાચાર</title>
<id>urn:uuid:feed-1</id>
<updated>2023-04-02T12:00:00Z</updated>
<entry>
<title>ઈરાન-ઇઝરાયલ</title>
<id>urn:uuid:entry-1</id>
<link href="https://example.com/a/1"/>
<published>2023-04-01T08:00:00Z</published>
<updated>2023-04-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;ઈરાને ઇઝરાયલની નિંદા કરી.&lt;/p&gt;</content>
</entry>
<entry>
<title>મોદીની મુલાકાત</title>
<id>urn:uuid:entry-2</id>
<link href="https://example.com/a/2"/>
<published>2023-04-02T09:00:00Z</published>
<summary>વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી.</summary>
</entry>
</feed>
"""

#: a news page with navigation and a footer around its article
HTML_PAGE = """<!DOCTYPE html>
<html lang="gu">
<head>
<meta charset="utf-8">
<link rel="canonical" href="https://news.example.in/2023/06/india-pakistan">
<title>ભારતે પાકિસ્તાનની ટીકા કરી</title>
<meta property="og:title" content="ભારતે પાકિસ્તાનની ટીકા કરી">
<meta property="article:published_time" content="2023-06-12T09:30:00+05:30">
</head>
<body>
<nav><a href="/">મુખ્ય પાનું</a> | <a href="/world">દુનિયા</a> | <a href="/sports">રમતગમત</a></nav>
<article>
<h1>ભારતે પાકિસ્તાનની ટીકા કરી</h1>
<p>ભારતે પાકિસ્તાનની આકરી ટીકા કરી. સરહદ પર થયેલા ગોળીબાર પછી નવી દિલ્હીમાં વિદેશ મંત્રાલયે આ નિવેદન બહાર
પાડ્યું હતું અને પરિસ્થિતિ પર નજર રાખવામાં આવી રહી છે.</p>
<p>અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે. આ પ્રતિબંધો મિસાઇલ પરીક્ષણો પછી લાદવામાં આવ્યા હોવાનું
અધિકારીઓએ જણાવ્યું હતું.</p>
</article>
<footer>કૉપિરાઇટ © ૨૦૨૩ સમાચાર. બધા હકો અનામત.</footer>
</body>
</html>
"""

#: an RSS feed of two entries, the second with HTML in its description
RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>ગુજરાત સમાચાર ફીડ</title>
<link>https://example.org/</link>
<description>તાજા સમાચાર</description>
<item>
<title>રશિયાનો હુમલો</title>
<link>https://example.org/news/1</link>
<guid>https://example.org/news/1</guid>
<pubDate>Tue, 07 Mar 2023 10:00:00 +0530</pubDate>
<description>રશિયાએ યુક્રેન પર હુમલો કર્યો.</description>
</item>
<item>
<title>ચીન-જાપાન</title>
<link>https://example.org/news/2</link>
<guid>https://example.org/news/2</guid>
<pubDate>Wed, 08 Mar 2023 11:00:00 +0530</pubDate>
<description>&lt;p&gt;ચીને જાપાનની ટીકા કરી.&lt;/p&gt;</description>
</item>
</channel>
</rss>
"""
