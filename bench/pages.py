"""A realistic procuratorate article page around a plain text, for measurements and tests.

The template is what these sites serve (a TRS-style CMS page): a head with scripts and
styles, a top bar with a font-size switcher, a navigation menu, a breadcrumb across links
(``Current location: <a>home page</a> &gt;&gt; …``), the article's title and info bar, the
article itself (each paragraph a ``<p>``, its lines joined by ``<br>``, the text wrapped in
the inline ``<span style=…>`` an editor pastes), print/close links, a share bar, a hidden
QR-code layer, scripts in the body and a footer with copyright, sponsor and ICP lines.

:func:`corpus_page` returns the page and the span of the article in it, so that findings
inside the article can be compared with those on the plain text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title_attr}_Huoshan County People's Procuratorate</title>
<meta name="keywords" content="procuratorate, “ Dandelion ” , 检察院" />
<link rel="stylesheet" type="text/css" href="/images/style.css" />
<style type="text/css">
  .nav li {{ float: left; }} .crumbs a:after {{ content: " >> "; }} p.text {{ text-indent: 2em; }}
</style>
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">
  var title = "Current location: home page >> News , 1、 “ Dandelion ”";
  function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
  if (a < b && b > c) {{ document.write("<p>Print this page</p>"); }}
</script>
</head>
<body>
<!-- top bar -->
<div class="topbar">
  <div class="date">Today is Tuesday, August 31, 2020</div>
  <div class="tools">Font size: <a href="javascript:doZoom(16)">large</a> | <a href="javascript:doZoom(14)">in</a> | <a href="javascript:doZoom(12)">Small</a></div>
</div>
<div class="header"><img src="/images/logo.png" alt="Huoshan County People's Procuratorate" /></div>
<div class="nav">
  <ul>
    <li><a href="/">Home page</a></li>
    <li><a href="/jcyw/">Procuratorial affairs</a></li>
    <li><a href="/dwjs/">Party building and team building</a></li>
    <li><a href="/jcwh/">Procuratorial culture</a></li>
    <li><a href="/gzbg/">Work report</a></li>
  </ul>
</div>
<div class="crumbs">Current location: <a href="/">home page</a> &gt;&gt; <a href="/dwjs/">Party building and team building</a> &gt;&gt; <a href="/dwjs/jcyjs/">Procuratorial team building</a></div>
<div class="article">
  <h1 class="title">{title}</h1>
  <div class="info">Time: August 31, 2020&nbsp;&nbsp;Author: &nbsp;&nbsp;News source: Political Department&nbsp;&nbsp;Views: <span id="hits">1024</span></div>
  <div id="zoom" class="content">
"""

TAIL = """  </div>
  <div class="print">【<a href="javascript:window.print()">Print this page</a>】【<a href="javascript:window.close()">Close window</a>】</div>
  <div class="share">Share to: <a href="#">WeChat</a> <a href="#">Weibo</a></div>
  <div class="qrcode" style="display: none">Scan the QR code to share “ this ” page</div>
</div>
<script type="text/javascript">
  var _hmt = _hmt || []; document.getElementById("hits").innerHTML = "1025";
</script>
<div class="footer">
  <p>Copyright © 2020 Huoshan County People's Procuratorate All rights reserved</p>
  <p>Sponsor: Huoshan County People's Procuratorate&nbsp;&nbsp;Address: 8 Yingbin Avenue&nbsp;&nbsp;Tel: 0564-5022222</p>
  <p>Wan ICP No. 05001234-1</p>
</div>
</body>
</html>
"""


@dataclass
class Page:
    html: str
    #: the article's paragraphs in ``html``: [start, end) offsets
    article_start: int
    article_end: int


def article_html(text: str) -> str:
    """Paragraphs (blocks separated by blank lines) as ``<p>``; their lines joined by ``<br>``."""
    blocks = []
    block: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    out = []
    for b in blocks:
        inner = "<br />\n".join(html.escape(line, quote=False) for line in b)
        out.append(f'    <p class="text"><span style="font-family: 宋体; font-size: 12pt">{inner}</span></p>\n')
    return "".join(out)


def corpus_page(text: str, title: str = "Brand Exhibition", charset: str = "utf-8") -> Page:
    """``text`` (a plain article) inside the template."""
    head = HEAD.format(charset=charset, title=html.escape(title, quote=False),
                       title_attr=html.escape(title, quote=False))
    body = article_html(text)
    return Page(head + body + TAIL, len(head), len(head) + len(body))


def corpus_text(path: Path) -> str:
    """A corpus file without its ``# source:`` line."""
    raw = path.read_text(encoding="utf-8")
    return raw.split("\n", 1)[1] if raw.startswith("# source:") else raw
