using System.Globalization;
using System.Text;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;

namespace PressDeck.Bench.Matcher;

/// <summary>What the generated posts look like, to check them against BENCHMARKS.md (~25 tokens, ~140 characters, ~45% non-ASCII).</summary>
public static class WorkloadStatistics
{
    public static string Describe(IReadOnlyList<Post> posts, IReadOnlyList<AnalyzedPost> analysed)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(analysed);
        var characters = posts.Average(post => (double)post.Text.Length);
        var nonAscii = posts.Count(post => !Ascii.IsValid(post.Text)) / (double)posts.Count;
        var tokens = analysed.Average(post => (double)post.Tokens.Count);
        var mentions = analysed.Average(post => (double)post.Mentions.Count);
        var hashtags = analysed.Average(post => (double)post.Hashtags.Count);
        var english = analysed.Count(post => post.Languages.Contains("en")) / (double)analysed.Count;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Posts: {posts.Count:N0}; {characters:F0} characters and {tokens:F1} tokens per post; {mentions:F2} mentions and {hashtags:F2} hashtags per post; {nonAscii:P0} with a non-ASCII character; {english:P0} English.");
    }
}
