using System.Text;

namespace PressDeck.Tests.Cli;

[Trait("Issue", "3")]
public sealed class MatchCommandTests : IDisposable
{
    private readonly CliFolder _folder = new();

    /// <summary>Every matching row of QUERY-LANGUAGE.md section 8, plus the "… matches it too" notes, as (query, post line, match).</summary>
    private static readonly (string Query, string Post, bool Matches)[] Examples =
    [
        ("apprentices", PostLine.Create("p", "More #Apprentices than ever"), true),
        ("#apprentices", PostLine.Create("p", "more apprentices than ever"), false),
        ("\"skills bill\"", PostLine.Create("p", "The Skills-Bill passes"), true),
        ("\"skills bill\"", PostLine.Create("p", "skills for the bill"), false),
        ("covid-19", PostLine.Create("p", "Covid 19 figures out"), true),
        ("naive", PostLine.Create("p", "A naïve plan"), true),
        ("strasse", PostLine.Create("p", "Straße closed"), true),
        ("emplo*", PostLine.Create("p", "Employers welcome it"), true),
        ("from:@BBCNews", PostLine.Create("p", "Budget day", author: "bbcnews"), true),
        ("@bbcnews", PostLine.Create("p", "thanks @BBCNews."), true),
        ("@bbcnews", PostLine.Create("p", "email press@bbcnews.com"), false),
        ("bbcnews", PostLine.Create("p", "thanks @bbcnews"), false),
        ("url:gov.uk", PostLine.Create("p", "see https://assets.publishing.gov.uk/x.pdf"), true),
        ("url:gov.uk/skills", PostLine.Create("p", "https://www.gov.uk/skills-bill"), true),
        ("skills bill OR apprentices", PostLine.Create("p", "apprentices rally"), true),
        ("skills -bill", PostLine.Create("p", "skills bill"), false),
        ("lang:en", PostLine.Create("p", "Budget day", lang: "en-GB"), true),
        ("is:reply", PostLine.Create("p", "Agreed, see this", kind: "reply", replyTo: "bbcnews", quoteOf: "q1"), true),
        ("is:quote", PostLine.Create("p", "Agreed, see this", kind: "reply", replyTo: "bbcnews", quoteOf: "q1"), true),
        ("rally", PostLine.Create("p", "apprentices rally", author: "jo", kind: "repost", repostOf: "unionnews"), true),
        ("from:jo", PostLine.Create("p", "apprentices rally", author: "jo", kind: "repost", repostOf: "unionnews"), true),
    ];

