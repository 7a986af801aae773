using PressDeck.Connectors.Bluesky;
using PressDeck.Testing;

namespace PressDeck.Connectors.Tests.Bluesky;

/// <summary>The atproto interop syntax files (../shared/fixtures/bluesky/syntax) against PressDeck's readers.</summary>
[Trait("Issue", "4")]
public sealed class BlueskySyntaxTests
{
    [Fact]
    public void Every_valid_handle_of_the_interop_files_is_accepted()
    {
        var handles = Entries("handle_syntax_valid.txt");

        Assert.NotEmpty(handles);
        Assert.All(handles, handle => Assert.True(BlueskyHandle.IsValid(handle), handle));
    }

    [Fact]
    public void Every_valid_record_uri_of_the_interop_files_is_read_and_written_back_unchanged()
    {
        // PressDeck reads record URIs only (authority, collection and record key), the form posts are named by.
        var uris = Entries("aturi_syntax_valid.txt").Where(uri => uri[5..].Split('/').Length == 3).ToList();

        Assert.NotEmpty(uris);
        Assert.All(uris, text =>
        {
            Assert.True(AtUri.TryParse(text, out var uri), text);
            Assert.Equal(text, uri!.ToString());
        });
    }

    [Fact]
    public void No_invalid_uri_of_the_interop_files_is_read()
    {
        var uris = Entries("aturi_syntax_invalid.txt", trim: false);

        Assert.NotEmpty(uris);
        Assert.All(uris, text => Assert.False(AtUri.TryParse(text, out _), text));
    }

    private static List<string> Entries(string file, bool trim = true) =>
        [.. File.ReadAllLines(SharedFixtures.PathOf(Path.Combine("bluesky", "syntax", file)))
            .Where(line => line.Trim().Length > 0 && !line.StartsWith('#'))
            .Select(line => trim ? line.Trim() : line)];
}
