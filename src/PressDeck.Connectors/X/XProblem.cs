using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PressDeck.Connectors.X;

/// <summary>
/// One problem the X API reported (protocols.md 3.9), from any of its three shapes: an RFC 7807 problem
/// (<c>type</c>, <c>title</c>, <c>detail</c>), an element of <c>errors[]</c> (the same fields, plus
/// <c>resource_id</c>, <c>parameter</c>, <c>value</c>, <c>disconnect_type</c>, <c>connection_issue</c>), or the
/// legacy <c>{code, message}</c>. <see cref="Type"/> is the suffix after <c>/2/problems/</c> (<c>rate-limit-exceeded</c>).
/// </summary>
public sealed record XProblem(string? Type, string? Title, string? Detail, int? Code = null, string? ResourceId = null, string? Value = null, string? Kind = null)
{
    /// <summary>The problem type that ends a stream connection on X's side (the client reconnects).</summary>
    public const string OperationalDisconnect = "operational-disconnect";

    public bool IsOperationalDisconnect =>
        string.Equals(Type, OperationalDisconnect, StringComparison.Ordinal)
        || string.Equals(Title, OperationalDisconnect, StringComparison.Ordinal);

    /// <summary>One line for people: title, detail and where it applies, without repeating itself.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var title = Title ?? Type ?? (Code is { } code ? "error " + code.ToString(CultureInfo.InvariantCulture) : "an error");
        text.Append(title);
        if (!string.IsNullOrWhiteSpace(Detail) && !string.Equals(Detail, Title, StringComparison.Ordinal))
        {
            text.Append(": ").Append(Detail);
        }

        if (Kind is not null)
        {
            text.Append(" (").Append(Kind).Append(')');
        }

        if (Value is not null && (Detail is null || !Detail.Contains(Value, StringComparison.Ordinal)))
        {
            text.Append(" [").Append(Value).Append(']');
        }

        return text.ToString();
    }

    /// <summary>
    /// Every problem a response body carries: the top-level problem (when it has a <c>title</c> or <c>type</c>) and
    /// each element of <c>errors[]</c>. Empty when the body reports none or is not a JSON object.
    /// </summary>
    public static IReadOnlyList<XProblem> ReadAll(JsonElement root)
    {
        var problems = new List<XProblem>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return problems;
        }

        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                if (Read(error) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        // The second shape repeats a summary beside errors[]; keep it only when it says something errors[] does not.
        if ((Has(root, "title") || Has(root, "type") || Has(root, "detail")) && Read(root) is { } top
            && !problems.Exists(problem => problem.Title == top.Title && problem.Detail == top.Detail))
        {
            problems.Insert(0, top);
        }

        return problems;
    }

    /// <summary>Reads a problem from a response body that is not JSON, or is JSON: what a person should read.</summary>
    public static IReadOnlyList<XProblem> ReadAll(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            return ReadAll(document.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static XProblem? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = String(element, "type");
        if (type is not null)
        {
            var index = type.LastIndexOf("/problems/", StringComparison.Ordinal);
            type = index >= 0 ? type[(index + "/problems/".Length)..] : type;
        }

        int? code = element.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.Number && codeElement.TryGetInt32(out var number) ? number : null;
        var title = String(element, "title");
        var detail = String(element, "detail") ?? String(element, "message");
        if (type is null && title is null && detail is null && code is null)
        {
            return null;
        }

        return new XProblem(
            type,
            title,
            detail,
            code,
            String(element, "resource_id"),
            String(element, "value"),
            String(element, "disconnect_type") ?? String(element, "connection_issue"));
    }

    private static bool Has(JsonElement element, string name) => element.TryGetProperty(name, out _);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
