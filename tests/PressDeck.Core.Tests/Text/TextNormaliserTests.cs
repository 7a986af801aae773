using PressDeck.Core.Text;

namespace PressDeck.Core.Tests.Text;

public sealed class TextNormaliserTests
{
    [Theory]
    [InlineData("Budget", "budget")]
    [InlineData("Café", "cafe")]
    [InlineData("Économie", "economie")]
    [InlineData("naïve", "naive")]
    [InlineData("Straße", "strasse")]
    [InlineData("STRAẞE", "strasse")]
    [InlineData("ΟΔΥΣΣΕΥΣ", "οδυσσευσ")]
    [InlineData("Ὀδυσσεύς", "οδυσσευσ")]
    [InlineData("Ёлка", "елка")]
    [InlineData("ﬁnance", "finance")]
    [InlineData("ＢＵＤＧＥＴ", "budget")]
    [InlineData("Việt", "viet")]
    [InlineData("हिंदी", "हिंदी")]
    [InlineData("مُحَمَّد", "مُحَمَّد")]
    [InlineData("東京", "東京")]
    public void Normalises_words_as_section_2_says(string input, string expected)
    {
        var normalised = TextNormaliser.NormaliseWord(input);

        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("minister's", "minister s")]
    [InlineData("covid-19", "covid 19")]
    [InlineData("東京", "東 京")]
    [InlineData("ひらがなカタカナ", "ひ ら が な カ タ カ ナ")]
    [InlineData("東京で会議 meeting", "東 京 で 会 議 meeting")]
    [InlineData("한국어 텍스트", "한국어 텍스트")]
    [InlineData("🎉 party 🎉", "party")]
    [InlineData("I ❤️ NY", "i ny")]
    [InlineData("1️⃣ step", "step")]
    [InlineData("£5 ≥ €4 ™", "5 4 tm")]
    [InlineData("steel_news", "steel news")]
    [InlineData("x²", "x2")]
    public void Tokenises_runs_of_letters_digits_and_marks(string input, string expected)
    {
        var tokens = TextNormaliser.NormaliseAndTokenise(input);

        Assert.Equal(expected, string.Join(' ', tokens));
    }

    [Fact]
    public void Emoji_and_symbols_alone_give_no_tokens()
    {
        var tokens = TextNormaliser.NormaliseAndTokenise("🎉👍🏽 → ★ ... !!! 🇬🇧 👨‍👩‍👧");

        Assert.Empty(tokens);
    }

    [Theory]
    [InlineData("<p>Hello</p><p>world</p>", "Hello\nworld")]
    [InlineData("line<br>break", "line\nbreak")]
    [InlineData("line<br/>break<BR />again", "line\nbreak\nagain")]
    [InlineData("bud<b>get</b> day", "budget day")]
    [InlineData("fish &amp; chips &lt;b&gt; &#x27;quoted&#39; &eacute;t&eacute; &nbsp;x", "fish & chips <b> 'quoted' été x")]
    [InlineData("a<script>alert('<p>x</p>')</script>b", "ab")]
    [InlineData("a<style type=\"text/css\">p { color: red }</style>b", "ab")]
    [InlineData("a<!-- <p>comment</p> -->b", "ab")]
    [InlineData("<a href=\"x\" title=\"a > b\">link</a> text", "link text")]
    [InlineData("2 < 3 and 5 > 4", "2 < 3 and 5 > 4")]
    [InlineData("<ul><li>one</li><li>two</li></ul>", "one\ntwo")]
    [InlineData("unterminated <p class=\"x", "unterminated")]
    [InlineData("<script>never closed", "")]
    [InlineData("", "")]
    [InlineData("  spaced \t  out  ", "spaced out")]
    public void Turns_html_into_text(string html, string expected)
    {
        var text = TextNormaliser.HtmlToText(html);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Mastodon_content_becomes_words_a_link_and_a_mention()
    {
        const string html = "<p>Thanks <span class=\"h-card\"><a href=\"https://mastodon.social/@bob\" class=\"u-url mention\">@<span>bob</span></a></span> for the <a href=\"https://www.gov.uk/budget\"><span class=\"invisible\">https://www.</span><span>gov.uk/budget</span></a></p><p>More soon</p>";

        var text = TextNormaliser.HtmlToText(html);

        Assert.Equal("Thanks @bob for the https://www.gov.uk/budget\nMore soon", text);
    }
}
