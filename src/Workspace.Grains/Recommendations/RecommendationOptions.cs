namespace Workspace.Grains.Recommendations;

/// <summary>Settings of recommendation threads (section <c>Workspace:Recommendations</c>).</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Workspace:Recommendations";

    /// <summary>How often an adopted recommendation with a review date checks whether the date has come (Orleans reminders: at least a minute in production).</summary>
    public TimeSpan ReviewCheckPeriod { get; set; } = TimeSpan.FromHours(1);
}