    public static TheoryData<string, string, bool> ExampleRows
    {
        get
        {
            var rows = new TheoryData<string, string, bool>();
            foreach (var (query, post, matches) in Examples)
            {
                rows.Add(query, post, matches);
            }

            return rows;
        }
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(ExampleRows))]
    public async Task Matches_each_example_of_the_query_language_as_the_spec_says(string query, string post, bool matches)
    {
        var posts = _folder.WriteLines("posts.jsonl", post);

        var run = await CliFolder.RunAsync("match", "--query", query, "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(matches ? "p\n" : "", run.Output.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("-budget", 1, "looks for nothing")]
    [InlineData("skills OR", 8, "OR with nothing after it")]
    public async Task Refuses_the_error_examples_with_exit_code_2_and_the_position(string query, int position, string message)
    {
        var posts = _folder.WriteLines("posts.jsonl", PostLine.Create("p1", "skills budget"));

        var run = await CliFolder.RunAsync("match", "--query", query, "--posts", posts);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains($"position {position}", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_the_whole_examples_table_as_one_batch_of_queries()
    {
        var queries = _folder.WriteLines("queries.tsv", [.. Examples.Select((row, index) => $"r{index}\t{row.Query}")]);
        var posts = _folder.WriteLines("posts.jsonl", [.. Examples.Select((row, index) => row.Post.Replace("\"id\":\"p\"", $"\"id\":\"p{index}\"", StringComparison.Ordinal))]);

        var run = await CliFolder.RunAsync("match", "--queries", queries, "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var pairs = run.OutputLines.Select(line => line.Split('\t')).Select(parts => (Query: int.Parse(parts[0][1..], System.Globalization.CultureInfo.InvariantCulture), Post: int.Parse(parts[1][1..], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        for (var index = 0; index < Examples.Length; index++)
        {
            Assert.True(Examples[index].Matches == pairs.Contains((index, index)), $"row {index}: {Examples[index].Query}");
        }

        Assert.Equal(pairs.OrderBy(pair => pair.Post).ThenBy(pair => pair.Query), pairs);
    }

    [Fact]
    public async Task Prints_matches_post_by_post_and_per_post_in_query_file_order()
    {
        var queries = _folder.WriteLines("queries.tsv", "zeta\tskills", "", "alpha\tbudget OR skills", "mid\t#budget");
        var posts = _folder.WriteLines(
            "posts.jsonl",
            PostLine.Create("p1", "The #Budget and skills"),
            PostLine.Create("p2", "Nothing here"),
            PostLine.Create("p3", "skills only"));

        var run = await CliFolder.RunAsync("match", "--queries", queries, "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["zeta\tp1", "alpha\tp1", "mid\tp1", "zeta\tp3", "alpha\tp3"], run.OutputLines);
    }

    [Fact]
    public async Task Checks_every_query_first_and_prints_each_error_with_its_id_and_no_matches()
    {
        var queries = _folder.WriteLines("queries.tsv", "good\tskills", "bad-or\tskills OR", "no-tab query", "negative\t-budget");
        var posts = _folder.WriteLines("posts.jsonl", PostLine.Create("p1", "skills"));

        var run = await CliFolder.RunAsync("match", "--queries", queries, "--posts", posts);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var errors = run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, errors.Length);
        Assert.Contains("line 2: query bad-or: invalid at position 8: OR with nothing after it", errors[0], StringComparison.Ordinal);
        Assert.Contains("line 3", errors[1], StringComparison.Ordinal);
        Assert.Contains("line 4: query negative: invalid at position 1", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_query_id_used_twice()
    {
        var queries = _folder.WriteLines("queries.tsv", "q\tskills", "q\tbudget");
        var posts = _folder.WriteLines("posts.jsonl", PostLine.Create("p1", "skills"));

        var run = await CliFolder.RunAsync("match", "--queries", queries, "--posts", posts);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2: query q: the id is used by an earlier line", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_lists_from_the_lists_file_case_insensitively()
    {
        var lists = _folder.Write("lists.json", """{"Press Office": ["@BBCNews", "jo.bsky.social"], "Other": []}""");
        var posts = _folder.WriteLines(
            "posts.jsonl",
            PostLine.Create("p1", "Budget day", author: "bbcnews"),
            PostLine.Create("p2", "Budget day", author: "someone.else"),
            PostLine.Create("p3", "Budget day", author: "JO.bsky.social"));

        var run = await CliFolder.RunAsync("match", "--query", "list:\"press OFFICE\" budget", "--posts", posts, "--lists", lists);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["p1", "p3"], run.OutputLines);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refuses_an_unknown_list_with_its_position(bool withListsFile)
    {
        var lists = _folder.Write("lists.json", """{"press": ["bbcnews"]}""");
        var posts = _folder.WriteLines("posts.jsonl", PostLine.Create("p1", "Budget day", author: "bbcnews"));
        string[] listsArguments = withListsFile ? ["--lists", lists] : [];

        var run = await CliFolder.RunAsync(["match", "--query", "budget list:nope", "--posts", posts, .. listsArguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("position 13: unknown list 'nope'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_lists_file_that_is_not_an_object_of_handle_arrays()
    {
        var lists = _folder.Write("lists.json", """{"press": "bbcnews"}""");
        var posts = _folder.WriteLines("posts.jsonl", PostLine.Create("p1", "Budget day"));

        var run = await CliFolder.RunAsync("match", "--query", "budget", "--posts", posts, "--lists", lists);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("list 'press' must be an array of handles", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_each_bad_line_with_its_number_and_reason_and_still_matches_the_others()
    {
        var good = Encoding.UTF8.GetBytes(PostLine.Create("p1", "skills bill") + "\n");
        var malformed = "{\"id\":\"p2\",\"network\":\n"u8.ToArray();
        var blank = "   \r\n\n"u8.ToArray();
        var missingText = Encoding.UTF8.GetBytes("""{"id":"p3","network":"bluesky","author":{"handle":"a"},"createdAt":"2026-11-25T10:00:00Z"}""" + "\r\n");
        var goodCrlf = Encoding.UTF8.GetBytes(PostLine.Create("p4", "more skills") + "\r\n");
        var tabInId = Encoding.UTF8.GetBytes(PostLine.Create("p5\tx", "skills") + "\n");
        var lastWithoutNewline = Encoding.UTF8.GetBytes(PostLine.Create("p6", "skills again"));
        var posts = _folder.Write("posts.jsonl", [.. good, .. malformed, .. blank, .. missingText, .. goodCrlf, .. tabInId, .. lastWithoutNewline]);

        var run = await CliFolder.RunAsync("match", "--query", "skills", "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["p1", "p4", "p6"], run.OutputLines);
        var errors = run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, errors.Length);
        Assert.Contains("posts.jsonl line 2 skipped: malformed JSON", errors[0], StringComparison.Ordinal);
        Assert.Contains("posts.jsonl line 5 skipped: missing \"text\"", errors[1], StringComparison.Ordinal);
        Assert.Contains("posts.jsonl line 7 skipped: the id contains a tab", errors[2], StringComparison.Ordinal);
        Assert.Contains("3 line(s)", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_line_of_invalid_utf8_and_goes_on()
    {
        byte[] invalid = [.. Encoding.UTF8.GetBytes("{\"id\":\"p2\",\"network\":\"bluesky\",\"author\":{\"handle\":\"a\"},\"text\":\"skills "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"createdAt\":\"2026-11-25T10:00:00Z\"}\n")];
        var posts = _folder.Write(
            "posts.jsonl",
            [.. Encoding.UTF8.GetBytes(PostLine.Create("p1", "skills") + "\n"), .. invalid, .. Encoding.UTF8.GetBytes(PostLine.Create("p3", "Skills") + "\n")]);

        var run = await CliFolder.RunAsync("match", "--query", "skills", "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["p1", "p3"], run.OutputLines);
        Assert.Contains("line 2 skipped: the line is not valid UTF-8", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_long_lines_and_skips_one_longer_than_the_payload_limit()
    {
        var longText = "skills " + new string('x', 300_000);
        var tooLong = "{\"id\":\"huge\",\"text\":\"" + new string('y', Core.Ingest.PostLimits.MaxPayloadBytes) + "\"}";
        var posts = _folder.WriteLines(
            "posts.jsonl",
            PostLine.Create("p1", longText),
            tooLong,
            PostLine.Create("p3", "skills"));

        var run = await CliFolder.RunAsync("match", "--query", "skills", "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["p1", "p3"], run.OutputLines);
        Assert.Contains("line 2 skipped: the line is longer than 1,000,000 bytes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Takes_a_query_that_starts_with_at_as_a_mention_not_a_response_file()
    {
        var posts = _folder.WriteLines("posts.jsonl", PostLine.Create("p1", "thanks @bbcnews"), PostLine.Create("p2", "thanks"));

        var run = await CliFolder.RunAsync("match", "--query", "@bbcnews", "--posts", posts);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["p1"], run.OutputLines);
    }

    [Fact]
    public async Task Says_clearly_when_an_input_file_is_missing_with_exit_code_1()
    {
        var missing = Path.Combine(_folder.Path, "missing.jsonl");

        var run = await CliFolder.RunAsync("match", "--query", "skills", "--posts", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains($"the posts file '{missing}' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("match", "--posts", "posts.jsonl")]
    [InlineData("match", "--query", "a", "--queries", "q.tsv", "--posts", "posts.jsonl")]
    [InlineData("match", "--query", "a")]
    [InlineData("match", "--query", "a", "--posts", "posts.jsonl", "--unknown")]
    public async Task Refuses_a_wrong_command_line_with_exit_code_2(params string[] args)
    {
        var run = await CliFolder.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Knows_its_verbs_and_leaves_everything_else_to_the_web_host()
    {
        Assert.True(PressDeck.Cli.PressDeckCli.IsVerb(["match", "--query", "x"]));
        Assert.False(PressDeck.Cli.PressDeckCli.IsVerb([]));
        Assert.False(PressDeck.Cli.PressDeckCli.IsVerb(["--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0"]));
        Assert.False(PressDeck.Cli.PressDeckCli.IsVerb(["Match"]));
    }
}
