using PressDeck.Core.Ingest;
using PressDeck.Core.Posts;
using PressDeck.Core.Text;
using PressDeck.Data.Archive;

namespace PressDeck.Monitoring.Ingest;

/// <summary>
/// The one way a post becomes an archive entry, for the live pipeline and for <c>pressdeck import</c> alike: brought
/// within the limits (refused when it cannot be), then analysed by Core's normaliser.
/// </summary>
internal static class ArchiveEntryPreparation
{
    /// <summary>
    /// The entry for <paramref name="post"/>, or null with the reason in <paramref name="problem"/>. A post that was cut to
    /// fit comes back with <paramref name="problem"/> saying what was cut.
    /// </summary>
    public static ArchiveEntry? Prepare(Post post, DateTime receivedAt, out string? problem)
    {
        var check = PostSanitiser.Check(post);
        problem = check.Problem;
        if (check.Post is null)
        {
            return null;
        }

        try
        {
            return new ArchiveEntry(check.Post, PostAnalyzer.Analyze(check.Post), receivedAt);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            // One post the normaliser cannot read must not stop what comes behind it.
            problem = exception.Message;
            return null;
        }
    }
}
