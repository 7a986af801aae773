using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PressDeck.Connectors.X;

/// <summary>
/// The filtered stream's rules (protocols.md 3.3), with the app-only bearer token: list them, add and delete them,
/// or only validate with <c>dry_run</c>. Rules persist on X's side across connections and can change while
/// connected. Rule problems come back in a 200 and are returned, not thrown; refusals of the call throw
/// <see cref="XApiException"/>.
/// </summary>
public sealed class XStreamRulesClient
{
    private const string Path = "/2/tweets/search/stream/rules";

    private readonly XRequestSender _sender;

    public XStreamRulesClient(HttpClient http, IOptions<XOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _sender = new XRequestSender(http, options.Value, time);
    }

    /// <summary>Every rule the app has, following <c>next_token</c>.</summary>
    public async Task<IReadOnlyList<XStreamRule>> GetRulesAsync(IXTokenSource token, CancellationToken cancellationToken)
    {
        var rules = new List<XStreamRule>();
        string? next = null;
        do
        {
            var query = "?max_results=1000" + (next is null ? "" : "&pagination_token=" + Uri.EscapeDataString(next));
            using var document = Parse("list rules", await _sender.SendAsync("list rules", HttpMethod.Get, Path + query, null, token, cancellationToken));
            rules.AddRange(ReadRules(document.RootElement));
            next = document.RootElement.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("next_token", out var nextToken) && nextToken.ValueKind == JsonValueKind.String
                ? nextToken.GetString()
                : null;
        }
        while (next is not null);
        return rules;
    }

    /// <summary>Adds rules (or, with <paramref name="dryRun"/>, only asks X whether it would accept them).</summary>
    public async Task<XRuleChangeResult> AddRulesAsync(IReadOnlyCollection<XRule> rules, bool dryRun, IXTokenSource token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return new XRuleChangeResult([], 0, []);
        }

        var body = new { add = rules.Select(rule => new { value = rule.Value, tag = rule.Tag }).ToArray() };
        using var document = Parse("add rules", await _sender.SendAsync("add rules", HttpMethod.Post, Path + (dryRun ? "?dry_run=true" : ""), body, token, cancellationToken));
        return new XRuleChangeResult(ReadRules(document.RootElement), 0, XProblem.ReadAll(document.RootElement));
    }

    /// <summary>Deletes rules by id (or, with <paramref name="dryRun"/>, only asks X whether it could).</summary>
    public async Task<XRuleChangeResult> DeleteRulesAsync(IReadOnlyCollection<string> ids, bool dryRun, IXTokenSource token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new XRuleChangeResult([], 0, []);
        }

        var body = new { delete = new { ids = ids.ToArray() } };
        using var document = Parse("delete rules", await _sender.SendAsync("delete rules", HttpMethod.Post, Path + (dryRun ? "?dry_run=true" : ""), body, token, cancellationToken));
        var deleted = 0;
        if (document.RootElement.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object
            && summary.TryGetProperty("deleted", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var number))
        {
            deleted = number;
        }

        return new XRuleChangeResult([], deleted, XProblem.ReadAll(document.RootElement));
    }

    private static JsonDocument Parse(string operation, byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            throw new XApiException($"{operation} answered JSON that is not an object");
        }
        catch (JsonException exception)
        {
            throw new XApiException($"{operation} answered something that is not JSON", exception);
        }
    }

    private static List<XStreamRule> ReadRules(JsonElement root)
    {
        var rules = new List<XStreamRule>();
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return rules;
        }

        foreach (var rule in data.EnumerateArray())
        {
            if (rule.ValueKind == JsonValueKind.Object
                && rule.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && rule.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                var tag = rule.TryGetProperty("tag", out var tagElement) && tagElement.ValueKind == JsonValueKind.String ? tagElement.GetString() : null;
                // GetString returns null only for JSON null, and both kinds were checked to be strings.
                var ruleId = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
                rules.Add(new XStreamRule(ruleId, value.GetString()!, tag));
            }
        }

        return rules;
    }
}
