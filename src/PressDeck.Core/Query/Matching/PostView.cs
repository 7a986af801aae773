using PressDeck.Core.Lists;
using PressDeck.Core.Text;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// The parts of one <see cref="AnalyzedPost"/> that matching reads, as arrays so that the hot loops index them
/// without interface calls or enumerators. One per thread, reloaded for every post; not thread-safe.
/// </summary>
internal sealed class PostView
{
    // Load runs before anything reads these two, so the null placeholders are never seen.
    public AnalyzedPost Post { get; private set; } = null!;

    public IListDirectory Lists { get; private set; } = null!;

    public string[] Tokens { get; private set; } = [];

    public string[] Hashtags { get; private set; } = [];

    public string[] Mentions { get; private set; } = [];

    public string[] Languages { get; private set; } = [];

    public LinkTarget[] Links { get; private set; } = [];

    public AttributeSet Attributes { get; private set; }

    public void Load(AnalyzedPost post, IListDirectory lists)
    {
        Post = post;
        Lists = lists;

        // The analyser exposes its arrays as read-only lists; the copies are a fallback that never runs today.
        Tokens = post.Tokens as string[] ?? [.. post.Tokens];
        Hashtags = post.Hashtags as string[] ?? [.. post.Hashtags];
        Mentions = post.Mentions as string[] ?? [.. post.Mentions];
        Languages = post.Languages as string[] ?? [.. post.Languages];
        Links = post.Links as LinkTarget[] ?? [.. post.Links];
        Attributes = AttributeSet.Of(post, Languages);
    }
}
