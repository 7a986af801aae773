namespace PressDeck.Connectors.X;

/// <summary>How a standing query fared in becoming X stream rules.</summary>
public enum XTranslationOutcome
{
    /// <summary>The rules select what the query selects (up to X's own matching: accents, tokenising).</summary>
    Exact,

    /// <summary>Part of the query has no X equivalent; the rules select more and PressDeck's matcher filters.</summary>
    Broadened,

    /// <summary>No X post can match (another network, accounts that are not X usernames): no rule is needed.</summary>
    NotNeeded,

    /// <summary>No sound rule exists, or the tier has no room; <see cref="XQueryTranslation.Reason"/> says why.</summary>
    Refused,
}
