using System.Text;
using PressDeck.Cli;

namespace PressDeck.Tests.Cli;

[Trait("Issue", "3")]
public sealed class Utf8LineReaderTests
{
    [Fact]
    public async Task Reads_lines_across_buffer_boundaries_with_lf_crlf_and_no_final_break()
    {
        var lines = await ReadAllAsync("first\r\nsecond line here\n\nthird\r\nlast", maxLineBytes: 100, initialBufferBytes: 3);

        Assert.Equal(["1:first", "2:second line here", "3:", "4:third", "5:last"], lines);
    }

    [Fact]
    public async Task Skips_a_line_longer_than_the_limit_and_reads_on()
    {
        var lines = await ReadAllAsync("short\n" + new string('x', 50) + "\nafter\n" + new string('y', 11), maxLineBytes: 10, initialBufferBytes: 4);

        Assert.Equal(["1:short", "2:too long", "3:after", "4:too long"], lines);
    }

    [Fact]
    public async Task Reads_nothing_from_an_empty_stream()
    {
        var lines = await ReadAllAsync("", maxLineBytes: 10, initialBufferBytes: 4);

        Assert.Empty(lines);
    }

    private static async Task<List<string>> ReadAllAsync(string content, int maxLineBytes, int initialBufferBytes)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var reader = new Utf8LineReader(stream, maxLineBytes, initialBufferBytes);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken))
        {
            lines.Add($"{reader.LineNumber}:{(reader.IsTooLong ? "too long" : Encoding.UTF8.GetString(reader.Line.Span))}");
        }

        return lines;
    }
}
