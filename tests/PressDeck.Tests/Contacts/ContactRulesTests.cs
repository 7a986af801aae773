using PressDeck.Contacts;
using PressDeck.Core.Posts;

namespace PressDeck.Tests.Contacts;

/// <summary>Issue 7: which handles are valid on each network, and the form they are stored in.</summary>
[Trait("Issue", "7")]
public sealed class ContactRulesTests
{
    [Theory]
    [InlineData(Network.X, "@Jane_Doe", "jane_doe")]
    [InlineData(Network.X, " rep_1 ", "rep_1")]
    [InlineData(Network.Bluesky, "Jane.BSKY.social", "jane.bsky.social")]
    [InlineData(Network.Bluesky, "@press.gov.uk", "press.gov.uk")]
    [InlineData(Network.Bluesky, "did:plc:z72i7hdynmk6r22z27h6tvur", "did:plc:z72i7hdynmk6r22z27h6tvur")]
    [InlineData(Network.Mastodon, "@Bob@Mastodon.Social", "bob@mastodon.social")]
    [InlineData(Network.Mastodon, "jane.doe@journa.host", "jane.doe@journa.host")]
    public void Valid_handles_are_stored_lower_case_without_the_at_sign(Network network, string typed, string stored)
    {
        Assert.True(ContactRules.TryNormaliseHandle(network, typed, out var handle));
        Assert.Equal(stored, handle);
    }

    [Theory]
    [InlineData(Network.X, "this_handle_is_far_too_long")]
    [InlineData(Network.X, "jane.doe")]
    [InlineData(Network.X, "@")]
    [InlineData(Network.Bluesky, "jane")]
    [InlineData(Network.Bluesky, "jane..bsky.social")]
    [InlineData(Network.Bluesky, "-jane.bsky.social")]
    [InlineData(Network.Bluesky, "did:plc:short")]
    [InlineData(Network.Mastodon, "bob")]
    [InlineData(Network.Mastodon, "bob@localhost")]
    [InlineData(Network.Mastodon, "bob@mastodon.social@extra")]
    [InlineData(Network.Rss, "bbc-news")]
    public void Invalid_handles_are_refused(Network network, string typed) =>
        Assert.False(ContactRules.TryNormaliseHandle(network, typed, out _));

    [Fact]
    public void A_form_reports_every_problem_and_keeps_one_copy_of_a_handle_given_twice()
    {
        var (bad, problems) = ContactRules.Check(new ContactForm { Name = "", Email = "a@b", Beat = new string('b', 201), Phone = "call me" });
        var (good, none) = ContactRules.Check(new ContactForm { Name = " Jane ", Handles = [new ContactHandleForm(Network.X, "Jane"), new ContactHandleForm(Network.X, "@jane")] });

        Assert.Null(bad);
        Assert.Equal(["the name is missing", "the beat is 201 characters long; at most 200 fit", "\"a@b\" is not a valid email address", "\"call me\" is not a phone number (digits, spaces, + ( ) - . and an extension)"], problems);
        Assert.Empty(none);
        Assert.Equal("Jane", good?.Name);
        Assert.Equal([(Network.X, "jane")], good?.Handles);
    }
}
