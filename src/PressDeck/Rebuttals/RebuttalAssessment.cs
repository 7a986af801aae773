using PressDeck.Data.Rebuttals;

namespace PressDeck.Rebuttals;

/// <summary>The "assess the impact" step: how far it reaches, who it reaches and the harm, the facts and their sources.</summary>
public sealed record RebuttalAssessment(RebuttalReach Reach, string Impact, string Facts, string Sources);
