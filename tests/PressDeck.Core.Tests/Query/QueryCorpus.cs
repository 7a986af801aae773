namespace PressDeck.Core.Tests.Query;

/// <summary>Valid queries covering every construct, shared by round-trip, truncation and evaluator tests.</summary>
internal static class QueryCorpus
{
    public static readonly string[] ValidQueries =
    [
        "budget",
        "Skills Bill OR apprentices",
        "\"skills bill\" -leak",
        "covid-19 OR 東京",
        "emplo* lang:en",
        "#Budget OR #steel_news",
        "@bbcnews -from:jo",
        "from:@BBCNews to:jo",
        "list:ministers OR list:\"Select Committee\"",
        "network:twitter has:images",
        "url:gov.uk/skills OR https://www.gov.uk/budget",
        "is:reply -(is:repost OR is:quote)",
        "(a OR b) (c OR -d e) f",
        "lang:fr -budget AND (rally OR strike) OR network:rss has:links",
        "10:30 note: naïve Straße",
        "apprentices -(skills -bill)",
        "(((deep)))",
        "has:video OR has:media OR has:videos",
    ];
}
