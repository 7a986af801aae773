namespace PressDeck.Contacts;

/// <summary>The contacts with no interaction since <see cref="Cutoff"/> (the retention period of <see cref="Months"/>), oldest first.</summary>
public sealed record RetentionReview(int Months, DateTime Cutoff, IReadOnlyList<ContactSummary> Contacts);
