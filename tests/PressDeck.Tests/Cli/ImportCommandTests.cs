using Microsoft.Extensions.DependencyInjection;
using PressDeck.Core.Posts;
using PressDeck.Data.Archive;
using PressDeck.Testing;

namespace PressDeck.Tests.Cli;

[Trait("Issue", "4")]
public sealed class ImportCommandTests : IDisposable
{
    private readonly CliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_dry_run_prints_the_normalised_posts_of_a_jetstream_recording_in_the_batch_format()
    {
        var run = await CliFolder.RunAsync("import", "--network", "bluesky", SharedFixtures.PathOf("bluesky/jetstream_mixed_sample.jsonl"), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        var posts = lines.Select(line =>
        {
            Assert.True(PostJsonReader.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var post, out var error), error);
            return post!;
        }).ToList();
        Assert.All(posts, post =>
        {
            Assert.Equal(Network.Bluesky, post.Network);
            Assert.StartsWith("at://did:plc:", post.RemoteId, StringComparison.Ordinal);
            Assert.StartsWith("https://bsky.app/profile/", post.Url, StringComparison.Ordinal);
        });
        Assert.Contains(posts, post => post.Hashtags.SequenceEqual(["HowToTellAiToShutUp", "IndieRebellion"]));
        Assert.Contains("7 post(s), 1 delete(s), 5 other payload(s) skipped", run.Error, StringComparison.Ordinal);
        Assert.Contains("0 payload(s) refused", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payloads_it_cannot_read_are_reported_with_their_line_number_and_the_rest_still_come_out()
    {
        var sample = SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl");
        var file = _folder.Write("mixed.jsonl", [
            .. System.Text.Encoding.UTF8.GetBytes(sample[1] + "\n{\"did\":\"did:plc:x\",\"kind\":\"commit\"}\n"),
            0xFF, 0xFE, (byte)'\n',
            .. System.Text.Encoding.UTF8.GetBytes("not json\n" + sample[^3] + "\n"),
        ]);

        var run = await CliFolder.RunAsync("import", "--network", "bluesky", file, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("line 2: the event has no \"time_us\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: the event is not valid UTF-8", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: malformed JSON", run.Error, StringComparison.Ordinal);
        Assert.Contains("3 payload(s) refused", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dry_run_the_posts_go_into_the_archive_once_and_deletes_are_applied()
    {
        var sample = SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl");
        var createdLine = sample.First(line => line.Contains("\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\"", StringComparison.Ordinal));
        var created = System.Text.Json.Nodes.JsonNode.Parse(createdLine)!;
        var delete = new System.Text.Json.Nodes.JsonObject
        {
            ["did"] = created["did"]!.GetValue<string>(),
            ["time_us"] = created["time_us"]!.GetValue<long>() + 1,
            ["kind"] = "commit",
            ["commit"] = new System.Text.Json.Nodes.JsonObject
            {
                ["rev"] = "3x",
                ["operation"] = "delete",
                ["collection"] = "app.bsky.feed.post",
                ["rkey"] = created["commit"]!["rkey"]!.GetValue<string>(),
            },
        }.ToJsonString();
        var deletes = _folder.WriteLines("deletes.jsonl", delete);
        var data = System.IO.Path.Combine(_folder.Path, "data");
        var recording = SharedFixtures.PathOf("bluesky/jetstream_mixed_sample.jsonl");

        var first = await CliFolder.RunAsync("import", "--network", "bluesky", recording, "--data-folder", data);
        var again = await CliFolder.RunAsync("import", "--network", "bluesky", recording, "--data-folder", data);
        var deleted = await CliFolder.RunAsync("import", "--network", "bluesky", deletes, "--data-folder", data);

        Assert.Equal(0, first.ExitCode);
        Assert.Empty(first.Output);
        Assert.Contains("7 post(s), 1 delete(s)", first.Error, StringComparison.Ordinal);
        Assert.Contains("7 new post(s) stored, 0 edit(s), 0 already there", first.Error, StringComparison.Ordinal);
        Assert.Contains(System.IO.Path.Combine(data, "pressdeck.db"), first.Error, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 new post(s) stored, 0 edit(s), 7 already there", again.Error, StringComparison.Ordinal);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("1 post(s) deleted", deleted.Error, StringComparison.Ordinal);

        await using var app = PressDeckApp.Build(["--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0", $"--Storage:DataFolder={data}", "--Demo:Enabled=false"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var archive = scope.ServiceProvider.GetRequiredService<IPostArchive>();
        Assert.Equal(6, await archive.CountAsync(TestContext.Current.CancellationToken));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("mastodon", "mastodon/status_with_media_mastodon_social.json", "mastodon")]
    [InlineData("mastodon", "mastodon/streaming_ws_sample.jsonl", "mastodon")]
    [InlineData("x", "x/filtered_stream_sample.ndjson", "x")]
    [InlineData("x", "x/docs_examples/search_recent_with_expansions.json", "x")]
    [InlineData("rss", "rss/FR_Rss20NYTimes.xml", "rss")]
    [InlineData("rss", "rss/jsonfeed/GF_version_json_11.json", "rss")]
    public async Task Every_network_s_recordings_come_out_as_posts_of_that_network(string network, string fixture, string expected)
    {
        var run = await CliFolder.RunAsync("import", "--network", network, SharedFixtures.PathOf(fixture), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(run.OutputLines);
        Assert.All(run.OutputLines, line =>
        {
            Assert.True(PostJsonReader.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var post, out var error), error);
            Assert.Equal(expected, post!.Network.ToString().ToLowerInvariant());
            Assert.False(string.IsNullOrWhiteSpace(post.RemoteId));
            Assert.False(string.IsNullOrWhiteSpace(post.Author.Handle));
        });
    }

    [Fact]
    public async Task A_feed_that_cannot_be_read_is_reported_with_the_reason()
    {
        var run = await CliFolder.RunAsync("import", "--network", "rss", SharedFixtures.PathOf("rss/malformed/FP_illformed_rss_empty_document.xml"), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("1 payload(s) refused", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--network", "friendster", "FILE.jsonl", "--dry-run")]
    [InlineData("--network", "bluesky")]
    public async Task Unknown_networks_and_imports_it_cannot_do_are_refused_with_exit_code_2(params string[] args)
    {
        var file = _folder.WriteLines("FILE.jsonl", SharedFixtures.Lines("bluesky/jetstream_mixed_sample.jsonl")[1]);

        var run = await CliFolder.RunAsync(["import", .. args.Select(arg => arg == "FILE.jsonl" ? file : arg)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
    }
}
