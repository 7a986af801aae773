using System.ComponentModel.DataAnnotations;

namespace PressDeck.Connectors.X;

/// <summary>
/// How PressDeck talks to the X API v2 (protocols.md section 3). Nothing here is required: without a bearer token
/// the X sources simply do not start (X access costs money, so PressDeck never needs it).
/// </summary>
public sealed class XOptions
{
    public const string Section = "X";

    [Required]
    public Uri ApiUrl { get; set; } = new("https://api.x.com");

    /// <summary>The app-only bearer token (filtered stream, rules, search, lookups); null or empty means X is not configured.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The most one REST call may take, headers and body together.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>X sends a keep-alive line at least every 20 s; nothing for this long means the stream is dead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StreamReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a network failure (dropped connection, silence): the first wait, doubling up to <see cref="NetworkMaximumBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan NetworkInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan NetworkMaximumBackoff { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>After an HTTP error (5xx, 401, 403, 409): X's documented policy, 5 s doubling to 320 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HttpInitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HttpMaximumBackoff { get; set; } = TimeSpan.FromSeconds(320);

    /// <summary>After a 429 that names no reset time: 60 s doubling (when it names one, PressDeck waits exactly until then).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RateLimitInitialBackoff { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RateLimitMaximumBackoff { get; set; } = TimeSpan.FromMinutes(16);

    /// <summary>
    /// Minutes of missed posts to ask for when the stream reconnects (<c>backfill_minutes</c>, 0–5, higher tiers
    /// only; 0 = do not ask). Duplicates this brings are dropped by the archive's unique key.
    /// </summary>
    [Range(0, 5)]
    public int StreamBackfillMinutes { get; set; }

    /// <summary>The most stream rules the tier allows (protocols.md 3.3: Pro and pay-per-use 1,000).</summary>
    [Range(1, 100_000)]
    public int MaxRules { get; set; } = 1000;

    /// <summary>The longest rule the tier allows, in characters (Pro and pay-per-use 1,024; Enterprise 2,048).</summary>
    [Range(16, 4096)]
    public int MaxRuleLength { get; set; } = 1024;

    /// <summary>The office's account id (for mentions), when a user-context account is connected.</summary>
    public string? AccountUserId { get; set; }

    /// <summary>True when a bearer token is set, so the X sources may start.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BearerToken);
}
